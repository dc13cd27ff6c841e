// Lexer for Soufflé's surface syntax: scalars to tokens with line and column.

struct Token {
    enum Kind: Equatable {
        case identifier(String)
        case string(String)
        case integer(Int)
        /// `12u`: an unsigned number.
        case unsigned(UInt64)
        case float(Double)
        case punctuation(String)
        /// `$Name`, without the `$`.
        case branch(String)
        case end
    }
    var kind: Kind
    var start: Int  // scalar offset
    var end: Int
    var line: Int
    var column: Int

    func isPunctuation(_ p: String) -> Bool { kind == .punctuation(p) }
    var identifier: String? { if case .identifier(let s) = kind { return s } else { return nil } }
}

/// A String from a run of scalars, through UTF-8 (much faster than appending scalar by scalar).
func makeString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(scalars.count)
    for u in scalars {
        if u.value < 0x80 { bytes.append(UInt8(u.value)) } else { UTF8.encode(u) { bytes.append($0) } }
    }
    return String(decoding: bytes, as: UTF8.self)
}

let twoCharacterPunctuation: Set<String> = [":-", "?-", "!=", "<=", ">=", "<:"]
let punctuationScalars = Set("(),.!=<>+-*/%^:{};|[]".unicodeScalars)

@inline(__always) func isIdentifierStart(_ u: Unicode.Scalar) -> Bool {
    if u.isASCII { return (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || u == "_" }
    return u.properties.isAlphabetic
}

/// Soufflé also allows `?` inside names (`sin?`); not first, where it starts `?-`.
@inline(__always) func isIdentifierContinue(_ u: Unicode.Scalar) -> Bool {
    if u.isASCII { return isIdentifierStart(u) || (u >= "0" && u <= "9") || u == "?" }
    return u.properties.isAlphabetic || u.properties.numericType != nil
}

let radixPrefixes: [Unicode.Scalar: Int] = ["x": 16, "X": 16, "b": 2, "B": 2]

/// The value of a digit in base 2 or 16, nil when `u` is not one.
func digitValue(_ u: Unicode.Scalar, radix: Int) -> Int? {
    let v = u.value
    let d: Int
    switch v {
    case 0x30...0x39: d = Int(v - 0x30)
    case 0x41...0x46: d = Int(v - 0x41 + 10)
    case 0x61...0x66: d = Int(v - 0x61 + 10)
    default: return nil
    }
    return d < radix ? d : nil
}

/// Thrown instead of an unterminated string or comment error when the text ends inside one and
/// the lexer was asked to tell (see `StatementBoundary`): more typed text may still close it.
enum UnfinishedInput: Error {
    case string
    case comment
}

struct Lexer {
    let scalars: [Unicode.Scalar]
    let file: String
    /// Whether text ending inside a string or comment throws `UnfinishedInput`.
    var reportsUnfinishedInput = false

    /// `12u` (and `0xFFu`) is an unsigned literal: true when the `u` follows at `i`.
    func hasUnsignedSuffix(at i: Int) -> Bool {
        i < scalars.count && scalars[i] == "u" && !(i + 1 < scalars.count && isIdentifierContinue(scalars[i + 1]))
    }

    /// The digits `start..<end` (after a `0x`/`0b` prefix, in `radix`) as an unsigned number.
    func unsignedValue(_ start: Int, _ end: Int, radix: Int, line: Int, column: Int) throws -> UInt64 {
        guard let n = UInt64(makeString(scalars[start..<end]), radix: radix) else {
            throw DatalogError(
                "unsigned literal is too large", at: location(line: line, column: column, length: end + 1 - start),
                hint: "unsigned numbers have 64 bits: from 0 to \(UInt64.max)")
        }
        return n
    }

    func location(line: Int, column: Int, length: Int = 1) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column, length: length)
    }

    func tokenize() throws -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var line = 1
        var lineStart = 0
        var lineHasToken = false
        let n = scalars.count
        func column(_ at: Int) -> Int { at - lineStart + 1 }
        while i < n {
            let u = scalars[i]
            if u == "\n" {
                i += 1
                line += 1
                lineStart = i
                lineHasToken = false
                continue
            }
            if u == " " || u == "\t" || u == "\r" || (u.value >= 0x80 && u.properties.isWhitespace) {
                i += 1
                continue
            }
            if u == "\u{FEFF}" && i == 0 {
                i += 1
                continue
            }  // a byte order mark
            if u == "/" && i + 1 < n && scalars[i + 1] == "/" {
                while i < n && scalars[i] != "\n" { i += 1 }
                continue
            }
            if u == "/" && i + 1 < n && scalars[i + 1] == "*" {
                let (sl, sc) = (line, column(i))
                i += 2
                while i < n && !(scalars[i] == "*" && i + 1 < n && scalars[i + 1] == "/") {
                    if scalars[i] == "\n" {
                        line += 1
                        lineStart = i + 1
                    }
                    i += 1
                }
                if i >= n {
                    if reportsUnfinishedInput { throw UnfinishedInput.comment }
                    throw DatalogError(
                        "unterminated comment", at: location(line: sl, column: sc, length: 2),
                        hint: "close it with */")
                }
                i += 2
                continue
            }
            // `%` is a comment at the start of a line or after a statement; elsewhere it is modulo.
            if u == "%" && (!lineHasToken || tokens.last.map { $0.isPunctuation(".") } ?? true) {
                while i < n && scalars[i] != "\n" { i += 1 }
                continue
            }
            lineHasToken = true
            let start = i
            let startColumn = column(i)
            if u == "\"" {
                var text: [Unicode.Scalar] = []
                i += 1
                var closed = false
                while i < n {
                    let c = scalars[i]
                    if c == "\"" {
                        closed = true
                        i += 1
                        break
                    }
                    if c == "\n" { break }
                    if c == "\\" && i + 1 < n {
                        let e = scalars[i + 1]
                        switch e {
                        case "n": text.append("\n")
                        case "t": text.append("\t")
                        case "r": text.append("\r")
                        case "\"": text.append("\"")
                        case "\\": text.append("\\")
                        default:
                            text.append("\\")
                            text.append(e)
                        }
                        i += 2
                        continue
                    }
                    text.append(c)
                    i += 1
                }
                if !closed {
                    if reportsUnfinishedInput && i >= n { throw UnfinishedInput.string }
                    throw DatalogError(
                        "unterminated string", at: location(line: line, column: startColumn, length: i - start),
                        hint: "close the string with \" on the same line")
                }
                tokens.append(Token(kind: .string(makeString(text[...])), start: start, end: i, line: line, column: startColumn))
                continue
            }
            if u == "0", i + 2 < n, let radix = radixPrefixes[scalars[i + 1]], digitValue(scalars[i + 2], radix: radix) != nil {
                // `0xF1` and `0b101`: numbers written in hexadecimal or binary.
                i += 2
                let digitsStart = i
                var value = 0
                var overflow = false
                while i < n, let d = digitValue(scalars[i], radix: radix) {
                    let (m, o1) = value.multipliedReportingOverflow(by: radix)
                    let (s, o2) = m.addingReportingOverflow(d)
                    overflow = overflow || o1 || o2
                    value = s
                    i += 1
                }
                if hasUnsignedSuffix(at: i) {
                    let n = try unsignedValue(digitsStart, i, radix: radix, line: line, column: startColumn)
                    i += 1
                    tokens.append(Token(kind: .unsigned(n), start: start, end: i, line: line, column: startColumn))
                    continue
                }
                if overflow || value > maximumNumber {
                    throw DatalogError(
                        "integer literal is too large", at: location(line: line, column: startColumn, length: i - start),
                        hint: "numbers have 62 bits: from \(minimumNumber) to \(maximumNumber)")
                }
                tokens.append(Token(kind: .integer(value), start: start, end: i, line: line, column: startColumn))
                continue
            }
            if u >= "0" && u <= "9" {
                var value = 0
                var overflow = false
                while i < n, scalars[i] >= "0", scalars[i] <= "9" {
                    let (m, o1) = value.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(Int(scalars[i].value - 48))
                    overflow = overflow || o1 || o2
                    value = s
                    i += 1
                }
                // `1.5` is a float; `p(1).` ends a statement (no digit after the dot).
                if i + 1 < n, scalars[i] == ".", scalars[i + 1] >= "0", scalars[i + 1] <= "9" {
                    i += 1
                    while i < n, scalars[i] >= "0", scalars[i] <= "9" { i += 1 }
                    if i < n, scalars[i] == "e" || scalars[i] == "E" {
                        var j = i + 1
                        if j < n, scalars[j] == "-" || scalars[j] == "+" { j += 1 }
                        if j < n, scalars[j] >= "0", scalars[j] <= "9" {
                            i = j
                            while i < n, scalars[i] >= "0", scalars[i] <= "9" { i += 1 }
                        }
                    }
                    tokens.append(
                        Token(
                            kind: .float(Double(makeString(scalars[start..<i])) ?? 0), start: start, end: i,
                            line: line, column: startColumn))
                    continue
                }
                if hasUnsignedSuffix(at: i) {
                    let n = try unsignedValue(start, i, radix: 10, line: line, column: startColumn)
                    i += 1
                    tokens.append(Token(kind: .unsigned(n), start: start, end: i, line: line, column: startColumn))
                    continue
                }
                // One more than the largest number is kept: after a minus sign it is the smallest.
                if overflow || value > maximumNumber + 1 {
                    throw DatalogError(
                        "integer literal is too large", at: location(line: line, column: startColumn, length: i - start),
                        hint: "numbers have 62 bits: from \(minimumNumber) to \(maximumNumber)")
                }
                tokens.append(Token(kind: .integer(value), start: start, end: i, line: line, column: startColumn))
                continue
            }
            if u == "@", i + 1 < n, isIdentifierStart(scalars[i + 1]) {
                var j = i + 1
                while j < n && isIdentifierContinue(scalars[j]) { j += 1 }
                throw DatalogError(
                    "not supported: user-defined functors (\(makeString(scalars[i..<j])))",
                    at: location(line: line, column: startColumn, length: j - i),
                    hint: "functors are C++ code Soufflé links in; compute the value with built-in functions or a relation")
            }
            if u == "$", i + 1 < n, isIdentifierStart(scalars[i + 1]) {
                // `$Name`: a branch of an algebraic data type.
                i += 1
                while i < n && isIdentifierContinue(scalars[i]) { i += 1 }
                tokens.append(Token(kind: .branch(makeString(scalars[(start + 1)..<i])), start: start, end: i, line: line, column: startColumn))
                continue
            }
            if isIdentifierStart(u) {
                while i < n && isIdentifierContinue(scalars[i]) { i += 1 }
                tokens.append(Token(kind: .identifier(makeString(scalars[start..<i])), start: start, end: i, line: line, column: startColumn))
                continue
            }
            if i + 1 < n, scalars[i + 1].isASCII {
                let two = makeString(scalars[i...(i + 1)])
                if twoCharacterPunctuation.contains(two) {
                    tokens.append(Token(kind: .punctuation(two), start: start, end: i + 2, line: line, column: startColumn))
                    i += 2
                    continue
                }
            }
            if punctuationScalars.contains(u) {
                tokens.append(Token(kind: .punctuation(String(u)), start: start, end: i + 1, line: line, column: startColumn))
                i += 1
                continue
            }
            throw DatalogError(
                "unexpected character '\(u)'", at: location(line: line, column: startColumn),
                hint: "strings are double-quoted: \"…\"")
        }
        let endColumn = n - lineStart + 1
        tokens.append(Token(kind: .end, start: n, end: n, line: line, column: endColumn))
        return tokens
    }
}
