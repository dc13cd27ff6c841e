import TupuKit

// Errors with source positions, rendered like a compiler's: position, source line, caret, hint,
// then notes that point at the other places involved ("first declared here").

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

/// One finding about a program: what is wrong, where, how to fix it, and the other places
/// involved (each a note with its own position).
public struct Diagnostic: Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    /// A secondary place of a diagnostic, e.g. the declaration a use contradicts.
    public struct Note: Sendable {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation?) {
            self.message = message
            self.location = location
        }
    }

    public var severity: Severity
    public var message: String
    /// The primary span; nil for failures that belong to no place in the source.
    public var location: SourceLocation?
    public var hint: String?
    public var notes: [Note]

    public init(
        _ severity: Severity = .error, _ message: String, at location: SourceLocation?, hint: String? = nil, notes: [Note] = []
    ) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
        self.notes = notes
    }

    /// The one-line form `file:line:col: error: message`.
    public var description: String { Diagnostic.header(severity, message, at: location) }

    static func header(_ severity: Severity, _ message: String, at location: SourceLocation?) -> String {
        guard let l = location else { return "\(severity.rawValue): \(message)" }
        return "\(l.file):\(l.line):\(l.column): \(severity.rawValue): \(message)"
    }

    /// The header, the source line with a caret under the span, the hint, then each note the
    /// same way. `sources` maps file names to their text; a place in another file gets no source line.
    public func rendered(sources: [String: String]) -> String {
        var out = description + "\n" + Diagnostic.excerpt(at: location, sources: sources)
        if let hint { out += "hint: \(hint)\n" }
        for note in notes {
            out += Diagnostic.header(.note, note.message, at: note.location) + "\n"
            out += Diagnostic.excerpt(at: note.location, sources: sources)
        }
        return out
    }

    /// The source line of `location` and a caret line padded by display width (a CJK character
    /// takes two columns, a tab stays a tab); empty when the text is not at hand.
    static func excerpt(at location: SourceLocation?, sources: [String: String]) -> String {
        guard let l = location, let source = sources[l.file], let lineText = line(l.line, of: source) else { return "" }
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
        return lineText + "\n" + caret + "\n"
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

    /// Source order: by file (in order of first appearance in `files`), line, then column;
    /// diagnostics without a place last. Equal places keep their order.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var fileRank: [String: Int] = [:]
        for d in diagnostics { if let f = d.location?.file, fileRank[f] == nil { fileRank[f] = fileRank.count } }
        func key(_ d: Diagnostic) -> (Int, Int, Int) {
            guard let l = d.location else { return (Int.max, 0, 0) }
            return (fileRank[l.file]!, l.line, l.column)
        }
        return diagnostics.enumerated().sorted { a, b in
            let (ka, kb) = (key(a.element), key(b.element))
            return ka != kb ? ka < kb : a.offset < b.offset
        }.map(\.element)
    }
}

/// Any failure of parsing, checking or evaluating a program: one diagnostic or (from the
/// checker) all of a program's, in source order.
///
/// `description` is the one-line form `file:line:col: error: message` of each diagnostic;
/// `rendered(source:)` adds source lines, carets, hints and notes. `message`, `location` and
/// `hint` are those of the first diagnostic.
public struct DatalogError: Error, Sendable, CustomStringConvertible {
    /// Never empty.
    public private(set) var diagnostics: [Diagnostic]

    public init(_ message: String, at location: SourceLocation?, hint: String? = nil, notes: [Diagnostic.Note] = []) {
        diagnostics = [Diagnostic(.error, message, at: location, hint: hint, notes: notes)]
    }

    /// All of `diagnostics` (at least one), put in source order.
    public init(diagnostics: [Diagnostic]) {
        precondition(!diagnostics.isEmpty, "an error needs a diagnostic")
        self.diagnostics = Diagnostic.sorted(diagnostics)
    }

    public var message: String {
        get { diagnostics[0].message }
        set { diagnostics[0].message = newValue }
    }

    public var location: SourceLocation? {
        get { diagnostics[0].location }
        set { diagnostics[0].location = newValue }
    }

    public var hint: String? {
        get { diagnostics[0].hint }
        set { diagnostics[0].hint = newValue }
    }

    public var file: String? { location?.file }
    public var line: Int? { location?.line }
    public var column: Int? { location?.column }

    /// The error with every position (primary and notes) passed through `map`.
    public func mappingLocations(_ map: (SourceLocation) -> SourceLocation) -> DatalogError {
        var copy = self
        for d in copy.diagnostics.indices {
            copy.diagnostics[d].location = copy.diagnostics[d].location.map(map)
            for n in copy.diagnostics[d].notes.indices {
                copy.diagnostics[d].notes[n].location = copy.diagnostics[d].notes[n].location.map(map)
            }
        }
        return copy
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// The full display of every diagnostic (see `Diagnostic.rendered`), then, when there are
    /// several errors, how many (as Soufflé ends its report). `source` is the text of the file
    /// the first diagnostic points into.
    public func rendered(source: String?) -> String {
        guard let source, let file = location?.file else { return rendered(sources: [:]) }
        return rendered(sources: [file: source])
    }

    /// The full display, with the texts of the files at hand by name.
    public func rendered(sources: [String: String]) -> String {
        var out = diagnostics.map { $0.rendered(sources: sources) }.joined()
        let errors = diagnostics.filter { $0.severity == .error }.count
        if errors > 1 { out += "\(errors) errors\n" }
        return out
    }
}

/// The closest candidate within a small edit distance, case differences counting little.
func closest(to name: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates where c != name {
        let d = min(Spelling.distance(name, c), Spelling.distance(name.lowercased(), c.lowercased()))
        let limit = max(1, min(3, name.unicodeScalars.count / 3 + 1))
        if d <= limit, best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
    }
    return best?.0
}
