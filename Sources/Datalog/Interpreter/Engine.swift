// The engine: relations, rules, stratification and semi-naive evaluation.
import Foundation

/// One relation's storage and evaluation state.
final class Relation {
    let name: String
    let arity: Int
    let store: TupleStore
    var declaration: Declaration? {
        didSet { choiceDomains = declaration?.choiceDomains ?? [] }
    }
    /// The declaration's choice domains, kept apart: `add` reads them for every tuple.
    private var choiceDomains: [[Int]] = []
    var choosesTuples: Bool { !choiceDomains.isEmpty }
    /// Where the relation was first used (for arity errors).
    var firstUse: SourceLocation?
    /// `.limitsize`: rules add no tuple past this many, and a recursive stratum stops once reached.
    var sizeLimit: Int?
    /// Where its arity was set: the `.decl`, else the first use; nil when made through the API.
    var origin: SourceLocation? {
        guard let d = declaration else { return firstUse }
        return d.location.line > 0 ? d.location : nil
    }
    /// Tuples `[0, baseCount)` are base facts (EDB); the rest were derived.
    var baseCount = 0
    /// Which tuples are stable, recent and just added, during evaluation.
    var versions = SemiNaiveVersions()
    /// Provenance ranks: the tuples added during evaluation step `step` end at index `end`.
    var steps: [(step: Int, end: Int)] = []

    init(name: String, arity: Int) {
        self.name = name
        self.arity = arity
        store = TupleStore(arity: arity)
    }

    var count: Int { store.count }

    /// Per choice domain of the declaration, the keys (values of its columns) of the tuples
    /// chosen so far.
    private var chosenKeys: [Set<[Int]>] = []

    /// Adds a tuple unless it is there already or, with `choice-domain`, another tuple has
    /// its values in one of the domains: the first tuple with a key is kept, as in Soufflé.
    func add(_ values: UnsafePointer<Int>) -> Bool {
        if choiceDomains.isEmpty { return store.insert(values) }
        if chosenKeys.count != choiceDomains.count { chosenKeys = Array(repeating: [], count: choiceDomains.count) }
        let keys = choiceDomains.map { $0.map { values[$0] } }
        for (k, key) in keys.enumerated() where chosenKeys[k].contains(key) { return false }
        guard store.insert(values) else { return false }
        for (k, key) in keys.enumerated() { chosenKeys[k].insert(key) }
        return true
    }

    /// Removes the `dominated` tuples, keeping the order of the others and the semi-naive
    /// ranges and provenance steps (each boundary moves down by the tuples removed before it).
    func remove(_ dominated: Set<[Int]>) {
        var kept: [[Int]] = []
        var keptBefore = [0]
        for t in 0..<count {
            let tuple = store.values(t)
            if !dominated.contains(tuple) {
                kept.append(tuple)
            } else if t < baseCount {
                subsumedBaseFacts.append(tuple)
            }
            keptBefore.append(kept.count)
        }
        guard kept.count < count else { return }
        store.truncate(to: 0)
        for tuple in kept { _ = store.insert(tuple) }
        baseCount = keptBefore[baseCount]
        versions.renumber { keptBefore[$0] }
        steps = steps.map { ($0.step, keptBefore[$0.end]) }
    }

    func add(_ values: [Int]) -> Bool {
        values.withUnsafeBufferPointer { add($0.baseAddress!) }
    }

    /// Base facts a subsumption removed: they come back when the derived tuples are dropped.
    private var subsumedBaseFacts: [[Int]] = []

    /// Drops the derived tuples (and the choices they made).
    func keepBaseFacts() {
        store.truncate(to: baseCount)
        steps = []
        if !subsumedBaseFacts.isEmpty {
            for tuple in subsumedBaseFacts { _ = store.insert(tuple) }
            subsumedBaseFacts = []
            baseCount = count
        }
        rechooseBaseFacts()
    }

    /// Drops the derived tuples and the base facts from `base` on (those of a load taken back).
    func keepBaseFacts(upTo base: Int) {
        keepBaseFacts()
        guard base < baseCount else { return }
        store.truncate(to: base)
        baseCount = base
        rechooseBaseFacts()
    }

    /// The choices are those of the base facts alone.
    private func rechooseBaseFacts() {
        guard !chosenKeys.isEmpty else { return }
        chosenKeys = choiceDomains.map { domain in Set((0..<baseCount).map { t in domain.map { store.value(t, $0) } }) }
    }

