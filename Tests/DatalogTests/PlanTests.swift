import Foundation
import Testing

@testable import Datalog

/// A reachability program over towns; its plans are printed by the tests below.
private let reachability = """
    .decl 相邻(a: symbol, b: symbol)
    .decl 可达(a: symbol, b: symbol)
    相邻("临安", "余杭"). 相邻("余杭", "德清"). 相邻("德清", "临安").
    可达(x, y) :- 相邻(x, y).
    可达(x, z) :- 可达(x, y), 相邻(y, z).
    """

private func loaded(_ source: String) throws -> Engine {
    let engine = Engine()
    try engine.load(Program.parse(source, file: "plan.dl"))
    return engine
}

@Test func aRecursiveRuleReadsTheRecentTuplesAndProbesAnIndex() throws {
    let engine = try loaded(reachability)
    #expect(
        try engine.planText() == """
            STRATUM 1: 可达 (recursive)
              可达(x, y) :- 相邻(x, y).   # plan.dl:4
                FOR t0 IN 相邻 BIND x = t0.0, y = t0.1
                  INSERT (x, y) INTO 可达
              可达(x, z) :- 可达(x, y), 相邻(y, z).   # plan.dl:5, recent tuples of body literal 1
                FOR t0 IN 可达.recent BIND x = t0.0, y = t0.1
                  FOR t1 IN 相邻 ON INDEX t1.0 = y BIND z = t1.1
                    INSERT (x, z) INTO 可达

            """)
}

@Test func aRuleWithTwoRecursiveAtomsHasAVersionPerAtomAndTheOtherReadsStableTuples() throws {
    let engine = try loaded(
        """
        .decl 相邻(a: symbol, b: symbol)
        .decl 可达(a: symbol, b: symbol)
        相邻("临安", "余杭").
        可达(x, y) :- 相邻(x, y).
        可达(x, z) :- 可达(x, y), 可达(y, z).
        """)
    let text = try engine.planText()
    #expect(text.contains("recent tuples of body literal 1\n    FOR t0 IN 可达.recent BIND x = t0.0, y = t0.1\n      FOR t1 IN 可达 ON INDEX t1.0 = y"))
    #expect(text.contains("recent tuples of body literal 2\n    FOR t0 IN 可达.recent BIND y = t0.0, z = t0.1\n      FOR t1 IN 可达.stable ON INDEX t1.1 = y"))
}

@Test func negationsFiltersAndAggregatesPrintInTheOrderTheyRun() throws {
    let engine = try loaded(
        reachability + """

            .decl 孤立(a: symbol)
            孤立(x) :- 相邻(x, _), !可达(x, x), x != "德清".
            .decl 数目(n: number)
            数目(n) :- n = count : { 可达("临安", _) }.
            """)
    let text = try engine.planText()
    #expect(
        text.contains(
            """
                FOR t0 IN 相邻 BIND x = t0.0
                  IF (x, x) NOT IN 可达
                    IF x != "德清"
                      INSERT (x) INTO 孤立
            """))
    #expect(
        text.contains(
            """
                LET $agg0 = count OF
                    FOR t0 IN 可达 ON INDEX t0.0 = "临安"
                      ADD TO count
                  LET n = $agg0
                    INSERT (n) INTO 数目
            """))
}

@Test func aQueryPlanBindsItsConstantsThroughAnIndex() throws {
    let engine = try loaded(reachability)
    #expect(
        try engine.planText(query: #"可达("临安", 去处), 去处 != "余杭""#) == """
            ?- 可达("临安", 去处), 去处 != "余杭".   # <query>:1
              FOR t0 IN 可达 ON INDEX t0.0 = "临安" BIND 去处 = t0.1
                IF 去处 != "余杭"
                  ANSWER (去处)

            """)
}

@Test func evaluatingAgainAfterNewFactsReusesThePlans() throws {
    let engine = try loaded(reachability)
    #expect(engine.planningCount == 0)
    #expect(try engine.query(#"可达("临安", "临安")"#).isTrue)
    #expect(engine.planningCount == 1)
    // New facts undo the evaluation, not the plans.
    try engine.insert(relation: "相邻", tuples: [[.symbol("临安"), .symbol("桐庐")]])
    #expect(try engine.query(#"可达("德清", "桐庐")"#).isTrue)
    _ = try engine.planText()
    #expect(engine.planningCount == 1)
    // A new rule changes the program: the next evaluation plans again.
    try engine.load(Program.parse(#"可达(x, x) :- 相邻(x, _)."#, file: "more.dl"))
    #expect(try engine.query(#"可达("余杭", "余杭")"#).isTrue)
    #expect(engine.planningCount == 2)
}

@Test func undoingALoadDropsItsPlans() throws {
    let engine = try loaded(reachability)
    try engine.load(Program.parse(".decl 远(a: symbol)\n远(x) :- 可达(x, \"德清\").", file: "more.dl"))
    #expect(try engine.planText().contains("INTO 远"))
    #expect(engine.undoLastLoad())
    #expect(try !engine.planText().contains("INTO 远"))
    #expect(engine.planningCount == 2)
}

@Test func aProgramWithoutRulesHasNoPlans() throws {
    let engine = try loaded(#"相邻("临安", "余杭")."#)
    #expect(try engine.planText() == "no rules\n")
}

@Test func theSemiNaiveVersionsMoveDownOneRoundAtATime() {
    var versions = SemiNaiveVersions()
    versions.makeAllRecent(count: 3)
    #expect(versions.stableEnd == 0 && versions.recentEnd == 3 && versions.hasRecent)
    versions.advance(to: 5)
    #expect(versions.stableEnd == 3 && versions.recentEnd == 5)
    versions.advance(to: 5)
    #expect(versions.stableEnd == 5 && !versions.hasRecent)
    versions.makeAllStable(count: 7)
    #expect(versions.stableEnd == 7 && versions.recentEnd == 7)
}
