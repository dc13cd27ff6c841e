import Dispatch
import Foundation
import TupuGazetteer
import TupuGraph
import TupuRecognise
import TupuText

/// Builds one graph from many files: files are read and extracted in parallel on all
/// cores, and their graphs merged in input order so the result does not depend on timing.
/// With a learner, a first pass (also parallel, merged in input order) learns the programme
/// names the corpus proves, and every document is then read knowing all of them.
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
    }

    public struct Progress: Sendable {
        public let filesDone: Int
        public let filesTotal: Int
        public let bytesDone: Int
    }

    public let extractor: DocumentExtractor
    /// The largest document (file, standard input or JSON Lines line) read; larger ones are skipped.
    public var maximumDocumentBytes = DocumentReader.defaultMaximumBytes
    /// Learns programme names across the corpus before extracting; nil reads each document alone.
    public let learner: BrandLearner?

    public init(extractor: DocumentExtractor, learner: BrandLearner? = nil) {
        self.extractor = extractor
        self.learner = learner
    }

    /// One input's documents and problems.
    typealias Read = (documents: [Document], problems: [ReadProblem])

    /// How many scalars of text (4 bytes each) the first pass keeps for the second: a corpus of
    /// up to some 50 MB of UTF-8 is read once; beyond, the rest is read again.
    static let keptScalarsBudget = 16 << 20

    /// The first pass alone: the names `learner` learns from the files, in input order. What it
    /// read is handed back (by file index) for the second pass: standard input, which can be read
    /// only once, and the other files while they fit `keptScalarsBudget`.
    static func learn(_ files: [InputFile], with learner: BrandLearner,
                      maximumBytes: Int = DocumentReader.defaultMaximumBytes) -> (learned: [LearnedBrand], alreadyRead: [Int: Read]) {
        let lock = NSLock()
        nonisolated(unsafe) var perFile = [[(doc: String, sightings: [BrandSighting])]](repeating: [], count: files.count)
        nonisolated(unsafe) var alreadyRead: [Int: Read] = [:]
        // The earliest file that proved each name so far: a later file need not make its
        // sighting (the merge keeps the earliest, and the earliest always makes its own).
        nonisolated(unsafe) var firstFile: [String: Int] = [:]
        nonisolated(unsafe) var kept = 0
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            func isWanted(_ name: String, _ claim: Bool) -> Bool {
                lock.lock()
                defer { lock.unlock() }
                if let first = firstFile[name], first < index { return false }
                if claim { firstFile[name] = index }
                return true
            }
            let read = DocumentReader.read(files[index], maximumBytes: maximumBytes)
            let found = read.documents.map { (doc: $0.id, sightings: learner.sightings(in: $0, isWanted: isWanted)) }
            let size = read.documents.reduce(0) { $0 + $1.scalars.count }
            lock.lock()
            perFile[index] = found
            // Standard input can be read once; other files are kept while they fit the budget,
            // so the second pass need not read and decode them again.
            if files[index].path == "-" || kept + size <= keptScalarsBudget {
                kept += size
                alreadyRead[index] = read
            }
            lock.unlock()
        }
        return (learner.learn(perFile.flatMap { $0 }), alreadyRead)
    }

    public func build(_ paths: [String], progress: (@Sendable (Progress) -> Void)? = nil) -> Report {
        let (files, listingProblems) = DocumentReader.inputs(for: paths)
        var report = Report()
        report.problems = listingProblems
        report.files = files.count
        var firstPass: [Int: Read] = [:]
        if let learner { (report.learned, firstPass) = Self.learn(files, with: learner, maximumBytes: maximumDocumentBytes) }
        let alreadyRead = firstPass
        let extractor = report.learned.isEmpty ? self.extractor : self.extractor.adding(brands: report.learned.map(\.entry))

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
        let maximumDocumentBytes = self.maximumDocumentBytes
        let filled = FilledEdges()
        /// Where each document id came from first: a second file with it adds to its counts.
        nonisolated(unsafe) var sourceOfID: [String: String] = [:]
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            var part = Part()
            let (documents, problems) = alreadyRead[index] ?? DocumentReader.read(files[index], maximumBytes: maximumDocumentBytes)
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
    /// and brand files and the user's names files, learning programme names from the corpus
    /// unless told not to. A malformed row is a problem and a doubtful one a warning (both
    /// `file:line`); the rest load.
    public static func standard(brandFiles: [String] = [], learning: Bool = true) throws
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
        let learner = learning ? BrandLearner(places: places, brands: brands) : nil
        return (CorpusBuilder(extractor: DocumentExtractor(gazetteer: places, brands: brands, organisations: organisations),
                              learner: learner),
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
        var patterns: [String] = [], owners: [Int] = []
        for (i, brand) in learning.learned.enumerated() {
            for form in [brand.name] + brand.aliases { patterns.append(form); owners.append(i) }
        }
        let matcher = patterns.isEmpty ? nil : ScalarMatcher(patterns: patterns), owner = owners
        let lock = NSLock()
        nonisolated(unsafe) var perFile = [(counts: [[Int: Int]], problems: [ReadProblem])](repeating: ([], []), count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let (documents, problems) = alreadyRead[index] ?? DocumentReader.read(files[index])
            let counts = documents.map { document in
                matcher.map { BrandLearner.mentions(matching: $0, owner: owner, in: Segmenter.segment(document)) } ?? [:]
            }
            lock.lock()
            perFile[index] = (counts, problems)
            lock.unlock()
        }
        learning.problems = listingProblems
        for file in perFile {
            learning.problems += file.problems
            learning.documents += file.counts.count
            for counts in file.counts {
                for (name, count) in counts {
                    learning.documentsOfName[name] += 1
                    learning.mentionsOfName[name] += count
                }
            }
        }
        return learning
    }
}
