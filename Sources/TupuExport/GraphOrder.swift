import TupuGraph

/// Stable output order without copying the graph: index permutations, entities by id and
/// edges by (relation, subject, object), the order of `GraphFile.write`. A graph read from a
/// graph file is already in this order; checking that costs one comparison per element
/// instead of a sort (comparing Chinese ids is the expensive part of an export).
enum GraphOrder {
    static func entities(_ graph: Graph) -> [Int] {
        let entities = graph.entities
        return permutation(count: entities.count) { entities[$0].id < entities[$1].id }
    }

    static func edges(_ graph: Graph) -> [Int] {
        edges(graph, among: Array(graph.edges.indices))
    }

    /// `indices` (into `graph.edges`) in edge order.
    static func edges(_ graph: Graph, among indices: [Int]) -> [Int] {
        let edges = graph.edges
        let inOrder = zip(indices, indices.dropFirst()).allSatisfy { !(edges[$0.1].key < edges[$0.0].key) }
        return inOrder ? indices : indices.sorted { edges[$0].key < edges[$1].key }
    }

    private static func permutation(count: Int, by less: (Int, Int) -> Bool) -> [Int] {
        let identity = Array(0..<count)
        let inOrder = zip(identity, identity.dropFirst()).allSatisfy { !less($0.1, $0.0) }
        return inOrder ? identity : identity.sorted(by: less)
    }
}
