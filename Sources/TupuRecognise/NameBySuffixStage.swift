import TupuGazetteer
import TupuKit

/// Names that end in a type word: organisations (…党工委, …医院, …有限公司), named
/// facilities (…之家, …纪念馆) and areas (…景区, …片区). From the type word the name is
/// extended to the left over places (衢州市柯城区府山街道|党工委) and name characters,
/// stopping at punctuation and function words (来自|柯城口腔医院, 与|浙江工业大学).
/// A name with nothing proper in it (该街道党工委, 社区党委) is kept as a reference
/// for the resolver, or dropped when its type word is too weak to refer (街道卫生院).
///
/// Organisations known whole are found in the same scan, ahead of the type words: the national
/// and Zhejiang provincial bodies of the organisation gazetteer (公安部, 工信部, 省民政厅) and a
/// user's `--gazetteer` organisations. Such a name may start with the place the place stage found
/// (浙江省|民政厅); a national name right after a place or a level word (市|公安部门) is a local
/// body's word, left to the type words.
public struct NameBySuffixStage: RecognitionStage {
    public let name = "names-by-suffix"

    enum Category {
        case area(weak: Bool)
        case facility
        case org(OrgTypeWord)
        case name(OrgName)
        /// 县委, 市委, 区委: the party committee of the place the level word stands for.
        case levelCommittee
    }
    let categories: [Category]
    /// The type words and names, distinct, by their last scalar; each one's first pattern (a word
    /// listed twice counts as its first category). A scan tests one bit per scalar for a possible end.
    let typeWords: WordsByScalar
    let patternOfWord: [Int]
    // The word lists are the stage's own stored properties: read inside the scans, where a
    // `static let` costs a lazy-initialisation check at every use.
    let stops = WordSet(Lexicon.stopWords + Lexicon.counted)
    let counted = WordSet(Lexicon.counted)
    let generic = WordSet(Lexicon.genericNameParts)
    let kindWords = WordSet(Lexicon.kindsOfAreaAndFacility)
    let strongAreaWords = WordSet(Lexicon.areaSuffixes)
    let branchTail = WordSet(["店", "分店", "支行", "分行", "门店"])
    /// The levels a party committee is named after (某某市委), and what makes 委 part of another word (委员, 委托).
    let levels = ScalarSet("省市县区")
    let notAfterCommittee = ScalarSet("员会托屈婉")
    /// Verbs, adverbs and prepositions a name does not start with (随着|…, 调研|…, 现入驻|…).
    let boundary = Lexicon.boundary
    let innerTypeWords = WordSet(Lexicon.orgTypeWords.map(\.word))
    let andWords = WordSet(Lexicon.wordsStartingWithAnd)
    /// Function characters that open many names (同心, 向阳): one is the name's right after a place.
    /// Not 为, which more often joins a place to the body it honours (某镇为某服务队授旗).
    let namesOpening = ScalarSet("同向")
    let partyWords = WordSet(Lexicon.orgTypeWords.filter { $0.kind == .party }.map(\.word))
    /// A count right after a verb after the type word (医院|建起81家): the type word names a kind, not one body.
    let numerals = ScalarSet("0123456789０１２３４５６７８９一二三四五六七八九十两几数多百千万")
    /// Level words that make a following national name a local body's word (市|公安部门).
    let levelBefore = ScalarSet("省市县区镇乡街村")
    /// 公安部|门: a known name followed by these is part of a longer word.
    let wordAfterName = ScalarSet("门署")
    /// Name characters a name may run left of its type word: further on, no boundary came and the span would start mid-phrase.
    static let maxProper = 14

    /// `names`: organisations known whole (the bundled ones and a user's).
    public init(names: [OrgName] = Lexicon.orgNames) {
        var words: [String] = []
        var categories: [Category] = []
        // Names first: a user's name that is also a type word is the name.
        for entry in names {
            for form in [entry.name] + entry.aliases where form.unicodeScalars.count >= 2 {
                words.append(form)
                categories.append(.name(entry))
            }
        }
        for w in Lexicon.areaSuffixes {
            words.append(w)
            categories.append(.area(weak: false))
        }
        for w in Lexicon.weakAreaSuffixes {
            words.append(w)
            categories.append(.area(weak: true))
        }
        for w in Lexicon.facilitySuffixes {
            words.append(w)
            categories.append(.facility)
        }
        for s in Lexicon.orgTypeWords {
            words.append(s.word)
            categories.append(.org(s))
        }
        for w in ["县委", "市委", "区委"] {
            words.append(w)
            categories.append(.levelCommittee)
        }
        self.categories = categories
        var distinct: [[Unicode.Scalar]] = []
        var patternOfWord: [Int] = []
        var seen = Set<String>()
        for (pattern, word) in words.enumerated() where !word.isEmpty && seen.insert(word).inserted {
            distinct.append(Array(word.unicodeScalars))
            patternOfWord.append(pattern)
        }
        self.typeWords = WordsByScalar(distinct, keyedBy: .last)
        self.patternOfWord = patternOfWord
    }

