import Foundation
import TupuGraph
import TupuRelate
import TupuText

/// `tupu mentions`: every mention the recognisers found, with the graph entity it names and
/// its rule (for per-rule precision: `Benchmarks/extraction/rules.py`).
enum MentionsCommand: Command {
    static let name = "mentions"
    static let abstract = "List the mentions found in news files, each with its entity id and rule (JSON Lines)."

    static let options: [OptionSpec] = [
        .option("-o", "--output", value: "FILE", help: "Where to write the mentions (JSON Lines). Default: standard output."),
        .option("--gazetteer", value: "FILE", help: "A brand file (TSV: name, aliases, kind, source), as for build; repeatable.")
    ]

    static let help = CommandHelp(
        overview: """
            Read news files as `tupu build` does and write one JSON object a line for each mention that \
            names an entity of the graph: {"kind":"mention","doc","entity","type","text","start","end",\
            "rule","confidence"}. `entity` is the id the graph gives the entity; offsets are code points \
            into the text as read. Mentions are not kept in the graph; this is how to see which rule \
            found each name.
            """,
        usage: "tupu mentions PATH ... [-o FILE] [--gazetteer FILE]",
        arguments: [("PATH", "Files (.txt, .jsonl with {\"id\",\"text\"} lines), folders (read recursively) or - for standard input.")],
        options: options,
        examples: ["tupu mentions seeds -o mentions.jsonl"]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        let paths = args.positionals
        guard !paths.isEmpty else { throw UsageError("say what to read, e.g. `tupu mentions news/`") }
        let (builder, gazetteerProblems, gazetteerWarnings) = try CorpusBuilder.standard(brandFiles: args.values("--gazetteer"))
        for problem in gazetteerProblems + gazetteerWarnings { CLIOutput.note("warning: \(problem)") }
        let (files, listingProblems) = DocumentReader.inputs(for: paths)
        var problems = listingProblems
        var out = ""
        for file in files {
            let (documents, trouble) = DocumentReader.read(file)
            problems += trouble
            for document in documents {
                for record in builder.extractor.mentionRecords(document) { out += line(for: record) + "\n" }
            }
        }
        for problem in problems { CLIOutput.note("skipped: \(problem)") }
        if let output = args.value("--output") {
            do {
                try AtomicFile.write(Data(out.utf8), to: output)
            } catch {
                throw RuntimeError("cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            try CLIOutput.out.write(out)
        }
        return problems.isEmpty && gazetteerProblems.isEmpty ? 0 : 1
    }

    static func line(for record: MentionRecord) -> String {
        "{\"kind\":\"mention\",\"doc\":\(JSON.quote(record.doc)),\"entity\":\(JSON.quote(record.entity))"
            + ",\"type\":\(JSON.quote(record.type.rawValue)),\"text\":\(JSON.quote(record.text))"
            + ",\"start\":\(record.start),\"end\":\(record.end),\"rule\":\(JSON.quote(record.rule))"
            + ",\"confidence\":\(JSON.number(record.confidence))}"
    }
}
