import TupuExport
import TupuKit

/// One option a command accepts: its names (`-o`, `--output`), whether it takes a value,
/// and the text for the OPTIONS section of its help. The same list drives parsing and help.
///
///     static let options: [OptionSpec] = [
///         .option("--graph", value: "FILE", help: "The graph file (default: graph.jsonl)."),
///         .option("-o", "--output", value: "FILE", help: "Where to write; - for standard output."),
///         .option("--relation", value: "REL", help: "Keep only this relation (repeatable)."),
///         .flag("-q", "--quiet", help: "No progress, no summary."),
///     ]
struct OptionSpec: Sendable {
    /// Every spelling, short ones first: `["-o", "--output"]`.
    let names: [String]
    /// The placeholder shown in help (`FILE`), or nil for a flag.
    let valueName: String?
    let help: String

    var takesValue: Bool { valueName != nil }
    /// The name options are looked up by: the long spelling when there is one.
    var key: String { names.last! }

    static func flag(_ names: String..., help: String) -> OptionSpec {
        OptionSpec(names: names, valueName: nil, help: help)
    }

    static func option(_ names: String..., value: String, help: String) -> OptionSpec {
        OptionSpec(names: names, valueName: value, help: help)
    }

    /// The left column of the help line: `-o, --output FILE`.
    var synopsis: String {
        names.joined(separator: ", ") + (valueName.map { " \($0)" } ?? "")
    }
}

/// Thrown by `Arguments.parse` when it meets `-h` or `--help`; the dispatcher prints the
/// command's help on standard output and exits 0.
struct HelpRequested: Error {}

/// The scanned command line of one subcommand.
///
/// Accepted shapes: flags (`-q`, `--quiet`, clustered short flags `-qa`), options with a value
/// (`-o FILE`, `-oFILE`, `--output FILE`, `--output=FILE`), repeated options (every value is
/// kept, `value(_:)` returns the last), positionals in any position, `--` ending the options,
/// and `-` as a positional (by convention standard input or output). `-h`/`--help` anywhere
/// before `--` throws `HelpRequested`.
///
/// Example, inside `static func run(_ arguments: [String]) throws -> Int32`:
///
///     let args = try Arguments.parse(arguments, options: options)
///     let quiet = args.flag("--quiet")
///     let output = args.value("--output") ?? "-"
///     let depth = try args.int("--depth", default: 2, range: 0...20)
///     let relations = args.values("--relation")
///     let files = try args.positionals(count: 1..., name: "FILE")
///
/// Every mistake is a `UsageError` (exit 64): an unknown option (with "did you mean" over the
/// command's options), a missing value, a value that is not a whole number, too few or too many
/// positionals.
struct Arguments {
    private var values: [String: [String]] = [:]
    private var flags: [String: Int] = [:]
    private let specs: [OptionSpec]
    /// The positionals in the order given (including `-` and everything after `--`).
    private(set) var positionals: [String] = []

    private init(specs: [OptionSpec]) { self.specs = specs }

    static func parse(_ arguments: [String], options specs: [OptionSpec]) throws -> Arguments {
        var result = Arguments(specs: specs)
        var byName: [String: OptionSpec] = [:]
        for spec in specs { for name in spec.names { byName[name] = spec } }

        var index = 0
        /// The value after an option, refusing to swallow another known option.
        func nextValue(for name: String) throws -> String {
            guard index + 1 < arguments.count, byName[arguments[index + 1]] == nil,
                !["-h", "--help", "--"].contains(arguments[index + 1])
            else {
                throw UsageError("option '\(name)' needs a value")
            }
            index += 1
            return arguments[index]
        }

        while index < arguments.count {
            let argument = arguments[index]
            defer { index += 1 }
            if argument == "--" {
                result.positionals += arguments[(index + 1)...]
                break
            }
            if argument == "-h" || argument == "--help" { throw HelpRequested() }
            if argument == "-" || !argument.hasPrefix("-") {
                result.positionals.append(argument)
                continue
            }
            if argument.hasPrefix("--") {
                let (name, inline) = splitInlineValue(argument)
                guard let spec = byName[name] else { throw result.unknownOption(name) }
                if spec.takesValue {
                    result.values[spec.key, default: []].append(try inline ?? nextValue(for: name))
                } else if inline != nil {
                    throw UsageError("option '\(name)' takes no value")
                } else {
                    result.flags[spec.key, default: 0] += 1
                }
                continue
            }
            // Short options: `-o FILE`, `-oFILE`, or a cluster of flags `-qa`.
            let letters = Array(argument.unicodeScalars.dropFirst())
            for (position, letter) in letters.enumerated() {
                let name = "-\(letter)"
                guard let spec = byName[name] else {
                    throw position == 0 ? result.unknownOption(argument) : result.unknownOption(name)
                }
                if spec.takesValue {
                    let rest = String(String.UnicodeScalarView(letters[(position + 1)...]))
                    result.values[spec.key, default: []].append(rest.isEmpty ? try nextValue(for: name) : rest)
                    break
                }
                result.flags[spec.key, default: 0] += 1
            }
        }
        return result
    }

