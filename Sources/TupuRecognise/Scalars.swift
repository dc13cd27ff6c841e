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
    private var byLast = WordsByScalar()
    private var byFirst = WordsByScalar()
    public let words: Set<String>

    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = Set(words)
        for w in self.words {
            let scalars = Array(w.unicodeScalars)
            guard let last = scalars.last, let first = scalars.first else { continue }
            byLast.add(scalars, under: last)
            byFirst.add(scalars, under: first)
        }
        byLast.sortLongestFirst()
        byFirst.sortLongestFirst()
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

/// Word lists keyed by one scalar. The recogniser asks at nearly every position of the text,
/// so a BMP scalar finds its list through a 64K table of list numbers (two array reads, no
/// hashing); scalars beyond the BMP, or past the 254th distinct one, go through a dictionary.
struct WordsByScalar: Sendable {
    /// 0: no word; `inOverflow`: see `overflow`; else 1 + the index in `lists`.
    private var slot = [UInt8](repeating: 0, count: 0x10000)
    private var lists: [[[Unicode.Scalar]]] = []
    private var overflow: [Unicode.Scalar: Int] = [:]
    private static let inOverflow = UInt8.max

    mutating func add(_ word: [Unicode.Scalar], under key: Unicode.Scalar) {
        if let index = listIndex(key) {
            lists[index].append(word)
            return
        }
        if key.value < 0x10000 && lists.count + 1 < Int(WordsByScalar.inOverflow) {
            slot[Int(key.value)] = UInt8(lists.count + 1)
        } else {
            if key.value < 0x10000 { slot[Int(key.value)] = WordsByScalar.inOverflow }
            overflow[key] = lists.count
        }
        lists.append([word])
    }

    mutating func sortLongestFirst() {
        for i in lists.indices { lists[i].sort { $0.count > $1.count } }
    }

    @inline(__always)
    func words(under key: Unicode.Scalar) -> [[Unicode.Scalar]]? {
        listIndex(key).map { lists[$0] }
    }

    @inline(__always)
    private func listIndex(_ key: Unicode.Scalar) -> Int? {
        if key.value < 0x10000 {
            let n = slot[Int(key.value)]
            if n == 0 { return nil }
            if n != WordsByScalar.inOverflow { return Int(n) - 1 }
        }
        return overflow[key]
    }
}
