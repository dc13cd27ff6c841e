import Dispatch
import Foundation
import TupuGazetteer
import TupuGraph
import TupuKit
import TupuRecognise
import TupuText

/// Builds one graph from many files: files, and JSON Lines inputs in chunks of lines, are read
/// and extracted in parallel on all cores, and their graphs merged in input order so the result
/// does not depend on timing (`ChunkedBuild.swift`). With a learner, a first pass (also in
/// chunks, merged in input order) learns the programme names the corpus proves, and every
/// document is then read knowing all of them.
public struct CorpusBuilder: Sendable {
    public struct Report: Sendable {
        public var graph = Graph()
        public var files = 0
        public var documents = 0
        public var articles = 0
        public var bytes = 0
        /// Inputs skipped and warnings (`severity`), in input order.
        public var problems: [ReadProblem] = []
        /// The programme names the first pass learned (empty without a learner).
        public var learned: [LearnedBrand] = []
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
    /// The largest document (file, standard input or JSON Lines line) read; larger ones are skipped.
    public var maximumDocumentBytes = DocumentReader.defaultMaximumBytes
    /// About how many bytes of JSON Lines a chunk holds (the window holds `window` of them).
    public var chunkBytes = DocumentReader.defaultChunkBytes
    /// Learns programme names across the corpus before extracting; nil reads each document alone.
    public let learner: BrandLearner?

    public init(extractor: DocumentExtractor, learner: BrandLearner? = nil) {
        self.extractor = extractor
        self.learner = learner
    }

    /// One chunk's documents and problems.
    typealias Read = (documents: [Document], problems: [ReadProblem])

    /// How many scalars of text (4 bytes each) the first pass keeps for the second: a corpus of
    /// up to some 50 MB of UTF-8 is read once; beyond, the rest is read again.
    static let keptScalarsBudget = 16 << 20

    /// The first pass alone: the names `learner` learns from the files, in input order. What it
    /// read is handed back (by chunk position) for the second pass: standard input, which can be
    /// read only once (and so is held in memory), and other chunks while they fit `keptScalarsBudget`.
    static func learn(
        _ files: [InputFile], with learner: BrandLearner, maximumBytes: Int = DocumentReader.defaultMaximumBytes,
        chunkBytes: Int = DocumentReader.defaultChunkBytes
    ) -> (learned: [LearnedBrand], alreadyRead: [Int: Read]) {
        let lock = NSLock()
        // The earliest chunk that proved each name so far: a later chunk need not make its
        // sighting (the merge keeps the earliest, and the earliest always makes its own). Keyed
        // by bytes: a `String` key ran `Hasher` and a normalisation check on every question.
        nonisolated(unsafe) var firstChunk: [TextKey: Int] = [:]
        nonisolated(unsafe) var kept = 0
        struct Part: Sendable {
            var position: Int
            var found: [(doc: String, sightings: [BrandSighting])]
            var read: Read? = nil
        }
        var found: [(doc: String, sightings: [BrandSighting])] = []
        var alreadyRead: [Int: Read] = [:]
        forEachChunk(of: files, maximumBytes: maximumBytes, chunkBytes: chunkBytes) { position, _, chunk in
            func isWanted(_ name: String, _ claim: Bool) -> Bool {
                let key = TextKey(name)
                lock.lock()
                defer { lock.unlock() }
                if let first = firstChunk[key], first < position { return false }
                if claim { firstChunk[key] = position }
                return true
            }
            let read = chunk.documents(maximumBytes: maximumBytes)
            let found = read.documents.map { (doc: $0.id, sightings: learner.sightings(in: $0, isWanted: isWanted)) }
            let size = read.documents.reduce(0) { $0 + $1.scalars.count }
            lock.lock()
            defer { lock.unlock() }
            if case .file(let file) = chunk, file.path == "-" { return Part(position: position, found: found, read: read) }
            guard kept + size <= keptScalarsBudget else { return Part(position: position, found: found) }
            kept += size
            return Part(position: position, found: found, read: read)
        } merge: { part in
            found += part.found
            alreadyRead[part.position] = part.read
        }
        return (learner.learn(found), alreadyRead)
    }

