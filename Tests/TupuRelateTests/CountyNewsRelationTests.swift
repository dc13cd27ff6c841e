import Testing
import TupuGraph

@testable import TupuRelate

// Relations as full county news reports state them, from the errors of the blind fifth development
// set (Benchmarks/extraction/dev5). Places are real divisions of the gazetteer; every organisation,
// programme and person is invented.

@Test func aListJoinedByHeBeforeJointlyMakesEveryMemberAPartnerOfEveryOther() {
    let g = graph("这支志愿队由共青团建德市委、乾潭镇党委和浙江梓洲文旅发展有限公司三家单位联合发起。")
    let partners = triples(g, .partner).map { Set($0.dropFirst()) }
    #expect(partners.contains(["共青团建德市委", "乾潭镇党委"]))
    #expect(partners.contains(["共青团建德市委", "浙江梓洲文旅发展有限公司"]))
    #expect(partners.contains(["乾潭镇党委", "浙江梓洲文旅发展有限公司"]))
}

@Test func aTitleAfterACopulaIsHeldInTheBodyNamedBeforeIt() {
    let g = graph("梓洲村党支部召开会议。村民李德顺是梓洲村党支部委员，也是村里的种粮大户。")
    #expect(triples(g, .role).contains { $0[1] == "李德顺" && $0[2].hasSuffix("梓洲村党支部") })
    // 是 and a title with no body before it name no post.
    let none = graph("李德顺是一名老党员。")
    #expect(triples(none, .role).isEmpty)
}

@Test func aTitleThatIsNoPartyPostAfterAPartyBodyIsHeldInItsOrganisation() {
    let g = graph("建德市乾潭中心医院开展义诊。建德市乾潭中心医院党委书记、院长胡志平说，医院将开设夜间门诊。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "胡志平", "建德市乾潭中心医院党委"]))
    #expect(roles.contains(["role", "胡志平", "建德市乾潭中心医院"]))
}

@Test func aCommitteeNamedByItsWordAloneInAChainLeavesTheTitleBeforeItToItsBody() {
    let g = graph("马鞍岭社区党委书记、居委会主任方丽君告诉记者，社区每月开展一次议事会。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "方丽君", "马鞍岭社区党委"]))
    // The committee is no body of the text: no role to the community for its chair.
    #expect(!roles.contains(["role", "方丽君", "马鞍岭社区"]))
}

@Test func aGroupNamedByItsTypeWordOwnsTheCompaniesAfterSubsidiaryMarker() {
    let g = graph("浙江梓洲文旅集团有限公司召开年会。总经理王海说，集团旗下的建德梓洲酒店管理有限公司、建德梓洲旅游客运有限公司将招聘200人。")
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "建德梓洲酒店管理有限公司", "浙江梓洲文旅集团有限公司"]))
    #expect(members.contains(["member_of", "建德梓洲旅游客运有限公司", "浙江梓洲文旅集团有限公司"]))
}

@Test func aClauseOpeningWithXiasheHoldsTheUnitsOfTheSentencesSubject() {
    let g = graph("建德市乾潭镇商会成立于2019年，下设建德市梓洲青年志愿服务队、建德市梓洲应急救援队。")
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "建德市梓洲青年志愿服务队", "建德市乾潭镇商会"]))
    #expect(members.contains(["member_of", "建德市梓洲应急救援队", "建德市乾潭镇商会"]))
}

@Test func aLevelWordStandingAsAClausesActorIsTheArticlesLastPlaceOfThatLevel() {
    let g = graph("乾潭镇马鞍岭社区获评市级文明社区。社区还将联合建德市乾潭中心医院、浙江梓洲物业服务有限公司，组建一支健康志愿队。")
    let partners = triples(g, .partner).map { Set($0.dropFirst()) }
    #expect(partners.contains(["马鞍岭社区", "建德市乾潭中心医院"]))
    #expect(partners.contains(["马鞍岭社区", "浙江梓洲物业服务有限公司"]))
    let town = graph("建德市乾潭镇召开农业大会。镇里正与浙江梓洲农业科技有限公司合作，建设一座育苗基地。")
    #expect(triples(town, .partner).map { Set($0.dropFirst()) }.contains(["乾潭镇", "浙江梓洲农业科技有限公司"]))
    // A level word inside a clause (为社区居民…) refers to nothing.
    let inside = graph("乾潭镇马鞍岭社区举办讲座，浙江梓洲物业服务有限公司为社区居民送去米油。")
    #expect(triples(inside, .partner).isEmpty)
}

