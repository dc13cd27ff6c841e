import Testing
import TupuKit

/// A random text over a small alphabet of Chinese characters, punctuation and one scalar beyond
/// the Basic Multilingual Plane, so that words recur and overlap.
func randomScalars(_ count: Int, _ random: inout SplitMix64) -> [Unicode.Scalar] {
    let alphabet = Array("镇乡村社区党委支部书记，。𠀀a".unicodeScalars)
    return (0..<count).map { _ in alphabet.randomElement(using: &random)! }
}

@Suite struct ScalarSetTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func membershipAndScansAgreeWithASetOfScalars(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let members = randomScalars(5, &random)
        let set = ScalarSet(members)
        let naive = Set(members)
        let text = randomScalars(300, &random)
        for scalar in text { #expect(set.contains(scalar) == naive.contains(scalar)) }
        #expect(set.offsetsOfMembers(in: text) == text.indices.filter { naive.contains(text[$0]) })
        for from in [0, 7, 150, 299, 300] {
            #expect(set.firstMember(from: from, in: text) == (text.indices.first { $0 >= from && naive.contains(text[$0]) } ?? text.count))
        }
    }

    @Test func scalarsBeyondTheBasicPlaneAreExact() {
        let set = ScalarSet("𠀀镇")
        #expect(set.contains("𠀀") && set.contains("镇"))
        #expect(!set.contains("𠀁") && !set.contains("乡"))
    }
}

