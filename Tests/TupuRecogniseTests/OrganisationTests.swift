import Testing
import TupuGazetteer
import TupuText

@testable import TupuRecognise

// Issue 9, families 1 (the organisation gazetteer), 6 (lists and shared heads) and 7 (boundaries).
// Places are real divisions of the gazetteer; every organisation name is invented.

func orgs(_ text: String, with recogniser: Recogniser = recogniser) -> [Mention] {
    recogniser.recognise(Segmenter.segment(text)).filter { $0.kind == .org }
}

// MARK: The organisation gazetteer (family 1)

@Test func theBundledFilesGiveTypeWordsAndNamesWithTheirKinds() throws {
    let gazetteer = try OrganisationGazetteer.bundled()
    let words = Dictionary(gazetteer.typeWords.map { ($0.word, $0) }, uniquingKeysWith: { first, _ in first })
    #expect(words["卫健委"]?.kind == .government)
    #expect(words["纪委"]?.needs == .place)
    #expect(words["有限公司"]?.kind == .company)
    #expect(words["社工站"]?.kind == .association)
    #expect(words["院区"]?.kind == .hospital)
    #expect(gazetteer.names.contains { $0.name == "工业和信息化部" && $0.aliases.contains("工信部") })
    #expect(gazetteer.names.contains { $0.name == "浙江省民政厅" && $0.aliases.contains("省民政厅") })
}

@Test func aStandardBodyAfterAnyDivisionIsAnOrganisationOfThatPlace() {
    let found = orgs("泰顺县卫生健康委联合罗阳镇纪委、百丈镇人民政府开展检查。")
    #expect(found.map(\.text) == ["泰顺县卫生健康委", "罗阳镇纪委", "百丈镇人民政府"])
    #expect(found.map(\.subkind) == [.org(.government), .org(.party), .org(.government)])
    #expect(found.allSatisfy { $0.placePrefixEnd != nil && !$0.isReference })
}

@Test func aShortDivisionNameComposesToo() {
    // 泰顺 is the short form of 泰顺县, which the place stage reads on its own.
    let found = orgs("泰顺卫健委发布通知。")
    #expect(found.map(\.text) == ["泰顺卫健委"])
    #expect(found.first?.placePrefixEnd == 2)
}

@Test func aCityOrCountyWrittenInFullAndWeiIsItsPartyCommittee() {
    #expect(orgs("泰顺县委召开全会。").map(\.text) == ["泰顺县委"])
    #expect(orgs("泰顺县委组织部牵头。").map(\.text) == ["泰顺县委组织部"])
    #expect(orgs("泰顺县委员会议室").isEmpty)
    // Inside a longer name the committee is no body of its own.
    #expect(orgs("中共泰顺县委党校的教师来授课。").map(\.text) == ["中共泰顺县委党校"])
}

@Test func aBodyThatNeedsAPlaceIsNoNameAfterAnOrdinaryWord() {
    // 政府 and 纪委 name a body only after a place: 地方政府 is a phrase.
    #expect(orgs("地方政府要加强监管。").isEmpty)
    #expect(orgs("仙居县政府召开会议。").map(\.text) == ["仙居县政府"])
}

@Test func nationalAndProvincialBodiesAreKnownByFullAndShortName() {
    let found = orgs("工信部和省民政厅的专家来到开化县，浙江省卫生健康委员会也派员参加。")
    #expect(found.map(\.text) == ["工信部", "省民政厅", "浙江省卫生健康委员会"])
    #expect(found.allSatisfy { $0.rule == .orgGazetteer })
    // 公安部门 is the police in general, 市公安部 nothing national.
    #expect(orgs("当地公安部门及时处置。").isEmpty)
}

@Test func aUsersNamesFileAddsOrganisationsByKind() {
    let entries = [
        BrandEntry(name: "青岚数智服务社", aliases: ["青岚服务社"], kind: "association", source: "test", line: 2),
        BrandEntry(name: "岚溪共富工坊", aliases: [], kind: "brand", source: "test", line: 3)
    ]
    let (brands, organisations) = OrganisationGazetteer.split(entries)
    #expect(brands.map(\.name) == ["岚溪共富工坊"])
    #expect(organisations.map(\.kind) == [.association])
    let custom = Recogniser(places: gazetteer, brands: brands, organisations: organisations)
    let found = orgs("青岚服务社走进社区。", with: custom)
    #expect(found.map(\.text) == ["青岚服务社"])
    #expect(found.first?.subkind == .org(.association))
}

