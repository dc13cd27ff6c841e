import Foundation
import TupuKit

/// The typed, evidenced knowledge graph. It knows entity types, relations and
/// evidence, and nothing about the language the evidence is written in.

public enum EntityType: String, Sendable, Hashable, CaseIterable, Comparable {
    case place, org, programme, person

    public static func < (a: EntityType, b: EntityType) -> Bool { a.rawValue < b.rawValue }
}

public enum Relation: String, Sendable, Hashable, CaseIterable, Comparable {
    case runs
    case locatedIn = "located_in"
    case partOf = "part_of"
    case partner
    case memberOf = "member_of"
    case role

    /// `partner` has no direction: the graph stores it once, with the smaller id as subject.
    public var isSymmetric: Bool { self == .partner }

    public static func < (a: Relation, b: Relation) -> Bool { a.rawValue < b.rawValue }
}

/// Where a fact was read: a document, a code-point span, the sentence, the rule that fired.
public struct Evidence: Sendable, Hashable {
    /// Base name of the file (or the JSON Lines document id).
    public var doc: String
    /// Unicode scalar (code point) offsets into the document's text, end exclusive.
    public var start: Int
    public var end: Int
    /// The sentence as read (a document's sentences share one buffer while the graph is built).
    public var sentence: TextSlice
    public var rule: String
    public var confidence: Double

    public init(doc: String, start: Int, end: Int, sentence: String, rule: String, confidence: Double) {
        self.init(doc: doc, start: start, end: end, sentence: TextSlice(sentence), rule: rule, confidence: confidence)
    }

    public init(doc: String, start: Int, end: Int, sentence: TextSlice, rule: String, confidence: Double) {
        self.doc = doc
        self.start = start
        self.end = end
        self.sentence = sentence
        self.rule = rule
        self.confidence = confidence
    }
}

public struct Entity: Sendable {
    public let id: String
    public var type: EntityType
    public var name: String
    /// Other surface forms, sorted, without `name`.
    public var aliases: [String]
    public var attrs: [String: String]
    /// Documents (base names) that mention the entity, sorted.
    public var docs: DocumentList
    public var mentions: Int

    public init(
        id: String, type: EntityType, name: String, aliases: [String] = [],
        attrs: [String: String] = [:], docs: [String] = [], mentions: Int = 1
    ) {
        self.init(id: id, type: type, name: name, aliases: aliases, attrs: attrs, documents: DocumentList(docs), mentions: mentions)
    }

    /// `init`, with the documents as a list already made (one made for a document and shared by its entities).
    package init(
        id: String, type: EntityType, name: String, aliases: [String] = [], attrs: [String: String] = [:],
        documents: DocumentList, mentions: Int = 1
    ) {
        self.id = id
        self.type = type
        self.name = name
        self.aliases = Entity.distinctSorted(aliases, without: name)
        self.attrs = attrs
        self.docs = documents
        self.mentions = mentions
    }

    /// Folds another sighting of the same entity into this one. The first name wins;
    /// a different name becomes an alias; attributes already set are kept.
    mutating func absorb(_ other: Entity) {
        for alias in other.aliases where !alias.sameBytes(as: name) { Entity.insertSorted(alias, into: &aliases) }
        if !other.name.sameBytes(as: name) { Entity.insertSorted(other.name, into: &aliases) }
        // Equal attributes (a listed place's, shared by every document) add nothing: compared by identity first.
        if attrs != other.attrs {
            for (key, value) in other.attrs where attrs[key] == nil { attrs[key] = value }
        }
        docs.formUnion(other.docs)
        mentions += other.mentions
    }

    /// Sorted, duplicates dropped: a sort and one pass, where a `Set` would hash every string.
    /// Order and equality are those of the UTF-8 bytes (see `String.precedesByUTF8`).
    static func distinctSorted(_ values: [String], without excluded: String? = nil) -> [String] {
        if values.count == 1 { return excluded.map(values[0].sameBytes) == true ? [] : values }
        var result: [String] = []
        result.reserveCapacity(values.count)
        for value in values.sorted(by: { $0.precedesByUTF8($1) })
        where !(excluded.map(value.sameBytes) ?? false) && !(result.last.map(value.sameBytes) ?? false) {
            result.append(value)
        }
        return result
    }

    /// Keeps a sorted array of distinct strings: merging costs a binary search, not a rebuild.
    static func insertSorted(_ value: String, into array: inout [String]) {
        // Documents mostly arrive in order: then the new one goes last, without a search.
        if let last = array.last, last.precedesByUTF8(value) {
            array.append(value)
            return
        }
        var low = 0
        var high = array.count
        while low < high {
            let middle = (low + high) / 2
            if array[middle].precedesByUTF8(value) { low = middle + 1 } else { high = middle }
        }
        if low < array.count && array[low].sameBytes(as: value) { return }
        array.insert(value, at: low)
    }
}

