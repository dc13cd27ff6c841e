import Testing
import TupuGraph

@testable import TupuRelate

// Relations as articles state them (issue 9, family 8). The articles are invented, in the style of
// county news; the places are real divisions of the gazetteer, the organisations and people made up.

func partnerPairs(_ g: Graph) -> Set<Set<String>> {
    Set(triples(g, .partner).map { Set($0.dropFirst()) })
}

func rules(_ g: Graph, _ relation: Relation) -> Set<String> {
    Set(g.edges.filter { $0.relation == relation }.flatMap { $0.evidence.map(\.rule) })
}

// MARK: role

@Test func aTitleAfterAPartyBodyGoesToTheBodyNotToItsPlace() {
    let g = graph("洲泉镇夜明村党支部书记周立群说，村里今年要把路修好。")
    #expect(triples(g, .role) == [["role", "周立群", "洲泉镇夜明村党支部"]])
}

@Test func aTownsOwnTitleGoesToTheTown() {
    let g = graph("洲泉镇镇长钱文涛表示，明年还将继续推进。")
    #expect(triples(g, .role) == [["role", "钱文涛", "洲泉镇"]])
}

@Test func aChainOfTitlesGivesOneRolePerBodyAndAVillageTitleGoesToTheVillage() {
    let g = graph("洲泉镇东田村党总支书记、村委会主任沈国良介绍，合作社已有社员120户。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "沈国良", "洲泉镇东田村党总支"]))
    #expect(roles.contains(["role", "沈国良", "东田村"]))
    #expect(roles.count == 2)
}

@Test func aChainOfBodiesInOneCompanyGivesARoleInEach() {
    let text = "桐乡市惠民农业集团今年扩大了种植面积。惠民农业集团党委副书记、纪委书记、工会主席许文军说，职工收入也涨了。"
    let g = graph(text)
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "许文军", "惠民农业集团党委"]))
    #expect(roles.contains(["role", "许文军", "桐乡市惠民农业集团"]))
}

@Test func aDeputysTitleGoesToTheBodyBeforeIt() {
    let g = graph("桐乡市第三人民医院副院长应晓红是首批下乡专家之一。")
    #expect(triples(g, .role) == [["role", "应晓红", "桐乡市第三人民医院"]])
    let title = g.edges.first { $0.relation == .role }?.attrs["title"]
    #expect(title == "副院长")
}

@Test func aBureausPartyGroupAndItsHeadAreOneBody() {
    let g = graph("桐乡市农业农村局党组书记、局长方志远表示，今年将新建高标准农田两万亩。")
    let roles = triples(g, .role)
    #expect(roles == [["role", "方志远", "桐乡市农业农村局"]])
}

@Test func aTitleBehindADepartmentGoesToTheHospital() {
    let g = graph("桐乡市第三人民医院急诊科主任徐海波说，夜间也有医生值守。")
    #expect(triples(g, .role) == [["role", "徐海波", "桐乡市第三人民医院"]])
    #expect(rules(g, .role) == ["role.department"])
}

@Test func aBareTypeWordBeforeATitleRefersToTheTeamNamedBefore() {
    let text = """
        去年，梧桐街道组建了梧桐街道银发先锋志愿服务队，40余名退休党员加入。服务队队长蔡美娟今年62岁。
        """
    let g = graph(text)
    #expect(triples(g, .role).contains(["role", "蔡美娟", "梧桐街道银发先锋志愿服务队"]))
}

@Test func aPersonIsTheTitleHolderTheCopulaNames() {
    let text = "去年，洲泉镇组建了洲泉镇蓝海应急救援队。沈建峰是洲泉镇蓝海应急救援队的队长，他说队员都是本地人。退休教师何丽芳是东田村的村民。"
    let g = graph(text)
    #expect(triples(g, .role) == [["role", "沈建峰", "洲泉镇蓝海应急救援队"]])
    // 村民 says what she is, not an office: a person, and no role.
    #expect(g.entities.contains { $0.type == .person && $0.name == "何丽芳" })
}

@Test func aVillagerHoldsNoPost() {
    let g = graph("洲泉镇东田村村民吴金水说，今年桑叶长得好。")
    #expect(g.entities.contains { $0.type == .person && $0.name == "吴金水" })
    #expect(triples(g, .role).isEmpty)
}

@Test func aBareBranchInATitleIsTheBranchJustFounded() {
    let g = graph("去年，队里的党员成立了洲泉镇蓝海应急救援队党支部，参加救援的韩国栋担任支部书记。")
    #expect(triples(g, .role) == [["role", "韩国栋", "洲泉镇蓝海应急救援队党支部"]])
}

