import Datalog
import Foundation
import TupuExport
import TupuGraph
import TupuKit
import TupuQuery

/// The interactive loop behind `tupu repl`: statements accumulate until they end, rules stay
/// for the session, `?-` queries answer at once, `:` commands act on the session.
/// With piped input it runs as a script: no prompt, no banner, the first error ends it (exit 1).
final class Repl {
    struct MetaCommand {
        let name: String
        let arguments: String
        let help: String
    }

    static let metaCommands: [MetaCommand] = [
        MetaCommand(name: ":help", arguments: "", help: "this list"),
        MetaCommand(name: ":quit", arguments: "", help: "leave (Ctrl-D too)"),
        MetaCommand(name: ":load", arguments: "FILE", help: "run a Datalog file: its rules stay, its queries answer"),
        MetaCommand(name: ":relations", arguments: "", help: "every relation with its arity and size"),
        MetaCommand(name: ":schema", arguments: "REL", help: "the columns of a relation and what it holds"),
        MetaCommand(name: ":mode", arguments: "table|tsv|csv|json|jsonl", help: "how answers are printed"),
        MetaCommand(name: ":ids", arguments: "on|off", help: "print entity ids instead of names"),
        MetaCommand(name: ":timing", arguments: "on|off", help: "show how long each query took"),
        MetaCommand(name: ":limits", arguments: "[tuples|iterations|answers|symbol-bytes N]", help: "show or set the evaluation limits"),
        MetaCommand(name: ":explain", arguments: "GOAL [--depth N] [--answer N]", help: "why an answer holds (or why not), with the evidence"),
        MetaCommand(name: ":plan", arguments: "[GOAL]", help: "how a goal is evaluated (join order, indexes); alone, the plans of all rules"),
        MetaCommand(name: ":dot", arguments: "[FILE]", help: "the last answer's entities and the edges between them as Graphviz DOT"),
        MetaCommand(name: ":history", arguments: "", help: "what was typed before"),
        MetaCommand(name: ":reset", arguments: "", help: "forget the rules typed so far (the graph and the prelude stay)")
    ]

    private var session: QuerySession
    private let editor: LineEditor
    private let interactive: Bool
    private var format: OutputFormat
    private var showIds: Bool
    /// Whether `:load` prints the file's warnings, and names that match no entity are pointed
    /// out (`--no-warnings` turns both off).
    private let showsWarnings: Bool
    private var timing = false
    private var lastAnswers: [QueryAnswers] = []
    /// Lines read so far, so script errors point at the right line of the input.
    private var linesRead = 0

    init(
        session: QuerySession, editor: LineEditor, interactive: Bool, format: OutputFormat, showIds: Bool,
        showsWarnings: Bool = true
    ) {
        self.session = session
        self.showsWarnings = showsWarnings
        self.editor = editor
        self.interactive = interactive
        self.format = format
        self.showIds = showIds
        editor.completions = { [unowned self] word, line in self.complete(word, line: line) }
    }

    /// Runs until end of input or `:quit`; returns the exit status.
    func run() -> Int32 {
        if interactive {
            say("tupu \(Tupu.version) — \(session.summary). :help for commands, :quit or Ctrl-D to leave.")
        }
        var buffer = ""
        var bufferStartLine = 1
        while true {
            let prompt = interactive ? (buffer.isEmpty ? "tupu> " : "...> ") : ""
            switch editor.read(prompt: prompt) {
            case .endOfInput:
                let unfinished = !buffer.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                if interactive {
                    say(unfinished ? "\n(the unfinished statement was dropped)" : "")
                    return 0
                }
                return unfinished ? fail("<stdin>:\(bufferStartLine): error: the input ended inside a statement (a `.` is missing)") : 0
            case .interrupted:
                buffer = ""
                say("^C")
            case .line(let line):
                linesRead += 1
                if buffer.isEmpty {
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.hasPrefix(":") {
                        editor.remember(trimmed)
                        switch meta(trimmed) {
                        case .continue: continue
                        case .quit: return 0
                        case .failed: if !interactive { return 1 }
                        }
                        continue
                    }
                    if trimmed.isEmpty { continue }
                    bufferStartLine = linesRead
                }
                buffer += line + "\n"
                guard StatementBoundary.isComplete(buffer) else { continue }
                editor.remember(buffer)
                let ok = execute(buffer, file: interactive ? "<input>" : "<stdin>", firstLine: interactive ? 1 : bufferStartLine)
                buffer = ""
                if !ok && !interactive { return 1 }
            }
        }
    }

    // MARK: Statements

