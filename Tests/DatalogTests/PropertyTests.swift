import Testing
@testable import Datalog

/// A tiny seeded generator (SplitMix64) so the random programs are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random positive program over binary relations, plus negation of the base relation.
struct RandomProgram {
    struct BodyAtom { var relation: String; var variables: [String]; var negated: Bool }
    struct GeneratedRule { var head: String; var headVariables: [String]; var body: [BodyAtom] }
    var edges: [(Int, Int)]
    var rules: [GeneratedRule]

    init(using rng: inout SeededGenerator) {
        let nodes = Int.random(in: 2...6, using: &rng)
        edges = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
            (Int.random(in: 0..<nodes, using: &rng), Int.random(in: 0..<nodes, using: &rng))
        }
        let derived = ["p", "q", "r"]
        let variables = ["x", "y", "z", "w"]
        rules = []
        for head in derived {
            for _ in 0..<Int.random(in: 1...2, using: &rng) {
                var body: [BodyAtom] = []
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    let relation = (["e"] + derived).randomElement(using: &rng)!
                    body.append(BodyAtom(relation: relation, variables: [variables.randomElement(using: &rng)!,
                                                                         variables.randomElement(using: &rng)!], negated: false))
                }
                let bound = Array(Set(body.flatMap(\.variables))).sorted()
                if Bool.random(using: &rng), bound.count >= 1 {
                    body.append(BodyAtom(relation: "e", variables: [bound.randomElement(using: &rng)!, bound.randomElement(using: &rng)!], negated: true))
                }
                rules.append(GeneratedRule(head: head, headVariables: [bound.randomElement(using: &rng)!, bound.randomElement(using: &rng)!], body: body))
            }
        }
    }

    var source: String {
        var s = edges.map { "e(\($0.0), \($0.1)).\n" }.joined()
        for rule in rules {
            let body = rule.body.map { ($0.negated ? "!" : "") + "\($0.relation)(\($0.variables.joined(separator: ", ")))" }
            s += "\(rule.head)(\(rule.headVariables.joined(separator: ", "))) :- \(body.joined(separator: ", ")).\n"
        }
        return s
    }

    /// Naive evaluation: apply every rule to the full relations until nothing changes.
    func naive() -> [String: Set<[Int]>] {
        var db: [String: Set<[Int]>] = ["e": Set(edges.map { [$0.0, $0.1] }), "p": [], "q": [], "r": []]
        var changed = true
        while changed {
            changed = false
            for rule in rules {
                var bindings: [[String: Int]] = [[:]]
                for atom in rule.body where !atom.negated {
                    var next: [[String: Int]] = []
                    for b in bindings {
                        for t in db[atom.relation]! {
                            var nb = b
                            var ok = true
                            for (i, v) in atom.variables.enumerated() {
                                if let bound = nb[v] { if bound != t[i] { ok = false; break } } else { nb[v] = t[i] }
                            }
                            if ok { next.append(nb) }
                        }
                    }
                    bindings = next
                }
                for atom in rule.body where atom.negated {
                    bindings = bindings.filter { binding in !db["e"]!.contains(atom.variables.map { binding[$0]! }) }
                }
                for b in bindings {
                    if db[rule.head]!.insert(rule.headVariables.map { b[$0]! }).inserted { changed = true }
                }
            }
        }
        return db
    }
}

@Test func semiNaiveAgreesWithNaiveOnRandomPrograms() throws {
    var rng = SeededGenerator(state: 20261201)
    for _ in 0..<300 {
        let program = RandomProgram(using: &rng)
        let expected = program.naive()
        let engine = Engine()
        try engine.load(Program.parse(program.source))
        for relation in ["p", "q", "r"] {
            let got = Set(try engine.tuples(of: relation).map { $0.map { if case .number(let n) = $0 { n } else { -1 } } })
            #expect(got == expected[relation]!, "\(relation) differs for:\n\(program.source)")
        }
    }
}

@Test func everyDerivedFactHasADerivationDownToBaseFacts() throws {
    var rng = SeededGenerator(state: 7)
    func check(_ tree: Derivation, edges: Set<[Int]>) {
        switch tree.kind {
        case .fact:
            // Only base facts are leaves: `e` tuples (derived relations have no facts here).
            let tuple = tree.tuple.map { if case .number(let n) = $0 { n } else { -1 } }
            #expect(tree.relation == "e" && edges.contains(tuple), "\(tree.fact) is a leaf but not a base fact")
        case .rule:
            #expect(!tree.children.isEmpty)
            for child in tree.children {
                #expect(child.step < tree.step, "\(child.fact) does not come before \(tree.fact)")
                check(child, edges: edges)
            }
        case .elided:
            Issue.record("elided below the depth limit: \(tree.fact)")
        }
    }
    for _ in 0..<60 {
        let program = RandomProgram(using: &rng)
        let engine = Engine()
        try engine.load(Program.parse(program.source))
        let edges = Set(program.edges.map { [$0.0, $0.1] })
        for relation in ["p", "q", "r"] {
            for tuple in try engine.tuples(of: relation) {
                let tree = try #require(try engine.explain(relation: relation, tuple: tuple, depth: 100))
                check(tree, edges: edges)
            }
        }
    }
}
