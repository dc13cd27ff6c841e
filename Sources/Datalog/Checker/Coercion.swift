// Integer constants in float and unsigned columns, written as the facts store them.

/// Rewrites constants in atoms to their columns' declared types, so that `c(1, y)` finds the
/// tuple `c(1.0, 2.0)` and `c(1, 2)` derives it. `columnTypes` gives a relation's declared
/// column types (nil when it has no declaration).
struct ColumnCoercion {
    let columnTypes: (String) -> [ValueType]?

    func rule(_ rule: Rule) -> Rule {
        var out = rule
        out.head = atom(rule.head)
        out.body = rule.body.map(literal)
        return out
    }

    func atom(_ a: Atom) -> Atom {
        guard let types = columnTypes(a.relation), types.count == a.arguments.count else {
            return Atom(relation: a.relation, arguments: a.arguments.map(expression), location: a.location)
        }
        var out = a
        out.arguments = zip(a.arguments, types).map { (e, type) in
            if case .constant(let v, let l) = e { return .constant(ColumnCoercion.coerced(v, to: type), l) }
            return expression(e)
        }
        return out
    }

    func expression(_ e: Expression) -> Expression {
        switch e {
        case .variable, .anonymous, .constant: return e
        case .negate(let x, let l): return .negate(expression(x), l)
        case .binary(let op, let a, let b, let l): return .binary(op, expression(a), expression(b), l)
        case .call(let f, let args, let l): return .call(f, args.map(expression), l)
        case .record(let args, let l): return .record(args.map(expression), l)
        case .branch(let f, let args, let l): return .branch(f, args.map(expression), l)
        case .aggregate(let kind, let target, let body, let l):
            return .aggregate(kind, target.map(expression), body.map(literal), l)
        }
    }

    func literal(_ l: Literal) -> Literal {
        switch l {
        case .positive(let a): return .positive(atom(a))
        case .negative(let a, let at): return .negative(atom(a), at)
        case .comparison(let op, let a, let b, let at): return .comparison(op, expression(a), expression(b), at)
        case .predicate(let f, let negated, let args, let at): return .predicate(f, negated: negated, args.map(expression), at)
        }
    }

    /// Integers in float columns become floats, non-negative ones in unsigned columns unsigned numbers.
    static func coerced(_ v: Value, to type: ValueType) -> Value {
        switch (v, type) {
        case (.number(let n), .float): return .float(Double(n))
        case (.number(let n), .unsigned) where n >= 0: return .unsigned(UInt64(n))
        default: return v
        }
    }
}
