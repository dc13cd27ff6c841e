import Foundation
import TupuGraph
import TupuRelate
import TupuText

/// `tupu build`: news files in, the graph file out.
enum BuildCommand: Command {
    static let name = "build"
    static let abstract = "Read news files and build the knowledge graph (default: seeds/ → graph.jsonl)."

    static let options: [OptionSpec] = [
        .option("-o", "--output", value: "FILE", help: "Where to write the graph (JSON Lines). Default: graph.jsonl."),
        .option("--gazetteer", value: "FILE", help: "A brand file (TSV: name, aliases, kind, source) to recognise programmes by name; repeatable."),
        .option("--max-document-mb", value: "N", help: "Skip a document (file, standard input, JSON Lines line) larger than N megabytes. Default: 64."),
        .flag("-q", "--quiet", help: "No progress and no summary (problems are still reported)."),
    ]

    static let help = CommandHelp(
        overview: """
        Read Chinese news files, recognise places, organisations, programmes and people, relate them \
        (runs, located_in, part_of, partner, member_of, role) and write the graph, every edge with its \
        evidence (file, code-point offsets, sentence, rule, confidence). Files are read in parallel on \
        all cores; the graph file is replaced atomically. Exit status 1 when an input was skipped.
        """,
        usage: "tupu build [PATH ...] [-o FILE] [--gazetteer FILE] [--max-document-mb N] [-q]",
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
        var maximumDocumentBytes = DocumentReader.defaultMaximumBytes
        if let text = args.value("--max-document-mb") {
            guard let megabytes = Int(text), megabytes > 0, megabytes <= 1 << 20 else {
                throw UsageError("--max-document-mb wants a whole number of megabytes from 1 to 1048576, not \(text)")
            }
            maximumDocumentBytes = megabytes << 20
        }
        var (builder, gazetteerProblems, gazetteerWarnings) = try CorpusBuilder.standard(brandFiles: args.values("--gazetteer"))
        builder.maximumDocumentBytes = maximumDocumentBytes
        for problem in gazetteerProblems { CLIOutput.note("warning: \(problem)") }
        for warning in gazetteerWarnings { CLIOutput.note("warning: \(warning)") }
        let showProgress = !quiet && Terminal.standardErrorIsTerminal
        let report = builder.build(paths) { progress in
            guard showProgress else { return }
            let line = String(format: "\r  %d/%d files, %.1f MB", progress.filesDone, progress.filesTotal, Double(progress.bytesDone) / 1e6)
            FileHandle.standardError.write(Data(line.utf8))
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let skipped = report.problems.filter { $0.severity == .skipped }
        for problem in report.problems {
            CLIOutput.note(problem.severity == .skipped ? "skipped: \(problem)" : "warning: \(problem)")
        }
        if report.documents == 0 && !skipped.isEmpty {
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

            """)
            if !skipped.isEmpty { try CLIOutput.out.write("  skipped:  \(skipped.count) input(s), see above\n") }
        }
        // The process exits right after a build: the graph and the gazetteer are left to the
        // operating system instead of being freed object by object (a few percent of a large build).
        leftForExit = (builder, report)
        return skipped.isEmpty && gazetteerProblems.isEmpty ? 0 : 1
    }

    nonisolated(unsafe) private static var leftForExit: Any?
}