public struct Edge: Sendable {
    public var relation: Relation
    public var subject: String
    public var object: String
    public var attrs: [String: String]
    /// The first `Graph.evidenceLimit` pieces of evidence, in the order they were read.
    public var evidence: [Evidence]
    /// How many pieces of evidence support the edge in all (kept and dropped).
    public var support: Int

    public init(
        relation: Relation, subject: String, object: String,
        attrs: [String: String] = [:], evidence: [Evidence] = [], support: Int? = nil
    ) {
        if relation.isSymmetric && object < subject {
            self.subject = object
            self.object = subject
        } else {
            self.subject = subject
            self.object = object
        }
        self.relation = relation
        self.attrs = attrs
        self.evidence = evidence
        self.support = support ?? evidence.count
    }

    public var key: EdgeKey { EdgeKey(relation: relation, subject: subject, object: object) }
}

public struct EdgeKey: Hashable, Sendable, Comparable {
    public var relation: Relation
    public var subject: String
    public var object: String

    public init(relation: Relation, subject: String, object: String) {
        self.relation = relation
        self.subject = subject
        self.object = object
    }

    /// Ids are compared and hashed as UTF-8 bytes, like the graph's own indexes.
    public static func == (a: EdgeKey, b: EdgeKey) -> Bool { a.sameBytes(as: b) }
    public func hash(into hasher: inout Hasher) { hasher.combine(byteHash) }

    public static func < (a: EdgeKey, b: EdgeKey) -> Bool {
        (a.relation, a.subject, a.object) < (b.relation, b.subject, b.object)
    }
}

/// Entities and edges, merged by id and by (relation, subject, object).
/// Memory grows with the graph, not with the corpus: an edge keeps at most
/// `evidenceLimit` pieces of evidence and counts the rest in `support`.
public struct Graph: Sendable {
    public static let evidenceLimit = 8

    public private(set) var entities: [Entity] = []
    public private(set) var edges: [Edge] = []
    private var entityIndex = HashSlots()
    private var edgeIndex = HashSlots()
    /// Hash of each entity's id and each edge's key, in `entities` and `edges` order, so that
    /// merging a document's graph into the corpus graph does not hash its Chinese ids again.
    private var entityHashes: [UInt64] = []
    private var edgeHashes: [UInt64] = []
    /// The positions in `entities` of each edge's subject and object (two per edge), when the
    /// reader knew them (a sidecar stores them); nil once an edge is added without them.
    package private(set) var edgeEnds: [UInt32]?
    /// The documents the edges' evidence names, when the reader counted them (a sidecar numbers
    /// them as it reads); nil once an edge is added or merged.
    package var evidenceDocuments: DocumentSet?

    public init() {}

    public init(entities: [Entity], edges: [Edge]) {
        for entity in entities { add(entity) }
        for edge in edges { add(edge) }
    }

    public var isEmpty: Bool { entities.isEmpty && edges.isEmpty }

    /// Room for this many entities and edges without growing the indexes.
    public mutating func reserveCapacity(entities entityCount: Int, edges edgeCount: Int) {
        entities.reserveCapacity(entityCount)
        entityHashes.reserveCapacity(entityCount)
        entityIndex.reserveCapacity(entityCount)
        edges.reserveCapacity(edgeCount)
        edgeHashes.reserveCapacity(edgeCount)
        edgeIndex.reserveCapacity(edgeCount)
    }

    public func entity(id: String) -> Entity? {
        entityPosition(of: id).map { entities[$0] }
    }

    /// The id of the entity whose id has these bytes: the graph's own string, to share.
    package func entityID(sameAs id: String) -> String? {
        entityPosition(of: id).map { entities[$0].id }
    }

    /// Where the entity with this id sits in `entities`.
    package func position(ofEntity id: String) -> Int? {
        entityPosition(of: id)
    }

    public func edge(_ key: EdgeKey) -> Edge? {
        edgePosition(of: key).map { edges[$0] }
    }

    func edgePosition(of key: EdgeKey) -> Int? {
        edgeIndex.find(hash: key.byteHash) { edges[$0].key.sameBytes(as: key) }
    }

    public mutating func add(_ entity: Entity) {
        add(entity, hash: entity.id.byteHash)
    }

    /// `add(_:)` for a caller that has hashed the entity's id already (`String.byteHash`).
    package mutating func add(_ entity: Entity, idHash: UInt64) {
        add(entity, hash: idHash)
    }

