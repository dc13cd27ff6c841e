import Foundation
import Testing

// What `run`, `query`, `explain` and the REPL do with hostile Datalog: exit 1 with a positioned
// message, never a signal, never a file outside the folders they were given.

private func graphFolder() throws -> String {
    let folder = try TupuProcess.temporaryFolder()
    try SampleGraphFile.write(in: folder)
    return folder
}

@Test func deepNestingAndLongChainsExitOneThroughEveryCommand() throws {
    let folder = try graphFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let parentheses = String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
    let chain = Array(repeating: "1", count: 50_000).joined(separator: "+")
    for expression in [parentheses, chain] {
        let goal = "?- runs(X, _), N = \(expression)."
        try goal.write(toFile: folder + "/深.dl", atomically: true, encoding: .utf8)
        for arguments in [["run", "深.dl"], ["query", "-e", goal], ["explain", goal], ["query", "深.dl"]] {
            let result = try TupuProcess.run(arguments, in: folder)
            #expect(result.status == 1, "\(arguments[0]): \(result.stderr.prefix(200))")
            #expect(result.stderr.contains(":1:"), "\(arguments[0]): \(result.stderr.prefix(200))")
            #expect(result.stderr.contains("nested too deeply") || result.stderr.contains("expression too deep"))
        }
        let repl = try TupuProcess.run(["repl"], in: folder, input: ":load 深.dl\n")
        #expect(repl.status == 1 && repl.stderr.hasPrefix("深.dl:1:"), "\(repl.stderr.prefix(200))")
    }
}

@Test func aCrossProductQueryStopsAtTheAnswerLimitNamedByItsOwnOption() throws {
    let folder = try graphFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let cross = "?- entity(X, _, _), entity(Y, _, _), entity(Z, _, _)."
    let query = try TupuProcess.run(["query", "-e", cross, "--max-answers", "20"], in: folder)
    #expect(query.status == 1)
    #expect(query.stderr.contains("the query has more than 20 answers (maxAnswers)"))
    #expect(query.stderr.contains("--max-answers N"))
    #expect(try TupuProcess.run(["query", "-e", cross, "--max-answers", "27"], in: folder).status == 0)
    // Runaway rules in `query` name its real options; the REPL names `:limits`, which it has.
    let runaway = "计数(0).\n计数(n + 1) :- 计数(n).\n?- 计数(X)."
    let limited = try TupuProcess.run(["query", "-", "--max-iterations", "50"], in: folder, input: runaway)
    #expect(limited.status == 1 && limited.stderr.contains("or raise the limit with --max-iterations N"))
    let repl = try TupuProcess.run(["repl"], in: folder, input: ":limits iterations 50\n:limits\n" + runaway + "\n")
    #expect(repl.status == 1)
    #expect(repl.stdout.contains("iterations    50"))
    #expect(repl.stderr.contains("evaluation stopped after 50 iterations") && repl.stderr.contains(":limits iterations N"))
    #expect(!repl.stderr.contains("--max"))
}

@Test func runKeepsProgramPathsInsideItsFolders() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try FileManager.default.createDirectory(atPath: folder + "/facts", withIntermediateDirectories: true)
    try "杭州\n".write(toFile: folder + "/facts/城市.facts", atomically: true, encoding: .utf8)
    let escape = ".decl 城市(名: symbol)\n.input 城市\n.output 城市(filename=\"../ESCAPED.csv\")\n"
    try escape.write(toFile: folder + "/逃.dl", atomically: true, encoding: .utf8)
    let refused = try TupuProcess.run(["run", "逃.dl", "-F", "facts", "-D", "out"], in: folder)
    #expect(refused.status == 1)
    #expect(refused.stderr.hasPrefix("逃.dl:3:9: error: .output 城市: the file \"../ESCAPED.csv\" is outside the output directory out (-D)"))
    #expect(!FileManager.default.fileExists(atPath: folder + "/ESCAPED.csv"))
    try ".decl 密(行: symbol)\n.input 密(filename=\"/etc/passwd\")\n.output 密\n".write(toFile: folder + "/读.dl", atomically: true, encoding: .utf8)
    let read = try TupuProcess.run(["run", "读.dl", "-F", "facts"], in: folder)
    #expect(read.status == 1 && read.stdout.isEmpty)
    #expect(read.stderr.hasPrefix("读.dl:2:8: error: .input 密: the file \"/etc/passwd\" is outside the facts directory facts (-F)"))
    let allowed = try TupuProcess.run(["run", "逃.dl", "-F", "facts", "-D", "out", "--allow-paths"], in: folder)
    #expect(allowed.status == 0, "\(allowed.stderr)")
    #expect(try String(contentsOfFile: folder + "/ESCAPED.csv", encoding: .utf8) == "杭州\n")
}

