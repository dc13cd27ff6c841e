import TupuGraph

/// `jsonl`: exactly the graph file's lines (header, entities, edges), the contract the scorer
/// and DuckDB's `read_json` read. Lines come from `GraphFile`, so the two never drift apart.
public enum JSONLinesExport {
    public static func write(_ graph: Graph, to out: BufferedWriter) throws {
        try GraphFile.write(graph) { try out.write($0) }
    }
}
