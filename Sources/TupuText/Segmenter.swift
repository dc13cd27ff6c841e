import TupuKit

/// What a sentence is part of: a headline (title or subtitle), a by-line of reporters' names
/// (also a trailing credit such as `(林小溪)`), article text, or a photo caption / photo credit.
public enum SentenceKind: Sendable, Hashable { case headline, byline, body, caption }

public struct Sentence: Sendable {
    /// View offsets, trimmed of spaces.
    public let range: Range<Int>
    /// Index into `SegmentedText.articles`.
    public let article: Int
    /// Index of the paragraph in the document (after layout joins; headlines and by-lines count).
    public let paragraph: Int
    public let kind: SentenceKind
}

public struct Article: Sendable {
    public let index: Int
    /// View offsets from the headline (or the text's start) to the end of its last paragraph.
    public let range: Range<Int>
    /// Title and subtitle lines, without the leading `#` marks.
    public let headline: Range<Int>?
    public let byline: Range<Int>?
}

public struct SegmentedText: Sendable {
    public let view: TextView
    public let articles: [Article]
    public let sentences: [Sentence]
    /// The sentence index of every view offset (−1 between sentences), built once for every stage.
    private let sentenceAt: [Int32]

    init(view: TextView, articles: [Article], sentences: [Sentence]) {
        self.view = view
        self.articles = articles
        self.sentences = sentences
        var index = [Int32](repeating: -1, count: view.scalars.count + 1)
        for (n, sentence) in sentences.enumerated() {
            for i in sentence.range { index[i] = Int32(n) }
        }
        self.sentenceAt = index
    }

    /// The index in `sentences` of the sentence covering a view offset, or nil between sentences.
    public func sentenceIndex(at offset: Int) -> Int? {
        let n = sentenceAt[offset]
        return n < 0 ? nil : Int(n)
    }

    /// The sentence as the text reads it (full-width punctuation, its own script), for evidence.
    public func sentenceText(_ sentence: Sentence) -> String { view.originalString(sentence.range) }

    /// `sentenceText` of each sentence (by index) as UTF-8, in one buffer, with where each lies in it.
    public func sentencesUTF8(_ indices: [Int]) -> (bytes: [UInt8], ranges: [Range<Int>]) {
        view.originalUTF8(of: indices.map { sentences[$0].range })
    }

    /// The original code-point range a view range was read from. A range that spans a joined
    /// paragraph break covers the dropped break too.
    public func originalRange(_ viewRange: Range<Int>) -> Range<Int> {
        let lower = view.originalOffset(viewRange.lowerBound)
        if viewRange.isEmpty { return lower..<lower }
        return lower..<(view.originalOffset(viewRange.upperBound - 1) + 1)
    }
}

/// Splits a news file into articles, paragraphs and sentences, in one linear pass over its lines.
///
/// - Lines are paragraphs; a `#` line is a headline. A short line (≤ 40 scalars) without
///   sentence-final punctuation and with balanced quotes is a headline when a by-line follows it
///   (directly or after a subtitle), or when it opens the file, follows a reporter credit like
///   `(林小溪)`, a caption, a headline or an article cut off mid-sentence, has spaces between its
///   phrases, or is followed by a quotation. One ending with ! or ? needs the by-line.
/// - A by-line is a line of short CJK words separated by spaces (reporters' names) after a headline.
/// - Captions: `(图片由…提供)`, `…/摄`, `…/文`, `供图`, a short line ending in 摄.
/// - A body line that does not end a sentence continues into the next body line: the page layout
///   broke a word there (`…“党` / `建+”…`), so the view drops the break.
/// - Sentences end at 。！？ (with repeats and closing quotes or brackets: `“……。”` ends after `”`).
///   They do not end at ；, ： or ……: those keep clauses that share a subject together. A run of
///   more than `maximumSentenceLength` scalars without an end is cut after a clause mark. A trailing
///   `(林小溪)` after the last sentence is a sentence of kind `.byline`.
public enum Segmenter {
    /// The longest sentence in scalars; news sentences are far shorter (the sample's longest is
    /// about 200), so only text without sentence punctuation is cut.
    public static let maximumSentenceLength = 1_024

