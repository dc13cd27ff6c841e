import Foundation
import Testing
import TupuText

@testable import TupuGazetteer

@Suite struct PlaceGazetteerTests {
    static let sample: [Place] = [
        Place(code: "339900", name: "明湖市", parentCode: "330000", level: .city),
        Place(code: "339901", name: "青禾区", parentCode: "339900", level: .county),
        Place(code: "339902", name: "远山县", parentCode: "339900", level: .county),
        Place(code: "339901001", name: "青禾街道", parentCode: "339901", level: .township),
        Place(code: "339902001", name: "白石镇", parentCode: "339902", level: .township),
        Place(code: "339902002", name: "城南街道", parentCode: "339902", level: .township),
        Place(code: "339901002", name: "城南街道", parentCode: "339901", level: .township),
        Place(code: "339901003", name: "城南镇", parentCode: "339901", level: .township),
        Place(code: "339902400", name: "开发区", parentCode: "339902", level: .township, isSpecialUnit: true),
        Place(code: "339902401", name: "远山经济开发区", parentCode: "339902", level: .township, isSpecialUnit: true),
        Place(code: "339902001V001", name: "松岭村", parentCode: "339902001", level: .village),
        Place(code: "339902001V002", name: "明湖", parentCode: "339902001", level: .area),
        Place(code: "339902001001", name: "上溪村", parentCode: "339902001", level: .village)
    ]

    static func forms(_ gazetteer: PlaceGazetteer, _ name: String) -> [String] {
        gazetteer.places(named: name).map { "\($0.code) \($0.form)" }
    }

    @Test func shortFormsDropTheLevelSuffixWhenTwoCharactersRemain() {
        let gazetteer = PlaceGazetteer(places: Self.sample)
        #expect(Self.forms(gazetteer, "远山") == ["339902 short"])
        #expect(Self.forms(gazetteer, "白石") == ["339902001 short"])
        #expect(Self.forms(gazetteer, "远山县") == ["339902 full"])
        // Villages have no short forms.
        #expect(gazetteer.places(named: "松岭").isEmpty)
    }

    @Test func aShortFormThatIsAnotherPlacesNameOrTooAmbiguousIsNotMade() {
        let gazetteer = PlaceGazetteer(places: Self.sample)
        // 明湖 is the full name of an area, so 明湖市 has no short form.
        #expect(Self.forms(gazetteer, "明湖") == ["339902001V002 full"])
        // 青禾 is the county's short form; the town 青禾街道 does not also take it.
        #expect(Self.forms(gazetteer, "青禾") == ["339901 short"])
        // 城南 would stand for three towns: not a name.
        #expect(gazetteer.places(named: "城南").isEmpty)
        #expect(Self.forms(gazetteer, "城南街道") == ["339902002 full", "339901002 full"])
    }

    @Test func aTownShortFormThatIsACommonWordIsNotMade() {
        let places = Self.sample + [Place(code: "339902003", name: "建设镇", parentCode: "339902", level: .township)]
        let frequencies = [
            WordFrequency(word: "建设", frequency: 26381, partOfSpeech: "vn", inside: 1610),
            WordFrequency(word: "白石", frequency: 12, partOfSpeech: "ns", inside: 3),
            WordFrequency(word: "远山", frequency: 900, partOfSpeech: "n", inside: 40)  // a county: kept
        ]
        let gazetteer = PlaceGazetteer(places: places, wordFrequencies: frequencies)
        #expect(gazetteer.places(named: "建设").isEmpty)
        #expect(Self.forms(gazetteer, "建设镇") == ["339902003 full"])
        #expect(Self.forms(gazetteer, "白石") == ["339902001 short"])
        #expect(Self.forms(gazetteer, "远山") == ["339902 short"])
        // Mostly inside longer words (前所 in 前所未有) also counts as common.
        #expect(WordFrequency(word: "前所", frequency: 59, partOfSpeech: "n", inside: 818).isCommonWord)
        #expect(!WordFrequency(word: "昌国", frequency: 0, partOfSpeech: "-", inside: 7).isCommonWord)
    }

