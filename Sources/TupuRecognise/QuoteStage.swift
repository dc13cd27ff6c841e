import TupuGazetteer
import TupuKit

/// Quoted names: “天使爱·红色驿” is a programme when the text treats it as one — a type
/// word follows (“暖心灯塔”党建品牌, “惠民贷”项目), a running verb precedes (开展“二四六”),
/// or the name itself ends in one (“邻里守望行动”). Slogans, quoted speech, honours and
/// formulas (“最后一公里”, “1+N”, 被评为“…”) are left alone. A quoted name that ends in an
/// organisation type word (“…共建联盟”) is an organisation.
public struct QuoteStage: RecognitionStage {
    public let name = "quotes"

    public static let opens: Set<Unicode.Scalar> = ["\u{201C}", "\u{2018}", "\u{300C}", "\u{300E}"]
    public static let closes: Set<Unicode.Scalar> = ["\u{201D}", "\u{2019}", "\u{300D}", "\u{300F}"]

    /// Membership in `opens` and `closes` without hashing: asked for nearly every scalar of a name.
    @inline(__always)
    public static func isOpeningQuote(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x201C || s.value == 0x2018 || s.value == 0x300C || s.value == 0x300E
    }

    @inline(__always)
    public static func isClosingQuote(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x201D || s.value == 0x2019 || s.value == 0x300D || s.value == 0x300F
    }

    @inline(__always)
    public static func isQuoteMark(_ s: Unicode.Scalar) -> Bool { isOpeningQuote(s) || isClosingQuote(s) }

    // The word lists are the stage's own stored properties: read inside the scans, where a
    // `static let` costs a lazy-initialisation check at every use.
    let cues = WordSet(Lexicon.programmeCues.map(\.word))
    /// The kind each cue implies (its first entry in `Lexicon.programmeCues`).
    let cueKinds = Lexicon.programmeCues.map { (word: Array($0.word.unicodeScalars), kind: $0.kind) }
    let endings = Lexicon.programmeEndings.map { (word: Array($0.word.unicodeScalars), kind: $0.kind) }
    /// The endings as a set, asked first: most quotes end in none, and the list is long.
    let endingWords = WordSet(Lexicon.programmeEndings.map(\.word))
    let verbs = WordSet(
        Lexicon.runVerbs + ["开展了", "推出了", "打造了", "成立了", "建立了", "举办了", "实施了", "推行了", "创办", "开办", "协办", "承接", "改造成", "改造成了", "改建成", "建成了", "试点", "取名", "取名为"]
            // 共建了“…”, 开发了“…”线路.
            + ["共建", "共建了", "开发了"])
    let stops = Lexicon.stops
    /// Kinds of facility every county has, quoted as if named: asked of every quote's scalars.
    let genericKinds = WordSet(["共富工坊", "红色驿站", "党群服务中心", "新时代文明实践站", "新时代文明实践所"])
    /// Between a quote and its type word: counts, classifiers and series words (“A”“B”两条精品游线).
    let skippable = ScalarSet("一二三四五六七八九十两几多条个大项类种场等系列主题特色专属")
    /// Joins quotes that share one type word: “A”和“B”项目, “A”、“B”.
    let joiners = ScalarSet("、和及与")
    let honours = WordSet(["评为", "获评", "入选", "荣获", "获得", "授予", "称为", "誉为", "命名为", "参评", "争创"])
    let competing = WordSet(["参评", "争创"])
    let afterHonour = WordSet(["称号", "荣誉", "申报", "示范点", "典型案例", "之称", "典型", "名单", "榜单", "评选"])
    /// What a quote frames rather than names (围绕打造“…”的目标, 落实“…”建设要求, 推行“…”发展模式,
    /// 建立“…”帮扶关系, 在“…”工程框架下): a goal, a policy's demand, a way of working, a relation.
    let framed = WordSet(["的目标", "的要求", "建设要求", "发展模式", "帮扶关系", "工程框架"])
    /// “最美志愿者”, “十佳…”: a quoted name that opens with a superlative is an honour.
    let superlatives = WordSet(["最美", "最佳", "十佳", "百佳", "优秀", "先进"])
    /// “某某”消费帮扶平台, “某某”户外劳动者服务驿站: facility words a short description may stand before.
    /// So do services and talks (“某某”签约服务, “某某”文艺宣讲).
    let describedFacilities = WordSet([
        "驿站", "平台", "互助站", "服务站", "食堂", "工坊", "课堂", "讲堂", "议事厅", "服务", "宣讲", "托管班"
    ])
    /// Every organisation type word: a quote right before one (“某某”志愿服务队) is that body's name, not a programme.
    let orgTypeWords = WordSet(Lexicon.orgTypeWords.map(\.word))
    /// Field words between a quoted name and its organisation's type word (“某某”党建联合体).
    let fieldWords = WordSet(["党建", "志愿", "公益", "红色"])
    let framing = WordSet(["为纽带", "为契机", "为导向", "为抓手", "为载体", "为服务半径", "为目标", "为核心", "为重点", "为引领", "为主线", "引领"])
    let forbidden = ScalarSet("，,。！？!?；;：:+＋/—–-…\"")
    let activity = WordSet(["活动", "行动", "项目", "工程", "基地"])
    /// Quoted names read as organisations only for alliances, teams and associations (“…共建联盟”).
    let orgSuffixes = WordSet(Lexicon.orgTypeWords.filter { [.alliance, .team, .association].contains($0.kind) }.map(\.word))
    /// Every organisation type word with its kind, in the gazetteer's order, to name the kind of a quoted one.
    let orgSuffixKinds = Lexicon.orgTypeWords.map { (word: Array($0.word.unicodeScalars), kind: $0.kind) }
    /// 嵌入式, 数字化, 服务型: a quoted manner, not a name.
    let adjectival = ScalarSet("式化型性感")
    let countWords = ScalarSet("一二三四五六七八九十两百千万")
    /// After a quote, what makes it qualify the next word (“…”式, “…”型, “…”般).
    let mannerMarks = ScalarSet("式型般")
    let boundary = Lexicon.boundary
    let instructions = WordSet(["开启", "做", "让", "把", "向", "扫", "请", "点亮", "打开"])