    /// With a `simplifier`, a text in Traditional script is read through Simplified characters.
    public static func segment(_ text: String, simplifying simplifier: Simplifier? = nil) -> SegmentedText {
        let scalars = TextView.scalars(of: text)
        return segment(original: scalars, simplifying: simplifier)
    }

    public static func segment(_ document: Document, simplifying simplifier: Simplifier? = nil) -> SegmentedText {
        segment(original: document.scalars, simplifying: simplifier)
    }

    private static func segment(original: [Unicode.Scalar], simplifying simplifier: Simplifier?) -> SegmentedText {
        var folded = TextView.folded(original)
        let simplified = simplifier?.simplifyIfTraditional(&folded) ?? false
        return segment(folded: folded, original: original, isSimplified: simplified)
    }

    /// Takes the scalars over: the view is made from them in place, where a shared array would be copied first.
    private static func segment(folded: consuming [Unicode.Scalar], original: [Unicode.Scalar], isSimplified: Bool) -> SegmentedText {
        var scalars = folded
        let originalCount = scalars.count

        var lines = LineScanner.lines(in: scalars)
        LineClassifier(scalars: scalars).classify(&lines)
        let (view, viewStarts) = ViewBuilder.build(
            &scalars, original: original, isSimplified: isSimplified,
            lines: lines, originalCount: originalCount)
        return Assembler(view: view, viewStarts: viewStarts, lines: lines).assemble()
    }
}

// MARK: - Lines

enum LineRole { case body, headline, byline, caption }

struct Line {
    /// Original offsets of the line's first and past-last non-space scalar.
    var start: Int
    var end: Int
    /// After the `#` marks of a Markdown-style heading.
    var contentStart: Int
    var headingMarks: Int
    var blankLinesBefore: Int
    var role: LineRole = .body
    var joinsNext = false
}

enum Characters {
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0D, 0x0B, 0x0C, 0xA0, 0x3000, 0xFEFF, 0x200B: return true
        default: return false
        }
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// Ends a sentence (after folding, ！？ are ! ?).
    static func isFinal(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\u{3002}" || scalar == "!" || scalar == "?" || scalar == "\u{FF61}"
    }

    static func isCloser(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\u{201D}", "\u{2019}", "\u{300D}", "\u{300F}", "\u{3011}", "\u{300B}", ")", "\"", "'": return true
        default: return false
        }
    }

    static func isOpener(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\u{201C}", "\u{2018}", "\u{300C}", "\u{300E}", "\u{3010}", "\u{300A}", "(": return true
        default: return false
        }
    }

}

enum LineScanner {
    static func lines(in scalars: [Unicode.Scalar]) -> [Line] {
        // Over the buffer: the scan for line breaks reads every scalar, and an array checks each read.
        scalars.withUnsafeBufferPointer(lines(in:))
    }

    static func lines(in scalars: UnsafeBufferPointer<Unicode.Scalar>) -> [Line] {
        var lines: [Line] = []
        var blank = 0
        var lineStart = 0
        let count = scalars.count
        while lineStart <= count {
            var lineEnd = lineStart
            while lineEnd < count, !Characters.isLineBreak(scalars[lineEnd]) { lineEnd += 1 }
            var start = lineStart
            var end = lineEnd
            while start < end, Characters.isSpace(scalars[start]) { start += 1 }
            while end > start, Characters.isSpace(scalars[end - 1]) { end -= 1 }
            if start == end {
                blank += 1
            } else {
                var content = start
                var marks = 0
                while content < end, scalars[content] == "#" {
                    content += 1
                    marks += 1
                }
                if marks > 0 {
                    while content < end, Characters.isSpace(scalars[content]) { content += 1 }
                    if content == end {
                        content = start
                        marks = 0
                    }  // a line of only `#` is text
                }
                lines.append(Line(start: start, end: end, contentStart: content, headingMarks: marks, blankLinesBefore: blank))
                blank = 0
            }
            lineStart = lineEnd + 1
        }
        return lines
    }
}

/// Decides each line's role and which lines continue into the next. Looks only at a line and its
/// neighbours, so the work is linear in the text.
struct LineClassifier {
    let scalars: [Unicode.Scalar]

    static let longestHeadline = 40
    static let longestByline = 24

