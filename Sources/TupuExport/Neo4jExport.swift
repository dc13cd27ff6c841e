import Foundation
import TupuGraph

/// `neo4j`: the CSV flavour of `neo4j-admin database import full`: a folder with `nodes.csv`
/// and `relationships.csv`. Arrays use Neo4j's default `;` delimiter (a `;` inside an item
/// becomes `；`).
///
/// - `nodes.csv`: `id:ID,:LABEL,name,aliases:string[],docs:string[],mentions:int`, then one
///   column per attribute key. Labels: `Place`, `Org`, `Programme`, `Person`.
/// - `relationships.csv`: `:START_ID,:END_ID,:TYPE,support:int,evidence_count:int,doc,start:int,end:int,confidence:float,sentence,rule,docs:string[]`,
///   then one column per edge attribute key. One relationship per edge; types `RUNS`,
///   `LOCATED_IN`, `PART_OF`, `PARTNER` (stored once), `MEMBER_OF`, `ROLE`. The scalar
///   evidence columns are the first piece; `docs` lists the documents of every kept piece.
public enum Neo4jExport {
    public static let files = ["nodes.csv", "relationships.csv"]

    static func label(of type: EntityType) -> String {
        switch type {
        case .place: "Place"
        case .org: "Org"
        case .programme: "Programme"
        case .person: "Person"
        }
    }

    public static func write(_ graph: Graph, open: (String) throws -> BufferedWriter) throws {
        let nodeFixed = ["id:ID", ":LABEL", "name", "aliases:string[]", "docs:string[]", "mentions:int"]
        let entityKeys = AttributeColumns(
            keys: graph.entities.flatMap(\.attrs.keys),
            reserved: ["id", "name", "aliases", "docs", "mentions"])
        let nodes = try open("nodes.csv")
        try nodes.write(CSVExport.row(nodeFixed + entityKeys.headers))
        for index in graph.entityOrder() {
            let e = graph.entities[index]
            try nodes.write(
                CSVExport.row(
                    [e.id, label(of: e.type), e.name, array(e.aliases), array(Array(e.docs)), String(e.mentions)]
                        + entityKeys.values(e.attrs)))
        }

        let edgeFixed = [
            ":START_ID", ":END_ID", ":TYPE", "support:int", "evidence_count:int", "doc", "start:int", "end:int",
            "confidence:float", "sentence", "rule", "docs:string[]"
        ]
        let edgeKeys = AttributeColumns(
            keys: graph.edges.flatMap(\.attrs.keys),
            reserved: ["support", "evidence_count", "doc", "start", "end", "confidence", "sentence", "rule", "docs"])
        let relationships = try open("relationships.csv")
        try relationships.write(CSVExport.row(edgeFixed + edgeKeys.headers))
        for index in graph.edgeOrder() {
            let edge = graph.edges[index]
            var docs: [String] = []
            for piece in edge.evidence where !docs.contains(piece.doc) { docs.append(piece.doc) }
            let first = edge.evidence.first.map(CSVExport.evidenceFields) ?? ["", "", "", "", "", ""]
            try relationships.write(
                CSVExport.row(
                    [
                        edge.subject, edge.object, edge.relation.rawValue.uppercased(),
                        String(edge.support), String(edge.evidence.count)
                    ]
                        + first + [array(docs)] + edgeKeys.values(edge.attrs)))
        }
    }

    static func array(_ items: [String]) -> String {
        items.map { $0.replacingOccurrences(of: ";", with: "；") }.joined(separator: ";")
    }
}