    @Test func bareSpecialUnitsAreNotNamesButNamedOnesAre() {
        let gazetteer = PlaceGazetteer(places: Self.sample)
        #expect(gazetteer.places(named: "开发区").isEmpty)
        #expect(gazetteer.place(code: "339902400")?.isSpecialUnit == true)
        #expect(Self.forms(gazetteer, "远山经济开发区") == ["339902401 full"])
    }

    @Test func historicNamesAreMarkedHistoric() {
        let gazetteer = PlaceGazetteer(
            places: Self.sample,
            historic: [
                PlaceName(name: "上溪村", code: "339902001001", form: .historic),
                PlaceName(name: "松岭乡", code: "339902001", form: .historic)
            ])
        #expect(Self.forms(gazetteer, "上溪村") == ["339902001001 historic"])
        #expect(Self.forms(gazetteer, "松岭乡") == ["339902001 historic"])
    }

    @Test func chainsGoUpToTheProvince() {
        var places = Self.sample
        places.append(Place(code: "330000", name: "浙江省", parentCode: nil, level: .province))
        let gazetteer = PlaceGazetteer(places: places)
        #expect(gazetteer.chain(of: "339902001V001").map(\.name) == ["松岭村", "白石镇", "远山县", "明湖市", "浙江省"])
        #expect(gazetteer.parent(of: "339902001")?.name == "远山县")
        #expect(gazetteer.isWithin("339902001V001", "339900"))
        #expect(!gazetteer.isWithin("339902001V001", "339901"))
        #expect(gazetteer.place(code: "000000") == nil)
    }

    @Test func theBundledGazetteerHasZhejiangDownToVillages() throws {
        let gazetteer = try PlaceGazetteer.bundled()
        let levels = Dictionary(grouping: gazetteer.places.filter { !$0.isOutsideZhejiang }, by: \.level)
        #expect(levels[.province]?.count == 1)
        #expect(levels[.city]?.count == 11)
        #expect(levels[.county]?.count == 90)
        #expect((levels[.village]?.count ?? 0) > 25_000)
        #expect(Self.forms(gazetteer, "舟山") == ["330900 short"])
        #expect(Self.forms(gazetteer, "定海区") == ["330902 full"])
        #expect(gazetteer.chain(of: "330902002").map(\.name) == ["昌国街道", "定海区", "舟山市", "浙江省"])
        #expect(Self.forms(gazetteer, "昌国") == ["330902002 short"])
        // 前进 is no Zhejiang town; another province's 前进区 it names only once written in full.
        #expect(gazetteer.places(named: "前进").allSatisfy { !$0.standsAlone && $0.form == .short })
        #expect(gazetteer.places(named: "花园").isEmpty)
        #expect(gazetteer.places(named: "保税区").isEmpty)
        #expect(gazetteer.places(named: "围垦区").isEmpty)
        // The same object each time.
        #expect(try PlaceGazetteer.bundled() === gazetteer)
    }

    @Test func bundledHistoricVillagesHangUnderACurrentTownOrCounty() throws {
        let gazetteer = try PlaceGazetteer.bundled()
        let historic = gazetteer.allNames.filter { $0.form == .historic }
        #expect(historic.count > 1000)
        for name in historic.prefix(500) {
            let chain = gazetteer.chain(of: name.code)
            #expect(chain.last?.code == "330000", "\(name.name) \(name.code)")
            #expect(!name.name.hasSuffix("委会"))
        }
    }

