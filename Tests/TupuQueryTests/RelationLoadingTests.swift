import Datalog
import Testing
import TupuGraph

@testable import TupuQuery

/// A session hands the engine only the graph relations a program needs; what it answers is
/// what it would answer with every relation loaded.

@Test func aQueryLoadsOnlyTheRelationsItReaches() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let blocks = try session.run(#"?- runs(O, "暖心驿站")."#, file: "<q>")
    #expect(blocks[0].rows == [[.symbol("org:党工委")]])
    let sizes = try session.engine.relationInfos(evaluating: false)
    #expect(sizes.first { $0.name == "runs" }?.size == 2)
    // Nothing asked for mentions or evidence: those rows were never made.
    #expect(sizes.first { $0.name == "mentioned_in" }?.size == 0)
    #expect(sizes.first { $0.name == "evidence" }?.size == 0)
}

@Test func aPreludeRuleBringsTheRelationsItsRulesRead() throws {
    let session = try QuerySession(graph: Fixture.graph)
    // programme_in reads entity, within (located_in, part_of), runs and at (place).
    let blocks = try session.run(#"?- programme_in(G, "place:330500")."#, file: "<q>")
    #expect(Set(blocks[0].rows) == [[.symbol("programme:健康进家门")], [.symbol("programme:暖心驿站")]])
}

@Test func aRuleFromAnEarlierProgramBringsItsRelationsWhenAskedLater() throws {
    let session = try QuerySession(graph: Fixture.graph)
    _ = try session.run(
        """
        .decl seen_in(x: symbol, d: symbol)
        seen_in(X, D) :- mentioned_in(X, D), entity(X, "org", _).
        """, file: "<rules>")
    let blocks = try session.run(#"?- seen_in("org:医院", D)."#, file: "<q>")
    #expect(Set(blocks[0].rows) == [[.symbol("a.txt")], [.symbol("b.txt")]])
}

@Test func anAggregateBodyBringsItsRelations() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let blocks = try session.run(#"?- N = count : { evidence(_, "runs", _, _, _, _) }."#, file: "<q>")
    #expect(blocks[0].rows == [[.number(2)]])
}

@Test func relationSizesCountEveryGraphRelation() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let sizes = Dictionary(uniqueKeysWithValues: session.relationSizes().map { ($0.name, $0.size) })
    #expect(sizes["entity"] == 11)
    #expect(sizes["mentioned_in"] == 12)
    #expect(sizes["partner"] == 2)
}

@Test func aProgramNamesItsRelationsAndWhatItsRulesRead() throws {
    let program = try Program.parse(
        """
        .decl busy(x: symbol, n: number)
        busy(X, N) :- entity(X, _, _), N = count : { runs(X, _) }, !quiet(X).
        ?- busy(X, N), N > 1.
        """)
    #expect(program.relationsNamed == ["busy", "entity", "runs", "quiet"])
    #expect(program.ruleDependencies == ["busy": ["entity", "runs", "quiet"]])
}
