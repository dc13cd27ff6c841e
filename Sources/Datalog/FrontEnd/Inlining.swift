// Soufflé's `inline` relations, as a rewrite of the tree before checking: a rule that reads an
// inline relation positively becomes one rule per rule of that relation, its body spliced in
// and its head's arguments equated with the atom's. Nothing of the relation is then computed,
// which is the point: `pair(x, y) :- n(x), n(y).` read only as `pair(x, x)` never builds the
// square.

extension Program {
    /// The program with its `inline` relations substituted into the rule bodies that read them.
    /// A relation that reaches itself stays an ordinary relation; one also read in a negation,
    /// an aggregate or a query, or used as an input or output, is spliced in and kept too.
    func inliningRelations() -> Program {
        var inline = Set<String>()
        for case .declaration(let d) in statements where d.isInline { inline.insert(d.relation) }
        guard !inline.isEmpty else { return self }
        var definitions: [String: [Rule]] = [:]
        for case .rule(let r) in statements where inline.contains(r.head.relation) && !r.subsumption {
            definitions[r.head.relation, default: []].append(r)
        }
        var kept = Set<String>()
        for statement in statements {
            switch statement {
            case .rule(let r):
                if r.subsumption, inline.contains(r.head.relation) { kept.insert(r.head.relation) }
                for name in Inliner.namesReadApart(in: r.body) where inline.contains(name) { kept.insert(name) }
            case .query(let q):
                for atom in Inliner.atoms(in: q.body) where inline.contains(atom) { kept.insert(atom) }
            case .directive(let d):
                switch d {
                case .input(let name, _, _), .output(let name, _, _), .printSize(let name, _): kept.insert(name)
                }
            case .declaration:
                break
            }
        }
        // A relation that reaches itself cannot be spliced in: it stays a relation of its own.
        let substituted = inline.filter { !Inliner.isRecursive($0, definitions) }
        var inliner = Inliner(definitions: definitions, substituted: substituted)
        var out = Program()
        for statement in statements {
            guard case .rule(let rule) = statement, !rule.subsumption else {
                out.statements.append(statement)
                continue
            }
            if substituted.contains(rule.head.relation), !kept.contains(rule.head.relation) { continue }
            out.statements += inliner.expand(rule).map(Statement.rule)
        }
        return out
    }
}

/// Splices the rules of substituted relations into bodies, renaming their variables apart.
struct Inliner {
    let definitions: [String: [Rule]]
    let substituted: Set<String>
    /// Numbers the copies, so each copy's variables get names no other rule uses.
    private var copies = 0

    init(definitions: [String: [Rule]], substituted: Set<String>) {
        self.definitions = definitions
        self.substituted = substituted
    }

    /// The rules `rule` becomes once every substituted atom in its body is replaced.
    mutating func expand(_ rule: Rule) -> [Rule] {
        var done: [Rule] = []
        var pending = [rule]
        while let next = pending.popLast() {
            guard let position = next.body.firstIndex(where: isSubstituted) else {
                done.append(next)
                continue
            }
            guard case .positive(let atom) = next.body[position] else { continue }
            for definition in definitions[atom.relation] ?? [] {
                var expanded = next
                expanded.body =
                    Array(next.body[..<position]) + splice(definition, at: atom)
                    + Array(next.body[(position + 1)...])
                pending.append(expanded)
            }
        }
        return done.reversed()
    }

    private func isSubstituted(_ literal: Literal) -> Bool {
        if case .positive(let atom) = literal { return substituted.contains(atom.relation) }
        return false
    }

    /// The body of `definition` with fresh variable names, after one equality per argument of
    /// `atom` (an argument `_` asks nothing).
    private mutating func splice(_ definition: Rule, at atom: Atom) -> [Literal] {
        copies += 1
        var names = Set<String>()
        for (name, _) in deepVariables(definition.body) { names.insert(name) }
        for argument in definition.head.arguments {
            for (name, _) in variables(of: argument) { names.insert(name) }
        }
        var head = definition.head.arguments
        var body = definition.body
        for name in names {
            let fresh = "\(name)·\(copies)"
            head = head.map { $0.renaming(name, to: fresh) }
            body = body.map { $0.renaming(name, to: fresh) }
        }
        var equalities: [Literal] = []
        for (argument, value) in zip(atom.arguments, head) {
            if case .anonymous = argument { continue }
            equalities.append(.comparison(.equal, argument, value, argument.location))
        }
        return equalities + body
    }

    /// Relation names read where a body cannot be spliced in: negations and aggregates.
    static func namesReadApart(in body: [Literal]) -> [String] {
        var names: [String] = []
        func visit(_ e: Expression) {
            switch e {
            case .aggregate(_, let target, let inner, _):
                if let target { visit(target) }
                names += atoms(in: inner)
            case .negate(let x, _): visit(x)
            case .binary(_, let a, let b, _):
                visit(a)
                visit(b)
            case .call(_, let args, _), .record(let args, _), .branch(_, let args, _): args.forEach(visit)
            case .variable, .anonymous, .constant: break
            }
        }
        for literal in body {
            switch literal {
            case .negative(let a, _):
                names.append(a.relation)
                a.arguments.forEach(visit)
            case .positive(let a): a.arguments.forEach(visit)
            case .comparison(_, let a, let b, _):
                visit(a)
                visit(b)
            case .predicate(_, _, let args, _): args.forEach(visit)
            }
        }
        return names
    }

    /// Every relation name of the atoms in `body`, aggregates included.
    static func atoms(in body: [Literal]) -> [String] {
        var names = namesReadApart(in: body)
        for case .positive(let a) in body { names.append(a.relation) }
        return names
    }

    /// Whether `name`'s rules reach `name` again through positive atoms.
    static func isRecursive(_ name: String, _ definitions: [String: [Rule]]) -> Bool {
        var seen = Set<String>()
        var stack = [name]
        while let next = stack.popLast() {
            for rule in definitions[next] ?? [] {
                for case .positive(let a) in rule.body {
                    if a.relation == name { return true }
                    if seen.insert(a.relation).inserted { stack.append(a.relation) }
                }
            }
        }
        return false
    }
}
