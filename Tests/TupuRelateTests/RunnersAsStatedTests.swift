import Testing
import TupuGraph

@testable import TupuRelate

// Who runs a programme, in the forms the ninth development set (Benchmarks/extraction/dev9) showed
// missing: bought services taken on by a social organisation, guiding bodies in a chain of
// organisers. Places are real divisions of the gazetteer; organisations and programmes are invented.

@Test func aSocialOrganisationThatTakesOnABoughtServiceRunsIt() {
    let text = "通过政府购买服务，“溪畔守望”助老服务项目由社会组织云和县晨光社会工作服务中心承接，在崇头村、梅源村设立服务点。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "云和县晨光社会工作服务中心", "溪畔守望"]))
}

@Test func aGuidingBodyRunsNothingButTheOrganisersAfterItDo() {
    let text = "“云章夜学堂”于本月启动。项目由云和县民政局指导，浮云街道办事处主办，云和县启航社会工作服务中心承办，云和县慈善总会协办。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "浮云街道办事处", "云章夜学堂"]))
    #expect(runs.contains(["runs", "云和县启航社会工作服务中心", "云章夜学堂"]))
    #expect(runs.contains(["runs", "云和县慈善总会", "云章夜学堂"]))
    #expect(!runs.contains(["runs", "云和县民政局", "云章夜学堂"]))
}

@Test func theBodyThatOperatesAProgrammeDayToDayRunsIt() {
    let text = "“梅源茶香”夜游项目由云和县山水文旅发展有限公司负责日常运营。“崇头书香”的日常运营由云和县博雅社会工作服务中心负责。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "云和县山水文旅发展有限公司", "梅源茶香"]))
    #expect(runs.contains(["runs", "云和县博雅社会工作服务中心", "崇头书香"]))
}

@Test func aQuoteAfterWhatSomeoneFoundedIsTheirProgramme() {
    let text = "云和县浮云街道老年协会发起的“溪口茶话会”常驻溪口村。退休教师刘建华创办的“青阳门书屋”已有藏书5000册。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "云和县浮云街道老年协会", "溪口茶话会"]))
}

@Test func aQuoteOpenedOnAClinicOrRunByABodyIsAProgramme() {
    let text = "“云端问药”依托云和县崇头镇卫生院开设，老人在村里就能问诊。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "云和县崇头镇卫生院", "云端问药"]))
}

@Test func everyOrganiserOfAChainBeforeTheProgrammeRunsIt() {
    let text = "由崇头镇商会主办、云和县梯田文旅发展有限公司承办的“梯田夜话”乡村夜市每周六开市。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "崇头镇商会", "梯田夜话"]))
    #expect(runs.contains(["runs", "云和县梯田文旅发展有限公司", "梯田夜话"]))
}

@Test func aQuoteThatQualifiesTheNextWordIsAMannerNotAProgramme() {
    let g = graph("浮云街道为创业青年打造的“贴心管家”式创业指导很受欢迎。")
    #expect(!g.entities.contains { $0.type == .programme && $0.name == "贴心管家" })
}

@Test func theMakerBeforeAProgrammeRunsItWithItsOperator() {
    let text = "村里打造的“紧水滩夜游”项目由云和县碧水文旅发展有限公司负责日常运营。"
    let g = graph("紧水滩镇龙门村荷塘有300亩。" + text)
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "云和县碧水文旅发展有限公司", "紧水滩夜游"]))
    #expect(runs.contains(["runs", "龙门村", "紧水滩夜游"]))
}

@Test func aBodyAfterZaiIsWhereTheActorActs() {
    let text = "浮云街道团委在浮云街道新时代文明实践所开设“周末书法课”。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "浮云街道团委", "周末书法课"]))
    #expect(!runs.contains(["runs", "浮云街道新时代文明实践所", "周末书法课"]))
}

@Test func spreadingAProgrammesModelRunsNothing() {
    let text = "下一步，崇头镇党委将联合云和县委统战部，在梅源村、大湾村推广“梯田书屋”模式。"
    let runs = triples(graph(text), .runs)
    #expect(!runs.contains { $0[2] == "梯田书屋" })
}