    private static func splitInlineValue(_ argument: String) -> (String, String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    /// Suggests only long options: a one-letter typo has too many plausible neighbours.
    private func unknownOption(_ name: String) -> UsageError {
        let longNames = specs.flatMap(\.names).filter { $0.hasPrefix("--") }
        let spelledLong = name.hasPrefix("--") ? name : name.count > 2 ? "-" + name : nil
        if let spelledLong, let guess = Spelling.closest(to: spelledLong, among: longNames) {
            return UsageError("unknown option '\(name)' (did you mean '\(guess)'?)")
        }
        return UsageError("unknown option '\(name)'")
    }

    private func spec(_ name: String) -> OptionSpec {
        guard let spec = specs.first(where: { $0.names.contains(name) }) else {
            preconditionFailure("option \(name) is not in the command's option list")
        }
        return spec
    }

    /// True when the flag was given (any spelling).
    func flag(_ name: String) -> Bool { flags[spec(name).key, default: 0] > 0 }

    /// How many times the flag was given (`-vv` → 2).
    func count(_ name: String) -> Int { flags[spec(name).key, default: 0] }

    /// The last value given for the option, or nil.
    func value(_ name: String) -> String? { values[spec(name).key]?.last }

    /// Every value given for a repeatable option, in order.
    func values(_ name: String) -> [String] { values[spec(name).key] ?? [] }

    /// The option's value as a whole number; `default` when absent. A value that is not a
    /// whole number, or falls outside `range`, is a usage error naming the option.
    func int(_ name: String, default fallback: Int, range: PartialRangeFrom<Int> = Int.min...) throws -> Int {
        try int(name, default: fallback, within: range.lowerBound...Int.max)
    }

    func int(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        try int(name, default: fallback, within: range)
    }

    private func int(_ name: String, default fallback: Int, within range: ClosedRange<Int>) throws -> Int {
        guard let text = value(name) else { return fallback }
        let key = spec(name).key
        guard let number = Int(text) else {
            throw UsageError("option '\(key)' expects a whole number, got '\(text)'")
        }
        guard range.contains(number) else {
            let bounds =
                range.upperBound == Int.max
                ? "at least \(range.lowerBound)"
                : "between \(range.lowerBound) and \(range.upperBound)"
            throw UsageError("option '\(key)' must be \(bounds), got \(number)")
        }
        return number
    }

    /// The positionals, checked against how many the command accepts; `name` is the
    /// placeholder used in the message (`FILE`).
    func positionals(count allowed: ClosedRange<Int>, name: String) throws -> [String] {
        if positionals.count < allowed.lowerBound {
            throw UsageError(allowed.lowerBound == 1 ? "missing \(name)" : "expected at least \(allowed.lowerBound) \(name) arguments")
        }
        if positionals.count > allowed.upperBound {
            let extra = positionals[allowed.upperBound]
            throw UsageError(
                allowed.upperBound == 0
                    ? "unexpected argument '\(extra)'"
                    : "unexpected argument '\(extra)' (at most \(allowed.upperBound) \(name))")
        }
        return positionals
    }

    func positionals(count allowed: PartialRangeFrom<Int>, name: String) throws -> [String] {
        try positionals(count: allowed.lowerBound...Int.max, name: name)
    }
}
