// Errors with a source position, rendered like a compiler's: position, source line, caret, hint.

/// A position in Datalog source. Lines and columns are 1-based; columns and `length`
/// count Unicode scalars (not bytes, not grapheme clusters).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// Length of the span in Unicode scalars (at least 1 for the caret).
    public var length: Int

    public init(file: String, line: Int, column: Int, length: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
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
                if u == "\t" { caret += "\t" } else { caret += String(repeating: " ", count: displayWidth(u)) }
            }
            var width = 0
            var i = l.column - 1
            while i < min(scalars.count, l.column - 1 + max(l.length, 1)) {
                width += displayWidth(scalars[i])
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

/// Terminal columns a scalar occupies: 2 for East Asian wide/fullwidth, 0 for combining marks.
public func displayWidth(_ u: Unicode.Scalar) -> Int {
    let v = u.value
    if v < 0x300 { return v < 0x20 ? 0 : 1 }
    switch u.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
        return 2
    default:
        return 1
    }
}

/// Display width of a string (sum over its scalars).
public func displayWidth(_ s: String) -> Int {
    var w = 0
    for u in s.unicodeScalars { w += displayWidth(u) }
    return w
}

/// Edit distance for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars)
    let y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var prev = Array(0...y.count)
    var cur = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        cur[0] = i
        for j in 1...y.count {
            let cost = x[i - 1] == y[j - 1] ? 0 : 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
        }
        swap(&prev, &cur)
    }
    return prev[y.count]
}

/// The closest candidate within a small edit distance, case differences counting little.
func closest(to name: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    for c in candidates where c != name {
        let d = min(editDistance(name, c), editDistance(name.lowercased(), c.lowercased()))
        let limit = max(1, min(3, name.unicodeScalars.count / 3 + 1))
        if d <= limit, best == nil || d < best!.1 { best = (c, d) }
    }
    return best?.0
}
