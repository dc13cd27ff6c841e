import Dispatch
import Foundation
import TupuGazetteer
import TupuGraph
import TupuText

/// Builds one graph from many files: files, and JSON Lines inputs in chunks of lines, are read
/// and extracted in parallel on all cores, and their graphs merged in input order so the result
/// does not depend on timing (`ChunkedBuild.swift`).
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
        /// Files up to the one being merged.
        public let filesDone: Int
        public let filesTotal: Int
        /// UTF-8 bytes of the documents' texts merged.
        public let bytesDone: Int
        public let documentsDone: Int
        /// Bytes of input read and merged, of how many in all (nil when reading standard input).
        public let inputBytesDone: Int
        public let inputBytesTotal: Int?

        public init(filesDone: Int, filesTotal: Int, bytesDone: Int, documentsDone: Int, inputBytesDone: Int, inputBytesTotal: Int?) {
            (self.filesDone, self.filesTotal, self.bytesDone) = (filesDone, filesTotal, bytesDone)
            (self.documentsDone, self.inputBytesDone, self.inputBytesTotal) = (documentsDone, inputBytesDone, inputBytesTotal)
        }
    }

    public let extractor: DocumentExtractor

    public init(extractor: DocumentExtractor) { self.extractor = extractor }

    /// `recordingShares`: keep each document's share (`DocumentShare`), so that the graph can be
    /// updated later (`tupu build --updatable`, `--update`).
    public func build(_ paths: [String], recordingShares: Bool = false, progress: (@Sendable (Progress) -> Void)? = nil) -> Report {
        buildInChunks(paths, recordingShares: recordingShares, progress: progress)
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
