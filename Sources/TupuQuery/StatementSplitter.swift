/// Decides when typed input forms whole statements, so the REPL knows whether to answer or
/// to show the continuation prompt. A statement ends with a `.` outside strings, comments and
/// brackets, that is not a decimal point; a directive (`.decl r(x: symbol)`) ends with its line.
public enum StatementSplitter {
    /// True when `text` is empty of statements or ends exactly at a statement's end.
    public static func isComplete(_ text: String) -> Bool {
        var state = Scan()
        for scalar in text.unicodeScalars { state.feed(scalar) }
        state.feed("\n")
        return state.isAtBoundary
    }

    private struct Scan {
        var depth = 0
        var inString = false
        var escaped = false
        var inLineComment = false
        var inBlockComment = false
        var inDirective = false
        /// A `/` that may open a comment; decided by the next scalar.
        var slash = false
        /// Something other than whitespace or comments since the last statement end.
        var pending = false
        /// The last significant scalar was a statement-ending `.` (unless a digit follows).
        var justEnded = false
        var previous: Unicode.Scalar = "\n"

        var isAtBoundary: Bool { !pending && !inString && !inBlockComment && depth == 0 }

        mutating func feed(_ c: Unicode.Scalar) {
            defer { previous = c }
            if inLineComment {
                if c == "\n" {
                    inLineComment = false
                    endDirectiveLine()
                }
                return
            }
            if inBlockComment {
                if previous == "*" && c == "/" { inBlockComment = false }
                return
            }
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" || c == "\n" { inString = false }
                return
            }
            if slash {
                slash = false
                if c == "/" {
                    inLineComment = true
                    return
                }
                if c == "*" {
                    inBlockComment = true
                    return
                }
                significant("/")
            }
            switch c {
            case "%": inLineComment = true
            case "/": slash = true
            case "\n": endDirectiveLine()
            case " ", "\t", "\r": break
            default: significant(c)
            }
        }

        private mutating func significant(_ c: Unicode.Scalar) {
            switch c {
            case "\"":
                inString = true
            case "(", "[", "{":
                depth += 1
            case ")", "]", "}":
                depth = max(0, depth - 1)
            case "." where !pending && depth == 0:
                inDirective = true  // `.decl …` is a directive, ended by its line
            case "." where depth == 0 && !inDirective:
                pending = false
                justEnded = true
                return
            case "0"..."9" where justEnded && previous == ".":
                break  // `1.5`: that dot was a decimal point
            default:
                break
            }
            justEnded = false
            pending = true
        }

        mutating func endDirectiveLine() {
            if inDirective && depth == 0 {
                inDirective = false
                pending = false
            }
        }
    }
}
