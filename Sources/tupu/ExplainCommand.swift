import Datalog
import Foundation
import TupuQuery

/// `tupu explain GOAL`: why each answer holds, down to the sentences it was read from.
enum ExplainCommand: Command {
    static let name = "explain"
    static let abstract = "Show why a goal holds (a derivation down to evidence sentences) or why it does not."

    static let options: [OptionSpec] = [
        GraphInput.option,
        GraphInput.noIndexOption,
        .option("--depth", value: "N", help: "Rule levels to show before eliding (default: \(ExplainOptions.defaultDepth))."),
        .option("--answer", value: "N", help: "Explain only the N-th answer (as printed by tupu query)."),
        .option("--max-answers", value: "N", help: "Explain at most N answers (default: 10)."),
        .option("-f", "--format", value: "FORMAT", help: "text or json (default: text)."),
        .flag("--ids", help: "Print entity ids, not names.")
    ]

    static let help = CommandHelp(
        overview: """
            Explain a goal: for each answer a derivation tree whose nodes are rule instances (the \
            prelude's or your own) and whose leaves are graph facts, each with its evidence: document, \
            code-point offsets, the sentence with both entities marked 【…】, the extraction rule, its \
            confidence and how many mentions support the edge. A goal without answers is reported as \
            "not derived", with where each rule stops and the nearest evidence (edges between the same \
            entities, sentences naming them together).
            """,
        usage: "tupu explain GOAL [--graph FILE] [--depth N] [--answer N] [--format text|json] [--ids]",
        arguments: [("GOAL", "A query such as '?- within(X, \"某某市\").' (the ?- and . are optional); - reads it from standard input.")],
        options: options,
        examples: [
            "tupu explain 'programme_in(G, \"湖州市\")' --answer 1",
            "tupu explain 'within(X, \"湖州市\")' --depth 2 --format json"
        ]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        var goal = try args.positionals(count: 1...1, name: "GOAL")[0]
        if goal == "-" { goal = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) }
        let format = args.value("--format") ?? "text"
        guard ["text", "json"].contains(format) else {
            throw UsageError("unknown format '\(format)'; choose text or json")
        }
        var options = ExplainOptions(
            depth: try args.int("--depth", default: ExplainOptions.defaultDepth, range: 0...64),
            answerLimit: try args.int("--max-answers", default: 10, range: 1...))
        if args.value("--answer") != nil { options.answer = try args.int("--answer", default: 1, range: 1...) }
        // Explain has no options for the evaluation limits: its hints name none.
        var engineOptions = Engine.Options()
        engineOptions.limitNames = Engine.LimitNames(tuples: nil, iterations: nil, answers: nil, symbolBytes: nil, paths: nil)
        let session = try QuerySession(graph: GraphInput.load(args.value("--graph"), index: GraphInput.indexUse(args)), options: engineOptions)
        let explanation: Explanation
        do {
            explanation = try session.explain(goal, options: options)
        } catch {
            CLIOutput.note(session.describe(error, source: goal))
            return 1
        }
        try CLIOutput.out.write(format == "json" ? explanation.json(ids: args.flag("--ids")) : explanation.text(ids: args.flag("--ids")))
        return 0
    }
}