    /// `recordingShares`: keep each document's share (`DocumentShare`), so that the graph can be
    /// updated later (`tupu build --updatable`, `--update`).
    public func build(_ paths: [String], recordingShares: Bool = false, progress: (@Sendable (Progress) -> Void)? = nil) -> Report {
        let (files, listingProblems) = DocumentReader.inputs(for: paths)
        var report = Report()
        report.problems = listingProblems
        report.files = files.count
        var firstPass: [Int: Read] = [:]
        if let learner { (report.learned, firstPass) = Self.learn(files, with: learner, maximumBytes: maximumDocumentBytes, chunkBytes: chunkBytes) }
        let alreadyRead = ReadOnce(firstPass)
        firstPass = [:]
        let extractor = report.learned.isEmpty ? self.extractor : self.extractor.adding(brands: report.learned.map(\.entry))
        let maximumDocumentBytes = self.maximumDocumentBytes
        let inputBytesTotal = files.contains { $0.path == "-" } ? nil : files.reduce(0) { $0 + (DocumentReader.fileSize($1.path) ?? 0) }

        struct Part: Sendable {
            var file: Int
            var inputBytes: Int
            /// Lines of a JSON Lines file: an id it repeats is found in the merge, across chunks.
            var isLines: Bool
            var graph = Graph()
            var documents = 0
            var articles = 0
            var bytes = 0
            var problems: [ReadProblem] = []
            var shares: [DocumentShare] = []
            /// The listed places the documents name, each document's in its graph's order.
            var places: [PlaceIndex] = []
            /// A graph file tupu wrote, found in an input folder: skipped without a word and not counted.
            var skippedQuietly = false
            /// Each document's id and where it came from.
            var sources: [(id: String, source: String)] = []
        }
        let filled = FilledEdges()
        var merged = report
        var inputBytesDone = 0
        /// Where each document id came from first (and its file): a second one adds to its counts.
        var sourceOfID: [String: (file: Int, source: String)] = [:]
        /// The listed places named, in the merged graph's order: each at its first naming.
        var namedPlaces: [PlaceIndex] = []
        var isNamed = Set<PlaceIndex>()
        Self.forEachChunk(of: files, maximumBytes: maximumDocumentBytes, chunkBytes: chunkBytes) { position, file, chunk in
            var isLines = false
            if case .lines = chunk { isLines = true }
            var part = Part(file: file, inputBytes: chunk.inputBytes, isLines: isLines)
            let (documents, problems) = alreadyRead.take(position) ?? chunk.documents(maximumBytes: maximumDocumentBytes)
            part.problems = problems
            part.skippedQuietly = !isLines && documents.isEmpty && problems.isEmpty
            for document in documents {
                part.documents += 1
                part.sources.append((document.id, document.source))
                part.bytes += document.utf8Count
                // The divisions above the places named are linked once, in the merged graph (below).
                let (graph, articles, places) = extractor.extractCounting(
                    document, linkingDivisions: false,
                    wantsEvidence: { !filled.contains($0, hash: $1) })
                part.articles += articles
                part.places += places
                if recordingShares { part.shares.append(DocumentShare(id: document.id, graph: graph)) }
                part.graph.merge(graph)
            }
            return part
        } merge: { ready in
            // The part's graph taken out of it, so that merging moves its entities and edges.
            var graph = Graph()
            swap(&graph, &ready.graph)
            merged.graph.merge(consume graph, filled: filled.insert)
            merged.documents += ready.documents
            merged.articles += ready.articles
            merged.bytes += ready.bytes
            merged.problems += ready.problems
            merged.shares += ready.shares
            for place in ready.places where isNamed.insert(place).inserted { namedPlaces.append(place) }
            if ready.skippedQuietly { merged.files -= 1 }
            inputBytesDone += ready.inputBytes
            // Ids repeated inside a file read whole were reported by its reader.
            var idsOfThisPart: Set<String> = []
            for (id, source) in ready.sources where ready.isLines || idsOfThisPart.insert(id).inserted {
                guard let first = sourceOfID[id] else {
                    sourceOfID[id] = (ready.file, source)
                    continue
                }
                if first.file == ready.file {
                    let path = files[ready.file].path
                    merged.problems.append(DocumentReader.repeatedID(id, in: path, at: Self.line(of: source), firstAt: Self.line(of: first.source)))
                } else {
                    merged.problems.append(
                        ReadProblem(
                            path: source, message: "document id \"\(id)\" is also that of \(first.source); both are read as one document's", severity: .warning)
                    )
                }
            }
            progress?(
                Progress(
                    filesDone: ready.file + 1, filesTotal: files.count, bytesDone: merged.bytes, documentsDone: merged.documents,
                    inputBytesDone: inputBytesDone, inputBytesTotal: inputBytesTotal))
        }
        extractor.linkDivisions(of: &merged.graph, places: namedPlaces)
        return merged
    }