@Test func aStreetsCommunitiesBeforeAHealthCentreAreNoVillage() {
    // 街道社区 is some village's name, but in 街道社区卫生服务中心 the words mean a street's community health centre.
    let g = graph("建德市新安江街道社区卫生服务中心与马鞍岭社区签约。街道社区卫生服务中心将派出家庭医生。")
    #expect(!g.entities.contains { $0.type == .place && $0.name == "街道社区" })
}

@Test func aSecondPartnerWordOfOnePredicateAddsNoPair() {
    let g = graph("浙江梓洲电器有限公司与施家村、建德梓洲五金有限公司与方家村分别签订村企结对协议。")
    let partners = triples(g, .partner).map { Set($0.dropFirst()) }
    #expect(partners.contains(["浙江梓洲电器有限公司", "施家村"]))
    #expect(partners.contains(["建德梓洲五金有限公司", "方家村"]))
    // 结对 inside 村企结对协议 is the same agreement, not a pact of the two villages.
    #expect(!partners.contains(["施家村", "方家村"]))
}

@Test func aBodysNameWithoutItsPlaceRefersToIt() {
    let g = graph("建德市乾潭镇乡贤联谊会去年成立。建德市梓洲果蔬专业合作社理事长王立说，合作社还和乡贤联谊会结成了帮扶对子。")
    #expect(triples(g, .partner).map { Set($0.dropFirst()) }.contains(["建德市梓洲果蔬专业合作社", "建德市乾潭镇乡贤联谊会"]))
}

@Test func aBodyNamedByItsLevelWordAndTypeWordBelongsToTheBodyOfThatPlace() {
    // 县中医院党委 after 建德市中医院: the county's hospital, named by its level word.
    let g = graph("建德市中医院开展义诊。市中医院党委书记、院长胡志平说，医院还将开设夜间门诊。")
    #expect(triples(g, .memberOf).contains { $0[1] == "市中医院党委" && $0[2] == "建德市中医院" })
    #expect(triples(g, .role).contains(["role", "胡志平", "建德市中医院"]))
}

@Test func aPartyCommitteeMembersChargeIsATitleInTheChain() {
    let g = graph("乾潭镇党委副书记、政法委员叶春明介绍，镇里将建设调解室。")
    #expect(triples(g, .role).contains(["role", "叶春明", "乾潭镇党委"]))
}

@Test func bodiesThatCooperateThenSetSomethingUpBothRunIt() {
    let g = graph("建德市人力资源和社会保障局与从江县人力资源和社会保障局合作，在乾潭镇设立“山海同行”劳务工作站。")
    let runners = Set(triples(g, .runs).filter { $0[2].hasPrefix("山海同行") }.map { $0[1] })
    #expect(runners == ["建德市人力资源和社会保障局", "从江县人力资源和社会保障局"])
    // The programme's own clause naming its runner keeps the partners out.
    let own = graph("建德市中医院与马鞍岭社区签订协议，由建德市中医院牵头打造的“健康小屋”同步启用。")
    #expect(!triples(own, .runs).contains { $0[1] == "马鞍岭社区" })
}

@Test func aSubUnitNamedByItsParentsTypeWordBelongsToTheLastBodyOfThatWord() {
    let g = graph("乾潭镇携手杭州梓洲职业学院建设实践基地。学院党委副书记林晓梅介绍，今年有60名学生参与。")
    #expect(triples(g, .memberOf).contains { $0[1] == "学院党委" && $0[2] == "杭州梓洲职业学院" })
}
