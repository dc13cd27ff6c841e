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
    # One Ctrl-C is enough, however soon after the prompt it comes: keys are read raw.
    def interrupt_until(text):
        send("\x03")
        wait_for(text, 3)
    def send(text):
        os.write(fd, text.encode())
    wait_for("tupu> ")
    send('?- runs(X, "银'); time.sleep(0.3); send("\t"); time.sleep(0.3); send(').\r')  # Tab closed the string
    wait_for("海塘市第三医院")
    wait_for("tupu> ")
    send("?- runs(X,\r"); wait_for("...> ")
    interrupt_until("tupu> ")
    for _ in range(5):  # Ctrl-C right as each prompt is drawn
        interrupt_until("^C")
        wait_for("tupu> ")
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

/// What a person sees: a terminal emulator (pyte) replays the REPL's output, and the cursor must
/// sit where the next character goes, never inside a wide character.
private let screenDriver = #"""
    import fcntl, os, pty, select, struct, sys, termios, time
    import pyte
    tupu, graph, history = sys.argv[1:4]
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(LANG="C.UTF-8", TUPU_HISTORY=history, TERM="xterm")
        os.execv(tupu, [tupu, "repl", "--graph", graph])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
    screen = pyte.Screen(60, 24)
    stream = pyte.ByteStream(screen)
    def settle(seconds=0.4):
        end = time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                stream.feed(os.read(fd, 65536))
    def row():
        return screen.display[screen.cursor.y].rstrip()
    def check(what, line, column):
        settle()
        if row() != line or screen.cursor.x != column:
            sys.exit("%s: row %r, cursor at %d; wanted %r at %d" % (what, row(), screen.cursor.x, line, column))
    def send(text):
        os.write(fd, text.encode())
    end = time.time() + 20
    while "tupu> " not in "".join(screen.display) and time.time() < end:
        settle(0.1)
    send('?- runs("海塘市第三医院", P).')
    check("typed", 'tupu> ?- runs("海塘市第三医院", P).', 35)
    send("\x1b[D" * 8)
    check("Left x8", 'tupu> ?- runs("海塘市第三医院", P).', 25)
    send("\x7f")
    check("Backspace", 'tupu> ?- runs("海塘市第医院", P).', 23)
    send("三")
    check("typed back", 'tupu> ?- runs("海塘市第三医院", P).', 25)
    send("\x01")
    check("Ctrl-A", 'tupu> ?- runs("海塘市第三医院", P).', 6)
    send("\x05\r")
    settle(2)
    send("\x1b[A")
    check("Up recalls", 'tupu> ?- runs("海塘市第三医院", P).', 35)
    send("\x15:hist")
    check("Ctrl-U then typing", "tupu> :hist", 11)
    send("\x15\x12第三")
    check("Ctrl-R", '(reverse-i-search)`第三\': ?- runs("海塘市第三医院", P).', 55)
    send("\x07\x15:quit\r")
    _, status = os.waitpid(pid, 0)
    print("EXIT", os.waitstatus_to_exitcode(status))
    """#

private let pyteFound =
    python3Found
    && ((try? TupuProcess.shell("python3 -c 'import pyte'", in: "/tmp").status) == 0)

@Test(.enabled(if: pyteFound, "needs python3 with pyte (pip install pyte), a terminal emulator"))
func theCursorStaysOnCharacterBoundariesOnScreen() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try SampleGraphFile.write(in: folder)
    try screenDriver.write(toFile: folder + "/drive.py", atomically: true, encoding: .utf8)
    let result = try TupuProcess.shell(#"python3 drive.py "$TUPU" graph.jsonl history"#, in: folder)
    #expect(result.stdout.hasSuffix("EXIT 0\n"), "\(result.stdout)\n\(result.stderr)")
}