    /// Runs Datalog source; prints answers or the error. Returns false on an error.
    @discardableResult
    /// Runs typed or `:load`ed text; `warns` prints its warnings (a loaded file's, not each line's).
    private func execute(_ source: String, file: String, firstLine: Int, warns: Bool = false) -> Bool {
        let started = DispatchTime.now()
        let warn: ((String) -> Void)? = warns && showsWarnings ? { CLIOutput.note($0) } : nil
        do {
            let answers = try QueryInterrupt.run(session) { try session.run(source, file: file, firstLine: firstLine, warn: warn) }
            if showsWarnings {
                for warning in UnknownNameWarning.lines(session, source: source, file: file, firstLine: firstLine) { say(warning) }
            }
            if !answers.isEmpty {
                write(session.format(answers, as: format, ids: showIds, headings: answers.count > 1))
                lastAnswers = answers
            }
            if timing {
                let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
                say(String(format: "time: %.1f ms", ms))
            }
            return true
        } catch is QueryInterrupt.Cancelled {
            say(Self.cancelledNote)
            return interactive
        } catch  where session.cancellation.isCancelled {
            say(Self.cancelledNote)
            return interactive
        } catch {
            fail(session.describe(error))
            return false
        }
    }

    /// A cancelled evaluation leaves the rules in place, and the next query evaluates them again.
    static let cancelledNote = "cancelled. The rules typed so far stay; :reset forgets them."

    // MARK: Meta-commands

    private enum Outcome { case `continue`, quit, failed }

