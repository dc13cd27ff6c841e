import Foundation
import Testing

// The dispatcher, driven through the built binary.

@Test func bareTupuAndEveryHelpSpellingPrintHelpOnStdoutAndExitZero() throws {
    for arguments in [[], ["-h"], ["--help"], ["help"], ["help", "help"]] {
        let result = try TupuProcess.run(arguments)
        #expect(result.status == 0, "\(arguments)")
        #expect(result.stdout.hasPrefix("OVERVIEW: "), "\(arguments)")
        #expect(result.stdout.contains("SUBCOMMANDS:") && result.stdout.contains("  export "))
        #expect(result.stderr.isEmpty)
    }
    for arguments in [["help", "export"], ["export", "-h"], ["export", "--format", "dot", "--help"]] {
        let result = try TupuProcess.run(arguments)
        #expect(result.status == 0, "\(arguments)")
        #expect(result.stdout.contains("USAGE: tupu export") && result.stdout.contains("OPTIONS:"), "\(arguments)")
    }
}

@Test func versionPrintsAndExitsZero() throws {
    let result = try TupuProcess.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
}

@Test func anUnknownCommandIsAUsageErrorWithASuggestion() throws {
    let result = try TupuProcess.run(["exprot", "--format", "dot"])
    #expect(result.status == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("error: unknown command 'exprot' (did you mean 'export'?)\n"))
    let help = try TupuProcess.run(["help", "stat"])
    #expect(help.status == 64 && help.stderr.contains("did you mean 'stats'?"))
}

@Test func usageErrorsNameTheProblemShowUsageAndExit64() throws {
    let result = try TupuProcess.run(["export", "--fromat", "dot"])
    #expect(result.status == 64)
    #expect(
        result.stderr == """
            error: unknown option '--fromat' (did you mean '--format'?)
            Usage: tupu export [--graph FILE] --format FORMAT [-o PATH|-] [--focus NAME [--depth N] | --query FILE | --all] [--max-nodes N] [--base-iri IRI]
              See 'tupu help export' for more information.

            """)
}