    /// The evaluation step that first produced tuple `index` (0 for base facts).
    func rank(of index: Int) -> Int {
        if index < baseCount { return 0 }
        var lo = 0
        var hi = steps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if steps[mid].end > index { hi = mid } else { lo = mid + 1 }
        }
        return lo < steps.count ? steps[lo].step : Int.max
    }

    /// Number of tuples with rank strictly below `step`.
    func end(before step: Int) -> Int {
        var end = baseCount
        for s in steps where s.step < step { end = s.end }
        return end
    }

    var columnNames: [String] {
        if let d = declaration { return d.columns.map(\.name) }
        return (0..<arity).map { "c\($0 + 1)" }
    }
}

struct RuleEntry {
    let rule: Rule
    let head: Relation
}

/// Relation name, arity and size, as listed by `:relations`.
public struct RelationInfo: Sendable, Hashable {
    public var name: String
    public var arity: Int
    public var size: Int
    /// False for a relation derived by rules that have not run since the program changed.
    public var sizeIsFinal: Bool
    /// Column names from `.decl` (else `c1`, `c2`, …) and types when declared.
    public var columns: [String]
    public var types: [ValueType]?
    /// True when no rule derives it (facts, `.input` or `insert`).
    public var isBase: Bool
}

/// The answers of one query: distinct bindings of its named variables, sorted.
public struct Answer: Sendable {
    /// 1-based number of the query in its program (0 for queries not from a program).
    public var query: Int
    public var variables: [String]
    /// One row per distinct binding; for a zero-variable query one empty row means true.
    public var rows: [[Value]]
    public var isTrue: Bool { !rows.isEmpty }
}

/// A Datalog engine. Load programs (rules, facts, directives), add external facts, evaluate,
/// then query and explain. Not thread-safe except for `cancellation`.
///
/// ```swift
/// let engine = Engine()
/// try engine.insert(relation: "edge", tuples: [[.symbol("a"), .symbol("b")]])
/// try engine.load(Program.parse("path(x, y) :- edge(x, y). path(x, z) :- path(x, y), edge(y, z)."))
/// let answer = try engine.query("?- path(\"a\", X).")   // answer.rows == [[.symbol("b")]]
/// ```
///
/// Rules may only use relations that exist (declared, inserted, or defined by facts/rules of the
/// same or an earlier `load`), as in Soufflé: insert or `declare` external relations first.
public final class Engine {
    public struct Options: Sendable {
        /// Stop with an error when more tuples than this were derived (runaway programs; about
        /// 0.5 GB for binary relations).
        public var maxTuples: Int = 20_000_000
        /// Stop with an error when one stratum needs more fixpoint iterations than this (about 0.1 s
        /// for `p(x + 1) :- p(x).` in a release build; a transitive closure needs the longest path's length).
        public var maxIterations: Int = 100_000
        /// Where `.input rel` reads `rel.facts`.
        public var factsDirectory: String = "."
        /// Where `.output rel` writes `rel.csv`; nil means `.output` relations are returned for printing.
        public var outputDirectory: String? = nil
        /// Stop a query with an error when it has more distinct answers than this (a cross product
        /// of large relations would otherwise fill memory).
        public var maxAnswers: Int = 1_000_000
        /// Stop with an error when the interned strings together take more UTF-8 bytes than this
        /// (rules that build ever longer strings escape the tuple and iteration limits).
        public var maxSymbolBytes: Int = 1 << 30
        /// Let `.input`/`.output` name files outside the facts/output directory (`filename=`).
        public var allowsPathsOutside = false
        /// How the user raises each limit where this engine runs, named in the errors' hints.
        public var limitNames = LimitNames()
        /// What an integer result outside the 62 bits of a number does.
        public var integerOverflow = IntegerOverflow.fails
        public init(
            maxTuples: Int = 20_000_000, maxIterations: Int = 100_000, factsDirectory: String = ".",
            outputDirectory: String? = nil
        ) {
            self.maxTuples = maxTuples
            self.maxIterations = maxIterations
            self.factsDirectory = factsDirectory
            self.outputDirectory = outputDirectory
        }
    }

    /// What an integer result that does not fit in 62 bits does (`MAX + 1`, `2 ^ 70`, a sum).
    public enum IntegerOverflow: Sendable {
        /// Stops the evaluation or query with an error at the operator (the REPL, `tupu query`).
        case fails
        /// Wraps around in two's complement within the 62 bits, as Soufflé's arithmetic wraps
        /// within its own width (`tupu run`); `overflowWarning` then says where and how often.
        case wraps
    }

