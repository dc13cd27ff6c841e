import Testing

@testable import Datalog

@Test func explanationIsAFiniteTreeOfRuleInstancesOverFacts() throws {
    let engine = Engine()
    try engine.load(
        Program.parse(
            """
            位于("社区", "街道"). 位于("街道", "区"). 位于("区", "社区").
            在内(x, y) :- 位于(x, y).
            在内(x, z) :- 在内(x, y), 位于(y, z).
            """, file: "geo.dl"))
    let tree = try #require(try engine.explain(relation: "在内", tuple: [.symbol("社区"), .symbol("区")]))
    #expect(tree.kind == .rule)
    #expect(tree.rule == "在内(x, z) :- 在内(x, y), 位于(y, z).")
    #expect(
        tree.rendered() == """
            在内("社区", "区")  <- 在内(x, z) :- 在内(x, y), 位于(y, z).  [geo.dl:3]
              在内("社区", "街道")  <- 在内(x, y) :- 位于(x, y).  [geo.dl:2]
                位于("社区", "街道")  [fact]
              位于("街道", "区")  [fact]

            """)
    // On a cycle every fact still gets a finite tree.
    let loop = try #require(try engine.explain(relation: "在内", tuple: [.symbol("社区"), .symbol("社区")]))
    #expect(loop.children.count == 2)
    let shallow = try #require(try engine.explain(relation: "在内", tuple: [.symbol("社区"), .symbol("区")], depth: 1))
    #expect(shallow.children.first?.kind == .elided)
    #expect(shallow.json.hasPrefix("{\"relation\": \"在内\", \"tuple\": [\"社区\", \"区\"], \"kind\": \"rule\""))
}

@Test func whyNotNamesTheFirstFailingLiteral() throws {
    let engine = Engine()
    try engine.load(
        Program.parse(
            """
            runs("街道", "助餐").
            partner("街道", "医院").
            serves(o, p) :- runs(o, p).
            serves(o, p) :- partner(o, q), runs(q, p).
            """))
    #expect(try engine.whyNot(relation: "serves", tuple: [.symbol("街道"), .symbol("助餐")]) == nil)
    let report = try #require(try engine.whyNot(relation: "serves", tuple: [.symbol("街道"), .symbol("义诊")]))
    #expect(report.attempts.map(\.failingLiteral) == ["runs(o, p)", "runs(q, p)"])
    #expect(report.rendered.hasPrefix("serves(\"街道\", \"义诊\") is not derived:"))
    #expect(try engine.explain(relation: "serves", tuple: [.symbol("街道"), .symbol("义诊")]) == nil)
}
