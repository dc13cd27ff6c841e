// Provenance: why a tuple holds (a derivation tree) or why it does not.
//
// Evaluation records, per relation, the step at which each tuple first appeared (a rank; base facts
// have rank 0). A tuple of rank r is explained by a rule instance whose body facts all have ranks
// below r, found by re-running the rule with the head bound and the body restricted to earlier
// tuples. Ranks strictly decrease along every path, so trees are finite. Nothing is recorded per
// tuple: ranks are ranges of the append-only stores, so this costs nothing when unused.

/// A derivation tree: rule instances whose leaves are base facts.
public struct Derivation: Sendable {
    public enum Kind: String, Sendable {
        /// A base fact (EDB: program fact, `.input` or `insert`).
        case fact
        /// Derived by `rule`; `children` are the body facts of the rule instance, in body order.
        case rule
        /// Not expanded: the depth limit was reached.
        case elided
    }

    public var relation: String
    public var tuple: [Value]
    public var kind: Kind
    /// Source text of the rule (for `.rule`).
    public var rule: String?
    public var ruleLocation: SourceLocation?
    public var children: [Derivation]
    /// The evaluation step that produced the fact (0 for base facts).
    public var step: Int

    /// `rel("a", 1)`.
    public var fact: String {
        "\(relation)(\(tuple.map(\.description).joined(separator: ", ")))"
    }

    /// Indented text: one fact per line, its rule after `<-`, children indented two spaces.
    public func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent)
        var line = pad + fact
        switch kind {
        case .fact: line += "  [fact]"
        case .elided: line += "  […]"
        case .rule:
            line += "  <- " + (rule ?? "")
            if let l = ruleLocation { line += "  [\(l.file):\(l.line)]" }
        }
        return line + "\n" + children.map { $0.rendered(indent: indent + 1) }.joined()
    }

    /// A JSON object: {"relation", "tuple", "kind", "rule", "location", "children"}.
    public var json: String {
        var parts = [
            "\"relation\": \(jsonString(relation))",
            "\"tuple\": [\(tuple.map(jsonValue).joined(separator: ", "))]",
            "\"kind\": \(jsonString(kind.rawValue))"
        ]
        if let rule { parts.append("\"rule\": \(jsonString(rule))") }
        if let l = ruleLocation { parts.append("\"location\": \(jsonString(l.description))") }
        if !children.isEmpty { parts.append("\"children\": [\(children.map(\.json).joined(separator: ", "))]") }
        return "{" + parts.joined(separator: ", ") + "}"
    }
}

/// Why a fact does not hold: per rule that could derive it, the first body literal without a match.
public struct WhyNot: Sendable {
    public struct Attempt: Sendable {
        public var rule: String
        public var location: SourceLocation
        /// The first body literal (in source order) that has no match given the head and the literals
        /// before it; nil when the head itself cannot produce the tuple (constants or arithmetic differ).
        public var failingLiteral: String?
    }
    public var fact: String
    /// Empty when no rule derives the relation (then only base facts could make it true).
    public var attempts: [Attempt]

    public var rendered: String {
        var out = "\(fact) is not derived"
        if attempts.isEmpty { return out + ": it is not a base fact and no rule derives it\n" }
        out += ":\n"
        for a in attempts {
            out += "  \(a.rule)  [\(a.location.file):\(a.location.line)]\n"
            out += "    " + (a.failingLiteral.map { "no match for \($0)" } ?? "the head cannot produce this tuple") + "\n"
        }
        return out
    }
}

extension Engine {
    /// A derivation of `relation(tuple)`, expanded `depth` levels (deeper parts are `.elided`);
    /// nil when the fact does not hold.
    public func explain(relation name: String, tuple: [Value], depth: Int = 16) throws -> Derivation? {
        if !recordsRanks {
            recordsRanks = true
            invalidate()
        }
        try evaluate()
        guard let r = relations[name] else {
            throw unknownRelation(name, at: SourceLocation(file: "<explain>", line: 1, column: 1))
        }
        guard tuple.count == r.arity else {
            throw DatalogError("'\(name)' has \(r.arity) column\(r.arity == 1 ? "" : "s"), got \(tuple.count) value\(tuple.count == 1 ? "" : "s")", at: nil)
        }
        guard let terms = existingTerms(tuple) else { return nil }
        let index = terms.withUnsafeBufferPointer { r.store.find($0.baseAddress!) }
        guard index >= 0 else { return nil }
        return try derivation(r, index: index, depth: depth)
    }

