import Datalog
import Foundation
import TupuGraph

/// Lets queries name entities: a string constant that stands where an entity id belongs
/// (`within(X, "湖州市")`) and equals an entity's name or alias is replaced by that entity's
/// id on the parsed program's tree before it reaches the engine. Text columns (`name(X, "湖州市")`,
/// `entity(X, _, "湖州市")`) are left alone, as are comparisons and functor arguments.
/// A name shared by several entities is an error that lists them, never a silent choice.
public struct NameResolver: Sendable {
    /// Ids are found through the graph's own index; names and aliases through indexes made the
    /// first time a program names an entity (a query of variables alone, over a graph of a
    /// million entities, never makes them).
    private let graph: Graph
    private let names: NameIndex
    private var columnKinds: [String: [ColumnKind]] = [:]

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
        /// The string constant, as typed.
        public let location: SourceLocation
    }

    /// The program with each name in an entity position replaced by its entity's id, on the
    /// tree: spans stay those of the text as typed. Throws on the first name (in source order)
    /// that several entities share.
    public func resolve(_ program: Program) throws(AmbiguousName) -> Program {
        var ids: [String: String] = [:]
        var ambiguous: [AmbiguousName] = []
        for constant in entityConstants(of: program) where ids[constant.name] == nil {
            if graph.position(ofEntity: constant.name) != nil { continue }
            let found = candidates(for: constant.name)
            if found.count > 1 {
                ambiguous.append(AmbiguousName(name: constant.name, candidates: found.sorted(), location: constant.location))
            } else if let id = found.first {
                ids[constant.name] = id
            }
        }
        if let first = ambiguous.first { throw first }
        if ids.isEmpty { return program }
        return program.rewritingAtoms { atom in
            var arguments = atom.arguments
            for (k, argument) in arguments.enumerated() where isEntityColumn(atom.relation, k) {
                if case .constant(.symbol(let name), let l) = argument, let id = ids[name] {
                    arguments[k] = .constant(.symbol(id), l)
                }
            }
            return Atom(relation: atom.relation, arguments: arguments, location: atom.location)
        }
    }

    /// A string constant where an entity belongs that is no entity's id, name or alias: the
    /// query can only answer nothing for it, which users should hear about.
    public struct UnknownName: Sendable, Hashable {
        public let name: String
        public let location: SourceLocation
    }

    public func unknownNames(in program: Program) -> [UnknownName] {
        entityConstants(of: program).compactMap { constant in
            candidates(for: constant.name).isEmpty ? UnknownName(name: constant.name, location: constant.location) : nil
        }
    }

    /// The entities that string constants in entity positions of `program` name (one each).
    public func entityIds(namedIn program: Program) -> [String] {
        entityConstants(of: program).compactMap { constant in
            let found = candidates(for: constant.name)
            return found.count == 1 ? found[0] : nil
        }
    }

    /// The string constants standing as a whole argument in an entity column of an atom, in
    /// source order, each once (the parser copies an atom into each rule it makes of a statement).
    private func entityConstants(of program: Program) -> [(name: String, location: SourceLocation)] {
        var seen = Set<SourceLocation>()
        var constants: [(name: String, location: SourceLocation)] = []
        for atom in program.atoms {
            for (k, argument) in atom.arguments.enumerated() where isEntityColumn(atom.relation, k) {
                if case .constant(.symbol(let name), let l) = argument, seen.insert(l).inserted { constants.append((name, l)) }
            }
        }
        return constants.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }

    private func isEntityColumn(_ relation: String, _ argument: Int) -> Bool {
        guard let kinds = columnKinds[relation] else { return true }  // a user relation: ids by default
        return argument < kinds.count && kinds[argument] == .entity
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
