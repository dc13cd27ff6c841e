import Foundation
import Testing

/// `tupu gazetteer learn` as a user runs it: learned names out in the brand-file format, curated,
/// and fed back to `tupu build --gazetteer`.
@Suite struct GazetteerCommandTests {
    static let files = [
        "a.txt": "安吉县递铺街道打造“绿萝·星空驿”党建品牌，社区开展“志愿服务”活动。\n该村被评为“五星达标村”。\n",
        "b.txt": "周末，不少家长带孩子到星空驿看书。街道启动“银杏守望行动”。\n"
    ]

    func folderWithNews() throws -> String {
        let folder = try TupuProcess.temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/news", withIntermediateDirectories: true)
        for (name, text) in Self.files { try text.write(toFile: folder + "/news/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func learnWritesEveryNameWithAliasesKindEvidenceAndCounts() throws {
        let folder = try folderWithNews()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try TupuProcess.run(["gazetteer", "learn", "news", "-o", "learned.tsv"], in: folder)
        #expect(result.status == 0)
        #expect(result.stderr.contains("learned 2 programme names from 2 documents"))
        let rows = try String(contentsOfFile: folder + "/learned.tsv", encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.first == ["name", "aliases", "kind", "source", "documents", "mentions", "rule", "evidence"])
        #expect(
            rows.dropFirst().map { Array($0.prefix(7)) } == [
                ["绿萝·星空驿", "星空驿", "brand", "a.txt:10", "2", "2", "learn.quoted+type-word"],
                ["银杏守望行动", "银杏守望", "campaign", "b.txt:22", "1", "1", "learn.quoted-name-ending"]
            ])
        #expect(rows[1].last?.hasPrefix("安吉县递铺街道打造“绿萝·星空驿”党建品牌") == true)
    }

    @Test func aCuratedFileGoesBackIntoTheBuildAndKindNoneRulesANameOut() throws {
        let folder = try folderWithNews()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try TupuProcess.run(["gazetteer", "learn", "news", "-o", "learned.tsv", "-q"], in: folder).status == 0)
        let learned = try String(contentsOfFile: folder + "/learned.tsv", encoding: .utf8)
        try learned.replacingOccurrences(of: "\tcampaign\t", with: "\tnone\t")
            .write(toFile: folder + "/curated.tsv", atomically: true, encoding: .utf8)
        let build = try TupuProcess.run(["build", "news", "--gazetteer", "curated.tsv", "--no-learn", "-o", "g.jsonl", "-q"], in: folder)
        #expect(build.status == 0, "\(build.stderr)")
        let graph = try String(contentsOfFile: folder + "/g.jsonl", encoding: .utf8)
        #expect(graph.contains("\"name\":\"绿萝·星空驿\",\"aliases\":[\"星空驿\"]"))
        // Learning again with the curated file learns nothing it already knows or rules out.
        let again = try TupuProcess.run(["gazetteer", "learn", "news", "--gazetteer", "curated.tsv"], in: folder)
        #expect(again.status == 0)
        #expect(again.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }.count == 1)
    }

    @Test func usageErrorsExit64AndHelpShowsAnExample() throws {
        for arguments in [["gazetteer"], ["gazetteer", "learn"], ["gazetteer", "forget", "news"], ["gazetteer", "learn", "news", "--bogus"]] {
            let result = try TupuProcess.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains("Usage: tupu gazetteer learn"), "\(arguments): \(result.stderr)")
        }
        let help = try TupuProcess.run(["help", "gazetteer"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("tupu gazetteer learn news/ -o learned.tsv"))
    }
}