    @Test func the2016ListMapsMovedAndRenamedTownsAndSkipsOneCharacterStems() {
        let current = [
            Place(code: "339900", name: "明湖市", parentCode: "330000", level: .city),
            Place(code: "339901", name: "青禾区", parentCode: "339900", level: .county),
            Place(code: "339902", name: "远山区", parentCode: "339900", level: .county),
            Place(code: "339902001", name: "白石街道", parentCode: "339902", level: .township),  // moved from 339901
            Place(code: "339902001V001", name: "松岭村", parentCode: "339902001", level: .village),
            Place(code: "339901002", name: "新桥街道", parentCode: "339901", level: .township)  // renamed
        ]
        let rows = [
            "code\tname\tparent_code\tlevel",
            "339901005000\t白石街道办事处\t339901000000\ttown",
            "339901005001\t松岭村委会\t339901005000\tvillage",
            "339901005002\t上溪村村委会\t339901005000\tvillage",
            "339901005003\t新村委会\t339901005000\tvillage",
            "339901002000\t旧桥镇\t339901000000\ttown",
            "339901009000\t古塘镇\t339901000000\ttown",
            "339901009001\t下溪村委会\t339901009000\tvillage"
        ]
        let table = TSVFile(path: "2016.tsv", data: Data(rows.joined(separator: "\n").utf8))
        let (extra, historic) = try! BundledGazetteer.historicNames(table, current: current)
        let gazetteer = PlaceGazetteer(places: current + extra, historic: historic)
        // 白石街道 moved county: its village 松岭村 is the current one, 上溪村 hangs under it now.
        #expect(Self.forms(gazetteer, "松岭村") == ["339902001V001 full"])
        #expect(Self.forms(gazetteer, "上溪村") == ["339901005002 historic"])
        #expect(gazetteer.parent(of: "339901005002")?.code == "339902001")
        // 新村 is a word.
        #expect(gazetteer.places(named: "新村").isEmpty)
        // A renamed town keeps its old name; a town that is gone is a historic row with its villages.
        #expect(Self.forms(gazetteer, "旧桥镇") == ["339901002 historic"])
        #expect(Self.forms(gazetteer, "古塘镇") == ["339901009000 historic"])
        #expect(gazetteer.chain(of: "339901009001").map(\.name) == ["下溪村", "古塘镇", "青禾区", "明湖市"])
    }

    @Test func committeeNamesOfThe2016ListBecomeVillageNames() {
        #expect(BundledGazetteer.villageName("青禾村委会") == "青禾村")
        #expect(BundledGazetteer.villageName("青禾村村委会") == "青禾村")
        #expect(BundledGazetteer.villageName("青禾村民委员会") == "青禾村")
        #expect(BundledGazetteer.villageName("明湖社区居委会") == "明湖社区")
        #expect(BundledGazetteer.villageName("明湖居委会") == "明湖社区")
        #expect(BundledGazetteer.villageName("松岭村委会委会") == "松岭村")
        #expect(BundledGazetteer.villageName("白石林场") == "白石林场")
    }

    @Test func everyBundledNameIsFoundByTheMatcher() throws {
        let gazetteer = try PlaceGazetteer.bundled()
        let names = Array(Set(gazetteer.allNames.map(\.name)))
        let matcher = ScalarMatcher(patterns: names)
        let sample = names.prefix(2000)
        let text = sample.joined(separator: "。")
        let found = Set(matcher.matches(in: text).map { names[$0.pattern] })
        #expect(found.isSuperset(of: sample))
    }
}