    /// Where a type word or known name may end.
    public var scanKeys: [ScalarSet] { [typeWords.keys] }

    public func run(_ state: inout RecognitionState) {
        // The longest type word ending at each offset (党支部 rather than 支部), outside by-lines.
        var ordered: [ScalarMatcher.Match] = []
        state.text.withUnsafeBufferPointer { text in
            for last in state.scanPoints[0] {
                // 青山小学|校长: a type word whose last character starts a title is not this name's end.
                let end = last + 1
                if end < text.count, text[end] == "长" { continue }
                // 服务社|会: 社 that opens 社会 ends no name.
                if end < text.count, text[last] == "社", text[end] == "会" { continue }
                typeWords.forEachWord(at: last, in: text) { range, word in
                    guard !state.isByline(at: range.lowerBound) else { return false }
                    let match = ScalarMatcher.Match(start: range.lowerBound, end: end, pattern: patternOfWord[word])
                    // A known name that does not stand as one here leaves the end to a shorter type word.
                    if case .name = categories[match.pattern], !standsAsName(match, state) { return false }
                    ordered.append(match)
                    return true
                }
            }
        }
        // Known names first (the type words inside them are theirs), then areas: organisations
        // are often named after them (灵山景区…党支部).
        for m in ordered { if case .name(let entry) = categories[m.pattern] { state.add(knownName(m, entry, state)) } }
        for m in ordered { if case .area(let weak) = categories[m.pattern] { addArea(m, weak: weak, &state) } }
        var orgs: [Mention] = []
        for m in ordered {
            switch categories[m.pattern] {
            case .area, .name: continue
            case .facility: addFacility(m, &state)
            case .org(let suffix): if let org = organisation(m, suffix, state) { orgs.append(org) }
            case .levelCommittee: if let committee = levelCommittee(m, state) { orgs.append(committee) }
            }
        }
        partyCommittees(&orgs, state)
        addOrganisations(orgs, &state)
    }

    // MARK: Known names

    /// The run of places a known name starts with (浙江省|民政厅), ending inside it.
    func placePrefixEnd(of m: ScalarMatcher.Match, _ state: RecognitionState) -> Int? {
        var prefixEnd: Int? = nil
        while let place = state.rangeOfMention(startingAt: prefixEnd ?? m.start, kinds: .place), place.upperBound < m.end {
            prefixEnd = place.upperBound
        }
        return prefixEnd
    }

    /// Whether a known name's match is that body: free of earlier mentions after its places, not
    /// the start of a longer word (公安部|门), not a national name after a place or level (市|公安部).
    func standsAsName(_ m: ScalarMatcher.Match, _ state: RecognitionState) -> Bool {
        let text = state.text
        let prefixEnd = placePrefixEnd(of: m, state)
        if state.isTaken((prefixEnd ?? m.start)..<m.end) { return false }
        if m.end < text.count, wordAfterName.contains(text[m.end]) { return false }
        if prefixEnd == nil, m.start > 0,
            levelBefore.contains(text[m.start - 1]) || state.rangeOfMention(endingAt: m.start, kinds: .place) != nil
        {
            return false
        }
        return true
    }

    func knownName(_ m: ScalarMatcher.Match, _ entry: OrgName, _ state: RecognitionState) -> Mention {
        var mention = Mention(
            kind: .org, range: m.start..<m.end, text: state.string(m.start..<m.end),
            rule: .orgGazetteer, confidence: 0.9)
        mention.subkind = .org(entry.kind)
        mention.placePrefixEnd = placePrefixEnd(of: m, state)
        mention.core = entry.name
        return mention
    }

    // MARK: Left extension

    struct Extension {
        var start: Int
        /// End of the leading run of places, if the name starts with one.
        var placePrefixEnd: Int?
        /// The name between the place prefix and the type word (quote marks in it do not count).
        var proper: Range<Int>
        /// Scalars of `proper` that are not quote marks.
        var properCount: Int
        /// Whether an organisation's type word lies inside (…有限公司|党支部): a long name is two names.
        var nested = false
    }

