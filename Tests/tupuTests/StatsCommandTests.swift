import Foundation
import Testing

@Test func statsCountsTypesRelationsDocumentsAndTopEntities() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder, name: "g.jsonl")
    let result = try TupuProcess.run(["stats", "--graph", "g.jsonl", "--top", "1"], in: folder)
    #expect(result.status == 0)
    let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "g.jsonl: 3 entities, 2 edges, 1 documents")
    #expect(lines.contains("  programme  1"))
    #expect(lines.contains("  located_in  1"))
    #expect(lines.contains("  support (all sightings)  3"))
    #expect(lines.contains("      2  programme  银发食堂  programme:银发食堂"))
}

@Test func statsJSONIsOneObject() throws {
    let result = try TupuProcess.run(["stats", "--graph", "-", "--json", "--top", "0"], input: SampleGraphFile.text)
    #expect(result.status == 0)
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    #expect((object?["entities"] as? [String: Int])?["org"] == 1)
    #expect((object?["evidence"] as? [String: Any])?["pieces"] as? Int == 2)
}

@Test func aGraphFileCutShortEmptyOrEndlessIsRefusedWithItsLine() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // The sample without its last two lines: an edge and the end line.
    let cut = SampleGraphFile.text.split(separator: "\n").dropLast(2).map { $0 + "\n" }.joined()
    try cut.write(toFile: folder + "/cut.jsonl", atomically: true, encoding: .utf8)
    try "".write(toFile: folder + "/empty.jsonl", atomically: true, encoding: .utf8)
    for (name, message) in [("cut.jsonl", "cut.jsonl:6: error: no end line"), ("empty.jsonl", "empty.jsonl:1: error: empty graph file")] {
        let result = try TupuProcess.run(["stats", "--graph", name], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
    // Standard input that never ends and has no line break.
    let endless = try TupuProcess.shell("\"$TUPU\" stats --graph - < /dev/zero", arguments: [], in: folder)
    #expect(endless.status == 1)
    #expect(endless.stderr.contains("<stdin>:1: error: line longer than 64 MB"))
}

@Test func theFirstReadingMakesASidecarThatAnotherReadingUsesAndAWriteRemoves() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder, name: "g.jsonl")
    let sidecar = folder + "/g.jsonl.tupuidx"
    let first = try TupuProcess.run(["stats", "--graph", "g.jsonl"], in: folder)
    #expect(first.status == 0 && FileManager.default.fileExists(atPath: sidecar))
    let second = try TupuProcess.run(["stats", "--graph", "g.jsonl"], in: folder)
    #expect(second.stdout == first.stdout)
    // Merged over itself: the graph file is new, its old sidecar gone.
    #expect(try TupuProcess.run(["merge", "g.jsonl", "-o", "g.jsonl", "-q"], in: folder).status == 0)
    #expect(!FileManager.default.fileExists(atPath: sidecar))
    // Turned off: none made, by the flag or by the environment.
    let off = try TupuProcess.run(["stats", "--graph", "g.jsonl", "--no-index"], in: folder)
    #expect(off.stdout == first.stdout && !FileManager.default.fileExists(atPath: sidecar))
    #expect(try TupuProcess.shell("TUPU_NO_INDEX=1 \"$TUPU\" stats --graph g.jsonl", arguments: [], in: folder).status == 0)
    #expect(!FileManager.default.fileExists(atPath: sidecar))
}
