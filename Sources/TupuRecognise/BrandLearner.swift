import TupuGazetteer
import TupuKit
import TupuText

/// A programme name that strong context proves, as one document shows it (the first pass of
/// learning brands from a corpus).
public struct BrandSighting: Sendable, Equatable {
    public let name: String
    public let kind: ProgrammeKind
    /// The context that proved it (`learn.quoted+type-word`, `learn.verb-brand` …).
    public let rule: String
    /// Code-point offset of the name in the text as read.
    public let offset: Int
    /// The sentence that proves it, layout breaks joined.
    public let sentence: String
}

/// A programme name learned from a corpus, with the short forms the second pass also finds.
public struct LearnedBrand: Sendable, Equatable {
    public var name: String
    public var aliases: [String]
    public var kind: ProgrammeKind
    /// The first sighting in input order: document, code-point offset, sentence and rule.
    public var doc: String
    public var offset: Int
    public var sentence: String
    public var rule: String

    /// The brand-list entry the recogniser matches (source: the first evidence as `doc:offset`).
    public var entry: BrandEntry {
        BrandEntry(name: name, aliases: aliases, kind: kind.rawValue, source: "\(doc):\(offset)", line: 0)
    }
}

/// Learns programme names from a corpus in two passes that parallelise by document: the first
/// pass (`sightings(in:)`, one document at a time) keeps the names strong context proves —
/// a quote followed by a type word (“…”党建品牌, “…”项目), a quote ending in one (“…驿站”), a
/// dotted brand (“…·…”), a quote before a qualified 品牌 (“…”民宿品牌), a quote launched by
/// someone (“…”由…推出, 由…推出的“…”, 推出“…”), an unquoted brand that is built (打造…品牌); `learn(_:)` merges the documents' sightings in input order
/// and gives each name its safe short forms; the second pass is the recogniser's brand stage
/// reading every document with the learned names.
///
/// A learned name is matched everywhere, quoted or not, so it must be proper: slogans (口号,
/// 理念), honours (称号, 荣誉, 示范…), mechanisms (…机制, …制度, 一…一…), places and quoted
/// generic words are never learned.
public struct BrandLearner: Sendable {
    let quotes = QuoteStage()
    let places: PlaceGazetteer?
    /// Every form a brand list already gives (those names are known, and kind `none` rules one out).
    let known: Set<String>

    /// Shorter than this, a learned name or short form would match ordinary words.
    static let minimumLength = 3

    /// Words after which a quote is an honour or a slogan: 被评为“…”, 喊出“…”的口号.
    let before = WordSet([
        "评为", "获评", "入选", "荣获", "获得", "授予", "称为", "誉为", "命名为", "被命名为", "获",
        "口号", "标语", "宣传语", "理念", "号召", "喊出", "宗旨", "精神", "愿景"
    ])
    /// Words right after a quote (or after its 的) that make it an honour, a slogan or a
    /// mechanism: “…”称号, “…”的口号, “…”工作机制.
    let after = WordSet([
        "称号", "荣誉", "示范", "先进", "之称", "美誉", "典型", "标杆", "样板", "申报", "名单", "榜单",
        "口号", "标语", "宣传语", "理念", "号召", "精神", "宗旨", "愿景", "目标",
        "机制", "制度", "模式", "体系", "办法", "清单", "工作机制", "服务机制", "长效机制",
        "工作模式", "工作体系", "管理制度"
    ])
    /// Inside a quote, words that make it an honour: “…示范村”, “…先进集体”, “…之星”, “最美…”.
    let honourWords = WordSet(["示范", "称号", "荣誉", "先进", "标兵", "模范", "之星", "标杆", "样板", "文明单位", "星级", "最美", "最佳", "十佳"])
    /// Endings of a mechanism or rule, not a programme: “…联动机制”, “…积分制度”.
    let mechanismWords = WordSet(["机制", "制度", "体制", "模式", "体系"])
    let mechanismEndings = WordSet(["机制", "制度", "体制", "模式", "体系", "办法", "清单", "规定", "准则", "工作法"])
    /// Words that make no name proper on their own: a quote made only of them is generic
    /// (“志愿服务”, “红色服务”, “幸福家园”).
    let generic: WordSet
    /// Type words a short form may drop: 邻里守望行动 → 邻里守望.
    let strippable = WordSet(["系列活动", "主题活动", "专项行动", "行动", "活动", "项目", "工程", "计划"])
    /// Verbs that build a brand unquoted: 打造…党建品牌.
    let brandVerbs = WordSet(["打造", "打造了", "创建", "创建了", "推出", "推出了", "培育", "擦亮", "树立", "创立", "打响"])
    /// Words between an unquoted brand and 品牌 that belong to the type, not the name.
    let brandQualifiers = WordSet(["党建", "服务", "清廉", "人才", "特色", "志愿服务", "公益", "文化", "治理", "共富", "红色", "社区", "基层"])
    let brandWord: [Unicode.Scalar] = ["品", "牌"]
    /// 打造“…南大门”, 打造“…金名片”: after a verb alone, a quote ending in one of these is a goal, not a name.
    let goals = WordSet(["大门", "门户", "窗口", "名片", "样板", "标杆", "高地", "桥头堡", "引擎", "升级版", "新高地", "排头兵", "先行区"])
    /// Verbs that launch or open something named right after them: 推出“…”, 开办“…”, 设立了“…”.
    let launchVerbs = WordSet([
        "推出", "推出了", "打造", "打造了", "开办", "开办了", "开设", "开设了", "设立", "设立了",
        "创建", "创建了", "创办", "创办了", "上线", "上线了", "启动", "启动了", "建成", "建成了",
        "发起", "发起了"
    ])
    let clauseBreaks = ScalarSet("，,。！？!?；;：:、\n（）()")