    /// Walks left from `end` over places and name characters until a boundary; nil when
    /// no boundary comes within reach (the span would start mid-word).
    /// `organisation`: the name is an organisation's, whose words of 和 (某地和乐餐饮公司) it may hold.
    /// `members`: the type word is an association's, whose members a 家 right before it names (摄影家|协会).
    func extendLeft(from end: Int, _ state: RecognitionState, organisation: Bool = false, members: Bool = false) -> Extension? {
        let text = state.text
        var i = end
        var properCount = 0
        var afterPlace = false
        var nested = false
        while i > 0 {
            if let place = state.rangeOfMention(endingAt: i, kinds: .place) {
                i = place.lowerBound
                afterPlace = true
                properCount = 0
                continue
            }
            // 果园”致富联盟: a quoted modifier glued to the type word belongs to the name.
            if QuoteStage.isClosingQuote(text[i - 1]), properCount <= 4,
                let open = (max(0, i - 12)..<(i - 1)).last(where: { QuoteStage.isOpeningQuote(text[$0]) }),
                (open + 1..<(i - 1)).allSatisfy({ Chinese.isNameScalar(text[$0]) })
            {
                i = open
                properCount += 1
                continue
            }
            // An organisation inside the name (…有限公司|党支部, …中心医院|支部) is part of it, its
            // type word read whole (有限公司 holds a stop word); the name before it is its own.
            if !afterPlace, let inner = innerTypeWords.longest(endingAt: i, in: text) {
                // …党总支|结成联盟: a verb after it makes the organisation the sentence's subject.
                if i < end, boundary.longest(startingAt: i, in: text) != nil { break }
                i -= inner
                properCount = 0
                nested = true
                continue
            }
            if afterPlace {
                // Left of a place a name goes on only into a parent organisation
                // (浙江省能源集团|…宁波|管理中心) or a short brand that starts the phrase (国网|湖州供电公司).
                afterPlace = false
                guard let inner = innerTypeWords.longest(endingAt: i, in: text) else {
                    guard let brandStart = shortBrand(endingAt: i, text) else { break }
                    i = brandStart
                    break
                }
                // The parent's type word is read whole, as right of a place (…分公司|百江|营业厅).
                i -= inner
                properCount = 0
                nested = true
                continue
            }
            // 某市文化和广电旅游局, 某市海洋与渔业执法大队: a 和 or 与 between a place's two fields.
            // 某镇|和美调解联盟, 海塘|和乐餐饮…: a 和 that starts a word right after a place is the name's.
            if joinsFields(at: i - 1, text, state) || (organisation && startsAndWord(at: i - 1, before: end, text, state)) {
                i -= 1
                properCount += 1
                continue
            }
            // 某县|同心|志愿服务队, 某县|向暖|社工中心: right after a place, 同 or 向 opens the name.
            if organisation, properCount >= 1, properCount <= 3, namesOpening.contains(text[i - 1]),
                state.rangeOfMention(endingAt: i - 1, kinds: .place) != nil
            {
                i -= 1
                properCount += 1
                continue
            }
            // 摄影家|协会, 企业家|联谊会: the members' word, not a count (一家|协会 is one).
            if members, i == end, i >= 2, text[i - 1] == "家", Chinese.isCharacter(text[i - 2]), !countBeforeJia.contains(text[i - 2]) {
                i -= 1
                properCount += 1
                continue
            }
            if !Chinese.isNameScalar(text[i - 1])
                || (stops.longest(endingAt: i, in: text) != nil && !startsTradeWord(at: i - 1, text)
                    && nounsEndingInStop.longest(endingAt: i, in: text) == nil)
                || state.rangeOfMention(endingAt: i, kinds: [.org, .programme, .person]) != nil
            {
                break
            }
            // 党员组成|内科第二党支部, 某某兼任|党支部: a verb of two or more characters ends the
            // subject before it; the name starts after it (a verb right after a place is the name's
            // own word: 某县紧密型医共体).
            if let verb = boundary.longest(endingAt: i, in: text), verb >= 2,
                state.rangeOfMention(endingAt: i - verb, kinds: .place) == nil
            {
                break
            }
            if properCount == NameBySuffixStage.maxProper { return nil }
            i -= 1
            properCount += 1
        }
        // A verb or adverb the walk took in is the sentence's, not the name's (随着|…, 现|入驻|…),
        // as long as a name is left (a place, or two characters before the type word).
        // A verb the walk cut in two (从|事过…: 从 stops the walk) is taken out whole.
        for back in 1...2 where i - back >= 0 && i < end {
            if let verb = boundary.longest(startingAt: i - back, in: text), verb > back, i - back + verb < end {
                i = i - back + verb
                break
            }
        }
        while state.rangeOfMention(startingAt: i, kinds: .place) == nil, let verb = boundary.longest(startingAt: i, in: text),
            i + verb < end, end - (i + verb) >= 2 || state.rangeOfMention(startingAt: i + verb, kinds: .place) != nil
        {
            i += verb
        }
        // The place prefix is the run of places the name starts with (衢州市柯城区府山街道|党工委),
        // after the party's short name if it opens the name (中共|某某县委组织部).
        var prefixEnd: Int? = nil
        let partyShortName = i + 2 < end && text[i] == "中" && text[i + 1] == "共" ? i + 2 : i
        while let place = state.rangeOfMention(startingAt: prefixEnd ?? partyShortName, kinds: .place), place.upperBound <= end {
            prefixEnd = place.upperBound
        }
        let proper = (prefixEnd ?? i)..<end
        return Extension(
            start: i, placePrefixEnd: prefixEnd, proper: proper,
            properCount: proper.count - quoteMarks(in: proper, text), nested: nested)
    }

