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
    /// in `source` (numbered from `firstLine`), so a query that cannot match says why. None
    /// when the source does not parse (running it reports that).
    public func unknownNames(in source: String, firstLine: Int = 1) -> [(name: String, line: Int, column: Int)] {
        guard let program = try? Program.parse(Self.padded(source, firstLine: firstLine)) else { return [] }
        return resolver.unknownNames(in: program).map { ($0.name, $0.location.line, $0.location.column) }
    }

    /// The source preceded by empty lines, so that positions in it count from `firstLine`.
    private static func padded(_ source: String, firstLine: Int) -> String {
        String(repeating: "\n", count: max(0, firstLine - 1)) + source
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
    /// `firstLine` numbers the source's first line, for errors in a longer script. `warn`, when
    /// given, receives the program's warnings (`Engine.warnings(for:)`), shown against the text as
    /// typed, once it has loaded.
    public func run(_ source: String, file: String, firstLine: Int = 1, warn: ((String) -> Void)? = nil) throws -> [QueryAnswers] {
        try runProgram(source, file: file, firstLine: firstLine, warn: warn).answers
    }

    /// `run`, with the program as loaded (names resolved to ids).
    private func runProgram(
        _ source: String, file: String, firstLine: Int, warn: ((String) -> Void)? = nil
    ) throws -> (program: Program, answers: [QueryAnswers]) {
        let padded = Self.padded(source, firstLine: firstLine)
        // Names become ids on the parsed tree: every position, in errors too, is the text's as typed.
        let program: Program
        do {
            program = try resolver.resolve(Program.parse(padded, file: file))
        } catch let error as DatalogError {
            throw Failure(error: error, source: padded)
        } catch let error as NameResolver.AmbiguousName {
            throw Failure(error: ambiguity(error), source: padded)
        }
        try loadRelations(neededBy: program)
        do {
            let warnings = warn == nil ? [] : engine.warnings(for: program)
            let queries = try engine.load(program)
            if let warn, !warnings.isEmpty {
                warn(warnings.map { $0.rendered(sources: [file: padded]) }.joined().trimmingSuffix("\n"))
            }
            let answers = try queries.map { QueryAnswers(text: $0.text, answer: try engine.answer($0)) }
            return (program, answers)
        } catch let error as DatalogError {
            throw Failure(error: error, source: padded)
        }
    }

    /// The evaluation plan of one goal (`:plan GOAL` in the REPL), names resolved as in `run`;
    /// nothing is evaluated.
    public func plan(_ goal: String) throws -> String {
        var source = goal.trimmingCharacters(in: .whitespacesAndNewlines)
        if !source.hasPrefix("?-") { source = "?- " + source }
        if !source.hasSuffix(".") { source += "." }
        let file = "<plan>"
        let program: Program
        do {
            program = try resolver.resolve(Program.parse(source, file: file))
        } catch let error as DatalogError {
            throw Failure(error: error, source: source)
        } catch let error as NameResolver.AmbiguousName {
            throw Failure(error: ambiguity(error), source: source)
        }
        guard let query = program.queries.first, program.queries.count == 1, program.actions.count == 1 else {
            throw Failure(
                error: DatalogError("plan takes one goal, like within(X, \"某某市\")", at: SourceLocation(file: file, line: 1, column: 1)),
                source: source)
        }
        try loadRelations(neededBy: program)
        do {
            return try engine.planText(for: query)
        } catch let error as DatalogError {
            throw Failure(error: error, source: source)
        }
    }

    private func ambiguity(_ error: NameResolver.AmbiguousName) -> DatalogError {
        let listed = error.candidates.prefix(6).map { id in
            let context = graph.entity(id: id).map { placeContext(of: $0) } ?? ""
            return id + context
        }.joined(separator: ", ")
        return DatalogError(
            "“\(error.name)” names \(error.candidates.count) entities: \(listed)", at: error.location,
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
        let named = (try? Program.parse(answers.text)).map(resolver.entityIds(namedIn:)) ?? []
        for id in named where seen.insert(id).inserted { ids.append(id) }
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

// MARK: Explanations

extension QuerySession {
    /// Explains a goal (`within(X, "湖州市")`, with or without `?-` and `.`): its answers, each
    /// with a derivation per goal atom, or the nearest evidence when it has none.
    public func explain(_ goal: String, options: ExplainOptions = ExplainOptions()) throws -> Explanation {
        var source = goal.trimmingCharacters(in: .whitespacesAndNewlines)
        if !source.hasPrefix("?-") { source = "?- " + source }
        if !source.hasSuffix(".") { source += "." }
        let (program, blocks) = try runProgram(source, file: "<explain>", firstLine: 1)
        guard let block = blocks.first, blocks.count == 1, let query = program.queries.first else {
            throw Failure(
                error: DatalogError(
                    "explain takes one goal, like within(X, \"某某市\")",
                    at: SourceLocation(file: "<explain>", line: 1, column: 1)), source: source)
        }
        // The goal's atoms of variables, constants and `_`: each answer's bindings are put back
        // into them, and each instance explained.
        let atoms = query.body.compactMap { literal -> Atom? in
            guard case .positive(let atom) = literal, atom.arguments.allSatisfy(\.isVariableOrConstant) else { return nil }
            return atom
        }
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
            near = ExplanationBuilder.nearEvidence(entityIds: atoms.flatMap(\.symbolConstants).filter { graph.entity(id: $0) != nil }, in: graph)
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
    private func proof(of atom: Atom, binding: [String: Value]) throws -> ProofTree? {
        guard let values = atom.instantiate(binding) else { return nil }
        return try derivation(relation: atom.relation, values: values)
    }
}

extension Atom {
    /// The atom's values under `binding`; nil when an argument stays unbound (`_`).
    func instantiate(_ binding: [String: Value]) -> [Value]? {
        var values: [Value] = []
        for argument in arguments {
            switch argument {
            case .constant(let value, _): values.append(value)
            case .variable(let name, _):
                guard let value = binding[name] else { return nil }
                values.append(value)
            default: return nil
            }
        }
        return values
    }

    var symbolConstants: [String] {
        arguments.compactMap { if case .constant(.symbol(let s), _) = $0 { return s } else { return nil } }
    }
}

extension Expression {
    /// A variable, a constant or `_`: what a goal atom's answers can be put back into.
    var isVariableOrConstant: Bool {
        switch self {
        case .variable, .constant, .anonymous: return true
        default: return false
        }
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
