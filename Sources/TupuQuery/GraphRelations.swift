import Datalog
import TupuGraph

/// What a column holds, so that names in queries are resolved only where an entity id belongs.
public enum ColumnKind: String, Sendable {
    /// An entity id (`place:330481`, `org:…`): printed as the entity's name.
    case entity
    /// Free text such as a name, a title, a document or a level.
    case text
    case number
}

public struct Column: Sendable, Hashable {
    public let name: String
    public let kind: ColumnKind
    public init(_ name: String, _ kind: ColumnKind) {
        self.name = name
        self.kind = kind
    }
}

/// One relation's signature and a one-line description for `:schema` and the README.
public struct RelationSchema: Sendable {
    public let name: String
    public let columns: [Column]
    public let summary: String

    public var arity: Int { columns.count }

    /// `runs(runner, programme)`: the form users see in `:relations` and errors.
    public var signature: String { "\(name)(\(columns.map(\.name).joined(separator: ", ")))" }

    /// A Soufflé declaration, `.decl runs(runner: symbol, programme: symbol)`.
    public var declaration: String {
        let cols = columns.map { "\($0.name): \($0.kind == .number ? "number" : "symbol")" }
        return ".decl \(name)(\(cols.joined(separator: ", ")))"
    }
}

/// The graph as base relations: every entity and edge becomes facts; ids stay ids.
public struct GraphRelations: Sendable {
    public static let schemas: [RelationSchema] = [
        RelationSchema(name: "entity", columns: [Column("id", .entity), Column("type", .text), Column("name", .text)],
                       summary: "every entity; type is place, org, programme or person"),
        RelationSchema(name: "alias", columns: [Column("id", .entity), Column("name", .text)],
                       summary: "other surface forms of an entity (not its name)"),
        RelationSchema(name: "attr", columns: [Column("id", .entity), Column("key", .text), Column("value", .text)],
                       summary: "entity attributes such as kind, level, role"),
        RelationSchema(name: "place", columns: [Column("id", .entity), Column("level", .text), Column("code", .text)],
                       summary: "places: level province|city|county|township|village|area, the division code or \"\""),
        RelationSchema(name: "runs", columns: [Column("runner", .entity), Column("programme", .entity)],
                       summary: "an org, place or person runs a programme"),
        RelationSchema(name: "located_in", columns: [Column("x", .entity), Column("place", .entity)],
                       summary: "an org or programme is in a place (the most specific one stated)"),
        RelationSchema(name: "part_of", columns: [Column("place", .entity), Column("parent", .entity)],
                       summary: "the direct administrative parent of a place"),
        RelationSchema(name: "partner", columns: [Column("a", .entity), Column("b", .entity)],
                       summary: "two orgs or places cooperate; holds in both directions"),
        RelationSchema(name: "member_of", columns: [Column("x", .entity), Column("group", .entity)],
                       summary: "an org belongs to an alliance or a parent org"),
        RelationSchema(name: "role", columns: [Column("person", .entity), Column("org", .entity), Column("title", .text)],
                       summary: "a person holds a position (title may be \"\") at an org or place"),
        RelationSchema(name: "mentioned_in", columns: [Column("id", .entity), Column("doc", .text)],
                       summary: "a document that mentions the entity"),
        RelationSchema(name: "evidence", columns: [Column("subject", .entity), Column("relation", .text), Column("object", .entity),
                                                   Column("doc", .text), Column("start", .number), Column("end", .number)],
                       summary: "where an edge was read: document and code-point span (partner in both directions)"),
        RelationSchema(name: "evidence_sentence", columns: [Column("subject", .entity), Column("relation", .text), Column("object", .entity),
                                                            Column("sentence", .text)],
                       summary: "the sentence each piece of evidence was read from"),
    ]

    public static func schema(named name: String) -> RelationSchema? {
        schemas.first { $0.name == name }
    }

    /// Facts per relation name, in graph order.
    public private(set) var facts: [String: [[Value]]] = [:]

    public init(_ graph: Graph) {
        for schema in Self.schemas { facts[schema.name] = [] }
        for entity in graph.entities { addFacts(of: entity) }
        for edge in graph.edges { addFacts(of: edge, in: graph) }
    }

    private mutating func add(_ relation: String, _ row: [Value]) {
        facts[relation, default: []].append(row)
    }

    private mutating func addFacts(of entity: Entity) {
        let id = Value.symbol(entity.id)
        add("entity", [id, .symbol(entity.type.rawValue), .symbol(entity.name)])
        for alias in entity.aliases { add("alias", [id, .symbol(alias)]) }
        for key in entity.attrs.keys.sorted() { add("attr", [id, .symbol(key), .symbol(entity.attrs[key]!)]) }
        for doc in entity.docs { add("mentioned_in", [id, .symbol(doc)]) }
        if entity.type == .place {
            add("place", [id, .symbol(entity.attrs["level"] ?? ""), .symbol(Self.divisionCode(of: entity))])
        }
    }

    /// The code attribute, else the digits of an id like `place:330481`, else "".
    static func divisionCode(of entity: Entity) -> String {
        if let code = entity.attrs["code"] { return code }
        let suffix = entity.id.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
        return !suffix.isEmpty && suffix.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) ? suffix : ""
    }

    private mutating func addFacts(of edge: Edge, in graph: Graph) {
        let s = Value.symbol(edge.subject), o = Value.symbol(edge.object)
        switch edge.relation {
        case .runs: add("runs", [s, o])
        case .locatedIn: add("located_in", [s, o])
        case .partOf: add("part_of", [s, o])
        case .memberOf: add("member_of", [s, o])
        case .partner:
            add("partner", [s, o])
            if edge.subject != edge.object { add("partner", [o, s]) }
        case .role:
            let title = edge.attrs["title"] ?? graph.entity(id: edge.subject)?.attrs["role"] ?? ""
            add("role", [s, o, .symbol(title)])
        }
        let relation = Value.symbol(edge.relation.rawValue)
        for piece in edge.evidence {
            for (a, b) in edge.relation.isSymmetric && edge.subject != edge.object ? [(s, o), (o, s)] : [(s, o)] {
                add("evidence", [a, relation, b, .symbol(piece.doc), .number(piece.start), .number(piece.end)])
                add("evidence_sentence", [a, relation, b, .symbol(piece.sentence)])
            }
        }
    }
}
