import Foundation
import TupuKit

/// Builds a command's help text in the swift-argument-parser layout:
/// OVERVIEW / USAGE / ARGUMENTS / OPTIONS (then optional EXAMPLES). `-h, --help` is added.
///
///     static let help = CommandHelp(
///         overview: "Export the graph in another format.",
///         usage: "tupu export [--graph FILE] --format FORMAT [-o FILE|-]",
///         arguments: [("FILE", "A query file.")],
///         options: options,
///         examples: ["tupu export --format dot --focus 海塘市第三医院 | dot -Tsvg > g.svg"]
///     ).text
struct CommandHelp {
    var overview: String
    /// One or more usage lines, each starting `tupu NAME`.
    var usage: [String]
    var arguments: [(String, String)] = []
    var options: [OptionSpec] = []
    var examples: [String] = []

    init(
        overview: String, usage: String..., arguments: [(String, String)] = [],
        options: [OptionSpec] = [], examples: [String] = []
    ) {
        self.overview = overview
        self.usage = usage
        self.arguments = arguments
        self.options = options
        self.examples = examples
    }

    var text: String {
        var out = "OVERVIEW: \(overview)\n\nUSAGE: " + usage.joined(separator: "\n       ") + "\n"
        if !arguments.isEmpty {
            out += "\nARGUMENTS:\n" + Self.table(arguments)
        }
        let rows = options.map { ($0.synopsis, $0.help) } + [("-h, --help", "Show help information.")]
        out += "\nOPTIONS:\n" + Self.table(rows)
        if !examples.isEmpty {
            out += "\nEXAMPLES:\n" + examples.map { "  \($0)\n" }.joined()
        }
        return out
    }

    /// Two aligned columns; a long left column puts its text on the next line.
    static func table(_ rows: [(String, String)]) -> String {
        let width = min(28, rows.map { DisplayWidth.of($0.0) }.max() ?? 0)
        var out = ""
        for (left, right) in rows {
            if DisplayWidth.of(left) > width {
                out += "  \(left)\n  \(String(repeating: " ", count: width))  \(right)\n"
            } else {
                out += "  \(DisplayWidth.pad(left, to: width))  \(right)\n"
            }
        }
        return out
    }

    /// The first USAGE line of a help text (for usage-error messages).
    static func usageLine(of help: String) -> String? {
        for line in help.split(separator: "\n") where line.hasPrefix("USAGE:") {
            return line.dropFirst("USAGE:".count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
