import Testing
import TupuGraph

@testable import TupuRelate

// Membership as the blind eighth development set (Benchmarks/extraction/dev8) found articles state it:
// members listed before a joining predicate. The articles are invented; the places are real divisions
// of the gazetteer, the bodies made up.

func membersOf(_ body: String, _ g: Graph) -> Set<String> {
    Set(triples(g, .memberOf).filter { $0[2] == body }.map { $0[1] })
}

@Test func bodiesListedBeforeJoiningAnAllianceByItsBareTypeWordAreItsMembers() {
    let g = graph(
        "白塔镇召开“溪畔同心”党建联盟推进会。仙居县瑞丰茶业有限公司党支部、白塔镇中心小学党支部等3家单位党组织今年正式加入联盟。")
    #expect(membersOf("溪畔同心党建联盟", g) == ["仙居县瑞丰茶业有限公司党支部", "白塔镇中心小学党支部"])
}

@Test func bodiesNamedAsFirstMembersBelongToTheAllianceTheArticleNamedLast() {
    let g = graph(
        "仙居县白塔镇商会召开成立大会。仙居县瑞丰茶业有限公司、仙居县绿源竹木制品有限公司等18家企业为首批会员单位。")
    #expect(membersOf("仙居县白塔镇商会", g) == ["仙居县瑞丰茶业有限公司", "仙居县绿源竹木制品有限公司"])
}

@Test func newMembersOfAnAllianceNamedBeforeThemJoinIt() {
    let g = graph("仙居县白塔镇竹木产业联盟召开年会，新增仙居县绿源竹木制品有限公司、仙居县云岭工艺品有限公司2家企业为会员单位。")
    #expect(membersOf("仙居县白塔镇竹木产业联盟", g) == ["仙居县绿源竹木制品有限公司", "仙居县云岭工艺品有限公司"])
}

@Test func aRoleWordAndAColonOpenALineOfTheMemberRoll() {
    let g = graph("仙居县白塔镇商会召开成立大会，名单如下：\n理事单位：仙居县瑞丰茶业有限公司、仙居县云岭工艺品有限公司\n")
    #expect(membersOf("仙居县白塔镇商会", g) == ["仙居县瑞丰茶业有限公司", "仙居县云岭工艺品有限公司"])
}

@Test func joiningSomethingThatIsNoAllianceMakesNoMember() {
    // 加入 with a body that is no alliance or association after it, and 为 with no member's role after it.
    let g = graph("仙居县白塔镇商会成立。仙居县瑞丰茶业有限公司加入白塔镇志愿服务队，仙居县云岭工艺品有限公司为群众办实事。")
    #expect(triples(g, .memberOf).filter { $0[2] == "仙居县白塔镇商会" }.isEmpty)
}

@Test func aGroupsSubsidiariesFollowTheMarkerAndAVerbOfHaving() {
    let g = graph("仙居县瑞景控股集团有限公司旗下有仙居县瑞景水务有限公司、仙居县瑞景旅游有限公司等6家子公司，另控股仙居县白塔粮食收储有限公司。")
    #expect(
        membersOf("仙居县瑞景控股集团有限公司", g)
            == ["仙居县瑞景水务有限公司", "仙居县瑞景旅游有限公司", "仙居县白塔粮食收储有限公司"])
}

@Test func departmentsListedBareBelongToTheHospitalNamedLastBeforeThem() {
    let g = graph("天台县康宁医院始丰院区启用，院区设有急诊医学科、心内科等10个科室。天台县人民医院专家到心内科坐诊。")
    #expect(triples(g, .memberOf).filter { $0[1] == "心内科" }.map { $0[2] } == ["天台县康宁医院始丰院区"])
    #expect(membersOf("天台县康宁医院始丰院区", g).isSuperset(of: ["急诊医学科", "心内科"]))
}

