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
        /// Inputs skipped and warnings (`severity`), in input order.
        public var problems: [ReadProblem] = []
    }

    public struct Progress: Sendable {
        public let filesDone: Int
        public let filesTotal: Int
        public let bytesDone: Int
    }

    public let extractor: DocumentExtractor
    /// The largest document (file, standard input or JSON Lines line) read; larger ones are skipped.
    public var maximumDocumentBytes = DocumentReader.defaultMaximumBytes

    public init(extractor: DocumentExtractor) { self.extractor = extractor }

    public func build(_ paths: [String], progress: (@Sendable (Progress) -> Void)? = nil) -> Report {
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
            /// A graph file tupu wrote, found in an input folder: skipped without a word and not counted.
            var skippedQuietly = false
            /// Each document's id and where it came from.
            var sources: [(id: String, source: String)] = []
        }
        // Finished parts wait here until every earlier file has been merged.
        let lock = NSLock()
        nonisolated(unsafe) var pending: [Int: Part] = [:]
        nonisolated(unsafe) var nextToMerge = 0
        nonisolated(unsafe) var merged = report
        let extractor = self.extractor, maximumDocumentBytes = self.maximumDocumentBytes
        let filled = FilledEdges()
        /// Where each document id came from first: a second file with it adds to its counts.
        nonisolated(unsafe) var sourceOfID: [String: String] = [:]
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            var part = Part()
            let (documents, problems) = DocumentReader.read(files[index], maximumBytes: maximumDocumentBytes)
            part.problems = problems
            part.skippedQuietly = documents.isEmpty && problems.isEmpty
            for document in documents {
                part.documents += 1
                part.sources.append((document.id, document.source))
                part.bytes += document.utf8Count
                // The divisions above the places named are linked once, in the merged graph (below).
                let (graph, articles) = extractor.extractCounting(document, linkingDivisions: false,
                                                                  wantsEvidence: { !filled.contains($0, hash: $1) })
                part.articles += articles
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
                if ready.skippedQuietly { merged.files -= 1 }
                // Ids repeated inside one JSON Lines file were reported by its reader.
                var idsOfThisFile: Set<String> = []
                for (id, source) in ready.sources where idsOfThisFile.insert(id).inserted {
                    if let first = sourceOfID[id] {
                        merged.problems.append(ReadProblem(path: source, message: "document id \"\(id)\" is also that of \(first); both are read as one document's", severity: .warning))
                    } else {
                        sourceOfID[id] = source
                    }
                }
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
    /// The builder every command uses: the bundled Zhejiang gazetteer, the bundled organisation
    /// and brand files and the user's names files. A malformed row is a problem and a doubtful
    /// one a warning (both `file:line`); the rest load.
    public static func standard(brandFiles: [String] = []) throws
        -> (builder: CorpusBuilder, problems: [GazetteerProblem], warnings: [GazetteerProblem]) {
        let places = try PlaceGazetteer.bundled()
        _ = try OrganisationGazetteer.bundled()   // a broken bundle is reported here, not deep in a stage
        var loaded = BrandGazetteer.bundled()
        for path in brandFiles {
            let more = BrandGazetteer.load(path: path)
            loaded.entries += more.entries
            loaded.problems += more.problems
            loaded.warnings += more.warnings
        }
        // An entry of an organisation kind (government, company …) names an organisation.
        let (brands, organisations) = OrganisationGazetteer.split(loaded.entries)
        return (CorpusBuilder(extractor: DocumentExtractor(gazetteer: places, brands: brands, organisations: organisations)),
                loaded.problems, loaded.warnings)
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
