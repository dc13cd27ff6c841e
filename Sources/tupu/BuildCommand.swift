import Foundation
import TupuGraph
import TupuRelate

/// `tupu build`: news files in, the graph file out.
enum BuildCommand: Command {
    static let name = "build"
    static let abstract = "Read news files and build the knowledge graph (default: seeds/ → graph.jsonl)."

    static let options: [OptionSpec] = [
        .option("-o", "--output", value: "FILE", help: "Where to write the graph (JSON Lines). Default: graph.jsonl."),
        .option("--gazetteer", value: "FILE", help: "A brand file (TSV: name, aliases, kind, source, then comment columns) to recognise programmes by name; kind `none` rules a name out; repeatable."),
        .flag("--no-learn", help: "Read each document alone: do not learn programme names from the whole corpus first."),
        .flag("-q", "--quiet", help: "No progress and no summary (problems are still reported)."),
    ]

    static let help = CommandHelp(
        overview: """
        Read Chinese news files, recognise places, organisations, programmes and people, relate them \
        (runs, located_in, part_of, partner, member_of, role) and write the graph, every edge with its \
        evidence (file, code-point offsets, sentence, rule, confidence). A first pass learns the programme \
        names that strong context proves anywhere in the corpus (see `tupu help gazetteer`), so that every \
        document finds them, quoted or not, full or short. Files are read in parallel on all cores; the \
        graph file is replaced atomically. Exit status 1 when an input was skipped.
        """,
        usage: "tupu build [PATH ...] [-o FILE] [--gazetteer FILE] [--no-learn] [-q]",
        arguments: [("PATH", "Files (.txt, .jsonl with {\"id\",\"text\"} lines), folders (read recursively) or - for standard input. Default: seeds/.")],
        options: options,
        examples: ["tupu build", "tupu build news/ more.jsonl -o news.graph.jsonl", "cat article.txt | tupu build - -o one.jsonl"]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        let quiet = args.flag("--quiet")
        let output = args.value("--output") ?? GraphInput.defaultPath
        var paths = args.positionals
        if paths.isEmpty {
            guard FileManager.default.fileExists(atPath: "seeds") else {
                throw UsageError("no PATH given and no seeds/ folder here; say what to read, e.g. `tupu build news/`")
            }
            paths = ["seeds"]
        }
        let started = Date()
        let (builder, gazetteerProblems) = try CorpusBuilder.standard(brandFiles: args.values("--gazetteer"), learning: !args.flag("--no-learn"))
        for problem in gazetteerProblems { CLIOutput.note("warning: \(problem)") }
        let showProgress = !quiet && Terminal.standardErrorIsTerminal
        let report = builder.build(paths) { progress in
            guard showProgress else { return }
            let line = String(format: "\r  %d/%d files, %.1f MB", progress.filesDone, progress.filesTotal, Double(progress.bytesDone) / 1e6)
            FileHandle.standardError.write(Data(line.utf8))
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for problem in report.problems { CLIOutput.note("skipped: \(problem)") }
        if report.documents == 0 && !report.problems.isEmpty {
            throw RuntimeError("nothing could be read; no graph written")
        }
        do {
            try GraphFile.save(report.graph, to: output)
        } catch {
            throw RuntimeError("cannot write \(output): \(error.localizedDescription)")
        }
        let seconds = Date().timeIntervalSince(started)
        if !quiet {
            let g = report.graph
            let types = EntityType.allCases.map { "\(g.count(of: $0)) \($0.rawValue)" }.joined(separator: ", ")
            let relations = Relation.allCases.map { "\(g.count(of: $0)) \($0.rawValue)" }.joined(separator: ", ")
            try CLIOutput.out.write("""
            Built \(output) from \(report.files) files, \(report.documents) documents, \(report.articles) articles \
            (\(String(format: "%.1f", Double(report.bytes) / 1e6)) MB) in \(String(format: "%.2f", seconds)) s
              entities: \(g.entities.count) (\(types))
              edges:    \(g.edges.count) (\(relations))
              learned:  \(report.learned.count) programme names (`tupu gazetteer learn` lists them)

            """)
            if !report.problems.isEmpty { try CLIOutput.out.write("  skipped:  \(report.problems.count) input(s), see above\n") }
        }
        // The process exits right after a build: the graph and the gazetteer are left to the
        // operating system instead of being freed object by object (a few percent of a large build).
        leftForExit = (builder, report)
        return report.problems.isEmpty && gazetteerProblems.isEmpty ? 0 : 1
    }

    nonisolated(unsafe) private static var leftForExit: Any?
}
