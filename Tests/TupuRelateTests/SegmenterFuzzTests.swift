import Foundation
import Testing
import TupuGraph
import TupuKit
import TupuText

@testable import TupuRelate

/// Inputs built from the pieces that steer the segmenter: Chinese words and names, brackets
/// （）() “” 《》, final and clause punctuation, headline marks, caption words, spaces and
/// (empty) lines. Half of them are mutations (cut, repeat, splice, reversed) of earlier ones.
struct NewsLikeInputs {
    static let pieces: [String] = [
        "社区", "街道", "西湖区", "余杭区", "绍兴市", "第一医院", "志愿服务队", "党建", "共富工坊", "居民", "说",
        "联合", "推出", "由", "开展", "活动", "负责人", "书记", "林", "晓", "王 敏", "李小青", "周 岚",
        "（", "）", "(", ")", "“", "”", "《", "》", "「", "」", "【", "】",
        "。", "！", "？", "!", "?", "，", "、", "；", "：", "……", "…", "—", "·", ".", ",",
        "\n", "\n", "\n\n", "\n\n\n", " ", "  ", "\u{3000}", "\t", "#", "## ", "/摄", "/文", "供图", "图片由", "提供", "摄",
        "1", "2026年", "a", "\u{FEFF}", "\u{2028}", "\r\n"
    ]
    static let lineBreaks = ["\n", "\n", "\n\n", "\n \n", "\r\n", "\u{2028}"]

    var generator: SplitMix64
    var previous: [[Unicode.Scalar]] = []

    mutating func next() -> [Unicode.Scalar] {
        let input: [Unicode.Scalar]
        if previous.count > 8, Bool.random(using: &generator) {
            input = mutate(previous.randomElement(using: &generator)!)
        } else {
            // A few lines of a few pieces each: news is short lines (headlines, by-lines, credits)
            // as much as long paragraphs.
            var text: [Unicode.Scalar] = []
            for line in 0..<Int.random(in: 1...6, using: &generator) {
                if line > 0 { text += Array(Self.lineBreaks.randomElement(using: &generator)!.unicodeScalars) }
                for _ in 0..<Int.random(in: 0...(Bool.random(using: &generator) ? 3 : 16), using: &generator) {
                    text += Array(Self.pieces.randomElement(using: &generator)!.unicodeScalars)
                }
            }
            input = text
        }
        previous.append(input)
        if previous.count > 64 { previous.removeFirst() }
        return input
    }

    mutating func mutate(_ input: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var text = input
        let cut = { (count: Int, g: inout SplitMix64) -> Range<Int> in
            let a = Int.random(in: 0...count, using: &g)
            let b = Int.random(in: 0...count, using: &g)
            return min(a, b)..<max(a, b)
        }
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: text.removeSubrange(cut(text.count, &generator))
        case 1:
            let range = cut(text.count, &generator)
            text.insert(contentsOf: text[range], at: range.upperBound)
        case 2:
            let other = previous.randomElement(using: &generator)!
            let range = cut(other.count, &generator)
            text.insert(contentsOf: other[range], at: Int.random(in: 0...text.count, using: &generator))
        case 3: text.reverse()
        default:
            let piece = Array(Self.pieces.randomElement(using: &generator)!.unicodeScalars)
            text.insert(contentsOf: piece, at: Int.random(in: 0...text.count, using: &generator))
        }
        return text
    }
}

@Suite struct SegmenterFuzzTests {
    /// The crash the audit found: a first line that is a lone closing bracket, then another line.
    @Test(arguments: [")\nx", "）\nx", ")\n", "）\n\n居民说。", "(\n)", "()\nx", "x)\n（林晓）"])
    func aLoneBracketLineIsSegmentedWithoutCrashing(_ text: String) {
        let segmented = Segmenter.segment(text)
        #expect(segmented.sentences.allSatisfy { !$0.range.isEmpty && $0.range.upperBound <= segmented.view.scalars.count })
        _ = extractor.extract(Document(id: "lone.txt", source: "lone.txt", text: text))
    }

    /// 10,000 texts in CI; `TUPU_FUZZ_ROUNDS=1000000` (and `TUPU_FUZZ_SEED`) for a longer run.
    @Test func tenThousandGeneratedAndMutatedTextsSegmentAndExtractWithinBounds() {
        let environment = ProcessInfo.processInfo.environment
        let rounds = environment["TUPU_FUZZ_ROUNDS"].flatMap(Int.init) ?? 10_000
        let seed = environment["TUPU_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x7475_7075  // "tupu"
        var inputs = NewsLikeInputs(generator: SplitMix64(seed: seed))
        for round in 0..<rounds {
            let scalars = inputs.next()
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let segmented = Segmenter.segment(text)
            let viewCount = segmented.view.scalars.count
            var previousEnd = 0
            var previousArticle = 0
            var previousParagraph = 0
            for (n, sentence) in segmented.sentences.enumerated() {
                let sane =
                    !sentence.range.isEmpty && sentence.range.lowerBound >= previousEnd
                    && sentence.range.upperBound <= viewCount
                    && sentence.article >= previousArticle && sentence.article < segmented.articles.count
                    && sentence.paragraph >= previousParagraph
                    && segmented.sentenceIndex(at: sentence.range.lowerBound) == n
                let original = segmented.originalRange(sentence.range)
                guard sane, original.lowerBound >= 0, original.upperBound <= scalars.count else {
                    Issue.record("round \(round): sentence \(n) \(sentence.range) out of order or bounds in \(text.debugDescription)")
                    return
                }
                previousEnd = sentence.range.upperBound
                previousArticle = sentence.article
                previousParagraph = sentence.paragraph
            }
            for article in segmented.articles where article.range.upperBound > viewCount || article.range.lowerBound < 0 {
                Issue.record("round \(round): article \(article.range) outside the view in \(text.debugDescription)")
                return
            }
            // Extraction on every fourth text keeps the test at a few seconds in a debug build.
            guard round % 4 == 0 else { continue }
            let graph = extractor.extract(Document(id: "fuzz.txt", source: "fuzz.txt", text: text))
            for edge in graph.edges {
                let ends = graph.entity(id: edge.subject) != nil && graph.entity(id: edge.object) != nil
                let inBounds = edge.evidence.allSatisfy { $0.start >= 0 && $0.start <= $0.end && $0.end <= scalars.count }
                guard ends, inBounds else {
                    Issue.record("round \(round): edge \(edge.relation) with a missing end or evidence outside the text in \(text.debugDescription)")
                    return
                }
            }
        }
    }
}
