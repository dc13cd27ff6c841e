import Datalog
import Foundation
import TupuExport
import TupuGraph
import TupuQuery
import TupuRelate

/// `tupu query FILE… [-e '?- …']`: saved Datalog queries against the graph.
enum QueryCommand: Command {
    static let name = "query"
    static let abstract = "Answer Datalog queries (files or -e) over the graph."

    static let options: [OptionSpec] = [
        QueryGraph.option,
        .option("-e", "--execute", value: "SOURCE", help: "Datalog to run after the files, e.g. '?- within(X, \"某某市\").' (repeatable)."),
        .option("-f", "--format", value: "FORMAT", help: "table, tsv, csv, json (one document for all queries) or jsonl (default: table on a terminal, else tsv)."),
        .flag("--ids", help: "Print entity ids, not names."),
        .flag("--timing", help: "Print each query's time on standard error."),
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
            "tupu query -e '?- within(X, \"某某市\"), entity(X, \"programme\", _).' --ids",
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
        let graph = try QueryGraph.load(args.value("--graph"))
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

/// Where the query commands get their graph: `--graph FILE`; else the graph of `seeds/` here,
/// built once and cached (keyed by the seeds' paths, sizes and modification times and by the
/// `tupu` executable itself, so a rebuilt extractor does not serve a stale graph); else
/// `graph.jsonl` here.
enum QueryGraph {
    static let option = OptionSpec.option("-g", "--graph", value: "FILE", help: """
        The graph file (JSON Lines); - for standard input. Default: the graph of seeds/ here \
        (built once, cached under $XDG_CACHE_HOME/tupu), else graph.jsonl.
        """)

    static func load(_ path: String?) throws -> Graph {
        if path == nil, let seeds = seedsFolder() {
            return try cachedBuild(of: seeds)
        }
        do {
            return try GraphInput.load(path)
        } catch let error as GraphFile.ReadError {
            throw RuntimeError(error.description)
        }
    }

    private static func seedsFolder() -> String? {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: "seeds", isDirectory: &isFolder) && isFolder.boolValue ? "seeds" : nil
    }

    /// `$XDG_CACHE_HOME/tupu`, else `~/.cache/tupu`.
    static func cacheFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return cache + "/tupu" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/tupu"
    }

    private static func cachedBuild(of folder: String) throws -> Graph {
        let cacheFile = cacheFolder() + "/seeds-\(fingerprint(of: folder)).graph.jsonl"
        if FileManager.default.fileExists(atPath: cacheFile), let graph = try? GraphFile.load(cacheFile) {
            return graph
        }
        let (builder, _) = try CorpusBuilder.standard()
        let report = builder.build([folder])
        for problem in report.problems { CLIOutput.note("skipped: \(problem)") }
        // A cache that cannot be written only costs time on the next run.
        try? FileManager.default.createDirectory(atPath: cacheFolder(), withIntermediateDirectories: true)
        try? GraphFile.save(report.graph, to: cacheFile)
        return report.graph
    }

    /// FNV-1a over every file's relative path, size and modification time, and the executable's.
    static func fingerprint(of folder: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        func stamp(_ path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            mix("\(path)\t\(size)\t\(modified)\n")
        }
        let files = (FileManager.default.subpaths(atPath: folder) ?? []).sorted()
        for file in files { stamp(folder + "/" + file) }
        stamp(Bundle.main.executablePath ?? CommandLine.arguments[0])
        return String(hash, radix: 16)
    }
}