    /// The line of a JSON Lines document's source (`path:LINE`).
    private static func line(of source: String) -> Int {
        Int(source[source.index(after: source.lastIndex(of: ":")!)...])!
    }
}

extension CorpusBuilder {
    /// The builder every command uses: the bundled Zhejiang gazetteer, the bundled organisation
    /// and brand files and the user's names files, learning programme names from the corpus
    /// unless told not to. A malformed row is a problem and a doubtful one a warning (both
    /// `file:line`); the rest load.
    public static func standard(brandFiles: [String] = [], learning: Bool = true) throws
        -> (builder: CorpusBuilder, problems: [GazetteerProblem], warnings: [GazetteerProblem])
    {
        let places = try PlaceGazetteer.bundled()
        _ = try OrganisationGazetteer.bundled()  // a broken bundle is reported here, not deep in a stage
        var loaded = BrandGazetteer.bundled()
        for path in brandFiles {
            let more = BrandGazetteer.load(path: path)
            loaded.entries += more.entries
            loaded.problems += more.problems
            loaded.warnings += more.warnings
        }
        // An entry of an organisation kind (government, company …) names an organisation.
        let (brands, organisations) = OrganisationGazetteer.split(loaded.entries)
        let learner = learning ? BrandLearner(places: places, brands: brands) : nil
        return (
            CorpusBuilder(
                extractor: DocumentExtractor(gazetteer: places, brands: brands, organisations: organisations),
                learner: learner),
            loaded.problems, loaded.warnings
        )
    }
}

/// The chunks the first pass kept, each let go when the second takes it: what the first pass
/// read is not held while the graph grows to its largest.
final class ReadOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var reads: [Int: CorpusBuilder.Read]

    init(_ reads: [Int: CorpusBuilder.Read]) { self.reads = reads }

    func take(_ position: Int) -> CorpusBuilder.Read? {
        lock.lock()
        defer { lock.unlock() }
        return reads.removeValue(forKey: position)
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

extension CorpusBuilder {
    /// What `tupu gazetteer learn` reports: the names learned from the files, and for each how
    /// many documents write it (by its name or a short form) and how many times in all.
    public struct Learning: Sendable {
        public var learned: [LearnedBrand] = []
        public var documentsOfName: [Int] = []
        public var mentionsOfName: [Int] = []
        public var documents = 0
        public var problems: [ReadProblem] = []
    }

    /// Both passes of learning over `paths`: learn in input order, then count every mention of
    /// the learned names in every document (quoted or not, full or short).
    public static func learn(_ paths: [String], with learner: BrandLearner) -> Learning {
        let (files, listingProblems) = DocumentReader.inputs(for: paths)
        var learning = Learning()
        let alreadyRead: [Int: Read]
        (learning.learned, alreadyRead) = learn(files, with: learner)
        learning.documentsOfName = [Int](repeating: 0, count: learning.learned.count)
        learning.mentionsOfName = learning.documentsOfName
        var patterns: [String] = []
        var owners: [Int] = []
        for (i, brand) in learning.learned.enumerated() {
            for form in [brand.name] + brand.aliases {
                patterns.append(form)
                owners.append(i)
            }
        }
        let matcher = patterns.isEmpty ? nil : ScalarMatcher(patterns: patterns)
        let owner = owners
        learning.problems = listingProblems
        forEachChunk(of: files, maximumBytes: DocumentReader.defaultMaximumBytes, chunkBytes: DocumentReader.defaultChunkBytes) { position, _, chunk in
            let (documents, problems) = alreadyRead[position] ?? chunk.documents()
            let counts = documents.map { document in
                matcher.map { BrandLearner.mentions(matching: $0, owner: owner, in: Segmenter.segment(document)) } ?? [:]
            }
            return (counts: counts, problems: problems)
        } merge: { part in
            learning.problems += part.problems
            learning.documents += part.counts.count
            for document in part.counts {
                for (name, count) in document {
                    learning.documentsOfName[name] += 1
                    learning.mentionsOfName[name] += count
                }
            }
        }
        return learning
    }
}