@Test func theUnitInBracketsAfterAListedProjectRunsIt() {
    let text = """
        一、优秀志愿服务项目
        1.“茶乡夜读”亲子阅读项目（浮云街道中山社区）
        2.“山哈巧手”技能帮扶项目（云和县妇女联合会）
        """
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "中山社区", "茶乡夜读"]))
    #expect(runs.contains(["runs", "云和县妇女联合会", "山哈巧手"]))
}

@Test func organisersGivenAsFieldsRunTheEvent() {
    let text = "“梅源梯田开犁节”在梅源村开幕。开犁节的指导单位为云和县人民政府，主办单位为崇头镇人民政府，承办单位为云和县梯田文旅发展有限公司。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "崇头镇人民政府", "梅源梯田开犁节"]))
    #expect(runs.contains(["runs", "云和县梯田文旅发展有限公司", "梅源梯田开犁节"]))
    #expect(!runs.contains(["runs", "云和县人民政府", "梅源梯田开犁节"]))
}

@Test func theOperatorNamedByAPredicateRunsTheFacility() {
    let text = "崇头镇走访了“山居邻里汇”社区服务综合体。该综合体由崇头村股份经济合作社投资建设，云和县和美社会工作服务中心是综合体的运营方。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "崇头村股份经济合作社", "山居邻里汇"]))
    #expect(runs.contains(["runs", "云和县和美社会工作服务中心", "山居邻里汇"]))
    #expect(rules(graph(text), .runs).contains("runs.operator"))
}

@Test func aVillageActsThroughItsCollectiveAndAnOperatorTakesOver() {
    let text = "浮云街道的“溪口便民驿站”已经建成。驿站由溪口村村集体出资建设，交给云和县青山物业管理有限公司管理。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "溪口村", "溪口便民驿站"]))
    #expect(runs.contains(["runs", "云和县青山物业管理有限公司", "溪口便民驿站"]))
}

@Test func aStreetThatPaysForAFacilityRunsIt() {
    let text = "在局村，老礼堂改造成了“山茶记忆馆”。记忆馆由浮云街道投资建设，交给局村股份经济合作社管理。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "浮云街道", "山茶记忆馆"]))
    #expect(runs.contains(["runs", "局村股份经济合作社", "山茶记忆馆"]))
}

@Test func aLaterClauseAboutAnotherFacilityDoesNotRunTheBrandBeforeIt() {
    let text = "作为崇头镇党委梯田共富党建品牌的新项目，直播间由崇头镇党委联合云和县梯田文旅发展有限公司打造。"
    let runs = triples(graph("崇头村的“梯田好物”直播间开播了。崇头镇党委推出“梯田共富”党建品牌。" + text), .runs)
    #expect(!runs.contains(["runs", "云和县梯田文旅发展有限公司", "梯田共富"]))
}

@Test func aPersonWhoFoundsAProgrammeRunsIt() {
    let text = "每到周末，云章村的老宅里都坐满了孩子。这里是乡贤叶文海创办的“云章书院”。"
    let g = graph(text)
    #expect(g.entities.contains { $0.type == .person && $0.name == "叶文海" })
    #expect(triples(g, .runs).contains(["runs", "叶文海", "云章书院"]))
    #expect(!triples(g, .role).contains { $0[1] == "叶文海" })
}

@Test func aNameEndsBeforeYiBian() {
    let g = graph("在崇头镇的直播间里，主播林晓雯一边试吃一边介绍梯田米。")
    #expect(g.entities.contains { $0.type == .person && $0.name == "林晓雯" })
    #expect(!g.entities.contains { $0.type == .person && $0.name.hasPrefix("林晓雯一") })
}

@Test func aYearsFestivalIsAnEventItsOrganisersRun() {
    let text = """
        2025云和·崇头梯田开犁节在梅源村开幕。本届开犁节的指导单位为云和县人民政府，主办单位为崇头镇人民政府，\
        承办单位为云和县梯田文旅发展有限公司。
        """
    let g = graph(text)
    #expect(g.entities.contains { $0.type == .programme && $0.name == "2025云和·崇头梯田开犁节" })
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "崇头镇人民政府", "2025云和·崇头梯田开犁节"]))
    #expect(runs.contains(["runs", "云和县梯田文旅发展有限公司", "2025云和·崇头梯田开犁节"]))
    #expect(!g.entities.contains { $0.type == .programme && $0.name.hasPrefix("2025年") })
}