    /// How each limit is raised, as the hints say it: `--max-tuples N` on the command line,
    /// `:limits tuples N` in the REPL; nil where it cannot be raised.
    public struct LimitNames: Sendable {
        public var tuples: String?
        public var iterations: String?
        public var answers: String?
        public var symbolBytes: String?
        /// Lets `.input`/`.output` name files outside their directories.
        public var paths: String?
        public init(
            tuples: String? = "--max-tuples N", iterations: String? = "--max-iterations N",
            answers: String? = "--max-answers N", symbolBytes: String? = "--max-symbol-bytes N",
            paths: String? = "--allow-paths"
        ) {
            self.tuples = tuples
            self.iterations = iterations
            self.answers = answers
            self.symbolBytes = symbolBytes
            self.paths = paths
        }
    }

    public var options: Options
    /// Set from any thread to stop the current evaluation or query with a "cancelled" error.
    public let cancellation = Cancellation()

    let symbols = SymbolTable()
    var relations: [String: Relation] = [:]
    var rules: [RuleEntry] = [] {
        didSet { cachedPlan = nil }
    }
    var strata: [[Relation]] = [] {
        didSet { cachedPlan = nil }
    }
    /// The plans of the current rules, made on first use and dropped when the rules change.
    private var cachedPlan: ProgramPlan?
    /// How many times the rules were planned for evaluation (the cache is tested by it).
    private(set) var planningCount = 0
    /// What the last `load` added, so `undoLastLoad()` can take it back.
    private var lastLoad: LoadSnapshot?
    private(set) var isEvaluated = false
    /// Whether evaluation keeps every relation in insertion order, so a tuple's evaluation step
    /// (rank) is a range of its store; explanations need that, the first one re-evaluates.
    var recordsRanks = false
    /// Size from which a derived relation that no plan probes keeps its tuples as sorted runs
    /// instead of a hash (see `TupleStore`); tests lower it to exercise that layout.
    var sortedRunsThreshold = 1 << 22
    var evaluationSteps = 0
    /// Where results wrapped around (see `overflowWarning`).
    let overflows = OverflowLog()

    public init(options: Options = Options()) {
        self.options = options
    }

    // MARK: - Relations

    /// The relation of an atom of a checked rule or query (the checker names unknown relations
    /// and arities that disagree).
    func relation(for atom: Atom) -> Relation {
        guard let r = relations[atom.relation], r.arity == atom.arguments.count else {
            preconditionFailure("'\(atom.relation)' of a checked atom exists with its arity")
        }
        return r
    }

    func unknownRelation(_ name: String, at location: SourceLocation?) -> DatalogError {
        DatalogError(diagnostics: [Checker.unknownRelation(name, at: location, among: Array(relations.keys))])
    }

    func arityMismatch(_ r: Relation, _ arity: Int, at location: SourceLocation?) -> DatalogError {
        DatalogError(diagnostics: [
            Checker.arityMismatch(
                r.name, arity: r.arity, origin: r.origin, isDeclared: r.declaration != nil,
                used: arity, at: location)
        ])
    }

    /// Finds or creates a relation for the API (`declare`, `insert`), checking its arity.
    @discardableResult
    func declareUse(_ name: String, arity: Int) throws -> Relation {
        if let r = relations[name] {
            guard r.arity == arity else { throw arityMismatch(r, arity, at: nil) }
            return r
        }
        let r = Relation(name: name, arity: arity)
        relations[name] = r
        return r
    }

    /// Names, arities and sizes of all relations, sorted by name. With `evaluating` (the default)
    /// the rules run first so sizes are final; without, nothing runs (a static question stays
    /// instant) and a derived relation's size is what it held before (`sizeIsFinal` false).
    public func relationInfos(evaluating: Bool = true) throws -> [RelationInfo] {
        if evaluating { try evaluate() }
        let sized = isEvaluated
        let derived = Set(rules.map { $0.head.name })
        return relations.values.sorted { $0.name < $1.name }.map { r in
            RelationInfo(
                name: r.name, arity: r.arity, size: r.count, sizeIsFinal: sized || !derived.contains(r.name), columns: r.columnNames,
                types: r.declaration.map { $0.columns.map(\.type) }, isBase: !derived.contains(r.name))
        }
    }

