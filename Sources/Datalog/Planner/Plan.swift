// Rule plans: a rule body becomes a sequence of steps over registers (one per variable); atoms
// are scans, index probes or membership tests chosen so bound columns drive lookups. Plans are
// immutable values; the interpreter (`Executor`) builds the run state it needs from them.

/// Which version of a relation an atom reads during semi-naive evaluation (see `SemiNaiveVersions`).
enum TupleRange: Sendable {
    /// Stable and recent tuples: everything known at the start of the round.
    case full
    /// The recent tuples: those new in the previous round.
    case delta
    /// The stable tuples: everything before the previous round.
    case old
}

/// The slot that holds one variable's value while a plan runs.
struct Register: Hashable, Sendable {
    let number: Int
}

/// Compiled expression over registers; operations keep their position for run-time errors.
indirect enum CompiledExpression: Sendable {
    case register(Register)
    case constant(Term)
    case negate(CompiledExpression, SourceLocation)
    case binary(BinaryOperator, CompiledExpression, CompiledExpression, SourceLocation)
    case call(BuiltinFunction, [CompiledExpression], SourceLocation)
    /// Builds a record (interning it).
    case record([CompiledExpression])
    /// Builds a branch `$Name(…)`; the name is a symbol term.
    case branch(Term, [CompiledExpression])
}

/// How `[x, _, 3] = value` takes a record (or `$Name(x) = value` a branch) apart: the value must
/// have the shape; unbound variables are bound, bound parts compared.
indirect enum CompiledPattern: Sendable {
    case bind(Register)
    case check(CompiledExpression)
    case ignore
    case record([CompiledPattern])
    case branch(Term, [CompiledPattern])
}

/// A column of an atom paired with a register: the column binds it, or (a variable repeated
/// inside the atom) is checked against it.
struct ColumnRegister: Sendable {
    let column: Int
    let register: Register
}

/// How one atom is read: its relation and version, the columns looked up (`keyColumns`, with
/// the values `key` computes), and what the other columns do.
struct AtomAccess: Sendable {
    let relation: String
    let arity: Int
    let range: TupleRange
    /// Position among the plan's positive atoms, whose matched tuples explanations read; nil for a negation.
    let ordinal: Int?
    let keyColumns: [Int]
    let key: [CompiledExpression]
    let binds: [ColumnRegister]
    let checks: [ColumnRegister]
}

/// An aggregate: its body runs from `bodyStart` (after the plan's terminal step) up to its
/// `accumulate`, once per binding of the grouping variables.
struct AggregateStep: Sendable {
    /// Numbers the aggregates of a plan (0, 1, …), for their run-time accumulators.
    let number: Int
    let kind: AggregateKind
    let target: CompiledExpression?
    let result: Register
    let resultIsBound: Bool
    let location: SourceLocation
    var bodyStart = 0
}

/// One step of a plan. Steps nest: each runs the next one for every binding it produces.
enum PlanStep: Sendable {
    /// Every tuple of the version (no column bound).
    case scan(AtomAccess)
    /// The tuples whose key columns equal the key, through a hash index on those columns.
    case probe(AtomAccess)
    /// Whether a tuple with the key exists (all columns bound, or a negation when `negated`).
    case member(AtomAccess, negated: Bool)
    case filter(ComparisonOperator, CompiledExpression, CompiledExpression)
    case predicate(String, negated: Bool, CompiledExpression, CompiledExpression, SourceLocation)
    case assign(Register, CompiledExpression)
    /// `[x, y] = value`: takes the value apart (see `CompiledPattern`).
    case unpack(CompiledPattern, CompiledExpression)
    /// `x = range(from, to[, step])`: binds the register to each value in turn.
    case generate(Register, [CompiledExpression], SourceLocation)
    case aggregate(AggregateStep)
    /// The end of an aggregate's body: adds the binding to the aggregate numbered so.
    case accumulate(AggregateStep)
    /// Collects the values (the head's arguments, or a query's variables) as a tuple.
    case emit([CompiledExpression])
    /// Explanations: stop at the first binding whose values equal the expected tuple
    /// (the caller then reads the matched tuples).
    case capture([CompiledExpression], expected: [Term])
}

