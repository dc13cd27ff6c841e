import TupuKit
import TupuText

/// Small helpers over the text view's Unicode scalars: the recogniser never touches `Character`.
public enum Scalars {
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