    /// Declares a relation for external facts (like `.decl`): column names and types.
    public func declare(relation name: String, columns: [(name: String, type: ValueType)]) throws {
        let location = SourceLocation(file: "<api>", line: 0, column: 0)
        let r = try declareUse(name, arity: columns.count)
        r.declaration = Declaration(relation: name, columns: columns, location: location)
    }

    /// Adds base facts (EDB) to a relation, creating it if needed. Invalidates earlier evaluation.
    public func insert(relation name: String, tuples: [[Value]]) throws {
        guard let arity = tuples.first?.count ?? relations[name]?.arity else { return }
        lastLoad = nil
        let r = try declareUse(name, arity: arity)
        invalidate()
        var buffer = [Int](repeating: 0, count: arity)
        for tuple in tuples {
            guard tuple.count == arity else {
                throw DatalogError("relation '\(name)' has \(arity) columns, got a tuple with \(tuple.count)", at: nil)
            }
            for case .number(let n) in tuple where !fitsNumber(n) {
                throw DatalogError(
                    "the number \(n) in a tuple for '\(name)' does not fit in 62 bits", at: nil,
                    hint: "numbers range from \(minimumNumber) to \(maximumNumber)")
            }
            for (c, v) in tuple.enumerated() { buffer[c] = factTerm(v, type: r.declaration?.columns[c].type) }
            _ = r.add(buffer)
        }
        r.baseCount = r.count
        if symbols.bytes > options.maxSymbolBytes {
            throw DatalogError(
                "the symbols take more than \(options.maxSymbolBytes) bytes (maxSymbolBytes) after adding facts to '\(name)'",
                at: nil, hint: options.limitNames.symbolBytes.map { "raise the limit with \($0)" })
        }
    }

    /// All tuples of a relation, sorted (evaluates first if needed).
    public func tuples(of name: String) throws -> [[Value]] {
        try evaluate()
        guard let r = relations[name] else {
            throw unknownRelation(name, at: nil)
        }
        return sortedRows(r.store, count: r.count)
    }

    func sortedRows(_ store: TupleStore, count: Int) -> [[Value]] {
        var rows: [[Value]] = []
        rows.reserveCapacity(count)
        for i in 0..<count {
            rows.append((0..<store.arity).map { symbols.value(store.value(i, $0)) })
        }
        rows.sort { a, b in a.lexicographicallyPrecedes(b) }
        return rows
    }

    /// Drops derived tuples so the next `evaluate()` starts from the base facts.
    func invalidate() {
        guard isEvaluated else { return }
        for r in relations.values { r.keepBaseFacts() }
        isEvaluated = false
    }

    // MARK: - Loading

    /// Adds a program's declarations, facts, rules and `.input` data after checking them all
    /// (see `Checker`). On error the engine is left exactly as it was; the error holds every
    /// problem the checker found (or the one that stopped reading `.input` data).
    /// Returns the program's queries for the caller to run.
    @discardableResult
    public func load(_ program: Program) throws -> [Query] {
        var checker = Checker(engine: self)
        let checked = try checker.check(program)
        let before = LoadSnapshot(of: self)
        do {
            try commit(checked)
        } catch {
            before.restore(self)
            symbols.rollBack(to: before.symbols)
            throw error
        }
        lastLoad = before
        return program.queries
    }

    /// Adds what the checker accepted. Only reading `.input` data can fail.
    private func commit(_ checked: CheckedProgram) throws {
        // A program of queries only keeps the evaluated database.
        if !checked.rules.isEmpty || !checked.facts.isEmpty || !checked.inputs.isEmpty { invalidate() }
        for new in checked.newRelations {
            let r = Relation(name: new.name, arity: new.arity)
            r.firstUse = new.origin
            relations[new.name] = r
        }
        for d in checked.declarations { relations[d.relation]!.declaration = d }
        for limit in checked.sizeLimits { relations[limit.relation]!.sizeLimit = limit.tuples }
        for fact in checked.facts {
            let r = relations[fact.relation]!
            let types = r.declaration?.columns.map(\.type)
            let values = fact.arguments.enumerated().map { (c, e) -> Term in
                if case .constant(let v, _) = e { return factTerm(v, type: types?[c]) }
                return 0
            }
            _ = r.add(values)
            r.baseCount = r.count
        }
        for rule in checked.rules { rules.append(RuleEntry(rule: rule, head: relations[rule.head.relation]!)) }
        strata = checked.strata.map { $0.map { relations[$0]! } }
        for input in checked.inputs {
            try readFacts(relations[input.relation]!, parameters: input.parameters, at: input.location)
        }
    }