    /// Longer than this (quote marks aside), a quote is speech or a slogan, not a name.
    static let maxNameLength = 16

    public init() {}

    /// Where a quote opens or closes, and the line breaks no quote spans.
    static let quoteScanKeys = ScalarSet(
        [0x0A, 0x2018, 0x2019, 0x201A, 0x201B, 0x201C, 0x201D, 0x300C, 0x300D, 0x300E, 0x300F].map { Unicode.Scalar($0)! })

    /// The colons a name's label ends with.
    static let colons = ScalarSet(":：")

    public var scanKeys: [ScalarSet] { [QuoteStage.quoteScanKeys, QuoteStage.colons] }

    struct Quote {
        var outer: Range<Int>
        var inner: Range<Int>
    }

    /// Quote spans, innermost included, in the order they close; a stray closing mark right
    /// after a quote extends it (“铜”心锁” reads as one name). No two share an opening mark.
    /// `offsets`: those to read, ascending (all of them, or where `quoteScanKeys` has the scalar).
    static func quotes(in text: [Unicode.Scalar], at offsets: some Sequence<Int>) -> [Quote] {
        var stack: [Int] = []
        var found: [Quote] = []
        text.withUnsafeBufferPointer { text in
            for i in offsets {
                let s = text[i]
                // Almost every scalar is a Han character, above every quote mark: one test rejects it.
                if s.value > 0x300F { continue }
                if s.value != 0x0A && !(0x2018...0x201D).contains(s.value) && !(0x300C...0x300F).contains(s.value) { continue }
                if isOpeningQuote(s) {
                    stack.append(i)
                } else if isClosingQuote(s) {
                    if let open = stack.popLast() {
                        found.append(Quote(outer: open..<(i + 1), inner: (open + 1)..<i))
                    } else if var last = found.last, i - last.outer.upperBound <= 3,
                        (last.outer.upperBound..<i).allSatisfy({ Chinese.isCharacter(text[$0]) })
                    {
                        last.outer = last.outer.lowerBound..<(i + 1)
                        last.inner = last.inner.lowerBound..<i
                        found[found.count - 1] = last
                    }
                } else if s == "\n" && !stack.isEmpty {
                    stack.removeAll(keepingCapacity: true)  // quotes do not span paragraphs in the view
                }
            }
        }
        return found
    }

