// Where typed text stands among statements, read with the parser's own lexer: the REPL asks
// whether its buffer holds whole statements, the line editor whether the cursor is in a string.

public enum StatementBoundary {
    /// True when `text` holds no statement or ends exactly at a statement's end: a `.` outside
    /// brackets (strings, comments and decimal points are the lexer's), or, for a directive
    /// (`.decl r(x: symbol)`), the end of a line outside brackets. Text that ends inside a string
    /// or a block comment is incomplete; text with any other lexical error is complete, since no
    /// more input can mend it and the parser's error should be shown at once.
    public static func isComplete(_ text: String) -> Bool {
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        let tokens: [Token]
        do {
            tokens = try Lexer(scalars: scalars, file: "<input>", reportsUnfinishedInput: true).tokenize()
        } catch is UnfinishedInput {
            return false
        } catch {
            return true
        }
        var pending = false
        var inDirective = false
        var depth = 0
        for (k, token) in tokens.enumerated() where token.kind != .end {
            let next = tokens[k + 1]  // the lexer ends every list with an `.end` token
            if !pending {
                pending = true
                inDirective = token.isPunctuation(".") && next.identifier != nil && next.start == token.end
                if inDirective { continue }
            }
            switch token.kind {
            case .punctuation("("), .punctuation("["), .punctuation("{"): depth += 1
            case .punctuation(")"), .punctuation("]"), .punctuation("}"): depth = max(0, depth - 1)
            case .punctuation(".") where depth == 0 && !inDirective:
                pending = false
                continue
            default: break
            }
            if inDirective && depth == 0 && (next.kind == .end || next.line > token.line) { pending = false }
        }
        return !pending
    }

    /// True when `text` ends inside a string literal (for completion, which then closes it).
    public static func endsInsideString(_ text: String) -> Bool {
        do {
            _ = try Lexer(scalars: Array(text.unicodeScalars), file: "<input>", reportsUnfinishedInput: true).tokenize()
        } catch UnfinishedInput.string {
            return true
        } catch {
            return false
        }
        return false
    }
}
