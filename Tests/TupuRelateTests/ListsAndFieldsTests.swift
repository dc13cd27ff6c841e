import Testing
import TupuGraph

@testable import TupuRelate

// Relations that 公示 lists, operators, member lists, founders, respective pairs and section heads state,
// from the misses of the blind sets dev5 and dev6. Places are real divisions of the gazetteer; every
// organisation, programme and person is invented.

@Test func aListsLabelledFieldsGiveEachItemItsOwnRunnerAndPlace() {
    let g = graph(
        """
        嵊州市2026年度公益创投项目公示

        市民政局确定立项项目2个，现公示如下：

        1.“暖阳餐桌”助餐服务项目，承接单位：嵊州市晴川社会工作服务中心，实施地点：甘霖镇上叶村；

        2.“星光伴读”儿童陪伴项目，承接单位：嵊州市知行公益服务社，实施地点：剡湖街道。
        """)
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "嵊州市晴川社会工作服务中心", "暖阳餐桌"]))
    #expect(runs.contains(["runs", "嵊州市知行公益服务社", "星光伴读"]))
    // Each item's runner is its own, and the body that publishes the list runs none of them.
    #expect(!runs.contains(["runs", "嵊州市知行公益服务社", "暖阳餐桌"]))
    #expect(!runs.contains { $0[1].hasSuffix("民政局") })
    let places = triples(g, .locatedIn)
    #expect(places.contains(["located_in", "暖阳餐桌", "上叶村"]))
    #expect(places.contains(["located_in", "星光伴读", "剡湖街道"]))
    #expect(!places.contains(["located_in", "星光伴读", "上叶村"]))
}

@Test func fieldsOnSuccessiveLinesOrSeparatedBySemicolonsAreReadAlike() {
    let lines = graph(
        """
        项目名称：“银发课堂”老年教育项目
        运营单位：嵊州市乐龄文化发展中心
        服务地点：崇仁镇

        项目名称：“清溪守护”河道巡护项目；执行机构：嵊州市绿源环保志愿服务队；项目地点：甘霖镇东溪村
        """)
    let runs = triples(lines, .runs)
    #expect(runs.contains(["runs", "嵊州市乐龄文化发展中心", "银发课堂"]))
    #expect(runs.contains(["runs", "嵊州市绿源环保志愿服务队", "清溪守护"]))
    let places = triples(lines, .locatedIn)
    #expect(places.contains(["located_in", "银发课堂", "崇仁镇"]))
    #expect(places.contains(["located_in", "清溪守护", "东溪村"]))
}

@Test func onlyARunnersLabelMakesTheBodyAfterItTheRunner() {
    // 联系单位 names whom to ask, not who runs the item.
    let contact = graph("1.“暖阳餐桌”助餐服务项目，联系单位：嵊州市晴川社会工作服务中心；")
    #expect(!triples(contact, .runs).contains(["runs", "嵊州市晴川社会工作服务中心", "暖阳餐桌"]))
    let runner = graph("1.“暖阳餐桌”助餐服务项目，申报单位：嵊州市晴川社会工作服务中心；")
    #expect(triples(runner, .runs).contains(["runs", "嵊州市晴川社会工作服务中心", "暖阳餐桌"]))
}

@Test func theBodyThatOperatesAProgrammeRunsIt() {
    let g = graph(
        """
        甘霖镇党委推出“乐龄小院”养老服务品牌。“乐龄小院”的日常运营由嵊州市晴川社会工作服务中心负责，资金来自社会捐赠。
        三界镇把“共享菜园”项目交由嵊州市绿源农业发展有限公司运营。
        仙岩镇引入嵊州市安居物业服务有限公司运营“邻里客厅”。
        """)
    let runs = triples(g, .runs)
    // The owner who launched it and the operator both run it.
    #expect(runs.contains(["runs", "甘霖镇党委", "乐龄小院"]))
    #expect(runs.contains(["runs", "嵊州市晴川社会工作服务中心", "乐龄小院"]))
    #expect(runs.contains(["runs", "嵊州市绿源农业发展有限公司", "共享菜园"]))
    #expect(runs.contains(["runs", "嵊州市安居物业服务有限公司", "邻里客厅"]))
}