    /// 家 opening a trade word (家居, 家电, 家政) inside a company's name is no counter: 某某|家居用品有限公司
    /// (but 一家|电商公司 counts one).
    func startsTradeWord(at offset: Int, _ text: [Unicode.Scalar]) -> Bool {
        text[offset] == "家" && offset + 1 < text.count && tradeAfterJia.contains(text[offset + 1])
            && (offset == 0 || !countBeforeJia.contains(text[offset - 1]))
    }
    let tradeAfterJia = ScalarSet("居电政具纺装")
    /// Nouns that end in a stop word and name a body's field (某县|社会组织|服务中心: 组织 is no verb here).
    let nounsEndingInStop = WordSet(["社会组织", "公益组织", "志愿组织", "慈善组织"])
    let countBeforeJia = ScalarSet("0123456789一二三四五六七八九十两几多每这那该某各首")

    /// Whether the 和 or 与 at `offset` joins two fields of one body's name: one to three name
    /// characters, no type word among them, between it and a place before.
    func joinsFields(at offset: Int, _ text: [Unicode.Scalar], _ state: RecognitionState) -> Bool {
        guard offset > 1, text[offset] == "和" || text[offset] == "与" else { return false }
        // 某社区|与|某公司: a place right before joins two parties, not two fields of a name.
        if state.rangeOfMention(endingAt: offset, kinds: .place) != nil { return false }
        for length in 1...4 where offset - length > 0 {
            let start = offset - length
            guard Chinese.isCharacter(text[start]), stops.longest(endingAt: start + 1, in: text) == nil else { return false }
            if state.rangeOfMention(endingAt: start, kinds: .place) != nil {
                return innerTypeWords.longest(endingAt: offset, in: text, notBefore: start) == nil
            }
        }
        return false
    }

    /// Whether the 和 at `offset` starts a word (和合, 和顺) inside a name, right after a place: not a list.
    func startsAndWord(at offset: Int, before end: Int, _ text: [Unicode.Scalar], _ state: RecognitionState) -> Bool {
        guard offset > 0, offset + 1 < end, text[offset] == "和", let length = andWords.longest(startingAt: offset, in: text),
            offset + length <= end
        else { return false }
        return state.rangeOfMention(endingAt: offset, kinds: .place) != nil
    }

    static let pronouns = ScalarSet("他她它我你咱")

    /// Two or three name characters right after a boundary (start, punctuation, a function word),
    /// or four that open with 中国 (中国电信|某县分公司).
    func shortBrand(endingAt end: Int, _ text: [Unicode.Scalar]) -> Int? {
        for length in 2...4 {
            let start = end - length
            if length == 4, start < 0 || text[start] != "中" || text[start + 1] != "国" { return nil }
            guard start >= 0, (start..<end).allSatisfy({ Chinese.isCharacter(text[$0]) }) else { return nil }
            if (start + 1...end).contains(where: { stops.longest(endingAt: $0, in: text) != nil }) { return nil }
            // 首批|吸纳|某县…: a verb of two or more characters ends the span, and no brand holds one.
            if let verb = boundary.longest(endingAt: end, in: text), verb >= 2, verb <= length { return nil }
            if start == 0 || !Chinese.isNameScalar(text[start - 1]) || stops.longest(endingAt: start, in: text) != nil {
                // 随着|某某市…: a verb or preposition before the place is no brand, nor a pronoun (他任|某村…).
                return boundary.longest(startingAt: start, in: text) == nil && !NameBySuffixStage.pronouns.contains(text[start]) ? start : nil
            }
        }
        return nil
    }

    /// The proper part with generic words removed: 社区大 → 大 → "" (nothing proper).
    func properCore(_ ext: Extension, _ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
        // Quote marks are rare in a name: only then is the proper part copied without them.
        if ext.properCount < ext.proper.count {
            let proper = text[ext.proper].filter { !QuoteStage.isQuoteMark($0) }
            return properCore(proper, 0..<proper.count)
        }
        return properCore(text, ext.proper)
    }

    /// The scalars of `text[range]` left once generic words (or `words`), matched from the right within the range, are removed.
    func properCore(_ text: [Unicode.Scalar], _ range: Range<Int>, removing words: WordSet? = nil) -> [Unicode.Scalar] {
        let words = words ?? generic
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(range.count)
        var i = range.upperBound
        while i > range.lowerBound {
            if let length = words.longest(endingAt: i, in: text, notBefore: range.lowerBound) {
                i -= length
            } else {
                kept.append(text[i - 1])
                i -= 1
            }
        }
        kept.reverse()
        return kept
    }

    /// Whether an area's or a facility's proper part names one: two characters or more once generic
    /// words and, unless it is quoted, the words of a kind (老旧|小区, 3A级|景区, 老年|食堂) are removed.
    func namesOne(_ ext: Extension, _ text: [Unicode.Scalar]) -> Bool {
        let core = properCore(ext, text)
        guard core.count >= 2 else { return false }
        return ext.properCount < ext.proper.count || properCore(core, 0..<core.count, removing: kindWords).count >= 2
    }

    func quoteMarks(in range: Range<Int>, _ text: [Unicode.Scalar]) -> Int {
        var count = 0
        for i in range where QuoteStage.isQuoteMark(text[i]) { count += 1 }
        return count
    }

    // MARK: Categories

    /// Words before a name that make it a place (在|阳光花园, 走进|滨江公园).
    let locativeCues = WordSet(["在", "位于", "来到", "走进", "走访", "前往", "入住", "住在", "搬进", "落户", "于", "至", "到"])

