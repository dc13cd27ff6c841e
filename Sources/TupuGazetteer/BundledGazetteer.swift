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

    static func load(directory: String) throws(GazetteerProblem) -> PlaceGazetteer {
        var places: [Place] = []
        places.reserveCapacity(30_000)
        for (file, level) in divisionFiles {
            let table = try TSVFile.load((directory as NSString).appendingPathComponent(file))
            for row in table.rows.dropFirst() {  // header
                guard row.fields.count >= 4, !row.fields[0].isEmpty, !row.fields[1].isEmpty else {
                    throw GazetteerProblem(path: table.path, line: row.line, message: "expected code, name, parent_code, level")
                }
                let name = row.fields[1]
                let special = level == .township && !NameRules.townSuffixes.contains(where: name.hasSuffix)
                places.append(Place(code: row.fields[0], name: name,
                                    parentCode: row.fields[2].isEmpty ? nil : row.fields[2],
                                    level: level, isSpecialUnit: special))
            }
        }
        let historicTable = try TSVFile.load((directory as NSString).appendingPathComponent(historicFile))
        let (extraPlaces, historic) = try historicNames(historicTable, current: places)
        places.append(contentsOf: extraPlaces)
        return PlaceGazetteer(places: places, historic: historic)
    }

    private struct ParentAndName: Hashable {
        let parent: String
        let name: String
    }

    /// The 2016 list uses 12-digit NBS codes. A town keeps its 9-digit code, so a renamed town
    /// gets its old name as a historic name. A village whose name still exists under the same
    /// town or county is that village; any other old village becomes its own historic row under
    /// its town (or county, if the town is gone).
    static func historicNames(_ table: TSVFile, current places: [Place]) throws(GazetteerProblem) -> ([Place], [PlaceName]) {
        var byCode: [String: Place] = [:]
        byCode.reserveCapacity(places.count)
        var villagesUnderTown = Set<ParentAndName>()
        var namesUnderCounty = Set<ParentAndName>()
        for place in places {
            byCode[place.code] = place
            guard place.level == .village || place.level == .township else { continue }
            if place.level == .village, let town = place.parentCode {
                villagesUnderTown.insert(ParentAndName(parent: town, name: place.name))
            }
            namesUnderCounty.insert(ParentAndName(parent: String(place.code.prefix(6)), name: place.name))
        }
        var extra: [Place] = []
        var historic: [PlaceName] = []
        for row in table.rows.dropFirst() {
            guard row.fields.count >= 4, row.fields[0].utf8.count == 12 else {
                throw GazetteerProblem(path: table.path, line: row.line, message: "expected a 12-digit code, name, parent_code, level")
            }
            let code = row.fields[0], name = row.fields[1]
            let townCode = String(code.prefix(9)), countyCode = String(code.prefix(6))
            switch row.fields[3] {
            case "town":
                if let town = byCode[townCode] {
                    if town.name != name { historic.append(PlaceName(name: name, code: townCode, form: .historic)) }
                } else if !namesUnderCounty.contains(ParentAndName(parent: countyCode, name: name)), byCode[countyCode] != nil {
                    extra.append(Place(code: code, name: name, parentCode: countyCode, level: .township))
                    historic.append(PlaceName(name: name, code: code, form: .historic))
                }
            case "village":
                if villagesUnderTown.contains(ParentAndName(parent: townCode, name: name))
                    || namesUnderCounty.contains(ParentAndName(parent: countyCode, name: name)) { continue }
                let parent = byCode[townCode] != nil ? townCode : (byCode[countyCode] != nil ? countyCode : nil)
                guard let parent else { continue }
                extra.append(Place(code: code, name: name, parentCode: parent, level: .village))
                historic.append(PlaceName(name: name, code: code, form: .historic))
            default:
                continue
            }
        }
        return (extra, historic)
    }
}
