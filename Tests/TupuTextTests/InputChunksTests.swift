import Foundation
import Testing

@testable import TupuText

/// JSON Lines read in chunks of whole lines give the documents and line numbers that reading
/// the file whole gives, whatever the chunk size; a bad line, or one over the size limit, is its
/// own problem.
@Suite struct InputChunksTests {
    static func chunks(_ path: String, size: Int, maximumBytes: Int = DocumentReader.defaultMaximumBytes) -> [InputChunk] {
        var result: [InputChunk] = []
        DocumentReader.chunks(of: InputFile(path: path), maximumBytes: maximumBytes, chunkBytes: size) { result.append($0) }
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
            var documents: [Document] = []
            var problems: [ReadProblem] = []
            for chunk in chunks {
                guard case .lines = chunk else {
                    Issue.record("not read in lines: \(chunk)")
                    continue
                }
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
        var documents: [Document] = []
        var problems: [String] = []
        for chunk in Self.chunks(path, size: 8) {
            let (more, trouble) = chunk.documents()
            documents += more
            problems += trouble.map(\.description)
        }
        #expect(documents.map(\.source) == [path + ":1", path + ":4"])
        #expect(problems == [path + ":2: not valid JSON (not UTF-8 text)", path + ":3: not valid JSON"])
    }

    @Test func aLineOverTheLimitIsSkippedWithItsNumberAndTheChunksGoOn() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/big.jsonl"
        let short = "{\"id\":\"s\",\"text\":\"桐乡市梧桐街道\"}"
        let long = "{\"id\":\"l\",\"text\":\"\(String(repeating: "长", count: 100))\"}"
        write([short, long, short.replacingOccurrences(of: "\"s\"", with: "\"t\"")].joined(separator: "\n") + "\n", to: path)
        var documents: [Document] = []
        var problems: [String] = []
        for chunk in Self.chunks(path, size: 8, maximumBytes: 200) {
            let (more, trouble) = chunk.documents()
            documents += more
            problems += trouble.map(\.description)
        }
        #expect(documents.map(\.id) == ["s", "t"])
        #expect(problems == [path + ":2: line longer than the 200-byte limit for one document, skipped (--max-document-mb raises it)"])
    }

    @Test func textFilesAndJSONLinesInOtherEncodingsAreReadWhole() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write("德清县舞阳街道", to: folder + "/a.txt")
        write([0xFF, 0xFE] + Array("{\"id\":\"x\",\"text\":\"甲\"}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, to: folder + "/b.jsonl")
        write("\n  \n", to: folder + "/c.jsonl")
        #expect(Self.chunks(folder + "/c.jsonl", size: 4).flatMap { $0.documents().problems.map(\.message) } == ["empty file, skipped"])
        for name in ["a.txt", "b.jsonl"] {
            let chunks = Self.chunks(folder + "/" + name, size: 4)
            #expect(chunks.count == 1)
            guard case .file = chunks.first else {
                Issue.record("\(name) not read whole")
                continue
            }
        }
        #expect(Self.chunks(folder + "/b.jsonl", size: 4)[0].documents().documents.map(\.text) == ["甲"])
    }
}
