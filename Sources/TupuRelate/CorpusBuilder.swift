import Dispatch
import Foundation
import TupuGazetteer
import TupuGraph
import TupuText

/// Builds one graph from many files: files are read and extracted in parallel on all
/// cores, and their graphs merged in input order so the result does not depend on timing.
public struct CorpusBuilder: Sendable {
    public struct Report: Sendable {
        public var graph = Graph()
        public var files = 0
        public var documents = 0
        public var articles = 0
        public var bytes = 0
        public var problems: [ReadProblem] = []
        /// Each document's share of the graph, in build order, when the build was asked for them.
        public var shares: [DocumentShare] = []
    }

    public struct Progress: Sendable {
        public let filesDone: Int
        public let filesTotal: Int
        public let bytesDone: Int
    }

    public let extractor: DocumentExtractor

    public init(extractor: DocumentExtractor) { self.extractor = extractor }

    /// `recordingShares`: keep each document's share (`DocumentShare`), so that the graph can be
    /// updated later (`tupu build --updatable`, `--update`).
    public func build(_ paths: [String], recordingShares: Bool = false, progress: (@Sendable (Progress) -> Void)? = nil) -> Report {
        let (files, listingProblems) = DocumentReader.inputs(for: paths)
        var report = Report()
        report.problems = listingProblems
        report.files = files.count

        struct Part: Sendable {
            var graph = Graph()
            var documents = 0
            var articles = 0
            var bytes = 0
            var problems: [ReadProblem] = []
            var shares: [DocumentShare] = []
        }
        // Finished parts wait here until every earlier file has been merged.
        let lock = NSLock()
        nonisolated(unsafe) var pending: [Int: Part] = [:]
        nonisolated(unsafe) var nextToMerge = 0
        nonisolated(unsafe) var merged = report
        let extractor = self.extractor
        let filled = FilledEdges()
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            var part = Part()
            let (documents, problems) = DocumentReader.read(files[index])
            part.problems = problems
            for document in documents {
                part.documents += 1
                part.bytes += document.utf8Count
                // The divisions above the places named are linked once, in the merged graph (below).
                let (graph, articles) = extractor.extractCounting(document, linkingDivisions: false,
                                                                  wantsEvidence: { !filled.contains($0, hash: $1) })
                part.articles += articles
                if recordingShares { part.shares.append(DocumentShare(id: document.id, graph: graph)) }
                part.graph.merge(graph)
            }
            lock.lock()
            pending[index] = part
            while let ready = pending.removeValue(forKey: nextToMerge) {
                merged.graph.merge(ready.graph, filled: filled.insert)
                merged.documents += ready.documents
                merged.articles += ready.articles
                merged.bytes += ready.bytes
                merged.problems += ready.problems
                merged.shares += ready.shares
                nextToMerge += 1
            }
            let snapshot = Progress(filesDone: nextToMerge, filesTotal: files.count, bytesDone: merged.bytes)
            lock.unlock()
            progress?(snapshot)
        }
        extractor.linkDivisions(of: &merged.graph)
        return merged
    }
}

extension CorpusBuilder {
    /// The builder every command uses: the bundled Zhejiang gazetteer, the bundled brand
    /// file and the user's brand files. A malformed brand row is reported, the rest load.
    public static func standard(brandFiles: [String] = []) throws -> (builder: CorpusBuilder, problems: [GazetteerProblem]) {
        let places = try PlaceGazetteer.bundled()
        var (brands, problems) = BrandGazetteer.bundled()
        for path in brandFiles {
            let (more, trouble) = BrandGazetteer.load(path: path)
            brands += more
            problems += trouble
        }
        return (CorpusBuilder(extractor: DocumentExtractor(gazetteer: places, brands: brands)), problems)
    }
}

/// Edges whose evidence the merged graph has filled. Files are merged in input order, so a file
/// still being read is merged after every file merged so far: its evidence for these edges would
/// be dropped, and the reader counts their support without making it (same graph, less work).
final class FilledEdges: @unchecked Sendable {
    private let lock = NSLock()
    private var keys = EdgeKeySet()

    func insert(_ key: EdgeKey) {
        let hash = key.byteHash
        lock.lock()
        keys.insert(key, hash: hash)
        lock.unlock()
    }

    /// `hash`: the key's `byteHash`, which the reader has made for its graph anyway.
    func contains(_ key: EdgeKey, hash: UInt64) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return keys.contains(key, hash: hash)
    }
}
