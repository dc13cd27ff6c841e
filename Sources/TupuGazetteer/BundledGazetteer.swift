import Foundation

extension PlaceGazetteer {
    /// The Zhejiang gazetteer shipped with Tupu, loaded once per process (thread-safe).
    public static func bundled() throws -> PlaceGazetteer {
        try BundledGazetteer.shared.get()
    }

    /// Loads the division files (`provinces.tsv` … `villages.tsv`, `villages_nbs2016_vonng.tsv`)
    /// from a folder.
    public static func load(directory: String) throws(GazetteerProblem) -> PlaceGazetteer {
        try BundledGazetteer.load(directory: directory)
    }
}

public enum GazetteerResources {
    /// The folder holding the bundled TSV files: `$TUPU_GAZETTEER_DIR` when set, else the
    /// resource bundle next to the executable, else the one in the build folder.
    public static func directory() -> String {
        if let override = ProcessInfo.processInfo.environment["TUPU_GAZETTEER_DIR"], !override.isEmpty {
            return override
        }
        let besideExecutable = Bundle.main.bundleURL
            .appendingPathComponent("Tupu_TupuGazetteer.resources").appendingPathComponent("Resources").path
        if FileManager.default.fileExists(atPath: besideExecutable) { return besideExecutable }
        return Bundle.module.bundleURL.appendingPathComponent("Resources").path
    }

    public static func path(_ file: String) -> String {
        (directory() as NSString).appendingPathComponent(file)
    }
}

enum BundledGazetteer {
    static let shared: Result<PlaceGazetteer, GazetteerProblem> = {
        Result { () throws(GazetteerProblem) -> PlaceGazetteer in try load(directory: GazetteerResources.directory()) }
    }()

    static let divisionFiles: [(file: String, level: PlaceLevel)] = [
        ("provinces.tsv", .province), ("cities.tsv", .city), ("counties.tsv", .county),
        ("towns.tsv", .township), ("villages.tsv", .village),
    ]
    static let historicFile = "villages_nbs2016_vonng.tsv"
    static let frequencyFile = "word-frequencies.tsv"

    static func wordFrequencies(_ table: TSVFile) throws(GazetteerProblem) -> [WordFrequency] {
        try table.rows.dropFirst().map { row throws(GazetteerProblem) in
            guard row.fields.count == 4, let frequency = Int(row.fields[1]), let inside = Int(row.fields[3]) else {
                throw GazetteerProblem(path: table.path, line: row.line, message: "expected word, frequency, pos, inside")
            }
            return WordFrequency(word: row.fields[0], frequency: frequency, partOfSpeech: row.fields[2], inside: inside)
        }
    }

    static func load(directory: String) throws(GazetteerProblem) -> PlaceGazetteer {
        var places: [Place] = []
        places.reserveCapacity(30_000)
        for (file, level) in divisionFiles {
            let table = try TSVFile.load((directory as NSString).appendingPathComponent(file), keep: 4)
            for row in table.rows.dropFirst() {  // header
                guard row.fields.count >= 4, !row.fields[0].isEmpty, !row.fields[1].isEmpty else {
                    throw GazetteerProblem(path: table.path, line: row.line, message: "expected code, name, parent_code, level")
                }
                let name = row.fields[1]
                let special = level == .township && !NameRules.townSuffixes.contains(where: name.hasUTF8Suffix)
                places.append(Place(code: row.fields[0], name: name,
                                    parentCode: row.fields[2].isEmpty ? nil : row.fields[2],
                                    level: level, isSpecialUnit: special))
            }
        }
        let historicTable = try TSVFile.load((directory as NSString).appendingPathComponent(historicFile), keep: 4)
        let (extraPlaces, historic) = try historicNames(historicTable, current: places)
        places.append(contentsOf: extraPlaces)
        let frequencies = try wordFrequencies(TSVFile.load((directory as NSString).appendingPathComponent(frequencyFile)))
        return PlaceGazetteer(places: places, historic: historic, wordFrequencies: frequencies)
    }

