import Foundation
import TupuGraph

/// Lets queries name entities: a string constant that stands where an entity id belongs
/// (`within(X, "湖州市")`) and equals an entity's name or alias is replaced by that entity's
/// id before the program reaches the engine. Text columns (`name(X, "湖州市")`,
/// `entity(X, _, "湖州市")`) are left alone, as are comparisons and functor arguments.
/// A name shared by several entities is an error that lists them, never a silent choice.
public struct NameResolver: Sendable {
    /// Ids are found through the graph's own index; names and aliases through indexes made the
    /// first time a program names an entity (a query of variables alone, over a graph of a
    /// million entities, never makes them).
    private let graph: Graph
    private let names: NameIndex
    private var columnKinds: [String: [ColumnKind]] = [:]

    /// Soufflé's built-in functors: a string argument of `strlen("…")` is text.
    static let functors: Set<String> = [
        "cat", "strlen", "substr", "ord", "to_string", "to_number",
        "to_float", "to_unsigned", "min", "max", "contains", "match"
    ]

    public init(graph: Graph, schemas: [RelationSchema] = Prelude.allSchemas) {
        self.graph = graph
        names = NameIndex(graph: graph)
        for schema in schemas { columnKinds[schema.name] = schema.columns.map(\.kind) }
    }

    /// Registers the columns of a relation the user declared, so its text columns stay text.
    public mutating func declare(_ schema: RelationSchema) {
        columnKinds[schema.name] = schema.columns.map(\.kind)
    }

    /// The ids an entity name (or, failing that, alias) stands for.
    public func candidates(for name: String) -> [String] {
        if graph.position(ofEntity: name) != nil { return [name] }
        let (idsByName, idsByAlias) = names.indexes
        if let byName = idsByName[name] { return byName }
        return idsByAlias[name] ?? []
    }

    public struct AmbiguousName: Error, Sendable {
        public let name: String
        public let candidates: [String]
        /// Code-point offset of the string literal in the source.
        public let offset: Int
        public let length: Int
    }

    /// The source with resolvable names replaced by ids. Throws on a name that is ambiguous.
    public func resolve(_ source: String) throws(AmbiguousName) -> String {
        try resolveMapped(source).text
    }

    /// One name replaced by an id: where, in the original's code points, and how long each is.
    public struct Replacement: Sendable, Hashable {
        public let start: Int
        public let originalLength: Int
        public let newLength: Int
    }

    /// The resolved source and its replacements, to map error positions back to what was typed.
    public func resolveMapped(_ source: String) throws(AmbiguousName) -> (text: String, replacements: [Replacement]) {
        var replacements: [Replacement] = []
        var out = String.UnicodeScalarView()
        let scalars = Array(source.unicodeScalars)
        var copied = 0
        for literal in entityLiterals(in: source) {
            if graph.position(ofEntity: literal.value) != nil { continue }
            let found = candidates(for: literal.value)
            if found.count > 1 {
                throw AmbiguousName(
                    name: literal.value, candidates: found.sorted(), offset: literal.start,
                    length: literal.end - literal.start)
            }
            guard let id = found.first else { continue }
            out.append(contentsOf: scalars[copied..<literal.start])
            let quoted = JSON.quote(id).unicodeScalars
            out.append(contentsOf: quoted)
            replacements.append(
                Replacement(
                    start: literal.start, originalLength: literal.end - literal.start,
                    newLength: quoted.count))
            copied = literal.end
        }
        if replacements.isEmpty { return (source, []) }
        out.append(contentsOf: scalars[copied...])
        return (String(out), replacements)
    }

    /// A string constant where an entity belongs that is no entity's id, name or alias: the
    /// query can only answer nothing for it, which users should hear about.
    public struct UnknownName: Sendable, Hashable {
        public let name: String
        /// Code-point offset of the string literal in the source.
        public let offset: Int
        public let length: Int
    }

    public func unknownNames(in source: String) -> [UnknownName] {
        entityLiterals(in: source).compactMap { literal in
            candidates(for: literal.value).isEmpty
                ? UnknownName(name: literal.value, offset: literal.start, length: literal.end - literal.start) : nil
        }
    }

    /// The entities that string constants in entity positions of `source` name (one each).
    public func entityIds(namedIn source: String) -> [String] {
        entityLiterals(in: source).compactMap { literal in
            let found = candidates(for: literal.value)
            return found.count == 1 ? found[0] : nil
        }
    }

