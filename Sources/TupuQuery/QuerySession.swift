import Datalog
import TupuGraph

/// A Datalog session over one graph: the graph's relations and the prelude are loaded once;
/// programs run against it add their rules for the rest of the session (the REPL) and have
/// their `?-` queries answered. Names in programs are resolved to ids (see `NameResolver`).
public final class QuerySession {
    public let graph: Graph
    public let engine: Engine
    public private(set) var resolver: NameResolver
    public let names: AnswerNames
    /// Entity names and aliases, sorted, for Tab completion (built on the first Tab: only the REPL needs it).
    private lazy var completionNames: [String] = {
        var names = Set<String>()
        for entity in graph.entities {
            names.insert(entity.name)
            names.formUnion(entity.aliases)
        }
        return names.sorted()
    }()

    public var cancellation: Cancellation { engine.cancellation }

    /// The graph relations handed to the engine so far. Each is made the first time a program
    /// needs it (names it, or a relation whose rules reach it): a query over `runs` on a graph of
    /// a million entities does not build the millions of rows of `mentioned_in` and `evidence`.
    private var loadedRelations: Set<String> = []
    /// For each relation defined by rules loaded so far (the prelude's, the programs'), the
    /// relations their bodies name.
    private var ruleDependencies: [String: Set<String>] = [:]

    /// `options` sets the engine's limits (and how its hints name them).
    public init(graph: Graph, options: Engine.Options = Engine.Options()) throws {
        self.graph = graph
        engine = Engine(options: options)
        resolver = NameResolver(graph: graph)
        names = AnswerNames(graph: graph)
        for schema in GraphRelations.schemas {
            try engine.declare(
                relation: schema.name,
                columns: schema.columns.map {
                    (name: $0.name, type: $0.kind == .number ? ValueType.number : ValueType.symbol)
                })
        }
        let prelude = try Program.parse(Prelude.text, file: "<prelude>")
        try engine.load(prelude)
        ruleDependencies = prelude.ruleDependencies
    }

    /// Hands the engine the graph relations `program` needs that it does not hold yet, before
    /// the program is loaded (facts added later would undo an evaluation).
    private func loadRelations(neededBy program: Program) throws {
        for (head, body) in program.ruleDependencies { ruleDependencies[head, default: []].formUnion(body) }
        var needed = Set<String>()
        var pending = Array(program.relationsNamed)
        while let name = pending.popLast() {
            guard needed.insert(name).inserted else { continue }
            pending += ruleDependencies[name] ?? []
        }
        try loadRelations(needed)
    }

    /// Hands the engine every graph relation among `names` it does not hold yet, one relation's
    /// rows at a time (let go once the engine has them).
    private func loadRelations(_ names: Set<String>) throws {
        let wanted = names.subtracting(loadedRelations).filter { GraphRelations.schema(named: $0) != nil }
        guard !wanted.isEmpty else { return }
        loadedRelations.formUnion(wanted)
        try GraphRelations.forEachRelation(of: graph, only: wanted) { name, rows in try engine.insert(relation: name, tuples: rows) }
    }

    /// Every graph relation in the engine: for the questions about all relations (their sizes).
    private func loadAllRelations() throws {
        try loadRelations(Set(GraphRelations.schemas.map(\.name)))
    }

    /// Every entity name and alias, sorted: for Tab completion and "did you mean".
    public var entityNames: [String] { completionNames }

    /// Names in entity positions of `source` that no entity has, each with its line and column
    /// in `source` (numbered from `firstLine`), so a query that cannot match says why.
    public func unknownNames(in source: String, firstLine: Int = 1) -> [(name: String, line: Int, column: Int)] {
        resolver.unknownNames(in: source).map { unknown in
            let position = TextPosition.lineColumn(of: unknown.offset, in: source) ?? (line: 1, column: 1)
            return (unknown.name, position.line + firstLine - 1, position.column)
        }
    }

    /// "123 entities, 456 edges": the REPL's banner.
    public var summary: String { "\(graph.entities.count) entities, \(graph.edges.count) edges" }

    // MARK: Running programs