@Suite struct WordSetTests {
    /// The brute-force answers: every word tried at every place.
    struct Naive {
        let words: [[Unicode.Scalar]]
        func occurs(_ word: [Unicode.Scalar], at start: Int, in text: [Unicode.Scalar]) -> Bool {
            start >= 0 && start + word.count <= text.count && Array(text[start..<(start + word.count)]) == word
        }
        func longest(endingAt end: Int, in text: [Unicode.Scalar], notBefore lower: Int) -> Int? {
            words.filter { end - $0.count >= lower && occurs($0, at: end - $0.count, in: text) }.map(\.count).max()
        }
        func longest(startingAt start: Int, in text: [Unicode.Scalar]) -> Int? {
            words.filter { occurs($0, at: start, in: text) }.map(\.count).max()
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func lookupsAgreeWithTryingEveryWord(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let words = (0..<12).map { _ in randomScalars(Int.random(in: 1...4, using: &random), &random) }
        let set = WordSet(words.map { String(String.UnicodeScalarView($0)) })
        let naive = Naive(words: words)
        let text = randomScalars(400, &random)
        for offset in 0...text.count {
            let lower = Int.random(in: 0...max(offset, 0), using: &random)
            #expect(set.longest(endingAt: offset, in: text, notBefore: lower) == naive.longest(endingAt: offset, in: text, notBefore: lower))
            #expect(set.longest(startingAt: offset, in: text) == naive.longest(startingAt: offset, in: text))
            let length = Int.random(in: 1...4, using: &random)
            if offset + length <= text.count {
                let range = offset..<(offset + length)
                #expect(set.contains(range, in: text) == words.contains { $0 == Array(text[range]) })
            }
        }
        let slice = text[100..<160]
        #expect(set.occurs(in: slice) == words.contains { word in slice.indices.contains { naive.occurs(word, at: $0, in: text) && $0 + word.count <= 160 } })
    }

    /// Words of three scalars over a text where they are rare: `occurs` says of every window of
    /// it what trying every word at every offset says (an astral word's key has no bit to test).
    @Test(arguments: [5, 6, 7] as [UInt64])
    func occursAgreesWithTryingEveryWordInEveryWindow(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let words = (0..<3).map { _ in randomScalars(3, &random) } + [["𠀀", "镇"]]
        let set = WordSet(words.map { String(String.UnicodeScalarView($0)) })
        let naive = Naive(words: words)
        let text = randomScalars(600, &random)
        var answers: Set<Bool> = []
        for start in stride(from: 0, to: 560, by: 7) {
            let end = start + 40
            let expected = words.contains { word in (start..<end).contains { naive.occurs(word, at: $0, in: text) && $0 + word.count <= end } }
            #expect(set.occurs(in: text[start..<end]) == expected)
            answers.insert(expected)
        }
        #expect(answers.count == 2)
    }

    /// With words of two scalars or more the scan skips offsets by the pair at the key, with a
    /// single-scalar word by the key alone: either way every occurrence is found, in key order.
    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func everyOccurrenceIsFoundAsTryingEveryWordFindsIt(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let shortest = seed % 2 == 0 ? 1 : 2
        for end in [WordsByScalar.End.first, .last] {
            let words = (0..<40).map { _ in randomScalars(Int.random(in: shortest...4, using: &random), &random) }
            let table = WordsByScalar(words, keyedBy: end)
            let text = randomScalars(500, &random)
            var found: [[Int]] = []
            text.withUnsafeBufferPointer { text in table.forEachOccurrence(in: text) { found.append([$0.lowerBound, $0.upperBound, $1]) } }
            var naive: [(key: Int, length: Int, word: Int)] = []
            for (w, word) in words.enumerated() {
                for start in 0...(text.count - word.count) where Array(text[start..<(start + word.count)]) == word {
                    naive.append((end == .first ? start : start + word.count - 1, word.count, w))
                }
            }
            // By key, longest first, then in the list's order (equal words are one entry each).
            naive.sort { ($0.key, -$0.length, $0.word) < ($1.key, -$1.length, $1.word) }
            let expected = naive.map { end == .first ? [$0.key, $0.key + $0.length, $0.word] : [$0.key + 1 - $0.length, $0.key + 1, $0.word] }
            #expect(found == expected)
            #expect(!found.isEmpty)
        }
    }

    @Test func everyWordAtAnOffsetIsVisitedLongestFirstWithItsPosition() {
        let words = ["党支部", "支部", "部", "社区党支部"].map { Array($0.unicodeScalars) }
        let byLast = WordsByScalar(words, keyedBy: .last)
        let text = Array("青溪社区党支部书记".unicodeScalars)
        var seen: [(Range<Int>, Int)] = []
        text.withUnsafeBufferPointer { text in
            byLast.forEachWord(at: 6, in: text) { range, word in
                seen.append((range, word))
                return false
            }
        }
        #expect(seen.map(\.0) == [2..<7, 4..<7, 5..<7, 6..<7])
        #expect(seen.map(\.1) == [3, 0, 1, 2])
    }
}

@Suite struct TextMeasureTests {
    @Test func chineseCharactersAreIdeographsAndTheIdeographicZero() {
        for scalar in "青溪镇二〇二五年𠀀".unicodeScalars { #expect(Chinese.isCharacter(scalar), "\(scalar)") }
        for scalar in "，。“”（）·《》a1 ー⺀".unicodeScalars { #expect(!Chinese.isCharacter(scalar), "\(scalar)") }
        #expect(Chinese.characterCount("海塘市(新)第3医院") == 7)
        // Every unified ideograph Unicode knows is one; nothing that is not a letter is one.
        for value in UInt32(0x2000)...0x3_3FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.properties.isUnifiedIdeograph { #expect(Chinese.isCharacter(scalar), "\(value)") }
            if Chinese.isCharacter(scalar) {
                #expect([.otherLetter, .letterNumber, .unassigned].contains(scalar.properties.generalCategory), "\(value)")
            }
        }
    }

    @Test func displayWidthCountsChineseAsTwoColumnsAndMarksAsNone() {
        #expect(DisplayWidth.of("海塘市") == 6)
        #expect(DisplayWidth.of("ab，c") == 5)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{7}x") == 1)
        #expect(DisplayWidth.pad("青溪", to: 6) == "青溪  ")
        #expect(DisplayWidth.pad("青溪镇", to: 4) == "青溪镇")
        for scalar in "𠀀镇（".unicodeScalars { #expect(DisplayWidth.of(scalar) == 2) }
    }

    /// The textbook recursion (optimal string alignment), memoised: what `Spelling.distance` computes row by row.
    func naiveDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var memo: [Int: Int] = [:]
        func d(_ i: Int, _ j: Int) -> Int {
            if i == 0 { return j }
            if j == 0 { return i }
            if let known = memo[i * 100 + j] { return known }
            var best = min(d(i - 1, j) + 1, d(i, j - 1) + 1, d(i - 1, j - 1) + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { best = min(best, d(i - 2, j - 2) + 1) }
            memo[i * 100 + j] = best
            return best
        }
        return d(a.count, b.count)
    }

    @Test(arguments: [1, 2] as [UInt64])
    func editDistanceAgreesWithTheRecursion(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<300 {
            let a = randomScalars(Int.random(in: 0...6, using: &random), &random)
            let b = randomScalars(Int.random(in: 0...6, using: &random), &random)
            let distance = Spelling.distance(String(String.UnicodeScalarView(a)), String(String.UnicodeScalarView(b)))
            #expect(distance == naiveDistance(a, b))
        }
        #expect(Spelling.distance("海塘市第三医院", "海塘第三医院") == 1)
        #expect(Spelling.distance("dto", "dot") == 1)
        #expect(Spelling.closest(to: "ntriple", among: ["jsonl", "ntriples", "nquads"]) == "ntriples")
    }
}

@Suite struct ScalarClassesTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func eachSetsOffsetsAreThoseOfItsOwnScan(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        // Overlapping sets, one empty, one with the scalar beyond the Basic Multilingual Plane.
        let members = (0..<5).map { k in k == 0 ? [] : randomScalars(k + 1, &random) } + [Array("𠀀村".unicodeScalars)]
        let sets = members.map { ScalarSet($0) }
        let classes = ScalarClasses(sets)
        let text = randomScalars(500, &random)
        let offsets = classes.offsets(in: text)
        #expect(offsets.count == sets.count)
        for (k, set) in sets.enumerated() {
            #expect(Array(offsets[k]) == text.indices.filter { Set(members[k]).contains(text[$0]) })
            #expect(Array(offsets[k]) == set.offsetsOfMembers(in: text))
        }
        for scalar in text {
            let bits = sets.indices.reduce(UInt16(0)) { $0 | (Set(members[$1]).contains(scalar) ? 1 << UInt16($1) : 0) }
            #expect(classes.classes(of: scalar) == bits)
        }
    }

    @Test func aTextWithNoMemberHasNoOffsets() {
        let classes = ScalarClasses([ScalarSet("镇乡"), ScalarSet("社区")])
        let none = classes.offsets(in: Array("党委书记。".unicodeScalars))
        #expect(none.count == 2 && none[0].isEmpty && none[1].isEmpty)
        let some = classes.offsets(in: Array("乡社镇".unicodeScalars))
        #expect(Array(some[0]) == [0, 2] && Array(some[1]) == [1])
        #expect(ScalarClasses.Offsets().count == 0)
    }
}
