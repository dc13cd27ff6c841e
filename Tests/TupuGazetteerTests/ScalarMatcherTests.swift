import Testing

@testable import TupuGazetteer

@Suite struct ScalarMatcherTests {
    @Test func findsEveryOverlappingOccurrenceOrderedByEndThenStart() {
        let matcher = ScalarMatcher(patterns: ["定海区", "定海", "海区", "区", "昌国街道"])
        let found = matcher.matches(in: "舟山市定海区昌国街道")
        #expect(
            found.map { [$0.start, $0.end, $0.pattern] } == [
                [3, 5, 1],  // 定海
                [3, 6, 0],  // 定海区
                [4, 6, 2],  // 海区
                [5, 6, 3],  // 区
                [6, 10, 4]  // 昌国街道
            ])
    }

    @Test func duplicatePatternsAreEachReported() {
        let matcher = ScalarMatcher(patterns: ["青禾村", "明湖", "青禾村"])
        let found = matcher.matches(in: "青禾村和明湖")
        #expect(found.map(\.pattern) == [0, 2, 1])
        #expect(matcher.matchesByStart(in: Array("青禾村和明湖".unicodeScalars)).map(\.pattern) == [0, 2, 1])
    }

    @Test func scalarsOutsideTheBasicPlaneAndEmptyPatternsAreHandled() {
        let matcher = ScalarMatcher(patterns: ["𠀋村", "", "村"])
        let found = matcher.matches(in: "去𠀋村看看")
        #expect(found.map { [$0.start, $0.end, $0.pattern] } == [[1, 3, 0], [2, 3, 2]])
        #expect(ScalarMatcher(patterns: []).matches(in: "青禾").isEmpty)
    }

    @Test func agreesWithABruteForceSearchOnRandomText() {
        var random = Generator(seed: 42)
        let alphabet = Array("村社区街道镇乡山水青禾明湖𠀋a".unicodeScalars)
        func word(_ length: Int) -> [Unicode.Scalar] { (0..<length).map { _ in alphabet[random.next(alphabet.count)] } }
        let patterns = (0..<400).map { _ in String(String.UnicodeScalarView(word(1 + random.next(5)))) }
        let matcher = ScalarMatcher(patterns: patterns)
        let indicesOfPattern = Dictionary(grouping: patterns.indices, by: { patterns[$0] })
        for _ in 0..<20 {
            let text = word(300)
            var expected: [ScalarMatcher.Match] = []
            for end in 1...text.count {
                for start in max(0, end - 5)..<end {
                    let piece = String(String.UnicodeScalarView(text[start..<end]))
                    for index in indicesOfPattern[piece] ?? [] {
                        expected.append(ScalarMatcher.Match(start: start, end: end, pattern: index))
                    }
                }
            }
            let found = matcher.matches(in: text)
            // Same set; ordered by end, then start (so the longer first at the same end).
            #expect(Set(found) == Set(expected))
            #expect(found.map { [$0.end, $0.start] } == found.map { [$0.end, $0.start] }.sorted { $0.lexicographicallyPrecedes($1) })
            // The walk from each start finds the same, ordered by start, then end (then pattern).
            #expect(
                matcher.matchesByStart(in: text).map { [$0.start, $0.end, $0.pattern] }
                    == found.map { [$0.start, $0.end, $0.pattern] }.sorted { $0.lexicographicallyPrecedes($1) })
        }
    }
}

/// Deterministic pseudo-random numbers for tests.
struct Generator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