/// Where a plan's tuples go.
enum PlanTarget: Sendable, Equatable {
    /// Derived tuples of the relation.
    case relation(String)
    /// Tuples a subsumption rule found dominated in the relation, collected apart.
    case dominated(String)
    /// A query's answers.
    case answers
    /// Explanations: nothing is collected, the run stops at the expected tuple.
    case capture
}

/// A positive atom of a plan, by ordinal: where it is written (explanations list matches in body order).
struct PlannedAtom: Sendable {
    let relation: String
    let location: SourceLocation
}

/// An immutable plan of one rule version (or query): the steps in order, the variable of each
/// register, and where the tuples go. The interpreter (`Executor`) keeps all run state.
struct RulePlan: Sendable {
    let steps: [PlanStep]
    /// Variable names by register number.
    let registerNames: [String]
    let atoms: [PlannedAtom]
    let target: PlanTarget
    /// The rule or query as written, and where.
    let source: String
    let location: SourceLocation?
    /// The body position (among all literals) of the atom read as delta in a recursive version.
    let deltaLiteral: Int?

    func register(named name: String) -> Register? {
        registerNames.firstIndex(of: name).map(Register.init(number:))
    }

    var emitArity: Int {
        for step in steps { if case .emit(let values) = step { return values.count } }
        return 0
    }
}

/// A body literal after aggregates were lifted out of expressions into their own items.
enum BodyItem {
    case atom(Atom)
    case negation(Atom)
    case condition(Literal)
    /// Binds the hidden variable `result` to the aggregate's value.
    case aggregate(result: String, kind: AggregateKind, target: Expression?, body: [Literal], location: SourceLocation)

    var location: SourceLocation {
        switch self {
        case .atom(let a), .negation(let a): return a.location
        case .condition(let l): return l.location
        case .aggregate(_, _, _, _, let l): return l
        }
    }
}

func variables(of e: Expression) -> [(String, SourceLocation)] {
    var out: [(String, SourceLocation)] = []
    e.collectVariables(into: &out)
    return out
}

/// All variables of a literal list, including inside aggregates.
func deepVariables(_ literals: [Literal]) -> [(String, SourceLocation)] {
    var out: [(String, SourceLocation)] = []
    func visit(_ e: Expression) {
        switch e {
        case .variable(let n, let l): out.append((n, l))
        case .anonymous, .constant: break
        case .negate(let x, _): visit(x)
        case .binary(_, let a, let b, _):
            visit(a)
            visit(b)
        case .call(_, let args, _), .record(let args, _), .branch(_, let args, _): args.forEach(visit)
        case .aggregate(_, let t, let body, _):
            if let t { visit(t) }
            out += deepVariables(body)
        }
    }
    for l in literals {
        switch l {
        case .positive(let a), .negative(let a, _): a.arguments.forEach(visit)
        case .comparison(_, let a, let b, _):
            visit(a)
            visit(b)
        case .predicate(_, _, let args, _): args.forEach(visit)
        }
    }
    return out
}

/// Turns rule bodies into operation lists. One planner per rule (or query); registers are per variable name.
struct Planner {
    let engine: Engine
    var registers: [String: Register] = [:]
    var steps: [PlanStep] = []
    var hiddenCount = 0
    var aggregateCount = 0
    /// Positive atoms in plan order (for explanations).
    var atoms: [PlannedAtom] = []

    init(engine: Engine) { self.engine = engine }

    mutating func register(_ name: String) -> Register {
        if let r = registers[name] { return r }
        let r = Register(number: registers.count)
        registers[name] = r
        return r
    }

    /// Variable names by register number.
    var registerNames: [String] {
        var names = [String](repeating: "", count: registers.count)
        for (name, r) in registers { names[r.number] = name }
        return names
    }

    /// For each literal of the last `normalize` call, the position of its item.
    var literalItems: [Int] = []

