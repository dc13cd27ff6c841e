import Foundation
import Testing
import TupuGraph
import TupuKit
import TupuText

@testable import TupuRelate

/// `tupu merge` and `tupu build --update` against a build of the whole: for random splits of the
/// repository's seeds and of a generated corpus (fixed seeds), merging the builds of consecutive
/// parts, or updating the build of a first part with the rest, writes the same bytes as one build.
@Suite(.serialized) struct GraphMergeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let builder = try! CorpusBuilder.standard().builder

    struct Doc {
        let id: String
        let text: String
    }

    static func seedDocuments() throws -> [Doc] {
        let folder = root.appendingPathComponent("seeds").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { Doc(id: $0, text: try String(contentsOfFile: folder + "/" + $0, encoding: .utf8)) }
    }

    /// Short invented articles about a few real Zhejiang towns and invented bodies and
    /// programmes, drawn with repeats so that edges collect more evidence than a graph keeps.
    static func generatedDocuments(count: Int, seed: UInt64) -> [Doc] {
        let towns = [("德清县", "舞阳街道"), ("安吉县", "递铺街道"), ("桐乡市", "梧桐街道"), ("临海市", "古城街道")]
        let bodies = ["晨曦公益服务中心", "青禾志愿服务队", "银龄互助协会"]
        let programmes = ["邻里暖阳", "安心食堂", "红色管家", "书香课堂"]
        let people = ["林晓岚", "周明远", "陈若溪"]
        var random = SplitMix64(seed: seed)
        return (0..<count).map { i in
            let (county, town) = towns[random.below(towns.count)]
            let body = bodies[random.below(bodies.count)]
            let programme = programmes[random.below(programmes.count)]
            let other = programmes[random.below(programmes.count)]
            let person = people[random.below(people.count)]
            var text = "社区服务暖人心\n\n近日，\(county)\(town)党工委联合\(county)\(body)推出“\(programme)”项目。"
            if random.below(2) == 0 { text += "\(county)\(body)率先推出“\(other)”项目，\(town)党工委书记\(person)说，居民很满意。" }
            if random.below(3) == 0 { text += "\(county)\(town)总工会联合\(county)\(body)开展“\(programme)”系列活动。" }
            return Doc(id: "g\(i).txt", text: text + "\n")
        }
    }

    /// The documents as a JSON Lines file in a fresh folder.
    static func write(_ docs: some Collection<Doc>, in folder: String, name: String) throws -> String {
        var lines = ""
        for doc in docs {
            let object = try JSONSerialization.data(withJSONObject: ["id": doc.id, "text": doc.text])
            lines += String(decoding: object, as: UTF8.self) + "\n"
        }
        let path = folder + "/" + name
        try lines.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func bytes(_ graph: Graph, shares: [DocumentShare] = []) -> Data {
        var data = Data()
        GraphFile.write(graph, shares: shares) { data.append(contentsOf: $0) }
        return data
    }

    static func parse(_ data: Data) throws -> CorpusBuilder.GraphPart {
        let folder = NSTemporaryDirectory() + "tupu-merge-\(UUID().uuidString).jsonl"
        try data.write(to: URL(fileURLWithPath: folder))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (graph, shares) = try GraphFile.loadWithShares(folder)
        return CorpusBuilder.GraphPart(graph: graph, shares: shares)
    }

    /// Cut points of `count` documents into `parts` consecutive non-empty runs.
    static func split(_ count: Int, into parts: Int, _ random: inout SplitMix64) -> [Range<Int>] {
        var cuts = Set<Int>()
        while cuts.count < min(parts, count) - 1 { cuts.insert(1 + random.below(count - 1)) }
        let bounds = [0] + cuts.sorted() + [count]
        return (0..<bounds.count - 1).map { bounds[$0]..<bounds[$0 + 1] }
    }

    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "tupu-merge-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Builds the parts (each through its own graph file, as `tupu merge` reads them) and merges them.
    func checkMergeEqualsWhole(_ docs: [Doc], splits: Int, seed: UInt64) throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let whole = Self.builder.build([try Self.write(docs, in: folder, name: "whole.jsonl")], recordingShares: true)
        var random = SplitMix64(seed: seed)
        for round in 0..<splits {
            let ranges = Self.split(docs.count, into: 2 + random.below(3), &random)
            var plain: [CorpusBuilder.GraphPart] = []
            var updatable: [CorpusBuilder.GraphPart] = []
            for (i, range) in ranges.enumerated() {
                let report = Self.builder.build([try Self.write(docs[range], in: folder, name: "part\(round)-\(i).jsonl")], recordingShares: true)
                plain.append(try Self.parse(Self.bytes(report.graph)))
                updatable.append(try Self.parse(Self.bytes(report.graph, shares: report.shares)))
            }
            let merged = Self.builder.merge(plain).merged
            #expect(Self.bytes(merged.graph) == Self.bytes(whole.graph), "split \(ranges)")
            let (mergedWithShares, complete) = Self.builder.merge(updatable)
            #expect(complete)
            #expect(Self.bytes(mergedWithShares.graph, shares: mergedWithShares.shares) == Self.bytes(whole.graph, shares: whole.shares), "split \(ranges)")
        }
    }

    @Test func mergingTheBuildsOfConsecutivePartsOfTheSeedsGivesTheBuildOfTheWhole() throws {
        try checkMergeEqualsWhole(try Self.seedDocuments(), splits: 3, seed: 7)
    }

    @Test func mergingTheBuildsOfConsecutivePartsOfAGeneratedCorpusGivesTheBuildOfTheWhole() throws {
        let docs = Self.generatedDocuments(count: 60, seed: 11)
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The corpus exercises the evidence cap: some edge is stated more often than a graph keeps.
        let whole = Self.builder.build([try Self.write(docs, in: folder, name: "all.jsonl")])
        try #require(whole.graph.edges.contains { $0.support > Graph.evidenceLimit })
        try checkMergeEqualsWhole(docs, splits: 3, seed: 12)
    }

    @Test func aTownLinkedAsAParentInOnePartAndNamedInTheNextMergesAsInOneBuild() throws {
        // The first part names only a village's county (its town and city are linked parents),
        // the second names the town itself: the merged town is the second part's, as in one build.
        let docs = [
            Doc(id: "a.txt", text: "近日，德清县晨曦公益服务中心推出“邻里暖阳”项目。\n"),
            Doc(id: "b.txt", text: "近日，德清县舞阳街道党工委联合德清县晨曦公益服务中心推出“安心食堂”项目。\n")
        ]
        try checkMergeEqualsWhole(docs, splits: 1, seed: 1)
    }

    /// The old graph: a build of the first documents (written and read back); the update adds the rest.
    func update(old: some Collection<Doc>, new: some Collection<Doc>, in folder: String, name: String) throws -> CorpusBuilder.UpdateReport {
        let first = Self.builder.build([try Self.write(old, in: folder, name: name + "-old.jsonl")], recordingShares: true)
        let stored = try Self.parse(Self.bytes(first.graph, shares: first.shares))
        return Self.builder.update(stored, with: [try Self.write(new, in: folder, name: name + "-new.jsonl")])
    }

    @Test func updatingTheBuildOfAFirstPartWithTheRestGivesTheBuildOfTheWhole() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var random = SplitMix64(seed: 21)
        for docs in [try Self.seedDocuments(), Self.generatedDocuments(count: 50, seed: 22)] {
            let whole = Self.builder.build([try Self.write(docs, in: folder, name: "whole.jsonl")], recordingShares: true)
            for round in 0..<2 {
                let cut = 1 + random.below(docs.count - 1)
                let update = try update(old: docs[..<cut], new: docs[cut...], in: folder, name: "u\(round)")
                #expect(update.replaced.isEmpty)
                #expect(Self.bytes(update.updated.graph, shares: update.updated.shares) == Self.bytes(whole.graph, shares: whole.shares), "cut at \(cut)")
            }
        }
    }

    @Test func aReplacedSeedDocumentLeavesWithItsMentionsAndEvidence() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let docs = try Self.seedDocuments()
        var random = SplitMix64(seed: 31)
        for round in 0..<2 {
            // A new version of one document (its first paragraph dropped), and a document new to the graph.
            let cut = 2 + random.below(docs.count - 2)
            let replaced = random.below(cut)
            let newVersion = Doc(id: docs[replaced].id, text: String(docs[replaced].text.drop { $0 != "\n" }))
            let new = Array(docs[cut...]) + [newVersion]
            let update = try update(old: docs[..<cut], new: new, in: folder, name: "r\(round)")
            #expect(update.replaced == [docs[replaced].id])
            var rebuilt = docs[..<cut].filter { $0.id != docs[replaced].id }
            rebuilt += new
            let whole = Self.builder.build([try Self.write(rebuilt, in: folder, name: "r\(round)-whole.jsonl")], recordingShares: true)
            #expect(Self.bytes(update.updated.graph, shares: update.updated.shares) == Self.bytes(whole.graph, shares: whole.shares))
        }
    }

    /// Where a replaced document held one of an edge's kept pieces of evidence and later
    /// documents' pieces had been dropped, the update cannot bring those back (they were never
    /// stored): it keeps the pieces it knows, in order. Everything else is the rebuild's.
    @Test func replacingDocumentsOfAGeneratedCorpusKeepsEverythingButDroppedEvidence() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let docs = Self.generatedDocuments(count: 50, seed: 41)
        let cut = 35
        var new = Array(docs[cut...])
        new.append(Doc(id: docs[3].id, text: docs[40].text))
        new.append(Doc(id: docs[20].id, text: "近日，安吉县递铺街道党工委推出“书香课堂”项目。\n"))
        let update = try update(old: docs[..<cut], new: new, in: folder, name: "g")
        #expect(update.replaced == [docs[3].id, docs[20].id])
        let rebuilt = docs[..<cut].filter { $0.id != docs[3].id && $0.id != docs[20].id } + new
        let whole = Self.builder.build([try Self.write(rebuilt, in: folder, name: "g-whole.jsonl")], recordingShares: true)
        let updated = update.updated.graph

        #expect(updated.entities.count == whole.graph.entities.count)
        for entity in whole.graph.entities {
            let mine = try #require(updated.entity(id: entity.id))
            #expect(
                (mine.name, mine.aliases, mine.attrs, mine.docs, mine.mentions) == (entity.name, entity.aliases, entity.attrs, entity.docs, entity.mentions))
        }
        #expect(updated.edges.count == whole.graph.edges.count)
        var short = 0
        for edge in whole.graph.edges {
            let mine = try #require(updated.edge(edge.key))
            #expect(mine.support == edge.support && mine.attrs == edge.attrs)
            if mine.evidence != edge.evidence {
                short += 1
                // The rebuild's pieces that the update knew of come first, in the same order.
                let known = edge.evidence.filter { mine.evidence.contains($0) }
                #expect(Array(mine.evidence.prefix(known.count)) == known)
                #expect(edge.support > Graph.evidenceLimit)
            }
        }
        #expect(short < whole.graph.edges.count / 4)
    }
}

extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