@Test func aListBeforeAJoiningVerbMakesEachBodyAMemberOfTheCollective() {
    let named = graph(
        "甘霖镇党委牵头成立“剡溪红盟”党建联盟，将上叶村党支部、嵊州市晴川社会工作服务中心以及嵊州市知行公益服务社纳入其中。")
    let members = triples(named, .memberOf)
    for unit in ["上叶村党支部", "嵊州市晴川社会工作服务中心", "嵊州市知行公益服务社"] {
        #expect(members.contains(["member_of", unit, "剡溪红盟党建联盟"]))
    }
    // The body that leads the founding is no member.
    #expect(!members.contains(["member_of", "甘霖镇党委", "剡溪红盟党建联盟"]))

    let joined = graph(
        "崇仁镇召开“崇善同行”党建联盟扩容大会，嵊州市乐龄文化发展中心、嵊州市绿源农业发展有限公司和嵊州市安居物业服务有限公司3家单位正式加入联盟。")
    let joiners = triples(joined, .memberOf)
    for unit in ["嵊州市乐龄文化发展中心", "嵊州市绿源农业发展有限公司", "嵊州市安居物业服务有限公司"] {
        #expect(joiners.contains(["member_of", unit, "崇善同行党建联盟"]))
    }

    let copula = graph("长乐镇商会成立以来，嵊州市长兴纺织有限公司、嵊州市新华机械有限公司均为商会会员单位。")
    #expect(triples(copula, .memberOf).contains(["member_of", "嵊州市新华机械有限公司", "长乐镇商会"]))

    let quoted = graph("崇仁镇召开党建工作会议。嵊州市乐龄文化发展中心、嵊州市绿源农业发展有限公司成为“崇善同行”党建联盟首批成员单位。")
    #expect(triples(quoted, .memberOf).contains(["member_of", "嵊州市绿源农业发展有限公司", "崇善同行党建联盟"]))

    let sameDay = graph("仙岩镇商会召开年会，嵊州市安居物业服务有限公司当天加入商会。")
    #expect(triples(sameDay, .memberOf).contains(["member_of", "嵊州市安居物业服务有限公司", "仙岩镇商会"]))
}

@Test func aJoiningVerbWithoutACollectiveOrAMemberWordStatesNoMembership() {
    // 纳入 with no collective after it (纳入重点帮扶名单), 成为 with no member word: no edge.
    let g = graph(
        "长乐镇商会召开年会。镇里将嵊州市长兴纺织有限公司纳入重点帮扶名单，嵊州市新华机械有限公司成为行业标杆。")
    #expect(triples(g, .memberOf).isEmpty)
}

@Test func pairsJoinedByYuAndListedBeforeFenbieAreEachTheirOwnPartners() {
    let pairs = graph("会上，嵊州市甘霖镇与嵊州市长乐镇、嵊州市崇仁镇与嵊州市三界镇分别签订结对共建协议。")
    let partners = triples(pairs, .partner).map { Set($0.dropFirst()) }
    #expect(partners.contains(["甘霖镇", "长乐镇"]))
    #expect(partners.contains(["崇仁镇", "三界镇"]))
    #expect(!partners.contains(["甘霖镇", "三界镇"]))
    #expect(!partners.contains(["长乐镇", "崇仁镇"]))
    let lists = graph("上叶村、东溪村分别与嵊州市晴川社会工作服务中心、嵊州市知行公益服务社结对。")
    let listed = triples(lists, .partner).map { Set($0.dropFirst()) }
    #expect(listed.contains(["上叶村", "嵊州市晴川社会工作服务中心"]))
    #expect(listed.contains(["东溪村", "嵊州市知行公益服务社"]))
    #expect(!listed.contains(["上叶村", "嵊州市知行公益服务社"]))
}

@Test func aSectionHeadsTitleIsHeldInTheSectionABureauNames() {
    let g = graph("嵊州市民政局召开会议。市民政局社会救助科科长王立新介绍，今年将新增救助对象200人。")
    let roles = triples(g, .role)
    #expect(roles.contains { $0[1] == "王立新" && $0[2].hasSuffix("社会救助科") })
    #expect(!roles.contains(["role", "王立新", "嵊州市民政局"]))
}

@Test func aBareLianhetiActingRefersToTheJointBodyNamedBefore() {
    let g = graph("甘霖镇党委牵头成立“剡溪同心”党建联合体。联合体推出“溪畔红管家”服务，为过往船员提供咨询。")
    #expect(triples(g, .runs).contains(["runs", "剡溪同心党建联合体", "溪畔红管家"]))
}

@Test func bothBodiesThatJointlyBuildAProgrammeRunIt() {
    let g = graph("嵊州市绿源农业发展有限公司党支部与东溪村共建“溪畔”共富工坊，吸纳20余名村民就业。")
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "嵊州市绿源农业发展有限公司党支部", "溪畔"]))
    #expect(runs.contains(["runs", "东溪村", "溪畔"]))
    // 共建协议 is an agreement's name: signing one builds nothing.
    let agreement = graph(
        "嵊州市甘霖镇卫生院与上叶村、东溪村签订家庭医生共建协议，由甘霖镇卫生院牵头打造的“甘霖健康管家”同步启动。")
    #expect(!triples(agreement, .runs).contains(["runs", "上叶村", "甘霖健康管家"]))
}