    /// The string constants standing as a whole argument in an entity column of an atom.
    private func entityLiterals(in source: String) -> [(value: String, start: Int, end: Int)] {
        let tokens = DatalogTokens(source)
        var literals: [(value: String, start: Int, end: Int)] = []
        // A stack of open brackets: an atom (relation, argument index) or a plain group.
        var stack: [(relation: String?, argument: Int)] = []
        for (index, token) in tokens.tokens.enumerated() {
            let previous = index > 0 ? tokens.tokens[index - 1] : nil
            let next = index + 1 < tokens.tokens.count ? tokens.tokens[index + 1] : nil
            switch token.kind {
            case .open:
                if let previous, previous.kind == .identifier {
                    stack.append((relation: tokens.text(previous), argument: 0))
                } else {
                    stack.append((relation: nil, argument: 0))
                }
            case .close:
                if !stack.isEmpty { stack.removeLast() }
            case .comma:
                if !stack.isEmpty { stack[stack.count - 1].argument += 1 }
            case .string:
                guard let top = stack.last, let relation = top.relation,
                    previous?.kind == .open || previous?.kind == .comma,
                    next?.kind == .close || next?.kind == .comma,
                    isEntityColumn(relation, top.argument)
                else { continue }
                literals.append((tokens.stringValue(token), token.start, token.end))
            case .identifier, .number, .other:
                continue
            }
        }
        return literals
    }

    /// Maps a code-point offset in the resolved text back to the original text.
    public static func originalOffset(of resolvedOffset: Int, _ replacements: [Replacement]) -> Int {
        var shift = 0
        for r in replacements {
            let resolvedStart = r.start + shift
            if resolvedOffset < resolvedStart { break }
            if resolvedOffset < resolvedStart + r.newLength { return r.start }
            shift += r.newLength - r.originalLength
        }
        return resolvedOffset - shift
    }

    private func isEntityColumn(_ relation: String, _ argument: Int) -> Bool {
        if Self.functors.contains(relation) { return false }
        guard let kinds = columnKinds[relation] else { return true }  // a user relation: ids by default
        return argument < kinds.count && kinds[argument] == .entity
    }
}

/// Just enough of a Datalog lexer to find string literals, identifiers and brackets:
/// comments (`%`, `//`, `/* */`) and strings are skipped as wholes. Offsets are code points.
struct DatalogTokens {
    enum Kind { case identifier, string, number, open, close, comma, other }
    struct Token {
        let kind: Kind
        let start: Int
        let end: Int
    }

    let scalars: [Unicode.Scalar]
    private(set) var tokens: [Token] = []

    init(_ source: String) {
        let scalars = Array(source.unicodeScalars)
        self.scalars = scalars
        var tokens: [Token] = []
        var i = 0
        let n = scalars.count
        func at(_ k: Int) -> Unicode.Scalar? { k < n ? scalars[k] : nil }
        while i < n {
            let c = scalars[i]
            if c == "%" || (c == "/" && at(i + 1) == "/") {
                while i < n && scalars[i] != "\n" { i += 1 }
            } else if c == "/" && at(i + 1) == "*" {
                i += 2
                while i < n && !(scalars[i] == "*" && at(i + 1) == "/") { i += 1 }
                i = min(n, i + 2)
            } else if c == "\"" {
                let start = i
                i += 1
                while i < n && scalars[i] != "\"" && scalars[i] != "\n" {
                    i += scalars[i] == "\\" ? 2 : 1
                }
                i = min(n, i + 1)
                tokens.append(Token(kind: .string, start: start, end: i))
            } else if c.properties.isWhitespace {
                i += 1
            } else if ("0"..."9").contains(c) {
                let start = i
                while i < n && ("0"..."9").contains(scalars[i]) { i += 1 }
                tokens.append(Token(kind: .number, start: start, end: i))
            } else if Self.isIdentifierScalar(c) {
                let start = i
                while i < n && (Self.isIdentifierScalar(scalars[i]) || ("0"..."9").contains(scalars[i])) { i += 1 }
                tokens.append(Token(kind: .identifier, start: start, end: i))
            } else {
                let kind: Kind = c == "(" ? .open : c == ")" ? .close : c == "," ? .comma : .other
                tokens.append(Token(kind: kind, start: i, end: i + 1))
                i += 1
            }
        }
        self.tokens = tokens
    }

    static func isIdentifierScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || (c.value >= 0x80 && c.properties.isAlphabetic)
    }

    func text(_ token: Token) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[token.start..<token.end])
        return String(view)
    }

    /// The literal's value: quotes removed, `\"` and `\\` unescaped.
    func stringValue(_ token: Token) -> String {
        var view = String.UnicodeScalarView()
        var i = token.start + 1
        let end = max(i, token.end - 1)
        while i < end {
            if scalars[i] == "\\" && i + 1 < end {
                let escaped = scalars[i + 1]
                view.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
                i += 2
            } else {
                view.append(scalars[i])
                i += 1
            }
        }
        return String(view)
    }
}

/// The ids of each entity name and alias, made on first use.
private final class NameIndex: @unchecked Sendable {
    private let graph: Graph
    private let lock = NSLock()
    private var made: (byName: [String: [String]], byAlias: [String: [String]])?

    init(graph: Graph) { self.graph = graph }

    var indexes: (byName: [String: [String]], byAlias: [String: [String]]) {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        var byName: [String: [String]] = [:]
        var byAlias: [String: [String]] = [:]
        for entity in graph.entities {
            byName[entity.name, default: []].append(entity.id)
            for alias in entity.aliases { byAlias[alias, default: []].append(entity.id) }
        }
        made = (byName, byAlias)
        return (byName, byAlias)
    }
}
