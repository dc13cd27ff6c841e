import TupuText

/// Small helpers over the text view's Unicode scalars: the recogniser never touches `Character`.
public enum Scalars {
    @inline(__always)
    public static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0xF900...0xFAFF).contains(v) || v == 0x3007
    }

    @inline(__always)
    public static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        isHan(s) || (s.value < 0x80 && (s.properties.isAlphabetic || ("0"..."9").contains(s)))
    }

    public static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        String(scalars: scalars)
    }

    public static func array(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    /// True when `word` occurs in `text` ending exactly at `end`.
    @inline(__always)
    public static func word(_ word: [Unicode.Scalar], endsAt end: Int, in text: [Unicode.Scalar]) -> Bool {
        let start = end - word.count
        guard start >= 0, end <= text.count else { return false }
        for i in 0..<word.count where text[start + i] != word[i] { return false }
        return true
    }

    /// True when `word` occurs in `text` starting exactly at `start`.
    @inline(__always)
    public static func word(_ word: [Unicode.Scalar], startsAt start: Int, in text: [Unicode.Scalar]) -> Bool {
        guard start >= 0, start + word.count <= text.count else { return false }
        for i in 0..<word.count where text[start + i] != word[i] { return false }
        return true
    }
}

/// A set of short words, looked up by where they end or start in the text.
/// Indexed by last (and first) scalar so a lookup checks only a handful of words.
public struct WordSet: Sendable {
    private let byLast: WordsByScalar
    private let byFirst: WordsByScalar
    public let words: Set<String>

    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = Set(words)
        var byLast: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        var byFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for w in self.words {
            let scalars = Array(w.unicodeScalars)
            guard let last = scalars.last, let first = scalars.first else { continue }
            byLast[last, default: []].append(scalars)
            byFirst[first, default: []].append(scalars)
        }
        self.byLast = WordsByScalar(byLast)
        self.byFirst = WordsByScalar(byFirst)
    }

    /// The longest word ending at `end`, as its length, or nil.
    public func longest(endingAt end: Int, in text: [Unicode.Scalar]) -> Int? {
        guard end > 0, end <= text.count, let candidates = byLast.words(under: text[end - 1]) else { return nil }
        for w in candidates where Scalars.word(w, endsAt: end, in: text) { return w.count }
        return nil
    }

    /// The longest word starting at `start`, as its length, or nil.
    public func longest(startingAt start: Int, in text: [Unicode.Scalar]) -> Int? {
        guard start >= 0, start < text.count, let candidates = byFirst.words(under: text[start]) else { return nil }
        for w in candidates where Scalars.word(w, startsAt: start, in: text) { return w.count }
        return nil
    }

    public func contains(_ s: String) -> Bool { words.contains(s) }

    /// Whether `text[range]` is exactly one of the words.
    public func contains(_ range: Range<Int>, in text: [Unicode.Scalar]) -> Bool {
        guard !range.isEmpty, let candidates = byFirst.words(under: text[range.lowerBound]) else { return false }
        return candidates.contains { $0.count == range.count && Scalars.word($0, startsAt: range.lowerBound, in: text) }
    }
}

/// Word lists keyed by one scalar, longest word first. The recogniser asks at nearly every
/// position of the text, so the lookup is a small open hash table on the scalar's low bits:
/// a few kilobytes per set stay in cache (a 64K table per set did not), and no `Hasher` runs.
struct WordsByScalar: Sendable {
    private let keys: [Unicode.Scalar]
    private let lists: [[[Unicode.Scalar]]]
    /// 1 + the index of the first key in each bucket (0: empty); further keys chain through `nextInBucket`.
    private let bucketHead: [Int32]
    private let nextInBucket: [Int32]
    private let mask: Int

    init(_ byKey: [Unicode.Scalar: [[Unicode.Scalar]]]) {
        keys = Array(byKey.keys)
        lists = keys.map { key in byKey[key]!.sorted { $0.count > $1.count } }
        var buckets = 64
        while buckets < 8 * keys.count { buckets *= 2 }   // chains stay one or two long
        mask = buckets - 1
        var head = [Int32](repeating: 0, count: buckets)
        var next = [Int32](repeating: 0, count: keys.count)
        for (k, key) in keys.enumerated() {
            let bucket = Int(key.value) & mask
            next[k] = head[bucket]
            head[bucket] = Int32(k + 1)
        }
        bucketHead = head
        nextInBucket = next
    }

    @inline(__always)
    func words(under key: Unicode.Scalar) -> [[Unicode.Scalar]]? {
        var k = Int(bucketHead[Int(key.value) & mask])
        while k != 0 {
            if keys[k - 1] == key { return lists[k - 1] }
            k = Int(nextInBucket[k - 1])
        }
        return nil
    }
}

/// A set of scalars tested without hashing: a small open-addressed table on the scalar's low
/// bits, probed linearly (it is never more than a quarter full). The stages test characters
/// against such sets inside their scans, where `Set<Unicode.Scalar>` ran a `Hasher` each time.
public struct ScalarSet: Sendable {
    /// 1 + the scalar value in each used slot; 0 is a free slot.
    private let slots: [UInt32]
    private let mask: Int

    public init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        let distinct = Set(scalars)
        var size = 16
        while size < 4 * distinct.count { size *= 2 }
        var slots = [UInt32](repeating: 0, count: size)
        for scalar in distinct {
            var i = Int(scalar.value) & (size - 1)
            while slots[i] != 0 { i = (i + 1) & (size - 1) }
            slots[i] = scalar.value + 1
        }
        self.slots = slots
        self.mask = size - 1
    }

    public init(_ characters: String) { self.init(characters.unicodeScalars) }

    @inline(__always)
    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        var i = Int(scalar.value) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { return false }
            if slot == scalar.value + 1 { return true }
            i = (i + 1) & mask
        }
    }
}
