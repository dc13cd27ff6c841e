// Safety: every variable of a rule must be grounded, i.e. bound by a positive body atom or by an
// equality from grounded values, before a negation, comparison, aggregate or the head uses it.

/// Which variables a body grounds, and a diagnostic for each variable it leaves ungrounded
/// (once per variable, at its first ungrounded use in body order).
struct Grounding {
    private(set) var diagnostics: [Diagnostic] = []
    /// The variables the body grounds (after `check`).
    private(set) var bound: Set<String> = []
    private var reported: Set<String> = []

    /// A body item as grounding sees it.
    private enum Item {
        /// A positive atom: its variable arguments are bound (each other argument is an
        /// equality with `column`, the value in its column).
        case atom([Expression])
        /// `a = b`: binds a variable side from a grounded other side, or takes a record apart.
        case equality(Expression, Expression)
        /// A comparison other than `=`, or a predicate: needs all its variables.
        case filter([Expression])
        /// Needs its variables, except those that read like `_` (see `wildcards`).
        case negation(Atom)
    }

    /// Checks a rule's body; `outside` are the variables also used outside it (the head's, a
    /// query's, or an aggregate's grouping variables), `bound` those bound before it runs.
    mutating func check(_ body: [Literal], outside: Set<String>, bound initial: Set<String> = []) {
        bound = initial
        bound.insert(Grounding.column)
        // Variables used outside every aggregate: an aggregate groups by those it shares with them.
        var plain = outside
        var mentions: [String: Int] = [:]
        for v in outside { mentions[v, default: 0] += 1 }
        var items: [Item] = []
        for literal in body {
            for v in Set(deepVariables([literal]).map(\.0)) { mentions[v, default: 0] += 1 }
            switch literal {
            case .positive(let a):
                for e in a.arguments { plain.formUnion(variables(of: e).map(\.0)) }
                items.append(.atom(a.arguments))
                for e in a.arguments {
                    switch e {
                    case .variable, .constant, .anonymous: continue
                    default: items.append(.equality(.variable(Grounding.column, e.location), e))
                    }
                }
            case .negative(let a, _):
                for e in a.arguments { plain.formUnion(variables(of: e).map(\.0)) }
                items.append(.negation(a))
            case .comparison(let op, let x, let y, _):
                plain.formUnion((variables(of: x) + variables(of: y)).map(\.0))
                items.append(op == .equal ? .equality(x, y) : .filter([x, y]))
            case .predicate(_, _, let args, _):
                for e in args { plain.formUnion(variables(of: e).map(\.0)) }
                items.append(.filter(args))
            }
        }
        var done = [Bool](repeating: false, count: items.count)
        var progress = true
        while progress {
            progress = false
            for (i, item) in items.enumerated() where !done[i] {
                if place(item, plain: plain, mentions: mentions) {
                    done[i] = true
                    progress = true
                }
            }
        }
        // What an unplaced equality would bind is not named again (in the head, say).
        var wouldBind: [String] = []
        for (i, item) in items.enumerated() where !done[i] {
            if case .equality(let a, let b) = item {
                for case .variable(let v, _) in [a, b] where !bound.contains(v) { wouldBind.append(v) }
            }
        }
        for (i, item) in items.enumerated() where !done[i] {
            let (place, uses) = unboundUses(item, plain: plain, mentions: mentions)
            for use in uses where reported.insert(use.name).inserted {
                let kind = use.inAggregate ? "an aggregate" : place
                diagnostics.append(
                    Diagnostic(
                        .error, "variable '\(use.name)' is not bound: it appears only in \(kind)", at: use.location,
                        hint: "a variable must appear in a positive body atom (or be bound by `\(use.name) = expression`)"))
            }
        }
        reported.formUnion(wouldBind)
        // The bodies of aggregates, each with its grouping variables bound.
        var aggregates: [(Expression?, [Literal])] = []
        for literal in body { forEachAggregate(in: literal) { aggregates.append(($0, $1)) } }
        for (target, body) in aggregates { checkAggregate(target, body, plain: plain) }
    }

    /// The value in an atom's column, which an expression argument is compared with (a name
    /// no variable can have).
    private static let column = "$column"

    /// Reports each variable of `expressions` that the body left unbound (and that no earlier
    /// diagnostic named), with `diagnostic` making the message for a variable at its place.
    mutating func requireBound(
        _ uses: [(String, SourceLocation)], _ diagnostic: (String, SourceLocation) -> Diagnostic
    ) {
        for (v, l) in uses where !bound.contains(v) && reported.insert(v).inserted {
            diagnostics.append(diagnostic(v, l))
        }
    }

    private mutating func checkAggregate(_ target: Expression?, _ body: [Literal], plain: Set<String>) {
        let grouping = aggregateVariables(target, body).intersection(plain)
        var inner = Grounding()
        inner.check(body, outside: grouping, bound: grouping)
        if let target {
            inner.requireBound(variables(of: target)) { v, l in
                Diagnostic(
                    .error, "variable '\(v)' is not bound: the aggregate's body does not bind it", at: l,
                    hint: "use '\(v)' in a positive atom inside the aggregate's braces")
            }
        }
        diagnostics += inner.diagnostics
    }

