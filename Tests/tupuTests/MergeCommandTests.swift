import Foundation
import Testing
import TupuRelate

@testable import tupu

/// `tupu merge`, `tupu build --updatable/--update` and the build's progress line, as a user runs them.
@Suite struct MergeCommandTests {
    static let first = "近日，德清县舞阳街道党工委联合德清县晨曦公益服务中心推出“邻里暖阳”项目。\n"
    static let second = "近日，安吉县递铺街道总工会率先推出“职工驿站”项目，安吉县递铺街道总工会联合安吉农商银行推出“安心贷”。\n"
    static let third = "近日，德清县晨曦公益服务中心联合安吉农商银行开展“安心食堂”系列活动。\n"

    static func folder(with texts: [String: String]) throws -> String {
        let folder = try TupuProcess.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/news", withIntermediateDirectories: true)
        for (name, text) in texts { try text.write(toFile: folder + "/news/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func theMergeOfTwoDaysIsTheBuildOfBoth() throws {
        let folder = try Self.folder(with: ["1.txt": Self.first, "2.txt": Self.second, "3.txt": Self.third])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = """
            "$TUPU" build news/1.txt news/2.txt -o day1.jsonl -q && "$TUPU" build news/3.txt -o day2.jsonl -q &&
            "$TUPU" merge day1.jsonl day2.jsonl -o merged.jsonl && "$TUPU" build news -o whole.jsonl -q && cmp merged.jsonl whole.jsonl &&
            "$TUPU" merge - day2.jsonl -o - < day1.jsonl | cmp - whole.jsonl
            """
        let result = try TupuProcess.shell(script, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Merged 2 graphs into merged.jsonl"))
    }

    @Test func mergeUsageErrorsExit64() throws {
        #expect(try TupuProcess.run(["merge", "a.jsonl"]).status == 64)
        #expect(try TupuProcess.run(["merge", "-o", "out.jsonl"]).status == 64)
        let missing = try TupuProcess.run(["merge", "/nonexistent/a.jsonl", "-o", "/tmp/out.jsonl"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/a.jsonl"))
        #expect(try TupuProcess.run(["build", "--update", "graph.jsonl"]).status == 64)
    }

    @Test func anUpdateReplacesADocumentAndEqualsARebuild() throws {
        let folder = try Self.folder(with: ["1.txt": Self.first, "2.txt": Self.second])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Day two: 2.txt is corrected (its second sentence is gone) and 3.txt is new.
        try FileManager.default.createDirectory(atPath: folder + "/day2", withIntermediateDirectories: true)
        try String(Self.second.prefix { $0 != "，" }).appending("。\n").write(toFile: folder + "/day2/2.txt", atomically: true, encoding: .utf8)
        try Self.third.write(toFile: folder + "/day2/3.txt", atomically: true, encoding: .utf8)
        let script = """
            "$TUPU" build --updatable news -o graph.jsonl -q && "$TUPU" build --update graph.jsonl day2 &&
            "$TUPU" build --updatable news/1.txt day2/2.txt day2/3.txt -o rebuilt.jsonl -q && cmp graph.jsonl rebuilt.jsonl
            """
        let result = try TupuProcess.shell(script, in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 documents before, 1 added, 1 replaced, 3 now"))
        let graph = try String(contentsOfFile: folder + "/graph.jsonl", encoding: .utf8)
        #expect(!graph.contains("安心贷"))
        #expect(graph.contains("安心食堂"))
    }

    @Test func aGraphBuiltWithoutDocumentLinesCannotBeUpdated() throws {
        let folder = try Self.folder(with: ["1.txt": Self.first])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try TupuProcess.shell("\"$TUPU\" build news -o graph.jsonl -q && \"$TUPU\" build --update graph.jsonl news", in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("--updatable"))
    }

    @Test func theProgressLineShowsDocumentsSpeedAndTimeLeft() {
        let known = CorpusBuilder.Progress(
            filesDone: 1, filesTotal: 1, bytesDone: 0, documentsDone: 1200,
            inputBytesDone: 50_000_000, inputBytesTotal: 300_000_000)
        #expect(BuildProgress.line(known, seconds: 5) == "  1200 documents, 50.0/300.0 MB, 10.0 MB/s, eta 0:25")
        let piped = CorpusBuilder.Progress(
            filesDone: 1, filesTotal: 1, bytesDone: 0, documentsDone: 7,
            inputBytesDone: 3_000_000, inputBytesTotal: nil)
        #expect(BuildProgress.line(piped, seconds: 2) == "  7 documents, 3.0 MB, 1.5 MB/s")
    }

    @Test func theProgressLineIsShownOnATerminalOnly() throws {
        let folder = try Self.folder(with: ["1.txt": Self.first])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let piped = try TupuProcess.run(["build", "news", "-o", "g.jsonl"], in: folder)
        #expect(piped.stderr.isEmpty)
        // `script` gives the build a terminal; its output (both streams) is the terminal's.
        let terminal = try TupuProcess.shell("script -qec '\"$TUPU\" build news -o g.jsonl' /dev/null", in: folder)
        #expect(terminal.stdout.contains("1 documents, 0.0/0.0 MB"))
        let quiet = try TupuProcess.shell("script -qec '\"$TUPU\" build news -o g.jsonl -q' /dev/null", in: folder)
        #expect(!quiet.stdout.contains("documents"))
    }
}
