import Testing

@testable import Datalog

@Test func subsumptionKeepsTheShortestDistanceAndEndsOnACycle() throws {
    let result = try answers(
        """
        .decl 路(甲: symbol, 乙: symbol, 里程: number)
        路("杭州", "绍兴", 60). 路("绍兴", "宁波", 100). 路("杭州", "宁波", 180). 路("宁波", "宁波", 5).
        .decl 最短(甲: symbol, 乙: symbol, 里程: number)
        最短(a, b, c) :- 路(a, b, c).
        最短(a, c, d1 + d2) :- 最短(a, b, d1), 路(b, c, d2).
        最短(a, b, c1) <= 最短(a, b, c2) :- c2 <= c1.
        ?- 最短("杭州", b, c).
        ?- 最短("宁波", b, c).
        """)
    #expect(result == [["宁波,160", "绍兴,60"], ["宁波,5"]])
}

@Test func subsumedBaseFactsComeBackWhenTheProgramIsEvaluatedAgain() throws {
    let engine = Engine()
    try engine.load(
        Program.parse(
            """
            .decl 备选(x: number)
            .decl 保留(x: number)
            备选(1). 备选(2). 保留(1).
            备选(x) <= 备选(y) :- !保留(x).
            """))
    #expect(try engine.query("备选(x)").rows.map { $0.map(\.text) } == [["1"]])
    try engine.insert(relation: "保留", tuples: [[.number(2)]])
    #expect(try engine.query("备选(x)").rows.map { $0.map(\.text) } == [["1"], ["2"]])
}

@Test func subsumptionMistakesAreReportedWhereTheyAreWritten() throws {
    let other = failure(".decl 价(x: number)\n.decl 费(x: number)\n价(x) <= 费(y) :- x > y.")
    #expect(other?.message == "both sides of '<=' must be the same relation with the same number of arguments")
    #expect(other?.line == 3)
    #expect(other?.column == 9)
    let anonymous = failure(".decl 价(x: number, y: number)\n价(x, _) <= 价(y, _) :- x > y.")
    #expect(anonymous?.message == "'_' in a subsumption")
    #expect(anonymous?.column == 6)
}
