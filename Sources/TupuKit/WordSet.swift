/// Words grouped by one of their scalars (the first or the last), longest first in each group,
/// then in the order they were given. A lookup finds the key scalar's group by its rank in a
/// `ScalarSet` (a bit test and a bit count) and compares the words' scalars in one pool: it
/// hashes nothing, allocates nothing and retains nothing.
public struct WordsByScalar: Sendable {
    /// Which end of a word is its key.
    public enum End: Sendable { case first, last }

    @usableFromInline struct Span: Sendable {
        @usableFromInline var start: Int32
        @usableFromInline var length: Int32
        /// The word's position in the list the table was made from.
        @usableFromInline var word: Int32
    }

    public let keyedBy: End
    /// The scalars some word is keyed by.
    public let keys: ScalarSet
    /// The group of the key of rank `r` is `spans[groupStart[r] ..< groupStart[r + 1]]`.
    @usableFromInline let groupStart: [Int32]
    @usableFromInline let spans: [Span]
    @usableFromInline let pool: [Unicode.Scalar]
    /// One bit per hashed pair of a word's key and the scalar next to it inwards (the second when
    /// keyed by the first, the one before the last when keyed by the last), and one per key that
    /// is a whole word (of the Basic Multilingual Plane; one beyond it leaves `pairs` empty, and
    /// `forEachWord` tries every key's group). A text's common scalars are the keys of many words:
    /// the pair settles most such offsets before the key's group is tried word by word.
    @usableFromInline let pairs: [UInt64]
    @usableFromInline let singles: [UInt64]

    /// Empty words are left out (they keep their position in `words` for the others).
    public init(_ words: [[Unicode.Scalar]], keyedBy end: End) {
        keyedBy = end
        func key(_ index: Int) -> Unicode.Scalar { end == .first ? words[index][0] : words[index][words[index].count - 1] }
        let indices = words.indices.filter { !words[$0].isEmpty }
        var pairs: [UInt64] = []
        var singles: [UInt64] = []
        if !indices.contains(where: { words[$0].count == 1 && words[$0][0].value >= 0x10000 }) {
            pairs = [UInt64](repeating: 0, count: Self.pairBits / 64)
            for index in indices {
                let word = words[index]
                if word.count == 1 {
                    if singles.isEmpty { singles = [UInt64](repeating: 0, count: 0x10000 / 64) }
                    singles[Int(word[0].value >> 6)] |= 1 << UInt64(word[0].value & 63)
                    continue
                }
                let slot = end == .first ? Self.pairSlot(word[0], word[1]) : Self.pairSlot(word[word.count - 2], word[word.count - 1])
                pairs[slot >> 6] |= 1 << UInt64(slot & 63)
            }
        }
        self.pairs = pairs
        self.singles = singles
        let keys = ScalarSet(indices.map(key))
        // By key rank, then longest first, then in the order given: each entry's three numbers
        // packed into one that sorts so (21 bits each), where a list too long for them (none is)
        // sorts the triples themselves.
        var order = indices.map { (rank: keys.rank(of: key($0))!, length: words[$0].count, index: $0) }
        let limit = 1 << 21
        if words.count < limit, order.allSatisfy({ $0.length < limit }) {
            let packed = order.map { UInt64($0.rank) << 42 | UInt64(limit - 1 - $0.length) << 21 | UInt64($0.index) }.sorted()
            order = packed.map { key in
                let index = Int(key & UInt64(limit - 1))
                return (Int(key >> 42), words[index].count, index)
            }
        } else {
            order.sort { ($0.rank, -$0.length, $0.index) < ($1.rank, -$1.length, $1.index) }
        }
        var groupStart = [Int32](repeating: 0, count: keys.count + 1)
        var spans: [Span] = []
        var pool: [Unicode.Scalar] = []
        for entry in order {
            groupStart[entry.rank + 1] += 1
            spans.append(Span(start: Int32(pool.count), length: Int32(entry.length), word: Int32(entry.index)))
            pool.append(contentsOf: words[entry.index])
        }
        for r in 0..<keys.count { groupStart[r + 1] += groupStart[r] }
        self.keys = keys
        self.groupStart = groupStart
        self.spans = spans
        self.pool = pool
    }

