import Testing
import TupuGraph

@testable import TupuRelate

// Bodies named by a level word and a body word (镇人大, 县委, 县委常委、宣传部部长), departments named
// bare before a title, names that hold 家 or 和, and a town of another province named again bare.
// The articles are invented; the places are real divisions of the gazetteer, the rest made up.

// MARK: bodies named by their level

@Test func aTownsPeoplesCongressNamedByItsLevelHoldsItsChairsRole() {
    let g = graph("安吉县孝丰镇举办竹产业推介会。孝丰镇党委书记、镇人大主席张明远致辞。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "张明远", "孝丰镇党委"]))
    #expect(roles.contains(["role", "张明远", "孝丰镇人大"]))
    #expect(triples(g, .locatedIn).contains(["located_in", "孝丰镇人大", "孝丰镇"]))
}

@Test func aStreetsCongressWorkingCommitteeIsABodyOfTheStreet() {
    let g = graph("安吉县递铺街道启动老旧小区改造。街道党工委书记、街道人大工委主任陈海峰到现场察看。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "陈海峰", "递铺街道党工委"]))
    #expect(roles.contains(["role", "陈海峰", "递铺街道人大工委"]))
}

@Test func aDeputyToTheCongressIsNoBody() {
    let g = graph("安吉县孝丰镇人大代表沈秋云走访了十户农家。")
    #expect(!g.entities.contains { $0.type == .org && $0.name.hasSuffix("人大") })
}

@Test func aCountyCommitteeMembersDepartmentIsTheCommittees() {
    let g = graph("安吉县召开乡村振兴推进会。县委常委、宣传部部长王立新出席会议。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "王立新", "安吉县委"]))
    #expect(roles.contains(["role", "王立新", "安吉县委宣传部"]))
    #expect(triples(g, .memberOf).contains(["member_of", "安吉县委宣传部", "安吉县委"]))
    // Where the department is, its committee's located_in says.
    #expect(triples(g, .locatedIn).contains(["located_in", "安吉县委", "安吉县"]))
    #expect(!triples(g, .locatedIn).contains { $0[1] == "安吉县委宣传部" })
}

@Test func aCommitteeWrittenWithItsPlaceHoldsTheChainToo() {
    let g = graph("德清县委常委、组织部部长许明达为联盟授牌。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "许明达", "德清县委"]))
    #expect(roles.contains(["role", "许明达", "德清县委组织部"]))
}

@Test func aCommitteeByItsLevelWithinAWordIsNone() {
    // 社区委员会: 区委 inside a word names no committee.
    let g = graph("安吉县递铺街道阳光社区委员会换届。")
    #expect(!g.entities.contains { $0.type == .org && $0.name.hasSuffix("区委") })
}

@Test func aDepartmentByItsLevelIsTheOneTheArticleNamesInFull() {
    let text = "中共湖州市吴兴区委组织部发出通知。区委组织部、区民政局将联合开展评选。"
    let g = graph(text)
    let departments = g.entities.filter { $0.type == .org && $0.name.hasSuffix("组织部") }
    #expect(departments.map(\.name) == ["中共湖州市吴兴区委组织部"])
}

// MARK: departments named bare before a title

@Test func aDepartmentNamedBareBeforeItsHeadsTitleIsTheHeadsBody() {
    let text = "德清县人民医院组织专家走进武康街道开展义诊。骨科护士长王丽娟介绍了护理知识，心内科主任陈志华讲解了高血压防治。"
    let g = graph(text)
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "王丽娟", "骨科"]))
    #expect(roles.contains(["role", "陈志华", "心内科"]))
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "骨科", "德清县人民医院"]))
    #expect(members.contains(["member_of", "心内科", "德清县人民医院"]))
}

@Test func aDepartmentWrittenAfterItsHospitalLeavesTheTitleToTheHospital() {
    let g = graph("德清县人民医院急诊科主任沈立强说，夜间也有医生值守。")
    #expect(triples(g, .role) == [["role", "沈立强", "德清县人民医院"]])
}

// MARK: names that hold 家

@Test func anAssociationOfArtistsKeepsTheMembersWordInItsName() {
    let g = graph("德清县摄影家协会联合湖州市书法家协会举办采风活动。德清县企业家协会会长沈国华参加。")
    let orgs = Set(g.entities.filter { $0.type == .org }.map(\.name))
    #expect(orgs.isSuperset(of: ["德清县摄影家协会", "湖州市书法家协会", "德清县企业家协会"]))
    #expect(triples(g, .role).contains(["role", "沈国华", "德清县企业家协会"]))
}

