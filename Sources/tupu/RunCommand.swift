import Datalog
import Foundation

/// `tupu run PROGRAM.dl`: runs a standalone Datalog program (Soufflé syntax), like `souffle -F -D`.
enum RunCommand: Command {
    static let name = "run"
    static let abstract = "Run a standalone Datalog program (.input/.output like Soufflé)."

    static let options: [OptionSpec] =
        [
            .option("-F", "--facts", value: "DIR", help: "Where `.input rel` reads rel.facts (TAB-separated; default: .)."),
            .option("-D", "--output-dir", value: "DIR", help: "Write each `.output rel` to DIR/rel.csv (TAB-separated) instead of printing it."),
            .option("-f", "--format", value: "FORMAT", help: "table, tsv, csv, json or jsonl (default: table on a terminal, else tsv)."),
            .flag("--allow-paths", help: "Let `filename=` in .input/.output name files outside -F/-D (refused by default)."),
            .flag(
                "-w", "--no-warnings",
                help:
                    "Print no warnings (a relation nothing defines, a variable used once, arithmetic that wrapped around); they never change the exit status."
            ),
            .flag(
                "--show-plan",
                help: "Print the evaluation plans (each rule's join order, indexes, filters, per stratum; then the queries) instead of running.")
        ] + DatalogLimits.options(tuplesDefault: "none, as in Soufflé", iterationsDefault: "none, as in Soufflé")

    static let help = CommandHelp(
        overview: """
            Evaluate a Datalog program on its own, without the graph: facts, rules, `.decl`, `.input`, \
            `.output`, `.printsize` and `?-` queries. Output follows the program order: each `.output` \
            relation and each query prints its own block; `.printsize rel` prints `rel<TAB>N`. \
            Integer arithmetic wraps around in 62 bits, as Soufflé's does in its width; a warning on \
            standard error says where first and how often, as others do for a relation nothing defines \
            or a variable used once (warnings never change the exit status). \
            With --show-plan nothing runs: the plans print instead, one line per step, nested like loops \
            (`FOR t1 IN edge ON INDEX t1.0 = y` probes a hash index; `path.recent` is the tuples new in \
            the last round of a recursive stratum).
            """,
        usage:
            "tupu run PROGRAM.dl [-F DIR] [-D DIR] [--format FORMAT] [--allow-paths] [--show-plan] [--no-warnings] [--max-tuples N] [--max-iterations N] [--max-answers N] [--max-symbol-bytes N]",
        arguments: [("PROGRAM.dl", "The program; - reads standard input.")],
        options: options,
        examples: [
            "tupu run tc.dl -F facts/ --format jsonl",
            "tupu run reach.dl -F facts/ -D out/",
            "tupu run tc.dl --show-plan"
        ]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        let path = try args.positionals(count: 1...1, name: "PROGRAM.dl")[0]
        var options = RunOptions()
        options.format = try OutputFormat.chosen(args.value("--format"))
        options.factsDirectory = args.value("--facts") ?? "."
        options.outputDirectory = args.value("--output-dir")
        options.allowsPathsOutside = args.flag("--allow-paths")
        options.showsPlan = args.flag("--show-plan")
        var limits = Engine.Options(maxTuples: options.maxTuples, maxIterations: options.maxIterations)
        try DatalogLimits.apply(args, to: &limits)
        options.maxTuples = limits.maxTuples
        options.maxIterations = limits.maxIterations
        options.maxAnswers = limits.maxAnswers
        options.maxSymbolBytes = limits.maxSymbolBytes

        let source: String
        let file = path == "-" ? "<stdin>" : path
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw RuntimeError("cannot read the program \(path)")
            }
            data = contents
        }
        do {
            source = try Program.decode([UInt8](data), file: file)
        } catch let error as DatalogError {
            CLIOutput.note(error.description)
            return 1
        }
        var runner = Runner(options: options, output: { text in try? CLIOutput.out.write(text) })
        if !args.flag("--no-warnings") {
            runner.warn = { warnings in
                // Places in an included file are shown without a source line, as for errors.
                CLIOutput.note(warnings.map { $0.rendered(sources: [file: source]) }.joined().trimmingCharacters(in: .newlines))
            }
        }
        do {
            try runner.run(source: source, file: file)
        } catch let error as DatalogError {
            try CLIOutput.flush()
            // Places in an included file are shown without a source line (only the program's text is at hand).
            CLIOutput.note(error.rendered(sources: [file: source]).trimmingCharacters(in: .newlines))
            return 1
        }
        return 0
    }
}
