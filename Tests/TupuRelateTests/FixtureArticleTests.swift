import Foundation
import Testing
import TupuGazetteer
import TupuGraph
import TupuText

@testable import TupuRelate

/// Invented development articles (Fixtures/): pairing news that names places in another
/// province, a county news item in Traditional script, natural villages below a village.
func fixture(_ name: String) throws -> (Document, Graph) {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/" + name, withExtension: "txt"))
    let document = Document(id: name + ".txt", source: url.path, text: try String(contentsOf: url, encoding: .utf8))
    return (document, extractor.extract(document))
}

func place(_ g: Graph, _ name: String) -> Entity? {
    g.entities.first { $0.type == .place && ($0.name == name || $0.aliases.contains(name)) }
}

func parent(_ g: Graph, of name: String) -> String? {
    guard let child = place(g, name) else { return nil }
    return g.edges.first { $0.relation == .partOf && $0.subject == child.id }.flatMap { g.entity(id: $0.object)?.name }
}

@Test func pairingNewsNamesProvincesPrefecturesCountiesAndTownsOfAnotherProvince() throws {
    let (_, g) = try fixture("pairing-east-west")
    #expect(place(g, "四川省")?.attrs["level"] == "province")
    #expect(place(g, "阿坝藏族羌族自治州")?.attrs["level"] == "city")
    #expect(place(g, "阿坝藏族羌族自治州")?.aliases.contains("阿坝州") == true)
    #expect(place(g, "松潘县")?.attrs["code"] == "513224")
    // The county's short form abbreviates the full name the article wrote.
    #expect(place(g, "松潘县")?.aliases.contains("松潘") == true)
    // Townships named beside their county, or in a sentence that names it.
    #expect(place(g, "川主寺镇")?.attrs["code"] == "513224101")
    #expect(place(g, "进安镇")?.attrs["code"] == "513224100")
    // The administrative chain, as for Zhejiang places.
    #expect(parent(g, of: "川主寺镇") == "松潘县")
    #expect(parent(g, of: "松潘县") == "阿坝藏族羌族自治州")
    #expect(parent(g, of: "阿坝藏族羌族自治州") == "四川省")
    // The Zhejiang side is still read as before.
    #expect(parent(g, of: "华埠镇") == "开化县")
    // A province's short form, alone, is the province.
    #expect(place(g, "云南省")?.aliases.contains("云南") == true)
}

@Test func anotherProvincesTownshipIsNeverReadWithoutItsCounty() {
    // 川主寺镇 is a township of 松潘县; without the county it is no place.
    let g = graph("川主寺镇的游客服务中心今天开放。")
    #expect(place(g, "川主寺镇") == nil)
    let named = graph("松潘县川主寺镇的游客服务中心今天开放。")
    #expect(parent(named, of: "川主寺镇") == "松潘县")
}

@Test func aZhejiangPlaceWinsOverItsNamesakeUnlessTheTextNamesTheOtherProvince() {
    // 滨海新区 is a unit of Zhejiang and a district of 天津市.
    let home = graph("滨海新区举办人才招聘会。")
    #expect(place(home, "滨海新区")?.attrs["code"]?.hasPrefix("33") == true)
    let away = graph("天津市滨海新区举办人才招聘会。")
    #expect(place(away, "滨海新区")?.attrs["code"] == "120116")
}

@Test func shortFormsOfOtherProvincesDoNotFireInsideWords() {
    // 浙|江西|部, 黄|河南|岸, 推|广西|瓜: no province there.
    let g = graph("浙江西部山区的农户在黄河南岸考察后，推广西瓜种植。")
    #expect(!g.entities.contains { $0.type == .place && ["江西省", "河南省", "广西壮族自治区"].contains($0.name) })
}

@Test func aTraditionalArticleGivesSimplifiedNamesWithItsOwnFormsAsAliases() throws {
    let (document, g) = try fixture("traditional-county")
    let county = try #require(place(g, "开化县"))
    #expect(county.aliases.contains("開化縣"))
    #expect(place(g, "华埠镇")?.aliases.contains("華埠鎮") == true)
    let programme = try #require(g.entities.first { $0.type == .programme && $0.name == "银发课堂" })
    #expect(programme.aliases.contains("銀髮課堂"))
    // Evidence is the text as read, and its offsets point into it.
    let runs = try #require(g.edges.first { $0.relation == .runs && $0.object == programme.id })
    let evidence = try #require(runs.evidence.first)
    let scalars = document.scalars
    #expect(String(scalars: scalars[evidence.start..<evidence.end]).contains("銀髮課堂"))
    #expect(evidence.sentence.string.contains("「銀髮課堂」"))
}

@Test func evidenceSentencesKeepTheTextsFullWidthPunctuation() {
    let g = graph("近日，松阳县总工会推出“职工驿站”项目：全天开放（节假日除外）。")
    let sentences = g.edges.flatMap { $0.evidence.map(\.sentence.string) }
    #expect(!sentences.isEmpty)
    #expect(sentences.allSatisfy { $0.contains("，") && $0.contains("：") && $0.contains("（") && !$0.contains(",") && !$0.contains(":") })
}

@Test func naturalVillagesAndNamedAreasSitBelowTheirVillage() throws {
    let (_, g) = try fixture("natural-villages")
    for name in ["王家浜", "竹林坞", "石门岙", "溪头"] {
        #expect(place(g, name)?.attrs["level"] == "area", "\(name)")
        #expect(parent(g, of: name) == "下邵村", "\(name)")
    }
    #expect(place(g, "翠竹苑小区")?.attrs["level"] == "area")
    #expect(place(g, "熟溪广场")?.attrs["level"] == "area")
    // Words for kinds of village are not places.
    #expect(place(g, "城中村") == nil)
    #expect(place(g, "自然村") == nil)
}

@Test func aTwoCharacterCountyOfAnotherProvinceCountsRightAfterItsPrefecture() {
    let g = graph("松阳县迎来了阿坝州理县党政代表团。")
    #expect(parent(g, of: "理县") == "阿坝藏族羌族自治州")
    // Alone, 理县 is not read.
    #expect(place(graph("理县的干部来访。"), "理县") == nil)
}
