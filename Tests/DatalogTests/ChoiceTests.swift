import Testing

@testable import Datalog

@Test func aChoiceDomainKeepsOneTuplePerValueOfEachDomain() throws {
    let result = try answers(
        """
        .decl 候选(人: symbol, 岗位: symbol)
        候选("小周", "会计"). 候选("小周", "出纳"). 候选("小吴", "会计"). 候选("小吴", "出纳"). 候选("小郑", "会计").
        .decl 分配(人: symbol, 岗位: symbol) choice-domain 人, 岗位
        分配(p, j) :- 候选(p, j).
        ?- 分配(p, j).
        """)
    let pairs = result[0].map { $0.split(separator: ",").map(String.init) }
    // Each person gets one post and each post one person; two of the three are placed.
    #expect(pairs.count == 2)
    #expect(Set(pairs.map { $0[0] }).count == pairs.count)
    #expect(Set(pairs.map { $0[1] }).count == pairs.count)
}

@Test func aChoiceDomainOfSeveralColumnsKeysOnThemTogether() throws {
    let result = try answers(
        """
        .decl 成绩(学生: symbol, 年级: number, 班: symbol, 分: number)
        成绩("小陈", 1, "甲", 90). 成绩("小林", 1, "甲", 90). 成绩("小何", 1, "乙", 85). 成绩("小许", 2, "甲", 88).
        .decl 代表(学生: symbol, 年级: number, 班: symbol) choice-domain (年级, 班)
        代表(s, g, c) :- 成绩(s, g, c, _).
        .decl 班级(年级: number, 班: symbol)
        班级(g, c) :- 代表(_, g, c).
        ?- 班级(g, c).
        ?- 代表(s, 1, "甲").
        """)
    #expect(result[0] == ["1,乙", "1,甲", "2,甲"])
    #expect(result[1].count == 1)
}

@Test func aChoiceIsMadeAgainWhenTheProgramIsEvaluatedAgain() throws {
    let engine = Engine()
    try engine.load(
        Program.parse(
            """
            .decl 报名(人: symbol)
            .decl 入选(人: symbol, 名额: number) choice-domain 名额
            入选(p, 1) :- 报名(p).
            """))
    try engine.insert(relation: "报名", tuples: [[.symbol("小冯")]])
    #expect(try engine.query("入选(p, n)").rows.count == 1)
    try engine.insert(relation: "报名", tuples: [[.symbol("小蒋")]])
    #expect(try engine.query("入选(p, n)").rows.count == 1)
}

@Test func aChoiceDomainNamingAnUnknownColumnIsReportedThere() throws {
    let unknownColumn = failure(".decl 分配(人: symbol, 岗位: symbol) choice-domain 部门")
    #expect(unknownColumn?.message == "choice-domain names '部门', which is not a column")
    #expect(unknownColumn?.column == 47)
}
