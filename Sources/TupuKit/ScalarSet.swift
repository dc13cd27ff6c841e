/// A set of Unicode scalars tested without hashing: one bit per scalar of the Basic Multilingual
/// Plane (8 KB), and the few scalars beyond it in a sorted list. Scans ask at nearly every
/// offset of a text, nearly always in vain: one bit test answers, and a tight loop skips to
/// where something may match.
///
/// A member's rank (its position among the members in ascending order) is the count of bits
/// before it: a table indexed by rank (`WordsByScalar`'s groups) needs no hashing either.
public struct ScalarSet: Sendable {
    @usableFromInline let bits: [UInt64]
    /// Members below each word of `bits` that holds one (the rank of its first member; a word
    /// without members keeps 0, as `rank(of:)` never reads it), then the BMP members in all.
    @usableFromInline let ranks: [UInt32]
    /// Members beyond the Basic Multilingual Plane, ascending.
    @usableFromInline let astral: [UInt32]

    public init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        var astral = Set<UInt32>()
        var words: [Int] = []
        for scalar in scalars {
            if scalar.value < 0x10000 {
                let w = Int(scalar.value >> 6)
                if bits[w] == 0 { words.append(w) }
                bits[w] |= 1 << UInt64(scalar.value & 63)
            } else {
                astral.insert(scalar.value)
            }
        }
        // Only the words holding members: a set of a document's few names is made per document,
        // and a pass over all 1,024 words cost more than the rest of it.
        var ranks = [UInt32](repeating: 0, count: bits.count + 1)
        var total: UInt32 = 0
        for w in words.sorted() {
            ranks[w] = total
            total += UInt32(bits[w].nonzeroBitCount)
        }
        ranks[bits.count] = total
        self.bits = bits
        self.ranks = ranks
        self.astral = astral.sorted()
    }

    /// How many scalars the set holds.
    public var count: Int { Int(ranks[ranks.count - 1]) + astral.count }

    /// The member's position among the members in ascending order, nil for a scalar not in the set.
    @inlinable @inline(__always)
    public func rank(of scalar: Unicode.Scalar) -> Int? {
        let v = scalar.value
        if v < 0x10000 {
            let word = bits[Int(v >> 6)]
            let bit: UInt64 = 1 << UInt64(v & 63)
            guard word & bit != 0 else { return nil }
            return Int(ranks[Int(v >> 6)]) + (word & (bit &- 1)).nonzeroBitCount
        }
        return astralRank(v).map { Int(ranks[ranks.count - 1]) + $0 }
    }

    @usableFromInline
    func astralRank(_ value: UInt32) -> Int? {
        var low = 0
        var high = astral.count
        while low < high {
            let middle = (low + high) / 2
            if astral[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < astral.count && astral[low] == value ? low : nil
    }

    public init(_ characters: String) { self.init(characters.unicodeScalars) }

    @inlinable @inline(__always)
    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x10000 { return bits.withUnsafeBufferPointer { $0[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 } }
        return containsAstral(v)
    }

    @usableFromInline
    func containsAstral(_ value: UInt32) -> Bool { astralRank(value) != nil }

    /// The first offset at or after `from` whose scalar is a member (`text.count` if none).
    public func firstMember(from: Int, in text: [Unicode.Scalar]) -> Int {
        text.withUnsafeBufferPointer { text in
            bits.withUnsafeBufferPointer { bits in
                var i = max(from, 0)
                while i < text.count {
                    let v = text[i].value
                    if v < 0x10000 {
                        if bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 { return i }
                    } else if containsAstral(v) {
                        return i
                    }
                    i += 1
                }
                return text.count
            }
        }
    }

    /// Every offset whose scalar is a member, in one pass: for scans that look at them more than once.
    public func offsetsOfMembers(in text: [Unicode.Scalar]) -> [Int] {
        var offsets: [Int] = []
        text.withUnsafeBufferPointer { text in
            bits.withUnsafeBufferPointer { bits in
                for i in 0..<text.count {
                    let v = text[i].value
                    if v < 0x10000 ? bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 : containsAstral(v) { offsets.append(i) }
                }
            }
        }
        return offsets
    }
}
