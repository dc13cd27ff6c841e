import Datalog
import Foundation

/// Reads REPL input lines. On a terminal it edits the line itself (raw mode: arrows, Home/End,
/// Ctrl-A/E/K/U/W, history with Up/Down and Ctrl-R, Tab completion), drawing every character
/// at its display width so the cursor never lands inside a wide one; piped input is read
/// plainly. Ctrl-C while typing returns `.interrupted` instead of ending the program, and
/// history is kept in a file.
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
    private let terminal: RawTerminal?
    /// Keys typed ahead (a pasted block of lines) wait here for the next `read`.
    private var keys = KeyDecoder()

    /// `interactive` is false for piped input: no line editing, no prompt echo, no history file.
    init(interactive: Bool, historyPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.historyPath = interactive ? historyPath : nil
        let dumb = environment["TERM"] == nil || environment["TERM"] == "dumb"
        terminal = interactive && !dumb ? RawTerminal() : nil
        if interactive { InterruptFlag.install() }
        if let path = self.historyPath, let text = try? String(contentsOfFile: path, encoding: .utf8) {
            history = LineEditor.historyEntries(text)
        }
    }

    func read(prompt: String) -> Input {
        InterruptFlag.clear()
        try? CLIOutput.flush()
        if let terminal { return edit(prompt: prompt, on: terminal) }
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

    // MARK: Editing on a terminal

    /// What Ctrl-R is looking for, and the history entry it found.
    private struct HistorySearch {
        var query = ""
        var found: Int?
        let original: EditLine
    }

    private func edit(prompt: String, on terminal: RawTerminal) -> Input {
        terminal.enterRawMode()
        defer { terminal.leaveRawMode() }
        var line = EditLine()
        var cursorRow = 0
        var historyIndex = history.count
        var draft = EditLine()
        var search: HistorySearch?

        func redraw() {
            let shownPrompt = search.map { "(reverse-i-search)`\($0.query)': " } ?? prompt
            let frame = LineRendering.redraw(prompt: shownPrompt, line: line, cursorRow: cursorRow, columns: terminal.columns)
            terminal.write(frame.output)
            cursorRow = frame.cursorRow
        }
        /// Leaves the cursor after the whole line, on a fresh row when `newRow`.
        func finish(newRow: Bool) {
            search = nil
            line.moveEnd()
            redraw()
            if newRow { terminal.write(LineRendering.moveBelow(prompt: prompt, line: line, cursorRow: cursorRow, columns: terminal.columns)) }
        }

        redraw()
        // A Ctrl-C that came as a signal just before raw mode began counts as typed here.
        if InterruptFlag.isSet {
            finish(newRow: false)
            return .interrupted
        }
        while true {
            guard let key = keys.next() else {
                switch terminal.read(waitingAtMost: keys.hasPending ? 50 : -1) {
                case .bytes(let bytes): keys.feed(bytes)
                case .timedOut: _ = keys.flushIncomplete()
                case .interrupted:
                    if InterruptFlag.isSet {
                        finish(newRow: false)
                        return .interrupted
                    }
                case .endOfInput:
                    finish(newRow: true)
                    return line.isEmpty ? .endOfInput : .line(line.text)
                }
                continue
            }
            if var active = search {
                switch key {
                case .insert(let scalar):
                    active.query.unicodeScalars.append(scalar)
                    active.found = lastHistoryEntry(containing: active.query, before: (active.found ?? history.count) + 1)
                case .backspace:
                    if !active.query.isEmpty { active.query.unicodeScalars.removeLast() }
                    active.found = lastHistoryEntry(containing: active.query, before: history.count)
                case .searchHistory:
                    active.found = lastHistoryEntry(containing: active.query, before: active.found ?? history.count) ?? active.found
                case .interrupt:
                    line = active.original
                    search = nil
                    redraw()
                    continue
                case .enter:
                    search = nil
                    finish(newRow: true)
                    return .line(line.text)
                default:
                    search = nil  // any other key keeps the entry found, to edit
                    redraw()
                    continue
                }
                if let found = active.found { line = EditLine(history[found]) }
                search = active
                redraw()
                continue
            }
            switch key {
            case .insert(let scalar): line.insert(String(scalar))
            case .enter:
                finish(newRow: true)
                return .line(line.text)
            case .interrupt:
                finish(newRow: false)
                return .interrupted
            case .endOfInputOrDelete:
                if line.isEmpty {
                    finish(newRow: false)
                    return .endOfInput
                }
                line.deleteForward()
            case .backspace: line.deleteBackward()
            case .deleteForward: line.deleteForward()
            case .left: line.moveLeft()
            case .right: line.moveRight()
            case .home: line.moveHome()
            case .end: line.moveEnd()
            case .wordLeft: line.moveWordLeft()
            case .wordRight: line.moveWordRight()
            case .killToEnd: line.killToEnd()
            case .killToStart: line.killToStart()
            case .killWordBefore: line.killWordBefore()
            case .up:
                guard historyIndex > 0 else { continue }
                if historyIndex == history.count { draft = line }
                historyIndex -= 1
                line = EditLine(history[historyIndex])
            case .down:
                guard historyIndex < history.count else { continue }
                historyIndex += 1
                line = historyIndex == history.count ? draft : EditLine(history[historyIndex])
            case .tab:
                let candidates = complete(&line)
                if candidates.count > 1 {
                    terminal.write(LineRendering.moveBelow(prompt: prompt, line: line, cursorRow: cursorRow, columns: terminal.columns))
                    let list = candidates.prefix(100).joined(separator: "  ") + (candidates.count > 100 ? "  …" : "")
                    terminal.write(list + "\r\n")
                    cursorRow = 0
                }
            case .clearScreen:
                terminal.write("\u{1B}[H\u{1B}[2J")
                cursorRow = 0
            case .searchHistory:
                search = HistorySearch(original: line)
            case .ignored: continue
            }
            redraw()
        }
    }

    /// The newest history entry before index `end` that contains `text`.
    private func lastHistoryEntry(containing text: String, before end: Int) -> Int? {
        guard !text.isEmpty else { return nil }
        return history[..<min(end, history.count)].lastIndex { $0.contains(text) }
    }

    /// Completes the word before the cursor in place; returns the candidates still to choose from
    /// (more than one when the shared part was already typed).
    private func complete(_ line: inout EditLine) -> [String] {
        let before = line.textBeforeCursor
        var word = String.UnicodeScalarView()
        for scalar in before.unicodeScalars.reversed() {
            if LineEditor.wordBreaks.contains(scalar) { break }
            word.insert(scalar, at: word.startIndex)
        }
        let typed = String(word)
        let found = completions(typed, line.text)
        let shared = LineEditor.commonPrefix(found)
        // A single name completed inside a string closes the string, as a person would.
        let closesString = found.count == 1 && StatementBoundary.endsInsideString(before)
        if shared.unicodeScalars.count > typed.unicodeScalars.count || closesString {
            var rest = String.UnicodeScalarView()
            rest.append(contentsOf: shared.unicodeScalars.dropFirst(typed.unicodeScalars.count))
            line.insert(String(rest) + (closesString ? "\"" : ""))
            return []
        }
        return found
    }

    /// The characters that end a word for completion; `(` and `,` so that `within(X, 湖` completes `湖`.
    private static let wordBreaks = Set(" \t\n\"\\'`@$><=;|&{(,".unicodeScalars)

    /// Records a finished statement or command (not every continuation line) in history, on
    /// one line so that recalling it gives a statement that runs as it is.
    func remember(_ entry: String) {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        guard !trimmed.isEmpty, history.last != trimmed else { return }
        history.append(trimmed)
        if history.count > LineEditor.historyLimit { history.removeFirst(history.count - LineEditor.historyLimit) }
        guard let historyPath else { return }
        let folder = (historyPath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try? (history.joined(separator: "\n") + "\n").write(toFile: historyPath, atomically: true, encoding: .utf8)
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
    static let historyLimit = 1000

    /// `$TUPU_HISTORY` (empty: none), else `$XDG_STATE_HOME/tupu/history`, else
    /// `~/.local/state/tupu/history`.
    static func defaultHistoryPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["TUPU_HISTORY"] { return explicit.isEmpty ? nil : explicit }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/tupu/history" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.local/state/tupu/history"
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