    func classify(_ lines: inout [Line]) {
        let count = lines.count
        var headlineShape = [Bool](repeating: false, count: count)
        var bylineShape = [Bool](repeating: false, count: count)
        for i in 0..<count {
            bylineShape[i] = isBylineShaped(lines[i])
            if isCaption(lines[i]) { lines[i].role = .caption }
            headlineShape[i] = !bylineShape[i] && lines[i].role != .caption && isHeadlineShaped(lines[i])
        }
        for i in 0..<count {
            let line = lines[i]
            if line.headingMarks > 0 {
                lines[i].role = .headline
            } else if headlineShape[i] {
                let nextIsByline = i + 1 < count && bylineShape[i + 1]
                let subtitleThenByline = i + 2 < count && headlineShape[i + 1] && bylineShape[i + 2]
                let previousIsHeadline = i > 0 && lines[i - 1].role == .headline
                let previousClosesArticle = i == 0 || endsWithCredit(lines[i - 1]) || lines[i - 1].role == .caption
                let nextOpensQuote = i + 1 < count && Characters.isOpener(scalars[lines[i + 1].start])
                // A paragraph is not broken twice within a few characters: after a long line that
                // stops mid-sentence (an article cut off by the layout), a short one is a headline.
                let previousIsCutOff =
                    i > 0 && lines[i - 1].role == .body && !endsSentence(lines[i - 1])
                    && lines[i - 1].end - lines[i - 1].start > Self.longestHeadline
                    && i + 1 < count && !headlineShape[i + 1] && !bylineShape[i + 1]
                // A short line ending with ! or ? is most often speech: only a by-line makes it a headline.
                let strongEvidence = nextIsByline || subtitleThenByline
                let weakEvidence =
                    previousClosesArticle || previousIsHeadline || hasSpaceBetweenWords(line)
                    || nextOpensQuote || previousIsCutOff
                if strongEvidence || (weakEvidence && !endsWithExclamationOrQuestion(line)) {
                    lines[i].role = .headline
                }
            }
            if lines[i].role == .headline, i + 1 < count, bylineShape[i + 1] {
                lines[i + 1].role = .byline
            }
        }
        for i in 0..<count where i + 1 < count {
            let line = lines[i]
            let next = lines[i + 1]
            guard line.role == .body, next.role == .body, !endsSentence(line) else { continue }
            // Lines of space-separated words (`富强 民主 文明 和谐`) are lists, not broken prose.
            if bylineShape[i] || bylineShape[i + 1] { continue }
            // A table's rows (cells set apart by a tab or two spaces) are lines of their own.
            if hasCellGap(line) && hasCellGap(next) { continue }
            // A break right before a quotation or bracket did not split a word.
            if Characters.isOpener(scalars[next.start]) { continue }
            // Short bare lines one under another are a block (a notice's signers, an address), not a
            // paragraph the layout broke: a broken paragraph's first line runs long.
            if isShortBareLine(line) && isShortBareLine(next) { continue }
            // A numbered section heading (三、工作打算, （一）养老服务) stands alone: the layout broke no word there.
            if isSectionHeading(line) { continue }
            lines[i].joinsNext = true
        }
    }

    /// A short line opening with a Chinese numeral and 、 (三、…) or a bracketed one ((一)…, （二）…).
    func isSectionHeading(_ line: Line) -> Bool {
        let start = line.contentStart
        guard line.end - start <= Self.longestBlockLine + 4, start + 2 < line.end else { return false }
        let numerals = "一二三四五六七八九十".unicodeScalars
        if numerals.contains(scalars[start]) {
            var i = start
            while i < line.end, numerals.contains(scalars[i]) { i += 1 }
            return i < line.end && scalars[i] == "\u{3001}"
        }
        guard scalars[start] == "(" || scalars[start] == "\u{FF08}" else { return false }
        var i = start + 1
        while i < line.end, numerals.contains(scalars[i]) { i += 1 }
        return i > start + 1 && i < line.end && (scalars[i] == ")" || scalars[i] == "\u{FF09}")
    }

    /// At most `longestBlockLine` scalars, all Han characters or digits.
    func isShortBareLine(_ line: Line) -> Bool {
        line.end - line.start <= Self.longestBlockLine
            && (line.start..<line.end).allSatisfy { Chinese.isCharacter(scalars[$0]) || ("0"..."9").contains(scalars[$0]) }
    }
    static let longestBlockLine = 20

