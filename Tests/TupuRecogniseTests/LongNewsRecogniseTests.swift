import Testing
import TupuText

@testable import TupuRecognise

// Failure families found by the long blind set (Benchmarks/extraction/dev14): full-length county
// reports with slogans, honours and people quoted by their trade. Places are real divisions of the
// gazetteer; every organisation, programme and person is invented.

@Test func anAreasJointPartyCommitteeIsOneBody() {
    // 联合 stops a name on its left, so the committee's type word must be read whole.
    let found = names("遂昌县石练镇茶叶片区联合党委由石练镇党委牵头组建。", .org)
    #expect(found.contains { $0.hasSuffix("茶叶片区联合党委") })
    #expect(!found.contains("党委"))
    // A kind of them is no name (各类片区联合党委: a bare reference at most).
    let kinds = names("全县已组建各类片区联合党委12个。", .org)
    #expect(!kinds.contains { $0.hasPrefix("类") })
}

@Test func aTownsFarmOfficeABureauAndClinicsAreBodies() {
    let text = "遂昌县农业农村局党组成员、副局长林国伟，石练镇农业农村办主任周海，遂昌县发展改革局相关负责人到石练村卫生室调研。"
    let found = names(text, .org)
    // 党组成员 is a post in the bureau (one body, as 党组书记).
    #expect(found.contains("遂昌县农业农村局"))
    #expect(found.contains("石练镇农业农村办"))
    #expect(found.contains("遂昌县发展改革局"))
    #expect(found.contains("石练村卫生室"))
}

@Test func socialOrganisationCentresAreBodies() {
    let text = "尚湖镇社会组织服务中心委托磐安县启航社会组织发展中心运营。"
    let found = names(text, .org)
    #expect(found.contains("尚湖镇社会组织服务中心"))
    #expect(found.contains("磐安县启航社会组织发展中心"))
}

@Test func peopleQuotedByTheirTradeAreFound() {
    let text = "梅农陈德根种了20亩杨梅。副教授林晓认为项目规范。社工师徐静介绍了情况。"
    let found = names(text, .person)
    for person in ["陈德根", "林晓", "徐静"] { #expect(found.contains(person)) }
    // 认为 ends the name: the verb's first character is no given name.
    #expect(!found.contains("林晓认"))
}

@Test func aQuoteThatFramesAGoalADemandOrAWayOfWorkingIsNoProgramme() {
    let text =
        "南田镇围绕打造“茶香第一镇”的目标，深入落实“清风南田”建设要求，推行“组团共建”发展模式，"
        + "与县医院建立“院院对接”帮扶关系，在“山海携手”工程框架下推进合作。"
    #expect(names(text, .programme).isEmpty)
}

@Test func aQuoteAfterNamingPilotingOrARegionalBrandIsAProgramme() {
    let text = "石练村把闲置用房改成驿站，取名“石练茶香驿”。镇里还将试点“周末书香营”，并注册“石练好茶”区域公用品牌。"
    let found = names(text, .programme)
    for programme in ["石练茶香驿", "周末书香营", "石练好茶"] { #expect(found.contains(programme)) }
}

@Test func anEditionNumberMakesAnEventNamedWithoutQuotes() {
    let found = names("3月1日，第五届南田·刘基文化节在南田镇开幕。", .programme)
    #expect(found.contains("南田·刘基文化节"))
    // A congress's session is no event.
    #expect(names("文成县第十八届人民代表大会第三次会议召开。", .programme).isEmpty)
}

@Test func aCountOrAnAdverbBeforeATypeWordIsNoPartOfAName() {
    #expect(!names("两镇曾合作建设一处农产品加工厂。", .org).contains { $0.hasPrefix("建设") })
    #expect(!names("善款全部注入慈善分会。", .org).contains { $0.hasPrefix("全部") })
    #expect(!names("力争片区产值突破1亿元，共同见证片区揭牌。", .place).contains { $0.hasSuffix("片区") })
}
