import Testing
import TupuGraph

@testable import TupuRelate

// Where a programme is, and who belongs to what, as articles state them (issue 9, family 8). The
// articles are invented; the places are real divisions of the gazetteer, the bodies and people made up.

func placesOf(_ programme: String, _ g: Graph) -> Set<String> {
    Set(triples(g, .locatedIn).filter { $0[1] == programme }.map { $0[2] })
}

// MARK: located_in

@Test func aPlaceAProgrammeWillSpreadToIsNotWhereItIs() {
    let g = graph("下一步，相关部门将把“银龄课堂”推广到梧桐街道、凤鸣街道等地，让更多老人受益。")
    #expect(placesOf("银龄课堂", g).isDisjoint(with: ["梧桐街道", "凤鸣街道"]))
}

@Test func aPlaceInALaterClauseAboutSomethingElseIsNotTheProgrammes() {
    let g = graph("近年来，“稻香课堂”已培训学员300余人次，还帮助夜明村建起了蚕桑合作社。")
    #expect(!placesOf("稻香课堂", g).contains("夜明村"))
}

@Test func theTownOpeningTheClauseAfterASettingClauseIsWhereTheProgrammeIs() {
    let g = graph("在打造“蚕乡议事厅”品牌的同时，洲泉镇还组织乡贤参与村务协商。")
    #expect(placesOf("蚕乡议事厅", g) == ["洲泉镇"])
}

@Test func aPlaceAfterTheProgrammeInItsOwnClauseIsWhereItIs() {
    let g = graph("如今，“蚕乡管家”服务品牌已成为洲泉镇的一张金名片，夜明村也获评“美丽乡村示范村”。")
    #expect(placesOf("蚕乡管家", g) == ["洲泉镇"])
}

@Test func bodiesOfTwoVillagesRunningAProgrammeTogetherPutItInTheirTown() {
    let g = graph("洲泉镇夜明村党支部联合洲泉镇马鸣村党支部推出“共富菜园”项目。")
    #expect(placesOf("共富菜园", g) == ["洲泉镇"])
}

@Test func runnersFromTwoCountiesDoNotTakeTheArticlesVillage() {
    let text = """
        洲泉镇夜明村今年新建了蚕桑文化礼堂。
        桐乡市民政局与海宁市民政局还联合举办“银发学堂”，已培训两地养老护理员200余人次。
        """
    let g = graph(text)
    #expect(!placesOf("银发学堂", g).contains("夜明村"))
}

@Test func aBranchNamedAfterATownInsideItsNameIsInThatTown() {
    let g = graph("桐乡市公安局洲泉派出所与洲泉镇夜明村签订了共建协议。")
    #expect(placesOf("桐乡市公安局洲泉派出所", g) == ["洲泉镇"])
    let bank = graph("近日，桐乡农商银行洲泉支行走进洲泉镇夜明村开展金融宣传。")
    #expect(placesOf("桐乡农商银行洲泉支行", bank) == ["洲泉镇"])
}

@Test func villageHereMeansTheVillageTheArticleNamed() {
    let text = "洲泉镇今年在夜明村新建了蚕桑文化礼堂。返乡青年沈晓东和伙伴一起运营着村里的“蚕乡云宿”品牌。"
    let g = graph(text)
    #expect(placesOf("蚕乡云宿", g) == ["夜明村"])
    // Where it is, not who runs it.
    #expect(!triples(g, .runs).contains(["runs", "夜明村", "蚕乡云宿"]))
}

// MARK: member_of

@Test func aMemberListAfterTheAlliancesBareWordNamesItsMembers() {
    let text = """
        5月20日，洲泉镇蚕桑产业党建联盟正式成立。联盟由洲泉镇党委牵头，首批成员包括桐乡市丝源蚕业有限公司党支部、洲泉镇商会和夜明村党支部等8家单位。
        """
    let g = graph(text)
    let members = Set(triples(g, .memberOf).filter { $0[2] == "洲泉镇蚕桑产业党建联盟" }.map { $0[1] })
    #expect(members.isSuperset(of: ["桐乡市丝源蚕业有限公司党支部", "洲泉镇商会"]))
    #expect(!members.contains("洲泉镇党委"))
}

@Test func aNumberedBranchBelongsToTheCompanyItIsNamedAfter() {
    let text = "桐乡市丝源蚕业有限公司今年扩建了厂房。桐乡市丝源蚕业有限公司第二党支部书记沈立新说，党员都冲在一线。"
    let g = graph(text)
    #expect(triples(g, .memberOf).contains(["member_of", "桐乡市丝源蚕业有限公司第二党支部", "桐乡市丝源蚕业有限公司"]))
}

// MARK: runs

@Test func aPlaceStartingTheNameOfAnUnnamedBodyDoesNotRunItsProgramme() {
    let g = graph("今年，桐乡福彩开展“暖冬送福”系列活动，走访慰问困难老人。")
    #expect(!triples(g, .runs).contains(["runs", "桐乡市", "暖冬送福"]))
    // The place itself acting still runs it.
    let acting = graph("今年，洲泉镇开展“暖冬送福”系列活动，走访慰问困难老人。")
    #expect(triples(acting, .runs).contains(["runs", "洲泉镇", "暖冬送福"]))
}

@Test func listedSubsidiariesAreMembersOfTheGroupAndTheGroupIsItsRegisteredCompany() {
    let text = """
        日前，宁波甬澜能源集团有限公司与鄞州区姜山镇签订合作协议。甬澜能源集团旗下的甬澜水务、甬澜燃气等子公司将与各村结对。
        """
    let g = graph(text)
    let group = "宁波甬澜能源集团有限公司"
    #expect(triples(g, .memberOf).isSuperset(of: [["member_of", "甬澜水务", group], ["member_of", "甬澜燃气", group]]))
    #expect(g.entities.first { $0.name == group }?.aliases.contains("甬澜能源集团") == true)
    #expect(!g.entities.contains { $0.name == "甬澜能源集团" })
}

@Test func aHospitalsDepartmentIsAMemberOfTheHospital() {
    let text = "鄞州区明湖医院开展下乡义诊。鄞州区明湖医院心内科、内分泌科的医生来到村里。"
    let g = graph(text)
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "鄞州区明湖医院心内科", "鄞州区明湖医院"]))
    #expect(members.contains(["member_of", "鄞州区明湖医院内分泌科", "鄞州区明湖医院"]))
}

@Test func aDepartmentsPartyBranchBelongsToTheHospitalNotTheDepartment() {
    let text = "鄞州区明湖医院心内科的医生来到村里。鄞州区明湖医院心内科党支部还与村党支部结对。鄞州区明湖医院表示将长期开展。"
    let g = graph(text)
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "鄞州区明湖医院心内科党支部", "鄞州区明湖医院"]))
    #expect(!members.contains(["member_of", "鄞州区明湖医院心内科党支部", "鄞州区明湖医院心内科"]))
}
