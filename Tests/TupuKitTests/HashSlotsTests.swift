import Testing
import TupuKit

/// `HashSlots` against a `Dictionary`: random keys from a small range (so that keys repeat), with
/// a hash that puts many keys on the same 32 bits (so that probes run past other keys' slots).
@Suite struct HashSlotsTests {
    struct Model {
        var slots = HashSlots()
        var keyAt: [Int] = []
        var naive: [Int: Int] = [:]

        static func hash(_ key: Int) -> UInt64 { ByteHash.hash(UInt64(key % 37)) }

        mutating func findOrInsert(_ key: Int) -> Int {
            let position = slots.findOrInsert(hash: Self.hash(key), position: keyAt.count) { keyAt[$0] == key }
            if position == keyAt.count { keyAt.append(key) }
            return position
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func findOrInsertAndFindAgreeWithADictionary(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var model = Model()
        for _ in 0..<5_000 {
            let key = Int.random(in: 0..<1_500, using: &random)
            if Bool.random(using: &random) {
                let expected = model.naive[key] ?? model.keyAt.count
                #expect(model.findOrInsert(key) == expected)
                model.naive[key] = expected
            } else {
                let found = model.slots.find(hash: Model.hash(key)) { model.keyAt[$0] == key }
                #expect(found == model.naive[key])
            }
        }
        #expect(model.slots.count == model.naive.count)
    }

    @Test func replaceReturnsTheReplacedPositionAndChainsNewestFirst() {
        // A multimap as the Datalog indexes use it: the slot holds the newest position with a key,
        // `previous` chains the older ones.
        var random = SplitMix64(seed: 9)
        var slots = HashSlots(minimumCapacity: 4)
        var keys: [Int] = []
        var previous: [Int?] = []
        var naive: [Int: [Int]] = [:]
        for position in 0..<3_000 {
            let key = Int.random(in: 0..<200, using: &random)
            keys.append(key)
            previous.append(slots.replace(hash: ByteHash.hash(UInt64(key & 7)), with: position) { keys[$0] == key })
            naive[key, default: []].insert(position, at: 0)
        }
        for (key, positions) in naive {
            var chain: [Int] = []
            var next = slots.find(hash: ByteHash.hash(UInt64(key & 7))) { keys[$0] == key }
            while let position = next {
                chain.append(position)
                next = previous[position]
            }
            #expect(chain == positions)
        }
        slots.removeAll()
        #expect(slots.count == 0 && slots.find(hash: ByteHash.hash(3)) { _ in true } == nil)
    }
}

@Suite struct ByteHashTests {
    @Test func equalBytesHashEquallyAndTextKeysCompareByBytes() {
        let names = ["青溪镇", "青溪镇人民政府", "海塘市第三医院", "", "a", "ab", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghi"]
        var seen: [UInt64: String] = [:]
        for name in names {
            let copy = String(decoding: Array(name.utf8), as: UTF8.self)
            #expect(name.byteHash == copy.byteHash)
            #expect(TextKey(name) == TextKey(copy))
            #expect(seen.updateValue(name, forKey: name.byteHash) == nil, "two names share a hash")
        }
        #expect(TextKey("青溪镇") != TextKey("青溪乡"))
        // A key of several parts: the parts' boundaries count.
        #expect("ab".byteHash(seed: "c".byteHash) != "a".byteHash(seed: "bc".byteHash))
        #expect("abc".sameBytes(as: "abc") && !"abc".sameBytes(as: "abd") && !"abc".sameBytes(as: "ab"))
    }

    @Test func byteOrderIsTheOrderOfStringsForChineseText() {
        var random = SplitMix64(seed: 4)
        let alphabet = Array("镇乡村社区街道a1·（".unicodeScalars)
        for _ in 0..<500 {
            let a = String(String.UnicodeScalarView((0..<Int.random(in: 0...4, using: &random)).map { _ in alphabet.randomElement(using: &random)! }))
            let b = String(String.UnicodeScalarView((0..<Int.random(in: 0...4, using: &random)).map { _ in alphabet.randomElement(using: &random)! }))
            #expect(a.precedesByUTF8(b) == (Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))))
        }
    }
}

@Suite struct SplitMix64Tests {
    @Test func theFirstOutputsAreTheReferenceAlgorithmsForSeedZero() {
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
