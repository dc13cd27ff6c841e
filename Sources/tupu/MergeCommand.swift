import Foundation
import TupuGraph
import TupuRelate

/// `tupu merge`: graph files built from parts of a corpus in, the graph of the whole out.
enum MergeCommand: Command {
    static let name = "merge"
    static let abstract = "Merge graph files built from parts of a corpus into the graph of the whole."

    static let options: [OptionSpec] = [
        .option("-o", "--output", value: "FILE", help: "Where to write the merged graph (required; - for standard output)."),
        .flag("-q", "--quiet", help: "No summary."),
        GraphInput.noIndexOption
    ]

    static let help = CommandHelp(
        overview: """
            Merge graph files as a build of all their documents would: entities by id (the first \
            graph's name and attributes win, other names become aliases, documents and mentions add \
            up), edges by (relation, subject, object) (support adds up, the first 8 pieces of evidence \
            are kept in the graphs' order), then the administrative divisions are linked once. Give \
            the graphs in the order of their documents: graphs built from consecutive parts of a corpus \
            merge into the very file `tupu build` makes of the whole. Document lines (from \
            `tupu build --updatable`) are kept when every graph has them. Deterministic.
            """,
        usage: "tupu merge GRAPH... -o FILE [-q]",
        arguments: [("GRAPH", "Graph files (JSON Lines, as `tupu build` writes them), in document order; - for standard input (once).")],
        options: options,
        examples: [
            "tupu build seeds/000* seeds/001* -o part1.graph.jsonl -q && tupu build seeds/002* seeds/003* seeds/004* -o part2.graph.jsonl -q",
            "tupu merge part1.graph.jsonl part2.graph.jsonl -o graph.jsonl"
        ]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        let paths = args.positionals
        guard !paths.isEmpty else { throw UsageError("no GRAPH given; e.g. `tupu merge a.graph.jsonl b.graph.jsonl -o graph.jsonl`") }
        guard let output = args.value("--output") else { throw UsageError("-o FILE is required: where to write the merged graph") }
        guard paths.filter({ $0 == "-" }).count <= 1 else { throw UsageError("standard input (-) can be read only once") }
        let quiet = args.flag("--quiet")
        let started = Date()
        var parts: [CorpusBuilder.GraphPart] = []
        for path in paths {
            do {
                let warn: (GraphFile.ReadError) -> Void = { CLIOutput.note($0.description) }
                let (graph, shares) =
                    path == "-"
                    ? try GraphFile.read(descriptor: STDIN_FILENO, path: "<stdin>", keepingShares: true, warn: warn)
                    : try GraphFile.loadWithShares(path, index: GraphInput.indexUse(args, overwritten: path == output), warn: warn)
                parts.append(CorpusBuilder.GraphPart(graph: graph, shares: shares))
            } catch let error as GraphFile.ReadError {
                throw RuntimeError(error.description)
            }
        }
        // Only the division links are made again: nothing is learned or read.
        let builder = try CorpusBuilder.standard(learning: false).builder
        let (merged, complete) = builder.merge(parts)
        if !complete && parts.contains(where: { !$0.shares.isEmpty }) {
            CLIOutput.note("note: some graphs have no document lines (built without --updatable): the merged graph has none")
        }
        do {
            // Written beside and renamed over, so a graph merged into itself is read whole first.
            try OutputFile.write(to: output) { descriptor in
                try GraphFile.write(merged.graph, shares: merged.shares) { chunk in try OutputFile.writeAll(chunk, to: descriptor, path: output) }
            }
            if case .replace? = try? OutputFile.destination(of: output) { GraphIndex.removeSidecar(of: output) }
        } catch let failure as OutputFile.Failure {
            throw RuntimeError(failure.message)
        }
        if !quiet && output != "-" {
            let g = merged.graph
            let documents = Set(g.entities.lazy.flatMap(\.docs)).count
            try CLIOutput.out.write(
                """
                Merged \(paths.count) graphs into \(output) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s
                  entities: \(g.entities.count), edges: \(g.edges.count), documents: \(documents)

                """)
        }
        return 0
    }
}
