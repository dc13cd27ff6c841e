import Foundation
import Testing

@testable import Datalog

/// Runs a program and returns the rows of its queries, in order, as text ("a,b").
func answers(_ source: String, options: Engine.Options = Engine.Options()) throws -> [[String]] {
    let engine = Engine(options: options)
    let program = try Program.parse(source, file: "test.dl")
    try engine.load(program)
    return try program.queries.map { q in
        try engine.answer(q).rows.map { $0.map(\.text).joined(separator: ",") }
    }
}

@Test func ancestorsFollowParentChains() throws {
    let result = try answers(
        """
        parent("alice", "bob"). parent("bob", "carol"). parent("carol", "dave").
        ancestor(X, Y) :- parent(X, Y).
        ancestor(X, Z) :- ancestor(X, Y), parent(Y, Z).
        ?- ancestor("alice", Who).
        ?- ancestor(Who, "dave").
        """)
    #expect(result == [["bob", "carol", "dave"], ["alice", "bob", "carol"]])
}

@Test func sameGenerationPairsCousins() throws {
    let result = try answers(
        """
        parent("p", "a"). parent("p", "b"). parent("a", "c"). parent("b", "d").
        person(x) :- parent(x, _). person(x) :- parent(_, x).
        sg(x, x) :- person(x).
        sg(x, y) :- parent(px, x), sg(px, py), parent(py, y).
        ?- sg("c", Y).
        """)
    #expect(result == [["c", "d"]])
}

@Test func transitiveClosureOfAChainHasAllForwardPairs() throws {
    let engine = Engine()
    try engine.insert(relation: "edge", tuples: (0..<50).map { [.number($0), .number($0 + 1)] })
    try engine.load(Program.parse("path(x, y) :- edge(x, y). path(x, z) :- path(x, y), edge(y, z)."))
    #expect(try engine.tuples(of: "path").count == 51 * 50 / 2)
    #expect(try engine.query("?- path(0, 50).").isTrue)
    #expect(try !engine.query("?- path(50, 0).").isTrue)
}

@Test func stratifiedNegationFindsUnreachableNodes() throws {
    let result = try answers(
        """
        node(1). node(2). node(3). node(4). edge(1, 2). edge(2, 3).
        reach(1).
        reach(y) :- reach(x), edge(x, y).
        unreachable(n) :- node(n), !reach(n).
        lonely(n) :- node(n), not edge(n, _), not edge(_, n).
        ?- unreachable(N).
        ?- lonely(N).
        """)
    #expect(result == [["4"], ["4"]])
}

@Test func aggregatesGroupByOuterVariables() throws {
    let result = try answers(
        """
        runs("街道", "助餐"). runs("街道", "义诊"). runs("医院", "义诊").
        score("a", 3). score("a", 5). score("b", 7).
        org(o) :- runs(o, _).
        programmes(o, n) :- org(o), n = count : { runs(o, _) }.
        total(s) :- s = sum x : { score(_, x) }.
        best(p, m) :- score(p, _), m = max x : { score(p, x) }.
        least(m) :- m = min x : { score(_, x) }.
        ?- programmes(O, N).
        ?- total(S).
        ?- best(P, M).
        ?- least(M).
        ?- n = count : { runs(_, "义诊") }.
        ?- n = count : { org(o), k = count : { runs(o, _) }, k > 1 }.
        """)
    #expect(result == [["医院,1", "街道,2"], ["15"], ["a,5", "b,7"], ["3"], ["2"], ["1"]])
}

@Test func arithmeticIsLeftAssociativeWithUsualPrecedence() throws {
    let result = try answers(
        """
        ?- X = 1-2-3.
        ?- X = 2 + 3 * 4.
        ?- X = (2 + 3) * 4, Y = 17 % 5, Z = 17 / 5, W = -7 + 2.
        r(1, 2). r(10, 20).
        A(a, b, a+b) :- r(a, b).
        ?- A(x, y, z).
        ?- r(a, b), a * 2 = b, (b > 5).
        """)
    #expect(result == [["-4"], ["14"], ["20,2,3,-5"], ["1,2,3", "10,20,30"], ["10,20"]])
}

@Test func bareIdentifiersAreVariablesWhateverTheirCase() throws {
    let result = try answers(
        """
        runs("社区", "助餐").
        Fib(0, 0). Fib(1, 1).
        Fib(n + 1, x + y) :- Fib(n, x), Fib(n - 1, y), n < 10.
        fib(0, 0). fib(1, 1).
        fib(n + 1, x + y) :- fib(n - 1, y), n < 10, fib(n, x).
        ?- runs(org, prog).
        ?- Fib(10, f).
        ?- fib(10, f).
        """)
    #expect(result == [["社区,助餐"], ["55"], ["55"]])
}

