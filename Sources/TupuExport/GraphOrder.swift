import TupuGraph

/// Stable output order without copying the graph: index permutations, entities by id and
/// edges by (relation, subject, object), the order of `GraphFile.write`.
enum GraphOrder {
    static func entities(_ graph: Graph) -> [Int] {
        let entities = graph.entities
        return entities.indices.sorted { entities[$0].id < entities[$1].id }
    }

    static func edges(_ graph: Graph) -> [Int] {
        let edges = graph.edges
        return edges.indices.sorted { edges[$0].key < edges[$1].key }
    }
}
