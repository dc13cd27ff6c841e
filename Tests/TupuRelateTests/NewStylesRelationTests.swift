import Testing
import TupuGraph

@testable import TupuRelate

// Relations as work reports, volunteer-team news and hospital pairings state them, from the errors
// of the blind fourth development set (Benchmarks/extraction/dev4). Places are real divisions of the
// gazetteer; every organisation, programme and person is invented.

@Test func anAllianceTakingInMembersMakesEachAMember() {
    let g = graph("百步镇党委牵头组建“同心共治”党建联盟，吸纳百步镇卫生院党支部、百步派出所和浙江海盐青禾机械有限公司党委等9家成员单位。")
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "百步镇卫生院党支部", "同心共治党建联盟"]))
    #expect(members.contains(["member_of", "浙江海盐青禾机械有限公司党委", "同心共治党建联盟"]))
    // 吸纳 is the list's cue, not the start of the first member's name.
    #expect(!g.entities.contains { $0.name.hasPrefix("吸纳") })
}

@Test func aHospitalsNursingDepartmentIsAUnitOfIt() {
    let g = graph("“护心课堂”由百步镇妇联与海盐县人民医院护理部共同打造。")
    #expect(triples(g, .memberOf).contains(["member_of", "海盐县人民医院护理部", "海盐县人民医院"]))
    #expect(triples(g, .runs).contains(["runs", "海盐县人民医院护理部", "护心课堂"]))
}

@Test func aTeamFormedByABodyBelongsToItAndGoesOnActingAfterThePassive() {
    let g = graph("海盐县百步镇“青禾”志愿服务队近日成立。该服务队由百步镇团委组建，将常态化开展“田埂课堂”等活动。")
    #expect(triples(g, .memberOf).contains(["member_of", "海盐县百步镇青禾志愿服务队", "百步镇团委"]))
    let runners = Set(triples(g, .runs).filter { $0[2] == "田埂课堂" }.map { $0[1] })
    #expect(runners == ["海盐县百步镇青禾志愿服务队"])
}

@Test func pairsListedBeforeRespectivelyAreEachPartnersOnlyWithTheirOwn() {
    let g = graph("海盐县百步镇与美姑县洪溪镇、海盐县人民医院与美姑县人民医院分别结成帮扶对子。")
    let partners = triples(g, .partner).map { Set($0.dropFirst()) }
    #expect(partners.contains(["百步镇", "洪溪镇"]))
    #expect(partners.contains(["海盐县人民医院", "美姑县人民医院"]))
    #expect(!partners.contains(["洪溪镇", "海盐县人民医院"]))
}

@Test func twoBodiesListedBeforeJointlyArePartners() {
    let g = graph("海盐县委社会工作部、海盐县文明办联合发布年度志愿服务典型。")
    #expect(triples(g, .partner).map { Set($0.dropFirst()) }.contains(["海盐县委社会工作部", "海盐县文明办"]))
    // Bodies that jointly found one are its members, not one another's partners.
    let founded = graph("百步镇青禾村党支部、海盐县人民医院党委联手成立“田园红”党建联盟。")
    #expect(triples(founded, .partner).isEmpty)
}

@Test func aPassiveAfterTheProgrammesKindWordNamesItsRunners() {
    let g = graph("“暖巷”服务站由百步镇青禾社区党支部和海盐县百步镇商会共同发起。")
    let runners = Set(triples(g, .runs).filter { $0[2] == "暖巷" }.map { $0[1] })
    #expect(runners == ["百步镇青禾社区党支部", "海盐县百步镇商会"])
}

@Test func aWithInsideAQuotedNameDoesNotHideTheRealOne() {
    // 同 of “邻里同心” is part of the name; the partner comes with 与.
    let g = graph("近日，百步镇与海盐县人民医院开展“邻里同心”党建联建签约活动。")
    #expect(triples(g, .partner).map { Set($0.dropFirst()) }.contains(["百步镇", "海盐县人民医院"]))
}

@Test func bodiesJoinedByTheLeaderAreItsPartnersNotEachOthers() {
    let g = graph("共富班由百步镇妇联牵头，联合海盐县人力资源和社会保障局、浙江青禾服饰有限公司共同举办。")
    let partners = triples(g, .partner).map { Set($0.dropFirst()) }
    #expect(partners.contains(["百步镇妇联", "浙江青禾服饰有限公司"]))
    #expect(!partners.contains(["海盐县人力资源和社会保障局", "浙江青禾服饰有限公司"]))
}

@Test func aStreetOfficesTitleInAChainLeavesTheTitleBeforeItToItsBody() {
    let g = graph("百步镇党委副书记、办事处主任陈立为服务团授旗。")
    #expect(triples(g, .role).contains(["role", "陈立", "百步镇党委"]))
}

@Test func aPlaceThatCooperatesWithACompanyRunsWhatTheyLaunch() {
    let g = graph("此外，百步镇还与浙江青禾物流有限公司合作推出“暖蜂计划”，为快递员提供免费体检。")
    let runners = Set(triples(g, .runs).filter { $0[2] == "暖蜂计划" }.map { $0[1] })
    #expect(runners == ["百步镇", "浙江青禾物流有限公司"])
}

@Test func aBodyThatBuildsAProgrammeRunsItBesideTheOneThatOperatesIt() {
    let g = graph("今年，海盐县百步镇党委打造“邻里食堂”，由青禾村股份经济合作社负责日常运营。")
    let runners = Set(triples(g, .runs).filter { $0[2] == "邻里食堂" }.map { $0[1] })
    #expect(runners.contains("海盐县百步镇党委"))
    #expect(runners.contains("青禾村股份经济合作社"))
}
