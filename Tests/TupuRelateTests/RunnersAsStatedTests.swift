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
