import TupuKit

// Printing answers: aligned table, TSV, CSV (RFC 4180), JSON and JSON Lines.

/// Output formats of answers and printed relations.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, tsv, csv, json, jsonl
}

/// One printed unit: a query's answers, an `.output` relation, or a `.printsize` line.
public enum OutputBlock: Sendable {
    case answer(Answer)
    case relation(name: String, columns: [String], rows: [[Value]])
    case size(name: String, count: Int)
}

/// Renders blocks in one format. Table and TSV print each block with a header (a table of an
/// `.output` relation starts with the relation's name); blocks are
/// separated by a blank line (table, TSV, CSV). JSON prints one document: a block's array of
/// objects, or with several blocks an array of their arrays, in order; JSON Lines prints `{"query": N, "values": {"X": …}}` per answer (relations:
/// `{"relation": "r", "values": {…}}`). `.printsize` prints `rel<TAB>N` in every format.
public struct AnswerFormatter: Sendable {
    public var format: OutputFormat

    public init(format: OutputFormat) { self.format = format }

    /// The text of a sequence of blocks, each ending in a newline.
    public func render(_ blocks: [OutputBlock]) -> String {
        if format == .json {
            let arrays = blocks.filter { if case .size = $0 { return false } else { return true } }
            if arrays.count > 1 {
                // One JSON document: an array of the blocks' arrays (`.printsize` lines follow it).
                let sizes = blocks.filter { if case .size = $0 { return true } else { return false } }
                let inner = arrays.map { render($0).trimmingSuffixNewline().replacingOccurrences(of: "\n", with: "\n  ") }
                return "[\n  " + inner.joined(separator: ",\n  ") + "\n]\n" + sizes.map(render).joined()
            }
        }
        var out = ""
        var previous: OutputBlock?
        for block in blocks {
            out += separator(after: previous, before: block) + render(block)
            previous = block
        }
        return out
    }

    /// What goes between two printed blocks: a blank line between blocks of rows in table, TSV
    /// and CSV; nothing around `.printsize` lines or in JSON formats.
    public func separator(after previous: OutputBlock?, before next: OutputBlock) -> String {
        guard let previous, [.table, .tsv, .csv].contains(format) else { return "" }
        if case .size = previous { return "" }
        if case .size = next { return "" }
        return "\n"
    }

    /// The text of one block, ending in a newline.
    public func render(_ block: OutputBlock) -> String {
        switch block {
        case .size(let name, let count):
            return "\(name)\t\(count)\n"
        case .answer(let answer):
            if answer.variables.isEmpty {
                switch format {
                case .table, .tsv, .csv: return answer.isTrue ? "true\n" : "false\n"
                case .json: return answer.isTrue ? "[{}]\n" : "[]\n"
                case .jsonl: return answer.isTrue ? "{\"query\": \(answer.query), \"values\": {}}\n" : ""
                }
            }
            return rows(columns: answer.variables, rows: answer.rows, jsonKey: "\"query\": \(answer.query)")
        case .relation(let name, let columns, let rows):
            // On a terminal the relation's name heads its table; machine formats stay plain.
            let title = format == .table ? name + "\n" : ""
            return title + self.rows(columns: columns, rows: rows, jsonKey: "\"relation\": \(jsonString(name))")
        }
    }

    private func rows(columns: [String], rows: [[Value]], jsonKey: String) -> String {
        switch format {
        case .table:
            var widths = columns.map(DisplayWidth.of)
            let cells = rows.map { $0.map(\.text) }
            for row in cells { for (c, cell) in row.enumerated() { widths[c] = max(widths[c], DisplayWidth.of(cell)) } }
            func line(_ values: [String]) -> String {
                var s = ""
                for (c, v) in values.enumerated() {
                    s += v
                    if c < values.count - 1 { s += String(repeating: " ", count: widths[c] - DisplayWidth.of(v) + 2) }
                }
                return s + "\n"
            }
            var out = line(columns)
            out += line(widths.map { String(repeating: "-", count: $0) })
            for row in cells { out += line(row) }
            if rows.isEmpty { out += "(no answers)\n" }
            return out
        case .tsv:
            var out = columns.joined(separator: "\t") + "\n"
            for row in rows { out += row.map { tsvField($0.text) }.joined(separator: "\t") + "\n" }
            return out
        case .csv:
            var out = columns.map(csvField).joined(separator: ",") + "\r\n"
            for row in rows { out += row.map { csvField($0.text) }.joined(separator: ",") + "\r\n" }
            return out
        case .json:
            if rows.isEmpty { return "[]\n" }
            var out = "[\n"
            for (i, row) in rows.enumerated() {
                out += "  " + object(columns, row) + (i < rows.count - 1 ? ",\n" : "\n")
            }
            return out + "]\n"
        case .jsonl:
            var out = ""
            for row in rows { out += "{\(jsonKey), \"values\": \(object(columns, row))}\n" }
            return out
        }
    }

    private func object(_ columns: [String], _ row: [Value]) -> String {
        var parts: [String] = []
        for (c, v) in row.enumerated() { parts.append("\(jsonString(columns[c])): \(jsonValue(v))") }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

extension String {
    func trimmingSuffixNewline() -> String { hasSuffix("\n") ? String(dropLast()) : self }
}

func jsonValue(_ v: Value) -> String {
    switch v {
    case .number(let n): return String(n)
    case .float(let d): return d.isFinite ? Value.floatText(d) : jsonString(Value.floatText(d))
    case .unsigned(let n): return String(n)
    case .symbol(let s): return jsonString(s)
    case .record(let fields): return fields.isEmpty ? "null" : "[" + fields.map(jsonValue).joined(separator: ", ") + "]"
    case .branch: return jsonString(v.text)
    }
}

/// A JSON string literal (UTF-8 kept as is, controls escaped).
public func jsonString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if u.value < 0x20 {
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(u)
            }
        }
    }
    return out + "\""
}

/// TSV cannot quote: tabs and newlines inside a value become spaces.
func tsvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return s }
    return String(s.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : Character($0) })
}

/// RFC 4180: quote fields holding a comma, quote, CR or LF; double inner quotes.
func csvField(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