    /// No sentence-final punctuation inside or at the end, short, quotes and brackets balanced,
    /// not ending with a comma-like mark.
    func isHeadlineShaped(_ line: Line) -> Bool {
        guard line.end - line.contentStart <= Self.longestHeadline else { return false }
        let exclaims = endsWithExclamationOrQuestion(line)
        guard exclaims || !endsSentence(line) else { return false }
        var quotes = 0
        var brackets = 0
        var lastFinal = line.end
        if exclaims {
            while lastFinal > line.contentStart, !Characters.isFinal(scalars[lastFinal - 1]) { lastFinal -= 1 }
            while lastFinal > line.contentStart, Characters.isFinal(scalars[lastFinal - 1]) { lastFinal -= 1 }
        }
        for i in line.contentStart..<line.end {
            let scalar = scalars[i]
            if Characters.isFinal(scalar), i < lastFinal { return false }
            switch scalar {
            case "\u{201C}": quotes += 1
            case "\u{201D}": quotes -= 1
            case "(": brackets += 1
            case ")": brackets -= 1
            default: break
            }
        }
        if quotes != 0 || brackets != 0 { return false }
        switch scalars[line.end - 1] {
        case ",", "\u{3001}", ";", ":", "\u{2014}": return false
        default: return true
        }
    }

    /// `家门口的长者食堂来了!`: a headline may end with ! or ? (but not 。), closing quotes aside.
    func endsWithExclamationOrQuestion(_ line: Line) -> Bool {
        var j = line.end - 1
        while j > line.contentStart, Characters.isCloser(scalars[j]) { j -= 1 }
        return scalars[j] == "!" || scalars[j] == "?"
    }

    /// Reporters' names: CJK words of one to four characters separated by spaces (`王 敏 李小青`,
    /// `周 岚`, `赵一帆`), at most eight of them; a single word must be a two- or three-character name.
    func isBylineShaped(_ line: Line) -> Bool {
        guard line.headingMarks == 0, line.end - line.start <= Self.longestByline else { return false }
        var words = 0
        var wordLength = 0
        var longest = 0
        for i in line.start...line.end {
            if i < line.end, Chinese.isCharacter(scalars[i]) || (wordLength > 0 && scalars[i] == "\u{B7}") {
                wordLength += 1
                continue
            }
            if i < line.end, !Characters.isSpace(scalars[i]) { return false }
            if wordLength > 0 {
                words += 1
                longest = max(longest, wordLength)
                if wordLength > 4 { return false }
            }
            wordLength = 0
        }
        if words == 1 { return longest == 2 || longest == 3 }
        return words >= 2 && words <= 8
    }

    /// Photo captions and photo credits: `（图片由…提供）`, `…/摄`, `南璐/文/摄`, `…周雯摄`.
    func isCaption(_ line: Line) -> Bool {
        let text = scalars[line.start..<line.end]
        if Self.creditWords.occurs(in: text) { return true }
        if text.last == "摄", line.end - line.start <= 120 { return true }
        return false
    }

    static let creditWords = WordSet(["图片由", "/摄", "/文", "供图"])

    /// Ends with 。！？ (possibly followed by closing quotes), or with a parenthesised credit
    /// after such punctuation (`…。(林小溪)`), or is wholly in brackets.
    func endsSentence(_ line: Line) -> Bool {
        var j = line.end - 1
        if scalars[j] == ")" {
            var open = j - 1
            while open >= line.start, scalars[open] != "(" { open -= 1 }
            if open < line.start { return false }
            if open == line.start { return true }
            j = open - 1
            while j > line.start, Characters.isSpace(scalars[j]) { j -= 1 }
        }
        while j > line.start, Characters.isCloser(scalars[j]) { j -= 1 }
        return Characters.isFinal(scalars[j]) || scalars[j] == "\u{2026}"
    }

    /// `…。(林小溪)`, `…。(丁一 王二)`: the reporters' credit that closes an article without a by-line.
    func endsWithCredit(_ line: Line) -> Bool {
        // Text, `(`, at least one name scalar, `)`: shorter lines (a lone `)`) cannot be a credit.
        guard line.end - line.start >= 4, scalars[line.end - 1] == ")" else { return false }
        var open = line.end - 3
        while open > line.start, scalars[open] != "(" { open -= 1 }
        guard open > line.start, scalars[open] == "(" else { return false }
        let inside = scalars[(open + 1)..<(line.end - 1)]
        guard !inside.isEmpty, inside.count <= 16 else { return false }
        return inside.allSatisfy { Chinese.isCharacter($0) || Characters.isSpace($0) || $0 == "\u{B7}" }
    }

