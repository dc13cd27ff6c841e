// `.input` facts files and `.output` CSV files (TAB-separated, no header, no quoting: Soufflé's format).
import Foundation

extension Engine {
    /// Reads `rel.facts` (or the `filename=` parameter) from the facts directory as base facts.
    func readFacts(_ relation: Relation, parameters: [String: String], at location: SourceLocation) throws {
        let name = parameters["filename"] ?? "\(relation.name).facts"
        let path = try confinedPath(name, in: options.factsDirectory, directive: ".input \(relation.name)", at: location)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatalogError(
                "cannot read facts for '\(relation.name)' from \(path)", at: location,
                hint: "put a TAB-separated file \(name) in the facts directory (-F DIR)")
        }
        let delimiter = parameters["delimiter"].flatMap { $0.utf8.first } ?? UInt8(ascii: "\t")
        let types = relation.declaration?.columns.map(\.type)
        let arity = relation.arity
        invalidate()
        var row = [Int](repeating: 0, count: arity)
        var lineNumber = 0
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var i = 0
            let n = bytes.count
            while i < n {
                lineNumber += 1
                var lineEnd = i
                while lineEnd < n && bytes[lineEnd] != 10 { lineEnd += 1 }
                var end = lineEnd
                if end > i && bytes[end - 1] == 13 { end -= 1 }
                if end > i || arity == 0 {
                    var column = 0
                    var start = i
                    var j = i
                    while true {
                        if j == end || bytes[j] == delimiter {
                            guard column < arity else {
                                throw DatalogError(
                                    "\(path):\(lineNumber): more than \(arity) columns for '\(relation.name)'", at: location,
                                    hint: "facts files are TAB-separated, one tuple per line")
                            }
                            guard let value = term(bytes, start, j, type: types?[column]) else {
                                let field = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<j]), as: UTF8.self)
                                throw DatalogError(
                                    "\(path):\(lineNumber): column \(column + 1) of '\(relation.name)' is a \(types?[column].rawValue ?? "number"), got '\(field)'",
                                    at: location, hint: "declare the column as symbol, or fix the facts file")
                            }
                            row[column] = value
                            column += 1
                            start = j + 1
                            if j == end { break }
                        }
                        j += 1
                    }
                    guard column == arity || arity == 0 else {
                        throw DatalogError(
                            "\(path):\(lineNumber): \(column) column\(column == 1 ? "" : "s") for '\(relation.name)', which has \(arity)",
                            at: location, hint: "facts files are TAB-separated, one tuple per line")
                    }
                    if arity == 0 {
                        _ = relation.add([])
                    } else {
                        row.withUnsafeBufferPointer { _ = relation.add($0.baseAddress!) }
                    }
                }
                i = lineEnd + 1
            }
        }
        relation.baseCount = relation.count
    }

    /// A field as a term, by the column's declared type; undeclared columns hold numbers when
    /// the field is an integer, floats when it is a decimal number, else symbols.
    /// Nil for a number or float column holding something else.
    private func term(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, type: ValueType?) -> Term? {
        switch type {
        case .unsigned:
            return UInt64(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)).map { symbols.unsignedTerm($0) }
        case .record, .adt:
            var reader = CompoundReader(text: Array(UnsafeBufferPointer(rebasing: bytes[start..<end])))
            guard let value = reader.value(), reader.atEnd else { return nil }
            return symbols.term(value)
        default: break
        }
        if type != .symbol && type != .float, start < end {
            var k = start
            var negative = false
            if bytes[k] == UInt8(ascii: "-") && end - start > 1 {
                negative = true
                k += 1
            }
            var value = 0
            var digits = true
            var overflow = false
            while k < end {
                let b = bytes[k]
                guard b >= 48 && b <= 57 else {
                    digits = false
                    break
                }
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int(b - 48))
                overflow = overflow || o1 || o2
                value = s
                k += 1
            }
            if digits {
                let n = negative ? -value : value
                guard !overflow && fitsNumber(n) else { return nil }
                return numberTerm(n)
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        if type == .float || type == nil, let d = Double(text), d.isFinite,
            text.unicodeScalars.allSatisfy({ "0123456789.eE+-".unicodeScalars.contains($0) })
        {
            return symbols.floatTerm(d)
        }
        if type == .number || type == .float { return nil }
        return symbols.intern(text)
    }

    /// Carries out `.output rel`: with an output directory (not `-`, and no `IO=stdout`), writes
    /// `rel.csv` there and returns nil; otherwise returns the relation as a block to print.
    public func output(relation name: String, parameters: [String: String] = [:], at location: SourceLocation? = nil) throws -> OutputBlock? {
        try evaluate()
        guard let relation = relations[name] else {
            throw unknownRelation(name, at: SourceLocation(file: "<output>", line: 1, column: 1))
        }
        if let directory = options.outputDirectory, directory != "-", parameters["IO"] != "stdout" {
            try writeCSV(relation, to: directory, parameters: parameters, at: location)
            return nil
        }
        return .relation(name: name, columns: relation.columnNames, rows: sortedRows(relation.store, count: relation.count))
    }

    /// Writes a relation as `rel.csv` (TAB-separated, sorted) into `directory`.
    func writeCSV(_ relation: Relation, to directory: String, parameters: [String: String], at location: SourceLocation?) throws {
        let name = parameters["filename"] ?? "\(relation.name).csv"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw DatalogError("cannot create the output directory \(directory): \(error.localizedDescription)", at: location)
        }
        let path = try confinedPath(name, in: directory, directive: ".output \(relation.name)", at: location)
        let delimiter = parameters["delimiter"] ?? "\t"
        var out = ""
        for row in sortedRows(relation.store, count: relation.count) {
            // Soufflé writes a nullary relation that holds as `()`, so the file says it holds.
            out += relation.arity == 0 ? "()" : row.map(\.text).joined(separator: delimiter)
            out += "\n"
        }
        do {
            try out.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw DatalogError("cannot write \(path): \(error.localizedDescription)", at: location)
        }
    }

    /// The file `name` (relative to `directory`, or absolute) names, refused when it lies outside
    /// `directory` once symbolic links and `..` are resolved, unless `allowsPathsOutside`.
    func confinedPath(_ name: String, in directory: String, directive: String, at location: SourceLocation?) throws -> String {
        let path = name.hasPrefix("/") ? name : (directory as NSString).appendingPathComponent(name)
        if options.allowsPathsOutside { return path }
        guard let root = resolvedPath(directory), let resolved = resolvedPath(path) else {
            throw DatalogError("\(directive): the file \(Value.symbol(name)) goes through a folder that does not exist", at: location)
        }
        guard resolved == root || resolved.hasPrefix(root == "/" ? "/" : root + "/") else {
            // `tupu run` sets the directories with -F and -D (and can allow any path); the REPL and `query` read from here.
            let flags = options.limitNames.paths != nil
            let which =
                directive.hasPrefix(".input")
                ? "facts directory \(directory)\(flags ? " (-F)" : "")"
                : "output directory \(directory)\(flags ? " (-D)" : "")"
            throw DatalogError(
                "\(directive): the file \(Value.symbol(name)) is outside the \(which)", at: location,
                hint: "name a file inside it" + (options.limitNames.paths.map { ", or let the program read and write anywhere with \($0)" } ?? ""))
        }
        return path
    }

    /// `path` made absolute with symbolic links and `.`/`..` resolved, as far as it exists; the
    /// missing rest is appended as written. A dangling link counts as where it points. Nil when
    /// the missing rest holds `.` or `..`.
    private func resolvedPath(_ path: String) -> String? {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var existing = absolute
        var missing: [String] = []
        var links = 0
        while true {
            let real = realpath(existing, nil)
            if real == nil, links < 40, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: existing) {
                links += 1
                existing = target.hasPrefix("/") ? target : (existing as NSString).deletingLastPathComponent + "/" + target
                continue
            }
            if let real {
                defer { free(real) }
                let base = String(cString: real)
                guard !missing.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
                return missing.reversed().reduce(base) { $0 == "/" ? "/" + $1 : $0 + "/" + $1 }
            }
            let parent = (existing as NSString).deletingLastPathComponent
            guard parent != existing, !parent.isEmpty else { return nil }
            let last = (existing as NSString).lastPathComponent
            if !last.isEmpty { missing.append(last) }
            existing = parent
        }
    }
}