@Test func aTitleIsNoGivenName() {
    // 任 is a surname, but here it is the verb: 任队长 is no person.
    let g = graph("退休教师蒋国华主动请缨，任队长多年。")
    #expect(!g.entities.contains { $0.type == .person && $0.name.hasPrefix("任") })
    #expect(g.entities.contains { $0.type == .person && $0.name == "蒋国华" })
}

@Test func anAppellationIsNoPerson() {
    let g = graph("家住东田村的村民陈大伯说，现在看病方便多了。")
    #expect(!g.entities.contains { $0.type == .person && $0.name == "陈大伯" })
}

// MARK: partner

@Test func aPlaceChainBeforeThePartnerIsOneParty() {
    let g = graph("今年，洲泉镇与湖州市德清县新市镇签订结对共建协议，两地轮流举办交流活动。")
    #expect(partnerPairs(g) == [["洲泉镇", "新市镇"]])
}

@Test func aPlaceIsNoPartnerWhenItIsOnlyWhereThePartnerSits() {
    // 德清县|红十字会: the place prefixes a body the text names; the town is not a party.
    let g = graph("东田村党总支联合德清县红十字会，每季度为村民开展一次急救培训。")
    #expect(!partnerPairs(g).contains(["东田村党总支", "德清县"]))
}

@Test func aGroupThatSignsTogetherIsPairwisePartners() {
    let g = graph("东田村党总支、夜明村党支部和桐乡市惠民农业集团党委三方党组织共同签订共建协议。")
    let pairs = partnerPairs(g)
    #expect(pairs.contains(["东田村党总支", "夜明村党支部"]))
    #expect(pairs.contains(["东田村党总支", "桐乡市惠民农业集团党委"]))
    #expect(pairs.contains(["夜明村党支部", "桐乡市惠民农业集团党委"]))
}

@Test func aListSignsWithEachPartner() {
    let g = graph("东田村党总支、夜明村党支部与桐乡市惠民农业集团党委签订结对协议。")
    let pairs = partnerPairs(g)
    #expect(pairs.contains(["东田村党总支", "桐乡市惠民农业集团党委"]))
    #expect(pairs.contains(["夜明村党支部", "桐乡市惠民农业集团党委"]))
    #expect(!pairs.contains(["东田村党总支", "夜明村党支部"]))
}

@Test func aPartnerAfterWhereItIsIsStillAPartner() {
    let g = graph("东田村还与同镇的夜明村结对，把游客引到夜明村的采摘园。")
    #expect(partnerPairs(g) == [["东田村", "夜明村"]])
}

@Test func pairingNewsNamesBothEndsAsPartners() {
    let g = graph("近年来，桐乡市对口帮扶衢州市开化县，共建产业园。洲泉镇与德清县新市镇签约。")
    let pairs = partnerPairs(g)
    #expect(pairs.contains(["桐乡市", "开化县"]))
    #expect(pairs.contains(["洲泉镇", "新市镇"]))
}

@Test func aCooperativeIsNoCooperation() {
    let g = graph("成员包括洲泉镇东田村股份经济合作社和洲泉镇夜明村股份经济合作社。")
    #expect(triples(g, .partner).isEmpty)
}

@Test func aClauseWithoutActorTakesTheSentencesSubject() {
    let g = graph("此外，梧桐街道党工委还携手桐乡市康宁医院开展义诊；联合梧桐街道总工会，为快递员办理会员卡。")
    let pairs = partnerPairs(g)
    #expect(pairs.contains(["梧桐街道党工委", "桐乡市康宁医院"]))
    #expect(pairs.contains(["梧桐街道党工委", "梧桐街道总工会"]))
}

@Test func everyListedPartyIsAPartner() {
    let g = graph("桐乡市惠民农业发展有限公司与洲泉镇东田村、夜明村签订了合作协议。")
    let pairs = partnerPairs(g)
    #expect(pairs.contains(["桐乡市惠民农业发展有限公司", "东田村"]))
    #expect(pairs.contains(["桐乡市惠民农业发展有限公司", "夜明村"]))
}

// MARK: runs

@Test func thePartyCommitteeRunsWhatItLaunchesWithAPartnerNotTheTown() {
    let text = """
        洲泉镇党委联合桐乡市惠民农业发展有限公司推出的“田间课堂”，今年已开课30余场。
        “田间课堂”项目由洲泉镇党委牵头，每月请农技专家到村授课。
        """
    let g = graph(text)
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "洲泉镇党委", "田间课堂"]))
    #expect(runs.contains(["runs", "桐乡市惠民农业发展有限公司", "田间课堂"]))
    #expect(!runs.contains { $0[1] == "洲泉镇" })
}

