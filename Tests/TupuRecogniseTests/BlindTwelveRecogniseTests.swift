import Testing
import TupuText

@testable import TupuRecognise

// Failure families found by the blind twelfth development set (Benchmarks/extraction/dev12):
// profiles, meeting reports listing titled leaders, pairing news. Places are real divisions of
// the gazetteer; every organisation and person is invented.

@Test func aProfileOpensWithTheNameAndTheBirthYear() {
    let text = "\n郑雨桐，1979年生，中共党员，现任天台县平桥镇党委副书记（挂职）。2001年参加工作。"
    let person = mentions(text, .person).first { $0.text == "郑雨桐" }
    #expect(person != nil)
    // The post after 现任 is the person's title, without the note in brackets.
    #expect(person?.title == "副书记")
    // A month of birth, and no post named: the person alone.
    #expect(mentions("\n韩思远，1990年3月出生，浙江仙居人。", .person).map(\.text) == ["韩思远"])
    // A name in the middle of a sentence is no profile's opening.
    #expect(mentions("他的同事李文，1985年生。", .person).isEmpty)
}

@Test func namesListedAfterOneTitleEachHoldIt() {
    let found = mentions("出席会议的有：副镇长周若岚、斯立伟，以及各村书记。", .person)
    #expect(found.map(\.text) == ["周若岚", "斯立伟"])
    #expect(found.allSatisfy { $0.title == "镇长" })
    // A title after the 、 opens its own name, it is no name itself.
    #expect(mentions("会上，副镇长周若岚、常务副主任方晓说。", .person).map(\.text) == ["周若岚", "方晓"])
}

@Test func aTransliteratedNameKeepsItsMiddleDot() {
    #expect(mentions("温宿镇党委书记热合曼·艾力说，工坊今年扩建。", .person).map(\.text) == ["热合曼·艾力"])
    // A dot inside quotes after a title is a programme's, not a name.
    #expect(mentions("书记介绍了“红帆·领航”品牌。", .person).isEmpty)
}

@Test func aVerbOrPronounBeforeAVillageIsNoPartOfItsBody() {
    let found = mentions("2011年他回村参加换届，当选岭口村党支部书记；2019年，他任岭口村党委书记至今。", .org).map(\.text)
    #expect(found.contains("岭口村党支部"))
    #expect(found.contains("岭口村党委"))
    #expect(!found.contains { $0.hasPrefix("当选") || $0.hasPrefix("他任") })
}

@Test func aTownshipOfAnotherProvinceIsReadAfterItsCountysShortFormToo() {
    let text = "他现任新疆维吾尔自治区阿克苏地区温宿县温宿镇党委副书记，常到温宿各村走访。"
    let towns = mentions(text, .place).filter { $0.text == "温宿镇" }
    #expect(towns.count == 1)
    #expect(towns.first?.readings.contains { $0.code == "652922100" } == true)
}

@Test func aTownshipReadBesideItsCountyIsTheSameOneLaterInTheDocument() {
    let text = "在四川省广元市剑阁县普安镇，工坊正忙着分拣。“销路打开了。”普安镇党委书记说。"
    let towns = mentions(text, .place).filter { $0.text == "普安镇" }
    #expect(towns.count == 2)
    #expect(towns.allSatisfy { $0.readings.contains { $0.code == "510823100" } })
}

@Test func aCountOfThePlacesJustNamedOpensNoVillage() {
    let text = "此外，崇仁镇与甘霖镇两地村社还将结对，共同推动农民增收。"
    #expect(!mentions(text, .place).map(\.text).contains { $0.hasPrefix("两地") })
}
