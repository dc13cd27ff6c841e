import Foundation

/// Merging whole graphs (`tupu merge`, `tupu build --update`): a build reads documents in order
/// and merges each document's graph into the corpus graph, then links the administrative
/// divisions once. Graphs built from consecutive runs of a corpus merge, in that order, into the
/// graph of the whole run: names, attributes and kept evidence go to the first reading, as they
/// do in a build; mentions and support add up; documents are unioned.
extension Graph {
    /// The graph without what linking the divisions added: parent places no document mentions
    /// (no documents, no mentions) and gazetteer part_of edges no document states (no support).
    /// A merge links the merged graph again, so that a parent place named in a later part gets the
    /// name and attributes its document gave it, as in a build of the whole.
    public func withoutDivisionLinks() -> Graph {
        var result = Graph()
        result.reserveCapacity(entities: entities.count, edges: edges.count)
        for entity in entities where !(entity.mentions == 0 && entity.docs.isEmpty) { result.add(entity) }
        for edge in edges where !(edge.support == 0 && edge.evidence.isEmpty) { result.add(edge) }
        return result
    }

    /// The graphs merged in the order given, each without its division links (the caller links
    /// the result once, as a build does). Evidence is capped at `evidenceLimit` per edge and
    /// counted in `support`, as in a build.
    public static func merging(_ graphs: [Graph]) -> Graph {
        var merged = Graph()
        for graph in graphs { merged.merge(graph.withoutDivisionLinks()) }
        return merged
    }
}