    public func run(_ state: inout RecognitionState) {
        let text = state.text
        labelledNames(&state)
        let all = QuoteStage.quotes(in: text, at: state.scanPoints[0]).filter { !state.isByline(at: $0.inner.lowerBound) }
        guard !all.isEmpty else { return }
        // Indices into `all` by opening offset: for the quotes that follow one another.
        let byStart = all.indices.sorted { all[$0].outer.lowerBound < all[$1].outer.lowerBound }
        /// The kind of the programme each quote was read as (nil: none).
        var acceptedKind = [ProgrammeKind?](repeating: nil, count: all.count)
        /// A quote's content without its inner quote marks; one buffer reused for every quote.
        var content: [Unicode.Scalar] = []
        content.reserveCapacity(QuoteStage.maxNameLength)
        for (q, quote) in all.enumerated() {
            guard fillContent(&content, quote.inner, text, orSpace: true),
                content.contains(where: Chinese.isCharacter)
            else { continue }
            let length = content.count
            // “共富工坊”, “红色驿站”: a kind of facility every county has, no one's name.
            if genericKinds.contains(0..<length, in: content) { continue }
            if honours.longest(endingAt: quote.outer.lowerBound, in: text) != nil || competesFor(before: quote.outer.lowerBound, text)
                || afterHonour.longest(startingAt: quote.outer.upperBound, in: text) != nil
                || framed.longest(startingAt: quote.outer.upperBound, in: text) != nil
                || superlatives.longest(startingAt: 0, in: content) != nil
            {
                continue
            }
            if let suffix = orgSuffixes.longest(endingAt: length, in: content), length - suffix >= 2 {
                let name = Scalars.string(content)
                var org = Mention(kind: .org, range: quote.inner, text: name, rule: .orgQuoted, confidence: 0.7)
                org.subkind = orgSuffixKinds.first { $0.word.count == suffix && Scalars.word($0.word, endsAt: length, in: content) }.map { .org($0.kind) }
                org.core = name
                state.add(org)
                continue
            }
            // A count and one character (“三会”, “六大”) is a formula, a verb (“上门”) a manner: no names;
            // so is one and one (“一老一小”, “一村一品”).
            if length == 2, countWords.contains(content[0]) || boundary.longest(startingAt: 0, in: content) == 2 { continue }
            if length == 4, content[0] == "一", content[2] == "一" { continue }
            if namesOrganisation(after: quote.outer.upperBound, text) { continue }
            // A manner (“嵌入式”) or an instruction (“扫一扫”) is not a name, whatever follows it.
            let dotted = dottedName(content)
            if !dotted && (isInstruction(content) || adjectival.contains(content[length - 1])) { continue }
            let cue = cueKind(after: quote, all: all, byStart: byStart, text)
            let listed = content.contains("、")
            if listed && cue == nil { continue }
            // “雪中送炭”式指导: a quote that qualifies what follows is a manner, not a name.
            if cue == nil, quote.outer.upperBound < text.count, mannerMarks.contains(text[quote.outer.upperBound]) { continue }
            let kind: ProgrammeKind
            let rule: MentionRule
            let confidence: Double
            if let cue {
                (kind, rule, confidence) = (cue, .programmeQuotedTypeWord, 0.85)
            } else if endingWords.longest(endingAt: length, in: content) != nil,
                let ending = endings.first(where: { length > $0.word.count && Scalars.word($0.word, endsAt: length, in: content) })
            {
                (kind, rule, confidence) = (ending.kind, .programmeQuotedNameEnding, 0.75)
            } else if dotted {
                (kind, rule, confidence) = (.brand, .programmeQuotedDottedName, 0.7)
            } else if nameLabel(endingAt: quote.outer.lowerBound, text) {
                (kind, rule, confidence) = (.project, .programmeFieldLabel, 0.75)
            } else if launchedBy(after: quote.outer.upperBound, text) {
                (kind, rule, confidence) = (.project, .programmeQuotedLaunchedBy, 0.7)
            } else if verbBefore(quote.outer.lowerBound, text), !listed, length >= 4,
                framing.longest(startingAt: quote.outer.upperBound, in: text) == nil, !startsWithVerb(content)
            {
                (kind, rule, confidence) = (.project, .programmeQuotedAfterVerb, 0.6)
            } else {
                continue
            }
            var mention = Mention(kind: .programme, range: quote.inner, text: Scalars.string(content), rule: rule, confidence: confidence)
            mention.subkind = .programme(kind)
            state.add(mention)
            acceptedKind[q] = kind
        }
        // Quotes listed together name things of one type: “A”“B”“C” are all programmes if one is.
        var runStart = 0
        while runStart < byStart.count {
            var runEnd = runStart + 1
            while runEnd < byStart.count, follows(all[byStart[runEnd]], all[byStart[runEnd - 1]], state) { runEnd += 1 }
            let run = byStart[runStart..<runEnd]
            runStart = runEnd
            guard run.count > 1, let named = run.first(where: { acceptedKind[$0] != nil }) else { continue }
            for q in run where acceptedKind[q] == nil && !state.isTaken(all[q].inner) {
                guard fillContent(&content, all[q].inner, text, orSpace: false),
                    !content.contains("、")
                else { continue }
                var mention = Mention(
                    kind: .programme, range: all[q].inner, text: Scalars.string(content),
                    rule: .programmeQuotedInAList, confidence: 0.6)
                mention.subkind = acceptedKind[named].map { .programme($0) }
                state.add(mention)
            }
        }
    }

