import Foundation
import Testing

/// Every example in `tupu help COMMAND` runs as written in a fresh clone: in a folder holding the
/// repository's `seeds/` and `queries/`, with `tupu` on PATH. Pipes into Graphviz and Soufflé
/// are cut at the pipe (those tools are not the example's subject); `tupu run` examples name the
/// user's own program and facts, so they are only parsed.
@Suite struct HelpExamples {
    static let commands = ["build", "merge", "stats", "query", "repl", "explain", "export"]

    static func examples(of command: String) throws -> [String] {
        let help = try TupuProcess.run(["help", command]).stdout
        guard let start = help.range(of: "\nEXAMPLES:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("tupu ") || $0.contains("| tupu ") }
    }

    @Test(arguments: commands)
    func examplesRunAsWritten(command: String) throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for item in ["seeds", "queries"] {
            try FileManager.default.copyItem(
                atPath: SeedsWorkspace.repository.appendingPathComponent(item).path,
                toPath: folder + "/" + item)
        }
        let examples = try Self.examples(of: command)
        #expect(!examples.isEmpty, "tupu help \(command) shows no example")
        for example in examples {
            var line = example
            for tool in [" | dot ", " | sfdp ", " && souffle "] {
                if let cut = line.range(of: tool) { line = String(line[..<cut.lowerBound]) }
            }
            let script = "PATH=\"$(dirname \"$TUPU\"):$PATH\"; " + line + " > /dev/null"
            let result = try TupuProcess.shell(script, in: folder, environment: ["XDG_CACHE_HOME": folder + "/cache"])
            #expect(result.status == 0, "\(example): \(result.stderr)")
            #expect(!result.stderr.contains("warning: "), "\(example): \(result.stderr)")
        }
    }
}

/// One rule for the graph every reading command uses.
@Suite struct DefaultGraph {
    @Test func aGraphJustBuiltHereIsTheOneQueriesRead() throws {
        let folder = try TupuProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: SeedsWorkspace.seeds, toPath: folder + "/seeds")
        try "浙江省湖州市南浔区练市镇开展志愿服务。".write(toFile: folder + "/one.txt", atomically: true, encoding: .utf8)
        let cache = ["XDG_CACHE_HOME": folder + "/cache"]
        // No graph.jsonl yet: the seeds graph, whose places include many cities.
        let before = try TupuProcess.run(["query", "--format", "tsv", "-e", #"?- place(X, "city", _)."#], in: folder, environment: cache)
        #expect(before.stdout.split(separator: "\n").count > 2)
        #expect(try TupuProcess.run(["build", "one.txt", "-q"], in: folder).status == 0)
        for command in [["stats"], ["query", "--format", "tsv", "-e", #"?- place(X, "city", _)."#]] {
            let result = try TupuProcess.run(command, in: folder, environment: cache)
            #expect(result.status == 0, "\(result.stderr)")
            if command[0] == "query" { #expect(result.stdout == "X\n湖州市\n") }
            if command[0] == "stats" { #expect(result.stdout.hasPrefix("graph.jsonl: ")) }
        }
    }

    @Test func anUnknownNameInAQueryIsNamedWithAGuess() throws {
        let result = try SeedsWorkspace.tupu(["query", "-e", #"?- within(X, "湖洲市")."#])
        #expect(result.status == 0)
        #expect(result.stderr.contains(#"warning: <-e>:1:14: no entity is named “湖洲市” (did you mean “湖州市”?)"#))
        let repl = try SeedsWorkspace.tupu(["repl"], input: "?- within(X, \"不存在市\").\n")
        #expect(repl.stderr.contains("no entity is named “不存在市”"))
    }
}
