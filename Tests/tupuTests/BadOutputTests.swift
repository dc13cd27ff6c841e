import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The audit's repro commands (issue 13): outputs never destroy what they point at, a lone
/// bracket line does not crash a build, and rebuilding beside the last graph is quiet.
@Suite struct BadOutputTests {
    static let article = "# 青溪街道开设银发食堂\n\n近日，海塘市第三医院在青溪街道开设“银发食堂”，每天供应午餐。\n"

    @Test func buildingAnArticleOntoItselfIsRefusedBeforeAnyWork() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.article.write(toFile: folder + "/news.txt", atomically: false, encoding: .utf8)
        let result = try TupuProcess.run(["build", "news.txt", "-o", "news.txt"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr == "error: will not write news.txt: it is also an input (news.txt); choose another output file\n")
        #expect(try String(contentsOfFile: folder + "/news.txt", encoding: .utf8) == Self.article)
    }

    @Test func anArticleInsideAnInputFolderIsNotAnOutputEither() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/news", withIntermediateDirectories: true)
        try Self.article.write(toFile: folder + "/news/a.txt", atomically: false, encoding: .utf8)
        let result = try TupuProcess.run(["build", "news", "-o", "news/a.txt"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("it is also an input (news/a.txt)"))
        #expect(try String(contentsOfFile: folder + "/news/a.txt", encoding: .utf8) == Self.article)
    }

    @Test func dashIsStandardOutputAndTheSummaryGoesToStandardError() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try TupuProcess.run(["build", "-", "-o", "-"], in: folder, input: Self.article)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("{\"kind\":\"graph\""))
        #expect(result.stdout.contains("海塘市第三医院"))
        #expect(result.stderr.hasPrefix("Built the graph on standard output from 1 files"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/-"))
    }

    @Test func devNullStaysADeviceAndAReadOnlyGraphIsKept() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A null device of the test's own (mknod needs root), else /dev/null itself.
        let null = mknod(folder + "/null", S_IFCHR | 0o666, 1 << 8 | 3) == 0 ? folder + "/null" : "/dev/null"
        let toNull = try TupuProcess.run(["build", "-", "-o", null, "-q"], in: folder, input: Self.article)
        #expect(toNull.status == 0, "\(toNull.stderr)")
        let type = try FileManager.default.attributesOfItem(atPath: null)[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)

        try "旧图谱\n".write(toFile: folder + "/g.jsonl", atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder + "/g.jsonl")
        let readOnly = try TupuProcess.run(["build", "-", "-o", "g.jsonl", "-q"], in: folder, input: Self.article)
        #expect(readOnly.status == 1)
        #expect(readOnly.stderr.hasPrefix("error: cannot write g.jsonl: Permission denied"))
        #expect(try String(contentsOfFile: folder + "/g.jsonl", encoding: .utf8) == "旧图谱\n")
    }

    @Test func aLoneClosingBracketLineBuildsInsteadOfCrashing() throws {
        for input in [")\nx", "）\n青溪街道"] {
            let folder = try TupuProcess.temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let result = try TupuProcess.run(["build", "-", "-o", "g.jsonl", "-q"], in: folder, input: input)
            #expect(result.status == 0, "\(input.debugDescription): \(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: folder + "/g.jsonl"))
        }
    }

    @Test func rebuildingBesideTheLastGraphSkipsItQuietlyAndRemovesStaleTemporaryFiles() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.article.write(toFile: folder + "/a.txt", atomically: false, encoding: .utf8)
        let first = try TupuProcess.run(["build", ".", "-o", "graph.jsonl", "-q"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        // A build killed before this one left its temporary file (its process is gone).
        try "半个图谱".write(toFile: folder + "/.graph.jsonl.tmp-2147483646", atomically: false, encoding: .utf8)
        let second = try TupuProcess.run(["build", ".", "-o", "graph.jsonl"], in: folder)
        #expect(second.status == 0)
        #expect(second.stderr.isEmpty, "\(second.stderr)")
        #expect(second.stdout.contains("from 1 files, 1 documents"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.txt", "graph.jsonl"])
    }

    @Test func theDotSummaryCountsWhatItDrew() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try SampleGraphFile.write(in: folder)
        let result = try TupuProcess.run(["export", "-f", "dot", "--focus", "市三院", "--depth", "1", "-o", "g.dot"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote g.dot: 2 entities, 1 edges"))
        let onto = try TupuProcess.run(["export", "-f", "dot", "-o", "graph.jsonl"], in: folder)
        #expect(onto.status == 1)
        #expect(onto.stderr.contains("it is also an input (graph.jsonl)"))
    }
}