@Test func chineseRelationNamesAndStrings() throws {
    let result = try answers(
        """
        位于 ("青山社区", "西湖区"). 位于("西湖区", "杭州市").
        属于(甲, 乙) :- 位于(甲, 乙).
        属于(甲, 丙) :- 属于(甲, 乙), 位于(乙, 丙).
        ?- 属于("青山社区", 地方).
        """)
    #expect(result == [["杭州市", "西湖区"]])
}

@Test func stringBuiltinsFollowSouffleArgumentOrder() throws {
    let result = try answers(
        """
        name("杭州市上城区助餐服务中心").
        ?- name(n), contains("助餐", n).
        ?- name(n), contains(n, "助餐").
        ?- name(n), starts_with(n, "杭州"), ends_with(n, "中心"), L = strlen(n).
        ?- name(n), s = cat("[", n, "]"), strlen(s) = 14.
        """)
    #expect(result == [["杭州市上城区助餐服务中心"], [], ["杭州市上城区助餐服务中心,12"], ["杭州市上城区助餐服务中心,[杭州市上城区助餐服务中心]"]])
}

@Test func zeroArityAtomsDisjunctionAndMultipleHeads() throws {
    let result = try answers(
        """
        a(1). b(2).
        ok() :- a(1).
        both(x), either(x) :- a(x) ; b(x).
        ?- ok().
        ?- ok.
        ?- nope().
        nope() :- a(3).
        ?- both(X).
        """)
    #expect(result == [[""], [""], [], ["1", "2"]])
}

@Test func commentsInAllThreeStyles() throws {
    let result = try answers(
        """
        % a Prolog-style comment
        p(1). // a line comment
        /* a block
           comment */ p(2).
        q(x) :- p(x), x % 2 = 0.
        ?- q(X).
        """)
    #expect(result == [["2"]])
}

@Test func queriesOnlyProjectNamedVariables() throws {
    let result = try answers(
        """
        e(1, 2). e(1, 3). e(2, 3).
        ?- e(X, _).
        ?- e(_, _).
        """)
    #expect(result == [["1", "2"], [""]])
}

@Test func factsAddedAfterEvaluationAreSeen() throws {
    let engine = Engine()
    try engine.insert(relation: "link", tuples: [[.symbol("a"), .symbol("b")]])
    try engine.load(Program.parse("reach(y) :- start(y). reach(y) :- reach(x), link(x, y). start(\"a\")."))
    #expect(try engine.tuples(of: "reach").count == 2)
    try engine.insert(relation: "link", tuples: [[.symbol("b"), .symbol("c")]])
    #expect(try engine.tuples(of: "reach").count == 3)
    try engine.load(Program.parse("link(\"c\", \"d\")."))
    #expect(try engine.query("reach(\"d\")").isTrue)
    let infos = try engine.relationInfos()
    #expect(infos.map(\.name) == ["link", "reach", "start"])
    #expect(infos.first { $0.name == "reach" }?.isBase == false)
    #expect(infos.first { $0.name == "link" }?.size == 3)
}

@Test func inputOutputAndPrintSizeUseDirectories() throws {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("datalog-io-\(UUID().uuidString)")
    let facts = base.appendingPathComponent("facts").path
    let out = base.appendingPathComponent("out").path
    try FileManager.default.createDirectory(atPath: facts, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: base) }
    try "社区\t街道\n街道\t区\n".write(toFile: facts + "/inside.facts", atomically: true, encoding: .utf8)
    let source = """
        .decl inside(a: symbol, b: symbol)
        .input inside
        .decl within(a: symbol, b: symbol)
        within(x, y) :- inside(x, y).
        within(x, z) :- within(x, y), inside(y, z).
        .output within
        .printsize within
        """
    var options = RunOptions()
    options.factsDirectory = facts
    options.outputDirectory = out
    var printed = ""
    try Runner(options: options, output: { printed += $0 }).run(source: source, file: "io.dl")
    #expect(printed == "within\t3\n")
    let csv = try String(contentsOfFile: out + "/within.csv", encoding: .utf8)
    #expect(csv == "社区\t区\n社区\t街道\n街道\t区\n")
    options.outputDirectory = nil
    options.format = .tsv
    printed = ""
    try Runner(options: options, output: { printed += $0 }).run(source: source, file: "io.dl")
    #expect(printed == "a\tb\n社区\t区\n社区\t街道\n街道\t区\nwithin\t3\n")
}