    /// The length of the longest word whose key is at `offset` (starting there when keyed by the
    /// first scalar, ending there when keyed by the last) and that starts at or after `lowerBound`.
    @inlinable @inline(__always)
    public func longest(at offset: Int, in text: UnsafeBufferPointer<Unicode.Scalar>, notBefore lowerBound: Int = 0) -> Int? {
        guard offset >= 0, offset < text.count, let rank = keys.rank(of: text[offset]) else { return nil }
        return pool.withUnsafeBufferPointer { pool in
            spans.withUnsafeBufferPointer { spans in
                for s in Int(groupStart[rank])..<Int(groupStart[rank + 1]) where matches(spans[s], at: offset, in: text, pool, notBefore: lowerBound) {
                    return Int(spans[s].length)
                }
                return nil
            }
        }
    }

    /// The words that occur in `text` with their key at `offset`, longest first, as the range they
    /// cover and their position in the list, until `body` returns true (stop).
    @inlinable @inline(__always)
    public func forEachWord(
        at offset: Int, in text: UnsafeBufferPointer<Unicode.Scalar>, notBefore lowerBound: Int = 0, _ body: (Range<Int>, Int) -> Bool
    ) {
        guard offset >= 0, offset < text.count, mayHaveWord(at: offset, in: text), let rank = keys.rank(of: text[offset]) else { return }
        pool.withUnsafeBufferPointer { pool in
            spans.withUnsafeBufferPointer { spans in
                for s in Int(groupStart[rank])..<Int(groupStart[rank + 1]) where matches(spans[s], at: offset, in: text, pool, notBefore: lowerBound) {
                    let start = keyedBy == .first ? offset : offset + 1 - Int(spans[s].length)
                    if body(start..<(start + Int(spans[s].length)), Int(spans[s].word)) { return }
                }
            }
        }
    }

    @usableFromInline static let pairBits = 1 << 15