    public init(places: PlaceGazetteer? = nil, brands: [BrandEntry] = []) {
        self.places = places
        self.known = Set(brands.flatMap(\.surfaceForms))
        var words = Lexicon.genericNameParts + Lexicon.programmeCues.map(\.word) + Lexicon.programmeEndings.map(\.word)
        words += [
            "爱心", "便民", "幸福", "温暖", "暖心", "贴心", "连心", "同心", "惠民", "为民", "利民", "平安", "和谐",
            "美丽", "共富", "共同富裕", "公益", "健康", "安全", "数字", "数字化", "智慧", "未来", "绿色", "清廉",
            "家园", "家门口", "最后一公里", "双向奔赴", "红色", "先锋", "引领", "示范", "基层治理", "治理",
            "网格", "网格化", "共建", "共享", "共治", "党群", "邻里", "乡村", "振兴", "乡村振兴", "民生", "实事",
            "小事", "大事", "之家", "中心", "站点", "阵地", "课堂", "讲堂", "食堂", "驿站", "小站", "书屋",
            "宣讲", "培训", "文明", "创建", "提升", "改革", "创新", "发展", "建设", "保障", "帮扶", "结对", "助老",
            "助残", "关爱", "守护", "陪伴", "温情", "真情", "亲情", "家庭", "儿童", "青年", "妇女", "老人", "银发", "小"
        ]
        self.generic = WordSet(words)
    }

    // MARK: First pass

    /// The names strong context proves in one document, in text order. The first pass reads the
    /// text as it is, without segmenting it (a name is folded as the recogniser's view folds it):
    /// it costs a scan for quotation marks and for 品牌, and work only where one is found.
    /// `isWanted(name, claim)` lets a caller that merges many documents skip names it holds from
    /// an earlier one: asked with `claim` false before the name's context is judged, and with
    /// true once the sighting stands (the caller records it then); a no drops the sighting.
    public func sightings(in document: Document, isWanted: (String, _ claim: Bool) -> Bool = { _, _ in true }) -> [BrandSighting] {
        var found: [BrandSighting] = []
        var seen = Set<String>()
        collect(document.scalars, at: 0, into: &found, seen: &seen, isWanted: isWanted)
        return found
    }