    /// Words between a locative cue and a place name that only say whose it is (在|辖区|…, 在|村里的|…).
    let locativeFillers = WordSet(["辖区", "村里的", "镇里的", "社区里的", "村里", "镇上的", "家门口的"])
    let naturalVillageWord = WordSet(["自然村"])

    /// Whether a locative cue ends at `start`, or right before a filler or a place and 的 (在某村的|广场).
    func locatedHere(before start: Int, _ state: RecognitionState) -> Bool {
        let text = state.text
        if locativeCues.longest(endingAt: start, in: text) != nil { return true }
        var i = start
        if let filler = locativeFillers.longest(endingAt: i, in: text) {
            i -= filler
        } else if i > 0, text[i - 1] == "的" {
            i -= 1
            // 在某某自然村的|…: the natural village's word is the place's.
            if let word = naturalVillageWord.longest(endingAt: i, in: text) { i -= word }
            guard let place = state.rangeOfMention(endingAt: i, kinds: .place) else { return false }
            i = place.lowerBound
        } else {
            return false
        }
        return locativeCues.longest(endingAt: i, in: text) != nil
    }

    /// Verbs that confer a title (命名…为, 评为, 认定为).
    let conferring = WordSet(["命名", "评为", "认定为", "评定为", "授予"])
    let clauseEnds = ScalarSet("。；！？，;!?,")
    /// Words after a title that list or name its holders (…小区名单, …称号).
    let honourList = WordSet(["名单", "称号", "榜单"])

    /// Whether a verb that confers a title comes earlier in the clause, within a few words.
    func conferred(before start: Int, _ text: [Unicode.Scalar]) -> Bool {
        var i = start
        while i > 0, start - i < 24, !clauseEnds.contains(text[i - 1]) {
            if conferring.longest(endingAt: i, in: text) != nil { return true }
            i -= 1
        }
        return false
    }

    /// 锦绣苑、|南雷花园: a name listed right after an area is one too.
    func continuesList(before start: Int, _ state: RecognitionState) -> Bool {
        start > 0 && state.text[start - 1] == "、" && state.mention(endingAt: start - 1, kinds: .place)?.level == .area
    }

    func addArea(_ m: ScalarMatcher.Match, weak: Bool, _ state: inout RecognitionState) {
        guard var ext = extendLeft(from: m.start, state) else { return }
        // 新建安置小区|金桂苑: the compound's kind written before its name vouches for it, as a place would.
        let afterKind = weak ? areaKindEnd(in: ext, before: m.start, state.text) : nil
        if let afterKind {
            ext = Extension(start: afterKind, placePrefixEnd: nil, proper: afterKind..<m.start, properCount: m.start - afterKind)
        }
        guard ext.placePrefixEnd != nil || ext.properCount <= 4 else { return }
        // 力争|片区, 见证|片区: a verb is all there is before the ending, so the ending is a common noun.
        if ext.placePrefixEnd == nil, let verb = boundary.longest(startingAt: ext.start, in: state.text), ext.start + verb >= m.start {
            return
        }
        if weak && afterKind == nil && ext.placePrefixEnd == nil && !locatedHere(before: ext.start, state)
            && !continuesList(before: ext.start, state)
        {
            return
        }
        // 阳光花园|小区: the compound is named with the stronger ending.
        if weak && m.end + 1 < state.text.count && state.text[m.end] == "小" && state.text[m.end + 1] == "区" { return }
        let range = ext.start..<m.end
        guard namesOne(ext, state.text), !state.isTaken(ext.placePrefixEnd.map { $0..<m.end } ?? range) else { return }
        // 命名…为“五星”红色物业小区, “五星”红色物业小区名单: a quoted grade given to compounds is an
        // honour, no compound's name.
        if ext.properCount < ext.proper.count
            && (conferred(before: ext.start, state.text) || honourList.longest(startingAt: m.end, in: state.text) != nil)
        {
            return
        }
        let start = ext.placePrefixEnd ?? ext.start
        var mention = Mention(
            kind: .place, range: start..<m.end, text: state.string(start..<m.end),
            rule: .placeAreaSuffix, confidence: 0.6)
        mention.level = .area
        mention.discovered = true
        state.add(mention)
    }

    /// Where an area's type word (…小区, …景区) inside `ext` ends, two or more name characters before
    /// `end`: what follows it is a compound's name and what precedes only its kind.
    func areaKindEnd(in ext: Extension, before end: Int, _ text: [Unicode.Scalar]) -> Int? {
        guard ext.properCount == ext.proper.count else { return nil }
        var k = end - 2
        while k > ext.proper.lowerBound {
            if strongAreaWords.longest(endingAt: k, in: text, notBefore: ext.proper.lowerBound) != nil { return k }
            k -= 1
        }
        return nil
    }