@Test func thePlaceOpeningEachItemOfAListRunsItsProgrammeWhenNoOneElseIsSaidTo() {
    let g = graph(
        """
        甘霖镇公布年度优秀志愿服务项目名单。
        优秀项目（3个）：上叶村“溪畔夜话”邻里议事项目、东溪村“清水护河”巡河行动、博济社区“四点半课堂”。
        其中，“四点半课堂”由博济社区党委推出。
        """)
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "上叶村", "溪畔夜话"]))
    #expect(runs.contains(["runs", "东溪村", "清水护河"]))
    // A runner stated elsewhere is the runner; the item's place is only where it is.
    #expect(runs.contains(["runs", "博济社区党委", "四点半课堂"]))
    #expect(!runs.contains(["runs", "博济社区", "四点半课堂"]))
    // Outside a list a place glued to a programme is where it is.
    let visit = graph("记者走进甘霖镇上叶村“溪畔”共富工坊，村民正在编织竹篮。")
    #expect(!triples(visit, .runs).contains(["runs", "上叶村", "溪畔"]))
}

@Test func twoPlacesOfALevelNamedByTheirCountSignTogether() {
    let g = graph("嵊州市甘霖镇党政代表团赴龙游县湖镇镇考察，两镇签订结对帮扶协议。")
    #expect(triples(g, .partner).map { Set($0.dropFirst()) }.contains(["甘霖镇", "湖镇镇"]))
    // 两地 names no level: no pair is guessed.
    let vague = graph("嵊州市甘霖镇党政代表团赴龙游县湖镇镇考察，两地签订结对帮扶协议。")
    #expect(!triples(vague, .partner).map { Set($0.dropFirst()) }.contains(["嵊州市", "龙游县"]))
}

@Test func twoBodiesFormingAUnitTogetherArePartners() {
    let g = graph("嵊州市人民医院将与甘霖镇卫生院组建医共体分院，方便群众就近看病。")
    #expect(triples(g, .partner).map { Set($0.dropFirst()) }.contains(["嵊州市人民医院", "甘霖镇卫生院"]))
}

@Test func aNameAfterItsLabelIsTheItemsProgrammeQuotedOrNot() {
    let g = graph(
        """
        项目名称：银发课堂老年教育项目
        承接单位：嵊州市乐龄文化发展中心
        实施地点：崇仁镇

        项目名称：“清溪守护”
        执行机构：嵊州市绿源环保志愿服务队
        """)
    let programmes = Set(g.entities.filter { $0.type == .programme }.map(\.name))
    #expect(programmes == ["银发课堂老年教育项目", "清溪守护"])
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "嵊州市乐龄文化发展中心", "银发课堂老年教育项目"]))
    #expect(runs.contains(["runs", "嵊州市绿源环保志愿服务队", "清溪守护"]))
    // A label's value that runs on into a sentence is no name.
    let prose = graph("项目名称：经过专家评审，共有12个项目入围，名单如下。")
    #expect(prose.entities.filter { $0.type == .programme }.isEmpty)
}

@Test func aListWhoseItemsOpenWithTheRunnersLabelGivesEachItsOwnProgramme() {
    let oneLine = graph(
        "1.申报单位：嵊州市晴川社会工作服务中心，项目名称：“暖阳餐桌”；2.申报单位：嵊州市知行公益服务社，项目名称：“星光伴读”。")
    let runs = triples(oneLine, .runs)
    #expect(runs.contains(["runs", "嵊州市晴川社会工作服务中心", "暖阳餐桌"]))
    #expect(runs.contains(["runs", "嵊州市知行公益服务社", "星光伴读"]))
    #expect(!runs.contains(["runs", "嵊州市知行公益服务社", "暖阳餐桌"]))
    let lines = graph(
        """
        申报单位：嵊州市晴川社会工作服务中心
        项目名称：“暖阳餐桌”

        申报单位：嵊州市知行公益服务社
        项目名称：“星光伴读”
        """)
    let byLine = triples(lines, .runs)
    #expect(byLine.contains(["runs", "嵊州市晴川社会工作服务中心", "暖阳餐桌"]))
    #expect(byLine.contains(["runs", "嵊州市知行公益服务社", "星光伴读"]))
    #expect(!byLine.contains(["runs", "嵊州市知行公益服务社", "暖阳餐桌"]))
}

@Test func aWordStandingForTheCollectiveNamesOneOfItsKindOrOfItsSentence() {
    // 其中 after a list names what the same sentence built (a list of households here), not an earlier alliance.
    let g = graph(
        "甘霖镇党委牵头成立“剡溪红盟”党建联盟。镇里建立重点帮扶台账，将嵊州市长兴纺织有限公司、嵊州市新华机械有限公司纳入其中。")
    #expect(triples(g, .memberOf).isEmpty)
    // 商会 names a chamber, not the alliance named last.
    let chamber = graph("长乐镇商会召开年会。甘霖镇党委牵头成立“剡溪红盟”党建联盟。嵊州市安居物业服务有限公司当天加入商会。")
    #expect(triples(chamber, .memberOf) == [["member_of", "嵊州市安居物业服务有限公司", "长乐镇商会"]])
}
