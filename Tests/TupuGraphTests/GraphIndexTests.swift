import Foundation
import Testing

@testable import TupuGraph

/// The sidecar `FILE.tupuidx` gives the very graph the file gives, and only while the file is the
/// one it was made from: a stale, damaged or foreign sidecar is passed over for the file.
@Suite final class GraphIndexTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tupu-index-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Two documents' graphs merged, with their shares: aliases, attributes, documents, evidence
    /// (a piece with no rule, a confidence not on the writer's grid), a symmetric edge, attributes on an edge.
    static func sample() -> (graph: Graph, shares: [DocumentShare]) {
        var first = Graph()
        first.add(Entity(id: "place:330106", type: .place, name: "西湖区", attrs: ["code": "330106", "level": "county"], docs: ["甲.txt"]))
        first.add(
            Entity(
                id: "org:明岚科技有限公司@330106", type: .org, name: "明岚科技有限公司", aliases: ["明岚科技"], attrs: ["kind": "company"],
                docs: ["甲.txt"], mentions: 3))
        first.add(Entity(id: "programme:邻里帮帮团@330106", type: .programme, name: "邻里帮帮团", attrs: ["kind": "programme"], docs: ["甲.txt"]))
        let said = Evidence(doc: "甲.txt", start: 12, end: 20, sentence: "明岚科技有限公司推出“邻里帮帮团”，惠及群众。", rule: "runs.actor-verb", confidence: 0.85)
        first.add(Edge(relation: .runs, subject: "org:明岚科技有限公司@330106", object: "programme:邻里帮帮团@330106", evidence: [said], support: 4))
        first.add(Edge(relation: .locatedIn, subject: "org:明岚科技有限公司@330106", object: "place:330106"))

        var second = Graph()
        second.add(Entity(id: "org:青禾农业专业合作社@330106", type: .org, name: "青禾农业专业合作社", attrs: ["kind": "cooperative"], docs: ["乙.txt"]))
        second.add(Entity(id: "org:明岚科技有限公司@330106", type: .org, name: "明岚科技", attrs: ["kind": "company"], docs: ["乙.txt"]))
        second.add(Entity(id: "person:王青松@330106", type: .person, name: "王青松", attrs: ["role": "理事长"], docs: ["乙.txt"]))
        let together = Evidence(doc: "乙.txt", start: 0, end: 9, sentence: "青禾农业专业合作社携手明岚科技开展直播。", rule: "", confidence: 0.123_456)
        second.add(Edge(relation: .partner, subject: "org:青禾农业专业合作社@330106", object: "org:明岚科技有限公司@330106", evidence: [together]))
        second.add(Edge(relation: .role, subject: "person:王青松@330106", object: "org:青禾农业专业合作社@330106", attrs: ["title": "理事长"]))

        let shares = [DocumentShare(id: "甲.txt", graph: first), DocumentShare(id: "乙.txt", graph: second)]
        var graph = first
        graph.merge(second)
        return (graph, shares)
    }

    /// Writes the sample graph file (with its document lines) and returns its path and bytes.
    func writeSample(named name: String = "g.jsonl") throws -> (path: String, bytes: Data) {
        let (graph, shares) = Self.sample()
        var bytes = Data()
        GraphFile.write(graph, shares: shares) { bytes.append(contentsOf: $0) }
        let path = "\(folder)/\(name)"
        try bytes.write(to: URL(fileURLWithPath: path))
        return (path, bytes)
    }

    /// The file a graph and its shares make: equal files, equal graphs (entities, edges, evidence, documents).
    static func file(of loaded: (graph: Graph, shares: [DocumentShare])) -> Data {
        var bytes = Data()
        GraphFile.write(loaded.graph, shares: loaded.shares) { bytes.append(contentsOf: $0) }
        return bytes
    }

    func sidecar(of path: String) -> Result<(graph: Graph, shares: [DocumentShare]), GraphIndex.Refusal> {
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        guard let stamp = GraphIndex.stamp(ofOpen: descriptor) else { return .failure(.missing) }
        return GraphIndex.read(GraphIndex.path(for: path), for: stamp, graphPath: path, keepingShares: true)
    }

    @Test func theFirstReadingMakesASidecarThatGivesTheSameGraph() throws {
        let (path, bytes) = try writeSample()
        let fromFile = try GraphFile.loadWithShares(path, index: .readAndWrite)
        #expect(FileManager.default.fileExists(atPath: "\(path).tupuidx"))
        guard case .success(let fromSidecar) = sidecar(of: path) else {
            Issue.record("the sidecar was not used")
            return
        }
        #expect(fromSidecar.shares.map(\.id) == ["甲.txt", "乙.txt"])
        #expect(Self.file(of: fromSidecar) == bytes)
        #expect(Self.file(of: fromFile) == bytes)
        // In the file's order, entity by entity and edge by edge.
        #expect(fromSidecar.graph.entities.map(\.id) == fromFile.graph.entities.map(\.id))
        #expect(fromSidecar.graph.edges.map(\.key) == fromFile.graph.edges.map(\.key))
        #expect(fromSidecar.graph.entity(id: "org:明岚科技有限公司@330106")?.docs == ["乙.txt", "甲.txt"])
        #expect(fromSidecar.graph.edges.flatMap(\.evidence).map(\.confidence).sorted() == [0.123, 0.85])
        // The next load goes through the sidecar, and gives the same.
        #expect(Self.file(of: try GraphFile.loadWithShares(path, index: .readAndWrite)) == bytes)
        #expect(Self.file(of: (try GraphFile.load(path, index: .readAndWrite), [])) == Self.file(of: (fromFile.graph, [])))
    }

    /// What a summary says, in a form to compare.
    static func described(_ summary: GraphSummary) -> [String] {
        [
            "\(summary.entities.map { "\($0.type) \($0.count)" })", "\(summary.edges.map { "\($0.relation) \($0.count)" })",
            "documents \(summary.documents)", "evidence \(summary.evidencePieces) \(summary.support) \(summary.edgesWithoutEvidence)",
            "confidence \(summary.meanConfidence ?? -1)", "\(summary.top.map { "\($0.entity.id) \($0.degree)" })"
        ]
    }

    @Test func aSidecarsGraphKnowsItsEdgesEndsAndSummarisesAsTheFilesGraphDoes() throws {
        let (path, _) = try writeSample()
        let fromFile = try GraphFile.load(path, index: .readAndWrite)
        guard case .success(let fromSidecar) = sidecar(of: path) else {
            Issue.record("the sidecar was not used")
            return
        }
        // The sidecar gives each edge's ends as entity positions; the file's reading looks them up.
        #expect(fromSidecar.graph.edgeEnds?.count == 2 * fromSidecar.graph.edges.count)
        #expect(fromSidecar.graph.evidenceDocuments?.count == 2)
        for i in fromSidecar.graph.edges.indices {
            let ends = fromSidecar.graph.endPositions(ofEdge: i)
            #expect(ends.subject.map { fromSidecar.graph.entities[$0].id } == fromSidecar.graph.edges[i].subject)
            #expect(ends.object.map { fromSidecar.graph.entities[$0].id } == fromSidecar.graph.edges[i].object)
        }
        let summary = Self.described(GraphSummary(fromSidecar.graph, top: 3))
        #expect(summary == Self.described(GraphSummary(fromFile, top: 3)))
        #expect(summary.last == "[\"org:明岚科技有限公司@330106 3\", \"org:青禾农业专业合作社@330106 2\", \"person:王青松@330106 1\"]")
        #expect(summary[2] == "documents 2")

        // An edge added afterwards (without its ends) leaves the graph to look ends up again.
        var grown = fromSidecar.graph
        grown.add(Edge(relation: .memberOf, subject: "person:王青松@330106", object: "org:明岚科技有限公司@330106"))
        #expect(grown.edgeEnds == nil && grown.evidenceDocuments == nil)
        #expect(GraphSummary(grown, top: 1).top.map { "\($0.entity.id) \($0.degree)" } == ["org:明岚科技有限公司@330106 4"])
    }

    @Test func withoutTheIndexNoSidecarIsMadeOrRead() throws {
        let (path, _) = try writeSample()
        _ = try GraphFile.load(path)
        #expect(!FileManager.default.fileExists(atPath: "\(path).tupuidx"))
        // A sidecar of another graph in its place is not read without the index.
        let (other, _) = try writeSample(named: "other.jsonl")
        _ = try GraphFile.load(other, index: .readAndWrite)
        try FileManager.default.copyItem(atPath: "\(other).tupuidx", toPath: "\(path).tupuidx")
        #expect(try GraphFile.load(path).entities.count == 5)
    }

    @Test func editingTheGraphFileMakesItsSidecarStale() throws {
        let (path, bytes) = try writeSample()
        _ = try GraphFile.load(path, index: .readAndWrite)
        // One more entity: a graph file tupu writes, of another size.
        var (graph, _) = Self.sample()
        graph.add(Entity(id: "place:330105", type: .place, name: "拱墅区", docs: ["丙.txt"]))
        try GraphFile.save(graph, to: path)
        guard case .failure(.stale) = sidecar(of: path) else {
            Issue.record("a sidecar of the old file was taken for the new one")
            return
        }
        #expect(try GraphFile.load(path, index: .readAndWrite).entity(id: "place:330105") != nil)
        // And the next reading made a sidecar of the new file.
        guard case .success(let renewed) = sidecar(of: path) else {
            Issue.record("no sidecar of the new file")
            return
        }
        #expect(renewed.graph.entities.count == 6)

        // The same number of bytes, one character for another: the file's own checksum fails,
        // where a sidecar trusted on size alone would have given the old graph.
        try bytes.write(to: URL(fileURLWithPath: path))
        _ = try GraphFile.load(path, index: .readAndWrite)
        let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "邻里帮帮团", with: "邻里互助团")
        #expect(text.utf8.count == bytes.count)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: GraphFile.ReadError.self) { try GraphFile.load(path, index: .readAndWrite) }
    }

    @Test func aDamagedSidecarIsPassedOverWithoutACrash() throws {
        let (path, bytes) = try writeSample()
        _ = try GraphFile.load(path, index: .readAndWrite)
        let sidecarPath = "\(path).tupuidx"
        let good = try Data(contentsOf: URL(fileURLWithPath: sidecarPath))
        var damaged: [(String, Data)] = [
            ("empty", Data()), ("cut in the header", good.prefix(40)), ("cut in the body", good.prefix(good.count - 7)),
            ("grown", good + Data([0, 1, 2])), ("the graph file itself", bytes)
        ]
        for offset in stride(from: GraphIndex.headerBytes, to: good.count, by: max(1, good.count / 40)) {
            var flipped = good
            flipped[offset] ^= 0x5A
            damaged.append(("a byte flipped at \(offset)", flipped))
        }
        for (what, content) in damaged {
            try content.write(to: URL(fileURLWithPath: sidecarPath))
            guard case .failure(let refusal) = sidecar(of: path) else {
                Issue.record("a sidecar \(what) was used")
                continue
            }
            #expect(refusal != .missing && refusal != .stale, "\(what): \(refusal)")
            #expect(Self.file(of: try GraphFile.loadWithShares(path, index: .readAndWrite)) == bytes, "\(what)")
        }
        // The last reading put a good sidecar back.
        guard case .success = sidecar(of: path) else {
            Issue.record("no good sidecar made again")
            return
        }
    }

    @Test func aSidecarThatCannotBeWrittenLeavesTheFileToBeRead() throws {
        // A folder where the sidecar would go: it can be neither read nor replaced (a read-only
        // folder would not do where the tests run as root).
        let (path, bytes) = try writeSample()
        try FileManager.default.createDirectory(atPath: "\(path).tupuidx", withIntermediateDirectories: false)
        for _ in 0..<2 {
            #expect(Self.file(of: try GraphFile.loadWithShares(path, index: .readAndWrite)) == bytes)
        }
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: "\(path).tupuidx", isDirectory: &isFolder) && isFolder.boolValue)
    }

    @Test func aFileThatReadsWithWarningsGetsNoSidecar() throws {
        // A version 1 file has no end line: it loads, with a warning, and is not cached.
        let (path, bytes) = try writeSample()
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropLast()
        let versionOne = lines.map { $0.replacingOccurrences(of: #""version":2"#, with: #""version":1"#) + "\n" }.joined()
        try Data(versionOne.utf8).write(to: URL(fileURLWithPath: path))
        var warnings = 0
        _ = try GraphFile.load(path, index: .readAndWrite) { _ in warnings += 1 }
        #expect(warnings == 1)
        #expect(!FileManager.default.fileExists(atPath: "\(path).tupuidx"))
    }
}
