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
        RelationSchema(
            name: "entity", columns: [Column("id", .entity), Column("type", .text), Column("name", .text)],
            summary: "every entity; type is place, org, programme or person"),
        RelationSchema(
            name: "alias", columns: [Column("id", .entity), Column("name", .text)],
            summary: "other surface forms of an entity (not its name)"),
        RelationSchema(
            name: "attr", columns: [Column("id", .entity), Column("key", .text), Column("value", .text)],
            summary: "entity attributes such as kind, level, role"),
        RelationSchema(
            name: "place", columns: [Column("id", .entity), Column("level", .text), Column("code", .text)],
            summary: "places: level province|city|county|township|village|area, the division code or \"\""),
        RelationSchema(
            name: "runs", columns: [Column("runner", .entity), Column("programme", .entity)],
            summary: "an org, place or person runs a programme"),
        RelationSchema(
            name: "located_in", columns: [Column("x", .entity), Column("place", .entity)],
            summary: "an org or programme is in a place (the most specific one stated)"),
        RelationSchema(
            name: "part_of", columns: [Column("place", .entity), Column("parent", .entity)],
            summary: "the direct administrative parent of a place"),
        RelationSchema(
            name: "partner", columns: [Column("a", .entity), Column("b", .entity)],
            summary: "two orgs or places cooperate; holds in both directions"),
        RelationSchema(
            name: "member_of", columns: [Column("x", .entity), Column("group", .entity)],
            summary: "an org belongs to an alliance or a parent org"),
        RelationSchema(
            name: "role", columns: [Column("person", .entity), Column("org", .entity), Column("title", .text)],
            summary: "a person holds a position (title may be \"\") at an org or place"),
        RelationSchema(
            name: "mentioned_in", columns: [Column("id", .entity), Column("doc", .text)],
            summary: "a document that mentions the entity"),
        RelationSchema(
            name: "evidence",
            columns: [
                Column("subject", .entity), Column("relation", .text), Column("object", .entity),
                Column("doc", .text), Column("start", .number), Column("end", .number)
            ],
            summary: "where an edge was read: document and code-point span (partner in both directions)"),
        RelationSchema(
            name: "evidence_sentence",
            columns: [
                Column("subject", .entity), Column("relation", .text), Column("object", .entity),
                Column("sentence", .text)
            ],
            summary: "the sentence each piece of evidence was read from")
    ]

    public static func schema(named name: String) -> RelationSchema? {
        schemas.first { $0.name == name }
    }

    /// Facts per relation name, in graph order.
    public private(set) var facts: [String: [[Value]]] = [:]

    public init(_ graph: Graph) {
        Self.forEachRelation(of: graph) { name, rows in facts[name] = rows }
    }

    /// Each relation's facts in turn, in graph order: a caller that hands them on (to the engine)
    /// holds one relation's rows at a time, not all of them, over a graph of a million entities.
    /// `only`: those relations (nil: all).
    public static func forEachRelation(of graph: Graph, only: Set<String>? = nil, _ body: (String, [[Value]]) throws -> Void) rethrows {
        // The relation names and types as terms, made once: each row holds the same string.
        let types = Dictionary(uniqueKeysWithValues: EntityType.allCases.map { ($0, Value.symbol($0.rawValue)) })
        let relations = Dictionary(uniqueKeysWithValues: Relation.allCases.map { ($0, Value.symbol($0.rawValue)) })
        for schema in schemas where only?.contains(schema.name) ?? true {
            var rows: [[Value]] = []
            func add(_ row: [Value]) { rows.append(row) }
            switch schema.name {
            case "entity":
                rows.reserveCapacity(graph.entities.count)
                for entity in graph.entities { add([.symbol(entity.id), types[entity.type]!, .symbol(entity.name)]) }
            case "alias":
                for entity in graph.entities { for alias in entity.aliases { add([.symbol(entity.id), .symbol(alias)]) } }
            case "attr":
                for entity in graph.entities {
                    for (key, value) in entity.attrs.sorted(by: { $0.key < $1.key }) { add([.symbol(entity.id), .symbol(key), .symbol(value)]) }
                }
            case "mentioned_in":
                for entity in graph.entities { for doc in entity.docs { add([.symbol(entity.id), .symbol(doc)]) } }
            case "place":
                for entity in graph.entities where entity.type == .place {
                    add([.symbol(entity.id), .symbol(entity.attrs["level"] ?? ""), .symbol(divisionCode(of: entity))])
                }
            case "role":
                for edge in graph.edges where edge.relation == .role {
                    let title = edge.attrs["title"] ?? graph.entity(id: edge.subject)?.attrs["role"] ?? ""
                    add([.symbol(edge.subject), .symbol(edge.object), .symbol(title)])
                }
            case "partner":
                for edge in graph.edges where edge.relation == .partner {
                    let s = Value.symbol(edge.subject)
                    let o = Value.symbol(edge.object)
                    add([s, o])
                    if edge.subject != edge.object { add([o, s]) }
                }
            case "evidence", "evidence_sentence":
                let spans = schema.name == "evidence"
                for edge in graph.edges {
                    let s = Value.symbol(edge.subject)
                    let o = Value.symbol(edge.object)
                    let relation = relations[edge.relation]!
                    let both = edge.relation.isSymmetric && edge.subject != edge.object
                    for piece in edge.evidence {
                        for (a, b) in both ? [(s, o), (o, s)] : [(s, o)] {
                            add(
                                spans
                                    ? [a, relation, b, .symbol(piece.doc), .number(piece.start), .number(piece.end)]
                                    : [a, relation, b, .symbol(piece.sentence.string)])
                        }
                    }
                }
            default:
                // The other edge relations: one row an edge, named as the relation.
                guard let relation = Relation(rawValue: schema.name) else { break }
                for edge in graph.edges where edge.relation == relation { add([.symbol(edge.subject), .symbol(edge.object)]) }
            }
            try body(schema.name, rows)
        }
    }

    /// The code attribute, else the digits of an id like `place:330481`, else "".
    static func divisionCode(of entity: Entity) -> String {
        if let code = entity.attrs["code"] { return code }
        let suffix = entity.id.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
        return !suffix.isEmpty && suffix.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) ? suffix : ""
    }
}
