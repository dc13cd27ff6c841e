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
/// row is a problem at `file:line` and skipped; the other rows still load. Rows that load but
/// look wrong are warnings at `file:line`: a missing header, a name or alias already given (the
/// later row is skipped, the first wins), a kind outside `knownKinds` (kept as written).
public enum BrandGazetteer {
    public static let header = ["name", "aliases", "kind", "source"]
    /// The kind that rules a name out (a learned name a person found wrong).
    public static let rejectedKind = "none"
    /// Programme kinds, the organisation kinds a names file may also give (see `OrgKind`), and `none`.
    public static let knownKinds =
        ["brand", "project", "service", "facility", "team", "other"]
        + OrgKind.allCases.map(\.rawValue).filter { !["team", "other"].contains($0) } + [rejectedKind]

    public struct Loaded: Sendable {
        public var entries: [BrandEntry] = []
        /// Rows skipped because they cannot be read.
        public var problems: [GazetteerProblem] = []
        /// Rows read, but probably not what the file's author meant.
        public var warnings: [GazetteerProblem] = []
    }

    /// The brand list shipped with Tupu (`brands.tsv`).
    public static func bundled() -> Loaded {
        load(path: GazetteerResources.path("brands.tsv"))
    }

    public static func load(path: String) -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Loaded(problems: [GazetteerProblem(path: path, message: "cannot read the file")])
        }
        return parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String) -> Loaded {
        let table = TSVFile(path: path, data: data)
        var loaded = Loaded()
        var sawHeader = false
        var sawRow = false
        /// Each surface form and the line that gave it first.
        var firstLine: [String: Int] = [:]
        for row in table.rows {
            let fields = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) { continue }
            if !sawHeader, fields.starts(with: header) {
                sawHeader = true
                sawRow = true
                continue
            }
            if !sawRow {
                sawRow = true
                loaded.warnings.append(
                    GazetteerProblem(
                        path: path, line: row.line,
                        message: "no header line (\(header.joined(separator: "<TAB>"))); this row is read as an entry"))
            }
            guard fields.count >= 4 else {
                loaded.problems.append(
                    GazetteerProblem(
                        path: path, line: row.line,
                        message: "expected at least 4 tab-separated columns (name, aliases, kind, source), found \(fields.count)"))
                continue
            }
            guard !fields[0].isEmpty else {
                loaded.problems.append(GazetteerProblem(path: path, line: row.line, message: "empty name"))
                continue
            }
            guard !fields[2].isEmpty else {
                loaded.problems.append(GazetteerProblem(path: path, line: row.line, message: "empty kind"))
                continue
            }
            let aliases =
                fields[1] == "-" || fields[1].isEmpty
                ? []
                : fields[1].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            if aliases.contains(where: \.isEmpty) {
                loaded.problems.append(GazetteerProblem(path: path, line: row.line, message: "empty alias in \"\(fields[1])\""))
                continue
            }
            let entry = BrandEntry(name: fields[0], aliases: aliases, kind: fields[2], source: fields[3], line: row.line)
            // One surface form naming two entries would make the match depend on the row order.
            if let repeated = entry.surfaceForms.first(where: { firstLine[$0] != nil }) {
                loaded.warnings.append(
                    GazetteerProblem(
                        path: path, line: row.line,
                        message: "duplicate name \"\(repeated)\" (first given on line \(firstLine[repeated]!)); this row is skipped"))
                continue
            }
            for form in entry.surfaceForms where firstLine[form] == nil { firstLine[form] = row.line }
            if !knownKinds.contains(entry.kind) {
                loaded.warnings.append(
                    GazetteerProblem(
                        path: path, line: row.line,
                        message: "unknown kind \"\(entry.kind)\" (known: \(knownKinds.joined(separator: ", "))); loaded as written"))
            }
            loaded.entries.append(entry)
        }
        return loaded
    }
}
