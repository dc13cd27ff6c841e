// The checker: every diagnostic of a program (declarations, arities, unknown names, heads,
// expressions, types of facts, safety, stratification) against the relations an engine already
// has, without changing the engine; and the program ready for the engine to commit.

/// What a checked program adds to an engine (see `Engine.load`).
struct CheckedProgram {
    /// Relations the program creates, in order of first appearance, with where their arity was set.
    var newRelations: [(name: String, arity: Int, origin: SourceLocation)] = []
    /// Declarations for relations that have none yet (new ones, or ones made without `.decl`).
    var declarations: [Declaration] = []
    /// Ground facts, constants coerced to their columns' types.
    var facts: [Atom] = []
    /// Rules, constants coerced to their columns' types.
    var rules: [Rule] = []
    var inputs: [(relation: String, parameters: [String: String], location: SourceLocation)] = []
    /// `.limitsize`: the most tuples rules may give each relation.
    var sizeLimits: [(relation: String, tuples: Int)] = []
    /// The strata of the engine's rules and the program's together, by relation name.
    var strata: [[String]] = []
}

struct Checker {
    /// A relation's arity and declaration, and where the arity was set.
    private struct Shape {
        var arity: Int
        var declaration: Declaration?
        /// The `.decl`, else the first use; nil for a relation made through the API.
        var origin: SourceLocation?
        var isDeclared: Bool
    }

    private let engine: Engine
    private var shapes: [String: Shape] = [:]
    private var diagnostics: [Diagnostic] = []
    private var checked = CheckedProgram()

    /// A checker against `engine`'s relations and rules (which it only reads).
    init(engine: Engine) {
        self.engine = engine
        for (name, r) in engine.relations {
            shapes[name] = Shape(
                arity: r.arity, declaration: r.declaration, origin: r.origin,
                isDeclared: r.declaration != nil)
        }
    }

    private var coercion: ColumnCoercion {
        let shapes = shapes
        return ColumnCoercion { shapes[$0]?.declaration?.columns.map(\.type) }
    }

    /// Checks `program`; throws a `DatalogError` with all its diagnostics, in source order.
    mutating func check(_ program: Program) throws -> CheckedProgram {
        declare(program)
        var defined = Set<String>()
        for statement in program.statements {
            switch statement {
            case .rule(let r): defined.insert(r.head.relation)
            case .directive(.input(let name, _, _)): defined.insert(name)
            default: break
            }
        }
        for case .rule(let r) in program.statements { use(r.head, creating: true) }
        for statement in program.statements {
            switch statement {
            case .rule(let r): useAll(r.body, defined: defined)
            case .query(let q): useAll(q.body, defined: defined)
            default: break
            }
        }
        for statement in program.statements {
            switch statement {
            case .directive(.input(let name, let parameters, let l)):
                if requireKnown(name, at: l) { checked.inputs.append((name, parameters, l)) }
            case .directive(.output(let name, _, let l)), .directive(.printSize(let name, let l)):
                _ = requireKnown(name, at: l)
            case .directive(.limitSize(let name, let tuples, let l)):
                if requireKnown(name, at: l) { checked.sizeLimits.append((name, tuples)) }
            default: break
            }
        }
        for statement in program.statements {
            switch statement {
            case .rule(let written): checkRule(coercion.rule(written))
            case .query(let q): checkQuery(q)
            default: break
            }
        }
        let rules = engine.rules.map { (head: $0.head.name, body: $0.rule.body) } + checked.rules.map { ($0.head.relation, $0.body) }
        let stratification = Stratification(relations: Array(shapes.keys), rules: rules)
        diagnostics += stratification.diagnostics
        checked.strata = stratification.strata
        guard diagnostics.isEmpty else { throw DatalogError(diagnostics: diagnostics) }
        return checked
    }

    /// Checks a query against the engine's relations; returns it with constants coerced to
    /// their columns' types.
    mutating func check(_ query: Query) throws -> Query {
        useAll(query.body, defined: [])
        let coerced = checkQuery(query)
        guard diagnostics.isEmpty else { throw DatalogError(diagnostics: diagnostics) }
        return coerced
    }

    // MARK: - Relations

