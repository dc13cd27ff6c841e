import Foundation

/// The `kind=` of an organisation (see the annotation guidelines).
public enum OrgKind: String, Sendable, CaseIterable {
    case government, party, company, hospital, bank, school, union, association, team, alliance, media, other
}

/// A type word that ends organisation names (…党工委, …卫健委, …有限公司), read from the data files.
public struct OrgTypeWord: Sendable, Equatable {
    /// What must stand before the type word for the span to be a name.
    public enum Needs: String, Sendable {
        /// A place or a proper name (拱墅区政协, 安康康复中心).
        case name
        /// A proper name of three characters or more: the word ends many phrases (中心, 队伍).
        case longName = "long-name"
        /// A place: 某某区政府, never 地方政府.
        case place
    }

    public let word: String
    public let kind: OrgKind
    public let needs: Needs

    public init(word: String, kind: OrgKind, needs: Needs) {
        self.word = word
        self.kind = kind
        self.needs = needs
    }
}

/// A named organisation matched whole (公安部, 省民政厅), with its short forms.
public struct OrgName: Sendable, Equatable {
    public let name: String
    public let aliases: [String]
    public let kind: OrgKind
    public let source: String

    public init(name: String, aliases: [String], kind: OrgKind, source: String) {
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.source = source
    }
}

/// The organisation gazetteer: the TSV files of `Resources/organisations/`, one per family. A file
/// whose header is `word kind needs` lists type words; one with the brand header (`name aliases
/// kind source`) lists whole names. Patterns are data, as in spaCy's span ruler: a new type word
/// or body is a line in a file, not code.
public struct OrganisationGazetteer: Sendable {
    public var typeWords: [OrgTypeWord]
    public var names: [OrgName]

    public init(typeWords: [OrgTypeWord] = [], names: [OrgName] = []) {
        self.typeWords = typeWords
        self.names = names
    }

    public static let typeWordHeader = ["word", "kind", "needs"]
    public static let folder = "organisations"

    /// The bundled files, loaded once per process (thread-safe).
    public static func bundled() throws(GazetteerProblem) -> OrganisationGazetteer {
        try shared.get()
    }

    static let shared: Result<OrganisationGazetteer, GazetteerProblem> = Result { () throws(GazetteerProblem) in
        try load(directory: (GazetteerResources.directory() as NSString).appendingPathComponent(folder))
    }

    /// Every `.tsv` file of a folder, in name order. A word listed twice keeps its first line.
    public static func load(directory: String) throws(GazetteerProblem) -> OrganisationGazetteer {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw GazetteerProblem(path: directory, message: "cannot read the folder")
        }
        var gazetteer = OrganisationGazetteer()
        var seen = Set<String>()
        for file in files.filter({ $0.hasSuffix(".tsv") }).sorted() {
            let path = (directory as NSString).appendingPathComponent(file)
            let table = try TSVFile.load(path)
            let rows = table.rows
            guard let header = rows.first?.fields else { continue }
            if header == typeWordHeader {
                for row in rows.dropFirst() {
                    let word = try typeWord(row, path: path)
                    if seen.insert(word.word).inserted { gazetteer.typeWords.append(word) }
                }
            } else if header == BrandGazetteer.header {
                let parsed = BrandGazetteer.parse(Data(table.bytes), path: path)
                if let problem = parsed.problems.first ?? parsed.warnings.first { throw problem }
                for entry in parsed.entries {
                    guard let name = OrgName(entry) else {
                        throw GazetteerProblem(path: path, line: entry.line, message: "unknown organisation kind \"\(entry.kind)\"")
                    }
                    gazetteer.names.append(name)
                }
            } else {
                throw GazetteerProblem(
                    path: path, line: rows[0].line,
                    message: "expected the header \"word kind needs\" or \"name aliases kind source\"")
            }
        }
        return gazetteer
    }

    static func typeWord(_ row: TSVFile.Row, path: String) throws(GazetteerProblem) -> OrgTypeWord {
        guard row.fields.count == 3, !row.fields[0].isEmpty else {
            throw GazetteerProblem(path: path, line: row.line, message: "expected word, kind, needs")
        }
        guard let kind = OrgKind(rawValue: row.fields[1]) else {
            throw GazetteerProblem(path: path, line: row.line, message: "unknown organisation kind \"\(row.fields[1])\"")
        }
        guard let needs = OrgTypeWord.Needs(rawValue: row.fields[2]) else {
            throw GazetteerProblem(path: path, line: row.line, message: "needs is name, long-name or place, not \"\(row.fields[2])\"")
        }
        return OrgTypeWord(word: row.fields[0], kind: kind, needs: needs)
    }

    /// Splits entries of a `--gazetteer` file: an organisation kind makes an organisation name,
    /// any other kind a programme brand.
    public static func split(_ entries: [BrandEntry]) -> (brands: [BrandEntry], organisations: [OrgName]) {
        var brands: [BrandEntry] = []
        var organisations: [OrgName] = []
        for entry in entries {
            if let name = OrgName(entry) { organisations.append(name) } else { brands.append(entry) }
        }
        return (brands, organisations)
    }
}

extension OrgName {
    /// The entry as an organisation, when its kind is one.
    public init?(_ entry: BrandEntry) {
        guard let kind = OrgKind(rawValue: entry.kind) else { return nil }
        self.init(name: entry.name, aliases: entry.aliases, kind: kind, source: entry.source)
    }
}

/// Verbs, adverbs, prepositions and conjunctions that a name does not start with
/// (`boundary-words.tsv`, from the jieba dictionary: 随着, 调研, 入驻 …).
public enum BoundaryWords {
    public static let file = "boundary-words.tsv"

    /// The bundled list, loaded once per process (thread-safe).
    public static func bundled() throws(GazetteerProblem) -> [String] { try shared.get() }

    static let shared: Result<[String], GazetteerProblem> = Result { () throws(GazetteerProblem) in
        try load(path: GazetteerResources.path(file))
    }

    public static func load(path: String) throws(GazetteerProblem) -> [String] {
        let table = try TSVFile.load(path, keep: 1)
        return (0..<table.rowCount).dropFirst().map { table.string($0, 0) }  // header
    }
}
