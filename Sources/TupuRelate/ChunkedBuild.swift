import Dispatch
import Foundation
import TupuGraph
import TupuText

extension CorpusBuilder {
    /// How many chunks may be in hand at once (being extracted or waiting for an earlier one to
    /// be merged): with chunks of about 2 MB, the window that bounds memory besides the graph.
    static var window: Int { 2 * ProcessInfo.processInfo.activeProcessorCount + 1 }

    /// The inputs cut into chunks (`InputChunker`: JSON Lines in runs of lines, other files
    /// whole), read in order on this thread, extracted in parallel, merged in input order.
    func buildInChunks(_ paths: [String], recordingShares: Bool, progress: (@Sendable (Progress) -> Void)?) -> Report {
        let (files, listingProblems) = DocumentReader.inputs(for: paths)
        var report = Report()
        report.problems = listingProblems
        report.files = files.count
        let knownSize = files.allSatisfy { $0.path != "-" }
            ? files.reduce(0) { $0 + (DocumentReader.fileSize($1.path) ?? 0) } : nil
        let merger = ChunkMerger(report: report, files: files.count, inputBytesTotal: knownSize, progress: progress)
        let extractor = self.extractor
        let slots = DispatchSemaphore(value: Self.window)
        let group = DispatchGroup()
        var position = 0
        for (fileIndex, file) in files.enumerated() {
            var chunker = InputChunker(file)
            while let chunk = chunker.next() {
                slots.wait()
                let at = position
                position += 1
                DispatchQueue.global().async(group: group) {
                    var part = ChunkMerger.Part(file: fileIndex, inputBytes: chunk.inputBytes)
                    let (documents, problems) = chunk.documents()
                    part.problems = problems
                    for document in documents {
                        part.documents += 1
                        part.bytes += document.utf8Count
                        // The divisions above the places named are linked once, in the merged graph.
                        let (graph, articles) = extractor.extractCounting(document, linkingDivisions: false,
                                                                          wantsEvidence: { !merger.filled.contains($0, hash: $1) })
                        part.articles += articles
                        if recordingShares { part.shares.append(DocumentShare(id: document.id, graph: graph)) }
                        part.graph.merge(graph)
                    }
                    // Each merged chunk frees a place in the window.
                    let merged = merger.deliver(part, at: at)
                    for _ in 0..<merged { slots.signal() }
                }
            }
        }
        group.wait()
        var result = merger.report
        extractor.linkDivisions(of: &result.graph)
        return result
    }
}

/// Finished chunks wait here until every earlier one has been merged, so that the graph does
/// not depend on timing.
final class ChunkMerger: @unchecked Sendable {
    struct Part: Sendable {
        var file: Int
        var inputBytes: Int
        var graph = Graph()
        var documents = 0
        var articles = 0
        var bytes = 0
        var problems: [ReadProblem] = []
        var shares: [DocumentShare] = []
    }

    let filled = FilledEdges()
    private let lock = NSLock()
    private var pending: [Int: Part] = [:]
    private var nextToMerge = 0
    private(set) var report: CorpusBuilder.Report
    private let files: Int
    private let inputBytesTotal: Int?
    private var inputBytesDone = 0
    private let progress: (@Sendable (CorpusBuilder.Progress) -> Void)?

    init(report: CorpusBuilder.Report, files: Int, inputBytesTotal: Int?, progress: (@Sendable (CorpusBuilder.Progress) -> Void)?) {
        self.report = report
        self.files = files
        self.inputBytesTotal = inputBytesTotal
        self.progress = progress
    }

    /// Takes a finished chunk; merges it and those after it that are ready. Returns how many were merged.
    func deliver(_ part: Part, at position: Int) -> Int {
        lock.lock()
        pending[position] = part
        var merged = 0, lastFile = -1
        while let ready = pending.removeValue(forKey: nextToMerge) {
            report.graph.merge(ready.graph, filled: filled.insert)
            report.documents += ready.documents
            report.articles += ready.articles
            report.bytes += ready.bytes
            report.problems += ready.problems
            report.shares += ready.shares
            inputBytesDone += ready.inputBytes
            lastFile = ready.file
            nextToMerge += 1
            merged += 1
        }
        let snapshot = merged == 0 ? nil : CorpusBuilder.Progress(
            filesDone: lastFile + 1, filesTotal: files, bytesDone: report.bytes, documentsDone: report.documents,
            inputBytesDone: inputBytesDone, inputBytesTotal: inputBytesTotal)
        lock.unlock()
        if let snapshot { progress?(snapshot) }
        return merged
    }
}
