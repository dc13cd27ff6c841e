import Foundation
import Testing

/// `tupu mentions` as a user runs it: one JSON line per mention, naming the graph's entity and the rule.
@Suite struct MentionsCommandTests {
    static let article = """
        湖镇镇开展助老服务

        徐 霞

        近日，龙游县湖镇镇党委联合龙游县民政局推出“银龄伴读”项目，湖镇镇党委书记郑建华介绍了做法。

        """

    @Test func eachMentionNamesTheEntityTheGraphGivesItAndItsRule() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.article.write(toFile: folder + "/a.txt", atomically: true, encoding: .utf8)
        #expect(try TupuProcess.run(["build", "a.txt", "-o", "g.jsonl", "-q"], in: folder).status == 0)
        let result = try TupuProcess.run(["mentions", "a.txt", "-o", "m.jsonl"], in: folder)
        #expect(result.status == 0)
        let graph = try String(contentsOfFile: folder + "/g.jsonl", encoding: .utf8)
        let lines = try String(contentsOfFile: folder + "/m.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 4)
        var rules: [String: String] = [:]
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["kind"] as? String == "mention")
            #expect(object["doc"] as? String == "a.txt")
            let entity = try #require(object["entity"] as? String)
            #expect(graph.contains("\"id\":\(String(decoding: try JSONSerialization.data(withJSONObject: entity, options: .fragmentsAllowed), as: UTF8.self))"))
            rules[object["text"] as? String ?? ""] = object["rule"] as? String
        }
        #expect(rules["银龄伴读"]?.hasPrefix("programme.") == true)
        #expect(rules["郑建华"]?.hasPrefix("person.") == true)
    }

    @Test func withoutAPathItSaysWhatToRead() throws {
        let result = try TupuProcess.run(["mentions"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("tupu mentions news/"))
    }
}
