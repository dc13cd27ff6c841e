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