    func addFacility(_ m: ScalarMatcher.Match, _ state: inout RecognitionState) {
        guard let ext = extendLeft(from: m.start, state), ext.placePrefixEnd != nil || ext.properCount <= 4 else { return }
        // 某某街道“…”红色驿站: a quoted name is the facility's own, the place before it only where it is.
        let quoted = ext.properCount < ext.proper.count
        let range = (quoted ? ext.proper.lowerBound : ext.start)..<m.end
        guard namesOne(ext, state.text), !state.isTaken(m.start..<m.end) else { return }
        // The quote stage read the quoted name with this type word as its cue: that programme is this one.
        if quoted, state.rangeOfMention(startingAt: range.lowerBound + 1, kinds: .programme) != nil { return }
        var mention = Mention(
            kind: .programme, range: range,
            text: quoted ? Scalars.string(state.text[range].filter { !QuoteStage.isQuoteMark($0) }) : state.string(range),
            rule: .programmeFacilitySuffix, confidence: ext.placePrefixEnd == nil ? 0.5 : 0.65)
        mention.subkind = .programme(.facility)
        mention.placePrefixEnd = quoted ? nil : ext.placePrefixEnd
        state.add(mention)
    }

    func organisation(_ m: ScalarMatcher.Match, _ suffix: OrgTypeWord, _ state: RecognitionState) -> Mention? {
        if state.isTaken(m.start..<m.end) { return nil }
        // 人大代表: what a person is, no body.
        if notBodies.longest(startingAt: m.start, in: state.text) != nil { return nil }
        // 某市医院|建起81家, 智慧药房|1家: the kind counted, not one body of it.
        if suffix.kind != .party && suffix.kind != .government, countFollows(m.end, state.text) { return nil }
        guard let ext = extendLeft(from: m.start, state, organisation: true, members: suffix.kind == .association) else { return nil }
        // Without a place, a name is short (安康康复中心); a long run is a phrase, not a name.
        if ext.placePrefixEnd == nil && ext.properCount > 8 && !ext.nested { return nil }
        var end = m.end
        if let tail = branchTail(after: end, state) { end = tail }
        let range = ext.start..<end
        let core = properCore(ext, state.text)
        let hasPlace = ext.placePrefixEnd != nil
        // Generic type words need a proper name of some length (红色宣讲员队伍, not 三支队伍);
        // some bodies are named only by their place (某某区政府, not 地方政府).
        switch suffix.needs {
        case .name: break
        case .longName:
            // A place before it vouches for a short proper part (某某县|青禾|社会工作服务中心), and a place
            // and a field of two characters name an alliance (某镇|园区服务|联盟), generic words or not.
            let placeAndField = hasPlace && suffix.kind == .alliance && ext.properCount >= 2
            // A hospital's branch is named by its town alone (某镇|分院).
            let placeBranch = hasPlace && suffix.kind == .hospital
            if core.count < (hasPlace ? 2 : 3) && !placeAndField && !placeBranch && !(core.count <= 1 && refersBack(range, state.text)) { return nil }
        // A parent body inside the name vouches for it as a place would (中国电信某分公司|某某营业厅).
        case .place: if !hasPlace && !core.isEmpty && !ext.nested { return nil }
        }
        let name =
            quoteMarks(in: range, state.text) > 0
            ? Scalars.string(state.text[range].filter { !QuoteStage.isQuoteMark($0) }) : state.string(range)
        var mention = Mention(kind: .org, range: range, text: name, rule: .orgSuffix, confidence: 0.75)
        mention.subkind = .org(suffix.kind)
        mention.placePrefixEnd = ext.placePrefixEnd
        mention.core = Scalars.string(core)
        if hasPlace && core.isEmpty {
            return mention  // 拱墅区政协, 云溪村党员志愿服务队
        }
        if core.isEmpty || (!hasPlace && core.count < 2) {
            // Party and government bodies are referred to by level alone (街道党工委), and so are
            // mass organisations (市总工会, 团市委); 街道卫生院 names no particular one, but 该服务队
            // the one named before.
            let massOrganisation = suffix.kind == .union || suffix.kind == .association || suffix.kind == .other
            guard
                suffix.kind == .party || suffix.kind == .government || refersBack(range, state.text)
                    || (massOrganisation && namedByLevel(ext, m, state.text))
            else { return nil }
            mention.isReference = true  // 该街道党工委, 社区党委
            mention.rule = .orgReference
            mention.confidence = 0.5
            let start = referenceStart(range, state)
            mention.range = start..<end
            mention.text = state.string(start..<end)
            // 县委常委、宣传部部长: the department is the committee's, named as 县委宣传部 would be.
            if start == m.start, committeeDepartments.contains(m.start..<m.end, in: state.text),
                let level = committeeLevel(ofChainBefore: start, state.text)
            {
                mention.text = String(level) + "委" + mention.text
            }
            return mention
        }
        return mention
    }

