import Foundation
import Testing
import TupuGazetteer
import TupuGraph
import TupuText

@testable import TupuRelate

let extractor = DocumentExtractor(gazetteer: try! PlaceGazetteer.bundled())

func graph(_ text: String) -> Graph {
    extractor.extract(Document(id: "test.txt", source: "test.txt", text: text))
}

/// Edges as readable (relation, subject name, object name) triples.
func triples(_ g: Graph, _ relation: Relation) -> Set<[String]> {
    Set(
        g.edges.filter { $0.relation == relation && !$0.evidence.isEmpty }.map {
            [$0.relation.rawValue, g.entity(id: $0.subject)!.name, g.entity(id: $0.object)!.name]
        })
}

@Test func anOrganisationRunsTheProgrammeItsNameOwns() {
    let g = graph("嘉兴市第一医院的“暖心驿”红色驿站于今年建成。")
    #expect(triples(g, .runs).contains(["runs", "嘉兴市第一医院", "暖心驿"]))
    #expect(triples(g, .locatedIn).contains(["located_in", "嘉兴市第一医院", "嘉兴市"]))
}

@Test func aPassiveLaunchCreditsBothLaunchersAndMakesThemPartners() {
    let g = graph("“惠民贷”由温岭市总工会联合温岭农商银行推出，解决创业难题。")
    #expect(triples(g, .runs) == [["runs", "温岭市总工会", "惠民贷"], ["runs", "温岭农商银行", "惠民贷"]])
    #expect(triples(g, .partner).count == 1)
}

@Test func partnersListedAfterWithAndBeforeTheVerbAreAllPartners() {
    let g = graph("杭州湖滨宾馆与浙江工业大学、杭州国际会展中心等单位合作，培育人才。")
    let partners = triples(g, .partner).map { Set($0.dropFirst()) }
    #expect(partners.contains(["杭州湖滨宾馆", "浙江工业大学"]))
    #expect(partners.contains(["杭州湖滨宾馆", "杭州国际会展中心"]))
}

@Test func aChainOfTitlesGivesOneRoleEach() {
    let g = graph("拱墅区政协委员、米市巷街道新联会会长林志远说，服务要做细。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "林志远", "拱墅区政协"]))
    #expect(roles.contains(["role", "林志远", "米市巷街道新联会"]))
    let title = g.edges.first { $0.relation == .role && g.entity(id: $0.object)?.name == "拱墅区政协" }?.attrs["title"]
    #expect(title == "委员")
}

@Test func aPlaceIsPartOfTheNearestPlaceAboveItThatTheTextNames() {
    let g = graph("杭州市西湖区外桐坞村发展茶产业。")
    // The village's 街道 is never named: its named parent is the district.
    #expect(triples(g, .partOf).contains(["part_of", "外桐坞村", "西湖区"]))
    // The gazetteer still links the whole chain, without a document.
    #expect(g.edges.contains { $0.relation == .partOf && $0.evidence.isEmpty && g.entity(id: $0.object)?.name == "浙江省" })
}

@Test func evidenceOffsetsAreCodePointsIntoTheTextAsRead() {
    // An astral character (one code point, two UTF-16 units) and a layout break before the fact.
    let text = "😀标题\n\n近日，温岭市总工会率先推出“职工关爱卡”项目，方便职\n\n工办事。"
    let g = graph(text)
    let edge = g.edges.first { $0.relation == .runs }
    let evidence = edge?.evidence.first
    #expect(evidence?.doc == "test.txt")
    let scalars = Array(text.unicodeScalars)
    let quoted = String(String.UnicodeScalarView(scalars[evidence!.start..<evidence!.end]))
    #expect(quoted.hasPrefix("温岭市总工会"))
    #expect(quoted.hasSuffix("职工关爱卡"))
}

@Test func idsFollowDivisionCodesAndNamesWithTheirPlace() {
    let g = graph("温岭市总工会推出“职工关爱卡”。")
    #expect(g.entities.contains { $0.id == "place:331081" && $0.name == "温岭市" })
    #expect(g.entities.contains { $0.id == "org:温岭市总工会@331081" })
}

@Test func aCorpusKeepsTheFirstFilesEvidenceAndCountsEverySighting() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tupu-corpus-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    for n in 0..<(Graph.evidenceLimit + 4) {
        try "嘉兴市第一医院的“暖心驿”红色驿站于今年建成。".write(toFile: folder + "/\(100 + n).txt", atomically: true, encoding: .utf8)
    }
    let corpus = CorpusBuilder(extractor: extractor).build([folder]).graph
    let runs = try #require(corpus.edges.first { $0.relation == .runs })
    #expect(runs.support == Graph.evidenceLimit + 4)
    #expect(runs.evidence.map(\.doc) == (0..<Graph.evidenceLimit).map { "\(100 + $0).txt" })
}

@Test func anEdgeWithoutWantedEvidenceStillCountsItsSupport() {
    let document = Document(id: "test.txt", source: "test.txt", text: "嘉兴市第一医院的“暖心驿”红色驿站于今年建成。")
    let (g, _) = extractor.extractCounting(document, wantsEvidence: { $0.relation != .runs })
    let runs = g.edges.first { $0.relation == .runs }
    #expect(runs?.support == 1)
    #expect(runs?.evidence.isEmpty == true)
    #expect(g.edges.contains { $0.relation == .locatedIn && !$0.evidence.isEmpty })
}

@Test func everyPieceOfEvidenceNamesARuleOfItsOwnRelation() {
    let g = graph(
        "海宁市许村镇星禾社区党委推出“暖邻加油站”服务项目。社区党委书记林晓青介绍，项目由星禾社区与青禾医院联合开展，两家单位携手服务居民。")
    let evidence = g.edges.flatMap { edge in edge.evidence.map { (edge.relation, $0.rule) } }
    #expect(!evidence.isEmpty)
    for (relation, rule) in evidence {
        let typed = RelationRule(rawValue: rule)
        #expect(typed != nil, "\(rule)")
        #expect(rule.hasPrefix(relation.rawValue + "."), "\(rule)")
    }
    #expect(RelationRule.allCases.allSatisfy { rule in Relation.allCases.contains { rule.rawValue.hasPrefix($0.rawValue + ".") } })
}