@Test func aPlaceWhereAProgrammeHappensDoesNotRunIt() {
    let g = graph("梧桐街道党工委已在东田村、夜明村等地建起4个“暖心驿”服务点。")
    let runs = triples(g, .runs)
    #expect(runs == [["runs", "梧桐街道党工委", "暖心驿"]])
}

@Test func aCommunityBeforeThePossessiveOfAVenueIsWhereItIs() {
    let g = graph("午后，梧桐街道东田村的“乐龄小屋”服务站里，几位老人正在下棋。")
    #expect(triples(g, .runs).isEmpty)
    #expect(triples(g, .locatedIn).contains(["located_in", "乐龄小屋", "东田村"]))
}

@Test func aVillagesFacilityIsWhereItIsNotWhatItRuns() {
    let g = graph("东田村的“乡贤驿站”原是一座老仓库，经过修缮后对外开放。")
    #expect(triples(g, .runs).isEmpty)
    #expect(triples(g, .locatedIn) == [["located_in", "乡贤驿站", "东田村"]])
}

@Test func eachBodyWithItsOwnVerbRunsIt() {
    let g = graph("“蚕桑文化节”由洲泉镇人民政府主办、桐乡市惠民农业集团承办，今年已是第三届。")
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "洲泉镇人民政府", "蚕桑文化节"]))
    #expect(runs.contains(["runs", "桐乡市惠民农业集团", "蚕桑文化节"]))
}

@Test func aLaterClauseWithByNamesWhoRunsIt() {
    let g = graph("“乐龄小屋”服务站设在村文化礼堂东侧，由东田村党总支负责日常管理。")
    #expect(triples(g, .runs) == [["runs", "东田村党总支", "乐龄小屋"]])
}

@Test func bothPartiesRunWhatTheyLaunchTogether() {
    let text = "东田村党总支与桐乡市惠民农业发展有限公司结对共建，双方合作在东田村开设“织补工坊”手工项目。"
    let g = graph(text)
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "东田村党总支", "织补工坊"]))
    #expect(runs.contains(["runs", "桐乡市惠民农业发展有限公司", "织补工坊"]))
}

@Test func theSubjectOfTheClauseBeforeGoesOnActing() {
    let text = "梧桐街道与桐乡市第三人民医院签订合作协议，医院每月安排专家到村卫生室出诊，并推出“健康随行”项目。"
    let g = graph(text)
    #expect(triples(g, .runs) == [["runs", "桐乡市第三人民医院", "健康随行"]])
}

@Test func aPlaceNamedByItsLevelActsAsThatPlace() {
    let text = "洲泉镇地处桐乡市东北部。镇党委相关负责人介绍，今年以来，该镇念好“引、育、留”三字经，还通过“桑农课堂”“田间夜校”两大行动，培养本土人才。"
    let g = graph(text)
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "洲泉镇", "桑农课堂"]))
    #expect(runs.contains(["runs", "洲泉镇", "田间夜校"]))
}

@Test func aBareTypeWordActorRunsAsTheBodyItNames() {
    let text = "去年，洲泉镇党委牵头成立洲泉镇蚕桑产业联盟。联盟推出“桑园帮办”服务，每月上门走访农户。"
    let g = graph(text)
    #expect(triples(g, .runs).contains(["runs", "洲泉镇蚕桑产业联盟", "桑园帮办"]))
    #expect(!triples(g, .runs).contains(["runs", "洲泉镇党委", "桑园帮办"]))
}

@Test func theBodyAnActorWorksThroughIsNoRunner() {
    let g = graph("东田村党总支依托村党群服务中心开办“护苗课堂”暑期托管项目。")
    #expect(triples(g, .runs) == [["runs", "东田村党总支", "护苗课堂"]])
}

@Test func aPartnerJoinedAfterAnAdverbRunsItToo() {
    let g = graph("洲泉镇还携手德清县新市镇，推出“双镇游”精品游线。")
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "洲泉镇", "双镇游"]))
    #expect(runs.contains(["runs", "新市镇", "双镇游"]))
}

@Test func theTeamsMembersActAsTheTeam() {
    let text = "梧桐街道成立了梧桐街道银发先锋志愿服务队。队员们坚持每月组织“邻里送暖”探访活动，为空巢老人送去蔬菜。"
    let g = graph(text)
    #expect(triples(g, .runs).contains(["runs", "梧桐街道银发先锋志愿服务队", "邻里送暖"]))
}