@Test func companiesHospitalsAndSocialOrganisationsEndInTheirTypeWords() {
    let found = orgs("文成县青蔓农业开发有限公司、龙泉市人民医院东津院区和泰顺县蓝鹊救援队一起出发。")
    #expect(found.map(\.text) == ["文成县青蔓农业开发有限公司", "龙泉市人民医院东津院区", "泰顺县蓝鹊救援队"])
    #expect(found.map(\.subkind) == [.org(.company), .org(.hospital), .org(.team)])
}

// MARK: Lists and shared heads (family 6)

@Test func placesListedBeforeOneBodyEachHaveThatBody() {
    let found = orgs("天台县及仙居县民政局共同推出帮扶项目。")
    #expect(Set(found.map(\.text)) == ["天台县民政局", "仙居县民政局"])
    let composed = found.first { $0.text == "天台县民政局" }
    #expect(composed?.rule == .orgSharedHead)
    #expect(composed?.placePrefixEnd == 3)  // its own place, 天台县
}

@Test func shortMembersBeforeASharedHeadAreOneOrganisationEach() {
    let found = orgs("罗阳镇东、西、南、北岙社区党总支结成联盟。")
    let names = Set(found.map(\.text))
    for member in ["东岙社区党总支", "西岙社区党总支", "南岙社区党总支", "北岙社区党总支"] {
        #expect(names.contains(member), "\(member)")
    }
}

@Test func unitsListedBeforeDengDanweiAreEachAnOrganisation() {
    let found = orgs("温州市水务、温州市燃气等单位参加演练。")
    #expect(found.map(\.text) == ["温州市水务", "温州市燃气"])
    #expect(found.allSatisfy { $0.rule == .orgListedUnit })
    // One unit alone before 等 may be the place's own word.
    #expect(orgs("温州市区等单位参加演练。").isEmpty)
}

// MARK: Boundaries (family 7)

@Test func aNameNeverStartsWithTheVerbOrAdverbBeforeIt() {
    #expect(orgs("随着百丈镇青禾合作社的成立，村民增收。").map(\.text) == ["百丈镇青禾合作社"])
    #expect(orgs("领导调研泰顺县民政局，了解情况。").map(\.text) == ["泰顺县民政局"])
    #expect(orgs("，现入驻蓝湾创客服务中心的企业有十家。").map(\.text) == ["蓝湾创客服务中心"])
}

@Test func aTypeWordFollowedByACountNamesAKindNotABody() {
    // The city's hospitals in general: 医院 counted, not one hospital.
    #expect(orgs("如今龙泉市医院建起12家分院。").isEmpty)
    #expect(orgs("泰顺县卫生院3家完成改造。").isEmpty)
}

@Test func anOrganisationInsideAnotherKeepsTheFullName() {
    #expect(orgs("青溪丝韵纺织有限公司党支部开展活动。").map(\.text) == ["青溪丝韵纺织有限公司党支部"])
    #expect(
        orgs("随后，文成县百岭信息服务公司城南分公司行政党支部签约。").map(\.text)
            == ["文成县百岭信息服务公司城南分公司行政党支部"])
}

@Test func aVerbBeforeAnAreaSuffixMakesNoPlace() {
    #expect(!mentions("居民不用出小区也能办事。").contains { $0.kind == .place })
}

@Test func aQuotedCountOrVerbIsNoProgramme() {
    #expect(names("社区推行“三会”机制，提供“上门”服务，开展“六大”行动。", .programme).isEmpty)
    // A two-character name that is neither stays a name.
    #expect(names("银行推出“岚富”项目。", .programme) == ["岚富"])
}

@Test func aBodyOfTwoFieldsJoinedByHeKeepsBoth() {
    #expect(orgs("仙居县文化和广电旅游体育局组织演出。").map(\.text) == ["仙居县文化和广电旅游体育局"])
    #expect(orgs("龙泉市海洋与渔业执法大队出动。").map(\.text) == ["龙泉市海洋与渔业执法大队"])
    // Two bodies joined by 和 stay two.
    #expect(orgs("泰顺县民政局和文成县教育局共同推进。").map(\.text) == ["泰顺县民政局", "文成县教育局"])
}