    /// What a `load` may change: the relations (their base facts and declarations), rules,
    /// strata and interned symbols, to put back when it fails or is taken back.
    struct LoadSnapshot {
        let relations: [String: Relation]
        let baseCounts: [ObjectIdentifier: Int]
        let declarations: [ObjectIdentifier: Declaration?]
        let sizeLimits: [ObjectIdentifier: Int?]
        let ruleCount: Int
        let strata: [[Relation]]
        let symbols: SymbolTable.Checkpoint

        init(of engine: Engine) {
            relations = engine.relations
            var baseCounts: [ObjectIdentifier: Int] = [:]
            var declarations: [ObjectIdentifier: Declaration?] = [:]
            var sizeLimits: [ObjectIdentifier: Int?] = [:]
            for r in engine.relations.values {
                baseCounts[ObjectIdentifier(r)] = r.baseCount
                declarations[ObjectIdentifier(r)] = r.declaration
                sizeLimits[ObjectIdentifier(r)] = r.sizeLimit
            }
            self.baseCounts = baseCounts
            self.declarations = declarations
            self.sizeLimits = sizeLimits
            ruleCount = engine.rules.count
            strata = engine.strata
            symbols = engine.symbols.checkpoint
        }

        /// Puts the relations, their base facts and declarations, the rules and strata back
        /// (derived tuples are dropped: the next question evaluates again).
        func restore(_ engine: Engine) {
            engine.discardDerived()
            engine.relations = relations
            for r in relations.values {
                let id = ObjectIdentifier(r)
                r.declaration = declarations[id]!
                r.sizeLimit = sizeLimits[id]!
                r.keepBaseFacts(upTo: baseCounts[id]!)
            }
            engine.rules.removeLast(engine.rules.count - ruleCount)
            engine.strata = strata
        }
    }

    /// Takes back the rules and facts of the last successful `load` (for a REPL whose last input
    /// made evaluation fail, e.g. a runaway rule). Relations that load created disappear unless
    /// `insert` added to them since. Returns false when there is nothing to undo.
    @discardableResult
    public func undoLastLoad() -> Bool {
        guard let last = lastLoad else { return false }
        last.restore(self)
        lastLoad = nil
        return true
    }

    /// A fact's value for a column: integers in float columns become floats, in unsigned columns
    /// unsigned numbers.
    func factTerm(_ v: Value, type: ValueType?) -> Term {
        symbols.term(type.map { ColumnCoercion.coerced(v, to: $0) } ?? v)
    }

    // MARK: - Planning

    /// Plans a rule body; `deltaAtom` is the body position (among all literals) read as delta,
    /// positions in `recursive` before it read old tuples. `preBound` names head variables bound in
    /// advance (explanations), and `expected` makes the plan end in `capture` (find one derivation of
    /// that head tuple) instead of `emit`; `target` says where emitted tuples go.
    func planRule(
        _ rule: Rule, target: PlanTarget, deltaAtom: Int?, recursive: [Int],
        preBound: [String] = [], expected: [Term]? = nil
    ) -> RulePlan {
        var planner = Planner(engine: self)
        let items = planner.normalize(rule.body)
        let literalItem = planner.literalItems
        var ranges: [Int: TupleRange] = [:]
        if let d = deltaAtom {
            ranges[literalItem[d]] = .delta
            for p in recursive where p < d { ranges[literalItem[p]] = .old }
        }
        var outside: [String: Int] = [:]
        for e in rule.head.arguments { for (v, _) in variables(of: e) { outside[v] = 1 } }
        var bound = Set<String>()
        for v in preBound {
            bound.insert(v)
            _ = planner.register(v)
        }
        planner.plan(
            items, bound: &bound, outside: outside, ranges: ranges,
            first: deltaAtom.map { literalItem[$0] })
        let arguments = rule.head.arguments.map { planner.compile($0, bound: bound) }
        let terminal: PlanStep = expected.map { .capture(arguments, expected: $0) } ?? .emit(arguments)
        return RulePlan(
            steps: planner.finish(with: terminal), registerNames: planner.registerNames, atoms: planner.atoms,
            target: expected == nil ? target : .capture, source: rule.text, location: rule.location,
            deltaLiteral: deltaAtom)
    }

