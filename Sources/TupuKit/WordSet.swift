/// Words grouped by one of their scalars (the first or the last), longest first in each group,
/// then in the order they were given. A lookup tests the key scalar against a `ScalarSet`, finds
/// its group in `HashSlots`, and compares the words' scalars in one pool: it hashes no string,
/// allocates nothing and retains nothing.
public struct WordsByScalar: Sendable {
    /// Which end of a word is its key.
    public enum End: Sendable { case first, last }

    @usableFromInline struct Group: Sendable {
        @usableFromInline var key: Unicode.Scalar
        /// The group's words are `spans[firstSpan ..< endSpan]`.
        @usableFromInline var firstSpan: Int32
        @usableFromInline var endSpan: Int32
    }

    @usableFromInline struct Span: Sendable {
        @usableFromInline var start: Int32
        @usableFromInline var length: Int32
        /// The word's position in the list the table was made from.
        @usableFromInline var word: Int32
    }

    public let keyedBy: End
    /// The scalars some word is keyed by.
    public let keys: ScalarSet
    @usableFromInline let groupOfKey: HashSlots
    @usableFromInline let groups: [Group]
    @usableFromInline let spans: [Span]
    @usableFromInline let pool: [Unicode.Scalar]

    /// Empty words are left out (they keep their position in `words` for the others).
    public init(_ words: [[Unicode.Scalar]], keyedBy end: End) {
        keyedBy = end
        var members: [Unicode.Scalar: [Int]] = [:]
        var keyOrder: [Unicode.Scalar] = []
        for (index, word) in words.enumerated() where !word.isEmpty {
            let key = end == .first ? word[0] : word[word.count - 1]
            if members[key] == nil { keyOrder.append(key) }
            members[key, default: []].append(index)
        }
        var groupOfKey = HashSlots(minimumCapacity: keyOrder.count)
        var groups: [Group] = []
        var spans: [Span] = []
        var pool: [Unicode.Scalar] = []
        for key in keyOrder {
            let group = members[key]!.sorted { (words[$0].count, $1) > (words[$1].count, $0) }
            let first = Int32(spans.count)
            for index in group {
                spans.append(Span(start: Int32(pool.count), length: Int32(words[index].count), word: Int32(index)))
                pool.append(contentsOf: words[index])
            }
            _ = groupOfKey.findOrInsert(hash: Self.hash(key), position: groups.count) { _ in false }
            groups.append(Group(key: key, firstSpan: first, endSpan: Int32(spans.count)))
        }
        self.keys = ScalarSet(keyOrder)
        self.groupOfKey = groupOfKey
        self.groups = groups
        self.spans = spans
        self.pool = pool
    }

    @inlinable @inline(__always)
    static func hash(_ key: Unicode.Scalar) -> UInt64 { ByteHash.hash(UInt64(key.value)) }

    /// The group of words keyed by `key`, or nil.
    @inlinable @inline(__always)
    func group(_ key: Unicode.Scalar) -> Group? {
        guard keys.contains(key) else { return nil }
        return groupOfKey.find(hash: Self.hash(key)) { groups[$0].key == key }.map { groups[$0] }
    }

    /// The words that occur in `text` with their key at `offset` (starting there when keyed by
    /// the first scalar, ending there when keyed by the last), longest first, as the range they
    /// cover and their position in the list, until `body` returns true (stop).
    @inlinable @inline(__always)
    public func forEachWord(at offset: Int, in text: UnsafeBufferPointer<Unicode.Scalar>, notBefore lowerBound: Int = 0, _ body: (Range<Int>, Int) -> Bool) {
        guard offset >= 0, offset < text.count, let group = group(text[offset]) else { return }
        pool.withUnsafeBufferPointer { pool in
            next: for s in Int(group.firstSpan)..<Int(group.endSpan) {
                let span = spans[s]
                let length = Int(span.length)
                let start = keyedBy == .first ? offset : offset + 1 - length
                guard start >= lowerBound, start + length <= text.count else { continue }
                let poolStart = Int(span.start)
                for j in 0..<length where text[start + j] != pool[poolStart + j] { continue next }
                if body(start..<(start + length), Int(span.word)) { return }
            }
        }
    }
}

/// A set of short words, looked up by where they end or start in a text of scalars.
public struct WordSet: Sendable {
    public let byLast: WordsByScalar
    public let byFirst: WordsByScalar
    public let words: Set<String>

    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = Set(words)
        let scalars = self.words.sorted().map { Array($0.unicodeScalars) }.filter { !$0.isEmpty }
        self.byLast = WordsByScalar(scalars, keyedBy: .last)
        self.byFirst = WordsByScalar(scalars, keyedBy: .first)
    }

    // The lookups are inlinable so that other modules' scans settle the common case, a position
    // where no word ends or starts, with one bit test in their own loop rather than a call.

    /// The longest word ending at `end` and starting no earlier than `lowerBound`, as its length, or nil.
    @inlinable @inline(__always)
    public func longest(endingAt end: Int, in text: [Unicode.Scalar], notBefore lowerBound: Int = 0) -> Int? {
        guard end > 0, end <= text.count, byLast.keys.contains(text[end - 1]) else { return nil }
        var found: Int?
        text.withUnsafeBufferPointer { text in
            byLast.forEachWord(at: end - 1, in: text, notBefore: max(lowerBound, 0)) { range, _ in
                found = range.count
                return true
            }
        }
        return found
    }

    /// The longest word starting at `start`, as its length, or nil.
    @inlinable @inline(__always)
    public func longest(startingAt start: Int, in text: [Unicode.Scalar]) -> Int? {
        guard start >= 0, start < text.count, byFirst.keys.contains(text[start]) else { return nil }
        var found: Int?
        text.withUnsafeBufferPointer { text in
            byFirst.forEachWord(at: start, in: text) { range, _ in
                found = range.count
                return true
            }
        }
        return found
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
            for i in 0..<text.count where byFirst.keys.contains(text[i]) {
                var found = false
                byFirst.forEachWord(at: i, in: text) { _, _ in
                    found = true
                    return true
                }
                if found { return true }
            }
            return false
        }
    }
}
