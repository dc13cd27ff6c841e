import Testing
import TupuGraph

@testable import TupuRelate

// Bodies named by a level word and a body word (镇人大, 县委, 县委常委、宣传部部长), departments named
// bare before a title, names that hold 家 or 和, and a town of another province named again bare.
// The articles are invented; the places are real divisions of the gazetteer, the rest made up.

// MARK: bodies named by their level

@Test func aTownsPeoplesCongressNamedByItsLevelHoldsItsChairsRole() {
    let g = graph("安吉县孝丰镇举办竹产业推介会。孝丰镇党委书记、镇人大主席张明远致辞。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "张明远", "孝丰镇党委"]))
    #expect(roles.contains(["role", "张明远", "孝丰镇人大"]))
    #expect(triples(g, .locatedIn).contains(["located_in", "孝丰镇人大", "孝丰镇"]))
}

@Test func aStreetsCongressWorkingCommitteeIsABodyOfTheStreet() {
    let g = graph("安吉县递铺街道启动老旧小区改造。街道党工委书记、街道人大工委主任陈海峰到现场察看。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "陈海峰", "递铺街道党工委"]))
    #expect(roles.contains(["role", "陈海峰", "递铺街道人大工委"]))
}

@Test func aDeputyToTheCongressIsNoBody() {
    let g = graph("安吉县孝丰镇人大代表沈秋云走访了十户农家。")
    #expect(!g.entities.contains { $0.type == .org && $0.name.hasSuffix("人大") })
}

@Test func aCountyCommitteeMembersDepartmentIsTheCommittees() {
    let g = graph("安吉县召开乡村振兴推进会。县委常委、宣传部部长王立新出席会议。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "王立新", "安吉县委"]))
    #expect(roles.contains(["role", "王立新", "安吉县委宣传部"]))
    #expect(triples(g, .memberOf).contains(["member_of", "安吉县委宣传部", "安吉县委"]))
    // Where the department is, its committee's located_in says.
    #expect(triples(g, .locatedIn).contains(["located_in", "安吉县委", "安吉县"]))
    #expect(!triples(g, .locatedIn).contains { $0[1] == "安吉县委宣传部" })
}

@Test func aCommitteeWrittenWithItsPlaceHoldsTheChainToo() {
    let g = graph("德清县委常委、组织部部长许明达为联盟授牌。")
    let roles = triples(g, .role)
    #expect(roles.contains(["role", "许明达", "德清县委"]))
    #expect(roles.contains(["role", "许明达", "德清县委组织部"]))
}

@Test func aCommitteeByItsLevelWithinAWordIsNone() {
    // 社区委员会: 区委 inside a word names no committee.
    let g = graph("安吉县递铺街道阳光社区委员会换届。")
    #expect(!g.entities.contains { $0.type == .org && $0.name.hasSuffix("区委") })
}

@Test func aDepartmentByItsLevelIsTheOneTheArticleNamesInFull() {
    let text = "中共湖州市吴兴区委组织部发出通知。区委组织部、区民政局将联合开展评选。"
    let g = graph(text)
    let departments = g.entities.filter { $0.type == .org && $0.name.hasSuffix("组织部") }
    #expect(departments.map(\.name) == ["中共湖州市吴兴区委组织部"])
}