    /// Plans a checked query (see `Checker.check(_:)`, which also coerces its constants).
    func planQuery(_ query: Query) -> RulePlan {
        var planner = Planner(engine: self)
        let items = planner.normalize(query.body)
        var outside: [String: Int] = [:]
        for v in query.variables { outside[v] = 1 }
        var bound = Set<String>()
        planner.plan(items, bound: &bound, outside: outside)
        let arguments = query.variables.map { planner.compile(.variable($0, query.location), bound: bound) }
        return RulePlan(
            steps: planner.finish(with: .emit(arguments)), registerNames: planner.registerNames,
            atoms: planner.atoms, target: .answers, source: query.text, location: query.location,
            deltaLiteral: nil)
    }

    // MARK: - Evaluation

    /// Computes all relations (stratum by stratum, semi-naively). Does nothing when up to date.
    public func evaluate() throws {
        if isEvaluated { return }
        // Planned before the checkpoint: the constants a plan interned stay for the next run.
        let plan = programPlan()
        let interned = symbols.checkpoint
        do {
            try evaluateStrata(plan)
        } catch {
            // Partial results must not survive: later facts would otherwise land after them as "base".
            discardDerived()
            symbols.rollBack(to: interned)
            throw error
        }
    }

    private func evaluateStrata(_ plan: ProgramPlan) throws {
        cancellation.reset()
        // Choices and subsumption decide tuple by tuple, in insertion order: those relations stay indexed.
        let subsumed = Set(rules.filter(\.rule.subsumption).map { ObjectIdentifier($0.head) })
        let derivedRelations = Set(rules.map { ObjectIdentifier($0.head) }).subtracting(subsumed)
        for r in relations.values {
            r.store.truncate(to: r.baseCount)
            r.steps = []
            r.versions.makeAllRecent(count: r.count)
            // Explanations need insertion order (ranks are ranges); sorted runs merge it away.
            if recordsRanks || r.choosesTuples || r.sizeLimit != nil || !derivedRelations.contains(ObjectIdentifier(r)) {
                r.store.useIndexes()
            } else {
                r.store.useSortedRuns(from: sortedRunsThreshold)
            }
        }
        evaluationSteps = 0
        symbols.autoincrement = 0
        overflows.reset()
        var derived = 0
        for (stratum, stratumPlan) in zip(strata, plan.strata) {
            let executorsOnce = stratumPlan.once.map(executor(for:))
            let executorsRecursive = stratumPlan.recursive.map(executor(for:))
            evaluationSteps += 1
            for exec in executorsOnce { try run(exec, derived: &derived) }
            endStep(of: stratum) { $0.makeAllRecent(count: $1) }
            try removeSubsumed(stratumPlan.subsumptions)
            var iterations = 0
            // `.limitsize`: the stratum ends once one of its limited relations is full (Soufflé's exit).
            func isFull(_ r: Relation) -> Bool { r.sizeLimit.map { r.count >= $0 } ?? false }
            while !executorsRecursive.isEmpty && stratum.contains(where: \.versions.hasRecent) && !stratum.contains(where: isFull) {
                iterations += 1
                if cancellation.isCancelled { throw DatalogError("cancelled", at: nil) }
                if iterations > options.maxIterations {
                    throw DatalogError(
                        "evaluation stopped after \(options.maxIterations) iterations (maxIterations) of the rules for \(stratum.map { "'\($0.name)'" }.joined(separator: ", ")): the program may not terminate",
                        at: stratumPlan.recursive[0].location,
                        hint: "a recursive rule that computes new values, like `p(x + 1) :- p(x).`, never reaches a fixpoint; bound it (e.g. `x < 100`)"
                            + (options.limitNames.iterations.map { " or raise the limit with \($0)" } ?? ""))
                }
                evaluationSteps += 1
                for exec in executorsRecursive { try run(exec, derived: &derived) }
                endStep(of: stratum) { $0.advance(to: $1) }
                try removeSubsumed(stratumPlan.subsumptions)
            }
            for r in stratum {
                r.versions.makeAllStable(count: r.count)
                r.store.settle(r.versions)
                r.store.releaseSpare()
            }
        }
        isEvaluated = true
    }

