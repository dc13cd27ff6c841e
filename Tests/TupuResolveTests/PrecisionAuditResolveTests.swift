import Testing

@testable import TupuResolve

// A false-positive family found by the per-rule precision audit (rules.py --set): a branch named
// again by its town alone made an entity of its own, and the edges the text states of it missed
// the branch. The places are real divisions of the gazetteer; the bodies are invented.

@Test func aBranchNamedAgainByItsTownAloneIsTheBranch() {
    let doc = resolve("桐乡市公安局洲泉派出所与洲泉镇商会签订共建协议。洲泉派出所民警每周走访会员企业。")
    #expect(entity(doc, named: "桐乡市公安局洲泉派出所")?.aliases.contains("洲泉派出所") == true)
    #expect(entity(doc, named: "洲泉派出所") == nil)
    #expect(entity(doc, named: "洲泉镇商会") != nil)
}

@Test func aShortFormOfTwoBranchesStaysItsOwn() {
    // Two banks have a 洲泉支行 here: the short form says which of them it is no more than the text does.
    let doc = resolve("洲泉镇的桐乡市农商银行洲泉支行和桐乡市邮储银行洲泉支行都设了服务点。洲泉支行还推出了助农贷款。")
    #expect(entity(doc, named: "洲泉支行") != nil)
    #expect(entity(doc, named: "桐乡市农商银行洲泉支行")?.aliases.contains("洲泉支行") == false)
}
