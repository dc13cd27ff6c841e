/// What a graph holds at a glance: counts by type and relation, documents, evidence, and the
/// entities with the most edges (ties broken by id, so the list is stable).
public struct GraphSummary: Sendable {
    public var entities: [(type: EntityType, count: Int)] = []
    public var edges: [(relation: Relation, count: Int)] = []
    public var documents = 0
    public var evidencePieces = 0
    public var support = 0
    public var edgesWithoutEvidence = 0
    public var meanConfidence: Double?
    public var top: [(entity: Entity, degree: Int)] = []

    public init(_ graph: Graph, top: Int) {
        entities = EntityType.allCases.map { ($0, graph.count(of: $0)) }
        edges = Relation.allCases.map { ($0, graph.count(of: $0)) }
        var documents = DocumentSet()
        // Degrees by entity position; edges and entities read in place (a copy retains every string).
        var degree = [Int](repeating: 0, count: graph.entities.count)
        var confidenceSum = 0.0
        // A sidecar's graph has its evidence's documents counted already: no id is looked up again.
        let countedEvidenceDocuments = graph.evidenceDocuments != nil
        if let counted = graph.evidenceDocuments { documents.formUnion(counted) }
        graph.entities.withUnsafeBufferPointer { entities in
            for i in entities.indices { documents.formUnion(entities[i].docs) }
        }
        // Fields read by index: `for edge in edges` would copy (retain and release) each edge.
        graph.edges.withUnsafeBufferPointer { edges in
            for i in edges.indices {
                let ends = graph.endPositions(ofEdge: i)
                if let subject = ends.subject { degree[subject] += 1 }
                if let object = ends.object { degree[object] += 1 }
                support += edges[i].support
                let pieces = edges[i].evidence.count
                evidencePieces += pieces
                if pieces == 0 { edgesWithoutEvidence += 1 }
                edges[i].evidence.withUnsafeBufferPointer { evidence in
                    for j in evidence.indices {
                        if !countedEvidenceDocuments { documents.insert(id: evidence[j].doc) }
                        confidenceSum += evidence[j].confidence
                    }
                }
            }
        }
        self.documents = documents.count
        if evidencePieces > 0 { meanConfidence = confidenceSum / Double(evidencePieces) }
        // Only the entities that can be among the first `top` are sorted by degree, then id:
        // those with at least the `top`-th largest degree.
        guard top > 0 else { return }
        let connected = degree.indices.filter { degree[$0] > 0 }
        let degrees = connected.map { degree[$0] }.sorted(by: >)
        guard let least = degrees.prefix(top).last else { return }
        let ranked = connected.filter { degree[$0] >= least }.sorted {
            (degree[$1], graph.entities[$0].id) < (degree[$0], graph.entities[$1].id)
        }
        self.top = ranked.prefix(top).map { (graph.entities[$0], degree[$0]) }
    }
}