    /// Ends an evaluation step of a stratum: the tuples it added get their rank (explanations
    /// need them), then each relation's versions move on as `move` says and its store follows.
    private func endStep(of stratum: [Relation], move: (inout SemiNaiveVersions, Int) -> Void) {
        for r in stratum {
            if r.count > r.versions.recentEnd { r.steps.append((evaluationSteps, r.count)) }
            move(&r.versions, r.count)
            r.store.settle(r.versions)
        }
    }

    /// The plans of the current rules, by stratum: made once, until the rules change.
    func programPlan() -> ProgramPlan {
        if let cachedPlan { return cachedPlan }
        // Rule positions by head, so finding a stratum's rules costs its own rules, not all of them.
        var rulesByHead: [String: [Int]] = [:]
        for (i, entry) in rules.enumerated() { rulesByHead[entry.head.name, default: []].append(i) }
        var plans: [StratumPlan] = []
        for stratum in strata {
            let members = Set(stratum.map(\.name))
            let stratumRules = stratum.flatMap { rulesByHead[$0.name] ?? [] }.sorted().map { rules[$0] }
            var once: [RulePlan] = []
            var recursive: [RulePlan] = []
            var subsumptions: [RulePlan] = []
            for entry in stratumRules {
                if entry.rule.subsumption {
                    // The dominated tuples are collected apart, in a store no plan reads.
                    subsumptions.append(planRule(entry.rule, target: .dominated(entry.head.name), deltaAtom: nil, recursive: []))
                    continue
                }
                var positions: [Int] = []
                for (i, l) in entry.rule.body.enumerated() {
                    if case .positive(let a) = l, members.contains(a.relation) { positions.append(i) }
                }
                let target = PlanTarget.relation(entry.head.name)
                if positions.isEmpty {
                    once.append(planRule(entry.rule, target: target, deltaAtom: nil, recursive: []))
                } else {
                    for p in positions {
                        recursive.append(planRule(entry.rule, target: target, deltaAtom: p, recursive: positions))
                    }
                }
            }
            plans.append(StratumPlan(relations: stratum.map(\.name), once: once, recursive: recursive, subsumptions: subsumptions))
        }
        let plan = ProgramPlan(strata: plans)
        cachedPlan = plan
        planningCount += 1
        return plan
    }

    func executor(for plan: RulePlan) -> Executor {
        Executor(
            plan: plan, relations: relations, symbols: symbols, cancellation: cancellation, options: options,
            overflows: overflows)
    }

    /// With `IntegerOverflow.wraps`: where results wrapped around since the last evaluation
    /// started (queries count too), as one warning naming the first place; nil when none did.
    public var overflowWarning: Diagnostic? {
        guard let first = overflows.first else { return nil }
        let times = overflows.count == 1 ? "once" : "\(overflows.count) times"
        return Diagnostic(
            .warning, "integer overflow: \(first.what) does not fit in 62 bits and wrapped around (\(times) in all)",
            at: first.location,
            hint: "numbers wrap in two's complement as Soufflé's do; floats (x * 1.0) hold larger values, inexactly")
    }

    private func run(_ exec: Executor, derived: inout Int) throws {
        guard let emit = exec.emitFrame, case .relation(let name) = exec.plan.target else { return }
        // With a choice domain, a tuple is kept only if its keys are new (the relation decides);
        // with `.limitsize`, only while the relation holds fewer tuples than its limit.
        let oneByOne = relations[name].flatMap { $0.choosesTuples || $0.sizeLimit != nil ? $0 : nil }
        let store = emit.target
        let arity = emit.arguments.count
        exec.pendingLimit = Engine.pendingCells(tuples: options.maxTuples - derived, arity: arity)
        guard exec.run() else { throw exec.failure ?? DatalogError("cancelled", at: nil) }
        if let oneByOne {
            let pending = emit.pending
            emit.pending.removeAll(keepingCapacity: true)
            let limit = oneByOne.sizeLimit ?? .max
            pending.withUnsafeBufferPointer { buffer in
                var i = 0
                let width = max(arity, 1)
                while i < buffer.count && oneByOne.count < limit {
                    if oneByOne.add(buffer.baseAddress! + i) { derived += 1 }
                    i += width
                }
            }
        } else {
            derived += store.add(&emit.pending)
        }
        if derived > options.maxTuples || exec.reachedPendingLimit {
            throw DatalogError(
                "evaluation stopped after deriving more than \(options.maxTuples) tuples (maxTuples): the program may not terminate",
                at: exec.plan.location,
                hint: "a recursive rule that computes new values, like `p(x + 1) :- p(x).`, grows forever; bound it (e.g. `x < 100`)"
                    + (options.limitNames.tuples.map { " or raise the limit with \($0)" } ?? ""))
        }
    }

