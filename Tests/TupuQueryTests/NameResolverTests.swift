import Datalog
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

/// Every symbol constant of the program, in atoms, comparisons and function calls alike.
private func symbols(_ program: Program) -> [String] {
    func inExpression(_ e: Expression) -> [String] {
        switch e {
        case .constant(.symbol(let s), _): return [s]
        case .binary(_, let a, let b, _): return inExpression(a) + inExpression(b)
        case .call(_, let arguments, _): return arguments.flatMap(inExpression)
        case .aggregate(_, _, let body, _): return body.flatMap(inLiteral)
        default: return []
        }
    }
    func inLiteral(_ literal: Literal) -> [String] {
        switch literal {
        case .positive(let atom), .negative(let atom, _): return atom.arguments.flatMap(inExpression)
        case .comparison(_, let a, let b, _): return inExpression(a) + inExpression(b)
        case .predicate(_, _, let arguments, _): return arguments.flatMap(inExpression)
        }
    }
    return program.statements.flatMap { statement -> [String] in
        switch statement {
        case .rule(let rule): return rule.head.arguments.flatMap(inExpression) + rule.body.flatMap(inLiteral)
        case .query(let query): return query.body.flatMap(inLiteral)
        default: return []
        }
    }
}

private func resolvedSymbols(_ source: String) throws -> [String] {
    try symbols(NameResolver(graph: graph).resolve(Program.parse(source)))
}

@Test func aNameWhereAnIdBelongsBecomesTheId() throws {
    #expect(try resolvedSymbols(#"?- within(X, "湖州市")."#) == ["place:330500"])
    #expect(try resolvedSymbols(#"?- within(X, "湖州")."#) == ["place:330500"])
}

@Test func namesInFactsNegationsAndAggregatesBecomeIdsToo() throws {
    let source = #"""
        .decl 重点(p: symbol)
        重点("湖州").
        ?- N = count : { within(X, "湖州市"), !重点("湖州"), X != "湖州市" }.
        """#
    // The comparison's "湖州市" is text: it stays.
    #expect(try resolvedSymbols(source) == ["place:330500", "place:330500", "place:330500", "湖州市"])
}

@Test func textColumnsComparisonsAndUnknownStringsStayAsWritten() throws {
    for source in [
        #"?- name(X, "湖州市")."#, #"?- entity(X, "place", "湖州市")."#,
        #"?- entity(X, _, N), N = "湖州市"."#, #"?- within(X, "杭州市")."#,
        #"?- within(X, "place:330500"). % "湖州市""#, #"?- org_kind(X, "hospital")."#,
        #"?- within(X, P), strlen("湖州市") > 1, contains("湖州", "湖州市")."#
    ] {
        #expect(try resolvedSymbols(source) == symbols(Program.parse(source)), "\(source)")
    }
}

@Test func aResolvedNameKeepsThePositionItWasTypedAt() throws {
    let program = try NameResolver(graph: graph).resolve(Program.parse("?- within(X, P),\n   within(P, \"湖州市\")."))
    guard case .query(let query) = program.statements[0], case .positive(let atom) = query.body[1] else {
        Issue.record("expected a query of two atoms")
        return
    }
    guard case .constant(.symbol("place:330500"), let l) = atom.arguments[1] else {
        Issue.record("expected the id")
        return
    }
    #expect(l.line == 2 && l.column == 14 && l.length == 5)
}

@Test func aSharedNameIsAnErrorNamingEveryCandidate() throws {
    let resolver = NameResolver(graph: graph)
    let program = try Program.parse(#"?- within(X, "城东街道")."#)
    #expect(throws: NameResolver.AmbiguousName.self) { try resolver.resolve(program) }
    do {
        _ = try resolver.resolve(program)
    } catch {
        #expect(error.candidates == ["place:a", "place:b"])
        #expect(error.location.offset == 13)
        #expect(error.location.column == 14 && error.location.length == 6)
    }
}

@Test func unknownAndNamedEntitiesAreFoundOnceEachInSourceOrder() throws {
    let resolver = NameResolver(graph: graph)
    // Two heads: the parser makes two rules of the statement, with one body between them.
    let program = try Program.parse(
        """
        .decl a(x: symbol)
        .decl b(x: symbol)
        a(X), b(X) :- within(X, "某某镇"), within(X, "湖州").
        ?- within(X, "城西街道").
        """)
    #expect(resolver.unknownNames(in: program).map(\.name) == ["某某镇", "城西街道"])
    #expect(resolver.unknownNames(in: program).map(\.location.line) == [3, 4])
    #expect(resolver.entityIds(namedIn: program) == ["place:330500"])
}