    /// A failure in a program, with what is needed to show it against the text as typed.
    public struct Failure: Error, CustomStringConvertible {
        public let error: DatalogError
        /// The text the error's location refers to (as typed, padded to its first line).
        public let source: String

        public var description: String { error.rendered(source: source).trimmingSuffix("\n") }
    }

    /// Loads `source` (rules stay, `?-` queries are answered) and returns each query's answers.
    /// `firstLine` numbers the source's first line, for errors in a longer script.
    public func run(_ source: String, file: String, firstLine: Int = 1) throws -> [QueryAnswers] {
        let padded = String(repeating: "\n", count: max(0, firstLine - 1)) + source
        // Syntax errors are found in the text as typed, before any name is replaced.
        _ = try parse(padded, file: file, original: padded, replacements: [])
        let resolved: (text: String, replacements: [NameResolver.Replacement])
        do {
            resolved = try resolver.resolveMapped(padded)
        } catch {
            throw Failure(error: ambiguity(error, in: padded, file: file), source: padded)
        }
        let program = try parse(resolved.text, file: file, original: padded, replacements: resolved.replacements)
        let originalQueries = Program.queriesOrEmpty(padded, file: file)
        try loadRelations(neededBy: program)
        do {
            let queries = try engine.load(program)
            return try queries.enumerated().map { index, query in
                let text = index < originalQueries.count ? originalQueries[index].text : query.text
                return QueryAnswers(text: text, answer: try engine.answer(query))
            }
        } catch let error as DatalogError {
            throw Failure(error: mapped(error, file: file, resolved: resolved.text, original: padded, resolved.replacements), source: padded)
        }
    }

    private func parse(_ text: String, file: String, original: String, replacements: [NameResolver.Replacement]) throws -> Program {
        do {
            return try Program.parse(text, file: file)
        } catch let error as DatalogError {
            throw Failure(error: mapped(error, file: file, resolved: text, original: original, replacements), source: original)
        }
    }

    /// Moves an error's position from the resolved text to the text as typed.
    private func mapped(
        _ error: DatalogError, file: String, resolved: String, original: String, _ replacements: [NameResolver.Replacement]
    ) -> DatalogError {
        guard !replacements.isEmpty else { return error }
        return error.mappingLocations { location in
            guard location.file == file, let offset = TextPosition.offset(line: location.line, column: location.column, in: resolved),
                let position = TextPosition.lineColumn(of: NameResolver.originalOffset(of: offset, replacements), in: original)
            else { return location }
            return SourceLocation(file: location.file, line: position.line, column: position.column, length: location.length)
        }
    }

    private func ambiguity(_ error: NameResolver.AmbiguousName, in source: String, file: String) -> DatalogError {
        let position = TextPosition.lineColumn(of: error.offset, in: source) ?? (line: 1, column: 1)
        let listed = error.candidates.prefix(6).map { id in
            let context = graph.entity(id: id).map { placeContext(of: $0) } ?? ""
            return id + context
        }.joined(separator: ", ")
        return DatalogError(
            "“\(error.name)” names \(error.candidates.count) entities: \(listed)",
            at: SourceLocation(file: file, line: position.line, column: position.column, length: error.length),
            hint: "write the id you mean, or join through name(X, \"\(error.name)\") to mean all of them")
    }

    /// ` (in 某某区)`: the place an entity lies in, to tell namesakes apart.
    private func placeContext(of entity: Entity) -> String {
        for edge in graph.edges where edge.subject == entity.id && (edge.relation == .partOf || edge.relation == .locatedIn) {
            if let parent = graph.entity(id: edge.object) { return " (in \(parent.name))" }
        }
        return ""
    }

    /// A readable, multi-line description of any error from `run` or `explain`.
    public func describe(_ error: Error, source: String? = nil) -> String {
        switch error {
        case let failure as Failure: return failure.description
        case let error as DatalogError: return error.rendered(source: source).trimmingSuffix("\n")
        default: return "error: \(error)"
        }
    }

    // MARK: Formatting and listing

    public func format(_ blocks: [QueryAnswers], as format: OutputFormat, ids: Bool, headings: Bool) -> String {
        names.render(blocks, as: format, ids: ids, headings: headings)
    }

