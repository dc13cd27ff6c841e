/// A set of Unicode scalars tested without hashing: one bit per scalar of the Basic Multilingual
/// Plane (8 KB), and the few scalars beyond it in a sorted list. Scans ask at nearly every
/// offset of a text, nearly always in vain: one bit test answers, and a tight loop skips to
/// where something may match.
public struct ScalarSet: Sendable {
    @usableFromInline let bits: [UInt64]
    /// Members beyond the Basic Multilingual Plane, ascending.
    @usableFromInline let astral: [UInt32]

    public init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        var astral = Set<UInt32>()
        for scalar in scalars {
            if scalar.value < 0x10000 {
                bits[Int(scalar.value >> 6)] |= 1 << UInt64(scalar.value & 63)
            } else {
                astral.insert(scalar.value)
            }
        }
        self.bits = bits
        self.astral = astral.sorted()
    }

    public init(_ characters: String) { self.init(characters.unicodeScalars) }

    @inlinable @inline(__always)
    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x10000 { return bits.withUnsafeBufferPointer { $0[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 } }
        return containsAstral(v)
    }

    @usableFromInline
    func containsAstral(_ value: UInt32) -> Bool {
        var low = 0
        var high = astral.count
        while low < high {
            let middle = (low + high) / 2
            if astral[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < astral.count && astral[low] == value
    }

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
