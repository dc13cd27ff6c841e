import Foundation
import Testing
import TupuKit

@testable import tupu

// The argument scanner, help and display width, tested in process.

private let exampleOptions: [OptionSpec] = [
    .option("-o", "--output", value: "FILE", help: "Where to write."),
    .option("--depth", value: "N", help: "How deep."),
    .option("--relation", value: "REL", help: "Repeatable."),
    .flag("-q", "--quiet", help: "Quiet."),
    .flag("-a", "--all", help: "All.")
]

@Test func theScannerAcceptsEverySpellingOfOptionsAndKeepsPositionalsInOrder() throws {
    let args = try Arguments.parse(
        ["a.txt", "-o", "x.dot", "--relation=runs", "-", "--relation", "partner", "-qa", "--depth", "3", "--", "-h"],
        options: exampleOptions)
    #expect(args.value("-o") == "x.dot")
    #expect(args.values("--relation") == ["runs", "partner"])
    #expect(args.flag("--quiet") && args.flag("-a"))
    #expect(try args.int("--depth", default: 2, range: 0...) == 3)
    #expect(args.positionals == ["a.txt", "-", "-h"])
    #expect(try Arguments.parse(["-o海塘.dot"], options: exampleOptions).value("--output") == "海塘.dot")
    #expect(try Arguments.parse(["--output=-"], options: exampleOptions).value("--output") == "-")
}

@Test func scannerMistakesAreUsageErrorsThatSayWhatIsWrong() {
    func message(_ arguments: [String]) -> String? {
        do {
            _ = try Arguments.parse(arguments, options: exampleOptions)
            return nil
        } catch let error as UsageError { return error.message } catch { return "\(error)" }
    }
    #expect(message(["--ouput", "x"]) == "unknown option '--ouput' (did you mean '--output'?)")
    #expect(message(["-z"]) == "unknown option '-z'")
    #expect(message(["--output"]) == "option '--output' needs a value")
    #expect(message(["-o", "--quiet"]) == "option '-o' needs a value")
    #expect(message(["--quiet=yes"]) == "option '--quiet' takes no value")
    #expect(throws: HelpRequested.self) { try Arguments.parse(["x", "--help"], options: exampleOptions) }
}

@Test func wholeNumbersAreCheckedWithTheOptionNamed() throws {
    let bad = try Arguments.parse(["--depth", "二"], options: exampleOptions)
    #expect(throws: UsageError.self) { try bad.int("--depth", default: 2, range: 0...) }
    do { _ = try bad.int("--depth", default: 2, range: 0...) } catch let error as UsageError {
        #expect(error.message == "option '--depth' expects a whole number, got '二'")
    }
    let negative = try Arguments.parse(["--depth", "-1"], options: exampleOptions)
    do {
        _ = try negative.int("--depth", default: 2, range: 0...)
        Issue.record("expected an error")
    } catch let error as UsageError {
        #expect(error.message == "option '--depth' must be at least 0, got -1")
    }
    #expect(try Arguments.parse([], options: exampleOptions).int("--depth", default: 2, range: 0...) == 2)
}

@Test func positionalCountsAreEnforced() throws {
    let args = try Arguments.parse(["a", "b"], options: exampleOptions)
    #expect(throws: UsageError.self) { try args.positionals(count: 0...1, name: "FILE") }
    #expect(throws: UsageError.self) { try Arguments.parse([], options: exampleOptions).positionals(count: 1..., name: "FILE") }
    #expect(try args.positionals(count: 1..., name: "FILE") == ["a", "b"])
}

@Test func displayWidthCountsHanziAsTwoColumns() {
    #expect(DisplayWidth.of("海塘市") == 6)
    #expect(DisplayWidth.of("ab，c") == 5)
    #expect(DisplayWidth.of("e\u{301}") == 1)  // a combining accent takes no column
    #expect(DisplayWidth.pad("青溪", to: 6) == "青溪  ")
}

@Test func colourIsOffWithNoColourOrADumbTerminal() {
    #expect(!Terminal.colourEnabled(for: 1, environment: ["NO_COLOR": "1", "TERM": "xterm"]))
    #expect(!Terminal.colourEnabled(for: 1, environment: ["TERM": "dumb"]))
    #expect(Style.red.apply("错", enabled: false) == "错")
}

@Test func helpTextsFollowTheArgumentParserLayout() {
    for command in Tupu.commands {
        let help = command.help
        #expect(help.hasPrefix("OVERVIEW: "), "\(command.name)")
        #expect(help.contains("\nUSAGE: tupu \(command.name)"), "\(command.name)")
        #expect(help.contains("\nOPTIONS:\n") && help.contains("-h, --help"), "\(command.name)")
    }
}