    private func meta(_ line: String) -> Outcome {
        let name = String(line.prefix { !$0.isWhitespace })
        let argument = line.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case ":help", ":h", ":?":
            var text = "Statements end with `.`; `?- goal.` asks, anything else is a rule or fact that stays for the session.\n"
            text += "Entities can be named by name or alias where an id belongs: ?- within(X, \"某某市\").\n"
            text += CommandHelp.table(Self.metaCommands.map { ("\($0.name) \($0.arguments)", $0.help) })
            write(text)
        case ":quit", ":q", ":exit":
            return .quit
        case ":load":
            guard !argument.isEmpty else { return usage("usage: :load FILE") }
            guard let data = FileManager.default.contents(atPath: argument) else {
                fail("cannot read \(argument)")
                return .failed
            }
            let text: String
            do {
                text = try Program.decode([UInt8](data), file: argument)
            } catch {
                fail(session.describe(error))
                return .failed
            }
            return execute(text, file: argument, firstLine: 1, warns: true) ? .continue : .failed
        case ":limits":
            return limits(argument)
        case ":relations":
            let rows = session.relationSizes().map { [Value.symbol($0.name), .number($0.arity), .number($0.size)] }
            write(AnswerFormatter(format: format).render(.relation(name: "relations", columns: ["relation", "arity", "size"], rows: rows)))
        case ":schema":
            guard !argument.isEmpty else { return usage("usage: :schema REL") }
            guard let text = session.schemaDescription(argument) else {
                let known = session.relationSizes().map(\.name)
                let hint = Spelling.closest(to: argument, among: known).map { "; did you mean \($0)?" } ?? ""
                fail("no relation named \(argument)\(hint)")
                return .failed
            }
            write(text)
        case ":mode":
            guard let chosen = OutputFormat(rawValue: argument) else {
                return usage("usage: :mode table|tsv|csv|json|jsonl")
            }
            format = chosen
        case ":ids":
            guard let on = Self.onOff(argument) else { return usage("usage: :ids on|off") }
            showIds = on
        case ":timing":
            guard let on = Self.onOff(argument) else { return usage("usage: :timing on|off") }
            timing = on
        case ":explain":
            return explain(argument)
        case ":plan":
            return plan(argument)
        case ":dot":
            return dot(argument)
        case ":reset":
            do {
                session = try QuerySession(graph: session.graph, options: session.engine.options)
            } catch {
                fail(session.describe(error))
                return .failed
            }
        case ":history":
            for (n, entry) in editor.history.enumerated() {
                write("\(String(n + 1).leftPadded(to: 5))  \(entry)\n")
            }
        default:
            let names = Self.metaCommands.map(\.name)
            let hint = Spelling.closest(to: name, among: names).map { "; did you mean \($0)?" } ?? "; :help lists them"
            fail("unknown command \(name)\(hint)")
            return .failed
        }
        return .continue
    }

    private func usage(_ text: String) -> Outcome {
        fail(text)
        return .failed
    }

    /// The REPL's engine options: the limits are raised with `:limits`, and the hints say so.
    static var engineOptions: Engine.Options {
        var options = Engine.Options()
        options.limitNames = Engine.LimitNames(
            tuples: ":limits tuples N", iterations: ":limits iterations N",
            answers: ":limits answers N", symbolBytes: ":limits symbol-bytes N", paths: nil)
        return options
    }

    private func limits(_ argument: String) -> Outcome {
        let usageText = "usage: :limits [tuples|iterations|answers|symbol-bytes N]"
        let words = argument.split(separator: " ").map(String.init)
        let options = session.engine.options
        guard !words.isEmpty else {
            write(
                """
                tuples        \(options.maxTuples)  (derived tuples before evaluation stops)
                iterations    \(options.maxIterations)  (fixpoint rounds of one stratum)
                answers       \(options.maxAnswers)  (distinct answers of one query)
                symbol-bytes  \(options.maxSymbolBytes)  (bytes of all strings)

                """)
            return .continue
        }
        guard words.count == 2, let n = Int(words[1]), n >= 1 else { return usage(usageText) }
        switch words[0] {
        case "tuples": session.engine.options.maxTuples = n
        case "iterations": session.engine.options.maxIterations = n
        case "answers": session.engine.options.maxAnswers = n
        case "symbol-bytes": session.engine.options.maxSymbolBytes = n
        default: return usage(usageText)
        }
        return .continue
    }

    private static func onOff(_ word: String) -> Bool? {
        switch word {
        case "on": return true
        case "off": return false
        default: return nil
        }
    }

    private func explain(_ argument: String) -> Outcome {
        let usageText = "usage: :explain GOAL [--depth N] [--answer N]   e.g. :explain within(X, \"某某市\")"
        var options = ExplainOptions()
        var goal = argument
        for (flag, apply) in [("--answer", { (n: Int) in options.answer = n }), ("--depth", { (n: Int) in options.depth = n })] {
            guard let range = goal.range(of: flag, options: .backwards) else { continue }
            let rest = goal[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard let n = Int(rest), n >= 0 else { return usage(usageText) }
            apply(n)
            goal = String(goal[..<range.lowerBound])
        }
        goal = goal.trimmingCharacters(in: .whitespaces)
        guard !goal.isEmpty else { return usage(usageText) }
        do {
            let explanation = try QueryInterrupt.run(session) {
                try session.explain(goal, options: options)
            }
            write(explanation.text(ids: showIds))
            return .continue
        } catch is QueryInterrupt.Cancelled {
            say(Self.cancelledNote)
            return .continue
        } catch  where session.cancellation.isCancelled {
            say(Self.cancelledNote)
            return .continue
        } catch {
            fail(session.describe(error))
            return .failed
        }
    }

    /// `:plan GOAL`: the goal's plan; `:plan`: the plans of every rule, by stratum.
    private func plan(_ goal: String) -> Outcome {
        do {
            write(goal.isEmpty ? try session.engine.planText() : try session.plan(goal))
            return .continue
        } catch {
            fail(session.describe(error))
            return .failed
        }
    }

    private func dot(_ argument: String) -> Outcome {
        let ids = lastAnswers.flatMap { session.entityIds(in: $0) }
        guard !ids.isEmpty else {
            fail("no entities to draw: ask a query first (:dot draws the entities of the last answer)")
            return .failed
        }
        let subgraph = session.graph.restricted(to: Set(ids))
        do {
            let path = argument.isEmpty ? "-" : argument
            try ExportTarget.withFile(path) { out in
                try DotExport.write(subgraph, Subgraph.all(subgraph), to: out)
            }
            if path != "-" { say("wrote \(path): \(subgraph.entities.count) entities, \(subgraph.edges.count) edges") }
            return .continue
        } catch {
            fail("\(error)")
            return .failed
        }
    }

    // MARK: Completion

    private func complete(_ word: String, line: String) -> [String] {
        let command = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
        if line.hasPrefix(":") && line.contains(" ") {
            switch command {
            case ":schema": return session.relationSizes().map(\.name).filter { $0.hasPrefix(word) }
            case ":mode": return OutputFormat.allCases.map(\.rawValue).filter { $0.hasPrefix(word) }
            case ":timing", ":ids": return ["on", "off"].filter { $0.hasPrefix(word) }
            case ":load": return Self.files(startingWith: word)
            default: break
            }
        }
        if word.hasPrefix(":") { return Self.metaCommands.map(\.name).filter { $0.hasPrefix(word) } }
        return session.completions(prefix: word)
    }

    /// Datalog files and folders whose path starts with `prefix`.
    private static func files(startingWith prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        let base = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        return listed.filter { $0.hasPrefix(base) && !$0.hasPrefix(".") }.compactMap { name in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + name, isDirectory: &isFolder)
            return isFolder.boolValue ? folder + name + "/" : (name.hasSuffix(".dl") ? folder + name : nil)
        }.sorted()
    }

    // MARK: Output

    private func write(_ text: String) {
        try? CLIOutput.out.write(text)
        try? CLIOutput.flush()
    }

    private func say(_ line: String) {
        if interactive { write(line + "\n") } else { CLIOutput.note(line) }
    }

    @discardableResult
    private func fail(_ message: String) -> Int32 {
        try? CLIOutput.flush()
        let text = message.hasSuffix("\n") ? message : message + "\n"
        FileHandle.standardError.write(Data(text.utf8))
        return 1
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        let length = unicodeScalars.count
        return length >= width ? self : String(repeating: " ", count: width - length) + self
    }
}

/// Runs a query so that Ctrl-C cancels it: a watcher thread turns the signal flag into the
/// engine's cancellation (whose lock a signal handler must not take).
enum QueryInterrupt {
    struct Cancelled: Error {}

    static func run<T>(_ session: QuerySession, _ body: () throws -> T) throws -> T {
        InterruptFlag.clear()
        let cancellation = session.cancellation
        cancellation.reset()
        let done = DispatchSemaphore(value: 0)
        let watcher = Thread {
            while done.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
                if InterruptFlag.isSet { cancellation.cancel() }
            }
        }
        watcher.start()
        defer { done.signal() }
        let result = try body()
        if cancellation.isCancelled { throw Cancelled() }
        return result
    }
}