    mutating func normalize(_ literals: [Literal]) -> [BodyItem] {
        var items: [BodyItem] = []
        literalItems = []
        func lift(_ e: Expression) -> Expression {
            switch e {
            case .aggregate(let kind, let target, let body, let l):
                let name = "$agg\(hiddenCount)"
                hiddenCount += 1
                items.append(.aggregate(result: name, kind: kind, target: target, body: body, location: l))
                return .variable(name, l)
            case .negate(let x, let l): return .negate(lift(x), l)
            case .binary(let op, let a, let b, let l): return .binary(op, lift(a), lift(b), l)
            case .call(.range, let args, let l):
                // A generator of values: its own condition `$range = range(…)`, placed once its bounds are bound.
                let name = "$range\(hiddenCount)"
                hiddenCount += 1
                items.append(.condition(.comparison(.equal, .variable(name, l), .call(.range, args.map(lift), l), l)))
                return .variable(name, l)
            case .call(let n, let args, let l): return .call(n, args.map(lift), l)
            case .record(let args, let l): return .record(args.map(lift), l)
            case .branch(let n, let args, let l): return .branch(n, args.map(lift), l)
            default: return e
            }
        }
        for literal in literals {
            switch literal {
            case .positive(var a):
                // `r(n - 1, y)` reads as `r(t, y), t = n - 1`, so the atom can also bind `t` first.
                var conditions: [BodyItem] = []
                for (c, arg) in a.arguments.enumerated() {
                    switch arg {
                    case .variable, .constant, .anonymous: continue
                    default:
                        let name = "$arg\(hiddenCount)"
                        hiddenCount += 1
                        a.arguments[c] = .variable(name, arg.location)
                        conditions.append(.condition(.comparison(.equal, .variable(name, arg.location), lift(arg), arg.location)))
                    }
                }
                literalItems.append(items.count)
                items.append(.atom(a))
                items += conditions
            case .negative(let a, _):
                literalItems.append(items.count)
                items.append(.negation(a))
            case .comparison(let op, let a, let b, let l):
                let x = lift(a)
                let y = lift(b)
                literalItems.append(items.count)
                items.append(.condition(.comparison(op, x, y, l)))
            case .predicate(let n, let negated, let args, let l):
                let lifted = args.map(lift)
                literalItems.append(items.count)
                items.append(.condition(.predicate(n, negated: negated, lifted, l)))
            }
        }
        return items
    }

    func itemVariables(_ item: BodyItem) -> [(String, SourceLocation)] {
        switch item {
        case .atom(let a), .negation(let a): return a.arguments.flatMap(variables(of:))
        case .condition(let l): return deepVariables([l])
        case .aggregate(_, _, let target, let body, _):
            return (target.map(variables(of:)) ?? []) + deepVariables(body)
        }
    }

    func compile(_ e: Expression, bound: Set<String>) -> CompiledExpression {
        switch e {
        case .variable(let n, _):
            // The checker's grounding places what binds a variable before its uses, as `plan` does.
            guard bound.contains(n), let r = registers[n] else { preconditionFailure("variable '\(n)' of a checked rule is bound before it is used") }
            return .register(r)
        case .anonymous:
            preconditionFailure("the checker rejects '_' in an expression")
        case .constant(let v, _): return .constant(engine.symbols.term(v))
        case .negate(let x, let l): return .negate(compile(x, bound: bound), l)
        case .binary(let op, let a, let b, let l): return .binary(op, compile(a, bound: bound), compile(b, bound: bound), l)
        case .call(let function, let args, let l):
            // `max(a, b, c)` is `max(max(a, b), c)`.
            if function == .min || function == .max, args.count > 2 {
                let folded = args.dropFirst(2).reduce(Expression.call(function, Array(args.prefix(2)), l)) { .call(function, [$0, $1], l) }
                return compile(folded, bound: bound)
            }
            // The checker counts the arguments and keeps `range` out of heads; a body's `range` is a generator (`normalize`).
            precondition(function != .range && function.arity.contains(args.count), "a checked call of \(function.rawValue)")
            return .call(function, args.map { compile($0, bound: bound) }, l)
        case .record(let fields, _): return .record(fields.map { compile($0, bound: bound) })
        case .branch(let name, let fields, _): return .branch(engine.symbols.intern(name), fields.map { compile($0, bound: bound) })
        case .aggregate:
            // `normalize` lifts a body's aggregates into steps; the checker rejects them in heads,
            // negated atoms and aggregate targets.
            preconditionFailure("an aggregate of a checked rule is lifted before it is compiled")
        }
    }

