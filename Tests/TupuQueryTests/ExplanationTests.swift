import Datalog
import Foundation
import Testing
import TupuGraph

@testable import TupuQuery

@Test func aDerivationEndsInGraphEdgesWithTheirSentencesMarked() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let explanation = try session.explain(#"programme_in("健康进家门", "湖州市")"#)
    let text = explanation.text(ids: false)
    // Rule nodes name the rule; leaves show the document, offsets, rule, confidence and the
    // sentence with both entities bracketed.
    #expect(text.contains("programme_in(健康进家门, 湖州市)   ⇐ programme_in(G, P) :- entity(G, \"programme\", _), within(G, P)"))
    #expect(text.contains("located_in(健康进家门, 白云社区)   graph edge, 1 mention"))
    #expect(text.contains("a.txt @40–64 · rule located.在 · confidence 0.9"))
    #expect(text.contains("» 青山县人民医院在【白云社区】开展“【健康进家门】”活动。\n"))
    #expect(text.contains("(no evidence recorded: an administrative parent)"))  // part_of(白云社区, 绿水街道)
}

@Test func theDepthLimitLeavesAHandleSayingHowToSeeMore() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let explanation = try session.explain(#"within("白云社区", "湖州市")"#, options: ExplainOptions(depth: 1))
    let text = explanation.text(ids: false)
    // One rule level shown: the part_of(青山县, 湖州市) leaf, the rest behind a handle.
    #expect(text.contains("[+3 more, use --depth 3]"))
    #expect(text.contains("part_of(青山县, 湖州市)   graph edge"))
    #expect(!text.contains("located_in"))
}

@Test func supportCountsMentionsBeyondTheEvidenceKept() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let text = try session.explain(#"runs(X, "暖心驿站")"#).text(ids: false)
    #expect(text.contains("answer 1: X = 绿水街道党工委"))
    #expect(text.contains("graph edge, 3 mentions"))
    #expect(text.contains("(+2 more mentions support this edge)"))
    #expect(text.contains("» 【绿水街道党工委】联合青山电力有限公司打造“【暖心驿站】”。\n"))
}

@Test func aFactThatDoesNotHoldShowsWhereTheRulesStopAndTheNearestEvidence() throws {
    let session = try QuerySession(graph: Fixture.graph)
    // The company partners with the committee but runs nothing.
    let explanation = try session.explain(#"runs("青山电力有限公司", "暖心驿站")"#)
    let text = explanation.text(ids: false)
    #expect(explanation.answers.isEmpty)
    #expect(text.contains("not derived: the goal does not hold."))
    #expect(text.contains("sentences that mention them together:"))
    #expect(text.contains("» 绿水街道党工委联合【青山电力有限公司】打造“【暖心驿站】”。\n"))

    let derived = try session.explain(#"programme_in("无人认领", "湖州市")"#).text(ids: false)
    #expect(derived.contains("is not derived by programme_in(G, P) :- runs(R, G), at(R, P)."))
    #expect(derived.contains("no match for runs(R, G)"))
}

@Test func theJSONFormCarriesEvidenceSpansAsCodePoints() throws {
    let session = try QuerySession(graph: Fixture.graph)
    let json = try session.explain(#"located_in("健康进家门", P)"#).json(ids: false)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["holds"] as? Bool == true)
    let answers = try #require(object["answers"] as? [[String: Any]])
    let proof = try #require((answers.first?["proofs"] as? [[String: Any]])?.first)
    let evidence = try #require((proof["evidence"] as? [[String: Any]])?.first)
    #expect(evidence["subject_span"] as? [Int] == [15, 20])  // 健康进家门 after 青山县人民医院在白云社区开展“
    #expect(evidence["object_span"] as? [Int] == [8, 12])
}

@Test func aNameSaidTwiceIsMarkedWhereItMeetsTheOtherName() {
    let hospital = Entity(id: "org:医院", type: .org, name: "青山县人民医院", aliases: ["县医院"])
    let village = Entity(id: "place:b", type: .place, name: "白云社区")
    let marked = EvidenceMarking.marked("白云社区居民说，县医院常来白云社区义诊。", subject: hospital, object: village)
    #expect(marked.text == "白云社区居民说，【县医院】常来【白云社区】义诊。")
    #expect(marked.subject == EvidenceMarking.Span(start: 8, end: 11))
    #expect(marked.object == EvidenceMarking.Span(start: 13, end: 17))
}

@Test func aSentenceThatOpensWithAQuotationIsShownWithoutAnotherQuotationMark() throws {
    let sentence = "“邻里食堂”由青山县人民医院牵头运营，每天供应午餐。"
    let graph = Graph(
        entities: [
            Entity(id: "org:医院", type: .org, name: "青山县人民医院", docs: ["c.txt"]),
            Entity(id: "programme:邻里食堂", type: .programme, name: "邻里食堂", docs: ["c.txt"])
        ],
        edges: [
            Edge(
                relation: .runs, subject: "org:医院", object: "programme:邻里食堂",
                evidence: [Evidence(doc: "c.txt", start: 0, end: 20, sentence: sentence, rule: "runs.passive", confidence: 0.85)])
        ])
    let text = try QuerySession(graph: graph).explain(#"runs(O, "邻里食堂")"#).text(ids: false)
    #expect(text.contains("» “【邻里食堂】”由【青山县人民医院】牵头运营，每天供应午餐。\n"))
    #expect(!text.contains("““"))
}
