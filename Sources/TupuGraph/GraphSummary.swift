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
        var documents = Set<String>()
        for entity in graph.entities { documents.formUnion(entity.docs) }
        var degree: [String: Int] = [:]
        var confidenceSum = 0.0
        for edge in graph.edges {
            degree[edge.subject, default: 0] += 1
            degree[edge.object, default: 0] += 1
            support += edge.support
            evidencePieces += edge.evidence.count
            if edge.evidence.isEmpty { edgesWithoutEvidence += 1 }
            for piece in edge.evidence {
                documents.insert(piece.doc)
                confidenceSum += piece.confidence
            }
        }
        self.documents = documents.count
        if evidencePieces > 0 { meanConfidence = confidenceSum / Double(evidencePieces) }
        let ranked = degree.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        self.top = ranked.prefix(top).compactMap { id, count in graph.entity(id: id).map { ($0, count) } }
    }
}
