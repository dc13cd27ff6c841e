extension Program {
    /// Every relation the program names: in rule heads and bodies, queries and directives.
    public var relationsNamed: Set<String> {
        var names = Set<String>()
        for statement in statements {
            switch statement {
            case .rule(let rule):
                names.insert(rule.head.relation)
                for literal in rule.body { literal.collectRelations(into: &names) }
            case .query(let query):
                for literal in query.body { literal.collectRelations(into: &names) }
            case .declaration(let declaration):
                names.insert(declaration.relation)
            case .directive(.input(let name, _, _)), .directive(.output(let name, _, _)), .directive(.printSize(let name, _)),
                .directive(.limitSize(let name, _, _)):
                names.insert(name)
            }
        }
        return names
    }

    /// For each relation the program's rules define, the relations their bodies name.
    public var ruleDependencies: [String: Set<String>] {
        var dependencies: [String: Set<String>] = [:]
        for case .rule(let rule) in statements {
            var body = Set<String>()
            for literal in rule.body { literal.collectRelations(into: &body) }
            dependencies[rule.head.relation, default: []].formUnion(body)
        }
        return dependencies
    }
}

extension Literal {
    func collectRelations(into names: inout Set<String>) {
        switch self {
        case .positive(let atom), .negative(let atom, _):
            names.insert(atom.relation)
            for argument in atom.arguments { argument.collectRelations(into: &names) }
        case .comparison(_, let a, let b, _):
            a.collectRelations(into: &names)
            b.collectRelations(into: &names)
        case .predicate(_, _, let arguments, _):
            for argument in arguments { argument.collectRelations(into: &names) }
        }
    }
}

extension Expression {
    /// The relations named by aggregates inside the expression.
    func collectRelations(into names: inout Set<String>) {
        switch self {
        case .variable, .anonymous, .constant: break
        case .negate(let e, _): e.collectRelations(into: &names)
        case .binary(_, let a, let b, _):
            a.collectRelations(into: &names)
            b.collectRelations(into: &names)
        case .call(_, let arguments, _), .record(let arguments, _), .branch(_, let arguments, _):
            for argument in arguments { argument.collectRelations(into: &names) }
        case .aggregate(_, let target, let body, _):
            target?.collectRelations(into: &names)
            for literal in body { literal.collectRelations(into: &names) }
        }
    }
}

extension Expression {
    /// A record or branch with `_` or variables not in `bound`: it can only take a value apart.
    func isPattern(bound: Set<String>) -> Bool {
        switch self {
        case .record(let fields, _), .branch(_, let fields, _):
            return fields.contains { field in
                switch field {
                case .anonymous: return true
                case .variable(let v, _): return !bound.contains(v)
                default: return field.isPattern(bound: bound)
                }
            }
        default: return false
        }
    }
}
