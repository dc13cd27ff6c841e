import TupuGazetteer
import TupuGraph
import TupuRecognise
import TupuResolve
import TupuText

/// The whole per-document pipeline: segment → recognise → resolve → relate → a graph
/// with stable ids and evidence. Build one per run; it is thread-safe and shared by workers.
public struct DocumentExtractor: Sendable {
    public let gazetteer: PlaceGazetteer
    let recogniser: Recogniser
    let resolver: Resolver
    let relations: RelationExtractor
    /// Relations below this confidence are not written to the graph.
    public var minimumConfidence: Double

    public init(gazetteer: PlaceGazetteer, brands: [BrandEntry] = [], minimumConfidence: Double = 0.5) {
        self.gazetteer = gazetteer
        self.recogniser = Recogniser(places: gazetteer, brands: brands)
        self.resolver = Resolver(gazetteer: gazetteer)
        self.relations = RelationExtractor(gazetteer: gazetteer)
        self.minimumConfidence = minimumConfidence
    }

    /// The document's mentions resolved to entities, before relations (for tests and explain).
    public func resolve(_ text: String) -> ResolvedDocument { resolve(Segmenter.segment(text)) }

    func resolve(_ segmented: SegmentedText) -> ResolvedDocument {
        resolver.resolve(segmented, recogniser.recognise(segmented))
    }

    public func extract(_ document: Document) -> Graph { extractCounting(document).graph }

    /// The document's graph and how many articles the segmenter found in it. Edges for which
    /// `wantsEvidence` says no get their support counted but no evidence made (the corpus graph
    /// holds all the evidence it keeps for them already).
    public func extractCounting(_ document: Document, wantsEvidence: (EdgeKey) -> Bool = { _ in true }) -> (graph: Graph, articles: Int) {
        let resolved = resolve(Segmenter.segment(document))
        let candidates = relations.relate(resolved)
        return (graph(of: resolved, candidates, doc: document.id, wantsEvidence: wantsEvidence), resolved.segmented.articles.count)
    }

    // MARK: Ids and graph

    func graph(of doc: ResolvedDocument, _ candidates: [RelationCandidate], doc docID: String,
               wantsEvidence: (EdgeKey) -> Bool = { _ in true }) -> Graph {
        let kept = candidates.filter { $0.confidence >= minimumConfidence }
        let ids = entityIDs(doc, kept)
        var graph = Graph()
        // The administrative chain adds a few places and part_of edges per place named.
        graph.reserveCapacity(entities: 2 * doc.entities.count, edges: kept.count + 2 * doc.entities.count)
        for (i, e) in doc.entities.enumerated() where !e.mentions.isEmpty {
            graph.add(Entity(id: ids[i], type: type(of: e.kind), name: e.name, aliases: Array(e.aliases),
                             attrs: e.attrs, docs: [docID], mentions: e.mentions.count))
        }
        var sentences: [Int: String] = [:]
        for c in kept {
            guard !doc.entities[c.subject].mentions.isEmpty, !doc.entities[c.object].mentions.isEmpty else { continue }
            var edge = Edge(relation: c.relation, subject: ids[c.subject], object: ids[c.object], attrs: c.attrs, support: 1)
            if wantsEvidence(edge.key) {
                let original = doc.segmented.originalRange(c.span)
                let sentence = sentences[c.sentence] ?? doc.segmented.sentenceText(doc.segmented.sentences[c.sentence])
                sentences[c.sentence] = sentence
                edge.evidence = [Evidence(doc: docID, start: original.lowerBound, end: original.upperBound,
                                          sentence: sentence, rule: c.rule, confidence: c.confidence)]
            }
            graph.add(edge)
        }
        let named = doc.entities.compactMap { e in e.kind == .place && !e.mentions.isEmpty ? e.code : nil }
        relations.chains.add(from: named, to: &graph)
        return graph
    }

    /// Places by division code; orgs by name and place; programmes and people by name and
    /// the place the document puts them in, so that namesakes elsewhere stay apart.
    func entityIDs(_ doc: ResolvedDocument, _ candidates: [RelationCandidate]) -> [String] {
        var located: [Int: String] = [:]
        // Filtered before the (stable) sort: the same order, without moving every candidate.
        let placing = candidates.filter { $0.relation == .locatedIn || $0.relation == .role }
        for c in placing.sorted(by: { $0.confidence > $1.confidence }) {
            if located[c.subject] == nil, let code = doc.entities[c.object].code ?? doc.entities[c.object].placeCode { located[c.subject] = code }
        }
        return doc.entities.indices.map { i in
            let e = doc.entities[i]
            switch e.kind {
            case .place: return id("place:", e.code ?? e.name, at: nil)
            case .org: return id("org:", e.name, at: e.placeCode)
            case .programme: return id("programme:", e.name, at: e.placeCode ?? located[i])
            case .person: return id("person:", e.name, at: located[i])
            }
        }
    }

    /// `type:name` or `type:name@code`, in one allocation (ids are made for every entity of every document).
    func id(_ type: StaticString, _ name: String, at code: String?) -> String {
        var id = ""
        id.reserveCapacity(type.utf8CodeUnitCount + name.utf8.count + (code.map { $0.utf8.count + 1 } ?? 0))
        type.withUTF8Buffer { id += String(decoding: $0, as: UTF8.self) }
        id += name
        if let code {
            id += "@"
            id += code
        }
        return id
    }

    func type(of kind: Mention.Kind) -> EntityType {
        switch kind {
        case .place: return .place
        case .org: return .org
        case .programme: return .programme
        case .person: return .person
        }
    }
}
