import Foundation
import TupuGraph
import TupuKit

/// `tupu stats`: what a graph holds, at a glance.
enum StatsCommand: Command {
    static let name = "stats"
    static let abstract = "Count entities, edges, documents and evidence in a graph."

    static let options: [OptionSpec] = [
        GraphInput.option,
        GraphInput.noIndexOption,
        .option("--top", value: "N", help: "How many best-connected entities to list (default: 10)."),
        .flag("--json", help: "One JSON object instead of the text report.")
    ]

    static let help = CommandHelp(
        overview: "Summarise a graph: entities by type, edges by relation, documents, evidence, and the entities with the most edges.",
        usage: "tupu stats [--graph FILE] [--top N] [--json]",
        options: options,
        examples: ["tupu stats --top 5"]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        _ = try args.positionals(count: 0...0, name: "")
        let top = try args.int("--top", default: 10, range: 0...)
        let (graph, source) = try GraphInput.load(GraphInput.source(for: args.value("--graph")), index: GraphInput.indexUse(args))
        let path = source.label
        let summary = GraphSummary(graph, top: top)
        try CLIOutput.out.write(args.flag("--json") ? json(summary, path: path) : text(summary, path: path, graph: graph))
        return 0
    }

    static func text(_ s: GraphSummary, path: String, graph: Graph) -> String {
        var out = "\(path): \(graph.entities.count) entities, \(graph.edges.count) edges, \(s.documents) documents\n"
        out += "\nEntities by type\n" + CommandHelp.table(s.entities.map { ($0.0.rawValue, String($0.1)) })
        out += "\nEdges by relation\n" + CommandHelp.table(s.edges.map { ($0.0.rawValue, String($0.1)) })
        out += "\nEvidence\n"
        var rows = [
            ("pieces kept", String(s.evidencePieces)), ("support (all sightings)", String(s.support)),
            ("edges without evidence", String(s.edgesWithoutEvidence))
        ]
        if let mean = s.meanConfidence { rows.append(("mean confidence", String(format: "%.2f", mean))) }
        out += CommandHelp.table(rows)
        if !s.top.isEmpty {
            out += "\nTop entities by degree\n"
            let nameWidth = s.top.map { DisplayWidth.of($0.entity.name) }.max() ?? 0
            for (entity, degree) in s.top {
                let type = entity.type.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                out += "  \(rightAligned(degree, width: 5))  \(type) \(DisplayWidth.pad(entity.name, to: nameWidth))  \(entity.id)\n"
            }
        }
        return out
    }

    /// A number right-aligned in `width` columns.
    private static func rightAligned(_ number: Int, width: Int) -> String {
        let digits = String(number)
        return String(repeating: " ", count: max(0, width - digits.utf8.count)) + digits
    }

    static func json(_ s: GraphSummary, path: String) -> String {
        let entities = s.entities.map { "\(JSON.quote($0.0.rawValue)):\($0.1)" }.joined(separator: ",")
        let edges = s.edges.map { "\(JSON.quote($0.0.rawValue)):\($0.1)" }.joined(separator: ",")
        let top = s.top.map {
            "{\"id\":\(JSON.quote($0.entity.id)),\"type\":\"\($0.entity.type.rawValue)\",\"name\":\(JSON.quote($0.entity.name)),\"degree\":\($0.degree)}"
        }
        .joined(separator: ",")
        var out = "{\"graph\":\(JSON.quote(path)),\"entities\":{\(entities)},\"edges\":{\(edges)},\"documents\":\(s.documents)"
        out += ",\"evidence\":{\"pieces\":\(s.evidencePieces),\"support\":\(s.support),\"edges_without_evidence\":\(s.edgesWithoutEvidence)"
        out += s.meanConfidence.map { ",\"mean_confidence\":\(JSON.number(($0 * 1000).rounded() / 1000))" } ?? ""
        return out + "},\"top\":[\(top)]}\n"
    }
}
