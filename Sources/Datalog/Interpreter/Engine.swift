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
    private var lastLoad: (ruleCount: Int, baseCounts: [String: Int], relations: Set<String>)?
    private(set) var isEvaluated = false
    /// Whether evaluation keeps every relation in insertion order, so a tuple's evaluation step
    /// (rank) is a range of its store; explanations need that, the first one re-evaluates.
    var recordsRanks = false
    /// Size from which a derived relation that no plan probes keeps its tuples as sorted runs
    /// instead of a hash (see `TupleStore`); tests lower it to exercise that layout.
    var sortedRunsThreshold = 1 << 22
    var evaluationSteps = 0

    public init(options: Options = Options()) {
        self.options = options
    }

    // MARK: - Relations

    func relation(for atom: Atom) throws -> Relation {
        guard let r = relations[atom.relation] else {
            throw unknownRelation(atom.relation, at: atom.location)
        }
        guard r.arity == atom.arguments.count else { throw arityMismatch(r, atom.arguments.count, at: atom.location) }
        return r
    }

    func unknownRelation(_ name: String, at location: SourceLocation) -> DatalogError {
        let suggestion = closest(to: name, among: Array(relations.keys))
        return DatalogError(
            "unknown relation '\(name)'", at: location,
            hint: suggestion.map { "did you mean '\($0)'?" }
                ?? "no fact, rule or .decl defines '\(name)'")
    }

    func arityMismatch(_ r: Relation, _ arity: Int, at location: SourceLocation) -> DatalogError {
        let first = r.declaration?.location ?? r.firstUse
        let whereFirst = first.map { " (at \($0.line):\($0.column))" } ?? ""
        return DatalogError(
            "relation '\(r.name)' is used with \(arity) argument\(arity == 1 ? "" : "s") here but with \(r.arity) elsewhere\(whereFirst)",
            at: location, hint: "a relation has one arity; rename one of them")
    }

    /// Finds or creates a relation, checking its arity.
    @discardableResult
    func declareUse(_ name: String, arity: Int, at location: SourceLocation?) throws -> Relation {
        if let r = relations[name] {
            guard r.arity == arity else {
                throw arityMismatch(r, arity, at: location ?? SourceLocation(file: "<api>", line: 0, column: 0))
            }
            return r
        }
        let r = Relation(name: name, arity: arity)
        r.firstUse = location
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
        let r = try declareUse(name, arity: columns.count, at: nil)
        r.declaration = Declaration(relation: name, columns: columns, location: location)
    }

    /// Adds base facts (EDB) to a relation, creating it if needed. Invalidates earlier evaluation.
    public func insert(relation name: String, tuples: [[Value]]) throws {
        guard let arity = tuples.first?.count ?? relations[name]?.arity else { return }
        lastLoad = nil
        let r = try declareUse(name, arity: arity, at: nil)
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
            throw unknownRelation(name, at: SourceLocation(file: "<api>", line: 0, column: 0))
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

    func isGround(_ atom: Atom) -> Bool {
        atom.arguments.allSatisfy { if case .constant = $0 { return true } else { return false } }
    }

    // MARK: - Loading

    /// Adds a program's declarations, facts, rules and `.input` data after checking them all
    /// (arities, declared types, safety, stratification). On error nothing is added.
    /// Returns the program's queries and output directives for the caller to run.
    @discardableResult
    public func load(_ program: Program) throws -> [Query] {
        let savedRelations = relations
        let before = (ruleCount: rules.count, baseCounts: relations.mapValues(\.baseCount), relations: Set(relations.keys))
        do {
            try loadChecked(program)
            lastLoad = before
        } catch {
            // New relations created by a failed load are dropped; existing ones were not modified.
            relations = savedRelations
            throw error
        }
        return program.queries
    }

    private func loadChecked(_ program: Program) throws {
        // 1. Declarations and arities of every use.
        for statement in program.statements {
            if case .declaration(let d) = statement {
                if let r = relations[d.relation], r.declaration != nil {
                    if r.arity != d.columns.count { throw arityMismatch(r, d.columns.count, at: d.location) }
                    continue
                }
                let r = try declareUse(d.relation, arity: d.columns.count, at: d.location)
                r.declaration = d
            }
        }
        func use(_ a: Atom) throws { try declareUse(a.relation, arity: a.arguments.count, at: a.location) }
        func useAll(_ literals: [Literal]) throws {
            for l in literals {
                switch l {
                case .positive(let a), .negative(let a, _):
                    if relations[a.relation] != nil || definedNames.contains(a.relation) {
                        try use(a)
                    } else {
                        throw unknownRelation(a.relation, at: a.location)
                    }
                    for e in a.arguments { try useAggregates(e) }
                case .comparison(_, let x, let y, _):
                    try useAggregates(x)
                    try useAggregates(y)
                case .predicate(_, _, let args, _): for e in args { try useAggregates(e) }
                }
            }
        }
        func useAggregates(_ e: Expression) throws {
            switch e {
            case .aggregate(_, let t, let body, _):
                if let t { try useAggregates(t) }
                try useAll(body)
            case .negate(let x, _): try useAggregates(x)
            case .binary(_, let a, let b, _):
                try useAggregates(a)
                try useAggregates(b)
            case .call(_, let args, _): for a in args { try useAggregates(a) }
            default: break
            }
        }
        var definedNames = Set<String>()
        for statement in program.statements {
            switch statement {
            case .rule(let r): definedNames.insert(r.head.relation)
            case .directive(.input(let name, _, _)): definedNames.insert(name)
            default: break
            }
        }
        for statement in program.statements {
            if case .rule(let r) = statement { try use(r.head) }
        }
        for statement in program.statements {
            switch statement {
            case .rule(let r): try useAll(r.body)
            case .query(let q): try useAll(q.body)
            case .directive(.input(let name, _, let l)), .directive(.output(let name, _, let l)),
                .directive(.printSize(let name, let l)):
                if relations[name] == nil { throw unknownRelation(name, at: l) }
            default: break
            }
        }
        // 2. Rule safety, checked by planning each rule once.
        var newRules: [RuleEntry] = []
        for statement in program.statements {
            guard case .rule(let written) = statement else { continue }
            let rule = coercingTypedColumns(written)
            try checkHead(rule.head)
            let head = relations[rule.head.relation]!
            if rule.body.isEmpty, isGround(rule.head) {
                try checkTypes(rule.head, relation: head)
            } else {
                do {
                    _ = try planRule(rule, target: .relation(head.name), deltaAtom: nil, recursive: [])
                } catch var error as DatalogError where head.declaration?.isInline == true {
                    // Soufflé substitutes an `inline` relation's rules into their callers, where
                    // such a rule can become safe; here it is an ordinary relation.
                    error.message = "not supported: inlining '\(head.name)' (declared inline) into its callers; " + error.message
                    error.hint = "bind every head variable in the rule's own body, or drop `inline` and join the relation"
                    throw error
                }
            }
            newRules.append(RuleEntry(rule: rule, head: head))
        }
        for query in program.queries { _ = try planQuery(query) }
        // 3. Stratification over old and new rules.
        let allRules = rules + newRules
        let newStrata = try stratify(allRules)
        // Everything checked: commit. A program of queries only keeps the evaluated database.
        let readsInput = program.statements.contains { if case .directive(.input) = $0 { return true } else { return false } }
        if !newRules.isEmpty || readsInput { invalidate() }
        for entry in newRules {
            if entry.rule.body.isEmpty, isGround(entry.rule.head) {
                let types = entry.head.declaration?.columns.map(\.type)
                let values = entry.rule.head.arguments.enumerated().map { (c, e) -> Int in
                    if case .constant(let v, _) = e { return factTerm(v, type: types?[c]) }
                    return 0
                }
                _ = entry.head.add(values)
                entry.head.baseCount = entry.head.count
            } else {
                rules.append(entry)
            }
        }
        strata = newStrata
        for statement in program.statements {
            if case .directive(.input(let name, let parameters, let l)) = statement {
                try readFacts(relations[name]!, parameters: parameters, at: l)
            }
        }
    }

    /// Takes back the rules and facts of the last successful `load` (for a REPL whose last input
    /// made evaluation fail, e.g. a runaway rule). Relations that load created disappear unless
    /// `insert` added to them since. Returns false when there is nothing to undo.
    @discardableResult
    public func undoLastLoad() -> Bool {
        guard let last = lastLoad else { return false }
        discardDerived()
        rules.removeLast(rules.count - last.ruleCount)
        for (name, relation) in relations {
            if let base = last.baseCounts[name] {
                relation.store.truncate(to: base)
                relation.baseCount = base
            } else if !last.relations.contains(name) {
                relations[name] = nil
            }
        }
        strata = (try? stratify(rules)) ?? strata
        lastLoad = nil
        return true
    }

    func checkHead(_ head: Atom) throws {
        func visit(_ e: Expression) throws {
            switch e {
            case .anonymous(let l):
                throw DatalogError(
                    "'_' cannot appear in a rule head", at: l,
                    hint: "a head must give every column a value: use a variable bound in the body, or a constant")
            case .aggregate(_, _, _, let l):
                throw DatalogError(
                    "an aggregate cannot appear in a head", at: l,
                    hint: "bind it in the body: `n = count : { r(x) }`, then use n in the head")
            case .negate(let x, _): try visit(x)
            case .binary(_, let a, let b, _):
                try visit(a)
                try visit(b)
            case .call(_, let args, _): for a in args { try visit(a) }
            default: break
            }
        }
        for e in head.arguments { try visit(e) }
    }

    func checkTypes(_ atom: Atom, relation: Relation) throws {
        guard let d = relation.declaration else { return }
        for (c, e) in atom.arguments.enumerated() {
            guard case .constant(let v, let l) = e else { continue }
            let type = d.columns[c].type
            let fits: Bool
            switch (v, type) {
            case (.symbol, .symbol), (.number, .number), (.float, .float), (.number, .float), (.unsigned, .unsigned),
                (.record, .record), (.branch, .adt):
                fits = true
            case (.number(let n), .unsigned): fits = n >= 0
            default: fits = false
            }
            if !fits {
                throw DatalogError(
                    "type mismatch: column '\(d.columns[c].name)' of '\(relation.name)' is a \(type.rawValue), got \(v)",
                    at: l, hint: type == .symbol ? "symbols are double-quoted: \"\(v.text)\"" : "numbers are written without quotes")
            }
        }
    }

    /// The rule with integer constants in float and unsigned columns written as floats and
    /// unsigned numbers, as facts store them, so that `c(1, y)` finds the tuple `c(1.0, 2.0)` and
    /// `c(1, 2)` derives it.
    func coercingTypedColumns(_ rule: Rule) -> Rule {
        var out = rule
        out.head = coercingTypedColumns(rule.head)
        out.body = rule.body.map(coercingTypedColumns)
        return out
    }

    func coercingTypedColumns(_ a: Atom) -> Atom {
        guard let columns = relations[a.relation]?.declaration?.columns, columns.count == a.arguments.count else {
            return Atom(relation: a.relation, arguments: a.arguments.map(coercingTypedColumns), location: a.location)
        }
        var out = a
        out.arguments = zip(a.arguments, columns).map { (e, column) in
            if case .constant(let v, let l) = e { return .constant(coerced(v, to: column.type), l) }
            return coercingTypedColumns(e)
        }
        return out
    }

    func coercingTypedColumns(_ e: Expression) -> Expression {
        switch e {
        case .variable, .anonymous, .constant: return e
        case .negate(let x, let l): return .negate(coercingTypedColumns(x), l)
        case .binary(let op, let a, let b, let l): return .binary(op, coercingTypedColumns(a), coercingTypedColumns(b), l)
        case .call(let f, let args, let l): return .call(f, args.map(coercingTypedColumns), l)
        case .record(let args, let l): return .record(args.map(coercingTypedColumns), l)
        case .branch(let f, let args, let l): return .branch(f, args.map(coercingTypedColumns), l)
        case .aggregate(let kind, let target, let body, let l):
            return .aggregate(kind, target.map(coercingTypedColumns), body.map(coercingTypedColumns), l)
        }
    }

    func coercingTypedColumns(_ l: Literal) -> Literal {
        switch l {
        case .positive(let a): return .positive(coercingTypedColumns(a))
        case .negative(let a, let at): return .negative(coercingTypedColumns(a), at)
        case .comparison(let op, let a, let b, let at): return .comparison(op, coercingTypedColumns(a), coercingTypedColumns(b), at)
        case .predicate(let f, let negated, let args, let at): return .predicate(f, negated: negated, args.map(coercingTypedColumns), at)
        }
    }

    /// A fact's value for a column: integers in float columns become floats, in unsigned columns
    /// unsigned numbers.
    func factTerm(_ v: Value, type: ValueType?) -> Term {
        symbols.term(type.map { coerced(v, to: $0) } ?? v)
    }

    func coerced(_ v: Value, to type: ValueType) -> Value {
        switch (v, type) {
        case (.number(let n), .float): return .float(Double(n))
        case (.number(let n), .unsigned) where n >= 0: return .unsigned(UInt64(n))
        default: return v
        }
    }

    // MARK: - Planning

    /// Plans a rule body; `deltaAtom` is the body position (among all literals) read as delta,
    /// positions in `recursive` before it read old tuples. `preBound` names head variables bound in
    /// advance (explanations), and `expected` makes the plan end in `capture` (find one derivation of
    /// that head tuple) instead of `emit`; `target` says where emitted tuples go.
    func planRule(
        _ rule: Rule, target: PlanTarget, deltaAtom: Int?, recursive: [Int],
        preBound: [String] = [], expected: [Term]? = nil
    ) throws -> RulePlan {
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
        try planner.plan(
            items, bound: &bound, outside: outside, ranges: ranges,
            first: deltaAtom.map { literalItem[$0] })
        for e in rule.head.arguments {
            for (v, l) in variables(of: e) where !bound.contains(v) {
                throw DatalogError(
                    "variable '\(v)' in the head of '\(rule.head.relation)' is not bound by a positive body atom",
                    at: l,
                    hint: rule.body.isEmpty
                        ? "a fact must be ground: use constants like \"text\" or 42 (bare names are variables)"
                        : "use '\(v)' in a body atom such as r(\(v)), or bind it with \(v) = expression")
            }
        }
        let arguments = try rule.head.arguments.map { try planner.compile($0, bound: bound) }
        let terminal: PlanStep = expected.map { .capture(arguments, expected: $0) } ?? .emit(arguments)
        return RulePlan(
            steps: planner.finish(with: terminal), registerNames: planner.registerNames, atoms: planner.atoms,
            target: expected == nil ? target : .capture, source: rule.text, location: rule.location,
            deltaLiteral: deltaAtom)
    }

    func planQuery(_ query: Query) throws -> RulePlan {
        var planner = Planner(engine: self)
        let items = planner.normalize(query.body.map(coercingTypedColumns))
        var outside: [String: Int] = [:]
        for v in query.variables { outside[v] = 1 }
        var bound = Set<String>()
        try planner.plan(items, bound: &bound, outside: outside)
        let arguments = try query.variables.map { v -> CompiledExpression in
            guard bound.contains(v), let r = planner.registers[v] else {
                let l = deepVariables(query.body).first { $0.0 == v }?.1 ?? query.location
                throw DatalogError(
                    "variable '\(v)' of the query is not bound by a positive atom", at: l,
                    hint: "use it in an atom of the query, or replace it by _")
            }
            return .register(r)
        }
        return RulePlan(
            steps: planner.finish(with: .emit(arguments)), registerNames: planner.registerNames,
            atoms: planner.atoms, target: .answers, source: query.text, location: query.location,
            deltaLiteral: nil)
    }

    // MARK: - Stratification

    /// Strongly connected components of the predicate dependency graph, in evaluation order.
    /// Negation and aggregation must point to lower strata.
    func stratify(_ rules: [RuleEntry]) throws -> [[Relation]] {
        struct Edge {
            let from: String
            let negative: Bool
            let location: SourceLocation
            var viaAggregate = false
        }
        var edges: [String: [Edge]] = [:]  // head → body dependencies
        func collect(_ literals: [Literal], negative: Bool, into out: inout [Edge]) {
            for l in literals {
                switch l {
                case .positive(let a):
                    out.append(Edge(from: a.relation, negative: negative, location: a.location, viaAggregate: negative))
                    for e in a.arguments { collect(e, into: &out) }
                case .negative(let a, let loc): out.append(Edge(from: a.relation, negative: true, location: loc))
                case .comparison(_, let x, let y, _):
                    collect(x, into: &out)
                    collect(y, into: &out)
                case .predicate(_, _, let args, _): for e in args { collect(e, into: &out) }
                }
            }
        }
        func collect(_ e: Expression, into out: inout [Edge]) {
            switch e {
            case .aggregate(_, let t, let body, _):
                if let t { collect(t, into: &out) }
                collect(body, negative: true, into: &out)
            case .negate(let x, _): collect(x, into: &out)
            case .binary(_, let a, let b, _):
                collect(a, into: &out)
                collect(b, into: &out)
            case .call(_, let args, _): for a in args { collect(a, into: &out) }
            default: break
            }
        }
        for entry in rules {
            var out: [Edge] = []
            collect(entry.rule.body, negative: false, into: &out)
            edges[entry.head.name, default: []] += out
        }
        // Tarjan's algorithm; components come out dependencies first.
        let names = relations.keys.sorted()
        var index: [String: Int] = [:]
        var low: [String: Int] = [:]
        var onStack = Set<String>()
        var stack: [String] = []
        var components: [[String]] = []
        var counter = 0
        func connect(_ v: String) {
            index[v] = counter
            low[v] = counter
            counter += 1
            stack.append(v)
            onStack.insert(v)
            for e in edges[v] ?? [] {
                if index[e.from] == nil {
                    connect(e.from)
                    low[v] = min(low[v]!, low[e.from]!)
                } else if onStack.contains(e.from) {
                    low[v] = min(low[v]!, index[e.from]!)
                }
            }
            if low[v] == index[v] {
                var component: [String] = []
                while true {
                    let w = stack.removeLast()
                    onStack.remove(w)
                    component.append(w)
                    if w == v { break }
                }
                components.append(component)
            }
        }
        for v in names where index[v] == nil { connect(v) }
        for component in components {
            let members = Set(component)
            for head in component.sorted() {
                for e in edges[head] ?? [] where e.negative && members.contains(e.from) {
                    let cycle = path(from: e.from, to: head, within: members, edges: edges.mapValues { $0.map(\.from) })
                    let named = ([head] + cycle).joined(separator: " → ")
                    let how = e.viaAggregate ? "an aggregate over" : "the negation of"
                    let through = e.from == head ? "itself" : "'\(e.from)', which depends on '\(head)'"
                    throw DatalogError(
                        "recursion through \(e.viaAggregate ? "aggregation" : "negation"): \(named)", at: e.location,
                        hint: "'\(head)' depends on \(how) \(through); negation and aggregates must only use relations computed before (stratification)")
                }
            }
        }
        return components.map { $0.sorted().map { relations[$0]! } }
    }

    /// A dependency path `from` → … → `to` inside one component (each step: a head using the previous).
    private func path(from: String, to: String, within members: Set<String>, edges: [String: [String]]) -> [String] {
        var dependents: [String: [String]] = [:]
        for (head, bodies) in edges where members.contains(head) {
            for b in bodies where members.contains(b) { dependents[b, default: []].append(head) }
        }
        var previous: [String: String] = [:]
        var queue = [from]
        var seen: Set<String> = [from]
        while !queue.isEmpty && previous[to] == nil {
            let v = queue.removeFirst()
            for w in (dependents[v] ?? []).sorted() where !seen.contains(w) {
                seen.insert(w)
                previous[w] = v
                queue.append(w)
            }
        }
        var result = [to]
        var v = to
        while v != from, let p = previous[v] {
            result.append(p)
            v = p
        }
        return result.reversed()
    }

    // MARK: - Evaluation

    /// Computes all relations (stratum by stratum, semi-naively). Does nothing when up to date.
    public func evaluate() throws {
        if isEvaluated { return }
        // Planned before the checkpoint: the constants a plan interned stay for the next run.
        let plan = try programPlan()
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
            if recordsRanks || r.choosesTuples || !derivedRelations.contains(ObjectIdentifier(r)) {
                r.store.useIndexes()
            } else {
                r.store.useSortedRuns(from: sortedRunsThreshold)
            }
        }
        evaluationSteps = 0
        symbols.autoincrement = 0
        var derived = 0
        for (stratum, stratumPlan) in zip(strata, plan.strata) {
            let executorsOnce = stratumPlan.once.map(executor(for:))
            let executorsRecursive = stratumPlan.recursive.map(executor(for:))
            evaluationSteps += 1
            for exec in executorsOnce { try run(exec, derived: &derived) }
            for r in stratum {
                if r.count > r.versions.recentEnd { r.steps.append((evaluationSteps, r.count)) }
                r.versions.makeAllRecent(count: r.count)
                r.store.settle(r.versions)
            }
            try removeSubsumed(stratumPlan.subsumptions)
            var iterations = 0
            while !executorsRecursive.isEmpty && stratum.contains(where: \.versions.hasRecent) {
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
                for r in stratum {
                    if r.count > r.versions.recentEnd { r.steps.append((evaluationSteps, r.count)) }
                    r.versions.advance(to: r.count)
                    r.store.settle(r.versions)
                }
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

    /// The plans of the current rules, by stratum: made once, until the rules change.
    func programPlan() throws -> ProgramPlan {
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
                    subsumptions.append(try planRule(entry.rule, target: .dominated(entry.head.name), deltaAtom: nil, recursive: []))
                    continue
                }
                var positions: [Int] = []
                for (i, l) in entry.rule.body.enumerated() {
                    if case .positive(let a) = l, members.contains(a.relation) { positions.append(i) }
                }
                let target = PlanTarget.relation(entry.head.name)
                if positions.isEmpty {
                    once.append(try planRule(entry.rule, target: target, deltaAtom: nil, recursive: []))
                } else {
                    for p in positions {
                        recursive.append(try planRule(entry.rule, target: target, deltaAtom: p, recursive: positions))
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
        Executor(plan: plan, relations: relations, symbols: symbols, cancellation: cancellation, options: options)
    }

    private func run(_ exec: Executor, derived: inout Int) throws {
        guard let emit = exec.emitFrame, case .relation(let name) = exec.plan.target else { return }
        // With a choice domain, a tuple is kept only if its keys are new (the relation decides).
        let choosing = relations[name].flatMap { $0.choosesTuples ? $0 : nil }
        let store = emit.target
        let arity = emit.arguments.count
        exec.pendingLimit = Engine.pendingCells(tuples: options.maxTuples - derived, arity: arity)
        guard exec.run() else { throw exec.failure ?? DatalogError("cancelled", at: nil) }
        if let choosing {
            let pending = emit.pending
            emit.pending.removeAll(keepingCapacity: true)
            pending.withUnsafeBufferPointer { buffer in
                var i = 0
                let width = max(arity, 1)
                while i < buffer.count {
                    if choosing.add(buffer.baseAddress! + i) { derived += 1 }
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
        try programPlan().text(symbols: symbols)
    }

    /// The plan of a query (`?- goal.`, the `?-` optional), as text.
    public func planText(query text: String, file: String = "<query>") throws -> String {
        try planText(for: try parseQuery(text, file: file))
    }

    /// The plan of a parsed query, as text.
    public func planText(for query: Query) throws -> String {
        try planQuery(query).text(symbols: symbols)
    }

    /// Answers a parsed query: distinct bindings of its variables, sorted.
    public func answer(_ query: Query) throws -> Answer {
        try evaluate()
        cancellation.reset()
        let interned = symbols.checkpoint
        let exec = executor(for: try planQuery(query))
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
