import Foundation
import TupuExport
import TupuGraph
import TupuKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The dispatcher: `tupu COMMAND [ARGUMENTS…]` over `Tupu.commands`, help, version, and the
/// mapping from errors to exit statuses (usage 64, runtime 1, closed pipe 0).
enum CLI {
    static let overview = "Tupu (图谱): Chinese local news about community services → a typed, evidenced knowledge graph → Datalog."

    static func main(_ argv: [String], commands: [Command.Type], version: String) -> Int32 {
        // A closed pipe must surface as EPIPE on write (handled as a normal end), not kill us.
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(argv.dropFirst())
        let status = dispatch(arguments, commands: commands, version: version)
        do {
            try CLIOutput.flush()
        } catch is BrokenPipe {
            return 0
        } catch {
            CLIOutput.note("error: \(describe(error))")
            return 1
        }
        return status
    }

    static func dispatch(_ arguments: [String], commands: [Command.Type], version: String) -> Int32 {
        guard let first = arguments.first else {
            return show(overviewHelp(commands))
        }
        switch first {
        case "-h", "--help":
            return show(overviewHelp(commands))
        case "--version":
            return show(version + "\n")
        case "help":
            guard arguments.count > 1, arguments[1] != "help" else { return show(overviewHelp(commands)) }
            guard let command = find(arguments[1], in: commands) else {
                return unknownCommand(arguments[1], commands: commands)
            }
            return show(command.help)
        default:
            break
        }
        if first.hasPrefix("-") {
            let guess = Spelling.closest(to: first, among: ["--help", "--version"])
            CLIOutput.note("error: unknown option '\(first)'" + (guess.map { " (did you mean '\($0)'?)" } ?? ""))
            CLIOutput.note("Usage: tupu <command> [arguments]\n  See 'tupu --help' for the commands.")
            return 64
        }
        guard let command = find(first, in: commands) else {
            return unknownCommand(first, commands: commands)
        }
        return run(command, Array(arguments.dropFirst()))
    }

    static func run(_ command: Command.Type, _ arguments: [String]) -> Int32 {
        do {
            return try command.run(arguments)
        } catch is HelpRequested {
            return show(command.help)
        } catch let error as UsageError {
            CLIOutput.note("error: \(error.message)")
            if let usage = CommandHelp.usageLine(of: command.help) { CLIOutput.note("Usage: \(usage)") }
            CLIOutput.note("  See 'tupu help \(command.name)' for more information.")
            return 64
        } catch let error as RuntimeError {
            CLIOutput.note("error: \(error.message)")
            return 1
        } catch is BrokenPipe {
            return 0
        } catch {
            CLIOutput.note(describe(error).contains(": error: ") ? describe(error) : "error: \(describe(error))")
            return 1
        }
    }

    /// A readable one-line description: Foundation errors by their localized text, ours by `description`.
    static func describe(_ error: Error) -> String {
        if error is CocoaError || type(of: error) == NSError.self { return error.localizedDescription }
        return String(describing: error)
    }

    private static func find(_ name: String, in commands: [Command.Type]) -> Command.Type? {
        commands.first { $0.name == name }
    }

    private static func unknownCommand(_ name: String, commands: [Command.Type]) -> Int32 {
        let guess = Spelling.closest(to: name, among: commands.map { $0.name } + ["help"])
        CLIOutput.note("error: unknown command '\(name)'" + (guess.map { " (did you mean '\($0)'?)" } ?? ""))
        CLIOutput.note("  See 'tupu --help' for the commands.")
        return 64
    }

    private static func show(_ text: String) -> Int32 {
        do {
            try CLIOutput.out.write(text.hasSuffix("\n") ? text : text + "\n")
        } catch {
            return error is BrokenPipe ? 0 : 1
        }
        return 0
    }

    static func overviewHelp(_ commands: [Command.Type]) -> String {
        var out = "OVERVIEW: \(overview)\n\nUSAGE: tupu <command> [arguments]\n"
        out += "\nOPTIONS:\n" + CommandHelp.table([("-h, --help", "Show help information."), ("--version", "Show the version.")])
        out += "\nSUBCOMMANDS:\n" + CommandHelp.table(commands.map { ($0.name, $0.abstract) } + [("help", "Show help for a command.")])
        out += "\n  See 'tupu help <command>' for detailed help.\n"
        return out
    }
}