    /// The cells a rule may leave pending: one tuple past `tuples` (so going over is seen), at
    /// most `Int.max` when there is no limit.
    static func pendingCells(tuples: Int, arity: Int) -> Int {
        let (past, overflow) = tuples.addingReportingOverflow(1)
        let (cells, overflows) = past.multipliedReportingOverflow(by: max(1, arity))
        return overflow || overflows ? .max : cells
    }

    /// Runs a stratum's subsumption rules against its relations as they are after a round,
    /// then removes every tuple found dominated (all found before any is removed).
    private func removeSubsumed(_ subsumptions: [RulePlan]) throws {
        guard !subsumptions.isEmpty else { return }
        var dominated: [String: (Relation, Set<[Int]>)] = [:]
        for plan in subsumptions {
            guard case .dominated(let name) = plan.target, let relation = relations[name] else { continue }
            let exec = executor(for: plan)
            guard let emit = exec.emitFrame else { continue }
            exec.pendingLimit = Engine.pendingCells(tuples: options.maxTuples, arity: relation.arity)
            guard exec.run() else { throw exec.failure ?? DatalogError("cancelled", at: nil) }
            var found = dominated[relation.name]?.1 ?? []
            var i = 0
            while i + relation.arity <= emit.pending.count, relation.arity > 0 {
                found.insert(Array(emit.pending[i..<(i + relation.arity)]))
                i += relation.arity
            }
            emit.pending.removeAll(keepingCapacity: true)
            dominated[relation.name] = (relation, found)
        }
        for (relation, found) in dominated.values where !found.isEmpty { relation.remove(found) }
    }

    /// After a failed evaluation: drop partial results.
    private func discardDerived() {
        isEvaluated = true
        invalidate()
    }

    // MARK: - Queries

    /// Parses `?- goal.` (the `?-` is optional) and answers it.
    public func query(_ text: String, file: String = "<query>") throws -> Answer {
        try answer(try parseQuery(text, file: file))
    }

    /// Parses `?- goal.` (the `?-` and the final `.` optional).
    private func parseQuery(_ text: String, file: String) throws -> Query {
        var source = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !source.hasPrefix("?-") { source = "?- " + source }
        if !source.hasSuffix(".") { source += "." }
        let program = try Program.parse(source, file: file)
        guard let q = program.queries.first, program.statements.count == 1 else {
            throw DatalogError("expected one query", at: SourceLocation(file: file, line: 1, column: 1))
        }
        return q
    }

    // MARK: - Plans

    /// The evaluation plans of the loaded rules, stratum by stratum, as text (the format is
    /// described in `PlanText.swift`). Planning happens once until the rules change.
    public func planText() throws -> String {
        programPlan().text(symbols: symbols)
    }

    /// The plan of a query (`?- goal.`, the `?-` optional), as text.
    public func planText(query text: String, file: String = "<query>") throws -> String {
        try planText(for: try parseQuery(text, file: file))
    }

    /// The plan of a parsed query, as text.
    public func planText(for query: Query) throws -> String {
        var checker = Checker(engine: self)
        return planQuery(try checker.check(query)).text(symbols: symbols)
    }

    /// Answers a parsed query: distinct bindings of its variables, sorted.
    public func answer(_ query: Query) throws -> Answer {
        try evaluate()
        cancellation.reset()
        let interned = symbols.checkpoint
        var checker = Checker(engine: self)
        let exec = executor(for: planQuery(try checker.check(query)))
        let emit = exec.emitFrame!
        exec.pendingLimit = options.maxAnswers
        guard exec.run() else {
            symbols.rollBack(to: interned)
            throw exec.failure ?? DatalogError("cancelled", at: query.location)
        }
        if exec.reachedPendingLimit {
            symbols.rollBack(to: interned)
            throw DatalogError(
                "the query has more than \(options.maxAnswers) answers (maxAnswers)", at: query.location,
                hint: "bind more of its variables, or leave out atoms that multiply the answers (a cross product)"
                    + (options.limitNames.answers.map { "; or raise the limit with \($0)" } ?? ""))
        }
        let store = emit.target
        return Answer(query: query.number, variables: query.variables, rows: sortedRows(store, count: store.count))
    }
}
