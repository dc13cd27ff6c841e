import Testing
import TupuText

@testable import TupuRecognise

// Failure families found by the blind thirteenth development set (Benchmarks/extraction/dev13).
// Places are real divisions of the gazetteer; every organisation and person is invented.

@Test func aBodyEndsAfterATitleAndJianBeforeTheNextBody() {
    let found = names("山下鲍村党支部书记兼村委会主任汪立新说，村里今年新开了5家民宿。", .org)
    #expect(found.contains("山下鲍村党支部"))
    #expect(!found.contains { $0.contains("兼") })
}

@Test func aPersonNameEndsBeforeJianRen() {
    let found = mentions("由大溪口乡党委委员吴振国兼任党支部书记。").filter { $0.kind == .person }.map(\.text)
    #expect(found == ["吴振国"])
}

@Test func aSocialOrganisationsCentreKeepsItsWholeName() {
    #expect(names("武义县社会组织服务中心主任陈玉兰说，今年新登记社会组织21家。", .org).contains("武义县社会组织服务中心"))
}

@Test func aQuoteAfterTheVerbsOfAJointStationOrATrialIsAProgramme() {
    #expect(names("白姆乡卫生院与水阁村党支部共建了“乡医小屋”，每周坐诊一次。", .programme) == ["乡医小屋"])
    #expect(names("白姆乡党委在水阁村试点“邻里评理会”，每月评议一次。", .programme) == ["邻里评理会"])
    #expect(names("大学生将在水阁村开展为期一周的“茶农直播”培训。", .programme) == ["茶农直播"])
    #expect(names("武义县溪岸文旅有限公司在桃溪镇开发了“竹海徒步”线路。", .programme) == ["竹海徒步"])
}

@Test func aHeadNurseIsATitleBeforeAName() {
    let found = mentions("由分院护士长邵雅琴带领护理团队每月驻村两天。").filter { $0.kind == .person }.map(\.text)
    #expect(found == ["邵雅琴"])
}

@Test func aMembersRankIsNoPerson() {
    let found = mentions("武义县溪岸茶业集团是武义县茶叶行业协会的会长单位，今年新吸纳会员12家。").filter { $0.kind == .person }
    #expect(found.isEmpty)
}

@Test func theSubsidiariesCountedAfterAListAreEachABody() {
    let text = "集团旗下有武义县溪岸茶叶销售有限公司、武义县溪岸茶旅开发有限公司2家子公司。"
    let found = names(text, .org)
    #expect(found.contains("武义县溪岸茶叶销售有限公司"))
    #expect(found.contains("武义县溪岸茶旅开发有限公司"))
}

@Test func aNumberedSessionOfACongressIsNoEvent() {
    #expect(names("桃溪镇第十八届人民代表大会第三次会议昨天召开。", .programme).isEmpty)
}
