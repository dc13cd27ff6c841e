import Foundation
import TupuGazetteer
import TupuGraph
import TupuKit
import TupuRecognise
import TupuResolve
import TupuText

/// The whole per-document pipeline: segment → recognise → resolve → relate → a graph
/// with stable ids and evidence. Build one per run; it is thread-safe and shared by workers.
public struct DocumentExtractor: Sendable {
    public let gazetteer: PlaceGazetteer
    private(set) var recogniser: Recogniser
    let resolver: Resolver
    let relations: RelationExtractor
    let placeAttributes: PlaceAttributes
    /// The `kind` attribute of organisations and programmes, one dictionary a kind shared by
    /// every entity of it: merging finds two sightings' attributes equal by identity.
    let kindAttributes: [NameKind: [String: String]]
    /// Reads a document in Traditional script through Simplified characters (nil: as written).
    let simplifier: Simplifier?
    /// Relations below this confidence are not written to the graph.
    public var minimumConfidence: Double

    public init(
        gazetteer: PlaceGazetteer, brands: [BrandEntry] = [], organisations: [OrgName] = [],
        minimumConfidence: Double = 0.5, simplifier: Simplifier? = try? Simplifier.bundled()
    ) {
        self.gazetteer = gazetteer
        self.simplifier = simplifier
        self.recogniser = Recogniser(places: gazetteer, brands: brands, organisations: organisations)
        self.resolver = Resolver(gazetteer: gazetteer)
        self.relations = RelationExtractor(gazetteer: gazetteer)
        self.placeAttributes = relations.chains.placeAttributes
        let kinds = OrgKind.allCases.map { NameKind.org($0) } + ProgrammeKind.allCases.map { NameKind.programme($0) }
        self.kindAttributes = Dictionary(uniqueKeysWithValues: kinds.map { ($0, ["kind": $0.name]) })
        self.minimumConfidence = minimumConfidence
    }

    /// The same pipeline knowing more brands (the names learned from a corpus).
    public func adding(brands: [BrandEntry]) -> DocumentExtractor {
        var copy = self
        copy.recogniser = recogniser.adding(brands: brands)
        return copy
    }

    /// The document's mentions resolved to entities, before relations (for tests and explain).
    public func resolve(_ text: String) -> ResolvedDocument { resolve(Segmenter.segment(text, simplifying: simplifier)) }

    func resolve(_ segmented: SegmentedText) -> ResolvedDocument {
        resolver.resolve(segmented, recogniser.recognise(segmented))
    }

    public func extract(_ document: Document) -> Graph { extractCounting(document).graph }

    /// The document's graph and how many articles the segmenter found in it. Edges for which
    /// `wantsEvidence` says no get their support counted but no evidence made (the corpus graph
    /// holds all the evidence it keeps for them already).
    public func extractCounting(_ document: Document, wantsEvidence: (EdgeKey) -> Bool = { _ in true }) -> (graph: Graph, articles: Int) {
        let extracted = extractCounting(document, linkingDivisions: true, wantsEvidence: { key, _ in wantsEvidence(key) })
        return (extracted.graph, extracted.articles)
    }

    /// The same, for a `wantsEvidence` that is also given the key's `byteHash`, with the listed
    /// places the graph names. Without `linkingDivisions`, the graph leaves out the chains of
    /// divisions above those places, for a caller that links the graph it merges them into once
    /// (`linkDivisions(of:places:)`).
    func extractCounting(
        _ document: Document, linkingDivisions: Bool,
        wantsEvidence: (EdgeKey, UInt64) -> Bool
    ) -> (graph: Graph, articles: Int, places: [PlaceIndex]) {
        let resolved = resolve(Segmenter.segment(document, simplifying: simplifier))
        let candidates = relations.relate(resolved)
        let places = listedPlaces(of: resolved)
        let graph = graph(
            of: resolved, candidates, doc: document.id, linkingDivisions: linkingDivisions, wantsEvidence: wantsEvidence)
        return (graph, resolved.segmented.articles.count, places)
    }

    /// Links the listed places of a merged graph up to the province, given as the documents named
    /// them (in the graph's order: `extractCounting(_:linkingDivisions:wantsEvidence:)`).
    func linkDivisions(of graph: inout Graph, places: [PlaceIndex]) {
        relations.chains.add(from: places, to: &graph)
    }

