import Foundation
import TupuExport
import TupuGraph
import TupuKit

/// `tupu export`: the graph in other formats. TupuExport formats; this file wires options.
enum ExportCommand: Command {
    static let name = "export"
    static let abstract = "Write the graph as JSON Lines, DOT, CSV, N-Triples/N-Quads, Neo4j import CSV or Soufflé facts."

    static let formatNames = ExportFormat.allCases.map(\.rawValue)
    /// Past these sizes `dot` takes minutes (300 nodes and 1,900 edges: 15 s; 600 and 4,000:
    /// over 100 s) while `sfdp` takes about a second.
    static let bigDrawing = (nodes: 300, edges: 1500)

    static let options: [OptionSpec] = [
        GraphInput.option,
        GraphInput.noIndexOption,
        .option("-f", "--format", value: "FORMAT", help: "One of: \(formatNames.joined(separator: ", ")) (required)."),
        .option(
            "-o", "--output", value: "PATH",
            help: "File, or - for standard output (default: -); folder for csv (graph-csv), neo4j (graph-neo4j), souffle (graph-souffle)."),
        .option("--focus", value: "NAME", help: "dot: draw around the entity with this name, alias or id."),
        .option("--depth", value: "N", help: "dot: with --focus, how many edges away to go (default: 2)."),
        .option("--query", value: "FILE", help: "dot: draw the entities in the answers of this query file (- for standard input)."),
        .option("--max-nodes", value: "N", help: "dot: at most N entities (default: 150)."),
        .flag("--all", help: "dot: draw the whole graph (big graphs: lay out with sfdp)."),
        .option("--base-iri", value: "IRI", help: "ntriples, nquads: prefix of every IRI (default: \(RDFExport.defaultBase))."),
        .flag("-q", "--quiet", help: "No notes on standard error.")
    ]

    static let help = CommandHelp(
        overview: """
            Export the graph in another format, keeping provenance (document, code-point offsets, rule, confidence) \
            wherever the format can hold it. Files and folders are written whole or not at all.

            FORMATS:
            \(ExportFormat.allCases.map { "  \($0.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

            Without --focus, --query or --all, dot draws the best-connected part of the graph (at most --max-nodes entities).
            """,
        usage: "tupu export [--graph FILE] --format FORMAT [-o PATH|-] [--focus NAME [--depth N] | --query FILE | --all] [--max-nodes N] [--base-iri IRI]",
        options: options,
        examples: [
            "tupu export --format dot --focus 湖州市 --depth 1 | dot -Tsvg -o huzhou.svg",
            "tupu export --format dot --query queries/03_hospitals.dl | dot -Tpng -o hospitals.png",
            "tupu export --format dot --all | sfdp -Tsvg -o everything.svg",
            "tupu export --format csv -o graph-csv",
            "tupu export --format ntriples --base-iri https://example.org/tupu/ -o graph.nt",
            "tupu export --format souffle -o facts && souffle -F facts facts/tupu.dl"
        ]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        _ = try args.positionals(count: 0...0, name: "")
        guard let formatName = args.value("--format") else {
            throw UsageError("missing --format (one of: \(formatNames.joined(separator: ", ")))")
        }
        guard let format = ExportFormat(rawValue: formatName) else {
            let guess = Spelling.closest(to: formatName, among: formatNames)
            throw UsageError(
                "unknown format '\(formatName)'" + (guess.map { " (did you mean '\($0)'?)" } ?? "")
                    + "; formats: \(formatNames.joined(separator: ", "))")
        }
        let quiet = args.flag("--quiet")
        let drawingOptions = ["--focus", "--query", "--depth", "--max-nodes", "--all"].filter {
            !args.values($0).isEmpty || ($0 == "--all" && args.flag("--all"))
        }
        if format != .dot, let misplaced = drawingOptions.first {
            throw UsageError("\(misplaced) applies to --format dot only")
        }
        if args.flag("--all"), let other = drawingOptions.first(where: { $0 != "--all" && $0 != "--depth" }) {
            throw UsageError("--all draws everything; it cannot go with \(other)")
        }
        if args.value("--focus") != nil && args.value("--query") != nil {
            throw UsageError("choose --focus NAME or --query FILE, not both")
        }
        if args.value("--depth") != nil && args.value("--focus") == nil {
            throw UsageError("--depth needs --focus NAME")
        }
        let base = args.value("--base-iri") ?? RDFExport.defaultBase
        if args.value("--base-iri") != nil {
            guard format == .ntriples || format == .nquads else { throw UsageError("--base-iri applies to ntriples and nquads only") }
            if let problem = RDFExport.problem(withBase: base) { throw UsageError(problem) }
        }
        let depth = try args.int("--depth", default: 2, range: 0...)
        let maxNodes = try args.int("--max-nodes", default: 150, range: 1...)
        let output = args.value("--output") ?? format.defaultOutput
        if format.writesFolder && output == "-" {
            throw UsageError("--format \(format.rawValue) writes a folder of files; give one with -o FOLDER")
        }

        do {
            if !format.writesFolder { _ = try OutputFile.destination(of: output) }
            try OutputFile.refuse(output, ifSameAs: [args.value("--graph") ?? GraphInput.defaultPath] + args.values("--query"))
        } catch let failure as OutputFile.Failure {
            throw RuntimeError(failure.message)
        }
        let graph = try GraphInput.load(args.value("--graph"), index: GraphInput.indexUse(args))
        var subgraph: Subgraph?
        if format == .dot {
            if let queryPath = args.value("--query") {
                subgraph = try Subgraph.answers(of: try readQuery(queryPath), file: queryPath, in: graph, maxNodes: maxNodes)
            } else if let focus = args.value("--focus") {
                subgraph = try Subgraph.focus(graph, on: focus, depth: depth, maxNodes: maxNodes)
            } else if args.flag("--all") {
                subgraph = .all(graph)
            } else {
                subgraph = .bestConnected(graph, maxNodes: maxNodes)
            }
        }
        try Exporter.write(graph, as: format, to: output, subgraph: subgraph, baseIRI: base)

        guard !quiet else { return 0 }
        if let drawn = subgraph {
            if let queryPath = args.value("--query") {
                CLIOutput.note(
                    drawn.entities.isEmpty
                        ? "note: \(queryPath) has no answers with entities; the drawing is empty"
                        : "note: drew \(drawn.entities.count) entities from the answers of \(queryPath)"
                            + (drawn.entities.count == maxNodes ? " (the first --max-nodes \(maxNodes))" : ""))
            } else if !drawn.isWholeGraph {
                let how = args.value("--focus") == nil ? "the best-connected part" : "around \(args.value("--focus")!)"
                CLIOutput.note(
                    "note: drew \(drawn.entities.count) of \(drawn.totalEntities) entities (\(how)); --focus NAME, --max-nodes N or --all for others")
            }
            if drawn.entities.count > bigDrawing.nodes || drawn.edges.count > bigDrawing.edges {
                CLIOutput.note("hint: \(drawn.entities.count) nodes and \(drawn.edges.count) edges take dot minutes to lay out; `sfdp -Tsvg` takes seconds")
            }
        }
        if output != "-" {
            // A drawing says what it drew, not what the graph holds.
            let counts = subgraph.map { ($0.entities.count, $0.edges.count) } ?? (graph.entities.count, graph.edges.count)
            CLIOutput.note("wrote \(output)\(format.writesFolder ? "/" : ""): \(counts.0) entities, \(counts.1) edges")
        }
        return 0
    }

    private static func readQuery(_ path: String) throws -> String {
        if path == "-" { return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError("cannot read the query file \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