    public struct RelationSize: Sendable {
        public let name: String
        public let arity: Int
        public let size: Int
    }

    public func relationSizes() -> [RelationSize] {
        try? loadAllRelations()
        return ((try? engine.relationInfos()) ?? []).map { RelationSize(name: $0.name, arity: $0.arity, size: $0.size) }
    }

    /// `:schema REL`: the signature, what it holds, its size; for user relations the columns.
    public func schemaDescription(_ name: String) -> String? {
        // Static information: never runs the rules (a heavy rule would make it hang).
        try? loadAllRelations()
        guard let info = ((try? engine.relationInfos(evaluating: false)) ?? []).first(where: { $0.name == name }) else { return nil }
        let size = info.sizeIsFinal ? "\(info.size) tuples" : "size not computed yet (ask a query)"
        if let schema = Prelude.allSchemas.first(where: { $0.name == name }) {
            let origin = GraphRelations.schema(named: name) != nil ? "graph relation" : "prelude rule"
            var text = "\(schema.signature)  — \(schema.summary)\n"
            text += "  \(origin), \(size); columns: "
            text +=
                schema.columns.map { "\($0.name) (\($0.kind == .entity ? "entity id, printed as its name" : $0.kind.rawValue))" }
                .joined(separator: ", ") + "\n"
            if origin == "prelude rule" { text += Prelude.rules(for: name) }
            return text
        }
        let types = info.types.map { $0.map(\.rawValue) } ?? Array(repeating: "any", count: info.arity)
        let cols = zip(info.columns, types).map { "\($0): \($1)" }.joined(separator: ", ")
        return "\(name)(\(cols))  — \(info.isBase ? "facts" : "defined by rules") in this session, \(size)\n"
    }

    /// Entity ids among the values of the answers, and the entities the query itself names
    /// (`runs("某某医院", P)` draws the hospital too), for `:dot`.
    public func entityIds(in answers: QueryAnswers) -> [String] {
        var seen = Set<String>()
        var ids: [String] = []
        for id in resolver.entityIds(namedIn: answers.text) where seen.insert(id).inserted { ids.append(id) }
        for row in answers.rows {
            for case .symbol(let s) in row where graph.entity(id: s) != nil && seen.insert(s).inserted { ids.append(s) }
        }
        return ids
    }

    /// Meta words, relation names and entity names that start with `prefix`.
    public func completions(prefix: String) -> [String] {
        // Names only: sizes would make every graph relation and run the rules.
        var found = ((try? engine.relationInfos(evaluating: false)) ?? []).map(\.name).filter { $0.hasPrefix(prefix) }
        if !prefix.isEmpty {
            // Names are sorted: the matches are one contiguous run.
            var low = 0
            var high = completionNames.count
            while low < high {
                let mid = (low + high) / 2
                if completionNames[mid] < prefix { low = mid + 1 } else { high = mid }
            }
            var i = low
            while i < completionNames.count && completionNames[i].hasPrefix(prefix) && found.count < 200 {
                found.append(completionNames[i])
                i += 1
            }
        }
        return found
    }
}

extension Program {
    /// The queries of a source as typed, for headings; empty when it does not parse.
    static func queriesOrEmpty(_ source: String, file: String) -> [Query] {
        (try? Program.parse(source, file: file))?.queries ?? []
    }
}

