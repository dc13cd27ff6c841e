// Strata: the strongly connected components of the predicate dependency graph, in evaluation
// order; negation and aggregation must point into earlier strata.

struct Stratification {
    /// Relation names, a stratum per component, dependencies first.
    var strata: [[String]] = []
    /// One diagnostic per negation or aggregate inside a recursive component.
    var diagnostics: [Diagnostic] = []

    private struct Edge {
        let from: String
        let negative: Bool
        let location: SourceLocation
        var viaAggregate = false
    }

    /// Stratifies `relations` under `rules` (each a head name and its body).
    init(relations: [String], rules: [(head: String, body: [Literal])]) {
        var edges: [String: [Edge]] = [:]  // head → body dependencies
        func collect(_ literals: [Literal], negative: Bool, into out: inout [Edge]) {
            for l in literals {
                switch l {
                case .positive(let a):
                    out.append(Edge(from: a.relation, negative: negative, location: a.location, viaAggregate: negative))
                    for e in a.arguments { collect(e, into: &out) }
                case .negative(let a, let loc): out.append(Edge(from: a.relation, negative: true, location: loc))
                case .comparison(_, let x, let y, _):
                    collect(x, into: &out)
                    collect(y, into: &out)
                case .predicate(_, _, let args, _): for e in args { collect(e, into: &out) }
                }
            }
        }
        func collect(_ e: Expression, into out: inout [Edge]) {
            switch e {
            case .aggregate(_, let t, let body, _):
                if let t { collect(t, into: &out) }
                collect(body, negative: true, into: &out)
            case .negate(let x, _): collect(x, into: &out)
            case .binary(_, let a, let b, _):
                collect(a, into: &out)
                collect(b, into: &out)
            case .call(_, let args, _): for a in args { collect(a, into: &out) }
            default: break
            }
        }
        for rule in rules {
            var out: [Edge] = []
            collect(rule.body, negative: false, into: &out)
            edges[rule.head, default: []] += out
        }
        // Tarjan's algorithm; components come out dependencies first.
        var index: [String: Int] = [:]
        var low: [String: Int] = [:]
        var onStack = Set<String>()
        var stack: [String] = []
        var components: [[String]] = []
        var counter = 0
        func connect(_ v: String) {
            index[v] = counter
            low[v] = counter
            counter += 1
            stack.append(v)
            onStack.insert(v)
            for e in edges[v] ?? [] {
                if index[e.from] == nil {
                    connect(e.from)
                    low[v] = min(low[v]!, low[e.from]!)
                } else if onStack.contains(e.from) {
                    low[v] = min(low[v]!, index[e.from]!)
                }
            }
            if low[v] == index[v] {
                var component: [String] = []
                while true {
                    let w = stack.removeLast()
                    onStack.remove(w)
                    component.append(w)
                    if w == v { break }
                }
                components.append(component)
            }
        }
        let known = Set(relations)
        for v in relations.sorted() where index[v] == nil { connect(v) }
        for component in components {
            let members = Set(component)
            guard component.count > 1 || edges[component[0]]?.contains(where: { $0.from == component[0] }) == true else { continue }
            for head in component.sorted() {
                for e in edges[head] ?? [] where e.negative && members.contains(e.from) {
                    let cycle = Stratification.path(from: e.from, to: head, within: members, edges: edges.mapValues { $0.map(\.from) })
                    let named = ([head] + cycle).joined(separator: " → ")
                    let how = e.viaAggregate ? "an aggregate over" : "the negation of"
                    let through = e.from == head ? "itself" : "'\(e.from)', which depends on '\(head)'"
                    diagnostics.append(
                        Diagnostic(
                            .error, "recursion through \(e.viaAggregate ? "aggregation" : "negation"): \(named)", at: e.location,
                            hint: "'\(head)' depends on \(how) \(through); negation and aggregates must only use relations computed before (stratification)"
                        ))
                }
            }
        }
        // Names only used (unknown relations, reported elsewhere) are no stratum of their own.
        strata = components.map { $0.filter(known.contains).sorted() }.filter { !$0.isEmpty }
    }

    /// A dependency path `from` → … → `to` inside one component (each step: a head using the previous).
    private static func path(from: String, to: String, within members: Set<String>, edges: [String: [String]]) -> [String] {
        var dependents: [String: [String]] = [:]
        for (head, bodies) in edges where members.contains(head) {
            for b in bodies where members.contains(b) { dependents[b, default: []].append(head) }
        }
        var previous: [String: String] = [:]
        var queue = [from]
        var seen: Set<String> = [from]
        while !queue.isEmpty && previous[to] == nil {
            let v = queue.removeFirst()
            for w in (dependents[v] ?? []).sorted() where !seen.contains(w) {
                seen.insert(w)
                previous[w] = v
                queue.append(w)
            }
        }
        var result = [to]
        var v = to
        while v != from, let p = previous[v] {
            result.append(p)
            v = p
        }
        return result.reversed()
    }
}
