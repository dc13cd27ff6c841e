import Testing
import TupuText

@testable import TupuRecognise

// Failure families found by the blind sixth development set (Benchmarks/extraction/dev6):
// government 公示 lists, press conferences, notices that list compounds, natural villages and
// nested units. Places are real divisions of the gazetteer; every organisation, programme,
// compound and person is invented.

@Test func aNameMayOpenWithTongOrXiangRightAfterItsPlace() {
    let found = mentions("承接单位：嘉善县同力志愿服务队、嘉善县向晴社会工作服务中心。", .org).map(\.text)
    #expect(found.contains("嘉善县同力志愿服务队"))
    #expect(found.contains("嘉善县向晴社会工作服务中心"))
    // Elsewhere 同 and 向 still end a name on the left.
    #expect(mentions("居民向晴川社会工作服务中心求助。", .org).map(\.text) == ["晴川社会工作服务中心"])
    #expect(mentions("嘉善县为红帆志愿服务队授旗。", .org).map(\.text) == ["红帆志愿服务队"])
}

@Test func serviceCooperativesBranchesUnionsAndCultureStationsAreOrganisations() {
    let found = mentions("平湖市晨曦公益服务社、平湖市义工协会当湖分会和乍浦镇文化站联合开展活动。", .org).map(\.text)
    #expect(found.contains("平湖市晨曦公益服务社"))
    #expect(found.contains("平湖市义工协会当湖分会"))
    #expect(found.contains("乍浦镇文化站"))
    // 服务社会 is "to serve society", no body.
    #expect(mentions("引导青年企业家服务社会。", .org).isEmpty)
}

@Test func aQuotedNameBeforeAnOrganisationTypeWordIsTheBodyNotAProgramme() {
    let text = "镇党委牵头成立“湖畔同行”党建联合体，社区组建“护河尖兵”志愿服务队。"
    #expect(mentions(text, .programme).isEmpty)
    let orgs = mentions(text, .org).map(\.text)
    #expect(orgs.contains("湖畔同行党建联合体"))
    #expect(orgs.contains("护河尖兵志愿服务队"))
    // A team word after a description does not make 服务 a programme's cue.
    #expect(mentions("乍浦镇“海韵”律师志愿服务团成立。", .programme).isEmpty)
}

@Test func aNestedSquadKeepsItsParentInItsName() {
    let found = mentions("仙居县综合行政执法大队白塔中队参与巡查。", .org).map(\.text)
    #expect(found.contains("仙居县综合行政执法大队白塔中队"))
}

@Test func aBureausSectionIsAnOrganisationNamedAfterIt() {
    let found = mentions("如有异议，请向平湖市民政局慈善社工科反映。区卫健局基层卫生科科长周明表示支持。", .org).map(\.text)
    #expect(found.contains("平湖市民政局慈善社工科"))
    #expect(found.contains("区卫健局基层卫生科"))
    #expect(mentions("区卫健局基层卫生科科长周明表示支持。", .person).map(\.text) == ["周明"])
}

@Test func aPressOfficeOfAGovernmentIsOneName() {
    let found = mentions("嘉善县人民政府新闻办公室举行发布会。", .org).map(\.text)
    #expect(found == ["嘉善县人民政府新闻办公室"])
}

@Test func massOrganisationsNamedByTheirLevelAloneAreReferences() {
    let unions = mentions("市总工会相关负责人介绍，团市委将联合市妇联举办夏令营。", .org)
    #expect(unions.map(\.text) == ["市总工会", "团市委", "市妇联"])
    #expect(unions.allSatisfy { $0.isReference })
    // A hospital or a culture station of no named place is no particular one.
    #expect(mentions("村民纷纷来到街道卫生院和街道综合文化站。", .org).isEmpty)
}

@Test func aCountOfSeveralDigitsAfterATypeWordNamesAKind() {
    #expect(mentions("全县已建成居家养老服务中心12家。", .org).isEmpty)
}

@Test func quotedPlaceListsAreProgrammesIfOneOfThemIs() {
    let text = "获评项目为：魏塘街道“邻里帮帮团”议事厅、西塘镇“古镇夜读”、大云镇“花海课堂”。"
    let found = mentions(text, .programme).map(\.text)
    #expect(found.contains("古镇夜读"))
    #expect(found.contains("花海课堂"))
}

@Test func describedServicesTalksCheckupsAndDayCareAreProgrammeCues() {
    let found = mentions("医院开展“骨骼守护”义诊，社区推出“家门口医生”签约服务和“小橘灯”暑期托管班，村里有“乡音传声”文艺宣讲。", .programme).map(\.text)
    #expect(found.contains("骨骼守护"))
    #expect(found.contains("家门口医生"))
    #expect(found.contains("小橘灯"))
    #expect(found.contains("乡音传声"))
    #expect(mentions("两镇共建“云岭茶韵”产业合作基地。", .programme).map(\.text) == ["云岭茶韵"])
}

@Test func oneAndOneFormulasAndHonoursToCompeteForAreNoProgrammes() {
    #expect(mentions("全市聚焦“一老一小”民生实事，推动“一村一品”。", .programme).isEmpty)
    #expect(mentions("获评小区将参评“和美家园”示范小区。", .programme).isEmpty)
    #expect(mentions("获评小区将推荐参评市住房和城乡建设局“和美家园”示范小区。", .programme).isEmpty)
}

@Test func compoundsAreAreasInListsUnderCommunitiesAndAfterALocative() {
    let listed = mentions("魏塘街道：城东社区枫林公寓、西门社区碧水雅居、香山社区东园新村。", .place).map(\.text)
    #expect(listed.contains("枫林公寓"))
    #expect(listed.contains("碧水雅居"))
    #expect(listed.contains("东园新村"))
    let located = mentions("议事点设在辖区东湖花园，活动在村里的樱花公园举行。", .place).map(\.text)
    #expect(located.contains("东湖花园"))
    #expect(located.contains("樱花公园"))
}

@Test func aCompoundListedAfterALocatedOneIsAnAreaToo() {
    let found = mentions("在辖区金桂苑、银杏花园两个小区设立议事点。", .place).map(\.text)
    #expect(found.contains("金桂苑"))
    #expect(found.contains("银杏花园"))
}

@Test func naturalVillagesListedBeforeTheirCountAreFoundWithoutTheVerbBefore() {
    let found = mentions("仙景村由上坞、杨梅岙、岭口三个自然村组成。", .place).map(\.text)
    #expect(found.contains("上坞"))
    #expect(found.contains("杨梅岙"))
    #expect(found.contains("岭口"))
    #expect(!found.contains("由上坞"))
}

@Test func aVillageNameIsNotReadInsideTownshipsOrVillageBanks() {
    let found = mentions("杭州金穗村镇银行与两地乡镇签约。", .place).map(\.text)
    #expect(!found.contains("金穗村"))
    #expect(!found.contains("两地乡"))
}

@Test func aQuotedGradeConferredOnCompoundsIsNoCompound() {
    let text = "决定命名以下6个小区为2026年度平湖市“四星”平安小区。"
    #expect(!mentions(text, .place).map(\.text).contains { $0.hasSuffix("平安小区") })
    #expect(mentions("关于公布平湖市“四星”平安小区名单的通知", .place).map(\.text) == ["平湖市"])
    // A quoted compound's own name with no title conferred stays a place.
    #expect(mentions("居民搬进了当湖街道“枫丹”小区。", .place).map(\.text).contains { $0.hasSuffix("小区") })
}
