import Foundation
import TupuGraph
import TupuRelate

/// The graph every reading command uses, by one rule: `--graph FILE` (`-` for standard input);
/// else `graph.jsonl` here when it exists (what `tupu build` just wrote); else the graph of
/// `seeds/` here, built once and cached. On a terminal the command says in one line which it read.
enum GraphInput {
    static let defaultPath = "graph.jsonl"

    /// The `--graph` option, shared so every command spells it and explains the rule the same way.
    static let option = OptionSpec.option(
        "-g", "--graph", value: "FILE",
        help: """
            The graph file (JSON Lines); - for standard input. Default: ./\(defaultPath) when it \
            exists, else the graph of ./seeds/ (built once, cached under $XDG_CACHE_HOME/tupu).
            """)

    /// `--no-index`, shared by every command that reads a graph file.
    static let noIndexOption = OptionSpec.flag(
        "--no-index",
        help: """
            Read the graph file itself, not its binary sidecar FILE\(GraphIndex.suffix) (made on the first \
            reading, used while the file is unchanged), and make none. Also: TUPU_NO_INDEX=1.
            """)

    /// Whether to use and make graph files' sidecars: not with `--no-index` or `TUPU_NO_INDEX` set (not empty, not 0).
    /// Only used, not made, for a file about to be written over (`overwritten`).
    static func indexUse(_ args: Arguments, overwritten: Bool = false) -> GraphIndex.Use {
        let variable = ProcessInfo.processInfo.environment["TUPU_NO_INDEX"] ?? ""
        guard !args.flag("--no-index") && (variable.isEmpty || variable == "0") else { return .off }
        return overwritten ? .readOnly : .readAndWrite
    }

    /// Where the graph came from, named in the one-line note and in `stats`.
    enum Source {
        case file(String)
        case standardInput
        case seedsBuild(folder: String)

        var label: String {
            switch self {
            case .file(let path): path
            case .standardInput: "<stdin>"
            case .seedsBuild(let folder): "\(folder)/ (built and cached)"
            }
        }
    }

    static func source(for path: String?) throws -> Source {
        if let path { return path == "-" ? .standardInput : .file(path) }
        if FileManager.default.fileExists(atPath: defaultPath) { return .file(defaultPath) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: "seeds", isDirectory: &isFolder), isFolder.boolValue {
            return .seedsBuild(folder: "seeds")
        }
        throw RuntimeError("no graph here: no \(defaultPath) and no seeds/ folder; build one with `tupu build SOURCES` or pass --graph FILE")
    }

    static func load(_ path: String?, index: GraphIndex.Use) throws -> Graph {
        try load(source(for: path), index: index).graph
    }

    static func load(_ source: Source, index: GraphIndex.Use) throws -> (graph: Graph, source: Source) {
        // A read error already says "file:line: error: …"; the dispatcher prints it as it is.
        let graph = try read(source, index: index)
        if Terminal.standardErrorIsTerminal {
            CLIOutput.note("graph: \(source.label), \(graph.entities.count) entities, \(graph.edges.count) edges")
        }
        // A reading command exits when it is done: the graph (shared, not copied) is left to the
        // operating system instead of being freed string by string (seconds, for a million entities).
        leftForExit = graph
        return (graph, source)
    }

    nonisolated(unsafe) private static var leftForExit: Graph?

    private static func read(_ source: Source, index: GraphIndex.Use) throws -> Graph {
        let warn = { (warning: GraphFile.ReadError) in CLIOutput.note("\(warning)") }
        switch source {
        case .standardInput:
            // Read a line at a time: standard input may never end, and a line is bounded.
            return try GraphFile.read(descriptor: 0, path: "<stdin>", warn: warn)
        case .file(let path):
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw RuntimeError("no graph file at \(path); build one with `tupu build SOURCES -o \(path)` or pass --graph FILE")
            }
            guard !isFolder.boolValue else { throw RuntimeError("\(path) is a folder; --graph wants a graph file (JSON Lines)") }
            return try GraphFile.load(path, index: index, warn: warn)
        case .seedsBuild(let folder):
            let (builder, _, _) = try CorpusBuilder.standard()
            let cache = BuildCache(
                folder: BuildCache.defaultFolder(),
                toolStamp: Bundle.main.executablePath ?? CommandLine.arguments[0])
            let (graph, report) = cache.graph(of: folder, builder: builder)
            for problem in report?.problems ?? [] { CLIOutput.note("skipped: \(problem)") }
            return graph
        }
    }
}