    /// `医疗送上门 智慧护安全`: Chinese prose has no spaces, headlines use them between phrases.
    /// A tab, an ideographic space or two spaces between the line's words: how a table's cells are set apart as text.
    func hasCellGap(_ line: Line) -> Bool {
        var i = line.contentStart
        while i < line.end {
            let scalar = scalars[i]
            if scalar == "\t" || scalar == "\u{3000}" || (scalar == " " && i + 1 < line.end && scalars[i + 1] == " ") { return true }
            i += 1
        }
        return false
    }

    func hasSpaceBetweenWords(_ line: Line) -> Bool {
        var i = line.contentStart + 1
        while i < line.end - 1 {
            if Characters.isSpace(scalars[i]) {
                var after = i
                while after < line.end, Characters.isSpace(scalars[after]) { after += 1 }
                if after < line.end, !Characters.isSpace(scalars[i - 1]), Chinese.isCharacter(scalars[i - 1]) || Characters.isCloser(scalars[i - 1]),
                    Chinese.isCharacter(scalars[after]) || Characters.isOpener(scalars[after])
                {
                    return true
                }
                i = after
            } else {
                i += 1
            }
        }
        return false
    }
}

// MARK: - View, articles and sentences

enum ViewBuilder {
    /// Turns the folded scalars into the view in place (the view only drops scalars, so it never
    /// needs a second copy of a large text); returns it and each line's view start.
    static func build(
        _ scalars: inout [Unicode.Scalar], original: [Unicode.Scalar], isSimplified: Bool,
        lines: [Line], originalCount: Int
    ) -> (TextView, [Int]) {
        var segmentViewStart = [0]
        var segmentOriginalStart = [0]
        var viewStarts = [Int](repeating: 0, count: lines.count)
        var written = 0  // view scalars so far
        var copied = 0  // original offset copied up to
        func keep(upTo end: Int) {
            if written != copied, end > copied {
                // One overlapping move (memmove), where a loop checked the bounds of every scalar.
                scalars.withUnsafeMutableBufferPointer { scalars in
                    let base = UnsafeMutableRawPointer(scalars.baseAddress!)
                    let size = MemoryLayout<Unicode.Scalar>.stride
                    (base + written * size).copyMemory(from: base + copied * size, byteCount: (end - copied) * size)
                }
            }
            written += end - copied
        }
        for (i, line) in lines.enumerated() {
            viewStarts[i] = line.start - (copied - written)
            guard line.joinsNext else { continue }
            keep(upTo: line.end)
            copied = lines[i + 1].start
            segmentViewStart.append(written)
            segmentOriginalStart.append(copied)
        }
        keep(upTo: scalars.count)
        scalars.removeLast(scalars.count - written)
        let view = TextView(
            scalars: scalars, original: original, isSimplified: isSimplified, segmentViewStart: segmentViewStart,
            segmentOriginalStart: segmentOriginalStart, originalCount: originalCount)
        return (view, viewStarts)
    }
}

struct Assembler {
    let view: TextView
    /// Each line's start in the view.
    let viewStarts: [Int]
    let lines: [Line]