    /// Fills `content` with the scalars of `inner` that are not quote marks; false (content
    /// unspecified) when that is shorter than two or longer than `maxNameLength`, or holds a
    /// forbidden scalar (or a space, if asked).
    func fillContent(_ content: inout [Unicode.Scalar], _ inner: Range<Int>, _ text: [Unicode.Scalar], orSpace: Bool) -> Bool {
        content.removeAll(keepingCapacity: true)
        for i in inner where !QuoteStage.isQuoteMark(text[i]) {
            let s = text[i]
            if content.count == QuoteStage.maxNameLength || forbidden.contains(s) || (orSpace && s == " ") { return false }
            content.append(s)
        }
        return content.count >= 2
    }

    /// Whether `quote` directly follows `previous`, or with one joiner between (“A”“B”、“C”), or as
    /// the next item of a list of places' names (某社区“A”助老服务、某村“B”): a short description,
    /// 、 and the place right before the quote.
    func follows(_ quote: Quote, _ previous: Quote, _ state: RecognitionState) -> Bool {
        let text = state.text
        let gap = quote.outer.lowerBound - previous.outer.upperBound
        if gap == 0 || (gap == 1 && joiners.contains(text[previous.outer.upperBound])) { return true }
        guard let place = state.rangeOfMention(endingAt: quote.outer.lowerBound, kinds: .place), place.lowerBound > 0,
            text[place.lowerBound - 1] == "、"
        else { return false }
        let description = previous.outer.upperBound..<(place.lowerBound - 1)
        return description.count <= 6 && description.allSatisfy { Chinese.isCharacter(text[$0]) }
    }

    /// Whether the clause before a quote competes for it (参评省某某厅“…”, 争创市级“…”): the quote
    /// names an honour, whoever awards it.
    func competesFor(before open: Int, _ text: [Unicode.Scalar]) -> Bool {
        var i = open
        while i > 0, open - i < 16, Chinese.isCharacter(text[i - 1]) {
            if competing.longest(endingAt: i, in: text) != nil { return true }
            i -= 1
        }
        return false
    }

    /// Whether an organisation's type word starting after `start` takes in the word at `range` and
    /// goes on (“某某”律师|志愿服务团: 服务 there is the team's).
    func partOfOrganisationWord(_ range: Range<Int>, from start: Int, _ text: [Unicode.Scalar]) -> Bool {
        (start...range.lowerBound).contains { k in
            orgTypeWords.longest(startingAt: k, in: text).map { k + $0 > range.upperBound } ?? false
        }
    }

