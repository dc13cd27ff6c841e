import Dispatch
import Foundation
import TupuText

extension CorpusBuilder {
    /// How many chunks may be in hand at once (being read or waiting for an earlier one to be
    /// merged): with chunks of about 2 MB of lines, the window that bounds memory besides the graph.
    static var window: Int { 2 * ProcessInfo.processInfo.activeProcessorCount + 1 }

    /// The inputs cut into chunks (`DocumentReader.chunks`: JSON Lines in runs of lines, other
    /// files whole), cut in order on this thread, handed to `work` in parallel with the chunk's
    /// position and file index, and the results to `merge` one at a time in input order, so that
    /// nothing depends on timing. Returns when every chunk is merged.
    static func forEachChunk<Part: Sendable>(
        of files: [InputFile], maximumBytes: Int, chunkBytes: Int,
        work: @escaping @Sendable (_ position: Int, _ file: Int, InputChunk) -> Part,
        merge: @escaping (inout Part) -> Void
    ) {
        let inOrder = InOrder(merge)
        let slots = DispatchSemaphore(value: window)
        let group = DispatchGroup()
        var position = 0
        for (index, file) in files.enumerated() {
            DocumentReader.chunks(of: file, maximumBytes: maximumBytes, chunkBytes: chunkBytes) { chunk in
                slots.wait()
                let at = position
                position += 1
                DispatchQueue.global().async(group: group) {
                    // Each merged chunk frees a place in the window.
                    for _ in 0..<inOrder.deliver(work(at, index, chunk), at: at) { slots.signal() }
                }
            }
        }
        group.wait()
    }
}

/// Finished parts wait here until every earlier one has been merged.
final class InOrder<Part>: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [Int: Part] = [:]
    private var next = 0
    /// Given each part to take from: a graph in it is merged from, not copied (which would retain its every string).
    private let merge: (inout Part) -> Void

    init(_ merge: @escaping (inout Part) -> Void) { self.merge = merge }

    /// Takes a finished part; merges it and those after it that are ready. Returns how many were merged.
    func deliver(_ part: Part, at position: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        pending[position] = part
        var merged = 0
        while var ready = pending.removeValue(forKey: next) {
            merge(&ready)
            next += 1
            merged += 1
        }
        return merged
    }
}
