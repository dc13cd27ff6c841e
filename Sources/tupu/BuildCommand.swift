import Foundation
import TupuGraph
import TupuRelate

/// `tupu build`: news files in, the graph file out.
enum BuildCommand: Command {
    static let name = "build"
    static let abstract = "Read news files and build the knowledge graph (default: seeds/ → graph.jsonl)."

    static let options: [OptionSpec] = [
        .option("-o", "--output", value: "FILE", help: "Where to write the graph (JSON Lines). Default: graph.jsonl."),
        .option("--gazetteer", value: "FILE", help: "A brand file (TSV: name, aliases, kind, source) to recognise programmes by name; repeatable."),
        .flag("--updatable", help: "Also record each document's share of the graph (a \"document\" line per document), so that --update can replace it later."),
        .option("--update", value: "GRAPH", help: "Add the documents read to GRAPH (built with --updatable); a document whose id GRAPH holds replaces its older version. Writes GRAPH unless -o is given."),
        .flag("-q", "--quiet", help: "No progress and no summary (problems are still reported)."),
    ]

    static let help = CommandHelp(
        overview: """
        Read Chinese news files, recognise places, organisations, programmes and people, relate them \
        (runs, located_in, part_of, partner, member_of, role) and write the graph, every edge with its \
        evidence (file, code-point offsets, sentence, rule, confidence). Files are read in parallel on \
        all cores; the graph file is replaced atomically. Exit status 1 when an input was skipped.
        """,
        usage: "tupu build [PATH ...] [-o FILE] [--gazetteer FILE] [--updatable | --update GRAPH] [-q]",
        arguments: [("PATH", "Files (.txt, .jsonl with {\"id\",\"text\"} lines), folders (read recursively) or - for standard input. Default: seeds/.")],
        options: options,
        examples: ["tupu build", "tupu build seeds/000*.txt seeds/001*.txt -o two.graph.jsonl", "cat seeds/*.txt | tupu build - -o piped.graph.jsonl",
                   "tupu build --updatable seeds/000* seeds/001* -o graph.jsonl && tupu build --update graph.jsonl seeds/002*"]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        let quiet = args.flag("--quiet")
        let updating = args.value("--update")
        let output = args.value("--output") ?? updating ?? GraphInput.defaultPath
        var paths = args.positionals
        if updating != nil && paths.isEmpty {
            throw UsageError("--update needs the new documents to read, e.g. `tupu build --update graph.jsonl today.jsonl`")
        }
        if updating != nil && args.flag("--updatable") {
            throw UsageError("--updatable and --update together: an updated graph keeps its document lines anyway")
        }
        if paths.isEmpty {
            guard FileManager.default.fileExists(atPath: "seeds") else {
                throw UsageError("no PATH given and no seeds/ folder here; say what to read, e.g. `tupu build news/`")
            }
            paths = ["seeds"]
        }
        let started = Date()
        let (builder, gazetteerProblems) = try CorpusBuilder.standard(brandFiles: args.values("--gazetteer"))
        for problem in gazetteerProblems { CLIOutput.note("warning: \(problem)") }
        // The old graph is read before the new documents: a graph that cannot be updated stops here.
        let old = try updating.map(UpdateOutput.load)
        let showProgress = !quiet && Terminal.standardErrorIsTerminal
        let line = BuildProgress()
        let progress: @Sendable (CorpusBuilder.Progress) -> Void = { progress in
            if showProgress { line.show(progress) }
        }
        var report: CorpusBuilder.Report
        var shares: [DocumentShare] = []
        var replaced: [String]? = nil
        if let old {
            let update = builder.update(old, with: paths, progress: progress)
            report = update.build
            report.graph = update.updated.graph
            shares = update.updated.shares
            replaced = update.replaced
        } else {
            report = builder.build(paths, recordingShares: args.flag("--updatable"), progress: progress)
            shares = report.shares
        }
        if showProgress { line.clear() }
        for problem in report.problems { CLIOutput.note("skipped: \(problem)") }
        if report.documents == 0 && !report.problems.isEmpty {
            throw RuntimeError("nothing could be read; no graph written")
        }
        do {
            try GraphFile.save(report.graph, shares: shares, to: output)
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
            if let replaced, let old {
                try CLIOutput.out.write("  updated:  \(old.shares.count) documents before, \(report.documents - replaced.count) added, \(replaced.count) replaced, \(shares.count) now\n")
            }
            if !report.problems.isEmpty { try CLIOutput.out.write("  skipped:  \(report.problems.count) input(s), see above\n") }
        }
        // The process exits right after a build: the graph and the gazetteer are left to the
        // operating system instead of being freed object by object (a few percent of a large build).
        leftForExit = (builder, report)
        return report.problems.isEmpty && gazetteerProblems.isEmpty ? 0 : 1
    }

    nonisolated(unsafe) private static var leftForExit: Any?
}

enum UpdateOutput {
    /// The graph to update, with its document lines; one built without them cannot be updated.
    static func load(_ path: String) throws -> CorpusBuilder.GraphPart {
        let loaded: (graph: Graph, shares: [DocumentShare])
        do {
            loaded = try GraphFile.loadWithShares(path)
        } catch let error as GraphFile.ReadError {
            throw RuntimeError(error.description)
        }
        if loaded.shares.isEmpty && !loaded.graph.isEmpty {
            throw RuntimeError("\(path) has no document lines, so its documents cannot be replaced: build it once with `tupu build --updatable … -o \(path)`")
        }
        return CorpusBuilder.GraphPart(graph: loaded.graph, shares: loaded.shares)
    }
}
