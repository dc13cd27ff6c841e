import TupuText

/// Small helpers over the text view's Unicode scalars: the recogniser never touches `Character`.
public enum Scalars {
    @inline(__always)
    public static func isHan(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0xF900...0xFAFF).contains(v) || v == 0x3007
    }

    /// Han, or an ASCII letter or digit (the only ASCII scalars Unicode calls alphabetic are letters).
    @inline(__always)
    public static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return isHan(s) || (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) || (0x30...0x39).contains(v)
    }

    /// The string of these scalars (see `String.init(scalars:)` in TupuText).
    public static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String { String(scalars: scalars) }

    public static func string(_ scalars: [Unicode.Scalar]) -> String { String(scalars: scalars) }

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
    @usableFromInline let byLast: WordsByScalar
    @usableFromInline let byFirst: WordsByScalar
    public let words: Set<String>

    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = Set(words)
        let scalars = self.words.map { Array($0.unicodeScalars) }.filter { !$0.isEmpty }
        self.byLast = WordsByScalar(scalars, keyedBy: { $0.last! })
        self.byFirst = WordsByScalar(scalars, keyedBy: { $0.first! })
    }

    // The lookups are inlinable so that other modules' scans settle the common case, a position
    // where no word ends or starts, with one bit test in their own loop rather than a call.

    /// The longest word ending at `end` and starting no earlier than `lowerBound`, as its length, or nil.
    @inlinable @inline(__always)
    public func longest(endingAt end: Int, in text: [Unicode.Scalar], notBefore lowerBound: Int = 0) -> Int? {
        guard end > 0, end <= text.count, byLast.keys.mayContain(text[end - 1]) else { return nil }
        return byLast.longest(endingAt: end, in: text, notBefore: max(lowerBound, 0))
    }

    /// The longest word starting at `start`, as its length, or nil.
    @inlinable @inline(__always)
    public func longest(startingAt start: Int, in text: [Unicode.Scalar]) -> Int? {
        guard start >= 0, start < text.count, byFirst.keys.mayContain(text[start]) else { return nil }
        return byFirst.longest(startingAt: start, in: text)
    }

    /// The first offset at or after `from` whose scalar is the last of some word (`text.count`
    /// if none): a scan asks `longest(endingAt: offset + 1, …)` only there.
    public func nextPossibleLast(from: Int, in text: [Unicode.Scalar]) -> Int {
        byLast.keys.nextMayContain(from: from, in: text)
    }

    /// The first offset at or after `from` whose scalar is the first of some word (`text.count` if none).
    public func nextPossibleFirst(from: Int, in text: [Unicode.Scalar]) -> Int {
        byFirst.keys.nextMayContain(from: from, in: text)
    }

    public func contains(_ s: String) -> Bool { words.contains(s) }

    /// Whether `text[range]` is exactly one of the words.
    public func contains(_ range: Range<Int>, in text: [Unicode.Scalar]) -> Bool {
        !range.isEmpty && byFirst.hasWord(ofLength: range.count, startingAt: range.lowerBound, in: text)
    }
}

/// One bit per scalar of the Basic Multilingual Plane (8 KB); scalars beyond it always test
/// positive, for an exact lookup to settle. Scans ask at nearly every offset of a text, nearly
/// always in vain: one bit test answers, and a tight loop skips to where something may match.
public struct ScalarBitmap: Sendable {
    @usableFromInline let bits: [UInt64]

    public init<S: Sequence>(_ scalars: S) where S.Element == Unicode.Scalar {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for scalar in scalars where scalar.value < 0x10000 {
            bits[Int(scalar.value >> 6)] |= 1 << UInt64(scalar.value & 63)
        }
        self.bits = bits
    }

    /// False when the scalar is surely not in the set.
    @inlinable @inline(__always)
    public func mayContain(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x10000 || bits[Int(scalar.value >> 6)] & (1 << UInt64(scalar.value & 63)) != 0
    }

    /// The first offset at or after `from` whose scalar may be in the set (`text.count` if none).
    public func nextMayContain(from: Int, in text: [Unicode.Scalar]) -> Int {
        text.withUnsafeBufferPointer { text in
            bits.withUnsafeBufferPointer { bits in
                var i = max(from, 0)
                while i < text.count {
                    let v = text[i].value
                    if v >= 0x10000 || bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 { return i }
                    i += 1
                }
                return text.count
            }
        }
    }

    /// Every offset whose scalar may be in the set, in one pass: for scans that look at them more than once.
    public func offsetsMayContain(in text: [Unicode.Scalar]) -> [Int] {
        var offsets: [Int] = []
        text.withUnsafeBufferPointer { text in
            bits.withUnsafeBufferPointer { bits in
                for i in 0..<text.count {
                    let v = text[i].value
                    if v >= 0x10000 || bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 { offsets.append(i) }
                }
            }
        }
        return offsets
    }
}

