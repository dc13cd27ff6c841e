import Foundation
import Testing

@Test func runWithShowPlanPrintsThePlansAndDerivesNothing() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let program = """
        .decl 相邻(a: symbol, b: symbol)
        .decl 可达(a: symbol, b: symbol)
        相邻("临安", "余杭").
        可达(x, y) :- 相邻(x, y).
        可达(x, z) :- 可达(x, y), 相邻(y, z).
        .output 可达
        ?- 可达("临安", 去处).
        """
    try program.write(toFile: folder + "/路.dl", atomically: true, encoding: .utf8)
    let result = try TupuProcess.run(["run", "路.dl", "--show-plan"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("STRATUM 1: 可达 (recursive)\n"))
    #expect(result.stdout.contains("      FOR t1 IN 相邻 ON INDEX t1.0 = y BIND z = t1.1\n        INSERT (x, z) INTO 可达\n"))
    #expect(result.stdout.contains("QUERY\n?- 可达(\"临安\", 去处)."))
    #expect(result.stdout.contains("  FOR t0 IN 可达 ON INDEX t0.0 = \"临安\" BIND 去处 = t0.1\n    ANSWER (去处)\n"))
    // Nothing ran: no relation or answer was printed.
    #expect(!result.stdout.contains("余杭\n"))
}

@Test func replPlanShowsAGoalsPlanAndAloneEveryRule() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    let input = "近(X, P) :- runs(X, P).\n:plan 近(X, \"银发食堂\")\n:plan\n"
    let result = try TupuProcess.run(["repl"], in: folder, input: input)
    #expect(result.status == 0, "\(result.stderr)")
    // The name in the goal became the entity's id before planning.
    #expect(result.stdout.contains("?- 近(X, \"银发食堂\").   # <plan>:1\n  FOR t0 IN 近 ON INDEX t0.1 = \"programme:银发食堂\" BIND X = t0.0\n    ANSWER (X)\n"))
    #expect(result.stdout.contains("INSERT (X, P) INTO 近"))
    #expect(result.stdout.contains("STRATUM 1: "))
    let unknown = try TupuProcess.run(["repl"], in: folder, input: ":plan 远(X)\n")
    #expect(unknown.status == 1)
    #expect(unknown.stderr.contains("unknown relation '远'"))
}
