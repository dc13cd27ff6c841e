import Foundation
import Testing

@testable import TupuGazetteer

@Suite struct TSVFileTests {
    @Test func fieldsAreByteRangesAndCommentsBlankLinesAndLineEndingsAreSkipped() {
        let text = "\u{FEFF}code\tname\n# 注释\n\n339901\t青禾区\r\n339902\t远山县\t\n"
        let table = TSVFile(path: "t.tsv", data: Data(text.utf8))
        #expect(table.rowCount == 3)
        #expect(table.rows.map(\.line) == [1, 4, 5])
        #expect(table.rows.map(\.fields) == [["code", "name"], ["339901", "青禾区"], ["339902", "远山县", ""]])
        #expect(table.range(1, 1).count == "青禾区".utf8.count)
        #expect(table.string(2, 1) == "远山县")
    }

    @Test func keepStopsReadingFieldsOfALine() {
        let table = TSVFile(path: "t.tsv", data: Data("a\tb\tc\td\n".utf8), keep: 2)
        #expect(table.rows.map(\.fields) == [["a", "b"]])
    }
}

@Suite struct ByteKeyTableTests {
    @Test func keysAreNumberedInTheOrderFirstAdded() {
        var table = ByteKeyTable()
        #expect(table.add("青禾村") == (0, true))
        #expect(table.add("339901") == (1, true))
        #expect(table.add("青禾村") == (0, false))
        #expect(table.find("339901") == 1)
        #expect(table.find("青禾") == nil)
        // A prefix, the empty key and a key one byte longer are other keys.
        #expect(table.add("青禾") == (2, true))
        #expect(table.add("") == (3, true))
        #expect(table.add("3399011") == (4, true))
        #expect(table.count == 5)
    }

    @Test func manyKeysSurviveTheTableGrowing() {
        var table = ByteKeyTable()
        let keys = (0..<5_000).map { "33\($0 * 7919)村" }
        for (number, key) in keys.enumerated() { #expect(table.add(key) == (number, true)) }
        #expect(keys.indices.allSatisfy { table.find(keys[$0]) == $0 })
        #expect(table.find("33村") == nil)
    }
}

@Suite struct GazetteerIndexTests {
    @Test func eachNameKnowsItsPlaceAndTheNamesSpeltAlikeShareASurface() {
        let places = [
            Place(code: "339901", name: "青禾区", parentCode: nil, level: .county),
            Place(code: "339901001", name: "城南街道", parentCode: "339901", level: .township),
            Place(code: "339902001", name: "城南街道", parentCode: "339901", level: .township)
        ]
        let historic = [
            PlaceName(name: "旧桥镇", code: "339901001", form: .historic),
            PlaceName(name: "古塘镇", code: "339909009", form: .historic)
        ]
        let gazetteer = PlaceGazetteer(places: places, historic: historic)
        let names = gazetteer.allNames
        for name in names {
            #expect(name.place == gazetteer.placeIndex(code: name.code), "\(name.name)")
        }
        #expect(gazetteer.placeIndex(code: "339902001") == PlaceIndex(2))
        #expect(gazetteer.placeIndex(code: "339909009") == nil)
        let southTowns = names.indices.filter { names[$0].name == "城南街道" }
        #expect(southTowns.count == 2)
        #expect(Set(southTowns.map { gazetteer.surfaceOfName[$0] }).count == 1)
        #expect(Set(gazetteer.surfaceOfName).count == gazetteer.surfaceCount)
        #expect(gazetteer.surfaceCount == Set(names.map(\.name)).count)
    }
}

@Suite struct MatcherPackingTests {
    @Test func theBundledNamesPackIntoFewCellsPerScalar() throws {
        let gazetteer = try PlaceGazetteer.bundled()
        let names = Array(Set(gazetteer.allNames.map(\.name))).sorted()
        let matcher = ScalarMatcher(patterns: names)
        let scalars = names.reduce(0) { $0 + $1.unicodeScalars.count }
        // Every state is at most one cell per pattern scalar; packing that gave up on crowded
        // stretches and appended left about seven cells per state.
        #expect(matcher.cellCount < 2 * scalars)
        #expect(matcher.matches(in: "去\(names[0])看看").contains { $0.pattern == 0 })
    }
}

@Test func aBrandListKindReadsAsAProgrammeKindFirstThenAnOrganisationKind() {
    #expect(NameKind(brandKind: "facility") == .programme(.facility))
    // Both enums name a team: a brand list means the programme.
    #expect(NameKind(brandKind: "team") == .programme(.team))
    #expect(NameKind(brandKind: "hospital") == .org(.hospital))
    #expect(NameKind(brandKind: "云服务") == .unlisted("云服务"))
    #expect(NameKind(brandKind: "云服务").name == "云服务")
    #expect(NameKind.org(.party).name == "party")
}