/// Reads a record or a branch as Soufflé writes them: `[1, [2, nil]]`, `$Succ($Zero)`. A field
/// that is not a record, a branch or a number is a symbol, up to the next `,`, `]` or `)` (or
/// quoted: `"a, b"`).
struct CompoundReader {
    let text: [UInt8]
    var i = 0

    init(text: [UInt8]) { self.text = text }

    var atEnd: Bool {
        var k = i
        while k < text.count, text[k] == UInt8(ascii: " ") { k += 1 }
        return k == text.count
    }

    mutating func skipSpaces() {
        while i < text.count, text[i] == UInt8(ascii: " ") { i += 1 }
    }

    mutating func take(_ c: Character) -> Bool {
        skipSpaces()
        guard i < text.count, text[i] == c.asciiValue! else { return false }
        i += 1
        return true
    }

    /// Fields up to `closing` (the opening bracket was read); nil when malformed.
    mutating func fields(closing: Character) -> [Value]? {
        var out: [Value] = []
        if take(closing) { return out }
        repeat {
            guard let v = value() else { return nil }
            out.append(v)
        } while take(",")
        return take(closing) ? out : nil
    }

    func isNameByte(_ b: UInt8) -> Bool {
        b >= 128 || b == UInt8(ascii: "_") || Character(UnicodeScalar(b)).isLetter || Character(UnicodeScalar(b)).isNumber
    }

    mutating func value() -> Value? {
        skipSpaces()
        guard i < text.count else { return nil }
        if take("[") { return fields(closing: "]").map(Value.record) }
        if take("$") {
            let start = i
            // A name's bytes: ASCII letters, digits and `_`, or any byte of a non-ASCII scalar.
            while i < text.count, isNameByte(text[i]) { i += 1 }
            guard i > start else { return nil }
            let name = String(decoding: text[start..<i], as: UTF8.self)
            if take("(") { return fields(closing: ")").map { .branch(name, $0) } }
            return .branch(name, [])
        }
        if take("\"") {
            let start = i
            while i < text.count, text[i] != UInt8(ascii: "\"") { i += 1 }
            guard i < text.count else { return nil }
            defer { i += 1 }
            return .symbol(String(decoding: text[start..<i], as: UTF8.self))
        }
        let start = i
        while i < text.count, ![UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: ")")].contains(text[i]) { i += 1 }
        var end = i
        while end > start, text[end - 1] == UInt8(ascii: " ") { end -= 1 }
        let field = String(decoding: text[start..<end], as: UTF8.self)
        if field == "nil" { return .nilRecord }
        if let n = Int(field), fitsNumber(n) { return .number(n) }
        if let d = Double(field), field.contains(".") { return .float(d) }
        return .symbol(field)
    }
}