    /// Places `item` if the variables it needs are bound, binding what it binds.
    private mutating func place(_ item: Item, plain: Set<String>, mentions: [String: Int]) -> Bool {
        switch item {
        case .atom(let arguments):
            for case .variable(let v, _) in arguments { bound.insert(v) }
            return true
        case .equality(let a, let b):
            for (target, source) in [(a, b), (b, a)] {
                if case .variable(let v, _) = target, !bound.contains(v), isGrounded(source, plain: plain), !source.isPattern(bound: bound) {
                    bound.insert(v)
                    return true
                }
            }
            for (pattern, source) in [(a, b), (b, a)] where pattern.isPattern(bound: bound) {
                guard isGrounded(source, plain: plain), !source.isPattern(bound: bound) else { continue }
                bindPattern(pattern)
                return true
            }
            return isGrounded(a, plain: plain) && isGrounded(b, plain: plain)
        case .filter(let expressions):
            return expressions.allSatisfy { isGrounded($0, plain: plain) }
        case .negation(let atom):
            let free = wildcards(atom, mentions: mentions)
            return atom.arguments.allSatisfy { e in
                if case .variable(let v, _) = e, free.contains(v) { return true }
                return isGrounded(e, plain: plain)
            }
        }
    }

    /// What an unplaced item needs that is not bound, and how to name the item.
    private func unboundUses(_ item: Item, plain: Set<String>, mentions: [String: Int]) -> (String, [Use]) {
        switch item {
        case .atom: return ("an atom", [])
        case .equality(let a, let b):
            // `v = e` binds v once e's variables are: those are the ones to name.
            for (target, source) in [(a, b), (b, a)] {
                guard case .variable(let v, _) = target, !bound.contains(v) else { continue }
                let missing = uses(source, plain: plain).filter { !bound.contains($0.name) }
                if !missing.isEmpty { return ("a comparison or expression", missing) }
            }
            return ("a comparison or expression", (uses(a, plain: plain) + uses(b, plain: plain)).filter { !bound.contains($0.name) })
        case .filter(let expressions):
            return ("a comparison or expression", expressions.flatMap { uses($0, plain: plain) }.filter { !bound.contains($0.name) })
        case .negation(let atom):
            let free = wildcards(atom, mentions: mentions)
            return ("a negation", atom.arguments.flatMap { uses($0, plain: plain) }.filter { !bound.contains($0.name) && !free.contains($0.name) })
        }
    }

    /// A variable's use that needs it bound: `inAggregate` when it is an aggregate's grouping variable.
    private struct Use {
        let name: String
        let location: SourceLocation
        let inAggregate: Bool
    }

    /// The variables `e` needs bound, in order: its own, and for each aggregate in it the
    /// grouping variables (those it shares with the rest of the rule).
    private func uses(_ e: Expression, plain: Set<String>) -> [Use] {
        switch e {
        case .variable(let n, let l): return [Use(name: n, location: l, inAggregate: false)]
        case .anonymous, .constant: return []
        case .negate(let x, _): return uses(x, plain: plain)
        case .binary(_, let a, let b, _): return uses(a, plain: plain) + uses(b, plain: plain)
        case .call(_, let args, _), .record(let args, _), .branch(_, let args, _): return args.flatMap { uses($0, plain: plain) }
        case .aggregate(_, let target, let body, _):
            var all: [(String, SourceLocation)] = []
            if let target { all += variables(of: target) }
            all += deepVariables(body)
            var seen = Set<String>()
            return all.filter { plain.contains($0.0) && seen.insert($0.0).inserted }.map {
                Use(name: $0.0, location: $0.1, inAggregate: true)
            }
        }
    }

    private func isGrounded(_ e: Expression, plain: Set<String>) -> Bool {
        uses(e, plain: plain).allSatisfy { bound.contains($0.name) }
    }

    /// Binds the variables a pattern takes out of a value (its fields that are variables).
    private mutating func bindPattern(_ e: Expression) {
        switch e {
        case .variable(let v, _): bound.insert(v)
        case .record(let fields, _), .branch(_, let fields, _): for f in fields { bindPattern(f) }
        default: break
        }
    }

    /// Variables of a negated atom that read like `_`: a whole argument, once in the atom, and
    /// nowhere else in the rule.
    private func wildcards(_ atom: Atom, mentions: [String: Int]) -> Set<String> {
        let uses = atom.arguments.flatMap(variables(of:)).map(\.0)
        var out = Set<String>()
        for case .variable(let v, _) in atom.arguments where mentions[v] == 1 && uses.filter({ $0 == v }).count == 1 {
            out.insert(v)
        }
        return out
    }

    private func aggregateVariables(_ target: Expression?, _ body: [Literal]) -> Set<String> {
        Set(((target.map(variables(of:)) ?? []) + deepVariables(body)).map(\.0))
    }

    /// Calls `visit` for each aggregate directly in `literal` (not those nested in another's body).
    private func forEachAggregate(in literal: Literal, _ visit: (Expression?, [Literal]) -> Void) {
        func walk(_ e: Expression) {
            switch e {
            case .aggregate(_, let target, let body, _): visit(target, body)
            case .variable, .anonymous, .constant: break
            case .negate(let x, _): walk(x)
            case .binary(_, let a, let b, _):
                walk(a)
                walk(b)
            case .call(_, let args, _), .record(let args, _), .branch(_, let args, _): args.forEach(walk)
            }
        }
        switch literal {
        case .positive(let a), .negative(let a, _): a.arguments.forEach(walk)
        case .comparison(_, let a, let b, _):
            walk(a)
            walk(b)
        case .predicate(_, _, let args, _): args.forEach(walk)
        }
    }
}