    func assemble() -> SegmentedText {
        var articles: [Article] = []
        var sentences: [Sentence] = []

        // Pending article: start, headline and by-line ranges, end so far.
        var articleStart: Int?
        var headline: Range<Int>?
        var byline: Range<Int>?
        var articleEnd = 0
        func closeArticle() {
            guard let start = articleStart else { return }
            articles.append(Article(index: articles.count, range: start..<articleEnd, headline: headline, byline: byline))
            articleStart = nil
            headline = nil
            byline = nil
        }

        var paragraph = 0
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let lineStart = viewStarts[i]
            if line.role == .headline {
                let previousIsHeadline = i > 0 && lines[i - 1].role == .headline
                if !previousIsHeadline { closeArticle() }
            }
            if articleStart == nil { articleStart = lineStart }
            let article = articles.count
            switch line.role {
            case .headline:
                let range = (lineStart + line.contentStart - line.start)..<(lineStart + line.end - line.start)
                headline = headline.map { $0.lowerBound..<range.upperBound } ?? range
                sentences.append(Sentence(range: range, article: article, paragraph: paragraph, kind: .headline))
                articleEnd = range.upperBound
                i += 1
            case .byline:
                let range = lineStart..<(lineStart + line.end - line.start)
                if byline == nil { byline = range }
                sentences.append(Sentence(range: range, article: article, paragraph: paragraph, kind: .byline))
                articleEnd = range.upperBound
                i += 1
            case .body, .caption:
                var last = i
                while lines[last].joinsNext { last += 1 }
                let end = viewStarts[last] + lines[last].end - lines[last].start
                split(
                    view.scalars, lineStart..<end, kind: line.role == .caption ? .caption : .body,
                    article: article, paragraph: paragraph, into: &sentences)
                articleEnd = end
                i = last + 1
            }
            paragraph += 1
        }
        closeArticle()
        return SegmentedText(view: view, articles: articles, sentences: sentences)
    }

    /// Sentences of one paragraph: ends at 。!? and their repeats, then any closing quotes or brackets.
    /// A run longer than `Segmenter.maximumSentenceLength` without them (a text with no
    /// punctuation) is cut into pieces, so the stages that look across a sentence and the evidence
    /// that quotes it stay bounded.
    func split(
        _ text: [Unicode.Scalar], _ range: Range<Int>, kind: SentenceKind, article: Int, paragraph: Int,
        into sentences: inout [Sentence]
    ) {
        var sentenceStart = range.lowerBound
        var j = range.lowerBound
        func emit(_ end: Int) {
            var lower = sentenceStart
            var upper = end
            while lower < upper, Characters.isSpace(text[lower]) { lower += 1 }
            while upper > lower, Characters.isSpace(text[upper - 1]) { upper -= 1 }
            while upper - lower > Segmenter.maximumSentenceLength {
                let cut = Assembler.cut(text, lower..<upper)
                sentences.append(Sentence(range: lower..<cut, article: article, paragraph: paragraph, kind: kind))
                lower = cut
                while lower < upper, Characters.isSpace(text[lower]) { lower += 1 }
            }
            guard lower < upper else { return }
            let isCredit = kind == .body && isParenthesisedNames(text[lower..<upper])
            sentences.append(
                Sentence(
                    range: lower..<upper, article: article, paragraph: paragraph,
                    kind: isCredit ? .byline : kind))
        }
        while true {
            j = Self.nextFinal(from: j, before: range.upperBound, in: text)
            guard j < range.upperBound else { break }
            var end = j + 1
            while end < range.upperBound, Characters.isFinal(text[end]) || text[end] == "\u{2026}" { end += 1 }
            while end < range.upperBound, Characters.isCloser(text[end]), text[end] != ")" { end += 1 }
            emit(end)
            sentenceStart = end
            j = end
        }
        emit(range.upperBound)
    }

    /// The first offset from `start` on and before `end` whose scalar ends a sentence (`end` if
    /// none): over the buffer, as this reads every scalar of the text.
    static func nextFinal(from start: Int, before end: Int, in text: [Unicode.Scalar]) -> Int {
        text.withUnsafeBufferPointer { text in
            var j = start
            while j < end, !Characters.isFinal(text[j]) { j += 1 }
            return j
        }
    }

    /// Where an overlong sentence is cut: after the last clause mark (， ； ： 、 or a space) in
    /// the second half of the longest piece allowed, else at that length.
    static func cut(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Int {
        let limit = range.lowerBound + Segmenter.maximumSentenceLength
        var k = limit
        while k > range.lowerBound + Segmenter.maximumSentenceLength / 2 {
            switch text[k - 1] {
            case ",", ";", ":", "\u{3001}", " ", "\u{3000}": return k
            default: k -= 1
            }
        }
        return limit
    }

    /// `(林小溪)`, `(丁一 王二)`: a reporters' credit left at the end of an article.
    func isParenthesisedNames(_ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard text.count >= 4, text.count <= 18, text.first == "(", text.last == ")" else { return false }
        return text.dropFirst().dropLast().allSatisfy { Chinese.isCharacter($0) || Characters.isSpace($0) || $0 == "\u{B7}" }
    }
}
