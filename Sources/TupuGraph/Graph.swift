import Foundation

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
    public var sentence: String
    public var rule: String
    public var confidence: Double

    public init(doc: String, start: Int, end: Int, sentence: String, rule: String, confidence: Double) {
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
    public var docs: [String]
    public var mentions: Int

    public init(id: String, type: EntityType, name: String, aliases: [String] = [],
                attrs: [String: String] = [:], docs: [String] = [], mentions: Int = 1) {
        self.id = id
        self.type = type
        self.name = name
        self.aliases = Entity.distinctSorted(aliases, without: name)
        self.attrs = attrs
        self.docs = Entity.distinctSorted(docs)
        self.mentions = mentions
    }

    /// Folds another sighting of the same entity into this one. The first name wins;
    /// a different name becomes an alias; attributes already set are kept.
    mutating func absorb(_ other: Entity) {
        for alias in other.aliases where !alias.sameBytes(as: name) { Entity.insertSorted(alias, into: &aliases) }
        if !other.name.sameBytes(as: name) { Entity.insertSorted(other.name, into: &aliases) }
        for (key, value) in other.attrs where attrs[key] == nil { attrs[key] = value }
        for doc in other.docs { Entity.insertSorted(doc, into: &docs) }
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
        var low = 0, high = array.count
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

    public init(relation: Relation, subject: String, object: String,
                attrs: [String: String] = [:], evidence: [Evidence] = [], support: Int? = nil) {
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
    private var entityIndex: [Hashed<String>: Int] = [:]
    private var edgeIndex: [Hashed<EdgeKey>: Int] = [:]
    /// Hash of each entity's id and each edge's key, in `entities` and `edges` order, so that
    /// merging a document's graph into the corpus graph does not hash its Chinese ids again.
    private var entityHashes: [Int] = []
    private var edgeHashes: [Int] = []

    public init() {}

    public init(entities: [Entity], edges: [Edge]) {
        for entity in entities { add(entity) }
        for edge in edges { add(edge) }
    }

    public var isEmpty: Bool { entities.isEmpty && edges.isEmpty }

    /// Room for this many entities and edges: growing an index re-hashes every id in it.
    public mutating func reserveCapacity(entities entityCount: Int, edges edgeCount: Int) {
        entities.reserveCapacity(entityCount)
        entityHashes.reserveCapacity(entityCount)
        entityIndex.reserveCapacity(entityCount)
        edges.reserveCapacity(edgeCount)
        edgeHashes.reserveCapacity(edgeCount)
        edgeIndex.reserveCapacity(edgeCount)
    }

    public func entity(id: String) -> Entity? {
        entityIndex[Hashed(id)].map { entities[$0] }
    }

    public func edge(_ key: EdgeKey) -> Edge? {
        edgeIndex[Hashed(key)].map { edges[$0] }
    }

    public mutating func add(_ entity: Entity) {
        add(entity, id: Hashed(entity.id))
    }

    private mutating func add(_ entity: Entity, id: Hashed<String>) {
        let index = Graph.slot(for: id, in: &entityIndex, next: entities.count)
        if index < entities.count {
            entities[index].absorb(entity)
        } else {
            entities.append(entity)
            entityHashes.append(id.hash)
        }
    }

    /// The index stored for `key`, or `next` stored and returned when there is none: one
    /// hash-table probe where a lookup followed by an insert made two.
    private static func slot<Key: Hashable>(for key: Key, in index: inout [Key: Int], next: Int) -> Int {
        func claim(_ stored: inout Int) -> Int {
            if stored < 0 { stored = next }
            return stored
        }
        return claim(&index[key, default: -1])
    }

    public mutating func add(_ edge: Edge) {
        add(edge, key: Hashed(edge.key))
    }

    /// Adds or merges the edge; true when this filled its evidence to the limit.
    @discardableResult
    private mutating func add(_ edge: Edge, key: Hashed<EdgeKey>) -> Bool {
        let index = Graph.slot(for: key, in: &edgeIndex, next: edges.count)
        guard index < edges.count else {
            edgeHashes.append(key.hash)
            var fresh = edge
            if fresh.evidence.count > Graph.evidenceLimit {
                fresh.evidence.removeLast(fresh.evidence.count - Graph.evidenceLimit)
            }
            edges.append(fresh)
            return fresh.evidence.count == Graph.evidenceLimit
        }
        edges[index].support += edge.support
        for (key, value) in edge.attrs where edges[index].attrs[key] == nil {
            edges[index].attrs[key] = value
        }
        let before = edges[index].evidence.count
        for piece in edge.evidence where edges[index].evidence.count < Graph.evidenceLimit {
            if !edges[index].evidence.contains(piece) { edges[index].evidence.append(piece) }
        }
        return before < Graph.evidenceLimit && edges[index].evidence.count == Graph.evidenceLimit
    }

    /// Adds every entity and edge of `other`. `filled` hears of each edge whose evidence this
    /// merge filled: evidence merged into it later is dropped, so readers can stop making it.
    public mutating func merge(_ other: Graph, filled: (EdgeKey) -> Void = { _ in }) {
        // Merging into nothing is a copy: `other` already holds distinct ids and capped evidence.
        if isEmpty {
            self = other
            for edge in edges where edge.evidence.count == Graph.evidenceLimit { filled(edge.key) }
            return
        }
        for (entity, hash) in zip(other.entities, other.entityHashes) { add(entity, id: Hashed(entity.id, hash: hash)) }
        for (edge, hash) in zip(other.edges, other.edgeHashes) where add(edge, key: Hashed(edge.key, hash: hash)) {
            filled(edge.key)
        }
    }

    /// Entities sorted by id and edges by (relation, subject, object): a stable file order.
    public func sorted() -> Graph {
        var copy = Graph()
        for entity in entities.sorted(by: { $0.id < $1.id }) { copy.add(entity) }
        for edge in edges.sorted(by: { $0.key < $1.key }) { copy.add(edge) }
        return copy
    }

    public func count(of type: EntityType) -> Int { entities.reduce(0) { $0 + ($1.type == type ? 1 : 0) } }
    public func count(of relation: Relation) -> Int { edges.reduce(0) { $0 + ($1.relation == relation ? 1 : 0) } }
}

/// A key with its hash computed once and kept: equal keys have equal hashes, so comparing the
/// stored hashes first and the keys only on a match keeps `Hashable`'s contract. Hash and
/// equality read the ids' UTF-8 bytes: `String`'s own hash and `==` normalise non-ASCII text
/// scalar by scalar, and ids are Chinese.
struct Hashed<Key: ByteKey>: Hashable, Sendable {
    let key: Key
    let hash: Int

    init(_ key: Key) { self.init(key, hash: Int(truncatingIfNeeded: key.byteHash)) }

    init(_ key: Key, hash: Int) {
        self.key = key
        self.hash = hash
    }

    static func == (a: Hashed, b: Hashed) -> Bool { a.hash == b.hash && a.key.sameBytes(as: b.key) }
    func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

protocol ByteKey: Sendable {
    /// A hash of the key's bytes. Dictionaries still feed it through their seeded `Hasher`.
    var byteHash: UInt64 { get }
    func sameBytes(as other: Self) -> Bool
}

/// Multiply-and-fold over eight bytes at a time: several times cheaper than `Hasher` on ids
/// of a few dozen bytes, and the dictionary's own seeded hash of the result still spreads it.
@inline(__always)
func foldBytes(_ bytes: UnsafeBufferPointer<UInt8>, into seed: UInt64) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var hash = (seed ^ UInt64(bytes.count)) &* multiplier
    guard let base = bytes.baseAddress else { return hash }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= bytes.count {
        hash = (hash ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* multiplier
        hash ^= hash >> 29
        i += 8
    }
    var tail: UInt64 = 0
    while i < bytes.count {
        tail = tail << 8 | UInt64(bytes[i])
        i += 1
    }
    hash = (hash ^ tail) &* multiplier
    return hash ^ (hash >> 32)
}

extension String: ByteKey {
    var byteHash: UInt64 { hashed(into: 0) }

    /// The length goes into the hash too: ("ab","c") and ("a","bc") differ.
    func hashed(into seed: UInt64) -> UInt64 {
        var text = self
        return text.withUTF8 { foldBytes($0, into: seed) }
    }

    /// Byte order of the UTF-8: `String`'s own order for the NFC text names and ids are made
    /// of, without its scalar-by-scalar normalising comparison of Chinese.
    func precedesByUTF8(_ other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { a in
            b.withUTF8 { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }

    func sameBytes(as other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { a in
            b.withUTF8 { b in a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }
}

extension EdgeKey: ByteKey {
    var byteHash: UInt64 {
        object.hashed(into: subject.hashed(into: UInt64(Relation.allCases.firstIndex(of: relation)!)))
    }

    func sameBytes(as other: EdgeKey) -> Bool {
        relation == other.relation && subject.sameBytes(as: other.subject) && object.sameBytes(as: other.object)
    }
}
