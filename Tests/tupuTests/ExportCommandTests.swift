import Foundation
import Testing

@Test func exportWithoutAGraphFileSaysHowToBuildOne() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try TupuProcess.run(["export", "--format", "dot"], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("no graph here: no graph.jsonl and no seeds/ folder") && result.stderr.contains("tupu build"))
}

@Test func anUnknownFormatIsAUsageErrorWithASuggestion() throws {
    let result = try TupuProcess.run(["export", "--format", "ntriple"])
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("error: unknown format 'ntriple' (did you mean 'ntriples'?)"))
}

@Test func dotOnStdoutDrawsTheFocusAndItsNeighbours() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    let result = try TupuProcess.run(["export", "-f", "dot", "--focus", "市三院", "--depth", "1"], in: folder)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("digraph tupu {"))
    #expect(result.stdout.contains("\"org:海塘市第三医院\" -> \"programme:银发食堂\""))
    #expect(!result.stdout.contains("青溪街道"))
    #expect(result.stderr.contains("drew 2 of 3 entities"))
}

@Test func anUnknownFocusFailsWithDidYouMean() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    let result = try TupuProcess.run(["export", "-f", "dot", "--focus", "银发饭堂"], in: folder)
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr == "error: no entity is named '银发饭堂' (by name, alias or id); did you mean '银发食堂'?\n")
}

@Test func dotOnlyOptionsAreRefusedForOtherFormats() throws {
    let result = try TupuProcess.run(["export", "-f", "csv", "--focus", "市三院"])
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("error: --focus applies to --format dot only"))
}

@Test func folderFormatsWriteEveryFileAndTheDefaultFolderName() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    for (format, name, files) in [
        ("csv", "graph-csv", ["edges.csv", "evidence.csv", "nodes.csv"]),
        ("neo4j", "graph-neo4j", ["nodes.csv", "relationships.csv"])
    ] {
        let result = try TupuProcess.run(["export", "--format", format, "-q"], in: folder)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/" + name).sorted() == files)
    }
    let souffle = try TupuProcess.run(["export", "--format", "souffle", "-o", "facts"], in: folder)
    #expect(souffle.status == 0)
    #expect(souffle.stderr == "wrote facts/: 3 entities, 2 edges\n")
    #expect(try String(contentsOfFile: folder + "/facts/runs.facts", encoding: .utf8) == "org:海塘市第三医院\tprogramme:银发食堂\n")
}

@Test func anOutputInAMissingFolderFailsWithoutWritingAnything() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    let result = try TupuProcess.run(["export", "--format", "ntriples", "-o", "missing/graph.nt"], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr == "error: cannot write missing/graph.nt: the folder missing does not exist\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["graph.jsonl"])
}

@Test func aClosedPipeEndsTheExportQuietlyWithStatusZero() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.big(count: 3000).write(toFile: folder + "/graph.jsonl", atomically: true, encoding: .utf8)
    // Far more than a pipe buffer of output; `head` leaves after one line.
    let result = try TupuProcess.shell(
        "\"$TUPU\" export --format jsonl 2>err.txt | head -n 1 >/dev/null; echo \"${PIPESTATUS[0]}\"; cat err.txt",
        in: folder)
    #expect(result.stdout == "0\n")
}

@Test func theJSONLinesExportRoundTripsTheGraphFile() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    let result = try TupuProcess.run(["export", "--graph", "-", "--format", "jsonl"], in: folder, input: SampleGraphFile.text)
    #expect(result.status == 0)
    #expect(result.stdout == SampleGraphFile.text)
}

@Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dot"), "needs Graphviz (apt-get install graphviz)"))
func theDefaultDrawingOfABigGraphRendersInSeconds() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.big(count: 2000).write(toFile: folder + "/graph.jsonl", atomically: true, encoding: .utf8)
    let started = Date()
    let result = try TupuProcess.shell("\"$TUPU\" export --format dot -q | dot -Tsvg | grep -c '<g id=\"node'", in: folder)
    #expect(result.stdout == "151\n")  // 150 entities and the legend
    #expect(Date().timeIntervalSince(started) < 30)
}

@Test func aQueryFileChoosesWhatDotDraws() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    try "% 项目在哪里？\n?- located_in(P, Place).\n".write(toFile: folder + "/where.dl", atomically: true, encoding: .utf8)
    let result = try TupuProcess.run(["export", "-f", "dot", "--query", "where.dl"], in: folder)
    #expect(result.status == 0)
    #expect(result.stdout.contains("\"programme:银发食堂\" -> \"place:330999001\""))
    #expect(!result.stdout.contains("\"org:海塘市第三医院\" ["))
    #expect(result.stderr == "note: drew 2 entities from the answers of where.dl\n")

    try "?- located_in(P).\n".write(toFile: folder + "/bad.dl", atomically: true, encoding: .utf8)
    let bad = try TupuProcess.run(["export", "-f", "dot", "--query", "bad.dl"], in: folder)
    #expect(bad.status == 1)
    #expect(bad.stdout.isEmpty)
    #expect(bad.stderr.hasPrefix("bad.dl:1:4: error: "))
}

@Test func drawingABigGraphWholeSuggestsSfdp() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.big(count: 400).write(toFile: folder + "/graph.jsonl", atomically: true, encoding: .utf8)
    let result = try TupuProcess.run(["export", "--format", "dot", "--all", "-o", "all.dot"], in: folder)
    #expect(result.status == 0)
    #expect(result.stderr.hasPrefix("hint: 401 nodes and 400 edges take dot minutes to lay out; `sfdp -Tsvg` takes seconds\n"))
    let quiet = try TupuProcess.run(["export", "--format", "dot", "--all", "-o", "all.dot", "-q"], in: folder)
    #expect(quiet.stderr.isEmpty)
}