    /// A count right after `end`, or a verb and a count (药房1家, 建起81家, 已有3所). A numeral
    /// that opens a word (与|千岛湖镇) is no count, nor a list's total (A、B|等6家单位, A、B和C|三家单位).
    func countFollows(_ end: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard end < text.count else { return false }
        if let length = counted.longest(startingAt: end, in: text) {
            // …有限公司3家链主企业: a group noun within two characters of the count.
            let after = end + length
            return !(0...2).contains { k in
                after + k < text.count && (after..<(after + k)).allSatisfy { Chinese.isCharacter(text[$0]) }
                    && listTotalNouns.longest(startingAt: after + k, in: text) != nil
            }
        }
        // 服务中心|12家: a count of several digits and its classifier.
        var afterDigits = end
        while afterDigits < text.count, digits.contains(text[afterDigits]) { afterDigits += 1 }
        if afterDigits > end, afterDigits < text.count, counters.contains(text[afterDigits]) { return true }
        guard text[end] != "等", let verb = boundary.longest(startingAt: end, in: text) ?? stops.longest(startingAt: end, in: text)
        else { return false }
        var i = end + verb
        var digit = false
        while i < text.count, numerals.contains(text[i]) {
            digit = digit || digits.contains(text[i])
            i += 1
        }
        // 召开|2026年…: a year after the verb counts nothing.
        if i - (end + verb) == 4, i < text.count, text[i] == "年" { return false }
        return i > end + verb && (digit || (i < text.count && counters.contains(text[i])))
    }
    /// What a list's total counts (三家单位, 两个部门, 3家链主企业, 2家子公司): the bodies just named, each one of them.
    let listTotalNouns = WordSet(["单位", "企业", "部门", "机构", "党组织", "成员单位", "子公司", "公司"])
    /// What a Chinese numeral counts with (建起三家, 已有两所).
    let counters = ScalarSet("方个家支名位项条场批所座处余多")
    let digits = ScalarSet("0123456789０１２３４５６７８９")

    /// 某某市委, 某某县委: a province, city or county written in full and 委 is its party committee
    /// (the place's own last character is the level the type word 市委 would repeat).
    func partyCommittees(_ orgs: inout [Mention], _ state: RecognitionState) {
        let text = state.text
        // Places read in place (their spans only): a copy would retain every string in each.
        for p in state.mentions.indices where state.mentions[p].kind == .place && state.mentions[p].rule == .placeGazetteer {
            let place = state.mentions[p].range
            let end = place.upperBound
            guard end + 1 < text.count, text[end] == "委", levels.contains(text[end - 1]),
                !notAfterCommittee.contains(text[end + 1]), !state.isTaken(end..<(end + 1)),
                // 某某县委|党校, 某某区委|组织部: the committee names a body of its own.
                !orgs.contains(where: { $0.range.lowerBound <= place.lowerBound && $0.range.upperBound > end + 1 })
            else { continue }
            // 共青团|某某县委: the league's committee of that place, named with the league.
            let start = leaguePrefix(before: place.lowerBound, text) ?? place.lowerBound
            var mention = Mention(
                kind: .org, range: start..<(end + 1), text: state.string(start..<(end + 1)),
                rule: .orgPartyCommittee, confidence: 0.75)
            mention.subkind = .org(.party)
            mention.placePrefixEnd = end
            mention.core = ""
            orgs.append(mention)
        }
    }

    /// 县委书记, 出席的县委常委: a committee named by its level word alone (after punctuation or a
    /// function word, not inside a place's name) refers to the committee of the article's place of
    /// that level, as 街道党工委 does. Written with its place (某某县委), it is `partyCommittees`'s.
    func levelCommittee(_ m: ScalarMatcher.Match, _ state: RecognitionState) -> Mention? {
        let text = state.text
        guard !state.isTaken(m.start..<m.end), m.end >= text.count || !notAfterCommittee.contains(text[m.end]) else { return nil }
        if m.start > 0, Chinese.isCharacter(text[m.start - 1]), text[m.start - 1] != "该",
            stops.longest(endingAt: m.start, in: text) == nil, boundary.longest(endingAt: m.start, in: text) == nil
        {
            return nil
        }
        var mention = Mention(
            kind: .org, range: m.start..<m.end, text: state.string(m.start..<m.end), rule: .orgReference, confidence: 0.5)
        mention.subkind = .org(.party)
        mention.isReference = true
        mention.core = ""
        return mention
    }

    /// Words that open with a type word and name no body.
    let notBodies = WordSet(["人大代表"])

    /// The party committee's departments (县委常委、宣传部部长: the 宣传部 is the 县委's).
    let committeeDepartments = WordSet(["组织部", "宣传部", "统战部", "政法委", "社会工作部", "社工部"])

    /// The level word of the committee whose member's title (…县委常委、) ends right before `start`.
    func committeeLevel(ofChainBefore start: Int, _ text: [Unicode.Scalar]) -> Unicode.Scalar? {
        guard start >= 5, text[start - 1] == "、", text[start - 2] == "委", text[start - 3] == "常", text[start - 4] == "委",
            levels.contains(text[start - 5])
        else { return nil }
        return text[start - 5]
    }

    /// The start of 共青团 right before `offset`, if it is written there.
    func leaguePrefix(before offset: Int, _ text: [Unicode.Scalar]) -> Int? {
        guard offset >= 3, text[offset - 3] == "共", text[offset - 2] == "青", text[offset - 1] == "团" else { return nil }
        return offset - 3
    }