    /// For a fact that does not hold: which rules could derive it and where each one fails.
    /// Returns nil when the fact holds (use `explain`).
    public func whyNot(relation name: String, tuple: [Value]) throws -> WhyNot? {
        if try explain(relation: name, tuple: tuple, depth: 0) != nil { return nil }
        let r = relations[name]!
        let fact = "\(name)(\(tuple.map(\.description).joined(separator: ", ")))"
        var attempts: [WhyNot.Attempt] = []
        let expected = tuple.map { symbols.term($0) }
        for entry in rules where entry.head === r && !entry.rule.subsumption {
            var failing: String? = nil
            for k in entry.rule.body.indices {
                // Prefixes that cannot be planned alone (a comparison before its atoms) are skipped.
                guard
                    let found = try? firstSolution(
                        entry.rule, body: Array(entry.rule.body.prefix(k + 1)),
                        expected: expected)
                else { continue }
                if !found {
                    failing = describe(entry.rule.body[k])
                    break
                }
            }
            attempts.append(WhyNot.Attempt(rule: entry.rule.text, location: entry.rule.location, failingLiteral: failing))
        }
        return WhyNot(fact: fact, attempts: attempts)
    }

    private func existingTerms(_ tuple: [Value]) -> [Term]? {
        var terms: [Term] = []
        for v in tuple {
            guard let t = symbols.existingTerm(v) else { return nil }
            terms.append(t)
        }
        return terms
    }

    private func headVariables(_ rule: Rule) -> [String] {
        rule.head.arguments.compactMap { if case .variable(let v, _) = $0 { return v } else { return nil } }
    }

    /// Whether the rule body (or a prefix of it) has a solution producing `expected` in the head,
    /// ignoring head variables the prefix does not bind.
    private func firstSolution(_ rule: Rule, body: [Literal], expected: [Term]) throws -> Bool {
        // Bind head variables up front; head arguments that are expressions are checked at the end.
        var preBound: [String] = []
        var checkedArguments: [Expression] = []
        var checkedExpected: [Term] = []
        var values: [String: Term] = [:]
        for (c, e) in rule.head.arguments.enumerated() {
            if case .variable(let v, _) = e {
                if let previous = values[v] { if previous != expected[c] { return false } }
                values[v] = expected[c]
                preBound.append(v)
            } else {
                checkedArguments.append(e)
                checkedExpected.append(expected[c])
            }
        }
        var outside: [String: Int] = [:]
        for v in preBound { outside[v] = 1 }
        let exec = boundExecutor(
            body, values: values, registering: preBound, outside: outside,
            checking: checkedArguments, expected: checkedExpected)
        _ = exec.run()
        return exec.stopped
    }

    /// A rule body planned with some head variables bound ahead to `values` (registered in the
    /// order given) and the remaining head arguments checked against `expected`: the executor stops
    /// at the first solution. The shared core of why-not (`firstSolution`) and why (`derivation`).
    private func boundExecutor(
        _ body: [Literal], values: [String: Term], registering order: [String],
        outside: [String: Int], checking arguments: [Expression], expected: [Term]
    ) -> Executor {
        var planner = Planner(engine: self)
        let items = planner.normalize(body)
        var bound = Set(values.keys)
        for v in order { _ = planner.register(v) }
        planner.plan(items, bound: &bound, outside: outside)
        let compiled = arguments.map { planner.compile($0, bound: bound) }
        let plan = RulePlan(
            steps: planner.finish(with: .capture(compiled, expected: expected)), registerNames: planner.registerNames,
            atoms: planner.atoms, target: .capture, source: "", location: nil, deltaLiteral: nil)
        let exec = executor(for: plan)
        for (v, t) in values { exec.set(planner.registers[v]!, to: t) }
        return exec
    }