    func collect(
        _ text: [Unicode.Scalar], at base: Int, into found: inout [BrandSighting], seen: inout Set<String>,
        isWanted: (String, Bool) -> Bool
    ) {
        /// The name of a proved span, or nil when it is known, seen already or not wanted.
        func wanted(_ name: [Unicode.Scalar]) -> String? {
            let nameText = Scalars.string(name)
            guard !known.contains(nameText), !seen.contains(nameText), isWanted(nameText, false) else { return nil }
            return nameText
        }
        func sight(_ range: Range<Int>, _ name: String, kind: ProgrammeKind, rule: String) {
            guard seen.insert(name).inserted, isWanted(name, true) else { return }
            found.append(
                BrandSighting(
                    name: name, kind: kind, rule: rule, offset: base + range.lowerBound,
                    sentence: sentence(around: range, in: text)))
        }
        let all = QuoteStage.quotes(in: text, at: text.indices)
        let byStart = all.indices.sorted { all[$0].outer.lowerBound < all[$1].outer.lowerBound }
        var content: [Unicode.Scalar] = []
        for quote in all {
            guard quotes.fillContent(&content, quote.inner, text, orSpace: true),
                content.count >= Self.minimumLength
            else { continue }
            for i in content.indices { content[i] = TextView.fold(content[i]) }
            guard content.contains(where: Chinese.isCharacter), !content.contains("、") else { continue }
            let length = content.count
            // Alliances and teams quoted (“…共建联盟”) are organisations, not programmes.
            if quotes.orgSuffixes.longest(endingAt: length, in: content) != nil { continue }
            let dotted = quotes.dottedName(content)
            if !dotted && (quotes.isInstruction(content) || quotes.adjectival.contains(content[length - 1])) { continue }
            let proof: (kind: ProgrammeKind, rule: String)
            if let cue = quotes.cueKind(after: quote, all: all, byStart: byStart, text) {
                proof = (cue, "learn.quoted+type-word")
            } else if let ending = quotes.endingWords.longest(endingAt: length, in: content), ending < length,
                let kind = quotes.endings.first(where: { $0.word.count == ending && Scalars.word($0.word, endsAt: length, in: content) })?.kind
            {
                proof = (kind, "learn.quoted-name-ending")
            } else if dotted {
                proof = (.brand, "learn.quoted-dotted-name")
            } else if brandAfterQualifier(quote.outer.upperBound, text) {
                proof = (.brand, "learn.quoted+qualified-brand")
            } else if quotes.launchedBy(after: quote.outer.upperBound, text) || launchedBefore(quote.outer.lowerBound, text) {
                proof = (.project, "learn.quoted-launched-by")
            } else if launchVerbs.longest(endingAt: quote.outer.lowerBound, in: text) != nil, length <= 10,
                !quotes.startsWithVerb(content), goals.longest(endingAt: length, in: content) == nil
            {
                proof = (.project, "learn.quoted-after-launch-verb")
            } else {
                continue
            }
            // The rejections cost more than the proofs: asked only of a quote something proves.
            guard let name = wanted(content), !framedAsHonourOrSlogan(quote, text), !isRuledOut(content) else { continue }
            sight(quote.inner, name, kind: proof.kind, rule: proof.rule)
        }
        for (range, scalars) in unquotedBrands(text) {
            if let name = wanted(scalars) { sight(range, name, kind: .brand, rule: "learn.verb-brand") }
        }
    }

    /// The sentence around `range` as the text writes it: from after the previous 。！？ or line
    /// break to the next one (with the closing quotes after it).
    func sentence(around range: Range<Int>, in text: [Unicode.Scalar]) -> String {
        func ends(_ s: Unicode.Scalar) -> Bool { s == "。" || s == "！" || s == "？" || s == "!" || s == "?" }
        var start = range.lowerBound
        while start > 0, text[start - 1] != "\n", !ends(text[start - 1]) { start -= 1 }
        while start < range.lowerBound, text[start].properties.isWhitespace { start += 1 }
        var end = range.upperBound
        while end < text.count, text[end] != "\n", text[end] != "\r" {
            end += 1
            if ends(text[end - 1]) {
                while end < text.count, QuoteStage.isClosingQuote(text[end]) { end += 1 }
                break
            }
        }
        return Scalars.string(text[start..<end])
    }

    /// Whether a name cannot be a programme whatever its context: an honour (“…示范村”), a
    /// mechanism (“…机制”, “一村一品”), a place, or nothing but generic words.
    func isRuledOut(_ name: [Unicode.Scalar]) -> Bool {
        let length = name.count
        for end in 1...length where honourWords.longest(endingAt: end, in: name) != nil { return true }
        if mechanismEndings.longest(endingAt: length, in: name) != nil { return true }
        if isOneByOne(name) { return true }
        if let places, !places.places(named: Scalars.string(name)).isEmpty { return true }
        return isGeneric(name[...])
    }