    /// The bit of the pair of scalars `a` then `b` in `pairs`.
    @inlinable @inline(__always)
    static func pairSlot(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Int {
        Int(truncatingIfNeeded: ((a.value &* 0x9E37_79B1) ^ (b.value &* 0x85EB_CA77)) >> 17)
    }

    /// Whether some word may have its key at `offset` (a key offset whose pair no word has holds
    /// none but a single-scalar word, if its key is one).
    @inlinable @inline(__always)
    func mayHaveWord(at offset: Int, in text: UnsafeBufferPointer<Unicode.Scalar>) -> Bool {
        guard !pairs.isEmpty else { return true }
        let v = text[offset].value
        if !singles.isEmpty, v < 0x10000, singles[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 { return true }
        let neighbour = keyedBy == .first ? offset + 1 : offset - 1
        guard neighbour >= 0, neighbour < text.count else { return false }
        let slot = keyedBy == .first ? Self.pairSlot(text[offset], text[neighbour]) : Self.pairSlot(text[neighbour], text[offset])
        return pairs[slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    /// Every occurrence of every word in `text`, in text order of the keys (longest first at
    /// each), as the range it covers and its position in the list.
    @inlinable
    public func forEachOccurrence(in text: UnsafeBufferPointer<Unicode.Scalar>, _ body: (Range<Int>, Int) -> Void) {
        keys.bits.withUnsafeBufferPointer { bits in
            for i in 0..<text.count {
                // Nearly every offset holds no key: one bit test in this loop settles it.
                let v = text[i].value
                if v < 0x10000 && bits[Int(v >> 6)] & (1 << UInt64(v & 63)) == 0 { continue }
                forEachWord(at: i, in: text) { range, word in
                    body(range, word)
                    return false
                }
            }
        }
    }

    /// Whether the word of `span` occurs with its key at `offset`, starting at or after `lowerBound`.
    @inlinable @inline(__always)
    func matches(
        _ span: Span, at offset: Int, in text: UnsafeBufferPointer<Unicode.Scalar>, _ pool: UnsafeBufferPointer<Unicode.Scalar>,
        notBefore lowerBound: Int
    ) -> Bool {
        let length = Int(span.length)
        let start = keyedBy == .first ? offset : offset + 1 - length
        guard start >= lowerBound, start + length <= text.count else { return false }
        let poolStart = Int(span.start)
        for j in 0..<length where text[start + j] != pool[poolStart + j] { return false }
        return true
    }
}

/// A set of short words, looked up by where they end or start in a text of scalars.
public struct WordSet: Sendable {
    public let byLast: WordsByScalar
    public let byFirst: WordsByScalar
    public let words: Set<String>

    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = Set(words)
        // In any order: two words that end (or start) at the same offset with the same length are one word.
        let scalars = self.words.map { Array($0.unicodeScalars) }.filter { !$0.isEmpty }
        self.byLast = WordsByScalar(scalars, keyedBy: .last)
        self.byFirst = WordsByScalar(scalars, keyedBy: .first)
    }

    // The lookups are inlinable so that other modules' scans settle the common case, a position
    // where no word ends or starts, with one bit test in their own loop rather than a call.

    /// The longest word ending at `end` and starting no earlier than `lowerBound`, as its length, or nil.
    @inlinable @inline(__always)
    public func longest(endingAt end: Int, in text: [Unicode.Scalar], notBefore lowerBound: Int = 0) -> Int? {
        guard end > 0, end <= text.count, byLast.keys.contains(text[end - 1]) else { return nil }
        return text.withUnsafeBufferPointer { byLast.longest(at: end - 1, in: $0, notBefore: max(lowerBound, 0)) }
    }

    /// The longest word starting at `start`, as its length, or nil.
    @inlinable @inline(__always)
    public func longest(startingAt start: Int, in text: [Unicode.Scalar]) -> Int? {
        guard start >= 0, start < text.count, byFirst.keys.contains(text[start]) else { return nil }
        return text.withUnsafeBufferPointer { byFirst.longest(at: start, in: $0) }
    }

    /// The first offset at or after `from` whose scalar is the last of some word (`text.count`
    /// if none): a scan asks `longest(endingAt: offset + 1, …)` only there.
    public func nextPossibleLast(from: Int, in text: [Unicode.Scalar]) -> Int {
        byLast.keys.firstMember(from: from, in: text)
    }

    /// The first offset at or after `from` whose scalar is the first of some word (`text.count` if none).
    public func nextPossibleFirst(from: Int, in text: [Unicode.Scalar]) -> Int {
        byFirst.keys.firstMember(from: from, in: text)
    }

    public func contains(_ s: String) -> Bool { words.contains(s) }

    /// Whether `text[range]` is exactly one of the words.
    public func contains(_ range: Range<Int>, in text: [Unicode.Scalar]) -> Bool {
        guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= text.count else { return false }
        var found = false
        text.withUnsafeBufferPointer { text in
            byFirst.forEachWord(at: range.lowerBound, in: text) { word, _ in
                found = word == range
                return found || word.count < range.count
            }
        }
        return found
    }

    /// Whether any of the words occurs anywhere in `text`.
    public func occurs(in text: ArraySlice<Unicode.Scalar>) -> Bool {
        text.withUnsafeBufferPointer { text in
            byFirst.keys.bits.withUnsafeBufferPointer { bits in
                for i in 0..<text.count {
                    // Nearly every scalar starts no word: one bit test settles it.
                    let v = text[i].value
                    if v < 0x10000, bits[Int(v >> 6)] & (1 << UInt64(v & 63)) == 0 { continue }
                    if byFirst.longest(at: i, in: text) != nil { return true }
                }
                return false
            }
        }
    }
}