    private func derivation(_ r: Relation, index: Int, depth: Int) throws -> Derivation {
        let expected = r.store.values(index)
        let tuple = expected.map { symbols.value($0) }
        let rank = r.rank(of: index)
        if rank == 0 {
            return Derivation(relation: r.name, tuple: tuple, kind: .fact, children: [], step: 0)
        }
        if depth <= 0 {
            return Derivation(relation: r.name, tuple: tuple, kind: .elided, children: [], step: rank)
        }
        for entry in rules where entry.head === r && !entry.rule.subsumption {
            var checkedArguments: [Expression] = []
            var checkedExpected: [Term] = []
            var values: [String: Term] = [:]
            for (c, e) in entry.rule.head.arguments.enumerated() {
                if case .variable(let v, _) = e, values[v] == nil {
                    values[v] = expected[c]
                } else {
                    checkedArguments.append(e)
                    checkedExpected.append(expected[c])
                }
            }
            var outside: [String: Int] = [:]
            for e in entry.rule.head.arguments { for (v, _) in variables(of: e) { outside[v] = 1 } }
            let exec = boundExecutor(
                entry.rule.body, values: values, registering: values.keys.sorted(),
                outside: outside, checking: checkedArguments, expected: checkedExpected)
            // Only facts that appeared strictly before this one may support it.
            for other in relations.values { other.versions.showOnly(before: other.end(before: rank)) }
            _ = exec.run()
            for other in relations.values { other.versions.makeAllStable(count: other.count) }
            guard exec.stopped, !exec.cancelled else { continue }
            let used = exec.plan.atoms.enumerated().sorted {
                ($0.element.location.line, $0.element.location.column) < ($1.element.location.line, $1.element.location.column)
            }
            var children: [Derivation] = []
            for (ordinal, atom) in used {
                let t = exec.matched[ordinal]
                guard t >= 0, let relation = relations[atom.relation] else { continue }
                children.append(try derivation(relation, index: t, depth: depth - 1))
            }
            return Derivation(
                relation: r.name, tuple: tuple, kind: .rule, rule: entry.rule.text,
                ruleLocation: entry.rule.location, children: children, step: rank)
        }
        // Unreachable when ranks are consistent; report the fact without support rather than fail.
        return Derivation(relation: r.name, tuple: tuple, kind: .fact, children: [], step: rank)
    }

    func describe(_ literal: Literal) -> String {
        func expression(_ e: Expression) -> String {
            switch e {
            case .variable(let v, _): return v
            case .anonymous: return "_"
            case .constant(let v, _): return v.description
            case .negate(let x, _): return "-" + expression(x)
            case .binary(let op, let a, let b, _): return "\(expression(a)) \(op.rawValue) \(expression(b))"
            case .call(let n, let args, _): return "\(n.rawValue)(\(args.map(expression).joined(separator: ", ")))"
            case .record(let args, _): return args.isEmpty ? "nil" : "[\(args.map(expression).joined(separator: ", "))]"
            case .branch(let n, let args, _): return "$\(n)(\(args.map(expression).joined(separator: ", ")))"
            case .aggregate(let k, let t, let body, _):
                return "\(k.rawValue)\(t.map { " " + expression($0) } ?? "") : { \(body.map(describe).joined(separator: ", ")) }"
            }
        }
        func atom(_ a: Atom) -> String { "\(a.relation)(\(a.arguments.map(expression).joined(separator: ", ")))" }
        switch literal {
        case .positive(let a): return atom(a)
        case .negative(let a, _): return "!" + atom(a)
        case .comparison(let op, let a, let b, _): return "\(expression(a)) \(op.rawValue) \(expression(b))"
        case .predicate(let n, let negated, let args, _): return "\(negated ? "!" : "")\(n)(\(args.map(expression).joined(separator: ", ")))"
        }
    }
}
