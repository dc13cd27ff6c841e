import Testing
import TupuGraph
import TupuKit

@testable import TupuExport

@Test func focusFindsAnEntityByNameAliasOrIdAndStopsAtTheDepth() throws {
    let graph = Sample.graph
    let names = { (s: Subgraph) in Set(s.entities.map { graph.entities[$0].name }) }
    let byAlias = try Subgraph.focus(graph, on: "市三院", depth: 1, maxNodes: 100)
    #expect(names(byAlias) == ["海塘市第三医院", "银发食堂", "海塘市志愿者协会", "林晓雯"])
    let deeper = try Subgraph.focus(graph, on: Sample.hospital, depth: 3, maxNodes: 100)
    #expect(names(deeper).count == 6 && deeper.isWholeGraph)
    let alone = try Subgraph.focus(graph, on: "青溪街道", depth: 0, maxNodes: 100)
    #expect(names(alone) == ["青溪街道"] && alone.edges.isEmpty)
}

@Test func focusKeepsOnlyEdgesBetweenChosenEntities() throws {
    let graph = Sample.graph
    let around = try Subgraph.focus(graph, on: "银发食堂", depth: 1, maxNodes: 100)
    let relations = around.edges.map { graph.edges[$0].relation }
    #expect(Set(relations) == [.runs, .locatedIn])
}

@Test func anUnknownFocusSuggestsNamesOneCharacterOff() {
    #expect(throws: Subgraph.FocusNotFound.self) { try Subgraph.focus(Sample.graph, on: "海塘第三医院", depth: 1, maxNodes: 10) }
    do {
        _ = try Subgraph.focus(Sample.graph, on: "海塘第三医院", depth: 1, maxNodes: 10)
    } catch let error as Subgraph.FocusNotFound {
        #expect(error.suggestions.first == "海塘市第三医院")
        #expect(error.description.contains("did you mean '海塘市第三医院'"))
    } catch { Issue.record("unexpected \(error)") }
}

@Test func withoutAFocusTheBestConnectedPartIsDrawnUpToMaxNodes() {
    let graph = Sample.starAndChain(spokes: 10, chain: 30)
    let part = Subgraph.bestConnected(graph, maxNodes: 11)
    #expect(part.entities.count == 11)
    #expect(graph.entities[part.entities[0]].name == "中心")
    #expect(part.entities.allSatisfy { graph.entities[$0].type != .place })
    #expect(part.edges.count == 10)
    #expect(!part.isWholeGraph && part.totalEntities == 41)
}

@Test func maxNodesBoundsAFocusedDrawing() throws {
    let graph = Sample.starAndChain(spokes: 50, chain: 0)
    let part = try Subgraph.focus(graph, on: "中心", depth: 2, maxNodes: 20)
    #expect(part.entities.count == 20)
    #expect(part.edges.count == 19)
}

@Test func spellingCountsScalarsAndSwapsAsSingleEdits() {
    #expect(Spelling.distance("海塘市第三医院", "海塘第三医院") == 1)
    #expect(Spelling.distance("dto", "dot") == 1)
    #expect(Spelling.closest(to: "ntriple", among: ["jsonl", "ntriples", "nquads"]) == "ntriples")
    #expect(Spelling.closest(to: "xml", among: ["jsonl", "dot", "csv"]) == nil)
}

@Test func aQueryDrawsTheEntitiesInItsAnswersAndTheEdgesBetweenThem() throws {
    let graph = Sample.graph
    let part = try Subgraph.answers(of: "% 谁和谁合作？\n?- partner(A, B).\n", file: "q.dl", in: graph, maxNodes: 10)
    #expect(Set(part.entities.map { graph.entities[$0].name }) == ["海塘市第三医院", "海塘市志愿者协会"])
    #expect(part.edges.map { graph.edges[$0].relation } == [.partner])
    let capped = try Subgraph.answers(of: "?- entity(X, _, _).", file: "q.dl", in: graph, maxNodes: 2)
    #expect(capped.entities.count == 2)
}