@Test func aSpokesmansBodyIsNoRunnerByTheWordResponsible() {
    // 负责人 is a person, not the verb 负责.
    let g = graph("梧桐街道相关负责人表示，下一步将在更多社区设立“暖心驿”。")
    #expect(!triples(g, .runs).contains(["runs", "梧桐街道", "暖心驿"]))
}

// MARK: member_of

@Test func everyOrganisationOfAMemberListJoinsTheAlliance() {
    let text = """
        去年，洲泉镇党委牵头成立洲泉镇蚕桑产业联盟。联盟现有成员单位包括桐乡市惠民农业发展有限公司、桐乡农商银行洲泉支行、洲泉镇东田村党总支和夜明村党支部等9家单位。
        """
    let g = graph(text)
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "桐乡市惠民农业发展有限公司", "洲泉镇蚕桑产业联盟"]))
    #expect(members.contains(["member_of", "桐乡农商银行洲泉支行", "洲泉镇蚕桑产业联盟"]))
    #expect(members.contains(["member_of", "夜明村党支部", "洲泉镇蚕桑产业联盟"]))
    // The body that leads the founding is no member.
    #expect(!members.contains(["member_of", "洲泉镇党委", "洲泉镇蚕桑产业联盟"]))
}

@Test func theBodiesThatFormAnAllianceAreItsMembers() {
    let text = "此次“梧桐共富党建联盟”由东田村党总支、夜明村党支部和桐乡市惠民农业集团党委三方党组织共同组建。"
    let g = graph(text)
    let members = triples(g, .memberOf).filter { $0[2].hasSuffix("联盟") }
    #expect(members.count == 3)
    #expect(members.contains(["member_of", "夜明村党支部", "梧桐共富党建联盟"]))
}

@Test func theCompaniesOfAGroupBelongToIt() {
    let g = graph("桐乡市惠民农业集团旗下的桐乡市惠民蚕桑有限公司和桐乡市惠民物流有限公司今年都增加了用工。")
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "桐乡市惠民蚕桑有限公司", "桐乡市惠民农业集团"]))
    #expect(members.contains(["member_of", "桐乡市惠民物流有限公司", "桐乡市惠民农业集团"]))
}

@Test func aPartyBranchNamedAfterItsCompanyIsPartOfIt() {
    let text = "桐乡市惠民农业集团今年扩大了种植面积。惠民农业集团党支部书记韩晓东说，党员带头包片。"
    let g = graph(text)
    #expect(triples(g, .memberOf).contains(["member_of", "惠民农业集团党支部", "桐乡市惠民农业集团"]))
    #expect(triples(g, .role) == [["role", "韩晓东", "惠民农业集团党支部"]])
}

@Test func aBranchNamedAfterAShortFormOfItsParentBelongsToIt() {
    // The parent is named with its place (桐乡市…), the branch with the short form.
    let text = "桐乡市第三人民医院派出专家下乡。第三人民医院党支部还与夜明村党支部结对。"
    let g = graph(text)
    #expect(triples(g, .memberOf).contains(["member_of", "第三人民医院党支部", "桐乡市第三人民医院"]))
    #expect(partnerPairs(g).contains(["第三人民医院党支部", "夜明村党支部"]))
}

// MARK: the cues are data

@Test func theCueFileLoadsAndRejectsAnUnknownFamily() throws {
    let cues = try RelationCues.bundled()
    #expect(cues[.runVerb].contains("推出"))
    #expect(cues[.partnerMutual].contains("结对"))
    #expect(throws: RelationCues.LoadError.self) { try RelationCues(tsv: "no-such-family\t词\n") }
    #expect(throws: RelationCues.LoadError.self) { try RelationCues(tsv: "run-verb\n") }
}

// MARK: located_in, the most specific place

@Test func aProgrammeStatedInATownIsNotAlsoPlacedWhereItsCountyRunnerSits() {
    let g = graph("桐乡市民政局推出“银发课堂”项目。“银发课堂”设在洲泉镇，每周开课两次。")
    #expect(triples(g, .runs).contains(["runs", "桐乡市民政局", "银发课堂"]))
    let placed = triples(g, .locatedIn).filter { $0[1] == "银发课堂" }
    #expect(placed == [["located_in", "银发课堂", "洲泉镇"]])
}

