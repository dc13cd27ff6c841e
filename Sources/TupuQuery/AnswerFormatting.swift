import Datalog
import Foundation
import TupuGraph

/// The answers of one `?-` query, ready to print.
public struct QueryAnswers: Sendable {
    /// The query as written (before names were resolved), for block headings.
    public let text: String
    public let answer: Answer

    public var rows: [[Value]] { answer.rows }
}

/// Prints answers with the engine's formatter, after turning entity ids into entity names
/// (unless `ids` is asked for). Rows are re-sorted by what is printed.
public struct AnswerNames: Sendable {
    /// Names are found through the graph's own index of ids: no table of its own to make.
    let graph: Graph

    public init(graph: Graph) { self.graph = graph }

    public func display(_ value: Value) -> Value {
        if case .symbol(let s) = value, let position = graph.position(ofEntity: s) { return .symbol(graph.entities[position].name) }
        return value
    }

    /// The answer as printed: names for ids, rows sorted.
    public func named(_ answer: Answer, ids: Bool) -> Answer {
        guard !ids else { return answer }
        var copy = answer
        copy.rows = answer.rows.map { $0.map(display) }.sorted { $0.lexicographicallyPrecedes($1) }
        return copy
    }

    /// The text of several blocks. In a table each block is headed by its query. CSV cells a
    /// spreadsheet would run as formulas start with `'` (see `SpreadsheetCell`).
    public func render(_ blocks: [QueryAnswers], as format: OutputFormat, ids: Bool, headings: Bool) -> String {
        let formatter = AnswerFormatter(format: format)
        if format == .csv {
            return formatter.render(
                blocks.map { block in
                    var answer = named(block.answer, ids: ids)
                    answer.rows = answer.rows.map { $0.map(Self.neutralised) }
                    return .answer(answer)
                })
        }
        guard format == .table else {
            return formatter.render(blocks.map { .answer(named($0.answer, ids: ids)) })
        }
        var out = ""
        for (i, block) in blocks.enumerated() {
            if i > 0 { out += "\n" }
            if headings { out += "?- " + Self.goal(of: block.text) + "\n" }
            out += formatter.render(.answer(named(block.answer, ids: ids)))
        }
        return out
    }

    static func neutralised(_ value: Value) -> Value {
        if case .symbol(let text) = value { return .symbol(SpreadsheetCell.neutralised(text)) }
        return value
    }

    /// `within(X, "某某市")` from `?- within(X,\n "某某市").`: one line, without `?-` and `.`.
    static func goal(of text: String) -> String {
        var goal = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        if goal.hasPrefix("?-") { goal = String(goal.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
        if goal.hasSuffix(".") { goal.removeLast() }
        return goal
    }
}
