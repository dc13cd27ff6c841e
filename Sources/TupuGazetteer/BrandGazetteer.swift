import Foundation

/// One programme brand: a named initiative, service, project or facility.
public struct BrandEntry: Sendable, Hashable {
    public let name: String
    public let aliases: [String]
    public let kind: String
    public let source: String
    /// Line in the file it came from.
    public let line: Int

    public init(name: String, aliases: [String], kind: String, source: String, line: Int) {
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.source = source
        self.line = line
    }

    /// The name and its aliases.
    public var surfaceForms: [String] { [name] + aliases }

    /// Kind `none`: a person has ruled the name out; it is never learned nor matched as a programme.
    public var isRejection: Bool { kind == BrandGazetteer.rejectedKind }
}

/// Reads brand gazetteers: TSV with columns `name`, `aliases` (`|`-separated, or `-`), `kind`,
/// `source`, then any number of comment columns (`tupu gazetteer learn` writes its counts and
/// evidence there for the person curating the file); `#` comments; one header line. A malformed
/// row is reported as `file:line` and skipped; the other rows still load.
public enum BrandGazetteer {
    public static let header = ["name", "aliases", "kind", "source"]
    /// The kind that rules a name out (a learned name a person found wrong).
    public static let rejectedKind = "none"

    /// The brand list shipped with Tupu (`brands.tsv`).
    public static func bundled() -> (entries: [BrandEntry], problems: [GazetteerProblem]) {
        load(path: GazetteerResources.path("brands.tsv"))
    }

    public static func load(path: String) -> (entries: [BrandEntry], problems: [GazetteerProblem]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return ([], [GazetteerProblem(path: path, message: "cannot read the file")])
        }
        return parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) -> (entries: [BrandEntry], problems: [GazetteerProblem]) {
        let table = TSVFile(path: path, data: data)
        var entries: [BrandEntry] = []
        var problems: [GazetteerProblem] = []
        var sawHeader = false
        for row in table.rows {
            let fields = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) { continue }
            if !sawHeader, fields.starts(with: header) { sawHeader = true; continue }
            guard fields.count >= 4 else {
                problems.append(GazetteerProblem(path: path, line: row.line,
                                                 message: "expected at least 4 tab-separated columns (name, aliases, kind, source), found \(fields.count)"))
                continue
            }
            guard !fields[0].isEmpty else {
                problems.append(GazetteerProblem(path: path, line: row.line, message: "empty name"))
                continue
            }
            guard !fields[2].isEmpty else {
                problems.append(GazetteerProblem(path: path, line: row.line, message: "empty kind"))
                continue
            }
            let aliases = fields[1] == "-" || fields[1].isEmpty
                ? []
                : fields[1].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if aliases.contains(where: \.isEmpty) {
                problems.append(GazetteerProblem(path: path, line: row.line, message: "empty alias in \"\(fields[1])\""))
                continue
            }
            entries.append(BrandEntry(name: fields[0], aliases: aliases, kind: fields[2], source: fields[3], line: row.line))
        }
        return (entries, problems)
    }
}
