import Testing
import TupuGraph

@testable import TupuRelate

// Who runs a programme, as county news says it after naming the programme (found by the blind
// second development set, Benchmarks/extraction/dev2). Places are real divisions of the gazetteer;
// the organisations and programmes are invented.

@Test func aClauseThatRefersBackByTypeWordNamesTheRunners() {
    let text = "在龙泉市安仁镇，“青瓷工坊”已经投产。这家工坊由安仁镇股份经济合作社与龙泉瓷韵文化有限公司合作建设。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "安仁镇股份经济合作社", "青瓷工坊"]))
    #expect(runs.contains(["runs", "龙泉瓷韵文化有限公司", "青瓷工坊"]))
    #expect(rules(graph(text), .runs).contains("runs.passive-reference"))
}

@Test func eachClauseWithItsOwnVerbAddsARunner() {
    let text = "“银铃守护”项目在妙高街道启动。该项目由遂昌县民政局主导，遂昌县青禾社会工作服务中心承办，妙高街道社工站具体实施。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "遂昌县民政局", "银铃守护"]))
    #expect(runs.contains(["runs", "遂昌县青禾社会工作服务中心", "银铃守护"]))
    #expect(runs.contains(["runs", "妙高街道社会工作站", "银铃守护"]))
}

@Test func aReferenceGoesToTheLastProgrammeOfItsType() {
    let text = "妙高街道推出“山茶课堂”，又建起“山茶驿站”。驿站由妙高街道党工委牵头，联合遂昌县中医院共同建设。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "妙高街道党工委", "山茶驿站"]))
    #expect(runs.contains(["runs", "遂昌县中医院", "山茶驿站"]))
    #expect(!runs.contains(["runs", "遂昌县中医院", "山茶课堂"]))
}

@Test func aBodyThatLeadsRunsWhatItsPartnersLaunch() {
    let text = "为扩大规模，安仁镇党委牵头，联合龙泉市妇联、龙泉市人社局打造“瓷乡巧娘”技能培训品牌。"
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "安仁镇党委", "瓷乡巧娘"]))
    #expect(runs.contains(["runs", "龙泉市妇联", "瓷乡巧娘"]))
    // 人社局 is the bureau's short type word: the body is named in full.
    #expect(runs.contains(["runs", "龙泉市人力资源和社会保障局", "瓷乡巧娘"]))
}

@Test func twoPlacesStayTheArticlesPairAcrossSentences() {
    let text = """
        龙泉市与四川省广安市武胜县签订东西部协作协议。龙泉瓷韵文化有限公司已在武胜县招工80人。\
        挂职干部介绍，两地还共同推出“川瓷好物”消费帮扶专区。
        """
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "龙泉市", "川瓷好物"]))
    #expect(runs.contains(["runs", "武胜县", "川瓷好物"]))
}

@Test func threePartiesRunWhatTheyLaunchTogether() {
    let text = """
        安仁镇党委、龙泉瓷韵文化有限公司党支部与龙泉市青瓷小学党支部签订党建联建协议。\
        根据协议，三方还将共同推出“青瓷少年”研学课堂。
        """
    let runs = triples(graph(text), .runs)
    #expect(runs.contains(["runs", "安仁镇党委", "青瓷少年"]))
    #expect(runs.contains(["runs", "龙泉瓷韵文化有限公司党支部", "青瓷少年"]))
    #expect(runs.contains(["runs", "龙泉市青瓷小学党支部", "青瓷少年"]))
}

@Test func companiesPairedRespectivelyPartnerOnlyTheirOwnVillage() {
    let text = "商会会员企业浙江青石阀门有限公司、龙泉瓷韵文化有限公司将分别与安仁镇的安福村、广田村结对。"
    let pairs = partnerPairs(graph(text))
    #expect(pairs.contains(["浙江青石阀门有限公司", "安福村"]))
    #expect(pairs.contains(["龙泉瓷韵文化有限公司", "广田村"]))
    #expect(!pairs.contains(["浙江青石阀门有限公司", "广田村"]))
    #expect(!pairs.contains(["龙泉瓷韵文化有限公司", "安福村"]))
}
