import Datalog
import Testing
import TupuGraph

@testable import TupuQuery

private func answers(_ source: String, ids: Bool = false) throws -> [[String]] {
    let session = try QuerySession(graph: Fixture.graph)
    let blocks = try session.run(source, file: "<test>")
    return session.names.named(blocks[0].answer, ids: ids).rows.map { $0.map(\.text) }
}

@Test func programmesWithinACityFollowTheWholePlaceChain() throws {
    // 健康进家门 is located in 白云社区 (village) → 绿水街道 → 青山县 → 湖州市;
    // 暖心驿站 has no place of its own, but its runner sits in 绿水街道.
    let rows = try answers(#"?- programme_in(G, "湖州市")."#)
    #expect(rows == [["健康进家门"], ["暖心驿站"]])
}

@Test func answersPrintNamesUnlessIdsAreAsked() throws {
    #expect(try answers(#"?- runs(O, "暖心驿站")."#) == [["绿水街道党工委"]])
    #expect(try answers(#"?- runs(O, "暖心驿站")."#, ids: true) == [["org:党工委"]])
}

@Test func partnerHoldsInBothDirectionsAndAliasesNameEntities() throws {
    #expect(try answers(#"?- partner("街道党工委", X)."#) == [["青山电力有限公司"]])
    #expect(try answers(#"?- partner(X, "街道党工委")."#) == [["青山电力有限公司"]])
}

@Test func negationFindsProgrammesWithoutARunner() throws {
    let source = """
        .decl has_runner(g: symbol)
        has_runner(G) :- runs(_, G).
        ?- entity(G, "programme", _), !has_runner(G).
        """
    #expect(try answers(source) == [["无人认领"]])
}

@Test func rulesStayForTheSessionAndAggregatesCount() throws {
    let session = try QuerySession(graph: Fixture.graph)
    _ = try session.run(
        """
        .decl programmes_at(p: symbol, n: number)
        programmes_at(P, N) :- place(P, _, _), N = count : { programme_in(_, P) }, N > 0.
        """, file: "<a>")
    let blocks = try session.run(#"?- programmes_at("青山县", N)."#, file: "<b>")
    #expect(blocks[0].rows == [[.number(2)]])
}

@Test func roleTitlesComeFromTheEdge() throws {
    #expect(try answers("?- role(P, O, T).") == [["王某某", "绿水街道党工委", "书记"]])
}

@Test func anErrorPointsAtTheNameAsTypedNotAtTheIdItBecame() throws {
    let session = try QuerySession(graph: Fixture.graph)
    do {
        _ = try session.run(#"?- within(X, "湖州市"), runz(X, Y)."#, file: "<q>")
        Issue.record("expected an unknown-relation error")
    } catch let failure as QuerySession.Failure {
        #expect(failure.error.location?.column == 22)  // in the resolved text it would be 31
        #expect(failure.description.contains("?- within(X, \"湖州市\"), runz(X, Y)."))
        #expect(failure.description.contains("did you mean 'runs'"))
    }
}

@Test func anErrorAfterSeveralNamesOnALaterLinePointsAtItsOwnColumn() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let source = "?- partner(\"街道党工委\", X),\n   runs(X, \"暖心驿站\"), within(X, \"湖州市\"), runz(X)."
    do {
        _ = try session.run(source, file: "<q>", firstLine: 7)
        Issue.record("expected an unknown-relation error")
    } catch let failure as QuerySession.Failure {
        // Each name became a longer id; the column still counts the scalars as typed.
        #expect(failure.error.location?.line == 8)
        #expect(failure.error.location?.column == 39)
        #expect(failure.description.hasPrefix("<q>:8:39: error: unknown relation 'runz'"))
        #expect(failure.description.contains("   runs(X, \"暖心驿站\"), within(X, \"湖州市\"), runz(X).\n"))
    }
}

@Test func unknownNamesAreReportedWhereTheyWereTyped() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let unknown = session.unknownNames(in: "?- runs(X, \"暖心驿站\"),\n   within(X, \"某某镇\").", firstLine: 3)
    #expect(unknown.map(\.name) == ["某某镇"])
    #expect(unknown.map(\.line) == [4])
    #expect(unknown.map(\.column) == [14])
}

@Test func explainPutsEachAnswerBackIntoTheGoalsAtoms() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let explanation = try session.explain(#"runs(O, "暖心驿站"), located_in(O, P)"#)
    #expect(explanation.totalAnswers == 1)
    #expect(explanation.answers.first?.proofs.map(\.relation) == ["runs", "located_in"])
    #expect(explanation.answers.first?.proofs.first?.values == [.symbol("org:党工委"), .symbol("programme:暖心驿站")])
}

@Test func tableOutputAlignsChineseByDisplayWidth() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let blocks = try session.run(#"?- runs(Org, G)."#, file: "<q>")
    let text = session.format(blocks, as: .table, ids: false, headings: false)
    let lines = text.split(separator: "\n").map(String.init)
    // "Org" padded to the width of 青山县人民医院 (7 CJK = 14 columns) plus two spaces.
    #expect(lines[0] == "Org" + String(repeating: " ", count: 13) + "G")
    #expect(lines.contains("青山县人民医院  健康进家门"))
}

@Test func csvAnswersWriteFormulaLikeNamesAsText() throws {
    var graph = Graph()
    graph.add(Entity(id: "org:恶意", type: .org, name: "=HYPERLINK(\"http://example.invalid\")某社区", docs: ["-新闻.txt"]))
    graph.add(Entity(id: "org:卫生院", type: .org, name: "青溪街道卫生院", docs: ["a.txt"]))
    let session = try QuerySession(graph: graph)
    let blocks = try session.run(#"?- entity(X, T, N)."#, file: "<q>")
    let csv = session.format(blocks, as: .csv, ids: false, headings: false)
    #expect(csv.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\")某社区\""))
    #expect(csv.contains("青溪街道卫生院,org,青溪街道卫生院"))
    // Other formats show the name as it is.
    #expect(session.format(blocks, as: .tsv, ids: false, headings: false).contains("\t=HYPERLINK("))
}
