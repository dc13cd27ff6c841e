import Foundation
import TupuText

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
        ("towns.tsv", .township), ("villages.tsv", .village)
    ]
    static let historicFile = "villages_nbs2016_vonng.tsv"
    /// Every other province's divisions down to townships (optional: a folder without it reads Zhejiang only).
    static let otherProvincesFile = "china-divisions.tsv"
    static let levelNames: [(name: StaticString, level: PlaceLevel)] = [
        ("township", .township), ("county", .county), ("city", .city), ("province", .province)
    ]
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
        places.reserveCapacity(80_000)
        var codes = ByteKeyTable(minimumCapacity: 80_000)
        var placeOfCode: [Int32] = []
        for (file, level) in divisionFiles {
            let table = try TSVFile.load((directory as NSString).appendingPathComponent(file), keep: 4)
            if let problem = addDivisions(table, level: level, to: &places, codes: &codes, placeOfCode: &placeOfCode) {
                throw problem
            }
        }
        let historicTable = try TSVFile.load((directory as NSString).appendingPathComponent(historicFile), keep: 4)
        let (extraPlaces, historic) = try historicNames(historicTable, current: places)
        places.append(contentsOf: extraPlaces)
        // Last: the gazetteer tells Zhejiang's places from the others' by index.
        let otherProvinces = (directory as NSString).appendingPathComponent(otherProvincesFile)
        if FileManager.default.fileExists(atPath: otherProvinces) {
            let table = try TSVFile.load(otherProvinces, keep: 4)
            if let problem = addOtherProvinces(table, to: &places, codes: &codes, placeOfCode: &placeOfCode) { throw problem }
        }
        let frequencies = try wordFrequencies(TSVFile.load((directory as NSString).appendingPathComponent(frequencyFile)))
        return PlaceGazetteer(places: places, historic: historic, wordFrequencies: frequencies)
    }

    /// Rows of a division file (after its header) as places of `level`. A parent code already
    /// read reuses that place's string.
    private static func addDivisions(
        _ table: TSVFile, level: PlaceLevel, to places: inout [Place],
        codes: inout ByteKeyTable, placeOfCode: inout [Int32]
    ) -> GazetteerProblem? {
        table.bytes.withUnsafeBytes { bytes in
            func field(_ row: Int, _ field: Int) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: bytes[table.range(row, field)])
            }
            for row in (0..<table.rowCount).dropFirst() {  // header
                guard table.fieldCount(row) >= 4, !table.range(row, 0).isEmpty, !table.range(row, 1).isEmpty else {
                    return GazetteerProblem(path: table.path, line: table.line(row), message: "expected code, name, parent_code, level")
                }
                let name = field(row, 1)
                let parent = field(row, 2)
                let parentCode: String? =
                    parent.isEmpty
                    ? nil
                    : codes.find(parent).map { places[Int(placeOfCode[$0])].code } ?? string(parent)
                let special = level == .township && !NameRules.townSuffixBytes.contains { name.hasSuffix($0) }
                let code = field(row, 0)
                if codes.add(code).inserted { placeOfCode.append(Int32(places.count)) }
                places.append(
                    Place(
                        code: string(code), name: string(name), parentCode: parentCode,
                        level: level, isSpecialUnit: special))
            }
            return nil
        }
    }

    /// Rows of the other provinces' file (code, name, parent code, level), after its header.
    private static func addOtherProvinces(
        _ table: TSVFile, to places: inout [Place],
        codes: inout ByteKeyTable, placeOfCode: inout [Int32]
    ) -> GazetteerProblem? {
        table.bytes.withUnsafeBytes { bytes in
            func field(_ row: Int, _ field: Int) -> UnsafeRawBufferPointer {
                UnsafeRawBufferPointer(rebasing: bytes[table.range(row, field)])
            }
            for row in (0..<table.rowCount).dropFirst() {  // header
                guard table.fieldCount(row) >= 4, !table.range(row, 0).isEmpty, !table.range(row, 1).isEmpty,
                    let level = levelNames.first(where: { field(row, 3).equals($0.name) })?.level
                else {
                    return GazetteerProblem(
                        path: table.path, line: table.line(row),
                        message: "expected code, name, parent_code, level (province, city, county, township)")
                }
                let parent = field(row, 2)
                let parentCode: String? =
                    parent.isEmpty
                    ? nil
                    : codes.find(parent).map { places[Int(placeOfCode[$0])].code } ?? string(parent)
                let code = field(row, 0)
                if codes.add(code).inserted { placeOfCode.append(Int32(places.count)) }
                places.append(
                    Place(
                        code: string(code), name: string(field(row, 1)), parentCode: parentCode,
                        level: level, isOutsideZhejiang: true))
            }
            return nil
        }
    }

    /// The 2016 list uses 12-digit NBS codes; a town's first nine digits are its town code.
    /// - A town whose code still exists keeps its old name as a historic name (中马街道 for the
    ///   town now named otherwise); one whose name still exists in the same city moved county
    ///   (a district split off) and is that town; any other becomes a historic town row under its county.
    /// - A village whose name still exists in the county of its (current) town is that village;
    ///   any other becomes a historic row under its town, or its county. One-character stems
    ///   (新村, 中村) are words, not names, and are left out.
    static func historicNames(_ table: TSVFile, current places: [Place]) throws(GazetteerProblem) -> ([Place], [PlaceName]) {
        // Current units by code (the last place with a code wins), town and village names by area.
        var units = ByteKeyTable(minimumCapacity: 2_048)
        var unitPlace: [Int32] = []
        var namesInCounty = ByteKeyTable(minimumCapacity: places.count)
        var townsInCity = ByteKeyTable(minimumCapacity: 2_048)
        var townInCity: [Int32] = []  // per key of `townsInCity`: the place (the last wins)
        var key = ScopedKey()
        for index in places.indices {  // by index: copying a `Place` retains its strings
            let level = places[index].level
            if level != .village {
                let (number, inserted) = units.add(places[index].code)
                if inserted { unitPlace.append(Int32(index)) } else { unitPlace[number] = Int32(index) }
            }
            guard level == .township || level == .village else { continue }
            key.set(code: places[index].code, digits: 6, name: places[index].name)
            key.withBytes { _ = namesInCounty.add($0) }
            guard level == .township else { continue }
            key.set(code: places[index].code, digits: 4, name: places[index].name)
            let (number, inserted) = key.withBytes { townsInCity.add($0) }
            if inserted { townInCity.append(Int32(index)) } else { townInCity[number] = Int32(index) }
        }
        var extra: [Place] = []
        var historic: [PlaceName] = []
        extra.reserveCapacity(table.rowCount / 2)
        historic.reserveCapacity(table.rowCount / 2)
        // 2016 town code (nine digits) → the code it has now: a current town or a historic row.
        var townsThen = ByteKeyTable(minimumCapacity: 2_048)
        var townNow: [String] = []  // per key of `townsThen`
        func setTownNow(_ townCode: UnsafeRawBufferPointer, _ now: String) {
            let (number, inserted) = townsThen.add(townCode)
            if inserted { townNow.append(now) } else { townNow[number] = now }
        }
        var nameBytes = ByteBuffer()
        let problem: GazetteerProblem? = table.bytes.withUnsafeBytes { bytes in
            for row in (0..<table.rowCount).dropFirst() {  // header
                guard table.fieldCount(row) >= 4, table.range(row, 0).count == 12, !table.range(row, 1).isEmpty else {
                    return GazetteerProblem(path: table.path, line: table.line(row), message: "expected a 12-digit code, name, parent_code, level")
                }
                let code = UnsafeRawBufferPointer(rebasing: bytes[table.range(row, 0)])
                let townCode = UnsafeRawBufferPointer(rebasing: code[0..<9])
                let countyCode = UnsafeRawBufferPointer(rebasing: code[0..<6])
                let level = UnsafeRawBufferPointer(rebasing: bytes[table.range(row, 3)])
                let committeeName = UnsafeRawBufferPointer(rebasing: bytes[table.range(row, 1)])
                if level.equals(townLevel) {
                    townName(committeeName, into: &nameBytes)
                    nameBytes.withBytes { name in
                        if let unit = units.find(townCode) {
                            let townCodeString = string(townCode)
                            setTownNow(townCode, townCodeString)
                            if !name.equals(Array(places[Int(unitPlace[unit])].name.utf8)) {
                                historic.append(PlaceName(name: string(name), code: townCodeString, form: .historic))
                            }
                        } else if let moved = key.withScoped(code: code, digits: 4, name: name, { townsInCity.find($0) }) {
                            setTownNow(townCode, places[Int(townInCity[moved])].code)
                        } else if units.find(countyCode) != nil {
                            let codeString = string(code)
                            let nameString = string(name)
                            setTownNow(townCode, codeString)
                            extra.append(Place(code: codeString, name: nameString, parentCode: string(countyCode), level: .township))
                            historic.append(PlaceName(name: nameString, code: codeString, form: .historic))
                        }
                    }
                } else if level.equals(villageLevel) {
                    villageName(committeeName, into: &nameBytes)
                    nameBytes.withBytes { name in
                        guard hasTwoCharacterStem(name) else { return }
                        let town = townsThen.find(townCode).map { townNow[$0] } ?? (units.find(townCode) != nil ? string(townCode) : nil)
                        if key.withScoped(code: code, digits: 6, name: name, { namesInCounty.find($0) }) != nil { return }
                        if let town {
                            var town = town
                            let known = town.withUTF8 { town in
                                key.withScoped(code: UnsafeRawBufferPointer(town), digits: 6, name: name, { namesInCounty.find($0) }) != nil
                            }
                            if known { return }
                        }
                        guard let parent = town ?? (units.find(countyCode) != nil ? string(countyCode) : nil) else { return }
                        let codeString = string(code)
                        let nameString = string(name)
                        extra.append(Place(code: codeString, name: nameString, parentCode: parent, level: .village))
                        historic.append(PlaceName(name: nameString, code: codeString, form: .historic))
                    }
                }
            }
            return nil
        }
        if let problem { throw problem }
        return (extra, historic)
    }

    /// A name inside the area given by the first `digits` digits of a code (4: city, 6: county),
    /// as the bytes of a table key.
    private struct ScopedKey {
        private var bytes = ByteBuffer()

        mutating func set(code: UnsafeRawBufferPointer, digits: Int, name: UnsafeRawBufferPointer) {
            var area = 0
            for i in 0..<min(digits, code.count) { area = area &* 10 &+ Int(code[i]) &- 48 }
            bytes.removeAll()
            bytes.append(bytesOf: area)
            bytes.append(name)
        }

        func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
            bytes.withBytes(body)
        }

        mutating func set(code: String, digits: Int, name: String) {
            var code = code
            var name = name
            code.withUTF8 { code in
                name.withUTF8 { name in set(code: UnsafeRawBufferPointer(code), digits: digits, name: UnsafeRawBufferPointer(name)) }
            }
        }

        mutating func withScoped<Result>(
            code: UnsafeRawBufferPointer, digits: Int, name: UnsafeRawBufferPointer,
            _ body: (UnsafeRawBufferPointer) -> Result
        ) -> Result {
            set(code: code, digits: digits, name: name)
            return withBytes(body)
        }
    }

    private static func string(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The 2016 list names some towns by their office (`青禾街道办事处`).
    static func townName(_ officeName: UnsafeRawBufferPointer, into name: inout ByteBuffer) {
        name.removeAll()
        name.append(officeName.hasSuffix(officeSuffix) ? UnsafeRawBufferPointer(rebasing: officeName.dropLast(officeSuffix.utf8CodeUnitCount)) : officeName)
    }

    /// `新村`, `中村`: a one-character stem before 村 or 社区 is a word, not a name.
    static func hasTwoCharacterStem(_ name: UnsafeRawBufferPointer) -> Bool {
        let suffix = name.hasSuffix(communitySuffix) ? 2 : (name.hasSuffix(villageSuffix) ? 1 : 0)
        let scalars = name.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }  // bytes that start a scalar
        return scalars - suffix >= 2
    }

    /// The 2016 list names the committee (`新和村委会`, `定桥村村委会`, `XX社区居委会`); news text
    /// and the current list name the village (`新和村`, `定桥村`, `XX社区`).
    static func villageName(_ committeeName: UnsafeRawBufferPointer, into name: inout ByteBuffer) {
        var end = committeeName.count
        while UnsafeRawBufferPointer(rebasing: committeeName[..<end]).hasSuffix(committeeTwice) { end -= committeeSuffix.utf8CodeUnitCount }
        let trimmed = UnsafeRawBufferPointer(rebasing: committeeName[..<end])
        name.removeAll()
        // Most rows are `…村委会`: test the village suffixes first.
        for suffix in villageCommitteeSuffixes where trimmed.hasSuffix(suffix) {
            let stem = UnsafeRawBufferPointer(rebasing: trimmed.dropLast(suffix.utf8CodeUnitCount))
            name.append(stem)
            if !stem.hasSuffix(villageSuffix) { name.append(villageSuffix) }
            return
        }
        for suffix in communityCommitteeSuffixes where trimmed.hasSuffix(suffix) {
            name.append(UnsafeRawBufferPointer(rebasing: trimmed.dropLast(suffix.utf8CodeUnitCount)))
            name.append(communitySuffix)
            return
        }
        name.append(trimmed)
    }

    static func villageName(_ committeeName: String) -> String {
        var committeeName = committeeName
        var name = ByteBuffer()
        committeeName.withUTF8 { villageName(UnsafeRawBufferPointer($0), into: &name) }
        return name.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    // Static strings: no array to retain and release at every test of ~60k names.
    static let villageCommitteeSuffixes: [StaticString] = ["村委会", "村民委员会"]
    static let communityCommitteeSuffixes: [StaticString] = ["社区居民委员会", "社区居委会", "居民委员会", "居委会"]
    static let villageSuffix: StaticString = "村", communitySuffix: StaticString = "社区", officeSuffix: StaticString = "办事处"
    static let committeeSuffix: StaticString = "委会", committeeTwice: StaticString = "委会委会"
    static let townLevel: StaticString = "town", villageLevel: StaticString = "village"
}

