import Foundation
import Testing
import TupuText

@testable import TupuRelate

/// A JSON Lines corpus built in small chunks: the graph is the one a build in one chunk makes,
/// an id given twice is a warning wherever the two lines fall, and a line over the size limit is
/// skipped with its number while the rest is read.
@Suite struct ChunkedBuildTests {
    static func line(_ id: String, _ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: ["id": id, "text": text]), as: UTF8.self)
    }

    @Test func repeatedIDsAndLongLinesAreReportedAcrossChunksAndFiles() throws {
        let folder = NSTemporaryDirectory() + "tupu-chunks-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let day1 = [
            Self.line("a", "近日，德清县舞阳街道党工委联合德清县晨曦公益服务中心推出“邻里暖阳”项目。"),
            Self.line("b", "近日，安吉县递铺街道总工会开展“职工驿站”活动。"),
            Self.line("c", String(repeating: "长", count: 200)),
            Self.line("a", "桐乡市梧桐街道青禾志愿服务队开展“书香课堂”活动。")
        ]
        let day2 = [Self.line("b", "临海市古城街道银龄互助协会推出“安心食堂”。")]
        try (day1.joined(separator: "\n") + "\n").write(toFile: folder + "/day1.jsonl", atomically: true, encoding: .utf8)
        try (day2.joined(separator: "\n") + "\n").write(toFile: folder + "/day2.jsonl", atomically: true, encoding: .utf8)
        var builder = try CorpusBuilder.standard(learning: false).builder
        builder.maximumDocumentBytes = 400
        let whole = builder.build([folder])
        builder.chunkBytes = 16
        let chunked = builder.build([folder])
        #expect(chunked.documents == 4)
        #expect(
            chunked.problems.map(\.description) == [
                "\(folder)/day1.jsonl:3: line longer than the 400-byte limit for one document, skipped (--max-document-mb raises it)",
                "\(folder)/day1.jsonl:4: document id \"a\" is also that of line 1; both are read as one document's",
                "\(folder)/day2.jsonl:1: document id \"b\" is also that of \(folder)/day1.jsonl:2; both are read as one document's"
            ])
        #expect(whole.problems.map(\.description) == chunked.problems.map(\.description))
        #expect(whole.graph.entities.map(\.id) == chunked.graph.entities.map(\.id))
        #expect(whole.graph.edges.map(\.key) == chunked.graph.edges.map(\.key))
    }

    @Test func whatTheFirstPassKeptIsHandedToTheSecondOnceAndLetGo() {
        let document = Document(id: "a", source: "a.jsonl:1", text: "近日，德清县舞阳街道党工委推出“邻里暖阳”项目。")
        let kept = ReadOnce([3: (documents: [document], problems: [])])
        #expect(kept.take(2) == nil)
        #expect(kept.take(3)?.documents.map(\.id) == ["a"])
        // Taken: no longer held, so a second take finds nothing.
        #expect(kept.take(3) == nil)
    }
}