extension Graph {
    /// The entities with these ids and the edges between them.
    public func restricted(to ids: Set<String>) -> Graph {
        Graph(
            entities: entities.filter { ids.contains($0.id) },
            edges: edges.filter { ids.contains($0.subject) && ids.contains($0.object) })
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

/// Line and column (1-based, code points) ↔ code-point offsets.
enum TextPosition {
    static func offset(line: Int, column: Int, in text: String) -> Int? {
        var currentLine = 1
        var offset = 0
        for scalar in text.unicodeScalars {
            if currentLine == line { return offset + column - 1 }
            if scalar == "\n" { currentLine += 1 }
            offset += 1
        }
        return currentLine == line ? offset + column - 1 : nil
    }

    static func lineColumn(of offset: Int, in text: String) -> (line: Int, column: Int)? {
        var line = 1
        var column = 1
        var i = 0
        for scalar in text.unicodeScalars {
            if i == offset { return (line, column) }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
        }
        return i == offset ? (line, column) : nil
    }
}

// MARK: Explanations

extension QuerySession {
    /// Explains a goal (`within(X, "湖州市")`, with or without `?-` and `.`): its answers, each
    /// with a derivation per goal atom, or the nearest evidence when it has none.
    public func explain(_ goal: String, options: ExplainOptions = ExplainOptions()) throws -> Explanation {
        var source = goal.trimmingCharacters(in: .whitespacesAndNewlines)
        if !source.hasPrefix("?-") { source = "?- " + source }
        if !source.hasSuffix(".") { source += "." }
        let blocks = try run(source, file: "<explain>")
        guard let block = blocks.first, blocks.count == 1 else {
            throw Failure(
                error: DatalogError(
                    "explain takes one goal, like within(X, \"某某市\")",
                    at: SourceLocation(file: "<explain>", line: 1, column: 1)), source: source)
        }
        let resolved = (try? resolver.resolve(source)) ?? source
        let atoms = GoalAtoms.parse(resolved)
        // Rows in printed order, so `--answer N` means the N-th answer the user saw.
        let rows = block.answer.rows.sorted {
            $0.map(names.display).lexicographicallyPrecedes($1.map(names.display))
        }
        var chosen = Array(rows.enumerated())
        if let n = options.answer {
            guard n >= 1 && n <= rows.count else {
                throw Failure(
                    error: DatalogError(
                        "there is no answer \(n); the goal has \(rows.count)",
                        at: SourceLocation(file: "<explain>", line: 1, column: 1)), source: source)
            }
            chosen = [chosen[n - 1]]
        } else {
            chosen = Array(chosen.prefix(options.answerLimit))
        }
        let explained = try chosen.map { _, row in
            Explanation.ExplainedAnswer(
                bindings: row,
                proofs: try atoms.compactMap { atom in
                    try proof(of: atom, binding: Dictionary(uniqueKeysWithValues: zip(block.answer.variables, row)))
                })
        }
        var near: Explanation.NearEvidence?
        var failures: [Explanation.Failure] = []
        if explained.isEmpty {
            near = ExplanationBuilder.nearEvidence(entityIds: atoms.flatMap(\.constants).filter { graph.entity(id: $0) != nil }, in: graph)
            // For each goal atom with all values known: is it there, and if not, where do its rules stop?
            for atom in atoms {
                guard let values = atom.instantiate([:]) else { continue }
                let holds = try engine.explain(relation: atom.relation, tuple: values, depth: 0) != nil
                let attempts = holds ? [] : (try engine.whyNot(relation: atom.relation, tuple: values)?.attempts ?? [])
                failures.append(
                    Explanation.Failure(
                        relation: atom.relation, values: values, holds: holds,
                        attempts: attempts.map { ($0.rule, $0.failingLiteral) }))
            }
        }
        return Explanation(
            goal: source, variables: block.answer.variables, answers: explained, totalAnswers: rows.count,
            near: near, failures: failures, options: options, graph: graph, names: names)
    }

    /// The derivation of one goal atom under an answer's bindings.
    private func proof(of atom: GoalAtoms.Atom, binding: [String: Value]) throws -> ProofTree? {
        guard let values = atom.instantiate(binding) else { return nil }
        return try derivation(relation: atom.relation, values: values)
    }
}

extension QuerySession {
    /// The derivation tree of a fact from the engine: graph facts are leaves, derived facts
    /// rule instances. The whole tree is fetched; the depth limit is applied when printing,
    /// so an elided part can say how much it hides.
    func derivation(relation: String, values: [Value]) throws -> ProofTree? {
        guard let derivation = try engine.explain(relation: relation, tuple: values, depth: 64) else { return nil }
        return ProofTree(derivation)
    }
}

extension ProofTree {
    init(_ derivation: Derivation) {
        self.init(
            relation: derivation.relation, values: derivation.tuple,
            rule: derivation.kind == .fact ? nil : derivation.rule ?? "…",
            children: derivation.children.map(ProofTree.init))
    }
}
