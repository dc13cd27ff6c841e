import Testing
import TupuText

@testable import TupuRecognise

// Failure families found by the blind thirteenth development set (Benchmarks/extraction/dev13).
// Places are real divisions of the gazetteer; every organisation and person is invented.

@Test func aBodyEndsAfterATitleAndJianBeforeTheNextBody() {
    let found = names("山下鲍村党支部书记兼村委会主任汪立新说，村里今年新开了5家民宿。", .org)
    #expect(found.contains("山下鲍村党支部"))
    #expect(!found.contains { $0.contains("兼") })
}

@Test func aPersonNameEndsBeforeJianRen() {
    let found = mentions("由大溪口乡党委委员吴振国兼任党支部书记。").filter { $0.kind == .person }.map(\.text)
    #expect(found == ["吴振国"])
}

@Test func aNameDoesNotReachIntoTheLastLineOfTheListBeforeIt() {
    // A list line without a full stop is joined to the next paragraph by the layout reader; the
    // company that ends it is no parent of the branch that opens the next one.
    let text = "理事单位：武义县恒远工贸有限公司\n\n大溪口乡竹艺商会党支部同步成立，当天召开了第一次党员大会。"
    let found = names(text, .org)
    #expect(found.contains("大溪口乡竹艺商会党支部"))
    #expect(!found.contains { $0.hasPrefix("武义县恒远工贸有限公司大溪口乡") })
}