    /// `.decl`s: a new relation takes the declared arity and types; a relation without a
    /// declaration takes them if the arity agrees; a declared one may only be declared alike.
    private mutating func declare(_ program: Program) {
        for case .declaration(let d) in program.statements {
            guard let shape = shapes[d.relation] else {
                shapes[d.relation] = Shape(arity: d.columns.count, declaration: d, origin: d.location, isDeclared: true)
                checked.newRelations.append((d.relation, d.columns.count, d.location))
                checked.declarations.append(d)
                continue
            }
            if shape.arity != d.columns.count {
                arityMismatch(d.relation, shape, d.columns.count, at: d.location, declaring: true)
            } else if let earlier = shape.declaration {
                let types = d.columns.map(\.type)
                let before = earlier.columns.map(\.type)
                if types != before {
                    diagnostics.append(
                        Diagnostic(
                            .error,
                            "relation '\(d.relation)' is declared again with other column types: (\(types.map(\.rawValue).joined(separator: ", "))) instead of (\(before.map(\.rawValue).joined(separator: ", ")))",
                            at: d.location, hint: "a relation has one declaration; rename one of them",
                            notes: [Diagnostic.Note("'\(d.relation)' is first declared here", at: shape.origin)]))
                }
            } else {
                shapes[d.relation]!.declaration = d
                shapes[d.relation]!.isDeclared = true
                checked.declarations.append(d)
            }
        }
    }

    /// A use of `atom`'s relation: its arity must agree; `creating` makes an unknown relation.
    private mutating func use(_ atom: Atom, creating: Bool) {
        if let shape = shapes[atom.relation] {
            if shape.arity != atom.arguments.count { arityMismatch(atom.relation, shape, atom.arguments.count, at: atom.location) }
        } else if creating {
            shapes[atom.relation] = Shape(arity: atom.arguments.count, origin: atom.location, isDeclared: false)
            checked.newRelations.append((atom.relation, atom.arguments.count, atom.location))
        } else {
            unknownRelation(atom.relation, at: atom.location)
        }
    }

    /// The relations of body atoms, in aggregates too; a relation only named by `.input` (in `defined`) is made.
    private mutating func useAll(_ literals: [Literal], defined: Set<String>) {
        for literal in literals {
            switch literal {
            case .positive(let a), .negative(let a, _):
                use(a, creating: defined.contains(a.relation))
                for e in a.arguments { useAggregates(e, defined: defined) }
            case .comparison(_, let x, let y, _):
                useAggregates(x, defined: defined)
                useAggregates(y, defined: defined)
            case .predicate(_, _, let args, _): for e in args { useAggregates(e, defined: defined) }
            }
        }
    }

    private mutating func useAggregates(_ e: Expression, defined: Set<String>) {
        switch e {
        case .aggregate(_, let t, let body, _):
            if let t { useAggregates(t, defined: defined) }
            useAll(body, defined: defined)
        case .negate(let x, _): useAggregates(x, defined: defined)
        case .binary(_, let a, let b, _):
            useAggregates(a, defined: defined)
            useAggregates(b, defined: defined)
        case .call(_, let args, _), .record(let args, _), .branch(_, let args, _):
            for a in args { useAggregates(a, defined: defined) }
        case .variable, .anonymous, .constant: break
        }
    }

    private mutating func requireKnown(_ name: String, at location: SourceLocation) -> Bool {
        guard shapes[name] == nil else { return true }
        unknownRelation(name, at: location)
        return false
    }

    private mutating func unknownRelation(_ name: String, at location: SourceLocation) {
        diagnostics.append(Checker.unknownRelation(name, at: location, among: Array(shapes.keys)))
    }

    static func unknownRelation(_ name: String, at location: SourceLocation?, among names: [String]) -> Diagnostic {
        let suggestion = closest(to: name, among: names)
        return Diagnostic(
            .error, "unknown relation '\(name)'", at: location,
            hint: suggestion.map { "did you mean '\($0)'?" } ?? "no fact, rule or .decl defines '\(name)'")
    }

    private mutating func arityMismatch(_ name: String, _ shape: Shape, _ arity: Int, at location: SourceLocation, declaring: Bool = false) {
        diagnostics.append(
            Checker.arityMismatch(
                name, arity: shape.arity, origin: shape.origin, isDeclared: shape.isDeclared, used: arity, at: location,
                declaring: declaring))
    }

