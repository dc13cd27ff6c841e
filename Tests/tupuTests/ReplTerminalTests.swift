import Foundation
import Testing

/// Drives `tupu repl` through a pseudo-terminal (Python's `pty`), as a person at a terminal
/// would: prompts, Tab completion of a Chinese name, Ctrl-C on a half-typed statement and on a
/// running query, history kept in $TUPU_HISTORY.
private let driver = #"""
    import os, pty, select, sys, time
    tupu, graph, history = sys.argv[1:4]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(LANG="C.UTF-8", TUPU_HISTORY=history, TERM="xterm")
        os.execv(tupu, [tupu, "repl", "--graph", graph])
    seen = b""
    position = 0  # output before this was already matched
    def seen_in_time(text, timeout):
        global seen, position
        end = time.time() + timeout
        while time.time() < end:
            found = seen.find(text.encode(), position)
            if found >= 0:
                position = found + len(text.encode())
                return True
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    break
        return False
    def wait_for(text, timeout=20):
        if not seen_in_time(text, timeout):
            sys.stdout.write(seen.decode("utf-8", "replace"))
            sys.exit("timed out waiting for %r" % text)
    # A Ctrl-C that lands while libedit is between drawing the prompt and reading is only seen
    # at the next key, as at a real terminal; a person presses it again, and so does this test.
    def interrupt_until(text):
        send("\x03")
        if not seen_in_time(text, 3):
            send("\x03")
            wait_for(text)
    def send(text):
        os.write(fd, text.encode())
    wait_for("tupu> ")
    send('?- runs(X, "银'); time.sleep(0.3); send("\t"); time.sleep(0.3); send(').\r')  # Tab closed the string
    wait_for("海塘市第三医院")
    wait_for("tupu> ")
    send("?- runs(X,\r"); wait_for("...> ")
    interrupt_until("tupu> ")
    # A grid that grows by a diagonal each round: thousands of rounds and millions of tuples
    # (seconds of work) before a bound would stop it, so the Ctrl-C lands while it runs.
    send(".decl p(x: number, y: number)\rp(0, 0).\rp(X, Y) :- p(A, Y), A < 100000, X = A + 1.\rp(X, Y) :- p(X, B), B < 100000, Y = B + 1.\r?- p(7, 7).\r")
    time.sleep(0.8)
    interrupt_until("cancelled")
    send(":reset\r?- runs(X, Y).\r"); wait_for("银发食堂")
    send(":quit\r")
    _, status = os.waitpid(pid, 0)
    print("EXIT", os.waitstatus_to_exitcode(status))
    """#

private let python3Found = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin")
    .split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }

@Test(.enabled(if: python3Found, "needs python3 for its pty module"))
func theReplAtATerminalCompletesCancelsAndKeepsHistory() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    try driver.write(toFile: folder + "/drive.py", atomically: true, encoding: .utf8)
    let result = try TupuProcess.shell(#"python3 drive.py "$TUPU" graph.jsonl history"#, in: folder)
    #expect(result.stdout.hasSuffix("EXIT 0\n"), "\(result.stdout)\n\(result.stderr)")
    let history = try String(contentsOfFile: folder + "/history", encoding: .utf8)
    #expect(history.contains("银发食堂"))  // the completed name went into history
    #expect(history.contains(":reset"))
    #expect(!history.contains("?- runs(X,\n"))  // the cancelled half statement did not
}

/// Typed Chinese survives a locale that is not UTF-8: the REPL reads UTF-8 whatever LC_ALL says.
private let cLocaleDriver = #"""
    import os, pty, select, sys, time
    tupu, graph = sys.argv[1:3]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(LC_ALL="C", LANG="C", TUPU_HISTORY="", TERM="xterm")
        os.execv(tupu, [tupu, "repl", "--graph", graph])
    seen = b""
    def wait_for(text, timeout=20):
        global seen
        end = time.time() + timeout
        while time.time() < end:
            if text.encode() in seen: return
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready: seen += os.read(fd, 65536)
        sys.stdout.write(seen.decode("utf-8", "replace")); sys.exit("timed out waiting for %r" % text)
    wait_for("tupu> ")
    os.write(fd, '?- runs(X, "银发食堂").\r'.encode())
    wait_for("海塘市第三医院")
    os.write(fd, b":quit\r")
    _, status = os.waitpid(pid, 0)
    print("EXIT", os.waitstatus_to_exitcode(status))
    """#

@Test(.enabled(if: python3Found, "needs python3 for its pty module"))
func typedChineseSurvivesTheCLocale() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    try cLocaleDriver.write(toFile: folder + "/drive.py", atomically: true, encoding: .utf8)
    let result = try TupuProcess.shell(#"python3 drive.py "$TUPU" graph.jsonl"#, in: folder)
    #expect(result.stdout.hasSuffix("EXIT 0\n"), "\(result.stdout)\n\(result.stderr)")
}