@Test func aWordInANumberColumnOfAFactsFileIsAnError() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("datalog-num-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "1\t2\n3\t四\n".write(toFile: directory + "/e.facts", atomically: true, encoding: .utf8)
    var options = RunOptions()
    options.factsDirectory = directory
    do {
        try Runner(options: options, output: { _ in }).run(source: ".decl e(x: number, y: number)\n.input e\n", file: "n.dl")
        Issue.record("expected an error")
    } catch let error as DatalogError {
        #expect(error.message.hasSuffix("/e.facts:2: column 2 of 'e' is a number, got '四'"))
        #expect((error.line, error.column) == (2, 8))
    }
}

@Test func missingFactsFileIsAnErrorAtTheDirective() throws {
    var options = RunOptions()
    options.factsDirectory = "/nonexistent-datalog-dir"
    #expect(throws: DatalogError.self) {
        try Runner(options: options, output: { _ in }).run(source: ".decl e(x: number)\n.input e\n", file: "m.dl")
    }
}

@Test func souffleDirectivesAndConstraintsAreUnderstood() throws {
    let result = try answers(
        """
        .pragma "legacy" "true"
        .type Place <: symbol
        .decl same(a: Place, b: Place) eqrel
        same("社区", "街道"). same("街道", "镇").
        flag(1) :- true.
        never(1) :- false.
        ?- same("镇", X).
        ?- flag(X).
        ?- never(X).
        """)
    #expect(result == [["社区", "街道", "镇"], ["1"], []])
}

@Test func souffleArithmeticAndSymbolConcatenation() throws {
    let result = try answers(
        """
        .symbol_type Text
        .decl s(x: Text)
        s("社区").
        ?- X = 2^4 % 13, Y = --2, Z = -2 * 10, W = 1 + 20 / 2 / 5.
        ?- s(x), y = "杭州" + x + "-" + to_string(3).
        ?- ord("社区") < ord("乙"), ord(7) = 7.
        ?- A = 12 band 10, B = 12 bor 3 bxor 1, C = 1 bshl 4 + 1, D = bnot 0, E = 1 land 0 lor 1, F = lnot 5.
        """)
    #expect(result == [["3,2,-20,3"], ["社区,杭州社区-3"], [""], ["8,14,32,-1,1,0"]])
}

@Test func floatsComputeCompareAndPrintLikeSouffle() throws {
    let result = try answers(
        """
        .decl price(item: symbol, yuan: float)
        price("茶", 2.5). price("饭", 12). price("汤", 0.75).
        ?- price(i, p), p > 2.
        ?- s = sum p : { price(_, p) }, m = min p : { price(_, p) }, a = mean p : { price(_, p) }.
        ?- X = 1.5 * 2, Y = 7 / 2, Z = 7.0 / 2, W = -0.5 + 1.
        ?- price(i, p), p < 3, p != 2.5.
        """)
    #expect(result == [["茶,2.5", "饭,12"], ["15.25,0.75,5.08333"], ["3,3,3.5,0.5"], ["汤,0.75"]])
    let engine = Engine()
    try engine.load(Program.parse("r(1.0e3). r(-2.25)."))
    #expect(try engine.tuples(of: "r") == [[.float(-2.25)], [.float(1000)]])
    #expect(
        AnswerFormatter(format: .jsonl).render(.answer(Answer(query: 1, variables: ["X"], rows: [[.float(0.5)]])))
            == "{\"query\": 1, \"values\": {\"X\": 0.5}}\n")
}

@Test func stringEscapesAreDecoded() throws {
    let engine = Engine()
    try engine.load(Program.parse(#"quote("say \"你好\"\\\n")."#))
    #expect(try engine.tuples(of: "quote") == [[.symbol("say \"你好\"\\\n")]])
    #expect(try engine.query(#"?- quote(s), strlen(s) = 10."#).isTrue)
}

@Test func queriesAloneDoNotReevaluate() throws {
    let engine = Engine()
    try engine.insert(relation: "link", tuples: [[.number(1), .number(2)], [.number(2), .number(3)]])
    try engine.load(Program.parse("reach(x, y) :- link(x, y). reach(x, z) :- reach(x, y), link(y, z)."))
    try engine.evaluate()
    let queries = try engine.load(Program.parse("?- reach(1, X)."))
    #expect(engine.isEvaluated)
    #expect(try engine.answer(queries[0]).rows == [[.number(2)], [.number(3)]])
}
