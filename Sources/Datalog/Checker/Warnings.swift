// Warnings: what is legal but likely a mistake, as Soufflé reports it. They never stop a load;
// `tupu run` and the REPL's `:load` print them (unless silenced) and exit as they would without.

extension Engine {
    /// The warnings about `program`, to be loaded into this engine (ask before `load`: a relation
    /// the engine already derives or holds facts for counts as defined), in source order:
    /// - a declared relation that no rule, fact or `.input` defines (it is always empty);
    /// - a variable that occurs only once in a rule, unless its name starts with `_`.
    public func warnings(for program: Program) -> [Diagnostic] {
        var defined = Set(rules.map { $0.head.name })
        for r in relations.values where r.count > 0 { defined.insert(r.name) }
        for statement in program.statements {
            switch statement {
            case .rule(let r): defined.insert(r.head.relation)
            case .directive(.input(let name, _, _)): defined.insert(name)
            default: break
            }
        }
        var found: [Diagnostic] = []
        var warned = Set<String>()
        for statement in program.statements {
            switch statement {
            case .declaration(let d) where !defined.contains(d.relation) && warned.insert(d.relation).inserted:
                found.append(
                    Diagnostic(
                        .warning, "no rule, fact or .input defines relation '\(d.relation)': it is empty", at: d.location,
                        hint: "add facts or rules for it, read it with .input, or remove it"))
            case .rule(let rule):
                for (v, l) in rule.variablesWrittenOnce {
                    found.append(
                        Diagnostic(
                            .warning, "variable '\(v)' occurs only once in this rule", at: l,
                            hint: "a variable used once matches anything; write _ (or _\(v)) if that is meant, or use it where it should join"))
                }
            default: break
            }
        }
        // A statement may stand as several rules (heads, `;` alternatives, component instances):
        // one warning per place.
        var seen = Set<String>()
        found = found.filter { seen.insert("\($0.location.map(\.description) ?? "")|\($0.message)").inserted }
        return Diagnostic.sorted(found)
    }
}