    private mutating func add(_ entity: consuming Entity, hash: UInt64) {
        // The id apart, so that a new entity moves into the array rather than being copied in.
        let id = entity.id
        let index = entityIndex.findOrInsert(hash: hash, position: entities.count) { entities[$0].id.sameBytes(as: id) }
        if index < entities.count {
            entities[index].absorb(entity)
        } else {
            entities.append(consume entity)
            entityHashes.append(hash)
        }
    }

    public mutating func add(_ edge: Edge) {
        add(edge, hash: edge.key.byteHash)
    }

    /// `add(_:)` for a caller that has hashed the edge's key already (`EdgeKey.byteHash`).
    package mutating func add(_ edge: Edge, keyHash: UInt64) {
        add(edge, hash: keyHash)
    }

    /// `add(_:keyHash:)` for an edge whose key no edge of the graph has and whose ends are the
    /// entities at these positions (a sidecar's edges: distinct, their ends known).
    package mutating func add(distinct edge: Edge, keyHash: UInt64, subject: Int, object: Int) {
        // Taken out while the edge goes in (which forgets the ends), so that it grows in place.
        var ends = edgeEnds ?? (edges.isEmpty ? [] : nil)
        edgeEnds = nil
        let before = edges.count
        add(edge, hash: keyHash)
        guard edges.count == before + 1, ends != nil else { return }
        ends!.append(UInt32(subject))
        ends!.append(UInt32(object))
        edgeEnds = ends
    }

    /// The entity positions of edge `i`'s subject and object (nil for an end that is no entity's id).
    package func endPositions(ofEdge i: Int) -> (subject: Int?, object: Int?) {
        if let ends = edgeEnds { return (Int(ends[2 * i]), Int(ends[2 * i + 1])) }
        return edges.withUnsafeBufferPointer { edges in
            (entityPosition(of: edges[i].subject), entityPosition(of: edges[i].object))
        }
    }

    /// Adds or merges the edge; its position when this filled its evidence to the limit.
    @discardableResult
    private mutating func add(_ edge: consuming Edge, hash: UInt64) -> Int? {
        evidenceDocuments = nil
        let index = edgeIndex.findOrInsert(hash: hash, position: edges.count) {
            edges[$0].relation == edge.relation && edges[$0].subject.sameBytes(as: edge.subject) && edges[$0].object.sameBytes(as: edge.object)
        }
        guard index < edges.count else {
            edgeEnds = nil
            edgeHashes.append(hash)
            var fresh = consume edge
            if fresh.evidence.count > Graph.evidenceLimit {
                fresh.evidence.removeLast(fresh.evidence.count - Graph.evidenceLimit)
            }
            let full = fresh.evidence.count == Graph.evidenceLimit
            edges.append(consume fresh)
            return full ? edges.count - 1 : nil
        }
        edges[index].support += edge.support
        if edges[index].attrs != edge.attrs {
            for (key, value) in edge.attrs where edges[index].attrs[key] == nil {
                edges[index].attrs[key] = value
            }
        }
        let before = edges[index].evidence.count
        for piece in edge.evidence where edges[index].evidence.count < Graph.evidenceLimit {
            if !edges[index].evidence.contains(piece) { edges[index].evidence.append(piece) }
        }
        return before < Graph.evidenceLimit && edges[index].evidence.count == Graph.evidenceLimit ? index : nil
    }

    /// Adds every entity and edge of `other`. `filled` hears of each edge whose evidence this
    /// merge filled: evidence merged into it later is dropped, so readers can stop making it.
    public mutating func merge(_ other: consuming Graph, filled: (EdgeKey) -> Void = { _ in }) {
        // Merging into nothing is a copy: `other` already holds distinct ids and capped evidence.
        if isEmpty {
            self = other
            for edge in edges where edge.evidence.count == Graph.evidenceLimit { filled(edge.key) }
            return
        }
        // Taken over from the end, each entity and edge moved rather than copied (a copy retains
        // every string in it). The order within one graph does not matter: its ids and keys are
        // distinct, and the file and exports sort them.
        var other = consume other
        while let entity = other.entities.popLast() { add(entity, hash: other.entityHashes.removeLast()) }
        while let edge = other.edges.popLast() {
            if let position = add(edge, hash: other.edgeHashes.removeLast()) { filled(edges[position].key) }
        }
    }

    /// Positions of the entities in id order: the graph file's order, and every export's.
    /// Sorted indices, not a sorted copy, so that writing never holds the graph twice.
    public func entityOrder() -> [Int] {
        var keys = SortKeys(capacity: entities.count)
        entities.withUnsafeBufferPointer { entities in
            for entity in entities {
                keys.append(entity.id)
                keys.endKey()
            }
        }
        return keys.order()
    }

