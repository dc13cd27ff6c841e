import Testing
import TupuText

@testable import TupuRecognise

// Recognition that full county news reports needed for their relations, from the errors of the blind
// fifth development set (Benchmarks/extraction/dev5). Places are real divisions of the gazetteer;
// every organisation is invented.

@Test func aCompanyBeforeTheListsTotalKeepsItsFullName() {
    // A、B和C|三家单位: the count totals the list, it does not make the last member a counted kind.
    let found = mentions("服务队由乾潭镇党委和浙江梓洲旅游集团有限公司三家单位联合发起。", .org).map(\.text)
    #expect(found.contains("浙江梓洲旅游集团有限公司"))
    #expect(!found.contains("浙江梓洲旅游集团"))
    let leaders = mentions("联盟吸纳了浙江梓洲精密机械有限公司3家链主企业。", .org).map(\.text)
    #expect(leaders.contains("浙江梓洲精密机械有限公司"))
    // A count with no group noun after it still names a kind.
    #expect(!mentions("全县小学建起3所。", .org).map(\.text).contains("全县小学"))
}

@Test func aHospitalsBranchBeforeWithIsABodyOfItsOwn() {
    let found = mentions("建德市第一人民医院乾潭分院与梓洲村卫生室签订帮扶协议。", .org).map(\.text)
    #expect(found.contains("建德市第一人民医院乾潭分院"))
    #expect(!found.contains { $0.contains("与") })
}

@Test func aTownsLawEnforcementTeamIsABody() {
    let found = mentions("乾潭镇综合行政执法队与马鞍岭社区党委签订共建协议。", .org).map(\.text)
    #expect(found.contains("乾潭镇综合行政执法队"))
}