    /// Links every listed place of a merged graph up to the province, as each document's graph
    /// does for the places it names. The chains carry no evidence, mentions or documents, so
    /// linking the merged graph once gives the graph that merging every document's chains gave.
    public func linkDivisions(of graph: inout Graph) {
        // The graph may come from files: a listed place's entity has its code among its attributes
        // (a place no list holds has none), read back into the gazetteer's index here.
        let named = graph.entities.compactMap { $0.type == .place ? $0.attrs["code"].flatMap(gazetteer.placeIndex(code:)) : nil }
        relations.chains.add(from: named, to: &graph)
    }

    // MARK: Ids and graph

    func graph(
        of doc: ResolvedDocument, _ candidates: [RelationCandidate], doc docID: String, linkingDivisions: Bool = true,
        wantsEvidence: (EdgeKey, UInt64) -> Bool = { _, _ in true }
    ) -> Graph {
        // Candidates and entities are read in place, by index: copying one retains every string in it.
        let kept = candidates.indices.filter { candidates[$0].confidence >= minimumConfidence }
        let ids = entityIDs(doc, candidates, kept)
        var graph = Graph()
        // The administrative chains, when linked here, add a few places and part_of edges per place named.
        let chainRoom = linkingDivisions ? doc.entities.count : 0
        graph.reserveCapacity(entities: doc.entities.count + chainRoom, edges: kept.count + 2 * chainRoom)
        // The document's id looked up once for all its entities.
        let documents = DocumentList([docID])
        // Read in place: a subscript of the array would copy each entity out (retaining its every part).
        doc.entities.withUnsafeBufferPointer { entities in
            for i in entities.indices where !entities[i].mentions.isEmpty {
                graph.add(
                    Entity(
                        id: ids[i], type: type(of: entities[i].kind), name: entities[i].name,
                        aliases: entities[i].aliases, attrs: attributes(of: entities[i]), documents: documents,
                        mentions: entities[i].mentions.count))
            }
        }
        // The sentences of the evidence are written into one buffer that the pieces share, each
        // sentence once: the edges' keys are asked about first, noting the sentences needed in order.
        var asked: [(candidate: Int, keyHash: UInt64, withEvidence: Bool)] = []
        asked.reserveCapacity(kept.count)
        var placeOfSentence = [Int?](repeating: nil, count: doc.segmented.sentences.count)
        var sentencesNeeded: [Int] = []
        for k in kept {
            guard !doc.entities[candidates[k].subject].mentions.isEmpty, !doc.entities[candidates[k].object].mentions.isEmpty else { continue }
            // The key is hashed once, for the question and for the graph.
            let key = Edge(relation: candidates[k].relation, subject: ids[candidates[k].subject], object: ids[candidates[k].object]).key
            let keyHash = key.byteHash
            let withEvidence = wantsEvidence(key, keyHash)
            asked.append((k, keyHash, withEvidence))
            let sentence = candidates[k].sentence
            if withEvidence && placeOfSentence[sentence] == nil {
                placeOfSentence[sentence] = sentencesNeeded.count
                sentencesNeeded.append(sentence)
            }
        }
        let sentences = doc.segmented.sentencesUTF8(sentencesNeeded)
        for (k, keyHash, withEvidence) in asked {
            var edge = Edge(
                relation: candidates[k].relation, subject: ids[candidates[k].subject], object: ids[candidates[k].object],
                attrs: candidates[k].title.map { ["title": $0] } ?? [:], support: 1)
            if withEvidence {
                let original = doc.segmented.originalRange(candidates[k].span)
                let range = sentences.ranges[placeOfSentence[candidates[k].sentence]!]
                edge.evidence = [
                    Evidence(
                        doc: docID, start: original.lowerBound, end: original.upperBound,
                        sentence: TextSlice(sharing: sentences.bytes, range: range),
                        rule: candidates[k].rule.rawValue, confidence: candidates[k].confidence)
                ]
            }
            graph.add(edge, keyHash: keyHash)
        }
        if linkingDivisions {
            relations.chains.add(from: listedPlaces(of: doc), to: &graph)
        }
        return graph
    }

