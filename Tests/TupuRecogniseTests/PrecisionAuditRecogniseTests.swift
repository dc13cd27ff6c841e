import Testing
import TupuText

@testable import TupuRecognise

// False positives found by the per-rule precision audit over every scored set (rules.py --set):
// a verb inside what was read as a name, and kind words before an area's or a facility's type
// word. Places are real divisions of the gazetteer; every organisation, programme and person is invented.

@Test func aVerbBeforeATypeWordEndsTheSubjectBeforeIt() {
    let found = mentions("心内科、肾内科的党员组成内科第二党支部，浦江县青柚果蔬专业合作社也建了党支部。", .org).map(\.text)
    #expect(found.contains("内科第二党支部"))
    #expect(!found.contains { $0.contains("组成") })
    #expect(found.contains("浦江县青柚果蔬专业合作社"))
}

@Test func aPersonsSecondPostIsNoOrganisation() {
    let found = mentions("联合党支部由镇党委委员陈立群兼任党支部书记，武义县青柚果蔬专业合作社负责日常事务。", .org).map(\.text)
    #expect(!found.contains { $0.contains("兼任") })
    #expect(found.contains("武义县青柚果蔬专业合作社"))
}

@Test func aHelpedBodyIsNamedWithoutTheVerb() {
    let found = mentions("浦江县第三医院还将帮助松桃医院培养医护骨干。", .org).map(\.text)
    #expect(found.contains("松桃医院"))
    #expect(!found.contains { $0.contains("帮助") })
    #expect(found.contains("浦江县第三医院"))
}

@Test func kindsOfCompoundAreNoArea() {
    let areas = mentions("江南街道今年改造12个老旧小区和3个新建安置小区，金桂小区率先完工，获评3A级景区的灵岩景区也在辖区。", .place)
        .filter { $0.level == .area }.map(\.text)
    #expect(areas.contains("金桂小区"))
    #expect(areas.contains("灵岩景区"))
    #expect(!areas.contains { $0.contains("老旧") || $0.contains("安置") || $0.contains("A级") })
}

@Test func aCanteenOfAKindIsNoNamedFacility() {
    let found = mentions("婺城区江南街道中村老年食堂每天供应午餐，村里的金穗书屋也开放了。", .programme).map(\.text)
    #expect(!found.contains { $0.hasSuffix("老年食堂") })
    #expect(found.contains("金穗书屋"))
}

@Test func aQuotedNameOfAKindWordIsStillAFacility() {
    // The quotation marks make 银龄 the canteen's own name, not its kind.
    #expect(mentions("中村建成“银龄”食堂。", .programme).map(\.text) == ["银龄"])
}

@Test func aCompoundsKindBeforeItsNameVouchesForIt() {
    // 苑 alone is an everyday ending: the kind 安置小区 written before it makes 金桂苑 a compound.
    let areas = mentions("江南街道的新建安置小区金桂苑已经交付，居民陆续入住。", .place).filter { $0.level == .area }.map(\.text)
    #expect(areas == ["金桂苑"])
}

@Test func aVerbRightAfterAPlaceStaysInTheName() {
    // 兴建 is a verb, but right after the county it is the company's own word.
    let found = mentions("浦江县兴建建材有限公司捐赠了一批物资。", .org).map(\.text)
    #expect(found == ["浦江县兴建建材有限公司"])
}
