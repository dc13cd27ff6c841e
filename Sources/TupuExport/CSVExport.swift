import Foundation
import TupuGraph

/// `csv`: a folder with `nodes.csv`, `edges.csv` and `evidence.csv`, each with a header line,
/// RFC 4180 quoting and LF line ends.
///
/// - `nodes.csv`: `id,type,name,aliases,docs,mentions`, then one column per attribute key found
///   in the graph, sorted (`code,kind,level,…`; a key that clashes with a fixed column gets an
///   `attr_` prefix). `aliases` and `docs` are `|`-separated.
/// - `edges.csv`: one row per edge: `src,dst,rel,doc,start,end,confidence,sentence,rule,support,evidence_count`,
///   then one column per edge attribute key (`title`). The evidence columns hold the edge's first
///   piece of evidence (empty when it has none); `support` counts every sighting. `partner` is one
///   undirected row.
/// - `evidence.csv`: every kept piece of evidence: `src,dst,rel,doc,start,end,confidence,sentence,rule`.
///
/// `src,dst,rel` come first because Kuzu and LadybugDB read relationship files by position.
public enum CSVExport {
    public static let files = ["nodes.csv", "edges.csv", "evidence.csv"]

    public static func write(_ graph: Graph, open: (String) throws -> BufferedWriter) throws {
        let entityKeys = AttributeColumns(
            keys: graph.entities.flatMap(\.attrs.keys),
            reserved: ["id", "type", "name", "aliases", "docs", "mentions"])
        let nodes = try open("nodes.csv")
        try nodes.write(row(["id", "type", "name", "aliases", "docs", "mentions"] + entityKeys.headers))
        for index in graph.entityOrder() {
            let e = graph.entities[index]
            try nodes.write(
                row(
                    [
                        e.id, e.type.rawValue, e.name, e.aliases.joined(separator: "|"),
                        e.docs.joined(separator: "|"), String(e.mentions)
                    ] + entityKeys.values(e.attrs)))
        }

        let edgeFixed = ["src", "dst", "rel", "doc", "start", "end", "confidence", "sentence", "rule", "support", "evidence_count"]
        let edgeKeys = AttributeColumns(keys: graph.edges.flatMap(\.attrs.keys), reserved: Set(edgeFixed))
        let edges = try open("edges.csv")
        let evidence = try open("evidence.csv")
        try edges.write(row(edgeFixed + edgeKeys.headers))
        try evidence.write(row(Array(edgeFixed.prefix(9))))
        for index in graph.edgeOrder() {
            let edge = graph.edges[index]
            let head = [edge.subject, edge.object, edge.relation.rawValue]
            let first = edge.evidence.first.map(evidenceFields) ?? ["", "", "", "", "", ""]
            try edges.write(row(head + first + [String(edge.support), String(edge.evidence.count)] + edgeKeys.values(edge.attrs)))
            for piece in edge.evidence { try evidence.write(row(head + evidenceFields(piece))) }
        }
    }

    static func evidenceFields(_ e: Evidence) -> [String] {
        [e.doc, String(e.start), String(e.end), JSON.number(e.confidence), e.sentence.string, e.rule]
    }

    /// One CSV record, RFC 4180: a field with a comma, quote or line break is quoted and its
    /// quotes doubled. A field a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`)
    /// starts with `'` (see `SpreadsheetCell`).
    static func row(_ fields: [String]) -> String {
        var line = ""
        for (i, raw) in fields.enumerated() {
            if i > 0 { line += "," }
            let field = SpreadsheetCell.neutralised(raw)
            line +=
                field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                : field
        }
        return line + "\n"
    }
}

/// The attribute keys of a graph as extra columns, in a fixed sorted order.
struct AttributeColumns {
    let keys: [String]
    let headers: [String]

    init(keys all: [String], reserved: Set<String>, prefix: String = "attr_") {
        keys = Set(all).sorted()
        headers = keys.map { reserved.contains($0) ? prefix + $0 : $0 }
    }

    func values(_ attrs: [String: String]) -> [String] { keys.map { attrs[$0] ?? "" } }
}
