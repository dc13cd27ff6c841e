import Foundation
import TupuRelate

/// The line a build keeps rewriting on a terminal: documents, megabytes read, speed, and the
/// time left when the input's size is known (files; not standard input).
final class BuildProgress: @unchecked Sendable {
    private let started = Date()
    private let lock = NSLock()
    private var lastShown = Date.distantPast

    /// Shows the line, at most ten times a second.
    func show(_ progress: CorpusBuilder.Progress) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastShown) >= 0.1 else { return }
        lastShown = now
        let line = Self.line(progress, seconds: now.timeIntervalSince(started))
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
    }

    func clear() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }

    static func line(_ progress: CorpusBuilder.Progress, seconds: Double) -> String {
        let megabytes = Double(progress.inputBytesDone) / 1e6
        let speed = seconds > 0 ? megabytes / seconds : 0
        var line = "  \(progress.documentsDone) documents, "
        if let total = progress.inputBytesTotal {
            line += String(format: "%.1f/%.1f MB, %.1f MB/s", megabytes, Double(total) / 1e6, speed)
            if speed > 0 && progress.inputBytesDone < total {
                let left = Int((Double(total) / 1e6 - megabytes) / speed + 0.5)
                line += String(format: ", eta %d:%02d", left / 60, left % 60)
            }
        } else {
            line += String(format: "%.1f MB, %.1f MB/s", megabytes, speed)
        }
        return line
    }
}
