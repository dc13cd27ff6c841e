import Foundation

/// Reads REPL input lines: through libedit (loaded at run time, so there is no build
/// dependency and no GPL readline) when standard input is a terminal and the library is
/// there, else plainly. Ctrl-C while typing returns `.interrupted` instead of ending the
/// program, and history is kept in a file.
final class LineEditor {
    enum Input: Equatable {
        case line(String)
        case interrupted
        case endOfInput
    }

    /// Completion candidates for the word before the cursor, given the whole line; set by the REPL.
    var completions: (_ word: String, _ line: String) -> [String] = { _, _ in [] }
    private(set) var history: [String] = []
    private let historyPath: String?
    private let libedit: Libedit?

    /// `interactive` is false for piped input: no libedit, no prompt echo, no history file.
    init(interactive: Bool, historyPath: String?) {
        self.historyPath = interactive ? historyPath : nil
        libedit = interactive ? Libedit.load() : nil
        if let libedit, let path = self.historyPath {
            libedit.usingHistory()
            libedit.readHistory(path)
            libedit.limitHistory(to: LineEditor.historyLimit)
        }
        if interactive { InterruptFlag.install() }
        if let path = self.historyPath, let text = try? String(contentsOfFile: path, encoding: .utf8) {
            history = LineEditor.historyEntries(text)
        }
        if let libedit { LineEditor.install(self, into: libedit) }
    }

    func read(prompt: String) -> Input {
        InterruptFlag.clear()
        if let libedit {
            guard let line = libedit.readline(prompt) else {
                return InterruptFlag.isSet ? .interrupted : .endOfInput
            }
            return .line(line)
        }
        if !prompt.isEmpty {
            FileHandle.standardOutput.write(Data(prompt.utf8))
        }
        guard let line = Swift.readLine(strippingNewline: true) else {
            if InterruptFlag.isSet {
                clearerr(stdinStream)
                return .interrupted
            }
            return .endOfInput
        }
        return .line(line)
    }