    /// Whether an organisation's type word follows a quote, right after it or after a field word
    /// (“某某”志愿服务队, “某某”党建联合体), and no programme word is as long there.
    func namesOrganisation(after close: Int, _ text: [Unicode.Scalar]) -> Bool {
        if let org = orgTypeWords.longest(startingAt: close, in: text) {
            return org > (cues.longest(startingAt: close, in: text) ?? 0)
        }
        guard cues.longest(startingAt: close, in: text) == nil, let field = fieldWords.longest(startingAt: close, in: text) else {
            return false
        }
        return orgTypeWords.longest(startingAt: close + field, in: text) != nil
    }

    /// The kind implied by the type word after a quote, or after the last quote of a run that shares it.
    func cueKind(after quote: Quote, all: [Quote], byStart: [Int], _ text: [Unicode.Scalar]) -> ProgrammeKind? {
        var position = quote.outer.upperBound
        // Walk over following quotes joined to this one.
        while true {
            var next = position
            if next < text.count, joiners.contains(text[next]) { next += 1 }
            guard let following = quoteOpening(at: next, all: all, byStart: byStart) else { break }
            position = following.outer.upperBound
        }
        var skipped = 0
        while position < text.count, skipped < 4, cues.longest(startingAt: position, in: text) == nil,
            skippable.contains(text[position]) || QuoteStage.isASCIILetter(text[position])
        {
            position += 1
            skipped += 1
        }
        if let length = cues.longest(startingAt: position, in: text) {
            return kind(ofCue: position..<(position + length), text)
        }
        // “二四六”走访志愿服务活动: an activity word a few characters on, with no break between;
        // “某某”消费帮扶平台: a facility word after a description with no function word in it.
        var end = position
        var plain = true
        while end < text.count, end - position <= 8, Chinese.isCharacter(text[end]) {
            if let length = activity.longest(startingAt: end, in: text), end > position {
                return kind(ofCue: end..<(end + length), text)
            }
            if plain, end > position, let length = describedFacilities.longest(startingAt: end, in: text),
                !partOfOrganisationWord(end..<(end + length), from: position, text)
            {
                return kind(ofCue: end..<(end + length), text)
            }
            plain = plain && stops.longest(startingAt: end, in: text) == nil
            end += 1
        }
        return nil
    }

    /// The kind of the cue written at `range` (every activity word is a cue too; a brand otherwise).
    func kind(ofCue range: Range<Int>, _ text: [Unicode.Scalar]) -> ProgrammeKind {
        cueKinds.first { $0.word.count == range.count && Scalars.word($0.word, startsAt: range.lowerBound, in: text) }?.kind ?? .brand
    }

    /// The quote opening at `offset`, found by binary search over the quotes by opening offset.
    func quoteOpening(at offset: Int, all: [Quote], byStart: [Int]) -> Quote? {
        var low = 0
        var high = byStart.count
        while low < high {
            let middle = (low + high) / 2
            if all[byStart[middle]].outer.lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        guard low < byStart.count, all[byStart[low]].outer.lowerBound == offset else { return nil }
        return all[byStart[low]]
    }

    @inline(__always)
    static func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
        (0x61...0x7A).contains(s.value) || (0x41...0x5A).contains(s.value)
    }

    /// 爱心来了·温暖有家: two named parts joined by a middle dot read as a brand.
    func dottedName(_ content: [Unicode.Scalar]) -> Bool {
        guard let dot = content.firstIndex(of: "\u{B7}") else { return false }
        var hanBefore = 0
        var hanAfter = 0
        for i in content.indices where i != dot && Chinese.isCharacter(content[i]) {
            if i < dot { hanBefore += 1 } else { hanAfter += 1 }
        }
        return hanBefore >= 2 && hanAfter >= 2
    }

    /// A quote that only follows a verb must not start like a phrase itself (“推动…”, “以…”).
    func startsWithVerb(_ content: [Unicode.Scalar]) -> Bool {
        verbs.longest(startingAt: 0, in: content) != nil || stops.longest(startingAt: 0, in: content) != nil
            || isInstruction(content)
    }

