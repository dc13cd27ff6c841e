import TupuGraph
import TupuQuery

extension Subgraph {
    /// The entities named in the answers of a query file (every `?-` query in it, in answer
    /// order, each entity once), at most `maxNodes`, and the edges between them. Errors in the
    /// query come back as `QuerySession` failures, rendered with file, line and caret.
    public static func answers(of source: String, file: String, in graph: Graph, maxNodes: Int) throws -> Subgraph {
        let session = try QuerySession(graph: graph)
        var seen = Set<String>()
        var ids: [String] = []
        for block in try session.run(source, file: file) {
            for id in session.entityIds(in: block) where seen.insert(id).inserted { ids.append(id) }
        }
        return entities(graph, ids: Array(ids.prefix(maxNodes)))
    }

    /// Exactly these entities (ids not in the graph are skipped) and the edges between them.
    public static func entities(_ graph: Graph, ids: [String]) -> Subgraph {
        var index: [String: Int] = [:]
        for (i, entity) in graph.entities.enumerated() { index[entity.id] = i }
        return Subgraph(graph, entities: ids.compactMap { index[$0] })
    }
}