    /// Records a finished statement or command (not every continuation line) in history, on
    /// one line so that recalling it gives a statement that runs as it is.
    func remember(_ entry: String) {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        guard !trimmed.isEmpty, history.last != trimmed else { return }
        history.append(trimmed)
        libedit?.addHistory(trimmed)
        guard let historyPath else { return }
        let folder = (historyPath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        if let libedit {
            libedit.writeHistory(historyPath)
        } else if let handle = FileHandle(forWritingAtPath: historyPath) ?? createFile(historyPath) {
            handle.seekToEndOfFile()
            handle.write(Data((trimmed + "\n").utf8))
            try? handle.close()
        }
    }

    private func createFile(_ path: String) -> FileHandle? {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        return FileHandle(forWritingAtPath: path)
    }

    /// The entries of a history file: plain lines, or libedit's format (a `_HiStOrY_V2_`
    /// header, then lines with spaces and other bytes written as octal `\040`).
    static func historyEntries(_ text: String) -> [String] {
        let lines = text.split(separator: "\n").map(String.init)
        guard lines.first == "_HiStOrY_V2_" else { return lines }
        return lines.dropFirst().map { line in
            var bytes: [UInt8] = []
            let utf8 = Array(line.utf8)
            var i = 0
            while i < utf8.count {
                if utf8[i] == UInt8(ascii: "\\"), i + 3 < utf8.count,
                    let value = UInt8(String(decoding: utf8[(i + 1)...(i + 3)], as: UTF8.self), radix: 8)
                {
                    bytes.append(value)
                    i += 4
                } else {
                    bytes.append(utf8[i])
                    i += 1
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Entries kept in the history file.
    static let historyLimit: Int32 = 1000

    /// `$TUPU_HISTORY` (empty: none), else `$XDG_STATE_HOME/tupu/history`, else
    /// `~/.local/state/tupu/history`.
    static func defaultHistoryPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["TUPU_HISTORY"] { return explicit.isEmpty ? nil : explicit }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/tupu/history" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/tupu/history"
    }

    // MARK: Completion glue: libedit calls plain C functions, which find the editor here.

    nonisolated(unsafe) private static var current: LineEditor?

    /// libedit's own insertion of a completion garbles multi-byte text (a Chinese prefix is
    /// deleted and nothing is put back), so the completion is inserted here with
    /// `rl_insert_text`, and libedit is told there is nothing left for it to do.
    private static func install(_ editor: LineEditor, into libedit: Libedit) {
        current = editor
        libedit.setCompletion(
            attempt: { text, _, _ in
                guard let text, let lib = Libedit.shared, let editor = LineEditor.current else { return nil }
                lib.setInt("rl_attempted_completion_over", 1)
                let word = String(cString: text)
                let found = editor.completions(word, lib.lineBuffer())
                let shared = LineEditor.commonPrefix(found)
                // A single name completed inside a string closes the string, as a person would.
                let closesString = found.count == 1 && LineEditor.isInsideString(lib.lineBufferBeforeCursor())
                if shared.unicodeScalars.count > word.unicodeScalars.count || closesString {
                    var rest = String.UnicodeScalarView()
                    rest.append(contentsOf: shared.unicodeScalars.dropFirst(word.unicodeScalars.count))
                    lib.insertText(String(rest) + (closesString ? "\"" : ""))
                } else if found.count > 1 {
                    lib.showCandidates(found)
                }
                return nil
            })
    }

    /// Whether the text ends inside a Datalog string: an odd number of unescaped `"`.
    static func isInsideString(_ text: String) -> Bool {
        var inside = false
        var escaped = false
        for scalar in text.unicodeScalars {
            if escaped {
                escaped = false
                continue
            }
            if scalar == "\\" && inside { escaped = true } else if scalar == "\"" { inside.toggle() }
        }
        return inside
    }

    private static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map({ Array($0.unicodeScalars) }) else { return "" }
        for word in words.dropFirst() {
            let scalars = Array(word.unicodeScalars)
            var n = 0
            while n < min(prefix.count, scalars.count) && prefix[n] == scalars[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: prefix)
        return String(view)
    }
}

/// Glibc's `stdin` is a C global Swift 6 will not read; `fdopen`-free access through dlsym.
private var stdinStream: UnsafeMutablePointer<FILE>? {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "stdin") else { return nil }
    return symbol.assumingMemoryBound(to: UnsafeMutablePointer<FILE>?.self).pointee
}

/// Set by SIGINT (installed without SA_RESTART, so a blocked `read` returns EINTR and the
/// editor gets control back); the REPL and the engine's cancellation watcher poll it.
enum InterruptFlag {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0
    nonisolated(unsafe) private static var installed = false

    static func install() {
        guard !installed else { return }
        installed = true
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in InterruptFlag.flag = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        // A parent that blocked SIGINT (some test runners do) would leave Ctrl-C without effect.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }

    static var isSet: Bool { flag != 0 }
    static func clear() { flag = 0 }
}

/// The few libedit entry points Tupu needs, found with dlsym. Variables (`rl_*`) are reached
/// through their addresses, which Swift 6 allows where it forbids touching C globals.
final class Libedit: @unchecked Sendable {
    typealias Attempt = @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

    nonisolated(unsafe) static var shared: Libedit?

    private let handle: UnsafeMutableRawPointer
    private let readlineFunction: @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?
    private let addHistoryFunction: @convention(c) (UnsafePointer<CChar>?) -> Int32

    private init?(handle: UnsafeMutableRawPointer) {
        self.handle = handle
        guard let r = dlsym(handle, "readline"), let a = dlsym(handle, "add_history") else { return nil }
        readlineFunction = unsafeBitCast(r, to: (@convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>?).self)
        addHistoryFunction = unsafeBitCast(a, to: (@convention(c) (UnsafePointer<CChar>?) -> Int32).self)
    }

    /// libedit, or nil when the library is missing (the REPL then reads plain lines).
    static func load() -> Libedit? {
        if let shared { return shared }
        setlocale(LC_ALL, "")  // without it libedit drops every non-ASCII key
        // Input is UTF-8 whatever the locale says: under LC_ALL=C (or any non-UTF-8 locale)
        // libedit would drop typed Chinese, so the character type alone is switched to UTF-8.
        if String(cString: nl_langinfo(nl_item(CODESET))) != "UTF-8" {
            for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"] where setlocale(LC_CTYPE, name) != nil { break }
        }
        for name in ["libedit.so.2", "libedit.so", "libedit.3.dylib"] {
            if let handle = dlopen(name, RTLD_NOW), let lib = Libedit(handle: handle) {
                lib.setInt("rl_catch_signals", 0)  // our SIGINT handler, not libedit's
                lib.setWordBreaks(" \t\n\"\\'`@$><=;|&{(,")
                shared = lib
                return lib
            }
        }
        return nil
    }

    func readline(_ prompt: String) -> String? {
        guard let raw = readlineFunction(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    func addHistory(_ line: String) { _ = addHistoryFunction(line) }

    func usingHistory() {
        if let f = dlsym(handle, "using_history") {
            unsafeBitCast(f, to: (@convention(c) () -> Void).self)()
        }
    }

    func limitHistory(to entries: Int32) {
        if let f = dlsym(handle, "stifle_history") {
            unsafeBitCast(f, to: (@convention(c) (Int32) -> Void).self)(entries)
        }
    }

    func readHistory(_ path: String) { callPathFunction("read_history", path) }
    func writeHistory(_ path: String) { callPathFunction("write_history", path) }

    private func callPathFunction(_ name: String, _ path: String) {
        guard let f = dlsym(handle, name) else { return }
        _ = unsafeBitCast(f, to: (@convention(c) (UnsafePointer<CChar>?) -> Int32).self)(path)
    }

    func setCompletion(attempt: Attempt) {
        guard let variable = dlsym(handle, "rl_attempted_completion_function") else { return }
        variable.assumingMemoryBound(to: Attempt?.self).pointee = attempt
    }

    /// The line typed so far (`rl_line_buffer`).
    func lineBuffer() -> String {
        guard let variable = dlsym(handle, "rl_line_buffer"),
            let buffer = variable.assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self).pointee
        else { return "" }
        return String(cString: buffer)
    }

    /// The line up to the cursor (`rl_point` counts bytes).
    func lineBufferBeforeCursor() -> String {
        guard let variable = dlsym(handle, "rl_line_buffer"),
            let buffer = variable.assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self).pointee,
            let point = dlsym(handle, "rl_point")?.assumingMemoryBound(to: Int32.self).pointee
        else { return "" }
        let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(point))
        return String(decoding: bytes, as: UTF8.self)
    }

    func insertText(_ text: String) {
        guard let f = dlsym(handle, "rl_insert_text") else { return }
        _ = unsafeBitCast(f, to: (@convention(c) (UnsafePointer<CChar>?) -> Int32).self)(text)
        FileHandle.standardOutput.write(Data("\r".utf8))
        refresh()
    }

    /// Lists completion candidates under the line, then redraws the prompt and the line.
    func showCandidates(_ candidates: [String]) {
        let text = "\n" + candidates.prefix(100).joined(separator: "  ") + (candidates.count > 100 ? "  …" : "") + "\n"
        FileHandle.standardOutput.write(Data(text.utf8))
        refresh()
    }

    /// Redraws the prompt and the line (`rl_redisplay` would push a ^R, which libedit reads as search).
    private func refresh() {
        if let f = dlsym(handle, "rl_forced_update_display") {
            _ = unsafeBitCast(f, to: (@convention(c) () -> Int32).self)()
        }
    }

    func setInt(_ name: String, _ value: Int32) {
        dlsym(handle, name)?.assumingMemoryBound(to: Int32.self).pointee = value
    }

    /// The characters that end a word for completion; `(` and `,` so that `within(X, 湖` completes `湖`.
    private func setWordBreaks(_ characters: String) {
        guard let variable = dlsym(handle, "rl_basic_word_break_characters") else { return }
        // libedit keeps the pointer: the copy lives as long as the process.
        variable.assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self).pointee = strdup(characters)
    }
}
