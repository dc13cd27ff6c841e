import TupuKit

// Errors with a source position, rendered like a compiler's: position, source line, caret, hint.

/// A position in Datalog source. Lines and columns are 1-based; columns and `length`
/// count Unicode scalars (not bytes, not grapheme clusters).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Length of the span in Unicode scalars (at least 1 for the caret).
    public var length: Int
    /// Where the span starts in the parsed text, in Unicode scalars from its start; nil for a
    /// position not read from text (or mapped back through the preprocessor to another file).
    public var offset: Int?

    public init(file: String, line: Int, column: Int, length: Int = 1, offset: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.offset = offset
    }

    public var description: String { "\(file):\(line):\(column)" }
}

/// Any failure of parsing, checking or evaluating a program.
///
/// `description` is the one-line form `file:line:col: error: message`;
/// `rendered(source:)` adds the source line, a caret under the span and the hint.
public struct DatalogError: Error, Sendable, CustomStringConvertible {
    public var location: SourceLocation?
    public var message: String
    public var hint: String?

    public init(_ message: String, at location: SourceLocation?, hint: String? = nil) {
        self.message = message
        self.location = location
        self.hint = hint
    }

    public var file: String? { location?.file }
    public var line: Int? { location?.line }
    public var column: Int? { location?.column }

    public var description: String {
        if let l = location { return "\(l.file):\(l.line):\(l.column): error: \(message)" }
        return "error: \(message)"
    }

    /// The full display: `file:line:col: error: message`, the offending source line, a caret
    /// line padded by display width (a CJK character takes two columns, a tab stays a tab),
    /// and `hint: …` when there is one. `source` is the text of `location.file`.
    public func rendered(source: String?) -> String {
        var out = description + "\n"
        if let l = location, let source, let lineText = DatalogError.line(l.line, of: source) {
            out += lineText + "\n"
            var caret = ""
            let scalars = Array(lineText.unicodeScalars)
            for (i, u) in scalars.enumerated() where i < l.column - 1 {
                if u == "\t" { caret += "\t" } else { caret += String(repeating: " ", count: DisplayWidth.of(u)) }
            }
            var width = 0
            var i = l.column - 1
            while i < min(scalars.count, l.column - 1 + max(l.length, 1)) {
                width += DisplayWidth.of(scalars[i])
                i += 1
            }
            caret += "^" + String(repeating: "~", count: max(0, width - 1))
            out += caret + "\n"
        }
        if let hint { out += "hint: \(hint)\n" }
        return out
    }

    static func line(_ n: Int, of source: String) -> String? {
        var current = 1
        var startIndex = source.unicodeScalars.startIndex
        let scalars = source.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            if current == n { break }
            if scalars[i] == "\n" {
                current += 1
                startIndex = scalars.index(after: i)
            }
            i = scalars.index(after: i)
        }
        guard current == n else { return nil }
        var end = startIndex
        while end < scalars.endIndex, scalars[end] != "\n", scalars[end] != "\r" { end = scalars.index(after: end) }
        return String(scalars[startIndex..<end])
    }
}

/// The closest candidate within a small edit distance, case differences counting little.
func closest(to name: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates where c != name {
        let d = min(Spelling.distance(name, c), Spelling.distance(name.lowercased(), c.lowercased()))
        let limit = max(1, min(3, name.unicodeScalars.count / 3 + 1))
        if d <= limit, best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
}
