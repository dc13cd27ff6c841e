import Testing
import TupuGraph

@testable import TupuQuery

private let graph = Graph(
    entities: [
        Entity(id: "place:330500", type: .place, name: "湖州市", aliases: ["湖州"], attrs: ["level": "city"]),
        Entity(id: "place:a", type: .place, name: "城东街道", attrs: ["level": "township"]),
        Entity(id: "place:b", type: .place, name: "城东街道", attrs: ["level": "township"]),
        Entity(id: "org:x", type: .org, name: "某某医院", attrs: ["kind": "hospital"])
    ],
    edges: [])

@Test func aNameWhereAnIdBelongsBecomesTheId() throws {
    let resolver = NameResolver(graph: graph)
    #expect(try resolver.resolve(#"?- within(X, "湖州市")."#) == #"?- within(X, "place:330500")."#)
    #expect(try resolver.resolve(#"?- within(X, "湖州")."#) == #"?- within(X, "place:330500")."#)
}

@Test func textColumnsComparisonsAndUnknownStringsStayAsWritten() throws {
    let resolver = NameResolver(graph: graph)
    for source in [
        #"?- name(X, "湖州市")."#, #"?- entity(X, "place", "湖州市")."#,
        #"?- entity(X, _, N), N = "湖州市"."#, #"?- within(X, "杭州市")."#,
        #"?- within(X, "place:330500"). % "湖州市""#, #"?- org_kind(X, "hospital")."#
    ] {
        #expect(try resolver.resolve(source) == source)
    }
}

@Test func aSharedNameIsAnErrorNamingEveryCandidate() {
    let resolver = NameResolver(graph: graph)
    #expect(throws: NameResolver.AmbiguousName.self) { try resolver.resolve(#"?- within(X, "城东街道")."#) }
    do {
        _ = try resolver.resolve(#"?- within(X, "城东街道")."#)
    } catch {
        #expect(error.candidates == ["place:a", "place:b"])
        #expect(error.offset == 13)
    }
}
