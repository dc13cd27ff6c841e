import Foundation
import Testing
import TupuGazetteer
import TupuGraph
import TupuRecognise
import TupuText

@testable import TupuRelate

/// The corpus build learns programme names in a first pass and finds them in every document.
@Suite struct LearningTests {
    let places = try! PlaceGazetteer.bundled()

    /// A folder of `.txt` files, built with or without learning.
    func build(_ files: [(String, String)], learning: Bool) throws -> CorpusBuilder.Report {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tupu-learn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        let builder = CorpusBuilder(extractor: extractor, learner: learning ? BrandLearner(places: places) : nil)
        return builder.build([folder])
    }

    let files = [
        ("a.txt", "安吉县递铺街道打造“绿萝·星空驿”党建品牌，为居民提供阅读服务。"),
        ("b.txt", "周末，不少家长带孩子到星空驿看书。递铺街道党工委负责星空驿的日常运营。")
    ]

    @Test func aNameProvedInOneDocumentIsFoundUnquotedAndShortInAnother() throws {
        let report = try build(files, learning: true)
        #expect(report.learned.map(\.name) == ["绿萝·星空驿"])
        #expect(report.learned.first?.aliases == ["星空驿"])
        let programme = try #require(report.graph.entities.first { $0.type == .programme && $0.docs.contains("b.txt") })
        #expect(programme.name == "绿萝·星空驿")
        #expect(programme.aliases.contains("星空驿"))
    }

    @Test func withoutLearningEachDocumentIsReadAlone() throws {
        let report = try build(files, learning: false)
        #expect(report.learned.isEmpty)
        #expect(!report.graph.entities.contains { $0.type == .programme && $0.docs.contains("b.txt") })
    }

    @Test func theLearnedGraphDoesNotDependOnTimingAcrossRuns() throws {
        let many = (0..<24).map { n in
            ("\(100 + n).txt", n % 3 == 0 ? "社区打造“青禾暖邻\(n)号”党建品牌。" : "居民都说青禾暖邻\(n - n % 3)号办得好。")
        }
        let first = try build(many, learning: true)
        let second = try build(many, learning: true)
        #expect(first.learned == second.learned)
        #expect(first.learned.map(\.doc) == (0..<8).map { "\(100 + 3 * $0).txt" })
        #expect(first.graph.entities.map(\.id) == second.graph.entities.map(\.id))
        #expect(first.graph.entities.map(\.docs) == second.graph.entities.map(\.docs))
    }

    @Test func learningCountsDocumentsAndMentionsOfEveryForm() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tupu-learn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        let learning = CorpusBuilder.learn([folder], with: BrandLearner(places: places))
        #expect(learning.documents == 2)
        #expect(learning.learned.map(\.name) == ["绿萝·星空驿"])
        #expect(learning.documentsOfName == [2])
        #expect(learning.mentionsOfName == [3])
    }
}
