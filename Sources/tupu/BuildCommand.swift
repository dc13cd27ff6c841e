import Foundation
import TupuGraph
import TupuRelate
import TupuText

/// `tupu build`: news files in, the graph file out.
enum BuildCommand: Command {
    static let name = "build"
    static let abstract = "Read news files and build the knowledge graph (default: seeds/ → graph.jsonl)."

    static let options: [OptionSpec] = [
        .option("-o", "--output", value: "FILE", help: "Where to write the graph (JSON Lines); - for standard output. Default: graph.jsonl."),
        .option(
            "--gazetteer", value: "FILE",
            help:
                "A names file (TSV: name, aliases, kind, source, then comment columns) to recognise by name: an organisation kind (government, party, company, hospital, bank, school, union, association, team, alliance, media, other) gives organisations, kind `none` rules a name out, any other kind gives programmes; repeatable."
        ),
        .option("--max-document-mb", value: "N", help: "Skip a document (file, standard input, JSON Lines line) larger than N megabytes. Default: 64."),
        .flag("--no-learn", help: "Read each document alone: do not learn programme names from the whole corpus first."),
        .flag("--updatable", help: "Also record each document's share of the graph (a \"document\" line per document), so that --update can replace it later."),
        .option(
            "--update", value: "GRAPH",
            help:
                "Add the documents read to GRAPH (built with --updatable); a document whose id GRAPH holds replaces its older version. Writes GRAPH unless -o is given."
        ),
        .flag("-q", "--quiet", help: "No progress and no summary (problems are still reported)."),
        GraphInput.noIndexOption
    ]