    /// 一村一品, 一户一策, 一年一个主题: a formula that opens with a paired 一, a mechanism.
    func isOneByOne(_ name: [Unicode.Scalar]) -> Bool {
        name.count >= 4 && name[0] == "一" && name[2] == "一"
    }

    /// True when generic words, matched from the right, cover the whole name.
    func isGeneric(_ name: ArraySlice<Unicode.Scalar>) -> Bool {
        let scalars = Array(name)
        var end = scalars.count
        while end > 0 {
            guard let length = generic.longest(endingAt: end, in: scalars) else { return false }
            end -= length
        }
        return true
    }

    /// 被评为“…”, 以“…”为纽带, “…”的口号, “…”称号, “…”工作机制: an honour, a slogan or a mechanism.
    func framedAsHonourOrSlogan(_ quote: QuoteStage.Quote, _ text: [Unicode.Scalar]) -> Bool {
        // Before: a cue word within the clause, up to eight scalars back.
        var end = quote.outer.lowerBound
        while end > 0, quote.outer.lowerBound - end <= 8 {
            if before.longest(endingAt: end, in: text) != nil { return true }
            if clauseBreaks.contains(text[end - 1]) || QuoteStage.isQuoteMark(text[end - 1]) { break }
            end -= 1
        }
        var start = quote.outer.upperBound
        if quotes.framing.longest(startingAt: start, in: text) != nil { return true }
        if start < text.count, text[start] == "的" { start += 1 }
        if after.longest(startingAt: start, in: text) != nil { return true }
        // A mechanism after a qualifier (“…”长效机制), unless a type word comes first (“…”项目管理制度).
        guard quotes.cues.longest(startingAt: start, in: text) == nil else { return false }
        var position = start + 1
        while position < text.count, position - start <= 4, Chinese.isCharacter(text[position]) {
            if mechanismWords.longest(startingAt: position, in: text) != nil { return true }
            position += 1
        }
        return false
    }

    /// “…”民宿品牌, “…”助农品牌: 品牌 after a short qualifier (up to four Han scalars) names a brand.
    func brandAfterQualifier(_ close: Int, _ text: [Unicode.Scalar]) -> Bool {
        var i = close
        while i < text.count, i - close <= 4, Chinese.isCharacter(text[i]) {
            if i > close, Scalars.word(brandWord, startsAt: i, in: text) { return true }
            i += 1
        }
        return false
    }

    /// 由…推出的“…”: a running verb and 的 right before the quote, 由 earlier in the clause.
    func launchedBefore(_ open: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard open >= 3, text[open - 1] == "的", quotes.verbs.longest(endingAt: open - 1, in: text) != nil else { return false }
        var i = open - 2
        while i >= 0, open - i <= 24, !clauseBreaks.contains(text[i]) {
            if text[i] == "由" { return true }
            i -= 1
        }
        return false
    }

    /// 打造青禾领航党建品牌: a name between a building verb and (a qualifier and) 品牌, three to
    /// eight Han scalars with no stop word, count or generic-only content.
    func unquotedBrands(_ text: [Unicode.Scalar]) -> [(Range<Int>, [Unicode.Scalar])] {
        var found: [(Range<Int>, [Unicode.Scalar])] = []
        // Where 品牌 is written: one comparison a scalar over the buffer.
        let brands: [Int] = text.withUnsafeBufferPointer { text in
            guard text.count > 1 else { return [] }
            var at: [Int] = []
            for i in 0..<(text.count - 1) where text[i].value == 0x54C1 && text[i + 1].value == 0x724C { at.append(i) }
            return at
        }
        for i in brands {
            var end = i
            while let length = brandQualifiers.longest(endingAt: end, in: text), end - length > 0 { end -= length }
            // The nearest building verb to the left, the name between made of Han scalars only.
            var start = end - Self.minimumLength
            var name: Range<Int>? = nil
            while start >= 0, end - start <= 8 {
                guard Chinese.isCharacter(text[start]), !clauseBreaks.contains(text[start]) else { break }
                if brandVerbs.longest(endingAt: start, in: text) != nil {
                    name = start..<end
                    break
                }
                start -= 1
            }
            guard let name, text[name].allSatisfy(Chinese.isCharacter) else { continue }
            let scalars = Array(text[name])
            if containsStopWord(scalars) || isRuledOut(scalars) || Lexicon.counted.contains(where: { scalars.starts(with: $0.unicodeScalars) }) { continue }
            found.append((name, scalars))
        }
        return found
    }

