import Foundation
import TupuExport
import TupuGraph

/// `tupu export`: the graph in other formats. TupuExport formats; this file wires options.
enum ExportCommand: Command {
    static let name = "export"
    static let abstract = "Write the graph as JSON Lines, DOT, CSV, N-Triples, Neo4j import CSV or Soufflé facts."

    static let formats = ["jsonl"]

    static let options: [OptionSpec] = [
        GraphInput.option,
        .option("-f", "--format", value: "FORMAT", help: "One of: \(formats.joined(separator: ", "))."),
        .option("-o", "--output", value: "PATH", help: "Output file, or - for standard output (default: -)."),
    ]

    static let help = CommandHelp(
        overview: "Export the graph in another format, keeping provenance (document, offsets, confidence).",
        usage: "tupu export [--graph FILE] --format FORMAT [-o PATH|-]",
        options: options,
        examples: ["tupu export --format jsonl -o copy.jsonl"]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        _ = try args.positionals(count: 0...0, name: "")
        guard let format = args.value("--format") else { throw UsageError("missing --format (one of: \(formats.joined(separator: ", ")))") }
        guard formats.contains(format) else {
            let guess = Spelling.closest(to: format, among: formats)
            throw UsageError("unknown format '\(format)'" + (guess.map { " (did you mean '\($0)'?)" } ?? "") + "; formats: \(formats.joined(separator: ", "))")
        }
        let graph = try GraphInput.load(args.value("--graph"))
        try ExportTarget.withFile(args.value("--output") ?? "-") { try JSONLinesExport.write(graph, to: $0) }
        return 0
    }
}
