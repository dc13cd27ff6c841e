// Walking and rewriting the tree: how clients change a program without touching its text
// (TupuQuery replaces entity names by ids in atoms), so every span stays where it was typed.

extension Program {
    /// The program with every atom replaced by `transform(atom)`: rule heads, positive and
    /// negated atoms, atoms inside aggregates (inner ones first) and the atoms of queries.
    /// Spans and the `text` of rules and queries are kept as written.
    public func rewritingAtoms(_ transform: (Atom) throws -> Atom) rethrows -> Program {
        var out = self
        out.statements = try statements.map { try $0.rewritingAtoms(transform) }
        return out
    }

    /// Every atom, in the order `rewritingAtoms` visits them. An atom the parser copied into
    /// several rules (a rule with several heads, a subsumption) appears once per copy.
    public var atoms: [Atom] {
        var found: [Atom] = []
        _ = rewritingAtoms {
            found.append($0)
            return $0
        }
        return found
    }
}

extension Statement {
    func rewritingAtoms(_ transform: (Atom) throws -> Atom) rethrows -> Statement {
        switch self {
        case .rule(var rule):
            rule.head = try rule.head.rewriting(transform)
            rule.body = try rule.body.map { try $0.rewritingAtoms(transform) }
            return .rule(rule)
        case .query(var query):
            query.body = try query.body.map { try $0.rewritingAtoms(transform) }
            return .query(query)
        case .declaration, .directive:
            return self
        }
    }
}

extension Atom {
    func rewriting(_ transform: (Atom) throws -> Atom) rethrows -> Atom {
        var atom = self
        atom.arguments = try arguments.map { try $0.rewritingAtoms(transform) }
        return try transform(atom)
    }
}

extension Literal {
    func rewritingAtoms(_ transform: (Atom) throws -> Atom) rethrows -> Literal {
        switch self {
        case .positive(let atom): return .positive(try atom.rewriting(transform))
        case .negative(let atom, let l): return .negative(try atom.rewriting(transform), l)
        case .comparison(let op, let a, let b, let l):
            return .comparison(op, try a.rewritingAtoms(transform), try b.rewritingAtoms(transform), l)
        case .predicate(let name, let negated, let arguments, let l):
            return .predicate(name, negated: negated, try arguments.map { try $0.rewritingAtoms(transform) }, l)
        }
    }
}

extension Expression {
    /// The expression with the atoms of its aggregates rewritten.
    func rewritingAtoms(_ transform: (Atom) throws -> Atom) rethrows -> Expression {
        switch self {
        case .variable, .anonymous, .constant: return self
        case .negate(let e, let l): return .negate(try e.rewritingAtoms(transform), l)
        case .binary(let op, let a, let b, let l):
            return .binary(op, try a.rewritingAtoms(transform), try b.rewritingAtoms(transform), l)
        case .call(let f, let arguments, let l): return .call(f, try arguments.map { try $0.rewritingAtoms(transform) }, l)
        case .record(let fields, let l): return .record(try fields.map { try $0.rewritingAtoms(transform) }, l)
        case .branch(let name, let fields, let l): return .branch(name, try fields.map { try $0.rewritingAtoms(transform) }, l)
        case .aggregate(let kind, let target, let body, let l):
            return .aggregate(kind, try target?.rewritingAtoms(transform), try body.map { try $0.rewritingAtoms(transform) }, l)
        }
    }
}
