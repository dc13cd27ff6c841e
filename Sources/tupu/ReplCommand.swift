import Datalog
import Foundation
import TupuQuery

/// `tupu repl`: an interactive Datalog session over the graph.
enum ReplCommand: Command {
    static let name = "repl"
    static let abstract = "Ask Datalog questions interactively (line editing, history, Tab completion)."

    static let options: [OptionSpec] = [
        GraphInput.option,
        GraphInput.noIndexOption,
        .option("-f", "--format", value: "FORMAT", help: "table, tsv, csv, json or jsonl (default: table on a terminal, else tsv)."),
        .flag("--ids", help: "Print entity ids, not names."),
        .flag(
            "-w", "--no-warnings",
            help: "Print no warnings: none for a `:load`ed file (a relation nothing defines, a variable used once), none for a name that matches no entity."
        )
    ]

    static let help = CommandHelp(
        overview: """
            An interactive session: type rules and `?- goal.` queries (a statement ends with `.`; \
            `...>` asks for the rest), and `:` commands (:help, :relations, :schema, :explain, :dot, \
            :mode, :timing, :ids, :load, :history, :quit). Ctrl-C cancels the line or the running query. \
            History: $TUPU_HISTORY (empty: none), else $XDG_STATE_HOME/tupu/history. \
            With piped input it runs as a script: no prompt, the first error ends it with status 1.
            """,
        usage: "tupu repl [--graph FILE] [--format FORMAT] [--ids] [--no-warnings]",
        options: options,
        examples: [
            "tupu repl",
            "echo '?- org_kind(X, \"hospital\").' | tupu repl"
        ]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        _ = try args.positionals(count: 0...0, name: "ARGUMENT")
        if args.value("--graph") == "-" {
            throw UsageError("the REPL reads its statements from standard input, so --graph - cannot use it too; give a file")
        }
        let format = try OutputFormat.chosen(args.value("--format"))
        let session = try QuerySession(graph: GraphInput.load(args.value("--graph"), index: GraphInput.indexUse(args)), options: Repl.engineOptions)
        let interactive = Terminal.standardInputIsTerminal
        let editor = LineEditor(
            interactive: interactive,
            historyPath: interactive ? LineEditor.defaultHistoryPath() : nil)
        let repl = Repl(
            session: session, editor: editor, interactive: interactive,
            format: format, showIds: args.flag("--ids"), showsWarnings: !args.flag("--no-warnings"))
        return repl.run()
    }
}
