import Testing

@testable import Datalog

/// Runs a whole program as `tupu run` does, its `inline` relations substituted into their callers.
private func inlinedAnswers(_ source: String, maxTuples: Int = .max) throws -> [[String]] {
    var options = Engine.Options()
    options.maxTuples = maxTuples
    let engine = Engine(options: options)
    let program = try Program.parse(source, file: "test.dl").inliningRelations()
    try engine.load(program)
    return try program.queries.map { q in
        try engine.answer(q).rows.map { $0.map(\.text).joined(separator: ",") }
    }
}

@Test func anInlineRelationIsSubstitutedAndNeverMaterialised() throws {
    let program = """
        .decl 站(x: number)
        站(0).
        站(x + 1) :- 站(x), x < 999.
        .decl 站对(x: number, y: number) inline
        站对(x, y) :- 站(x), 站(y).
        .decl 环线(x: number)
        环线(x) :- 站对(x, x), x < 2.
        ?- 环线(x).
        """
    // A million pairs would pass the limit; substituted, only the thousand stations are stored.
    #expect(try inlinedAnswers(program, maxTuples: 5_000) == [["0", "1"]])
    #expect(throws: DatalogError.self) { try answers(program, options: Engine.Options(maxTuples: 5_000)) }
}

@Test func anInlineRuleSafeOnlyOnceSubstitutedRuns() throws {
    // `距(a, b, d)` binds d from a and b, which only the caller binds.
    let result = try inlinedAnswers(
        """
        .decl 里程(x: number)
        里程(3). 里程(10).
        .decl 距(a: number, b: number, d: number) inline
        距(a, b, d) :- d = b - a.
        距(a, b, d) :- d = a - b.
        .decl 段(a: number, b: number, d: number)
        段(a, b, d) :- 里程(a), 里程(b), a < b, 距(a, b, d), d > 0.
        ?- 段(a, b, d).
        """)
    #expect(result == [["3,10,7"]])
}

@Test func anInlineRelationUsedInANegationStaysAnOrdinaryRelation() throws {
    let result = try inlinedAnswers(
        """
        .decl 县(x: number)
        县(1). 县(2). 县(3).
        .decl 大(x: number) inline
        大(x) :- 县(x), x > 1.
        小(x) :- 县(x), !大(x).
        两个(x, y) :- 大(x), 大(y), x < y.
        ?- 小(x).
        ?- 两个(x, y).
        """)
    #expect(result == [["1"], ["2,3"]])
}

@Test func anInlineRelationWithAFloatColumnStaysAnOrdinaryRelation() throws {
    // `价(1)` finds the stored 1.0 through the column's type, which substitution would lose.
    let result = try inlinedAnswers(
        """
        .decl 价(x: float) inline
        价(1.0). 价(2.5).
        有一(n) :- 价(1), n = 1.
        ?- 有一(n).
        """)
    #expect(result == [["1"]])
}