    /// The listed places among the document's entities, in their order.
    func listedPlaces(of doc: ResolvedDocument) -> [PlaceIndex] {
        doc.entities.indices.compactMap { doc.entities[$0].kind == .place && !doc.entities[$0].mentions.isEmpty ? doc.entities[$0].place : nil }
    }

    /// The entity's attributes as the graph stores them: a listed place's level and code, a place
    /// no list holds its level and `discovered`, an organisation's or programme's kind, a person's role.
    /// Inlined: a call would copy the entity out of the buffer the caller reads it in.
    @inline(__always)
    func attributes(of entity: ResolvedEntity) -> [String: String] {
        switch entity.kind {
        case .place:
            if let place = entity.place { return placeAttributes.of(place) }
            return ["level": (entity.level ?? .area).rawValue, "discovered": "true"]
        case .org, .programme: return entity.subkind.map { kindAttributes[$0] ?? ["kind": $0.name] } ?? [:]
        case .person: return entity.role.map { ["role": $0] } ?? [:]
        }
    }

    /// Places by division code; orgs by name and place; programmes and people by name and
    /// the place the document puts them in, so that namesakes elsewhere stay apart.
    func entityIDs(_ doc: ResolvedDocument, _ candidates: [RelationCandidate], _ kept: [Int]) -> [String] {
        // The place of the most confident located_in or role candidate (the first of equals) whose
        // object has one: one pass, where sorting the candidates by confidence moved every one.
        var located = [(confidence: Double, code: String)?](repeating: nil, count: doc.entities.count)
        for k in kept where candidates[k].relation == .locatedIn || candidates[k].relation == .role {
            let subject = candidates[k].subject
            let object = candidates[k].object
            let confidence = candidates[k].confidence
            guard located[subject].map({ confidence > $0.confidence }) ?? true,
                let code = doc.entities[object].code ?? doc.entities[object].placeCode
            else { continue }
            located[subject] = (confidence, code)
        }
        return doc.entities.indices.map { i in
            switch doc.entities[i].kind {
            case .place: return id("place:", doc.entities[i].code ?? doc.entities[i].name, at: nil)
            case .org: return id("org:", doc.entities[i].name, at: doc.entities[i].placeCode)
            case .programme: return id("programme:", doc.entities[i].name, at: doc.entities[i].placeCode ?? located[i]?.code)
            case .person: return id("person:", doc.entities[i].name, at: located[i]?.code)
            }
        }
    }

    /// `type:name` or `type:name@code`, written into one allocation (ids are made for every entity of every document).
    func id(_ type: StaticString, _ name: String, at code: String?) -> String {
        let length = type.utf8CodeUnitCount + name.utf8.count + (code.map { $0.utf8.count + 1 } ?? 0)
        return String(unsafeUninitializedCapacity: length) { id in
            var written = 0
            func append(_ bytes: some Collection<UInt8>) {
                written += UnsafeMutableBufferPointer(rebasing: id[written...]).initialize(fromContentsOf: bytes)
            }
            append(UnsafeBufferPointer(start: type.utf8Start, count: type.utf8CodeUnitCount))
            append(name.utf8)
            if let code {
                append(CollectionOfOne(UInt8(ascii: "@")))
                append(code.utf8)
            }
            return written
        }
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

/// The attributes of each listed place's entity, made when a document first names the place (or
/// a chain first reaches it) and shared by every document after: one dictionary per place instead
/// of one per place named, and a merge finds a place's attributes the same by identity.
final class PlaceAttributes: @unchecked Sendable {
    private let gazetteer: PlaceGazetteer
    private let lock = NSLock()
    /// By gazetteer index.
    private var made: [[String: String]?]

    init(gazetteer: PlaceGazetteer) {
        self.gazetteer = gazetteer
        made = Array(repeating: nil, count: gazetteer.places.count)
    }

    /// The place is read from the gazetteer only the first time: a copy of it retains its strings.
    func of(_ index: PlaceIndex) -> [String: String] {
        lock.lock()
        defer { lock.unlock() }
        if let known = made[index.position] { return known }
        let place = gazetteer[index]
        let attributes = ["level": place.level.rawValue, "code": place.code]
        made[index.position] = attributes
        return attributes
    }
}