extension UnsafeRawBufferPointer {
    func equals(_ other: [UInt8]) -> Bool {
        count == other.count
            && other.withUnsafeBytes { other in
                other.isEmpty || memcmp(baseAddress!, other.baseAddress!, other.count) == 0
            }
    }

    func equals(_ other: StaticString) -> Bool {
        other.withUTF8Buffer { other in
            count == other.count && (other.isEmpty || memcmp(baseAddress!, other.baseAddress!, other.count) == 0)
        }
    }

    /// Compared byte by byte: the suffixes are a few bytes long, shorter than a `memcmp` call.
    func hasSuffix(_ suffix: StaticString) -> Bool {
        suffix.withUTF8Buffer { tail in
            let start = count - tail.count
            guard start >= 0 else { return false }
            for i in tail.indices where self[start + i] != tail[i] { return false }
            return true
        }
    }
}

extension ByteBuffer {
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append(UnsafeRawBufferPointer($0)) }
    }
}

extension Simplifier {
    /// The Traditional → Simplified character table shipped with Tupu (OpenCC's), loaded once.
    public static func bundled() throws -> Simplifier {
        try BundledSimplifier.shared.get()
    }

    /// Reads a table of `traditional<TAB>simplified` rows, one character each, after a header.
    public static func load(path: String) throws(GazetteerProblem) -> Simplifier {
        let table = try TSVFile.load(path, keep: 2)
        var pairs: [(traditional: Unicode.Scalar, simplified: Unicode.Scalar)] = []
        pairs.reserveCapacity(table.rowCount)
        for row in (0..<table.rowCount).dropFirst() {
            let fields = table.fieldCount(row) >= 2 ? (table.string(row, 0).unicodeScalars, table.string(row, 1).unicodeScalars) : nil
            guard let (traditional, simplified) = fields, traditional.count == 1, simplified.count == 1 else {
                throw GazetteerProblem(path: table.path, line: table.line(row), message: "expected one traditional and one simplified character")
            }
            pairs.append((traditional.first!, simplified.first!))
        }
        return Simplifier(pairs: pairs)
    }
}

enum BundledSimplifier {
    static let file = "opencc-ts-characters.tsv"
    static let shared: Result<Simplifier, GazetteerProblem> = {
        Result { () throws(GazetteerProblem) -> Simplifier in try Simplifier.load(path: GazetteerResources.path(file)) }
    }()
}