@Test func aFieldOfFourCharactersBeforeHeStaysInTheName() {
    #expect(orgs("泰顺县自然资源和规划局组织培训。").map(\.text) == ["泰顺县自然资源和规划局"])
    #expect(
        orgs("文成县人力资源和社会保障局、泰顺县卫生院和泰顺县中医院共同参与。").map(\.text) == [
            "文成县人力资源和社会保障局", "泰顺县卫生院", "泰顺县中医院"
        ])
}

@Test func aHeThatStartsAWordAfterAPlaceIsPartOfTheName() {
    #expect(orgs("罗阳镇和美调解联盟成立。").map(\.text) == ["罗阳镇和美调解联盟"])
    #expect(orgs("泰顺和乐餐饮管理有限公司负责配餐。").map(\.text) == ["泰顺和乐餐饮管理有限公司"])
    // Only an organisation's name holds such a word: a facility's does not run back over it.
    #expect(!names("泰顺和乐餐饮管理有限公司开办老年食堂。", .programme).contains { $0.hasPrefix("泰顺") })
    // A list stays a list, even where the second name starts with a word of 和 (和平|安…).
    #expect(orgs("泰顺县青蔓农业开发有限公司和平安银行泰顺支行签约。").map(\.text).first == "泰顺县青蔓农业开发有限公司")
}

@Test func aCompanyWithANumberedPartyBranchIsNamedInsideTheBranchsName() {
    let found = Set(orgs("泰顺县青蔓农业开发有限公司第二党支部书记说，党员每月进村一次。").map(\.text))
    #expect(found == ["泰顺县青蔓农业开发有限公司第二党支部", "泰顺县青蔓农业开发有限公司"])
    // Without a number, the branch alone is named.
    #expect(orgs("泰顺县青蔓农业开发有限公司党支部组织学习。").map(\.text) == ["泰顺县青蔓农业开发有限公司党支部"])
}

@Test func aBranchNamedAfterItsParentAndAPlaceIsOneName() {
    #expect(orgs("泰顺县人民法院百丈镇人民法庭开庭。").map(\.text) == ["泰顺县人民法院百丈镇人民法庭"])
    #expect(orgs("泰顺县公安局罗阳镇派出所民警赶到。").map(\.text) == ["泰顺县公安局罗阳镇派出所"])
}

@Test func unitsListedAfterAGroupsMarkerAreEachAnOrganisation() {
    let found = orgs("鄞州区甬澜能源集团旗下的甬澜水务、甬澜燃气、澜港热力等子公司参加签约。")
    let listed = found.filter { $0.rule == .orgListedTradeUnit }
    #expect(listed.map(\.text) == ["甬澜水务", "甬澜燃气", "澜港热力"])
    #expect(listed.allSatisfy { $0.subkind == .org(.company) })
}

@Test func unitsSharingATradeNameAreOrganisationsWithoutAGroup() {
    #expect(orgs("甬澜水务、甬澜燃气、甬澜能源等单位派员参加。").map(\.text) == ["甬澜水务", "甬澜燃气", "甬澜能源"])
    // Trades without a name, and members sharing only a generic word, are no organisations.
    #expect(orgs("供水、供气、供热等企业派员参加。").isEmpty)
    #expect(orgs("社区居民、社区党员等组织参加。").isEmpty)
}

@Test func aHospitalsDepartmentsAreOrganisationsButNotBeforeATitle() {
    let found = orgs("鄞州区明湖医院心内科、内分泌科的医生来到村里义诊。")
    let departments = found.filter { $0.rule == .orgDepartment }.map(\.text)
    #expect(departments == ["鄞州区明湖医院心内科", "鄞州区明湖医院内分泌科"])
    // The post of a person: the title belongs to the hospital, the department is no body of its own.
    #expect(orgs("鄞州区明湖医院急诊科主任王立新说，夜里也有人值班。").allSatisfy { $0.rule != .orgDepartment })
    // 科 that starts a word ends no department.
    #expect(orgs("鄞州区明湖医院科技创新成果多。").allSatisfy { $0.rule != .orgDepartment })
}

@Test func aPlaceAndATwoCharacterFieldNameAnAlliance() {
    let found = orgs("鄞州区姜山镇还将联合多家企业，组建姜山园区服务联盟，为企业提供服务。")
    #expect(found.map(\.text).contains("姜山园区服务联盟"))
    // Without a place, a generic field before 联盟 names none.
    #expect(!orgs("街道还将组建园区服务联盟。").map(\.text).contains("园区服务联盟"))
}
