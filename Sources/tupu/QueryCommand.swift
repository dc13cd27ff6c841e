import Datalog
import Foundation
import TupuExport
import TupuGraph
import TupuKit
import TupuQuery
import TupuRelate

/// `tupu query FILE… [-e '?- …']`: saved Datalog queries against the graph.
enum QueryCommand: Command {
    static let name = "query"
    static let abstract = "Answer Datalog queries (files or -e) over the graph."

    static let options: [OptionSpec] =
        [
            GraphInput.option,
            GraphInput.noIndexOption,
            .option("-e", "--execute", value: "SOURCE", help: "Datalog to run after the files, e.g. '?- within(X, \"某某市\").' (repeatable)."),
            .option(
                "-f", "--format", value: "FORMAT",
                help: "table, tsv, csv, json (one document for all queries) or jsonl (default: table on a terminal, else tsv)."),
            .flag("--ids", help: "Print entity ids, not names."),
            .flag("--timing", help: "Print each query's time on standard error.")
        ] + DatalogLimits.options

    static let help = CommandHelp(
        overview: """
            Run Datalog files (Soufflé syntax) over the graph, each file a program of its own; -e \
            snippets run after the last file and may use its rules. The graph's relations and the prelude \
            (name, within, at, programme_in, org_kind) are predefined; a string that names an entity \
            stands for its id wherever an id belongs. Each `?-` query prints its own block of answers, \
            with entity ids shown as names.
            """,
        usage: "tupu query [FILE…] [-e SOURCE] [--graph FILE] [--format FORMAT] [--ids]",
        arguments: [("FILE", "A Datalog file of rules and `?-` queries; - reads standard input.")],
        options: options,
        examples: [
            "tupu query queries/02_programmes_in_huzhou.dl",
            "tupu query -e '?- runs(Org, Programme).' --format csv",
            "tupu query -e '?- within(X, \"湖州市\"), entity(X, \"programme\", _).' --ids"
        ]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        let files = args.positionals
        let snippets = args.values("--execute")
        guard !files.isEmpty || !snippets.isEmpty else {
            throw UsageError("give a query FILE or -e '?- goal.'")
        }
        let format = try OutputFormat.chosen(args.value("--format"))
        var limits = Engine.Options()
        limits.limitNames.paths = nil  // `.input` stays inside the current folder: query has no --allow-paths
        try DatalogLimits.apply(args, to: &limits)
        var sources: [(text: String, file: String)] = []
        for file in files {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let contents = FileManager.default.contents(atPath: file) else {
                    throw RuntimeError("cannot read the query file \(file)")
                }
                data = contents
            }
            do {
                sources.append((try Program.decode([UInt8](data), file: file == "-" ? "<stdin>" : file), file == "-" ? "<stdin>" : file))
            } catch let error as DatalogError {
                CLIOutput.note(error.description)
                return 1
            }
        }
        for (n, snippet) in snippets.enumerated() {
            sources.append((snippet, snippets.count == 1 ? "<-e>" : "<-e \(n + 1)>"))
        }

        // Each file is a program of its own (two files may both define `most`); -e snippets
        // run after the last file, in its session, so they can use its rules.
        let graph = try GraphInput.load(args.value("--graph"), index: GraphInput.indexUse(args))
        var session = try QuerySession(graph: graph, options: limits)
        var printedBlocks = 0
        // JSON is one document over every file and snippet: printed once, at the end.
        var jsonBlocks: [QueryAnswers] = []
        func printJSON() throws {
            guard !jsonBlocks.isEmpty else { return }
            try CLIOutput.out.write(session.format(jsonBlocks, as: .json, ids: args.flag("--ids"), headings: true))
        }
        for (index, source) in sources.enumerated() {
            if index > 0 && index < files.count { session = try QuerySession(graph: graph, options: limits) }
            let started = DispatchTime.now()
            let blocks: [QueryAnswers]
            do {
                blocks = try session.run(source.text, file: source.file)
                for warning in UnknownNameWarning.lines(session, source: source.text, file: source.file) {
                    CLIOutput.note(warning)
                }
            } catch {
                try printJSON()
                try CLIOutput.flush()
                CLIOutput.note(session.describe(error, source: source.text))
                return 1
            }
            if format == .json {
                jsonBlocks += blocks
            } else if !blocks.isEmpty {
                if printedBlocks > 0 && [.table, .tsv, .csv].contains(format) { try CLIOutput.out.write("\n") }
                try CLIOutput.out.write(session.format(blocks, as: format, ids: args.flag("--ids"), headings: true))
                printedBlocks += blocks.count
            }
            if args.flag("--timing") {
                let ms = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
                CLIOutput.note(String(format: "%@: %.1f ms", source.file, ms))
            }
        }
        try printJSON()
        return 0
    }
}

extension OutputFormat {
    /// `--format`, else a table on a terminal and TSV in a pipe.
    static func chosen(_ name: String?) throws -> OutputFormat {
        guard let name else { return Terminal.standardOutputIsTerminal ? .table : .tsv }
        guard let format = OutputFormat(rawValue: name) else {
            let names = OutputFormat.allCases.map(\.rawValue)
            let guess = Spelling.closest(to: name, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw UsageError("unknown format '\(name)'\(guess); choose one of \(names.joined(separator: ", "))")
        }
        return format
    }
}

/// "warning: q.dl:1:14: no entity is named “湖洲市” (did you mean “湖州市”?)": a name that
/// no entity has makes its query answer nothing, which should not pass without a word.
enum UnknownNameWarning {
    static func lines(_ session: QuerySession, source: String, file: String, firstLine: Int = 1) -> [String] {
        session.unknownNames(in: source, firstLine: firstLine).map { unknown in
            let guess = Spelling.closest(to: unknown.name, among: session.entityNames).map { " (did you mean “\($0)”?)" } ?? ""
            return "warning: \(file):\(unknown.line):\(unknown.column): no entity is named “\(unknown.name)”\(guess)"
        }
    }
}