@Suite struct BrandGazetteerTests {
    @Test func rowsLoadAndAMalformedRowIsAProblemNamingFileAndLine() {
        let text = """
            # brands
            name\taliases\tkind\tsource
            青禾驿站\t青禾小站|青禾之家\tfacility\tmanual
            明湖帮帮团\t-\tteam\tmanual
            缺一列\t-\tbrand

            \t-\tbrand\tmanual
            远山手工坊\t-\tproject\thttps://example.org
            """
        let loaded = BrandGazetteer.parse(Data(text.utf8), path: "brands.tsv")
        let (entries, problems) = (loaded.entries, loaded.problems)
        #expect(loaded.warnings.isEmpty)
        #expect(entries.map(\.name) == ["青禾驿站", "明湖帮帮团", "远山手工坊"])
        #expect(entries[0].aliases == ["青禾小站", "青禾之家"])
        #expect(entries[0].surfaceForms == ["青禾驿站", "青禾小站", "青禾之家"])
        #expect(entries[1].aliases.isEmpty)
        #expect(entries.map(\.line) == [3, 4, 8])
        #expect(
            problems.map(\.description) == [
                "brands.tsv:5: expected at least 4 tab-separated columns (name, aliases, kind, source), found 3",
                "brands.tsv:7: empty name"
            ])
    }

    @Test func aMissingHeaderARepeatedNameAndAnUnknownKindAreWarningsNamingFileAndLine() {
        let text = """
            青禾驿站\t青禾小站\tfacility\tmanual
            明湖帮帮团\t-\tteam\tmanual
            青禾小站\t-\tbrand\tmanual
            远山手工坊\t-\t作坊\tmanual
            明湖帮帮团\t明湖帮帮队\tteam\tmanual
            """
        let loaded = BrandGazetteer.parse(Data(text.utf8), path: "mine.tsv")
        // The first row of two with the same name wins; an unknown kind still loads.
        #expect(loaded.entries.map(\.name) == ["青禾驿站", "明湖帮帮团", "远山手工坊"])
        #expect(loaded.entries[2].kind == "作坊")
        #expect(loaded.problems.isEmpty)
        #expect(
            loaded.warnings.map(\.description) == [
                "mine.tsv:1: no header line (name<TAB>aliases<TAB>kind<TAB>source); this row is read as an entry",
                "mine.tsv:3: duplicate name \"青禾小站\" (first given on line 1); this row is skipped",
                "mine.tsv:4: unknown kind \"作坊\" (known: \(BrandGazetteer.knownKinds.joined(separator: ", "))); loaded as written",
                "mine.tsv:5: duplicate name \"明湖帮帮团\" (first given on line 2); this row is skipped"
            ])
    }

    @Test func columnsAfterTheFourthAreCommentsAndKindNoneRulesANameOut() {
        let text = """
            name\taliases\tkind\tsource\tdocuments\tmentions\trule\tevidence
            青禾驿站\t青禾小站\tfacility\ta.txt:12\t3\t7\tlearn.quoted-name-ending\t社区建起“青禾驿站”。
            明湖帮帮团\t-\tnone\ta.txt:40\t1\t1\tlearn.quoted+type-word\t…
            """
        let loaded = BrandGazetteer.parse(Data(text.utf8), path: "learned.tsv")
        #expect(loaded.problems.isEmpty && loaded.warnings.isEmpty)
        #expect(loaded.entries.map(\.name) == ["青禾驿站", "明湖帮帮团"])
        #expect(loaded.entries[0].source == "a.txt:12")
        #expect(loaded.entries.map(\.isRejection) == [false, true])
    }

    @Test func theBundledBrandListLoadsCleanly() {
        let bundled = BrandGazetteer.bundled()
        #expect(bundled.problems.isEmpty && bundled.warnings.isEmpty)
        let missing = BrandGazetteer.load(path: "/nonexistent/brands.tsv")
        #expect(missing.problems.map(\.description) == ["/nonexistent/brands.tsv: cannot read the file"])
    }
}

@Test func theBundledGazetteerHasEveryOtherProvinceDownToTownships() throws {
    let gazetteer = try PlaceGazetteer.bundled()
    let outside = Dictionary(grouping: gazetteer.places.filter(\.isOutsideZhejiang), by: \.level).mapValues(\.count)
    #expect(outside[.province] == 32)
    #expect(outside[.city] == 322)
    #expect(outside[.county] == 2_755)
    #expect((outside[.township] ?? 0) > 37_000)
    #expect(gazetteer.chain(of: "513224101").map(\.name) == ["川主寺镇", "松潘县", "阿坝藏族羌族自治州", "四川省"])
    // A province's short form and an autonomous prefecture's 州 form stand alone; a county's does not.
    #expect(gazetteer.places(named: "四川").contains { $0.code == "510000" && $0.standsAlone })
    #expect(gazetteer.places(named: "阿坝州").contains { $0.code == "513200" && $0.standsAlone })
    #expect(gazetteer.places(named: "松潘").allSatisfy { !$0.standsAlone })
    // Townships are not names of their own: they are read beside their county.
    #expect(gazetteer.places(named: "川主寺镇").isEmpty)
    #expect(gazetteer.townships(near: gazetteer.placeIndex(code: "513224")!).contains { $0.name == "川主寺镇" })
}

@Test func theBundledCharacterTableReadsTraditionalAsSimplified() throws {
    let simplifier = try Simplifier.bundled()
    #expect(simplifier.looksTraditional(Array("開化縣華埠鎮推出銀髮課堂項目".unicodeScalars)))
    #expect(!simplifier.looksTraditional(Array("开化县华埠镇推出银发课堂项目".unicodeScalars)))
    #expect(String(String.UnicodeScalarView("開化縣華埠鎮".unicodeScalars.map(simplifier.simplified))) == "开化县华埠镇")
}