    /// 市总工会, 县妇联, 团市委: a mass organisation every level has, named by its level alone (the
    /// level word before the type word, or inside the league's), refers to that place's body as
    /// 区民政局 does. Unions and associations only, and the league: 街道卫生院 names no particular one.
    func namedByLevel(_ ext: Extension, _ m: ScalarMatcher.Match, _ text: [Unicode.Scalar]) -> Bool {
        if ext.proper.lowerBound == m.start { return text[m.start] == "团" && levels.contains(text[m.start + 1]) }
        if case .org(let word) = categories[m.pattern], word.kind == .other { return false }
        return ext.proper.count == 1 && levels.contains(text[ext.proper.lowerBound])
            || (ext.proper.count == 2 && text[ext.proper.lowerBound] == "街" && text[ext.proper.lowerBound + 1] == "道")
    }

    /// Whether a bare type word opens with or follows 该 (该服务队): the body named before.
    func refersBack(_ range: Range<Int>, _ text: [Unicode.Scalar]) -> Bool {
        text[range.lowerBound] == "该" || (range.lowerBound > 0 && text[range.lowerBound - 1] == "该")
    }

    /// A reference keeps its determiner (该街道党工委) so the alias reads as written.
    func referenceStart(_ range: Range<Int>, _ state: RecognitionState) -> Int {
        let start = range.lowerBound
        if start > 0, state.text[start - 1] == "该" { return start - 1 }
        return start
    }

    /// 有限公司|递铺店: a branch named right after its company belongs to the name.
    func branchTail(after end: Int, _ state: RecognitionState) -> Int? {
        let text = state.text
        for length in 1...3 {
            let tailStart = end + length
            guard tailStart < text.count, (end..<tailStart).allSatisfy({ Chinese.isCharacter(text[$0]) }) else { return nil }
            if let t = branchTail.longest(startingAt: tailStart, in: text),
                !(end..<tailStart).contains(where: { stops.longest(endingAt: $0 + 1, in: text) != nil })
            {
                return tailStart + t
            }
        }
        return nil
    }

    /// A company, hospital or bank whose name goes on only into a numbered party branch or a
    /// department's (…有限公司|第二党支部, …医院|心内科党支部): the branch is one of several of that
    /// body, so the body is named, if only inside the branch's name. (A bare …有限公司|党支部 may be
    /// a branch of the company's name only, as annotators read it.)
    func holdsBranch(_ org: Mention, reaching end: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard org.subkind == .org(.company) || org.subkind == .org(.hospital) || org.subkind == .org(.bank)
        else { return false }
        var i = org.range.upperBound
        // A department (心内科) of a few characters, or an ordinal (第二).
        if let ke = (i..<min(i + 6, end)).first(where: { text[$0] == "科" }), (i...ke).allSatisfy({ Chinese.isCharacter(text[$0]) }) {
            i = ke + 1
        } else if i + 1 < end, text[i] == "第", numerals.contains(text[i + 1]) {
            i += 1
            while i < end, numerals.contains(text[i]) { i += 1 }
        } else {
            return false
        }
        return i < end && text[i] == "党" && partyWords.longest(startingAt: i, in: text) == end - i
    }

    /// Keeps the outermost name of a nested run (绍兴市人民医院心内科党支部), and the inner
    /// one too when it names an organisation of its own (绍兴市人民医院), not a fragment (湖州市中心).
    func addOrganisations(_ orgs: [Mention], _ state: inout RecognitionState) {
        // How far the names starting at each one's start reach: a shorter one there is nested.
        // Found over the names sorted by start, where those sharing a start sit together.
        let byStart = orgs.indices.sorted { orgs[$0].range.lowerBound < orgs[$1].range.lowerBound }
        var reach = [Int](repeating: 0, count: orgs.count)
        var groupStart = 0
        while groupStart < byStart.count {
            let start = orgs[byStart[groupStart]].range.lowerBound
            var groupEnd = groupStart
            var farthest = 0
            while groupEnd < byStart.count, orgs[byStart[groupEnd]].range.lowerBound == start {
                farthest = max(farthest, orgs[byStart[groupEnd]].range.upperBound)
                groupEnd += 1
            }
            for k in byStart[groupStart..<groupEnd] { reach[k] = farthest }
            groupStart = groupEnd
        }
        var timesNamed: [String: Int]? = nil
        for k in orgs.indices {
            let isNested = reach[k] > orgs[k].range.upperBound
            // A nested name is an organisation of its own only if the text also names it alone
            // (绍兴市人民医院 … 绍兴市人民医院心内科党支部); otherwise it is a fragment.
            // Nesting is rare, so the names are counted only then (once, for all of them).
            if isNested {
                if orgs[k].isReference { continue }
                let counts = timesNamed ?? orgs.reduce(into: [:]) { $0[$1.text, default: 0] += 1 }
                timesNamed = counts
                if counts[orgs[k].text, default: 0] < 2 && !holdsBranch(orgs[k], reaching: reach[k], state.text) { continue }
            }
            state.add(orgs[k])
        }
    }
}