@Test func aCountBeforeAnAssociationIsNoPartOfItsName() {
    let g = graph("德清县新成立一家协会，服务本地茶农。")
    #expect(!g.entities.contains { $0.type == .org && $0.name.contains("家协会") })
}

@Test func aBureauWithTwoFieldsJoinedByAndIsOneBody() {
    let g = graph("德清县住房和城乡建设局相关负责人到场指导。")
    #expect(g.entities.contains { $0.type == .org && $0.name == "德清县住房和城乡建设局" })
}

// MARK: another province's town named again bare

@Test func aTownOfAnotherProvinceNamedAgainBareKeepsItsProvince() {
    // 分水镇 is a town of 叙永县 (四川省) and of 桐庐县 (浙江省).
    let text = "西湖区向四川省泸州市叙永县分水镇捐赠帮扶资金。在分水镇，西湖区援建的加工厂已投产。分水镇党委书记表示将做大茶产业。"
    let g = graph(text)
    let towns = g.entities.filter { $0.type == .place && $0.name == "分水镇" }
    #expect(towns.map { $0.attrs["code"] } == ["510524108"])
    #expect(triples(g, .locatedIn).contains(["located_in", "分水镇党委", "分水镇"]))
    #expect(!g.entities.contains { $0.type == .place && $0.name == "桐庐县" })
}

@Test func aTownOfAnotherProvinceWithNoZhejiangNamesakeIsOnePlace() {
    // 乔庄镇 is a town of 青川县 (四川省); Zhejiang has none.
    let g = graph("安吉县考察团来到四川省广元市青川县乔庄镇考察茶叶项目。乔庄镇党委书记表示将深化合作。")
    let towns = g.entities.filter { $0.type == .place && $0.name == "乔庄镇" }
    #expect(towns.count == 1)
    #expect(towns.first?.attrs["code"] == "510822100")
}

@Test func theZhejiangTownWrittenWithItsCountyIsZhejiangsFromThere() {
    let text = "叙永县分水镇与桐庐县分水镇结成友好乡镇。桐庐县分水镇是制笔之乡，分水镇的企业将赴川考察。"
    let g = graph(text)
    let codes = Set(g.entities.filter { $0.type == .place && $0.name == "分水镇" }.compactMap { $0.attrs["code"] })
    #expect(codes == ["510524108", "330122109"])
    #expect(triples(g, .partOf).contains(["part_of", "分水镇", "桐庐县"]))
}

// MARK: a group's short form

@Test func aGroupNamedAgainWithoutPlaceAndGroupWordIsTheGroup() {
    let text = "湖州市瑞泉水务集团有限公司与吴兴区八里店镇签订合作协议。瑞泉水务将投资建设供水站，瑞泉水务党委还与镇党委结对共建。"
    let g = graph(text)
    let group = g.entities.first { $0.type == .org && $0.name == "湖州市瑞泉水务集团有限公司" }
    #expect(group?.aliases.contains("瑞泉水务") == true)
    #expect(!g.entities.contains { $0.type == .org && $0.name == "瑞泉水务" })
    #expect(triples(g, .memberOf).contains(["member_of", "瑞泉水务党委", "湖州市瑞泉水务集团有限公司"]))
}

@Test func aGroupsShortFormInsideAPhraseIsNoMention() {
    // 交通投资 of 某市交通投资集团 inside 加大交通投资力度 names no company.
    let text = "湖州市交通投资集团有限公司召开会议。会议提出加大交通投资力度。"
    let g = graph(text)
    let group = g.entities.first { $0.type == .org && $0.name == "湖州市交通投资集团有限公司" }
    #expect(group?.aliases.contains("交通投资") == false)
}

// MARK: a university's colleges and departments

@Test func aCollegeNamedAfterItsUniversityIsAMemberOfIt() {
    let g = graph("浙江青川大学组织师生走进社区。浙江青川大学外国语学院与西湖区翠苑街道合作开展志愿服务。")
    #expect(triples(g, .memberOf).contains(["member_of", "浙江青川大学外国语学院", "浙江青川大学"]))
}

@Test func aDepartmentNamedAfterItsUniversityIsAMemberOfIt() {
    let g = graph("浙江青川大学与翠苑街道签订协议。浙江青川大学康复治疗系的师生参与了服务。")
    #expect(triples(g, .memberOf).contains(["member_of", "浙江青川大学康复治疗系", "浙江青川大学"]))
}

@Test func aSystemAfterAUniversityIsNoDepartment() {
    // 系统 opens a word: 浙江青川大学信息管理系统 names no department.
    let g = graph("浙江青川大学信息管理系统今天上线。")
    #expect(!g.entities.contains { $0.type == .org && $0.name.hasSuffix("系") })
}
