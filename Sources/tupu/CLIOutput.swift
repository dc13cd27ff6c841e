import Foundation
import TupuExport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output and error for commands.
///
/// Write results with `CLIOutput.out.write(…)` (buffered; the dispatcher flushes it at the end
/// and turns a closed pipe into a quiet exit 0). Messages for people go to `CLIOutput.note(…)`
/// (standard error, unbuffered). If you must use `print`, call `CLIOutput.flush()` first so the
/// two streams do not interleave out of order.
enum CLIOutput {
    nonisolated(unsafe) static let out = BufferedWriter(fileDescriptor: STDOUT_FILENO)

    /// One line (newline added) on standard error.
    static func note(_ line: String) {
        try? out.flush()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Flushes buffered standard output (throws `BrokenPipe` when the reader went away).
    static func flush() throws {
        try out.flush()
        fflush(nil)
    }
}

/// Terminal facts: whether a stream is a terminal and whether colour is wanted on it.
enum Terminal {
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    static var standardOutputIsTerminal: Bool { isTerminal(STDOUT_FILENO) }
    static var standardErrorIsTerminal: Bool { isTerminal(STDERR_FILENO) }
    static var standardInputIsTerminal: Bool { isTerminal(STDIN_FILENO) }

    /// Colour only on a terminal, and never with `NO_COLOR` set non-empty or `TERM=dumb`.
    static func colourEnabled(
        for descriptor: Int32,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTerminal(descriptor)
    }
}

/// ANSI styles, applied only when `enabled` (pass `Terminal.colourEnabled(for:)`).
enum Style: String {
    case bold = "1"
    case dim = "2"
    case red = "31"
    case green = "32"
    case yellow = "33"
    case blue = "34"
    case magenta = "35"
    case cyan = "36"

    func apply(_ text: String, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
    }
}
