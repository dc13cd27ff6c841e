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
    private var byLast: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
    private var byFirst: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
    /// Which BMP scalars start or end some word: most text positions are rejected by one
    /// array read instead of a hashed lookup (the recogniser asks at every position).
    private var startsWord = [Bool](repeating: false, count: 0x10000)
    private var endsWord = [Bool](repeating: false, count: 0x10000)
    public let words: Set<String>

    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.words = Set(words)
        for w in self.words {
            let scalars = Array(w.unicodeScalars)
            guard let last = scalars.last, let first = scalars.first else { continue }
            byLast[last, default: []].append(scalars)
            byFirst[first, default: []].append(scalars)
            if last.value < 0x10000 { endsWord[Int(last.value)] = true }
            if first.value < 0x10000 { startsWord[Int(first.value)] = true }
        }
        for key in byLast.keys { byLast[key]!.sort { $0.count > $1.count } }
        for key in byFirst.keys { byFirst[key]!.sort { $0.count > $1.count } }
    }

    /// The longest word ending at `end`, as its length, or nil.
    public func longest(endingAt end: Int, in text: [Unicode.Scalar]) -> Int? {
        guard end > 0, end <= text.count else { return nil }
        let last = text[end - 1]
        if last.value < 0x10000 && !endsWord[Int(last.value)] { return nil }
        guard let candidates = byLast[last] else { return nil }
        for w in candidates where Scalars.word(w, endsAt: end, in: text) { return w.count }
        return nil
    }

    /// The longest word starting at `start`, as its length, or nil.
    public func longest(startingAt start: Int, in text: [Unicode.Scalar]) -> Int? {
        guard start >= 0, start < text.count else { return nil }
        let first = text[start]
        if first.value < 0x10000 && !startsWord[Int(first.value)] { return nil }
        guard let candidates = byFirst[first] else { return nil }
        for w in candidates where Scalars.word(w, startsAt: start, in: text) { return w.count }
        return nil
    }

    public func contains(_ s: String) -> Bool { words.contains(s) }

    /// Whether `text[range]` is exactly one of the words.
    public func contains(_ range: Range<Int>, in text: [Unicode.Scalar]) -> Bool {
        guard !range.isEmpty, let candidates = byFirst[text[range.lowerBound]] else { return false }
        return candidates.contains { $0.count == range.count && Scalars.word($0, startsAt: range.lowerBound, in: text) }
    }
}