    /// A use (or `.decl`) of `name` with `used` arguments at `location`, against its `arity`
    /// set at `origin` (a note names that place).
    static func arityMismatch(
        _ name: String, arity: Int, origin: SourceLocation?, isDeclared: Bool, used: Int, at location: SourceLocation?,
        declaring: Bool = false
    ) -> Diagnostic {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let message =
            declaring
            ? "relation '\(name)' is declared with \(count(used, "column")) here but used with \(arity) elsewhere"
            : "relation '\(name)' is used with \(count(used, "argument")) here but with \(arity) elsewhere"
        let note: Diagnostic.Note
        if let origin {
            note = Diagnostic.Note(
                isDeclared ? "'\(name)' is declared here with \(count(arity, "column"))" : "'\(name)' is first used here with \(count(arity, "argument"))",
                at: origin)
        } else {
            note = Diagnostic.Note("'\(name)' was made with \(count(arity, "column")) through the engine's API", at: nil)
        }
        return Diagnostic(.error, message, at: location, hint: "a relation has one arity; rename one of them", notes: [note])
    }

    // MARK: - Rules and queries

    private mutating func checkRule(_ rule: Rule) {
        let before = diagnostics.count
        checkHead(rule.head)
        for e in rule.head.arguments { checkExpression(e, inHead: true) }
        checkTypes(rule.head)
        checkBody(rule.body)
        let isFact = rule.body.isEmpty && rule.head.arguments.allSatisfy { if case .constant = $0 { true } else { false } }
        if isFact {
            checked.facts.append(rule.head)
        } else {
            if diagnostics.count == before { checkSafety(rule) }
            checked.rules.append(rule)
        }
    }

    @discardableResult
    private mutating func checkQuery(_ written: Query) -> Query {
        var query = written
        query.body = written.body.map(coercion.literal)
        let before = diagnostics.count
        checkBody(query.body)
        guard diagnostics.count == before else { return query }
        var grounding = Grounding()
        grounding.check(query.body, outside: Set(query.variables))
        let uses = deepVariables(query.body)
        let firstUses = query.variables.map { v in (v, uses.first { $0.0 == v }?.1 ?? query.location) }
        grounding.requireBound(firstUses) { v, l in
            Diagnostic(
                .error, "variable '\(v)' of the query is not bound by a positive atom", at: l,
                hint: "use it in an atom of the query, or replace it by _")
        }
        diagnostics += grounding.diagnostics
        return query
    }

    private mutating func checkSafety(_ rule: Rule) {
        var grounding = Grounding()
        let headVariables = rule.head.arguments.flatMap(variables(of:))
        grounding.check(rule.body, outside: Set(headVariables.map(\.0)))
        grounding.requireBound(headVariables) { v, l in
            Diagnostic(
                .error, "variable '\(v)' in the head of '\(rule.head.relation)' is not bound by a positive body atom", at: l,
                hint: rule.body.isEmpty
                    ? "a fact must be ground: use constants like \"text\" or 42 (bare names are variables)"
                    : "use '\(v)' in a body atom such as r(\(v)), or bind it with \(v) = expression")
        }
        var found = grounding.diagnostics
        if shapes[rule.head.relation]?.declaration?.isInline == true {
            // Soufflé substitutes an `inline` relation's rules into their callers, where such a
            // rule can become safe; here it is an ordinary relation.
            for i in found.indices {
                found[i].message = "not supported: inlining '\(rule.head.relation)' (declared inline) into its callers; " + found[i].message
                found[i].hint = "bind every head variable in the rule's own body, or drop `inline` and join the relation"
            }
        }
        diagnostics += found
    }

    private mutating func checkHead(_ head: Atom) {
        func visit(_ e: Expression) {
            switch e {
            case .anonymous(let l):
                diagnostics.append(
                    Diagnostic(
                        .error, "'_' cannot appear in a rule head", at: l,
                        hint: "a head must give every column a value: use a variable bound in the body, or a constant"))
            case .aggregate(_, _, _, let l):
                diagnostics.append(
                    Diagnostic(
                        .error, "an aggregate cannot appear in a head", at: l,
                        hint: "bind it in the body: `n = count : { r(x) }`, then use n in the head"))
            case .negate(let x, _): visit(x)
            case .binary(_, let a, let b, _):
                visit(a)
                visit(b)
            case .call(_, let args, _), .record(let args, _), .branch(_, let args, _): args.forEach(visit)
            case .variable, .constant: break
            }
        }
        head.arguments.forEach(visit)
    }

