import Testing
import TupuGraph

@testable import TupuRelate

// Forms the thirteenth development set (Benchmarks/extraction/dev13) showed missing: a programme
// handed over to a new runner in a later clause, and a person's two posts joined by 兼. Places are
// real divisions of the gazetteer; organisations, programmes and people are invented.

@Test func aBodyThatTakesAProgrammeOverRunsItBesideTheOneThatRanItBefore() {
    let text = "原先由山下鲍村村委会组织的“溪滩清流”巡查项目，今年起交由武义县赤松救援队接手，队员每周巡查两次。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "山下鲍村村委会", "溪滩清流"]))
    #expect(runs.contains(["runs", "武义县赤松救援队", "溪滩清流"]))
}

@Test func aProgrammeMovedOverToAnotherBodyIsRunByIt() {
    let text = "今年起，原由大溪口乡团委运营的“暑期护苗”项目，整体移交给武义县青松社会工作服务中心承接。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "武义县青松社会工作服务中心", "暑期护苗"]))
    #expect(runs.contains(["runs", "大溪口乡团委", "暑期护苗"]))
}

@Test func aHandOverWithoutARunningVerbRunsNothing() {
    let text = "“溪滩清流”项目已经结束，场地交给武义县赤松救援队。"
    let runs = triples(graph(text), .runs)
    #expect(!runs.contains(["runs", "武义县赤松救援队", "溪滩清流"]))
}

@Test func twoPostsJoinedByJianGiveTheFirstBodyItsRoleAndNoBodySwallowsTheTitle() {
    let text = "山下鲍村党支部书记兼村委会主任汪立新说，村里今年新开了5家民宿。"
    let g = graph(text)
    #expect(triples(g, .role).contains(["role", "汪立新", "山下鲍村党支部"]))
    #expect(!g.entities.contains { $0.name.contains("书记兼") })
}

@Test func aPersonNameEndsBeforeJianRen() {
    let text = "大溪口乡商会党支部同步成立，由大溪口乡党委委员吴振国兼任党支部书记。"
    let g = graph(text)
    #expect(g.entities.contains { $0.type == .person && $0.name == "吴振国" })
    #expect(triples(g, .role).contains(["role", "吴振国", "大溪口乡党委"]))
}

@Test func anEditionReferredToAsBenJieIsRunByTheBodiesAfterYou() {
    let text = "桃溪镇第三届竹编技能大赛决赛昨天举行。本届大赛由武义县人力资源和社会保障局主办，武义县青创社会工作服务中心承办。"
    // Whichever form the event is named by, the bodies after 本届大赛由 run it.
    let runs = triples(graph(text), .runs).filter { $0[2].hasSuffix("竹编技能大赛") }
    #expect(runs.contains { $0[1] == "武义县人力资源和社会保障局" })
    #expect(runs.contains { $0[1] == "武义县青创社会工作服务中心" })
}
