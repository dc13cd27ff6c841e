import TupuGraph

/// The export formats and the one entry point that writes any of them to a path.
public enum ExportFormat: String, CaseIterable, Sendable {
    case jsonl, dot, csv, ntriples, nquads, neo4j, souffle

    public var summary: String {
        switch self {
        case .jsonl: "the graph file's JSON Lines (header, entities, edges with evidence)"
        case .dot: "Graphviz drawing of a bounded sub-graph (--focus, --query, --max-nodes, --all)"
        case .csv: "folder: nodes.csv, edges.csv, evidence.csv (RFC 4180; edges start src,dst,rel)"
        case .ntriples: "RDF N-Triples; evidence by reification (--base-iri)"
        case .nquads: "RDF N-Quads: the N-Triples plus each edge in its documents' named graphs"
        case .neo4j: "folder: neo4j-admin import CSV (nodes.csv, relationships.csv)"
        case .souffle: "folder: one TAB-separated NAME.facts per relation, and tupu.dl"
        }
    }

    /// Folder formats write a bundle of files and cannot go to standard output.
    public var writesFolder: Bool { [.csv, .neo4j, .souffle].contains(self) }

    /// Where the export goes without `-o`.
    public var defaultOutput: String {
        switch self {
        case .csv: "graph-csv"
        case .neo4j: "graph-neo4j"
        case .souffle: "graph-souffle"
        default: "-"
        }
    }

    var files: [String] {
        switch self {
        case .csv: CSVExport.files
        case .neo4j: Neo4jExport.files
        case .souffle: SouffleExport.files
        default: []
        }
    }
}

public enum Exporter {
    /// Writes `graph` as `format` to `path` (`-` is standard output for file formats). Files
    /// and folders appear whole or not at all. `subgraph` is what `dot` draws (default: all).
    public static func write(
        _ graph: Graph, as format: ExportFormat, to path: String,
        subgraph: Subgraph? = nil, baseIRI: String = RDFExport.defaultBase
    ) throws {
        if format.writesFolder {
            try ExportTarget.withFolder(path, files: format.files) { open in
                switch format {
                case .csv: try CSVExport.write(graph, open: open)
                case .neo4j: try Neo4jExport.write(graph, open: open)
                default: try SouffleExport.write(graph, open: open)
                }
            }
            return
        }
        try ExportTarget.withFile(path) { out in
            switch format {
            case .jsonl: try JSONLinesExport.write(graph, to: out)
            case .dot: try DotExport.write(graph, subgraph ?? .all(graph), to: out)
            case .ntriples: try RDFExport.write(graph, base: baseIRI, to: out)
            default: try RDFExport.write(graph, base: baseIRI, quads: true, to: out)
            }
        }
    }
}