@Test func queryJSONIsOneDocumentOverSeveralQueriesAndSnippets() throws {
    let folder = try graphFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try TupuProcess.run(
        [
            "query", "-e", "?- runs(X, Y). ?- entity(X, \"place\", _).", "-e", "?- entity(X, \"org\", _).",
            "--format", "json"
        ], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[[String: Any]]]
    #expect(document?.count == 3)
    #expect(document?[1].first?["X"] as? String == "青溪街道")
    #expect(document?[2].first?["X"] as? String == "海塘市第三医院")
}

@Test func programFilesMustBeUTF8AndMayStartWithAByteOrderMark() throws {
    let folder = try graphFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    var gbk = Data("?- runs(X, _).\n?- entity(X, \"".utf8)
    gbk.append(contentsOf: [0xC7, 0xE0, 0xCF, 0xAA])  // 青溪 in GBK
    gbk.append(Data("\", _).\n".utf8))
    try gbk.write(to: URL(fileURLWithPath: folder + "/旧.dl"))
    for arguments in [["query", "旧.dl"], ["run", "旧.dl"]] {
        let result = try TupuProcess.run(arguments, in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("旧.dl:2:15: error: invalid UTF-8 (byte 0xC7"), "\(result.stderr)")
    }
    let repl = try TupuProcess.run(["repl"], in: folder, input: ":load 旧.dl\n")
    #expect(repl.status == 1 && repl.stderr.hasPrefix("旧.dl:2:15: error: invalid UTF-8"))
    try (Data([0xEF, 0xBB, 0xBF]) + Data("?- runs(X, \"银发食堂\").\n".utf8)).write(to: URL(fileURLWithPath: folder + "/标.dl"))
    let bom = try TupuProcess.run(["query", "标.dl"], in: folder)
    #expect(bom.status == 0, "\(bom.stderr)")
    #expect(bom.stdout == "X\n海塘市第三医院\n")
}

@Test func queryReadsFactsOnlyFromItsFolderAndItsHintNamesNoOptionItLacks() throws {
    let folder = try graphFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let program = ".decl 密(行: symbol)\n.input 密(filename=\"/etc/passwd\")\n?- 密(X).\n"
    let result = try TupuProcess.run(["query", "-"], in: folder, input: program)
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("<stdin>:2:8: error: .input 密: the file \"/etc/passwd\" is outside the facts directory ."))
    #expect(!result.stderr.contains("--allow-paths") && !result.stderr.contains("-F"))
}

@Test func runPrintsEveryErrorOfAProgramWithNotesAndExitsOne() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let program = """
        .decl 位于(区: symbol, 市: symbol)
        #include "规则.dl"
        位于("西湖区", "杭州市").
        属于(x, y) :- 位于(x, y, z).
        上级(x, y) :- 位于(x, z).

        """
    try program.write(toFile: folder + "/三错.dl", atomically: true, encoding: .utf8)
    try "区(x) :- 位于(x, _), !区县(x).\n".write(toFile: folder + "/规则.dl", atomically: true, encoding: .utf8)
    let result = try TupuProcess.run(["run", "三错.dl"], in: folder)
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    let headers = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") || $0.contains(": note: ") }
    // In source order, the included file's line where the #include stands; positions in the files they are in.
    #expect(
        headers == [
            "规则.dl:1:20: error: unknown relation '区县'",
            "三错.dl:4:13: error: relation '位于' is used with 3 arguments here but with 2 elsewhere",
            "三错.dl:1:7: note: '位于' is declared here with 2 columns",
            "三错.dl:5:7: error: variable 'y' in the head of '上级' is not bound by a positive body atom"
        ])
    #expect(result.stderr.contains("属于(x, y) :- 位于(x, y, z).\n              ^~~~\n"))
    #expect(result.stderr.hasSuffix("3 errors\n"))
    #expect(!result.stderr.contains("(at "))
}
