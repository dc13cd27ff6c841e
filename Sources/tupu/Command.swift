import Foundation

/// One subcommand of `tupu`. Each lives in its own file (`BuildCommand.swift`, …) and is
/// listed in `Tupu.commands` (main.swift). The CLI only wires layers and formats output.
protocol Command {
    /// The word after `tupu`.
    static var name: String { get }
    /// One line for the SUBCOMMANDS list of `tupu --help`.
    static var abstract: String { get }
    /// The full help: OVERVIEW / USAGE / ARGUMENTS / OPTIONS, printed on stdout by `-h`, `--help`, `tupu help NAME`.
    static var help: String { get }
    /// Runs the command; returns the exit status (0 ok, 1 runtime failure or something skipped).
    static func run(_ arguments: [String]) throws -> Int32
}

/// Wrong use of the command line: printed with a usage hint, exit status 64 (EX_USAGE).
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// A failure at run time (missing file, broken graph): printed as is, exit status 1.
struct RuntimeError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
