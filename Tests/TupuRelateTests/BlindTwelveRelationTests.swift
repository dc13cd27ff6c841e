import Testing
import TupuGraph

@testable import TupuRelate

// Relations that profiles, meeting reports and notices with tables state, from the misses of the
// blind set dev12. Places are real divisions of the gazetteer; every organisation, programme and
// person is invented.

@Test func aNoticesTableGivesEachRowItsRunnersAndPlaces() {
    let g = graph(
        """
        崇仁镇人民政府关于公布2026年度民生实事项目的通知

        序号  项目名称  牵头单位  责任单位  实施地点
        1  “富竹银龄食堂”扩面工程  崇仁镇社会事务服务中心  嵊州市颐安养老服务有限公司  富竹村、安江村
        2  “五龙潭护河行动”巡护项目  崇仁镇农业农村办公室  嵊州市青溪环保志愿服务队  崇仁镇五龙潭村

        联系人：镇党政办。
        """)
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "崇仁镇社会事务服务中心", "富竹银龄食堂"]))
    #expect(runs.contains(["runs", "嵊州市颐安养老服务有限公司", "富竹银龄食堂"]))
    #expect(runs.contains(["runs", "崇仁镇农业农村办公室", "五龙潭护河行动"]))
    #expect(runs.contains(["runs", "嵊州市青溪环保志愿服务队", "五龙潭护河行动"]))
    // Each row's bodies run its own programme only.
    #expect(!runs.contains(["runs", "嵊州市青溪环保志愿服务队", "富竹银龄食堂"]))
    let places = triples(g, .locatedIn)
    #expect(places.contains(["located_in", "富竹银龄食堂", "富竹村"]))
    #expect(places.contains(["located_in", "富竹银龄食堂", "安江村"]))
    // A chain of places is one value, its last.
    #expect(places.contains(["located_in", "五龙潭护河行动", "五龙潭村"]))
    #expect(!places.contains(["located_in", "五龙潭护河行动", "富竹村"]))
}

@Test func aProfilesPostAfter现任IsARoleInItsBody() {
    let g = graph(
        """
        “护河书记”的十年

        韩立新，1978年生，中共党员，现任嵊州市崇仁镇富竹村党委书记、村委会主任。
        """)
    #expect(triples(g, .role).contains(["role", "韩立新", "嵊州市崇仁镇富竹村党委"]))
}

@Test func everyNameListedAfterATitleHoldsIt() {
    let g = graph("出席会议的有：崇仁镇党委书记周若岚、斯立伟，以及各村书记。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "周若岚", "崇仁镇党委"]))
    #expect(roles.contains(["role", "斯立伟", "崇仁镇党委"]))
}

@Test func aDigestItemsHeadingIsNoSubjectOfItsSentence() {
    let g = graph("【崇仁镇】11月28日，崇仁镇青禾志愿服务队联合嵊州市晨光义工协会，在富竹村开展“反诈进村”宣传活动。")
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "崇仁镇青禾志愿服务队", "反诈进村"]))
    #expect(!runs.contains(["runs", "崇仁镇", "反诈进村"]))
}

@Test func whatASpeakerSaysHasItsOwnSubject() {
    let g = graph("崇仁镇党委书记周若岚表示，下一步，镇里将联合嵊州市越音传承中心，在富竹村开设“越音进村”周末剧场。")
    let runs = triples(g, .runs)
    #expect(!runs.contains(["runs", "崇仁镇党委", "越音进村"]))
    #expect(runs.contains(["runs", "崇仁镇", "越音进村"]))
    // A party the speaker's body joins is no subject of what is said.
    let joined = triples(graph("崇仁镇党委书记周若岚表示，将联合嵊州市越音传承中心推出“越音进村”周末剧场。"), .runs)
    #expect(!joined.contains { $0[1] == "崇仁镇" })
}