    func containsStopWord(_ name: [Unicode.Scalar]) -> Bool {
        name.indices.contains { quotes.stops.longest(startingAt: $0, in: name) != nil }
    }

    // MARK: Merge

    /// The documents' sightings, given in input order, merged into one list in that order: a
    /// name's first sighting is its evidence and kind; each name gets the short forms that are
    /// safe to match everywhere (the parts of a dotted name, the name without a type word), a
    /// short form two names share going to neither.
    public func learn(_ documents: [(doc: String, sightings: [BrandSighting])]) -> [LearnedBrand] {
        var learned: [LearnedBrand] = []
        var indexOfName: [String: Int] = [:]
        for (doc, sightings) in documents {
            for s in sightings where indexOfName[s.name] == nil && !known.contains(s.name) {
                indexOfName[s.name] = learned.count
                learned.append(
                    LearnedBrand(
                        name: s.name, aliases: [], kind: s.kind, doc: doc,
                        offset: s.offset, sentence: s.sentence, rule: s.rule))
            }
        }
        var owners: [String: Int] = [:]
        let shortForms = learned.map { self.shortForms(of: $0.name) }
        for forms in shortForms { for form in Set(forms) { owners[form, default: 0] += 1 } }
        // A learned name that is the short form of exactly one other (邻里荟 of 青禾·邻里荟) is
        // that one's alias, not a programme of its own.
        var isAlias = [Bool](repeating: false, count: learned.count)
        for i in learned.indices {
            learned[i].aliases = shortForms[i].filter { form in
                guard owners[form] == 1, !known.contains(form) else { return false }
                if let other = indexOfName[form] { isAlias[other] = true }
                return true
            }
        }
        return learned.indices.filter { !isAlias[$0] }.map { learned[$0] }
    }

    /// 天使爱·红色驿 → 天使爱, 红色驿; 邻里守望行动 → 邻里守望: parts that stay proper names.
    func shortForms(of name: String) -> [String] {
        let scalars = Array(name.unicodeScalars)
        var forms: [[Unicode.Scalar]] = []
        if scalars.contains("\u{B7}") {
            forms += scalars.split(separator: "\u{B7}").map(Array.init)
        }
        if let length = strippable.longest(endingAt: scalars.count, in: scalars) {
            forms.append(Array(scalars.dropLast(length)))
        }
        var result: [String] = []
        for form in forms
        where form.count >= Self.minimumLength && form.count < scalars.count
            && form.allSatisfy(Chinese.isCharacter) && !isRuledOut(form) && !containsStopWord(form)
        {
            let text = Scalars.string(form)
            if !result.contains(text) { result.append(text) }
        }
        return result
    }

    // MARK: Counting

    /// How often each learned name (index into `learned`) is written in a document, by its name
    /// or a short form: the longest forms first, without overlaps.
    public static func mentions(of learned: [LearnedBrand], in segmented: SegmentedText) -> [Int: Int] {
        var patterns: [String] = []
        var owner: [Int] = []
        for (i, brand) in learned.enumerated() {
            for form in [brand.name] + brand.aliases {
                patterns.append(form)
                owner.append(i)
            }
        }
        guard !patterns.isEmpty else { return [:] }
        return mentions(matching: ScalarMatcher(patterns: patterns), owner: owner, in: segmented)
    }

    /// The same with a matcher built once for many documents (`owner[pattern]`: the learned name's index).
    public static func mentions(matching matcher: ScalarMatcher, owner: [Int], in segmented: SegmentedText) -> [Int: Int] {
        let matches = matcher.matchesByStart(in: segmented.view.scalars)
            .sorted { ($0.end - $0.start, $1.start) > ($1.end - $1.start, $0.start) }
        var covered = [Bool](repeating: false, count: segmented.view.scalars.count)
        var counts: [Int: Int] = [:]
        for m in matches where !(m.start..<m.end).contains(where: { covered[$0] }) {
            for i in m.start..<m.end { covered[i] = true }
            counts[owner[m.pattern], default: 0] += 1
        }
        return counts
    }
}
