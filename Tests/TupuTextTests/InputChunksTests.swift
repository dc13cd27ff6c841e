import Foundation
import Testing
@testable import TupuText

/// JSON Lines read in chunks of whole lines give the documents and line numbers that reading
/// the file whole gives, whatever the chunk size; a bad line is its own problem.
@Suite struct InputChunksTests {
    static func chunks(_ path: String, size: Int) -> [InputChunk] {
        var chunker = InputChunker(InputFile(path: path), chunkSize: size)
        var result: [InputChunk] = []
        while let chunk = chunker.next() { result.append(chunk) }
        return result
    }

    static func summary(_ read: (documents: [Document], problems: [ReadProblem])) -> [String] {
        read.documents.map { "\($0.id)|\($0.source)|\($0.text)" } + read.problems.map(\.description)
    }

    @Test func chunksOfLinesGiveTheDocumentsOfTheWholeFileWhateverTheSize() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var lines = ["\u{FEFF}{\"id\":\"a\",\"text\":\"德清县舞阳街道开展“邻里暖阳”活动。\"}\r"]
        for i in 0..<40 {
            lines.append("{\"id\":\"n\(i)\",\"text\":\"安吉县递铺街道第\(i)次推出“安心食堂”。\"}")
            if i % 7 == 0 { lines.append("") }
            if i % 11 == 0 { lines.append("{\"text\":\"没有编号的一篇：\(String(repeating: "长", count: 300))\"}") }
        }
        lines.append("{\"id\":\"末\",\"text\":\"最后一篇\"}")
        let path = folder + "/news.jsonl"
        write(lines.joined(separator: "\n"), to: path)
        let whole = Self.summary(DocumentReader.read(InputFile(path: path)))
        #expect(whole.count == 1 + 40 + 4 + 1)
        for size in [16, 100, 1_000, 1 << 20] {
            let chunks = Self.chunks(path, size: size)
            if size < 1000 { #expect(chunks.count > 3) }
            var documents: [Document] = [], problems: [ReadProblem] = []
            for chunk in chunks {
                guard case .lines = chunk else { Issue.record("not read in lines: \(chunk)"); continue }
                let (more, trouble) = chunk.documents()
                documents += more
                problems += trouble
            }
            #expect(Self.summary((documents, problems)) == whole, "chunks of \(size) bytes")
        }
    }

    @Test func aBadLineIsAProblemWithItsNumberAndTheOtherLinesAreRead() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/day.jsonl"
        let good = Array("{\"id\":\"1\",\"text\":\"临海市古城街道\"}\n".utf8)
        write(good + Array("{\"id\":2,\"text\":\"坏".utf8) + [0xFF] + Array("\"}\n不是 JSON\n".utf8) + good, to: path)
        var documents: [Document] = [], problems: [String] = []
        for chunk in Self.chunks(path, size: 8) {
            let (more, trouble) = chunk.documents()
            documents += more
            problems += trouble.map(\.description)
        }
        #expect(documents.map(\.source) == [path + ":1", path + ":4"])
        #expect(problems == [path + ":2: invalid UTF-8 at byte 19 of the line", path + ":3: not valid JSON"])
    }

    @Test func textFilesAndJSONLinesInOtherEncodingsAreReadWhole() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write("德清县舞阳街道", to: folder + "/a.txt")
        write([0xFF, 0xFE] + Array("{\"id\":\"x\",\"text\":\"甲\"}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, to: folder + "/b.jsonl")
        write("", to: folder + "/c.jsonl")
        for name in ["a.txt", "b.jsonl", "c.jsonl"] {
            let chunks = Self.chunks(folder + "/" + name, size: 4)
            #expect(chunks.count == 1)
            guard case .file = chunks.first else { Issue.record("\(name) not read whole"); continue }
        }
        #expect(Self.chunks(folder + "/b.jsonl", size: 4)[0].documents().documents.map(\.text) == ["甲"])
    }
}