    /// A record or branch pattern: its unbound variables bind (a repeated one then compares), `_`
    /// matches anything, and everything else is an expression compared with the part.
    mutating func compilePattern(_ e: Expression, bound: inout Set<String>) -> CompiledPattern {
        switch e {
        case .anonymous: return .ignore
        case .variable(let v, _) where !bound.contains(v):
            bound.insert(v)
            return .bind(register(v))
        case .record(let fields, _): return .record(fields.map { compilePattern($0, bound: &bound) })
        case .branch(let name, let fields, _):
            return .branch(engine.symbols.intern(name), fields.map { compilePattern($0, bound: &bound) })
        default: return .check(compile(e, bound: bound))
        }
    }

    /// Plans `items` given the variables already `bound`; `ranges` chooses delta/old reads for atom items,
    /// `first` is an atom item to place first (the delta atom).
    mutating func plan(
        _ items: [BodyItem], bound: inout Set<String>, outside: [String: Int],
        ranges: [Int: TupleRange] = [:], first: Int? = nil
    ) {
        // How many items (plus the head) mention each variable: a variable only in one negation is a wildcard.
        var mentions = outside
        // Variables used outside every aggregate: an aggregate groups by those it shares with them.
        var plain = Set(outside.keys)
        for item in items {
            let vars = Set(itemVariables(item).map(\.0))
            for v in vars { mentions[v, default: 0] += 1 }
            if case .aggregate = item { continue }
            plain.formUnion(vars)
        }
        var placed = [Bool](repeating: false, count: items.count)
        var remaining = items.count
        var nextAtom = first
        // The unplaced conditions and atoms in body order, and the atoms' arguments with variables
        // as numbers: choosing among n atoms n times then costs integer checks, not string hashing.
        var conditions: [Int] = []
        var atomItems: [Int] = []
        var atomArguments = [[AtomArgument]](repeating: [], count: items.count)
        var variableNumbers: [String: Int] = [:]
        func number(_ v: String) -> Int {
            if let k = variableNumbers[v] { return k }
            variableNumbers[v] = variableNumbers.count
            return variableNumbers.count - 1
        }
        for (i, item) in items.enumerated() {
            guard case .atom(let a) = item else {
                conditions.append(i)
                continue
            }
            atomItems.append(i)
            atomArguments[i] = a.arguments.map { arg in
                switch arg {
                case .constant: return .constant
                case .anonymous: return .anonymous
                case .variable(let v, _): return .variable(number(v))
                default: return .expression(variables(of: arg).map { number($0.0) })
                }
            }
        }
        var isBound = [Bool](repeating: false, count: variableNumbers.count)
        /// After `item` was placed: the variables it bound are bound for the atoms' scores.
        func refresh(after item: BodyItem) {
            var names = itemVariables(item).map(\.0)
            if case .aggregate(let result, _, _, _, _) = item { names.append(result) }
            for v in names { if let k = variableNumbers[v], bound.contains(v) { isBound[k] = true } }
        }
        for v in bound { if let k = variableNumbers[v] { isBound[k] = true } }
        while remaining > 0 {
            var progress = true
            while progress {
                progress = false
                var k = 0
                while k < conditions.count {
                    let i = conditions[k]
                    if placeIfReady(items[i], bound: &bound, mentions: mentions, plain: plain) {
                        placed[i] = true
                        remaining -= 1
                        progress = true
                        conditions.remove(at: k)
                        refresh(after: items[i])
                    } else {
                        k += 1
                    }
                }
            }
            guard remaining > 0 else { break }
            var best: Int?
            var bestScore = -1
            if let f = nextAtom, !placed[f] {
                best = f
            } else {
                for i in atomItems {
                    var score = 0
                    for arg in atomArguments[i] {
                        switch arg {
                        case .constant: score += 2
                        case .variable(let k): if isBound[k] { score += 2 }
                        case .anonymous: break
                        case .expression(let ks): if ks.allSatisfy({ isBound[$0] }) { score += 2 }
                        }
                    }
                    // Prefer atoms reading the delta: they are the smallest.
                    if ranges[i] == .delta { score += 1 }
                    if score > bestScore {
                        bestScore = score
                        best = i
                    }
                }
            }
            nextAtom = nil
            // The checker (`Grounding`) rejects bodies whose variables nothing binds.
            guard let chosen = best, case .atom(let atom) = items[chosen] else { preconditionFailure("a checked body can be planned") }
            placeAtom(atom, range: ranges[chosen] ?? .full, bound: &bound)
            placed[chosen] = true
            remaining -= 1
            atomItems.removeAll { $0 == chosen }
            refresh(after: items[chosen])
        }
    }

