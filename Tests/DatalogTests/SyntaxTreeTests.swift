import Datalog
import Testing

// The public, read-only syntax tree: what clients see of a parsed program, and how they change
// it without touching its text (TupuQuery turns entity names into ids this way).

/// The symbol constants that stand as whole arguments of the program's atoms.
private func atomSymbols(_ program: Program) -> [String] {
    program.atoms.flatMap { atom in
        atom.arguments.compactMap { if case .constant(.symbol(let s), _) = $0 { return s } else { return nil } }
    }
}

@Test func everyNodeCarriesItsSpanInScalars() throws {
    let program = try Program.parse("位于(\"绿水街道\", \"青山县\").\n?- 位于(X, \"青山县\"), X != \"白云社区\".", file: "地图.dl")
    #expect(program.statements.count == 2)
    guard case .rule(let fact) = program.statements[0], case .query(let query) = program.statements[1] else {
        Issue.record("expected a fact and a query")
        return
    }
    #expect(fact.head.relation == "位于")
    #expect(fact.head.location == SourceLocation(file: "地图.dl", line: 1, column: 1, length: 2, offset: 0))
    #expect(fact.head.arguments[1].location == SourceLocation(file: "地图.dl", line: 1, column: 12, length: 5, offset: 11))
    #expect(query.text == "?- 位于(X, \"青山县\"), X != \"白云社区\".")
    #expect(query.variables == ["X"])
    #expect(query.location.line == 2 && query.location.column == 1 && query.location.offset == 19)
    guard case .positive(let atom) = query.body[0], case .comparison(.notEqual, _, .constant(let value, let l), _) = query.body[1] else {
        Issue.record("expected an atom and a comparison")
        return
    }
    #expect(atom.arguments[1].location.column == 10)
    #expect(value == .symbol("白云社区"))
    #expect(l.column == 23 && l.length == 6 && l.offset == 41)
}

@Test func rewritingAtomsReachesHeadsNegationsAndAggregatesAndKeepsSpansAndText() throws {
    let source = """
        属于("白云社区", "绿水街道").
        无名(X) :- 属于(X, "绿水街道"), !属于("绿水街道", X).
        ?- N = count : { 属于(_, "绿水街道") }.
        """
    let program = try Program.parse(source)
    let renamed = program.rewritingAtoms { atom in
        let arguments = atom.arguments.map { argument -> Expression in
            guard case .constant(.symbol("绿水街道"), let l) = argument else { return argument }
            return .constant(.symbol("place:l"), l)
        }
        return Atom(relation: atom.relation, arguments: arguments, location: atom.location)
    }
    #expect(atomSymbols(program) == ["白云社区", "绿水街道", "绿水街道", "绿水街道", "绿水街道"])
    #expect(atomSymbols(renamed) == ["白云社区", "place:l", "place:l", "place:l", "place:l"])
    #expect(program.atoms.map(\.location) == renamed.atoms.map(\.location))
    #expect(zip(program.atoms, renamed.atoms).allSatisfy { $0.arguments.map(\.location) == $1.arguments.map(\.location) })
    #expect(renamed.queries.map(\.text) == ["?- N = count : { 属于(_, \"绿水街道\") }."])
}

@Test func theEngineTakesTheRewrittenTreeAndReportsErrorsWhereTheUserTyped() throws {
    // The rewritten constant is longer than the name, yet the unknown relation after it is
    // reported at its column in the text as written.
    let program = try Program.parse("?- 属于(X, \"湖州市\"), 下辖(X).", file: "<q>").rewritingAtoms { atom in
        Atom(
            relation: atom.relation,
            arguments: atom.arguments.map {
                if case .constant(.symbol("湖州市"), let l) = $0 { return .constant(.symbol("place:330500"), l) }
                return $0
            }, location: atom.location)
    }
    let engine = Engine()
    try engine.declare(relation: "属于", columns: [(name: "x", type: .symbol), (name: "p", type: .symbol)])
    try engine.insert(relation: "属于", tuples: [[.symbol("place:q"), .symbol("place:330500")]])
    do {
        _ = try engine.load(program)
        Issue.record("expected an unknown-relation error")
    } catch let error as DatalogError {
        #expect(error.location?.line == 1)
        #expect(error.location?.column == 18)
    }
    let answered = try Program.parse("?- 属于(X, \"湖州市\").").rewritingAtoms { atom in
        Atom(relation: atom.relation, arguments: [atom.arguments[0], .constant(.symbol("place:330500"), atom.arguments[1].location)], location: atom.location)
    }
    let queries = try engine.load(answered)
    #expect(try engine.answer(queries[0]).rows == [[.symbol("place:q")]])
    #expect(queries[0].text == "?- 属于(X, \"湖州市\").")
}
