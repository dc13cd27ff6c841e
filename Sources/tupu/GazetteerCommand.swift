import Foundation
import TupuGazetteer
import TupuGraph
import TupuRecognise
import TupuRelate

/// `tupu gazetteer learn`: the programme names a corpus proves, as a brand file to curate.
enum GazetteerCommand: Command {
    static let name = "gazetteer"
    static let abstract = "Learn programme names from news files and write them as a brand file to curate."

    static let options: [OptionSpec] = [
        .option("-o", "--output", value: "FILE", help: "Where to write the brand file; - for standard output (the default)."),
        .option("--gazetteer", value: "FILE", help: "Brand files already curated: their names are known and kind `none` rules one out; repeatable."),
        .flag("-q", "--quiet", help: "No summary on standard error.")
    ]

    /// The columns after the four the loader reads: for the person curating, ignored on load.
    static let commentColumns = ["documents", "mentions", "rule", "evidence"]

    static let help = CommandHelp(
        overview: """
            Learn the programme names (brands, projects, services, facilities, campaigns) that strong \
            context proves somewhere in the files — a quote followed by a type word (“…”党建品牌, “…”项目), \
            a quote ending in one (“…驿站”, “…行动”), a dotted brand (“…·…”), a quote launched by someone \
            (“…”由…推出), 打造…品牌 — and write them in the --gazetteer format: name, aliases (the short forms \
            the build also finds: the parts of a dotted name, the name without its type word), kind, source \
            (the first evidence as FILE:OFFSET, a code-point offset), then comment columns: how many documents \
            write the name, how many times, the rule and the sentence. Slogans, honours, mechanisms, places \
            and quoted generic words are never learned. `tupu build` learns the same names by itself; curate \
            the file (delete rows, fix kinds, add aliases, set kind to `none` to rule a name out) and pass it \
            back with `tupu build --gazetteer FILE`.
            """,
        usage: "tupu gazetteer learn PATH ... [-o FILE] [--gazetteer FILE] [-q]",
        arguments: [("PATH", "Files (.txt, .jsonl with {\"id\",\"text\"} lines), folders (read recursively) or - for standard input.")],
        options: options,
        examples: [
            "tupu gazetteer learn news/ -o learned.tsv",
            "tupu build news/ --gazetteer learned.tsv -o news.graph.jsonl"
        ]
    ).text

    static func run(_ arguments: [String]) throws -> Int32 {
        let args = try Arguments.parse(arguments, options: options)
        guard let action = args.positionals.first else {
            throw UsageError("missing the action: `tupu gazetteer learn PATH ...`")
        }
        guard action == "learn" else {
            throw UsageError("unknown action '\(action)' (the action is `learn`)")
        }
        let paths = Array(args.positionals.dropFirst())
        guard !paths.isEmpty else { throw UsageError("missing PATH: say what to learn from, e.g. `tupu gazetteer learn news/`") }
        let output = args.value("--output") ?? "-"
        let places = try PlaceGazetteer.bundled()
        var loaded = BrandGazetteer.bundled()
        for path in args.values("--gazetteer") {
            let more = BrandGazetteer.load(path: path)
            loaded.entries += more.entries
            loaded.problems += more.problems
            loaded.warnings += more.warnings
        }
        for problem in loaded.problems + loaded.warnings { CLIOutput.note("warning: \(problem)") }
        // Organisation rows of a names file are not programmes: the learner knows only the brands.
        let brands = OrganisationGazetteer.split(loaded.entries).brands
        let learning = CorpusBuilder.learn(paths, with: BrandLearner(places: places, brands: brands))
        for problem in learning.problems { CLIOutput.note("skipped: \(problem)") }
        if learning.documents == 0 && !learning.problems.isEmpty {
            throw RuntimeError("nothing could be read; no brand file written")
        }
        let text = file(learning)
        if output == "-" {
            try CLIOutput.out.write(text)
        } else {
            do {
                try OutputFile.write(to: output) { descriptor in
                    try Array(text.utf8).withUnsafeBytes { try OutputFile.writeAll($0, to: descriptor, path: output) }
                }
            } catch let failure as OutputFile.Failure {
                throw RuntimeError(failure.message)
            }
        }
        if !args.flag("--quiet") {
            CLIOutput.note(
                "learned \(learning.learned.count) programme names from \(learning.documents) documents"
                    + (output == "-" ? "" : " → \(output)"))
        }
        return learning.problems.isEmpty && loaded.problems.isEmpty ? 0 : 1
    }

    /// The brand file: a comment on the columns, the header, one row per learned name.
    static func file(_ learning: CorpusBuilder.Learning) -> String {
        var out = """
            # Programme names learned by `tupu gazetteer learn`: curate, then `tupu build --gazetteer FILE`.
            # Columns: name, aliases (| between, - for none), kind (brand, project, service, facility,
            # campaign, event, product; `none` rules the name out), source (first evidence FILE:OFFSET,
            # a code-point offset); the rest are comments the loader ignores: documents and mentions
            # (full or short form, quoted or not), the rule that learned the name, the sentence.

            """
        out += (BrandGazetteer.header + commentColumns).joined(separator: "\t") + "\n"
        for (i, brand) in learning.learned.enumerated() {
            let row = [
                brand.name, brand.aliases.isEmpty ? "-" : brand.aliases.joined(separator: "|"), brand.kind.rawValue,
                "\(brand.doc):\(brand.offset)", String(learning.documentsOfName[i]), String(learning.mentionsOfName[i]),
                brand.rule, brand.sentence
            ]
            out += row.map(field).joined(separator: "\t") + "\n"
        }
        return out
    }

    /// A field on one line: tabs and line breaks become spaces.
    static func field(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }
}