    /// An atom argument as the planner scores it.
    private enum AtomArgument {
        case constant, anonymous
        case variable(Int)
        case expression([Int])
    }

    mutating func placeIfReady(
        _ item: BodyItem, bound: inout Set<String>, mentions: [String: Int],
        plain: Set<String>
    ) -> Bool {
        switch item {
        case .atom: return false
        case .condition(let literal):
            let vars = deepVariables([literal]).map(\.0)
            if case .comparison(.equal, let a, let b, _) = literal {
                if case .variable(let v, _) = a, case .call(.range, let args, let l) = b {
                    guard variables(of: b).allSatisfy({ bound.contains($0.0) }) else { return false }
                    precondition(BuiltinFunction.range.arity.contains(args.count), "the checker counts range's arguments")
                    steps.append(.generate(register(v), args.map { compile($0, bound: bound) }, l))
                    bound.insert(v)
                    return true
                }
                for (target, source) in [(a, b), (b, a)] {
                    if case .variable(let v, _) = target, !bound.contains(v),
                        variables(of: source).allSatisfy({ bound.contains($0.0) }), !source.isPattern(bound: bound)
                    {
                        let e = compile(source, bound: bound)
                        steps.append(.assign(register(v), e))
                        bound.insert(v)
                        return true
                    }
                }
                // `[x, _] = r` with r known: take r apart.
                for (pattern, source) in [(a, b), (b, a)] where pattern.isPattern(bound: bound) {
                    guard variables(of: source).allSatisfy({ bound.contains($0.0) }), !source.isPattern(bound: bound) else { continue }
                    let value = compile(source, bound: bound)
                    steps.append(.unpack(compilePattern(pattern, bound: &bound), value))
                    return true
                }
            }
            guard vars.allSatisfy(bound.contains) else { return false }
            switch literal {
            case .comparison(let op, let a, let b, _):
                steps.append(.filter(op, compile(a, bound: bound), compile(b, bound: bound)))
            case .predicate(let name, let negated, let args, let l):
                steps.append(.predicate(name, negated: negated, compile(args[0], bound: bound), compile(args[1], bound: bound), l))
            default: break
            }
            return true
        case .negation(let atom):
            // A variable only in this negation, once, reads like `_` (repeated, it would need grounding).
            let uses = atom.arguments.flatMap(variables(of:)).map(\.0)
            let wildcard = { (v: String) in mentions[v] == 1 && uses.filter { $0 == v }.count == 1 }
            for arg in atom.arguments {
                for (v, _) in variables(of: arg) where !bound.contains(v) {
                    if case .variable = arg, wildcard(v) { continue }
                    return false
                }
            }
            let relation = engine.relation(for: atom)
            var columns: [Int] = []
            var key: [CompiledExpression] = []
            for (c, arg) in atom.arguments.enumerated() {
                if case .anonymous = arg { continue }
                if case .variable(let v, _) = arg, !bound.contains(v) { continue }
                columns.append(c)
                key.append(compile(arg, bound: bound))
            }
            let access = AtomAccess(
                relation: relation.name, arity: relation.arity, range: .full, ordinal: nil,
                keyColumns: columns, key: key, binds: [], checks: [])
            steps.append(.member(access, negated: true))
            return true
        case .aggregate(let result, let kind, let target, let body, let location):
            // Variables also used outside the aggregate are its grouping variables: they must be bound first.
            var inner = Set((target.map(variables(of:)) ?? []).map(\.0))
            inner.formUnion(deepVariables(body).map(\.0))
            let grouping = inner.filter(plain.contains)
            guard grouping.allSatisfy(bound.contains) else { return false }
            let resultIsBound = bound.contains(result)
            let resultRegister = register(result)
            // Plan the body into a side sequence appended after the main plan; see `finish`.
            var innerBound = bound
            var sub = Planner(engine: engine)
            sub.registers = registers
            sub.hiddenCount = hiddenCount  // hidden names stay unique across the rule
            sub.atoms = atoms
            sub.aggregateCount = aggregateCount + 1
            let subItems = sub.normalize(body)
            var outsideCounts: [String: Int] = [:]
            for v in grouping { outsideCounts[v] = 1 }
            sub.plan(subItems, bound: &innerBound, outside: outsideCounts)
            let compiledTarget = target.map { sub.compile($0, bound: innerBound) }
            let aggregate = AggregateStep(
                number: aggregateCount, kind: kind, target: compiledTarget, result: resultRegister,
                resultIsBound: resultIsBound, location: location)
            registers = sub.registers
            hiddenCount = sub.hiddenCount
            atoms = sub.atoms
            aggregateCount = sub.aggregateCount
            pendingAggregates.append((aggregate, sub.steps))
            pendingAggregates += sub.pendingAggregates
            steps.append(.aggregate(aggregate))
            bound.insert(result)
            return true
        }
    }

