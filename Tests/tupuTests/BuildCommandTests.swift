import Foundation
import Testing

/// `tupu build` as a user runs it: good files become a graph, bad ones are named and skipped.
@Suite struct BuildCommandTests {
    static let article = """
        社区服务暖人心

        王 伟

        近日，温岭市总工会率先推出“惠民卡”项目，温岭市总工会联合温岭农商银行推出“创业贷”。

        """

    @Test func aFolderBecomesAGraphWithASummary() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/news/2024", withIntermediateDirectories: true)
        try Self.article.write(toFile: folder + "/news/2024/a.txt", atomically: true, encoding: .utf8)
        let result = try TupuProcess.run(["build", "news", "-o", "g.jsonl"], in: folder)
        #expect(result.status == 0)
        #expect(result.stdout.contains("1 files, 1 documents"))
        let graph = try String(contentsOfFile: folder + "/g.jsonl", encoding: .utf8)
        #expect(graph.hasPrefix("{\"kind\":\"graph\""))
        #expect(graph.contains("\"name\":\"温岭市总工会\""))
        // A file found in a folder is named by its path below the folder named.
        #expect(graph.contains("\"docs\":[\"2024/a.txt\"]"))
        #expect(graph.contains("\"relation\":\"runs\""))
    }

    @Test func badInputsAreNamedSkippedAndReflectedInTheExitStatus() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let news = folder + "/news"
        try FileManager.default.createDirectory(atPath: news, withIntermediateDirectories: true)
        try Self.article.write(toFile: news + "/good.txt", atomically: true, encoding: .utf8)
        try Data([0x00, 0x01, 0x02, 0xFF, 0x00, 0x10]).write(to: URL(fileURLWithPath: news + "/binary.txt"))
        try Data().write(to: URL(fileURLWithPath: news + "/empty.txt"))
        // UTF-8 text with a stray 0xFF: neither valid UTF-8 nor GB18030.
        try Data(Array("社区开展活动。".utf8) + [0xFF] + Array("居民参加。".utf8)).write(to: URL(fileURLWithPath: news + "/broken.txt"))
        try FileManager.default.createSymbolicLink(atPath: news + "/loop", withDestinationPath: news)
        try "{\"id\":\"ok\",\"text\":\"嘉兴市第一医院的“暖心驿”红色驿站建成。\"}\nnot json\n"
            .write(toFile: news + "/batch.jsonl", atomically: true, encoding: .utf8)
        let brands = folder + "/brands.tsv"
        try "name\taliases\tkind\tsource\n暖心驿\t-\tfacility\tmanual\nonly-one-column\n"
            .write(toFile: brands, atomically: true, encoding: .utf8)

        let result = try TupuProcess.run(["build", "news", "-o", "g.jsonl", "--gazetteer", brands], in: folder)
        #expect(result.status == 1)
        for name in ["binary.txt", "empty.txt", "broken.txt", "loop", "batch.jsonl:2", "brands.tsv:3"] {
            #expect(result.stderr.contains(name), "stderr should name \(name): \(result.stderr)")
        }
        // The good inputs still made it into the graph.
        let graph = try String(contentsOfFile: folder + "/g.jsonl", encoding: .utf8)
        #expect(graph.contains("温岭市总工会"))
        #expect(graph.contains("\"docs\":[\"ok\"]"))
    }

    @Test func aNamesFileOfAnOrganisationKindAddsOrganisations() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "青岚服务社走进百丈镇，为老人理发。\n".write(toFile: folder + "/a.txt", atomically: true, encoding: .utf8)
        try "name\taliases\tkind\tsource\n青岚数智服务社\t青岚服务社\tassociation\tmanual\n"
            .write(toFile: folder + "/orgs.tsv", atomically: true, encoding: .utf8)
        let result = try TupuProcess.run(["build", "a.txt", "-o", "g.jsonl", "--gazetteer", "orgs.tsv", "-q"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let graph = try String(contentsOfFile: folder + "/g.jsonl", encoding: .utf8)
        let line = graph.split(separator: "\n").first { $0.contains("青岚服务社") }
        #expect(line?.contains("\"type\":\"org\"") == true, "\(graph)")
        #expect(line?.contains("association") == true)
    }

    @Test func aFailedBuildLeavesTheOldGraphAsItWas() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "old graph\n".write(toFile: folder + "/g.jsonl", atomically: true, encoding: .utf8)
        let result = try TupuProcess.run(["build", "missing-folder", "-o", "g.jsonl"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("missing-folder"))
        #expect(try String(contentsOfFile: folder + "/g.jsonl", encoding: .utf8) == "old graph\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["g.jsonl"])
    }

    @Test func standardInputIsADocumentToo() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try TupuProcess.run(["build", "-", "-o", "g.jsonl", "-q"], in: folder, input: Self.article)
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(try String(contentsOfFile: folder + "/g.jsonl", encoding: .utf8).contains("\"docs\":[\"stdin\"]"))
    }

    @Test func withoutSeedsOrPathsTheUsageErrorSaysWhatToDo() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try TupuProcess.run(["build"], in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains("tupu build news/"))
    }

    @Test func anEndlessDeviceOrAnOversizeDocumentIsSkippedWithAReason() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let zero = try TupuProcess.run(["build", "/dev/zero", "-o", "g.jsonl"], in: folder)
        #expect(zero.status == 1)
        #expect(zero.stderr.contains("skipped: /dev/zero: larger than the 64 MB limit for one document, skipped (--max-document-mb raises it)"))
        try String(repeating: Self.article, count: 8000).write(toFile: folder + "/big.txt", atomically: true, encoding: .utf8)
        try Self.article.write(toFile: folder + "/small.txt", atomically: true, encoding: .utf8)
        let limited = try TupuProcess.run(["build", "big.txt", "small.txt", "--max-document-mb", "1", "-o", "g.jsonl", "-q"], in: folder)
        #expect(limited.status == 1)
        #expect(limited.stderr.contains("big.txt: larger than the 1 MB limit"))
        #expect(try String(contentsOfFile: folder + "/g.jsonl", encoding: .utf8).contains("\"docs\":[\"small.txt\"]"))
        let wrong = try TupuProcess.run(["build", "small.txt", "--max-document-mb", "很多"], in: folder)
        #expect(wrong.status == 64)
    }

    @Test func theSameInputNamedTwiceCountsOnceAndClashingNamesStayApart() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for sub in ["a", "b"] {
            try FileManager.default.createDirectory(atPath: folder + "/news/" + sub, withIntermediateDirectories: true)
            try Self.article.write(toFile: folder + "/news/\(sub)/news.txt", atomically: true, encoding: .utf8)
        }
        let once = try TupuProcess.run(["build", "news/a/news.txt", "-o", "once.jsonl", "-q"], in: folder)
        let twice = try TupuProcess.run(["build", "news/a/news.txt", "news/a/news.txt", "-o", "twice.jsonl", "-q"], in: folder)
        #expect(once.status == 0 && twice.status == 0)
        #expect(twice.stderr.contains("warning: news/a/news.txt: named twice, read once"))
        #expect(try String(contentsOfFile: folder + "/once.jsonl", encoding: .utf8) == String(contentsOfFile: folder + "/twice.jsonl", encoding: .utf8))
        let both = try TupuProcess.run(["build", "news", "-o", "both.jsonl", "-q"], in: folder)
        #expect(both.status == 0)
        #expect(try String(contentsOfFile: folder + "/both.jsonl", encoding: .utf8).contains("\"docs\":[\"a/news.txt\",\"b/news.txt\"]"))
    }
}
