/// Several scalar sets asked at once: for a text, the offsets whose scalar is in each set, found
/// in one pass. A document's scans each looked for the scalars of their own word list in a pass
/// of their own, at a bit test per scalar each; here one table lookup per scalar serves them all.
public struct ScalarClasses: Sendable {
    /// Per scalar of the Basic Multilingual Plane, one bit per set holding it (128 KB).
    @usableFromInline let table: [UInt16]
    /// Members beyond that plane, ascending, with their bits.
    @usableFromInline let astral: [UInt32]
    @usableFromInline let astralClasses: [UInt16]
    /// How many sets.
    public let count: Int

    /// At most sixteen sets; `offsets(in:)[k]` answers for `sets[k]`.
    public init(_ sets: [ScalarSet]) {
        precondition(sets.count <= 16, "ScalarClasses holds at most sixteen sets")
        var table = [UInt16](repeating: 0, count: 0x10000)
        var astral: [UInt32: UInt16] = [:]
        for (k, set) in sets.enumerated() {
            let bit = UInt16(1) << UInt16(k)
            for (w, word) in set.bits.enumerated() where word != 0 {
                for b in 0..<64 where word & (1 << UInt64(b)) != 0 { table[w << 6 | b] |= bit }
            }
            for value in set.astral { astral[value, default: 0] |= bit }
        }
        self.table = table
        self.astral = astral.keys.sorted()
        self.astralClasses = self.astral.map { astral[$0]! }
        self.count = sets.count
    }

    /// The bits of the sets holding `scalar`.
    @inlinable @inline(__always)
    public func classes(of scalar: Unicode.Scalar) -> UInt16 {
        let v = scalar.value
        return v < 0x10000 ? table[Int(v)] : astralClassesOf(v)
    }

    @usableFromInline
    func astralClassesOf(_ value: UInt32) -> UInt16 {
        var low = 0
        var high = astral.count
        while low < high {
            let middle = (low + high) / 2
            if astral[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < astral.count && astral[low] == value ? astralClasses[low] : 0
    }

    /// A text's offsets in each set, ascending: one run per set in one array.
    public struct Offsets: Sendable {
        @usableFromInline let offsets: [Int]
        /// Set `k`'s run is `offsets[start[k] ..< start[k + 1]]`.
        @usableFromInline let start: [Int]

        /// Those of no set.
        public init() {
            offsets = []
            start = [0]
        }

        init(offsets: [Int], start: [Int]) {
            self.offsets = offsets
            self.start = start
        }

        public var count: Int { start.count - 1 }

        @inlinable
        public subscript(_ k: Int) -> ArraySlice<Int> { offsets[start[k]..<start[k + 1]] }
    }

    /// Per set, the offsets of `text` whose scalar it holds. One pass over the text notes where
    /// any set holds the scalar (and which); a second, over those few, lays the runs out. An array
    /// per set, appended to at each offset, cost a uniqueness and a capacity test per append.
    public func offsets(in text: [Unicode.Scalar]) -> Offsets {
        precondition(text.count <= Int(Int32.max), "a text of more than 2³¹ scalars")
        var hitCount = 0
        var hitBits: [UInt16] = []
        let hits = [Int32](unsafeUninitializedCapacity: text.count) { hits, initialized in
            hitBits = [UInt16](unsafeUninitializedCapacity: text.count) { bits, bitsInitialized in
                text.withUnsafeBufferPointer { text in
                    table.withUnsafeBufferPointer { table in
                        for i in 0..<text.count {
                            let v = text[i].value
                            // Nearly every scalar is in no set: one load and one test settle it.
                            let classes = v < 0x10000 ? table[Int(v)] : astralClassesOf(v)
                            if classes != 0 {
                                hits[hitCount] = Int32(truncatingIfNeeded: i)
                                bits[hitCount] = classes
                                hitCount += 1
                            }
                        }
                    }
                }
                bitsInitialized = hitCount
            }
            initialized = hitCount
        }
        var start = [Int](repeating: 0, count: count + 1)
        for bits in hitBits {
            var b = bits
            while b != 0 {
                start[b.trailingZeroBitCount + 1] += 1
                b &= b - 1
            }
        }
        for k in 0..<count { start[k + 1] += start[k] }
        var next = start
        let offsets = [Int](unsafeUninitializedCapacity: start[count]) { offsets, initialized in
            next.withUnsafeMutableBufferPointer { next in
                for h in 0..<hitCount {
                    var b = hitBits[h]
                    while b != 0 {
                        let k = b.trailingZeroBitCount
                        offsets[next[k]] = Int(hits[h])
                        next[k] += 1
                        b &= b - 1
                    }
                }
            }
            initialized = start[count]
        }
        return Offsets(offsets: offsets, start: start)
    }
}
