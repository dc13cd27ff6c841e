import Foundation
import Testing
import TupuGraph
import TupuText

@testable import TupuRelate

/// `mentionRecords` is what per-rule precision reads: each mention with its rule and the id
/// the graph gives its entity.
@Suite struct MentionReportTests {
    static let text = "近日，衢州市龙游县湖镇镇党委联合龙游县民政局推出“银龄伴读”项目，湖镇镇党委书记郑建华介绍了做法。"
    static let document = Document(id: "a.txt", source: "a.txt", text: text)

    @Test func everyMentionNamesAnEntityOfTheGraphAndTheRuleThatFoundIt() throws {
        let g = extractor.extract(Self.document)
        let records = extractor.mentionRecords(Self.document)
        #expect(records.count >= 5)
        for record in records {
            let entity = try #require(g.entity(id: record.entity), "\(record.entity) is not in the graph")
            #expect(entity.type == record.type)
            #expect(!record.rule.isEmpty)
            #expect(record.doc == "a.txt")
        }
        #expect(records.contains { $0.text == "银龄伴读" && $0.type == .programme && $0.rule.hasPrefix("programme.") })
        #expect(records.contains { $0.text == "龙游县民政局" && $0.type == .org })
        #expect(records.contains { $0.text == "郑建华" && $0.type == .person && $0.rule.hasPrefix("person.") })
    }

    @Test func offsetsPointIntoTheTextAsRead() {
        let scalars = Array(Self.text.unicodeScalars)
        let records = extractor.mentionRecords(Self.document)
        #expect(!records.isEmpty)
        for record in records {
            var read = String.UnicodeScalarView()
            read.append(contentsOf: scalars[record.start..<record.end])
            #expect(String(read) == record.text)
        }
        #expect(records.map(\.start) == records.map(\.start).sorted())
    }
}
