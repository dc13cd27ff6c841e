import Foundation
import Testing

// Warnings on the command line: `tupu run` and the REPL's `:load` print them on standard error,
// in the errors' format, and exit as they would without them; `--no-warnings` (-w) silences them.

private let warnedProgram = """
    .decl 数(n: number)
    .decl 空(n: number)
    数(1). 数(2).
    有数(n) :- 数(n), 数(m).
    .output 有数
    """

@Test func runPrintsWarningsOnStandardErrorAndStillExitsZero() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try warnedProgram.write(toFile: folder + "/警.dl", atomically: true, encoding: .utf8)
    let result = try TupuProcess.run(["run", "警.dl", "--format", "tsv"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == "c1\n1\n2\n")
    #expect(result.stderr.hasPrefix("警.dl:2:7: warning: no rule, fact or .input defines relation '空': it is empty\n.decl 空(n: number)\n"))
    #expect(result.stderr.contains("警.dl:4:18: warning: variable 'm' occurs only once in this rule\n有数(n) :- 数(n), 数(m).\n"))
    for flag in ["-w", "--no-warnings"] {
        let quiet = try TupuProcess.run(["run", "警.dl", "--format", "tsv", flag], in: folder)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout == "c1\n1\n2\n", "\(flag): \(quiet.stderr)")
    }
}

@Test func runWrapsOverflowingArithmeticWithOneWarning() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // Factorials outgrow 62 bits at 20!: they wrap, as Soufflé's numbers do in its own width.
    let program = """
        .decl 阶乘(n: number, f: number)
        阶乘(0, 1).
        阶乘(n + 1, f * (n + 1)) :- 阶乘(n, f), n < 25.
        .output 阶乘
        """
    try program.write(toFile: folder + "/阶乘.dl", atomically: true, encoding: .utf8)
    let result = try TupuProcess.run(["run", "阶乘.dl", "--format", "tsv"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("19\t121645100408832000\n"))
    #expect(result.stdout.contains("20\t\(2_432_902_008_176_640_000 - (1 << 62))\n"))
    let warnings = result.stderr.components(separatedBy: "\n").filter { $0.contains("warning:") }
    #expect(warnings.count == 1, "\(result.stderr)")
    #expect(warnings.first?.hasPrefix("阶乘.dl:3:13: warning: integer overflow: 121645100408832000 * 20 does not fit in 62 bits") == true)
    #expect(warnings.first?.hasSuffix("wrapped around (6 times in all)") == true)
    // `tupu query` keeps stopping at the operator.
    try SampleGraphFile.write(in: folder)
    try (program + "\n?- 阶乘(25, f).").write(toFile: folder + "/问.dl", atomically: true, encoding: .utf8)
    let query = try TupuProcess.run(["query", "问.dl"], in: folder)
    #expect(query.status == 1 && query.stderr.contains("问.dl:3:13: error: integer overflow: 121645100408832000 * 20 does not fit in 62 bits"))
}

@Test func replLoadPrintsTheFilesWarnings() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    try warnedProgram.write(toFile: folder + "/警.dl", atomically: true, encoding: .utf8)
    let loaded = try TupuProcess.run(["repl"], in: folder, input: ":load 警.dl\n?- 有数(n).\n")
    #expect(loaded.status == 0, "\(loaded.stderr)")
    #expect(loaded.stdout == "n\n1\n2\n")
    #expect(loaded.stderr.contains("警.dl:2:7: warning: no rule, fact or .input defines relation '空'"))
    #expect(loaded.stderr.contains("警.dl:4:18: warning: variable 'm' occurs only once in this rule"))
    // Typed statements are not warned about, and -w silences `:load`.
    #expect(try TupuProcess.run(["repl"], in: folder, input: "数(1).\n有(x) :- 数(x), 数(y).\n").stderr.isEmpty)
    #expect(try TupuProcess.run(["repl", "-w"], in: folder, input: ":load 警.dl\n").stderr.isEmpty)
}