    /// Aggregates placed so far, with their bodies' steps, laid out after the terminal step by `finish`.
    var pendingAggregates: [(AggregateStep, [PlanStep])] = []

    mutating func placeAtom(_ atom: Atom, range: TupleRange, bound: inout Set<String>) {
        let relation = engine.relation(for: atom)
        let ordinal = atoms.count
        atoms.append(PlannedAtom(relation: relation.name, location: atom.location))
        var keyColumns: [Int] = []
        var key: [CompiledExpression] = []
        var binds: [ColumnRegister] = []
        var checks: [ColumnRegister] = []
        var newlyBound: Set<String> = []
        for (c, arg) in atom.arguments.enumerated() {
            switch arg {
            case .anonymous: continue
            case .variable(let v, _):
                if bound.contains(v) {
                    keyColumns.append(c)
                    key.append(.register(register(v)))
                } else if newlyBound.contains(v) {
                    checks.append(ColumnRegister(column: c, register: register(v)))
                } else {
                    binds.append(ColumnRegister(column: c, register: register(v)))
                    newlyBound.insert(v)
                }
            default:
                keyColumns.append(c)
                key.append(compile(arg, bound: bound))
            }
        }
        bound.formUnion(newlyBound)
        let access = AtomAccess(
            relation: relation.name, arity: relation.arity, range: range, ordinal: ordinal,
            keyColumns: keyColumns, key: key, binds: binds, checks: checks)
        if keyColumns.count == relation.arity {
            steps.append(.member(access, negated: false))
        } else if keyColumns.isEmpty {
            steps.append(.scan(access))
        } else {
            steps.append(.probe(access))
        }
    }

    /// The steps with the terminal one appended, then the bodies of aggregates (each ending
    /// in `accumulate`), each aggregate step knowing where its body starts.
    func finish(with terminal: PlanStep) -> [PlanStep] {
        var all = steps
        all.append(terminal)
        var starts: [Int: Int] = [:]
        for (aggregate, body) in pendingAggregates {
            starts[aggregate.number] = all.count
            all += body
            all.append(.accumulate(aggregate))
        }
        return all.map { step in
            switch step {
            case .aggregate(var aggregate):
                aggregate.bodyStart = starts[aggregate.number]!
                return .aggregate(aggregate)
            case .accumulate(var aggregate):
                aggregate.bodyStart = starts[aggregate.number]!
                return .accumulate(aggregate)
            default: return step
            }
        }
    }
}