/// Words keyed by one scalar (their first or their last), longest first under each key. The
/// keys are a bitmap, for the many positions where no word can be, and a small open hash table
/// on the scalar's low bits; every word's scalars sit in one pool: a lookup hashes nothing,
/// allocates nothing and retains nothing.
@usableFromInline
struct WordsByScalar: Sendable {
    struct Slot {
        /// 1 + the key scalar's value; 0 is a free slot.
        var key: UInt32
        /// The key's words: `spans[firstWord ..< firstWord + wordCount]`.
        var firstWord: Int32
        var wordCount: Int32
    }

    struct Span {
        var start: Int32
        var length: Int32
        /// The word's position in the list the table was made from.
        var word: Int32
    }

    @usableFromInline let keys: ScalarBitmap
    private let slots: [Slot]
    private let mask: Int
    private let spans: [Span]
    private let pool: [Unicode.Scalar]

    init(_ words: [[Unicode.Scalar]], keyedBy key: ([Unicode.Scalar]) -> Unicode.Scalar) {
        var byKey: [Unicode.Scalar: [(scalars: [Unicode.Scalar], index: Int)]] = [:]
        for (index, word) in words.enumerated() { byKey[key(word), default: []].append((word, index)) }
        self.keys = ScalarBitmap(byKey.keys)
        var size = 16
        while size < 4 * byKey.count { size *= 2 }  // at most a quarter full: probes stay short
        var slots = [Slot](repeating: Slot(key: 0, firstWord: 0, wordCount: 0), count: size)
        var spans: [Span] = []
        var pool: [Unicode.Scalar] = []
        for (scalar, list) in byKey {
            var i = Int(scalar.value) & (size - 1)
            while slots[i].key != 0 { i = (i + 1) & (size - 1) }
            slots[i] = Slot(key: scalar.value + 1, firstWord: Int32(spans.count), wordCount: Int32(list.count))
            for word in list.sorted(by: { $0.scalars.count > $1.scalars.count }) {
                spans.append(Span(start: Int32(pool.count), length: Int32(word.scalars.count), word: Int32(word.index)))
                pool.append(contentsOf: word.scalars)
            }
        }
        self.slots = slots
        self.mask = size - 1
        self.spans = spans
        self.pool = pool
    }

    /// The slot holding `key`'s words, or nil.
    @inline(__always)
    private func slot(_ key: Unicode.Scalar) -> Slot? {
        if !keys.mayContain(key) { return nil }
        var i = Int(key.value) & mask
        while true {
            let slot = slots[i]
            if slot.key == key.value &+ 1 { return slot }
            if slot.key == 0 { return nil }
            i = (i + 1) & mask
        }
    }

    /// Length of the longest word (keyed by its last scalar) that ends at `end` and starts at or after `lowerBound` (≥ 0).
    @usableFromInline
    func longest(endingAt end: Int, in text: [Unicode.Scalar], notBefore lowerBound: Int) -> Int? {
        guard end > 0, end <= text.count, let slot = slot(text[end - 1]) else { return nil }
        next: for w in Int(slot.firstWord)..<Int(slot.firstWord + slot.wordCount) {
            let span = spans[w]
            let length = Int(span.length)
            let start = end - length
            if start < lowerBound { continue }
            let poolStart = Int(span.start)
            for j in 0..<(length - 1) where text[start + j] != pool[poolStart + j] { continue next }
            return length
        }
        return nil
    }

    /// The words (keyed by their last scalar) that end at `end`, longest first, as their length and
    /// their position in the list the table was made from, until `body` says stop.
    func forEachWord(endingAt end: Int, in text: UnsafeBufferPointer<Unicode.Scalar>, _ body: (_ length: Int, _ word: Int) -> Bool) {
        guard end > 0, end <= text.count, let slot = slot(text[end - 1]) else { return }
        next: for w in Int(slot.firstWord)..<Int(slot.firstWord + slot.wordCount) {
            let span = spans[w]
            let length = Int(span.length)
            let start = end - length
            if start < 0 { continue }
            let poolStart = Int(span.start)
            for j in 0..<(length - 1) where text[start + j] != pool[poolStart + j] { continue next }
            if body(length, Int(span.word)) { return }
        }
    }

    /// Length of the longest word (keyed by its first scalar) that starts at `start`.
    @usableFromInline
    func longest(startingAt start: Int, in text: [Unicode.Scalar]) -> Int? {
        guard start >= 0, start < text.count, let slot = slot(text[start]) else { return nil }
        next: for w in Int(slot.firstWord)..<Int(slot.firstWord + slot.wordCount) {
            let span = spans[w]
            let length = Int(span.length)
            if start + length > text.count { continue }
            let poolStart = Int(span.start)
            for j in 1..<length where text[start + j] != pool[poolStart + j] { continue next }
            return length
        }
        return nil
    }

    /// Whether a word (keyed by its first scalar) of exactly `length` scalars starts at `start`.
    func hasWord(ofLength length: Int, startingAt start: Int, in text: [Unicode.Scalar]) -> Bool {
        guard start >= 0, start + length <= text.count, let slot = slot(text[start]) else { return false }
        next: for w in Int(slot.firstWord)..<Int(slot.firstWord + slot.wordCount) where Int(spans[w].length) == length {
            let poolStart = Int(spans[w].start)
            for j in 1..<length where text[start + j] != pool[poolStart + j] { continue next }
            return true
        }
        return false
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
