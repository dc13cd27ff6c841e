#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard input in raw mode for the line editor (every key as it is typed, no echo, Ctrl-C
/// as a byte rather than a signal) and the terminal's width: the editor's platform calls.
final class RawTerminal {
    enum Read: Equatable {
        case bytes([UInt8])
        case timedOut
        /// A signal (SIGINT sent from outside, for instance) interrupted the wait.
        case interrupted
        case endOfInput
    }

    private var cooked = termios()

    /// Nil when standard input is not a terminal whose mode can be read.
    init?() {
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &cooked) == 0 else { return nil }
    }

    /// Raw mode until `leaveRawMode`; keys typed ahead stay queued (no flush).
    func enterRawMode() {
        var raw = cooked
        raw.c_iflag &= ~tcflag_t(BRKINT | ICRNL | INPCK | ISTRIP | IXON)
        raw.c_cflag |= tcflag_t(CS8)
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        withUnsafeMutablePointer(to: &raw.c_cc) {
            $0.withMemoryRebound(to: cc_t.self, capacity: Int(NCCS)) { characters in
                characters[Int(VMIN)] = 1
                characters[Int(VTIME)] = 0
            }
        }
        tcsetattr(STDIN_FILENO, TCSADRAIN, &raw)
    }

    func leaveRawMode() {
        tcsetattr(STDIN_FILENO, TCSADRAIN, &cooked)
    }

    /// Waits up to `milliseconds` (-1: no limit) for input and returns what is there.
    func read(waitingAtMost milliseconds: Int32) -> Read {
        var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        let polled = poll(&ready, 1, milliseconds)
        if polled < 0 { return errno == EINTR ? .interrupted : .endOfInput }
        if polled == 0 { return .timedOut }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { readBytes(STDIN_FILENO, $0.baseAddress, $0.count) }
        if count < 0 { return errno == EINTR ? .interrupted : .endOfInput }
        if count == 0 { return .endOfInput }
        return .bytes(Array(buffer[..<count]))
    }

    /// Columns of the terminal on standard output (80 when it does not say).
    var columns: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { writeBytes(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

// The system calls by other names: inside `RawTerminal` its own `read` and `write` hide them.
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

private func writeBytes(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