    /// “扫一扫”, “开启居民会客厅”: an instruction to the reader, not a name.
    func isInstruction(_ content: [Unicode.Scalar]) -> Bool {
        instructions.longest(startingAt: 0, in: content) != nil
    }

    /// A programme's operation, between its quoted name and 由 (“…”的日常运营由X负责).
    let operations = WordSet(["日常运营", "运营", "日常管理", "管理", "运行"])

    /// “…”由X推出, “…”依托X开设, “…”的日常运营由X负责: launched or run by someone, before the clause ends.
    func launchedBy(after close: Int, _ text: [Unicode.Scalar]) -> Bool {
        var by = close
        if by + 1 < text.count, text[by] == "的", let length = operations.longest(startingAt: by + 1, in: text) { by += 1 + length }
        guard by + 1 < text.count else { return false }
        let marker: Int
        if text[by] == "由" {
            marker = 1
        } else if text[by] == "依", text[by + 1] == "托" {
            marker = 2
        } else {
            return false
        }
        var i = by + marker
        while i < text.count, i - by <= 24, text[i] != "，", text[i] != ",", text[i] != "。", text[i] != "；" {
            if verbs.longest(startingAt: i, in: text) != nil { return true }
            i += 1
        }
        return false
    }

    /// A 公示 list's label for the item's name and its colon (项目名称：).
    let nameLabels = WordSet(["项目名称", "品牌名称", "活动名称", "服务名称", "项目全称"])
    /// What ends an unquoted name after its label: a clause break, a space, a line's end.
    let nameEnds = ScalarSet("，,；;。:：、 \u{3000}\n（(")

    /// Whether a name's label and colon end at `offset` (项目名称：|“…”).
    func nameLabel(endingAt offset: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard offset > 0, text[offset - 1] == ":" || text[offset - 1] == "：" else { return false }
        return nameLabels.longest(endingAt: offset - 1, in: text) != nil
    }

    /// Whether a field's value ends at `end`: at a line's or the text's end, or before the next field's label
    /// (…，承接单位：), not in a sentence that goes on (项目名称：经过评审，共有…).
    func closesField(at end: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard end < text.count, text[end] != "\n" else { return true }
        guard nameEnds.contains(text[end]) else { return false }
        var i = end + 1
        while i < text.count, i - end <= 7, Chinese.isCharacter(text[i]) { i += 1 }
        return i < text.count && i - end >= 3 && (text[i] == ":" || text[i] == "：")
    }

    /// 项目名称：银发课堂老年教育项目，…: the unquoted name after a name's label, up to the field's end, is a
    /// programme (a quoted one is read with the other quotes).
    func labelledNames(_ state: inout RecognitionState) {
        let text = state.text
        for last in state.scanPoints[1] {
            let start = last + 1
            guard nameLabels.longest(endingAt: last, in: text) != nil, start < text.count, !QuoteStage.isQuoteMark(text[start]),
                !state.isByline(at: start)
            else { continue }
            var end = start
            while end < text.count, end - start <= QuoteStage.maxNameLength, !nameEnds.contains(text[end]) { end += 1 }
            let range = start..<end
            guard (2...QuoteStage.maxNameLength).contains(range.count), closesField(at: end, text),
                range.allSatisfy({ Chinese.isNameScalar(text[$0]) }), !state.isTaken(range)
            else { continue }
            var mention = Mention(kind: .programme, range: range, text: state.string(range), rule: .programmeFieldLabel, confidence: 0.7)
            mention.subkind = .programme(.project)
            state.add(mention)
        }
    }

    /// A running verb right before the quote (开展“…”, 推出了“…”), or before 的 (某协会发起的“…”, 某人创办的“…”).
    func verbBefore(_ open: Int, _ text: [Unicode.Scalar]) -> Bool {
        if verbs.longest(endingAt: open, in: text) != nil { return true }
        return open > 1 && text[open - 1] == "的" && verbs.longest(endingAt: open - 1, in: text) != nil
    }
}