    /// Positions of the edges (all, or those given) in (relation, subject, object) order. An edge's
    /// ends are ranked by their entities' places in id order (`entityOrder`, worked out if not
    /// given): each key is three small numbers, where spelling the ids out and comparing their
    /// bytes cost more than the rest of writing a large graph.
    public func edgeOrder(among positions: [Int]? = nil, entityOrder: [Int]? = nil) -> [Int] {
        let positions = positions ?? Array(edges.indices)
        guard entities.count < 1 << 29 else { return edgeOrderByBytes(positions) }
        var rankOfEntity = [Int32](repeating: 0, count: entities.count)
        for (rank, entity) in (entityOrder ?? self.entityOrder()).enumerated() { rankOfEntity[entity] = Int32(rank) }
        let relations = Relation.allCases.sorted()
        // Each key beside its position, sorted as pairs: no two edges have one key, so the key alone orders them.
        var keyed: [(key: UInt64, position: Int)] = []
        keyed.reserveCapacity(positions.count)
        for position in positions {
            // An end that is no entity's id (a graph assembled by hand) leaves only its bytes to compare.
            let ends = endPositions(ofEdge: position)
            guard let subject = ends.subject, let object = ends.object else { return edgeOrderByBytes(positions) }
            let relation = UInt64(relations.firstIndex(of: edges[position].relation)!)
            keyed.append((relation << 58 | UInt64(rankOfEntity[subject]) << 29 | UInt64(rankOfEntity[object]), position))
        }
        keyed.sort { $0.key < $1.key }
        return keyed.map(\.position)
    }

    func entityPosition(of id: String) -> Int? {
        let hash = id.byteHash
        // The id read in place: a subscript of the array would copy the entity (a retain of each of its parts).
        return entities.withUnsafeBufferPointer { entities in
            entityIndex.find(hash: hash) { entities[$0].id.sameBytes(as: id) }
        }
    }

    /// The same order from the ids' bytes.
    private func edgeOrderByBytes(_ positions: [Int]) -> [Int] {
        var keys = SortKeys(capacity: positions.count)
        // Read in place through the buffer: an edge copied out would retain its every string.
        edges.withUnsafeBufferPointer { edges in
            for position in positions {
                keys.append(edges[position].relation.rawValue)
                keys.append(edges[position].subject)
                keys.append(edges[position].object)
                keys.endKey()
            }
        }
        return keys.order().map { positions[$0] }
    }

    // Read in place: `reduce` would copy each entity and edge out (a retain and a release of each of their parts).
    public func count(of type: EntityType) -> Int {
        entities.withUnsafeBufferPointer { entities in entities.indices.reduce(0) { $0 + (entities[$1].type == type ? 1 : 0) } }
    }

    public func count(of relation: Relation) -> Int {
        edges.withUnsafeBufferPointer { edges in edges.indices.reduce(0) { $0 + (edges[$1].relation == relation ? 1 : 0) } }
    }
}

/// Edge keys found by their byte hash, as the graph finds its edges: for a caller that asks
/// about many keys it has hashed already, where a `Set` would hash each one again.
package struct EdgeKeySet: Sendable {
    private var keys: [EdgeKey] = []
    private var index = HashSlots()

    package init() {}

    package mutating func insert(_ key: EdgeKey, hash: UInt64) {
        if index.findOrInsert(hash: hash, position: keys.count, matches: { keys[$0].sameBytes(as: key) }) == keys.count {
            keys.append(key)
        }
    }

    package func contains(_ key: EdgeKey, hash: UInt64) -> Bool {
        index.find(hash: hash) { keys[$0].sameBytes(as: key) } != nil
    }
}

/// Distinct strings found by their byte hash (`String.byteHash`), compared by their bytes:
/// counting a large graph's documents, where a `Set` hashes every Chinese name with `Hasher`.
package struct StringSet: Sendable {
    private var members: [String] = []
    private var index = HashSlots()

    package init() {}

    package var count: Int { members.count }

    package mutating func insert(_ string: String) {
        if index.findOrInsert(hash: string.byteHash, position: members.count, matches: { members[$0].sameBytes(as: string) }) == members.count {
            members.append(string)
        }
    }
}

extension EdgeKey {
    /// The hash the graph indexes the edge by.
    package var byteHash: UInt64 {
        object.byteHash(seed: subject.byteHash(seed: UInt64(Relation.allCases.firstIndex(of: relation)!)))
    }

    func sameBytes(as other: EdgeKey) -> Bool {
        relation == other.relation && subject.sameBytes(as: other.subject) && object.sameBytes(as: other.object)
    }
}