@Test func aCountedListAfterAVerbOfHoldingNamesTheUnitsOfTheClausesFirstBody() {
    let g = graph("今年以来，天台县康宁医院党委将全院党员划分为内科党支部、外科党支部和后勤党支部3个党支部。")
    #expect(membersOf("天台县康宁医院党委", g).isSuperset(of: ["内科党支部", "外科党支部", "后勤党支部"]))
    let school = graph("台州始丰职业学院现有护理学院、康复学院、药学系3个院系。")
    #expect(membersOf("台州始丰职业学院", school).isSuperset(of: ["护理学院", "康复学院"]))
    // Without a count closing it, a list after 设有 is no roll of units.
    let plain = graph("天台县康宁医院设有天台县红十字会、天台县慈善总会联络点。")
    #expect(membersOf("天台县康宁医院", plain).isEmpty)
}

@Test func anAllianceWhoseFoundingABodyLeadsIsThatBodysOwn() {
    let g = graph("“溪畔同心”党建联盟成立于2025年，由白塔镇党委牵头，已为群众办实事50件。")
    #expect(triples(g, .memberOf).contains(["member_of", "溪畔同心党建联盟", "白塔镇党委"]))
    #expect(membersOf("溪畔同心党建联盟", g).isEmpty)
    // Founders listed with a forming verb are the alliance's members, as before.
    let joint = graph("“溪畔同心”党建联盟由白塔镇党委、仙居县瑞丰茶业有限公司党支部共同组建。")
    #expect(membersOf("溪畔同心党建联盟", joint) == ["白塔镇党委", "仙居县瑞丰茶业有限公司党支部"])
}

@Test func aSemicolonClosesAStatementAndTheNextNamesItsOwnSubject() {
    let g = graph("其中，上横街村党总支与仙居县瑞丰伞业有限公司党支部签约；下横街村党委携手仙居县康辉布业有限公司党委，共同推出“布艺课堂”技能培训。")
    let runners = Set(triples(g, .runs).filter { $0[2] == "布艺课堂" }.map { $0[1] })
    #expect(runners == ["下横街村党委", "仙居县康辉布业有限公司党委"])
}

@Test func twoCountiesSigningArePartners() {
    let g = graph("9月上旬，仙居县党政代表团赴贵州省黔东南苗族侗族自治州丹寨县考察，两县签订东西部协作帮扶协议。")
    let pairs = triples(g, .partner).map { Set([$0[1], $0[2]]) }
    #expect(pairs.contains(["仙居县", "丹寨县"]))
    // 两地 pairs two places whose names end alike: not the prefecture with its county.
    let places = graph("仙居县代表团赴黔东南苗族侗族自治州丹寨县考察，两地签订协议。")
    #expect(triples(places, .partner).map { Set([$0[1], $0[2]]) } == [["仙居县", "丹寨县"]])
    // Without a partner verb after it, 两县 pairs nothing.
    #expect(triples(graph("仙居县代表团赴丹寨县考察，两县群众情谊深厚。"), .partner).isEmpty)
}

@Test func bodiesJoiningAtTheEndOfTheirClauseJoinTheAllianceNamedLast() {
    let g = graph("“溪畔同心”党建联盟成立于2025年，此后白塔镇中心小学党支部、仙居县瑞丰茶业有限公司党支部等陆续加入。")
    #expect(membersOf("溪畔同心党建联盟", g) == ["白塔镇中心小学党支部", "仙居县瑞丰茶业有限公司党支部"])
    // 加入 followed by something that is no collective joins nothing.
    #expect(membersOf("溪畔同心党建联盟", graph("“溪畔同心”党建联盟成立。白塔镇中心小学党支部加入巡河队伍。")).isEmpty)
}

@Test func aBranchNamedAfterItsParentBelongsToTheParentNotToTheDepartmentItsNameRunsThrough() {
    // The parent is named with its county first; the branch's name opens with the rest, then a department.
    let g = graph("仙居县康宁医院举行义诊活动。康宁医院心内科党支部组织党员参加，瑞丰茶业有限公司党支部也派员参加。")
    #expect(membersOf("仙居县康宁医院", g).contains("康宁医院心内科党支部"))
    #expect(!membersOf("康宁医院心内科", g).contains("康宁医院心内科党支部"))
    // A branch whose parent the article never names belongs to nothing by its name.
    #expect(!triples(g, .memberOf).contains { $0[1] == "瑞丰茶业有限公司党支部" })
}