@Test func aTownRunnersPlaceIsKeptWhenTheTextStatesOnlyTheCountyAroundIt() {
    let g = graph("洲泉镇人民政府推出“银发课堂”项目。在桐乡市，“银发课堂”已经办了三年。")
    let placed = triples(g, .locatedIn).filter { $0[1] == "银发课堂" }
    #expect(placed == [["located_in", "银发课堂", "洲泉镇"]])
}

// MARK: runs by both parties

@Test func bothPartiesAreOnlyAPairNamedBeforeTheWord() {
    // The hospitals are named after 两地…“…”: 两地 does not reach forward to them.
    let g = graph("今年，两地还开展“医路同行”结对，桐乡市第一医院与嘉善县第二医院签订帮扶协议。")
    #expect(partnerPairs(g).contains(["桐乡市第一医院", "嘉善县第二医院"]))
    #expect(!triples(g, .runs).contains(["runs", "桐乡市第一医院", "医路同行"]))
    #expect(!triples(g, .runs).contains(["runs", "嘉善县第二医院", "医路同行"]))
}

@Test func twoBodiesAreTheLastPairOfBodiesNotOfPlaces() {
    // 两家 names two bodies: the two places paired in the sentence before do not open the service.
    let text = "桐乡市与嘉善县签订协作协议，双方互派干部挂职。两家医院还联合开通“云上问诊”平台。"
    let g = graph(text)
    #expect(partnerPairs(g).contains(["桐乡市", "嘉善县"]))
    let runs = triples(g, .runs)
    #expect(!runs.contains(["runs", "桐乡市", "云上问诊"]))
    #expect(!runs.contains(["runs", "嘉善县", "云上问诊"]))
}

// MARK: runs, a body only named beside the programme

@Test func theSpeakersBodyIsNoRunnerWhenTheTextSaysWhoRunsIt() {
    let text = "洲泉镇人民政府推出“银发课堂”项目。桐乡市民政局局长钱文涛表示，“银发课堂”将在更多乡镇推开。"
    let runs = triples(graph(text), .runs)
    #expect(runs == [["runs", "洲泉镇人民政府", "银发课堂"]])
}

@Test func aBodyNamedBesideAProgrammeStillRunsItWhenNoOneElseDoes() {
    let runs = triples(graph("桐乡市民政局局长钱文涛表示，“银发课堂”将在更多乡镇推开。"), .runs)
    #expect(runs == [["runs", "桐乡市民政局", "银发课堂"]])
}

// MARK: partner, a group led by one body

@Test func aGroupJoiningWhatOneBodyLeadsPartnersTheLeaderNotEachOther() {
    let text = "由洲泉镇社工站牵头，桐乡市慈善总会、洲泉镇商会和桐乡市律师协会共同参与的“邻里守望”服务周在这里启动。"
    let pairs = partnerPairs(graph(text))
    #expect(pairs.contains(["洲泉镇社会工作站", "桐乡市慈善总会"]))
    #expect(pairs.contains(["洲泉镇社会工作站", "桐乡市律师协会"]))
    #expect(!pairs.contains(["桐乡市慈善总会", "桐乡市律师协会"]))
}

// MARK: located_in.locative

@Test func aChainOfPlacesAfterZaiPlacesTheProgrammeInItsLastPlace() {
    let g = graph("10月8日，“银发课堂”系列活动在桐乡市洲泉镇展开。")
    let placed = triples(g, .locatedIn).filter { $0[1] == "银发课堂" }
    #expect(placed == [["located_in", "银发课堂", "洲泉镇"]])
}

// MARK: located_in.runner, a local body only

@Test func aCountyBureausProgrammeIsNotPlacedInTheWholeCounty() {
    let g = graph("桐乡市民政局推出“银发课堂”项目，每周开课两次。")
    #expect(triples(g, .runs) == [["runs", "桐乡市民政局", "银发课堂"]])
    #expect(triples(g, .locatedIn).filter { $0[1] == "银发课堂" }.isEmpty)
}

@Test func aTownBodysProgrammeIsPlacedInTheTown() {
    let g = graph("洲泉镇人民政府推出“银发课堂”项目，每周开课两次。")
    #expect(triples(g, .locatedIn).filter { $0[1] == "银发课堂" } == [["located_in", "银发课堂", "洲泉镇"]])
}

@Test func aCountyActingItselfPlacesItsProgrammeInTheCounty() {
    let g = graph("桐乡市推出“银发课堂”项目，每周开课两次。")
    #expect(triples(g, .locatedIn).filter { $0[1] == "银发课堂" } == [["located_in", "银发课堂", "桐乡市"]])
}