    static let help = CommandHelp(
        overview: """
            Read Chinese news files, recognise places, organisations, programmes and people, relate them \
            (runs, located_in, part_of, partner, member_of, role) and write the graph, every edge with its \
            evidence (file, code-point offsets, sentence, rule, confidence). A first pass learns the programme \
            names that strong context proves anywhere in the corpus (see `tupu help gazetteer`), so that every \
            document finds them, quoted or not, full or short. Files are read in parallel on all cores; the \
            graph file is replaced atomically (through a link, keeping its mode; a device is written through; \
            an input or a read-only file is refused). Exit status 1 when an input was skipped.
            """,
        usage: "tupu build [PATH ...] [-o FILE] [--gazetteer FILE] [--max-document-mb N] [--no-learn] [--updatable | --update GRAPH] [-q]",
        arguments: [("PATH", "Files (.txt, .jsonl with {\"id\",\"text\"} lines), folders (read recursively) or - for standard input. Default: seeds/.")],
        options: options,
        examples: [
            "tupu build", "tupu build seeds/000*.txt seeds/001*.txt -o two.graph.jsonl", "cat seeds/*.txt | tupu build - -o piped.graph.jsonl",
            "tupu build --updatable seeds/000* seeds/001* -o graph.jsonl && tupu build --update graph.jsonl seeds/002*"
        ]
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
        // Where the graph goes, and that it is not one of the inputs, is settled before any work.
        let writesStandardOutput: Bool
        do {
            writesStandardOutput = try OutputFile.destination(of: output) == .standardOutput
            try refuseOverwritingAnInput(output, paths: paths)
        } catch let failure as OutputFile.Failure {
            throw RuntimeError(failure.message)
        }
        let started = Date()
        var maximumDocumentBytes = DocumentReader.defaultMaximumBytes
        if let text = args.value("--max-document-mb") {
            guard let megabytes = Int(text), megabytes > 0, megabytes <= 1 << 20 else {
                throw UsageError("--max-document-mb wants a whole number of megabytes from 1 to 1048576, not \(text)")
            }
            maximumDocumentBytes = megabytes << 20
        }
        var (builder, gazetteerProblems, gazetteerWarnings) = try CorpusBuilder.standard(
            brandFiles: args.values("--gazetteer"), learning: !args.flag("--no-learn"))
        builder.maximumDocumentBytes = maximumDocumentBytes
        for problem in gazetteerProblems { CLIOutput.note("warning: \(problem)") }
        for warning in gazetteerWarnings { CLIOutput.note("warning: \(warning)") }
        // The old graph is read before the new documents: a graph that cannot be updated stops here.
        let old = try updating.map { try UpdateOutput.load($0, index: GraphInput.indexUse(args)) }
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
        let skipped = report.problems.filter { $0.severity == .skipped }
        for problem in report.problems {
            CLIOutput.note(problem.severity == .skipped ? "skipped: \(problem)" : "warning: \(problem)")
        }
        if report.documents == 0 && !skipped.isEmpty {
            throw RuntimeError("nothing could be read; no graph written")
        }
        do {
            try OutputFile.write(to: output) { descriptor in
                try GraphFile.write(report.graph, shares: shares) { chunk in try OutputFile.writeAll(chunk, to: descriptor, path: output) }
            }
            if case .replace? = try? OutputFile.destination(of: output) { GraphIndex.removeSidecar(of: output) }
        } catch let failure as OutputFile.Failure {
            throw RuntimeError(failure.message)
        }
        let seconds = Date().timeIntervalSince(started)
        if !quiet {
            let g = report.graph
            let types = EntityType.allCases.map { "\(g.count(of: $0)) \($0.rawValue)" }.joined(separator: ", ")
            let relations = Relation.allCases.map { "\(g.count(of: $0)) \($0.rawValue)" }.joined(separator: ", ")
            let summary = """
                Built \(writesStandardOutput ? "the graph on standard output" : output) from \(report.files) files, \(report.documents) documents, \(report.articles) articles \
                (\(String(format: "%.1f", Double(report.bytes) / 1e6)) MB) in \(String(format: "%.2f", seconds)) s
                  entities: \(g.entities.count) (\(types))
                  edges:    \(g.edges.count) (\(relations))
                  learned:  \(report.learned.count) programme names (`tupu gazetteer learn` lists them)
                """
                + (replaced.map {
                    "\n  updated:  \(old!.shares.count) documents before, \(report.documents - $0.count) added, \($0.count) replaced, \(shares.count) now"
                } ?? "")
                + (skipped.isEmpty ? "" : "\n  skipped:  \(skipped.count) input(s), see above")
            // With the graph on standard output, the summary must not mix into it.
            if writesStandardOutput { CLIOutput.note(summary) } else { try CLIOutput.out.write(summary + "\n") }
        }
        // The process exits right after a build: the graph and the gazetteer are left to the
        // operating system instead of being freed object by object (a few percent of a large build).
        leftForExit = (builder, report)
        return skipped.isEmpty && gazetteerProblems.isEmpty ? 0 : 1
    }

    nonisolated(unsafe) private static var leftForExit: Any?

    /// The output must not be a file the build reads: a named input, or a file found in an
    /// input folder (except a graph file tupu wrote, which the build skips).
    static func refuseOverwritingAnInput(_ output: String, paths: [String]) throws {
        try OutputFile.refuse(output, ifSameAs: paths)
        guard let target = OutputFile.identity(of: output), !DocumentReader.isGraphFile(output) else { return }
        let folders = paths.filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
        }
        guard !folders.isEmpty else { return }
        for file in DocumentReader.inputs(for: folders).files where OutputFile.identity(of: file.path) == target {
            throw OutputFile.Failure("will not write \(output): it is also an input (\(file.path)); choose another output file")
        }
    }
}

enum UpdateOutput {
    /// The graph to update, with its document lines; one built without them cannot be updated.
    static func load(_ path: String, index: GraphIndex.Use) throws -> CorpusBuilder.GraphPart {
        let loaded: (graph: Graph, shares: [DocumentShare])
        do {
            loaded = try GraphFile.loadWithShares(path, index: index) { CLIOutput.note($0.description) }
        } catch let error as GraphFile.ReadError {
            throw RuntimeError(error.description)
        }
        if loaded.shares.isEmpty && !loaded.graph.isEmpty {
            throw RuntimeError("\(path) has no document lines, so its documents cannot be replaced: build it once with `tupu build --updatable … -o \(path)`")
        }
        return CorpusBuilder.GraphPart(graph: loaded.graph, shares: loaded.shares)
    }
}