    /// The 2016 list uses 12-digit NBS codes; a town's first nine digits are its town code.
    /// - A town whose code still exists keeps its old name as a historic name (中马街道 for the
    ///   town now named otherwise); one whose name still exists in the same city moved county
    ///   (a district split off) and is that town; any other becomes a historic town row under its county.
    /// - A village whose name still exists in the county of its (current) town is that village;
    ///   any other becomes a historic row under its town, or its county. One-character stems
    ///   (新村, 中村) are words, not names, and are left out.
    static func historicNames(_ table: TSVFile, current places: [Place]) throws(GazetteerProblem) -> ([Place], [PlaceName]) {
        var unitName: [String: String] = [:]
        var namesInCounty = Set<ScopedName>(minimumCapacity: places.count)
        var townsInCity: [ScopedName: String] = [:]
        for place in places {
            switch place.level {
            case .province, .city, .county, .area:
                unitName[place.code] = place.name
            case .township:
                unitName[place.code] = place.name
                namesInCounty.insert(ScopedName(code: place.code, digits: 6, name: place.name))
                townsInCity[ScopedName(code: place.code, digits: 4, name: place.name)] = place.code
            case .village:
                namesInCounty.insert(ScopedName(code: place.code, digits: 6, name: place.name))
            }
        }
        var extra: [Place] = []
        var historic: [PlaceName] = []
        extra.reserveCapacity(table.rows.count / 2)
        historic.reserveCapacity(table.rows.count / 2)
        // 2016 town code (nine digits) → the code it has now: a current town or a historic row.
        var townNow: [String: String] = [:]
        for row in table.rows.dropFirst() {
            guard row.fields.count >= 4, row.fields[0].utf8.count == 12, !row.fields[1].isEmpty else {
                throw GazetteerProblem(path: table.path, line: row.line, message: "expected a 12-digit code, name, parent_code, level")
            }
            let code = row.fields[0]
            let townCode = code.codePrefix(9), countyCode = code.codePrefix(6)
            switch row.fields[3] {
            case "town":
                let name = townName(row.fields[1])
                if let currentName = unitName[townCode] {
                    townNow[townCode] = townCode
                    if currentName != name { historic.append(PlaceName(name: name, code: townCode, form: .historic)) }
                } else if let moved = townsInCity[ScopedName(code: code, digits: 4, name: name)] {
                    townNow[townCode] = moved
                } else if unitName[countyCode] != nil {
                    townNow[townCode] = code
                    extra.append(Place(code: code, name: name, parentCode: countyCode, level: .township))
                    historic.append(PlaceName(name: name, code: code, form: .historic))
                }
            case "village":
                let name = villageName(row.fields[1])
                guard hasTwoCharacterStem(name) else { continue }
                let town = townNow[townCode] ?? (unitName[townCode] != nil ? townCode : nil)
                if namesInCounty.contains(ScopedName(code: code, digits: 6, name: name)) { continue }
                if let town, namesInCounty.contains(ScopedName(code: town, digits: 6, name: name)) { continue }
                guard let parent = town ?? (unitName[countyCode] != nil ? countyCode : nil) else { continue }
                extra.append(Place(code: code, name: name, parentCode: parent, level: .village))
                historic.append(PlaceName(name: name, code: code, form: .historic))
            default:
                continue
            }
        }
        return (extra, historic)
    }

    /// A name inside the area given by the first `digits` digits of a code (4: city, 6: county).
    private struct ScopedName: Hashable {
        let area: Int
        let name: NameKey

        init(code: String, digits: Int, name: String) {
            area = code.utf8.prefix(digits).reduce(0) { $0 &* 10 &+ Int($1) &- 48 }
            self.name = NameKey(name)
        }
    }

    /// The 2016 list names some towns by their office (`青禾街道办事处`).
    static func townName(_ officeName: String) -> String {
        officeName.hasUTF8Suffix("办事处") ? officeName.droppingUTF8Suffix("办事处") : officeName
    }

    /// `新村`, `中村`: a one-character stem before 村 or 社区 is a word, not a name.
    static func hasTwoCharacterStem(_ name: String) -> Bool {
        let suffix = name.hasUTF8Suffix("社区") ? 2 : (name.hasUTF8Suffix("村") ? 1 : 0)
        return name.unicodeScalars.count - suffix >= 2
    }

    /// The 2016 list names the committee (`新和村委会`, `定桥村村委会`, `XX社区居委会`); news text
    /// and the current list name the village (`新和村`, `定桥村`, `XX社区`).
    static func villageName(_ committeeName: String) -> String {
        var name = committeeName
        while name.hasUTF8Suffix("委会委会") { name = name.droppingUTF8Suffix("委会") }
        // Most rows are `…村委会`: test the village suffixes first.
        for suffix in villageCommitteeSuffixes where name.hasUTF8Suffix(suffix) {
            let stem = name.droppingUTF8Suffix(suffix)
            return stem.hasUTF8Suffix("村") ? stem : stem + "村"
        }
        for suffix in communityCommitteeSuffixes where name.hasUTF8Suffix(suffix) {
            return name.droppingUTF8Suffix(suffix) + "社区"
        }
        return name
    }

    static let villageCommitteeSuffixes = ["村委会", "村民委员会"]
    static let communityCommitteeSuffixes = ["社区居民委员会", "社区居委会", "居民委员会", "居委会"]
}