    /// Each constant of an atom must fit its declared column.
    private mutating func checkTypes(_ atom: Atom) {
        guard let d = shapes[atom.relation]?.declaration, d.columns.count == atom.arguments.count else { return }
        for (c, e) in atom.arguments.enumerated() {
            guard case .constant(let v, let l) = e else {
                checkComputedType(e, column: d.columns[c], of: atom.relation)
                continue
            }
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
                diagnostics.append(
                    Diagnostic(
                        .error, "type mismatch: column '\(d.columns[c].name)' of '\(atom.relation)' is a \(type.rawValue), got \(v)",
                        at: l, hint: type == .symbol ? "symbols are double-quoted: \"\(v.text)\"" : "numbers are written without quotes"))
            }
        }
    }

    /// A computed value whose type is known without running the rule must be of its column's
    /// type, as Soufflé's type checker requires: `sin(x)` is a float, not a number.
    private mutating func checkComputedType(_ e: Expression, column: (name: String, type: ValueType), of relation: String) {
        guard let type = Checker.staticType(of: e), type != column.type else { return }
        let conversion: String
        switch column.type {
        case .number: conversion = "to_number(…) makes it a number (a float is truncated)"
        case .float: conversion = "to_float(…) makes it a float"
        case .unsigned: conversion = "to_unsigned(…) makes it an unsigned number"
        case .symbol: conversion = "to_string(…) makes it a symbol"
        case .record, .adt: conversion = "declare the column with the value's type"
        }
        diagnostics.append(
            Diagnostic(
                .error, "type mismatch: column '\(column.name)' of '\(relation)' is a \(column.type.rawValue), got a \(type.rawValue) value",
                at: e.location, hint: conversion))
    }

    /// The type every value of `e` has, when the expression alone decides it (variables do not;
    /// an integer constant fits any numeric type).
    static func staticType(of e: Expression) -> ValueType? {
        switch e {
        case .variable, .anonymous: return nil
        case .constant(let v, _):
            switch v {
            case .number: return nil
            case .float: return .float
            case .unsigned: return .unsigned
            case .symbol: return .symbol
            case .record: return .record
            case .branch: return .adt
            }
        case .negate(let x, _): return staticType(of: x)
        case .binary(let op, let a, let b, _):
            let (ta, tb) = (staticType(of: a), staticType(of: b))
            switch op {
            case .add, .subtract, .multiply, .divide, .modulo, .power:
                // One typed operand types the operation (Soufflé's operators are monomorphic);
                // mixed, a float makes a float and an unsigned number an unsigned one, as they run.
                guard let ta, let tb else { return ta ?? tb }
                let types: Set = [ta, tb]
                if types.count == 1 { return ta }
                if types.isSubset(of: [.number, .unsigned, .float]) { return types.contains(.float) ? .float : .unsigned }
                return nil
            default: return ta == .unsigned || tb == .unsigned ? .unsigned : nil
            }
        case .call(let function, let args, _):
            if let type = function.resultType { return type }
            guard function == .min || function == .max || function == .abs else { return nil }
            let types = Set(args.map(staticType(of:)))
            return types.count == 1 ? types.first! : nil
        case .aggregate(let kind, let target, _, _):
            switch kind {
            case .count: return .number
            case .mean: return .float
            case .sum, .min, .max: return target.flatMap(staticType(of:))
            }
        case .record: return .record
        case .branch: return .adt
        }
    }

    // MARK: - Expressions

    private mutating func checkBody(_ literals: [Literal]) {
        for literal in literals {
            switch literal {
            case .positive(let a):
                checkTypes(a)
                for e in a.arguments { checkExpression(e, inHead: false) }
            case .negative(let a, _):
                checkTypes(a)
                for e in a.arguments {
                    checkExpression(e, inHead: false)
                    // A negated atom's values are computed, never taken apart: `_` only stands alone.
                    if case .anonymous = e {} else { checkOperand(e) }
                    // A positive atom's computed arguments become equalities; a negation's stay in it.
                    if e.containsAggregate {
                        diagnostics.append(
                            Diagnostic(
                                .error, "an aggregate cannot appear in a negated atom", at: e.location,
                                hint: "bind it first: `n = count : { r(x) }, !s(n)`"))
                    }
                }
            case .comparison(let op, let x, let y, _):
                // `[x, _] = r` takes r apart: one side of an equality may hold `_` inside a record.
                for e in [x, y] {
                    if case .anonymous(let l) = e { anonymousInExpression(at: l) }
                    checkExpression(e, inHead: false)
                }
                if op != .equal || Checker.firstAnonymous(in: x) != nil { checkOperand(y) }
                if op != .equal { checkOperand(x) }
            case .predicate(let name, _, let args, _):
                for e in args {
                    checkOperand(e)
                    checkExpression(e, inHead: false)
                }
                if name == "match", case .constant(.symbol(let pattern), let at)? = args.first, Executor.fullMatchRegex(pattern) == nil {
                    diagnostics.append(Executor.invalidRegex(pattern, at: at).diagnostics[0])
                }
            }
        }
    }

    /// `_` is no value: only a whole atom argument or a field of a pattern may be one, so an
    /// operand holds none, even inside a record.
    private mutating func checkOperand(_ e: Expression) {
        if let l = Checker.firstAnonymous(in: e) { anonymousInExpression(at: l) }
    }

    /// Where `e` holds `_` (not looking into aggregate bodies, checked as bodies).
    static func firstAnonymous(in e: Expression) -> SourceLocation? {
        switch e {
        case .anonymous(let l): return l
        case .variable, .constant: return nil
        case .negate(let x, _): return firstAnonymous(in: x)
        case .binary(_, let a, let b, _): return firstAnonymous(in: a) ?? firstAnonymous(in: b)
        case .call(_, let args, _), .record(let args, _), .branch(_, let args, _): return args.lazy.compactMap(firstAnonymous(in:)).first
        case .aggregate(_, let target, _, _): return target.flatMap(firstAnonymous(in:))
        }
    }

    private mutating func anonymousInExpression(at l: SourceLocation) {
        diagnostics.append(
            Diagnostic(.error, "'_' cannot be used in an expression", at: l, hint: "name the variable and bind it in a body atom"))
    }

    /// Built-in functions with their numbers of arguments, `range` only in bodies, aggregate bodies.
    private mutating func checkExpression(_ e: Expression, inHead: Bool) {
        switch e {
        case .variable, .anonymous, .constant: break
        case .negate(let x, _):
            checkOperand(x)
            checkExpression(x, inHead: inHead)
        case .binary(_, let a, let b, _):
            for x in [a, b] {
                checkOperand(x)
                checkExpression(x, inHead: inHead)
            }
        case .record(let fields, _), .branch(_, let fields, _):
            for f in fields { checkExpression(f, inHead: inHead) }
        case .aggregate(_, let target, let body, _):
            if let target {
                checkOperand(target)
                checkExpression(target, inHead: inHead)
                if target.containsAggregate {
                    diagnostics.append(
                        Diagnostic(
                            .error, "not supported: an aggregate inside the value another aggregate takes", at: target.location,
                            hint: "bind the inner aggregate inside the braces: `sum n : { p(x), n = count : { q(x, _) } }`"))
                }
            }
            checkBody(body)
        case .call(let function, let args, let l):
            for a in args {
                checkOperand(a)
                checkExpression(a, inHead: inHead)
            }
            if function == .range && inHead {
                diagnostics.append(
                    Diagnostic(.error, "not supported: range outside a rule body", at: l, hint: "bind it in the body: `x = range(1, 10)`"))
                return
            }
            let arity = function.arity
            guard !arity.contains(args.count) else { return }
            let message =
                function == .range
                ? "range takes 2 or 3 arguments, got \(args.count)"
                : "\(function.rawValue) takes \(arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "at least \(arity.lowerBound)") argument(s), got \(args.count)"
            diagnostics.append(Diagnostic(.error, message, at: l))
        }
    }
}
