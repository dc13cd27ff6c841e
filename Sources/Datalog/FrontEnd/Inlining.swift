// Soufflé's `inline` relations: a whole program's positive uses of such a relation replaced by
// its rules, so it is never materialised (`nat_pair(x, y) :- nat(x), nat(y).` would hold every
// pair) and a rule that is only safe once substituted (a head variable bound by the caller) runs.

extension Program {
    /// The program with each relation declared `inline` substituted into the rule bodies that use
    /// it, and its own rules dropped, where that is exact: the relation is used only as positive
    /// atoms of rule bodies (not negated, inside an aggregate, in a query or a directive), its
    /// rules name no `inline` relation (so none is recursive) and are no subsumption, and it has
    /// no choice domain and no float or unsigned column. Any other `inline` relation stays an
    /// ordinary relation. For a whole program (`tupu run`), not one that later input extends:
    /// that could use the relation whose rules were dropped.
    public func inliningRelations() -> Program {
        var candidates = Set(
            statements.compactMap { statement -> String? in
                // Not where a choice domain or a constant's coercion to the column (`1` in a
                // float column) depends on the relation's atoms.
                guard case .declaration(let d) = statement, d.isInline, d.choiceDomains.isEmpty,
                    !d.columns.contains(where: { $0.type == .float || $0.type == .unsigned })
                else { return nil }
                return d.relation
            })
        guard !candidates.isEmpty else { return self }
        var uses: [String: Int] = [:]
        for atom in atoms where candidates.contains(atom.relation) { uses[atom.relation, default: 0] += 1 }
        var rulesOf: [String: [Rule]] = [:]
        var substitutable: [String: Int] = [:]
        for statement in statements {
            switch statement {
            case .rule(let rule):
                if candidates.contains(rule.head.relation) {
                    rulesOf[rule.head.relation, default: []].append(rule)
                    substitutable[rule.head.relation, default: 0] += 1
                    var named = Set<String>()
                    for literal in rule.body { literal.collectRelations(into: &named) }
                    if rule.subsumption || !named.isDisjoint(with: candidates) { candidates.remove(rule.head.relation) }
                }
                for case .positive(let atom) in rule.body where candidates.contains(atom.relation) {
                    substitutable[atom.relation, default: 0] += 1
                }
            case .directive(.input(let name, _, _)), .directive(.output(let name, _, _)), .directive(.printSize(let name, _)),
                .directive(.limitSize(let name, _, _)):
                candidates.remove(name)
            default: break
            }
        }
        let inlined = candidates.filter { uses[$0] == substitutable[$0] && rulesOf[$0] != nil }
        guard !inlined.isEmpty else { return self }
        var out = self
        var fresh = 0
        out.statements = statements.flatMap { statement -> [Statement] in
            guard case .rule(let rule) = statement else { return [statement] }
            if inlined.contains(rule.head.relation) { return [] }
            var bodies: [[Literal]] = [[]]
            for literal in rule.body {
                guard case .positive(let call) = literal, inlined.contains(call.relation), let definitions = rulesOf[call.relation] else {
                    for k in bodies.indices { bodies[k].append(literal) }
                    continue
                }
                var alternatives: [[Literal]] = []
                for definition in definitions {
                    fresh += 1
                    alternatives.append(substituting(call, by: definition, suffix: "'inline\(fresh)"))
                }
                bodies = bodies.flatMap { prefix in alternatives.map { prefix + $0 } }
            }
            return bodies.map { body in
                var copy = rule
                copy.body = body
                return .rule(copy)
            }
        }
        return out
    }
}

/// The body of `definition` (a rule of an inline relation) standing for the atom `call`: its
/// variables renamed apart with `suffix`, then a head variable named by a caller's variable
/// (where it first occurs) renamed to it, and every other head argument equated to the caller's.
private func substituting(_ call: Atom, by definition: Rule, suffix: String) -> [Literal] {
    var head = definition.head.arguments
    var body = definition.body
    let names = Set((head.flatMap(variables(of:)) + deepVariables(body)).map(\.0))
    for name in names {
        head = head.map { $0.renaming(name, to: name + suffix) }
        body = body.map { $0.renaming(name, to: name + suffix) }
    }
    var equalities: [Literal] = []
    for (k, argument) in call.arguments.enumerated() where k < head.count {
        if case .anonymous = argument { continue }
        let parameter = head[k]
        if case .variable(let own, _) = parameter, own.hasSuffix(suffix), case .variable(let callers, _) = argument {
            head = head.map { $0.renaming(own, to: callers) }
            body = body.map { $0.renaming(own, to: callers) }
            equalities = equalities.map { $0.renaming(own, to: callers) }
            continue
        }
        equalities.append(.comparison(.equal, parameter, argument, argument.location))
    }
    return body + equalities
}
