import Testing
import TupuGraph

@testable import TupuRelate

// Issue 9, family 6: what a sentence says of a list holds for each member, composed ones included.

@Test func aProgrammeLaunchedByAListOfBodiesIsRunByEach() {
    let g = graph("天台县及仙居县民政局联合推出“岚山暖巢”项目。")
    let runs = triples(g, .runs)
    #expect(runs.contains(["runs", "天台县民政局", "岚山暖巢"]))
    #expect(runs.contains(["runs", "仙居县民政局", "岚山暖巢"]))
    // Each member sits in its own place.
    #expect(triples(g, .locatedIn).contains(["located_in", "天台县民政局", "天台县"]))
    #expect(triples(g, .locatedIn).contains(["located_in", "仙居县民政局", "仙居县"]))
}

@Test func unitsListedBeforeDengDanweiAreEachAPartner() {
    let g = graph("泰顺县青禾合作社与温州市水务、温州市燃气等单位签订协议，共建服务点。")
    let partners = triples(g, .partner).map { Set($0.dropFirst()) }
    #expect(partners.contains(["泰顺县青禾合作社", "温州市水务"]))
    #expect(partners.contains(["泰顺县青禾合作社", "温州市燃气"]))
}
