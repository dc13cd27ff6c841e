import TupuGraph

/// `jsonl`: exactly the graph file's lines (header, entities, edges), the contract the scorer
/// and DuckDB's `read_json` read. Lines come from `GraphFile`, so the two never drift apart.
public enum JSONLinesExport {
    public static func write(_ graph: Graph, to out: BufferedWriter) throws {
        // The header alone: GraphFile writes it for an empty graph.
        try GraphFile.write(Graph()) { try out.write($0) }
        for index in GraphOrder.entities(graph) { try out.write(GraphFile.line(for: graph.entities[index]) + "\n") }
        for index in GraphOrder.edges(graph) { try out.write(GraphFile.line(for: graph.edges[index]) + "\n") }
    }
}
