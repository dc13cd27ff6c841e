import Testing
import TupuKit

@testable import Datalog

/// A random program over binary relations: positive atoms (variables or small constants),
/// comparisons placed anywhere in the body, and negation of the base relation.
struct RandomProgram {
    enum Element {
        /// Arguments are variable names or decimal constants.
        case atom(relation: String, arguments: [String], negated: Bool)
        case comparison(String, String, String)
    }
    struct GeneratedRule {
        var head: String
        var headArguments: [String]
        var body: [Element]
    }
    var edges: [(Int, Int)]
    var rules: [GeneratedRule]

    init(using rng: inout SplitMix64) {
        let nodes = Int.random(in: 2...6, using: &rng)
        edges = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
            (Int.random(in: 0..<nodes, using: &rng), Int.random(in: 0..<nodes, using: &rng))
        }
        let derived = ["p", "q", "r"]
        let variables = ["x", "y", "z", "w"]
        rules = []
        for head in derived {
            for _ in 0..<Int.random(in: 1...2, using: &rng) {
                var body: [Element] = []
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    let relation = (["e"] + derived).randomElement(using: &rng)!
                    let arguments = (0..<2).map { _ in
                        Int.random(in: 0..<5, using: &rng) == 0
                            ? String(Int.random(in: 0..<nodes, using: &rng))
                            : variables.randomElement(using: &rng)!
                    }
                    body.append(.atom(relation: relation, arguments: arguments, negated: false))
                }
                let bound = Array(
                    Set(
                        body.flatMap { element -> [String] in
                            if case .atom(_, let arguments, _) = element { return arguments.filter { Int($0) == nil } }
                            return []
                        })
                ).sorted()
                if !bound.isEmpty && Bool.random(using: &rng) {
                    body.append(.atom(relation: "e", arguments: [bound.randomElement(using: &rng)!, bound.randomElement(using: &rng)!], negated: true))
                }
                if !bound.isEmpty && Int.random(in: 0..<3, using: &rng) == 0 {
                    let comparison = Element.comparison(
                        ["!=", "<", "<="].randomElement(using: &rng)!,
                        bound.randomElement(using: &rng)!, bound.randomElement(using: &rng)!)
                    body.insert(comparison, at: Int.random(in: 0...body.count, using: &rng))
                }
                let headArguments = bound.isEmpty ? ["0", "0"] : [bound.randomElement(using: &rng)!, bound.randomElement(using: &rng)!]
                rules.append(GeneratedRule(head: head, headArguments: headArguments, body: body))
            }
        }
    }

    var source: String {
        var s = edges.map { "e(\($0.0), \($0.1)).\n" }.joined()
        for rule in rules {
            let body = rule.body.map { element -> String in
                switch element {
                case .atom(let relation, let arguments, let negated):
                    return (negated ? "!" : "") + "\(relation)(\(arguments.joined(separator: ", ")))"
                case .comparison(let op, let a, let b): return "\(a) \(op) \(b)"
                }
            }
            s += "\(rule.head)(\(rule.headArguments.joined(separator: ", "))) :- \(body.joined(separator: ", ")).\n"
        }
        return s
    }

    /// Naive evaluation: apply every rule to the full relations until nothing changes.
    func naive() -> [String: Set<[Int]>] {
        var db: [String: Set<[Int]>] = ["e": Set(edges.map { [$0.0, $0.1] }), "p": [], "q": [], "r": []]
        func value(_ term: String, _ binding: [String: Int]) -> Int { Int(term) ?? binding[term]! }
        var changed = true
        while changed {
            changed = false
            for rule in rules {
                var bindings: [[String: Int]] = [[:]]
                for case .atom(let relation, let arguments, false) in rule.body {
                    var next: [[String: Int]] = []
                    for b in bindings {
                        for t in db[relation]! {
                            var nb = b
                            var ok = true
                            for (i, term) in arguments.enumerated() {
                                if let constant = Int(term) {
                                    if constant != t[i] {
                                        ok = false
                                        break
                                    }
                                } else if let bound = nb[term] {
                                    if bound != t[i] {
                                        ok = false
                                        break
                                    }
                                } else {
                                    nb[term] = t[i]
                                }
                            }
                            if ok { next.append(nb) }
                        }
                    }
                    bindings = next
                }
                for element in rule.body {
                    switch element {
                    case .atom(_, let arguments, true):
                        bindings = bindings.filter { binding in !db["e"]!.contains(arguments.map { value($0, binding) }) }
                    case .comparison(let op, let a, let b):
                        bindings = bindings.filter { binding in
                            let x = value(a, binding)
                            let y = value(b, binding)
                            return op == "!=" ? x != y : op == "<" ? x < y : x <= y
                        }
                    default: break
                    }
                }
                for b in bindings {
                    if db[rule.head]!.insert(rule.headArguments.map { value($0, b) }).inserted { changed = true }
                }
            }
        }
        return db
    }
}

@Test func semiNaiveAgreesWithNaiveOnRandomPrograms() throws {
    var rng = SplitMix64(seed: 20_261_201)
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
    var rng = SplitMix64(seed: 7)
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

@Test func mangledProgramsFailWithErrorsNotCrashes() {
    let original = Array(
        """
        .decl e(x: number, y: number)
        e(1, 2). e(2, 3). 城市("杭州", 1).
        p(x, y) :- e(x, y). p(x, z) :- p(x, y), e(y, z), !e(z, x), x < z + 1.
        c(n) :- n = count : { p(_, _) }. s(t) :- t = sum y : { e(_, y) }.
        ?- p(1, X), X != 2. ?- 城市(名, _).
        """.unicodeScalars)
    let alphabet = Array("()\",.:-!?_=<>+*/%{};| xX1名\n".unicodeScalars)
    var rng = SplitMix64(seed: 99)
    for _ in 0..<400 {
        var scalars = original
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let at = Int.random(in: 0..<scalars.count, using: &rng)
            if Bool.random(using: &rng) { scalars.remove(at: at) } else { scalars.insert(alphabet.randomElement(using: &rng)!, at: at) }
        }
        var source = ""
        source.unicodeScalars.append(contentsOf: scalars)
        do {
            let engine = Engine(options: Engine.Options(maxTuples: 10_000, maxIterations: 1_000))
            let program = try Program.parse(source, file: "m.dl")
            try engine.load(program)
            for q in program.queries { _ = try engine.answer(q) }
        } catch let error as DatalogError {
            #expect(error.location == nil || error.line! >= 1, "\(error)")
            _ = error.rendered(source: source)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
