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
    static let cues = WordSet(Lexicon.programmeCues.map(\.word))
    static let cueKind = Dictionary(Lexicon.programmeCues.map { ($0.word, $0.kind) }, uniquingKeysWith: { a, _ in a })
    static let endings = Lexicon.programmeEndings.map { (Array($0.word.unicodeScalars), $0.kind) }
    static let verbs = WordSet(Lexicon.runVerbs + ["开展了", "推出了", "打造了", "成立了", "建立了", "举办了", "实施了", "推行了"])
    /// Between a quote and its type word: counts, classifiers and series words (“A”“B”两条精品游线).
    static let skippable = ScalarSet("一二三四五六七八九十两几多条个大项类种场等系列主题特色专属")
    /// Joins quotes that share one type word: “A”和“B”项目, “A”、“B”.
    static let joiners = ScalarSet("、和及与")
    static let honours = WordSet(["评为", "获评", "入选", "荣获", "获得", "授予", "称为", "誉为", "命名为"])
    static let afterHonour = WordSet(["称号", "荣誉", "申报", "示范点", "典型案例", "之称"])
    static let framing = WordSet(["为纽带", "为契机", "为导向", "为抓手", "为载体", "为服务半径", "为目标", "为核心", "为重点", "为引领", "为主线", "引领"])
    static let forbidden = ScalarSet("，,。！？!?；;：:+＋/—–-…\"")
    static let activity = WordSet(["活动", "行动", "项目", "工程"])
    /// Quoted names read as organisations only for alliances, teams and associations (“…共建联盟”).
    static let orgSuffixes = WordSet(Lexicon.orgSuffixes.filter { ["alliance", "team", "association"].contains($0.kind) }.map(\.word))

    public init() {}

    struct Quote {
        var outer: Range<Int>
        var inner: Range<Int>
    }

    /// Quote spans, innermost included; a stray closing mark right after a quote
    /// extends it (“铜”心锁” reads as one name).
    static func quotes(in text: [Unicode.Scalar]) -> [Quote] {
        var stack: [Int] = []
        var found: [Quote] = []
        for (i, s) in text.enumerated() {
            // Almost every scalar is neither a quote nor a newline: one range test rejects it.
            if s.value != 0x0A && !(0x2018...0x201D).contains(s.value) && !(0x300C...0x300F).contains(s.value) { continue }
            if isOpeningQuote(s) {
                stack.append(i)
            } else if isClosingQuote(s) {
                if let open = stack.popLast() {
                    found.append(Quote(outer: open..<(i + 1), inner: (open + 1)..<i))
                } else if var last = found.last, i - last.outer.upperBound <= 3,
                          (last.outer.upperBound..<i).allSatisfy({ Scalars.isHan(text[$0]) }) {
                    last.outer = last.outer.lowerBound..<(i + 1)
                    last.inner = last.inner.lowerBound..<i
                    found[found.count - 1] = last
                }
            } else if s == "\n" {
                stack.removeAll()   // quotes do not span paragraphs in the view
            }
        }
        return found
    }

    public func run(_ state: inout RecognitionState) {
        let text = state.text
        let all = QuoteStage.quotes(in: text).filter { state.kind(at: $0.inner.lowerBound) != .byline }
        let byStart = Dictionary(all.map { ($0.outer.lowerBound, $0) }, uniquingKeysWith: { a, _ in a })
        var accepted = Set<Int>()
        for quote in all {
            let content = text[quote.inner].filter { !QuoteStage.isQuoteMark($0) }
            let length = content.count
            guard length >= 2, length <= 16, !content.contains(where: { QuoteStage.forbidden.contains($0) || $0 == " " }),
                  content.contains(where: Scalars.isHan) else { continue }
            if QuoteStage.honours.longest(endingAt: quote.outer.lowerBound, in: text) != nil
                || QuoteStage.afterHonour.longest(startingAt: quote.outer.upperBound, in: text) != nil { continue }
            if let suffix = QuoteStage.orgSuffixes.longest(endingAt: content.count, in: content), length - suffix >= 2 {
                let name = Scalars.string(content)
                var org = Mention(kind: .org, range: quote.inner, text: name, rule: "org.quoted", confidence: 0.7)
                org.subkind = Lexicon.orgSuffixes.first { $0.word.unicodeScalars.count == suffix && name.hasSuffix($0.word) }?.kind
                org.core = name
                state.add(org)
                continue
            }
            // A manner (“嵌入式”) or an instruction (“扫一扫”) is not a name, whatever follows it.
            let dotted = dottedName(content)
            if !dotted && (isInstruction(content) || QuoteStage.adjectival.contains(content.last!)) { continue }
            let cue = cueAfter(quote, byStart: byStart, text)
            let ending = QuoteStage.endings.first { Scalars.word($0.0, endsAt: content.count, in: content) && content.count > $0.0.count }
            let verb = verbBefore(quote.outer.lowerBound, text)
            let passive = launchedBy(after: quote.outer.upperBound, text)
            let framed = QuoteStage.framing.longest(startingAt: quote.outer.upperBound, in: text) != nil
            let listed = content.contains("、")
            var kind: String
            var rule: String
            var confidence: Double
            if let cue {
                (kind, rule, confidence) = (QuoteStage.cueKind[cue] ?? "brand", "programme.quoted+type-word", 0.85)
            } else if let ending {
                (kind, rule, confidence) = (ending.1, "programme.quoted-name-ending", 0.75)
            } else if dotted {
                (kind, rule, confidence) = ("brand", "programme.quoted-dotted-name", 0.7)
            } else if passive {
                (kind, rule, confidence) = ("project", "programme.quoted-launched-by", 0.7)
            } else if verb, !framed, !listed, length >= 4, !startsWithVerb(content) {
                (kind, rule, confidence) = ("project", "programme.quoted-after-verb", 0.6)
            } else {
                continue
            }
            if listed && cue == nil { continue }
            var mention = Mention(kind: .programme, range: quote.inner, text: Scalars.string(content), rule: rule, confidence: confidence)
            mention.subkind = kind
            state.add(mention)
            accepted.insert(quote.outer.lowerBound)
        }
        // Quotes listed together name things of one type: “A”“B”“C” are all programmes if one is.
        for run in runs(all, text) {
            guard let named = run.first(where: { accepted.contains($0.outer.lowerBound) }) else { continue }
            let kind = state.mentions.first { $0.kind == .programme && $0.range == named.inner }?.subkind
            for quote in run where !accepted.contains(quote.outer.lowerBound) && !state.isTaken(quote.inner) {
                let content = text[quote.inner].filter { !QuoteStage.isQuoteMark($0) }
                guard content.count >= 2, content.count <= 16, !content.contains(where: { QuoteStage.forbidden.contains($0) || $0 == "、" }) else { continue }
                var mention = Mention(kind: .programme, range: quote.inner, text: Scalars.string(content), rule: "programme.quoted-in-a-list", confidence: 0.6)
                mention.subkind = kind
                state.add(mention)
            }
        }
    }

    /// Runs of quotes that follow each other directly or with a joiner (“A”“B”、“C”).
    func runs(_ quotes: [Quote], _ text: [Unicode.Scalar]) -> [[Quote]] {
        var result: [[Quote]] = []
        for quote in quotes.sorted(by: { $0.outer.lowerBound < $1.outer.lowerBound }) {
            if let last = result.last?.last {
                let gap = quote.outer.lowerBound - last.outer.upperBound
                if gap == 0 || (gap == 1 && QuoteStage.joiners.contains(text[last.outer.upperBound])) {
                    result[result.count - 1].append(quote)
                    continue
                }
            }
            result.append([quote])
        }
        return result.filter { $0.count > 1 }
    }

    /// The type word after a quote, or after the last quote of a run that shares it.
    func cueAfter(_ quote: Quote, byStart: [Int: Quote], _ text: [Unicode.Scalar]) -> String? {
        var position = quote.outer.upperBound
        // Walk over following quotes joined to this one.
        while true {
            var next = position
            if next < text.count, QuoteStage.joiners.contains(text[next]) { next += 1 }
            guard let following = byStart[next] else { break }
            position = following.outer.upperBound
        }
        var skipped = 0
        while position < text.count, skipped < 4, QuoteStage.cues.longest(startingAt: position, in: text) == nil,
              QuoteStage.skippable.contains(text[position]) || text[position].isASCII && text[position].properties.isAlphabetic {
            position += 1
            skipped += 1
        }
        if let length = QuoteStage.cues.longest(startingAt: position, in: text) {
            return Scalars.string(text[position..<(position + length)])
        }
        // “二四六”走访志愿服务活动: an activity word a few characters on, with no break between.
        var end = position
        while end < text.count, end - position <= 8, Scalars.isHan(text[end]) {
            if let length = QuoteStage.activity.longest(startingAt: end, in: text), end > position {
                return Scalars.string(text[end..<(end + length)])
            }
            end += 1
        }
        return nil
    }

    /// 爱心来了·温暖有家: two named parts joined by a middle dot read as a brand.
    func dottedName(_ content: [Unicode.Scalar]) -> Bool {
        guard let dot = content.firstIndex(of: "\u{B7}") else { return false }
        return content[..<dot].filter(Scalars.isHan).count >= 2 && content[(dot + 1)...].filter(Scalars.isHan).count >= 2
    }

    /// 嵌入式, 数字化, 服务型: a quoted manner, not a name.
    static let adjectival = ScalarSet("式化型性感")

    /// A quote that only follows a verb must not start like a phrase itself (“推动…”, “以…”).
    func startsWithVerb(_ content: [Unicode.Scalar]) -> Bool {
        QuoteStage.verbs.longest(startingAt: 0, in: content) != nil || Lexicon.stops.longest(startingAt: 0, in: content) != nil
            || isInstruction(content)
    }

    static let instructions = WordSet(["开启", "做", "让", "把", "向", "扫", "请", "点亮", "打开"])

    /// “扫一扫”, “开启居民会客厅”: an instruction to the reader, not a name.
    func isInstruction(_ content: [Unicode.Scalar]) -> Bool {
        QuoteStage.instructions.longest(startingAt: 0, in: content) != nil
    }

    /// “…”由X推出: launched by someone, before the clause ends.
    func launchedBy(after close: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard close < text.count, text[close] == "由" else { return false }
        var i = close + 1
        while i < text.count, i - close <= 24, !["，", ",", "。", "；"].contains(text[i]) {
            if QuoteStage.verbs.longest(startingAt: i, in: text) != nil { return true }
            i += 1
        }
        return false
    }

    /// A running verb right before the quote (开展“…”, 推出了“…”).
    func verbBefore(_ open: Int, _ text: [Unicode.Scalar]) -> Bool {
        QuoteStage.verbs.longest(endingAt: open, in: text) != nil
    }
}
