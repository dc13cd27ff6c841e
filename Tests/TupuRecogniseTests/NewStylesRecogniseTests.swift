import Testing
import TupuText

@testable import TupuRecognise

// Failure families found by the blind fourth development set (Benchmarks/extraction/dev4): work
// reports, lists of awardees, posts and pairing news. Places are real divisions of the gazetteer;
// every organisation, programme and person is invented.

@Test func aNameBeforeAPlaceThatOpensWithANumeralIsNoCountedKind() {
    // 与|三都镇: 三 opens a town's name, it counts nothing the union is one of.
    let found = mentions("驿站由建德市总工会与三都镇党委共同建设。", .org).map(\.text)
    #expect(found.contains("建德市总工会"))
    #expect(found.contains("三都镇党委"))
}

@Test func aListTotalAfterEtcDoesNotCountTheLastMember() {
    let found = mentions("百步镇中心小学、百步镇卫生院等6家单位派出志愿者。", .org).map(\.text)
    #expect(found.contains("百步镇中心小学"))
    // A count right after the type word still names a kind: 学校建起3所 is no body.
    #expect(!mentions("全县小学建起3所。", .org).map(\.text).contains("全县小学"))
}

@Test func namesThatEachStartWithAPlaceAreNoSharedHeadList() {
    let found = mentions("队员来自遂昌县海事处、遂昌县人民医院和遂昌县林业局、王村口镇人民政府。", .org).map(\.text)
    #expect(found.contains("遂昌县海事处"))
    #expect(found.contains("遂昌县人民医院"))
    #expect(!found.contains("海事处人民医院"))
    #expect(!found.contains("林业局人民政府"))
}

@Test func theYouthLeagueCommitteeOfACountyKeepsTheLeagueInItsName() {
    let found = mentions("共青团遂昌县委为服务队授旗。", .org).map(\.text)
    #expect(found == ["共青团遂昌县委"])
}

@Test func vocationalSchoolsAndServiceHallsAreOrganisations() {
    let found = mentions("百江镇团委联合桐庐县职业中专，在中国电信桐庐分公司百江营业厅开课。", .org).map(\.text)
    #expect(found.contains("桐庐县职业中专"))
    #expect(found.contains("中国电信桐庐分公司百江营业厅"))
}

@Test func aQuotedNameBeforeADescribedFacilityIsAProgramme() {
    let found = mentions("两地推出的“百步好味”消费帮扶平台上线，“暖巷”户外劳动者服务驿站同日启用。", .programme).map(\.text)
    #expect(found.contains("百步好味"))
    #expect(found.contains("暖巷"))
    // A function word in the description breaks it: the quote is a manner of speaking.
    #expect(!mentions("大家说“很方便”的服务平台上线。", .programme).map(\.text).contains("很方便"))
}

@Test func aQuotedSuperlativeOrAListOfHonoursIsNoProgramme() {
    let found = mentions("市文明办发布“最美志愿服务”典型名单，“银发课堂”项目上榜。", .programme).map(\.text)
    #expect(!found.contains("最美志愿服务"))
    #expect(found.contains("银发课堂"))
}

@Test func aPlaceRightBeforeAndJoinsTwoPartiesNotTwoFieldsOfAName() {
    let found = mentions("百步镇青禾社区与浙江青禾陶瓷有限公司签订结对协议。海盐县海洋与渔业局参加。", .org).map(\.text)
    #expect(found.contains("浙江青禾陶瓷有限公司"))
    #expect(found.contains("海盐县海洋与渔业局"))
    #expect(!found.contains { $0.contains("社区与") })
}

@Test func aServiceHallIsNamedOnlyAfterAPlaceOrItsCompany() {
    #expect(mentions("以前缴电费要跑营业厅，现在手机上就能办。", .org).isEmpty)
    #expect(mentions("海盐县百步营业厅开设了助老窗口。", .org).map(\.text) == ["海盐县百步营业厅"])
}
