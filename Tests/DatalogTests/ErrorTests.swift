import Testing

@testable import Datalog

/// The error a program raises when loaded and evaluated.
func failure(_ source: String, options: Engine.Options = Engine.Options()) -> DatalogError? {
    do {
        let engine = Engine(options: options)
        let program = try Program.parse(source, file: "bad.dl")
        try engine.load(program)
        try engine.evaluate()
        for q in program.queries { _ = try engine.answer(q) }
        return nil
    } catch let error as DatalogError {
        return error
    } catch {
        return nil
    }
}

@Test func syntaxErrorPointsAfterTheLastToken() throws {
    let source = "p(1) :- q(1)\nq(1)."
    let error = try #require(failure(source))
    #expect(error.message == "expected '.' at the end of the rule")
    #expect((error.line, error.column) == (1, 13))
    #expect(
        error.rendered(source: source) == """
            bad.dl:1:13: error: expected '.' at the end of the rule
            p(1) :- q(1)
                        ^
            hint: statements end with '.'

            """)
}

@Test func headVariableMustBeBoundByAPositiveAtom() throws {
    let error = try #require(failure("q(1).\np(X) :- q(Y)."))
    #expect(error.message == "variable 'X' in the head of 'p' is not bound by a positive body atom")
    #expect((error.line, error.column) == (2, 3))
    let fact = try #require(failure("p(x)."))
    #expect(fact.hint?.contains("bare names are variables") == true)
    let negated = try #require(failure("q(1). r(1).\np(X) :- q(1), !r(X)."))
    #expect(negated.message.contains("'X'"))
    // Repeated inside the negation only, `y` reads "no y with r(y, y)" (not an error).
    #expect(try answers("q(1). r(1, 1).\np(1) :- q(1), !r(y, y).\n?- p(x).") == [[]])
    let repeated = try #require(failure("q(1). r(1, 1).\np(1) :- q(1), !r(y + 1, y)."))
    #expect(repeated.message == "variable 'y' is not bound: it appears only in a negation")
    #expect((repeated.line, repeated.column) == (2, 18))
}

@Test func anonymousVariableInAHeadIsAnError() throws {
    let error = try #require(failure("q(1).\np(_) :- q(_)."))
    #expect(error.message == "'_' cannot appear in a rule head")
    #expect((error.line, error.column) == (2, 3))
}

@Test func aRelationHasOneArityAndTheErrorNamesBothPlaces() throws {
    let source = "边(1, 2).\n路(x) :- 边(x)."
    let error = try #require(failure(source))
    #expect(error.message == "relation '边' is used with 1 argument here but with 2 elsewhere")
    #expect((error.line, error.column) == (2, 9))
    #expect(
        error.rendered(source: source) == """
            bad.dl:2:9: error: relation '边' is used with 1 argument here but with 2 elsewhere
            路(x) :- 边(x).
                     ^~
            hint: a relation has one arity; rename one of them
            bad.dl:1:1: note: '边' is first used here with 2 arguments
            边(1, 2).
            ^~

            """)
    // Against a declaration, the note points at the `.decl`.
    let declared = try #require(failure(".decl 边(a: number, b: number)\n路(x) :- 边(x, x, x)."))
    #expect(declared.diagnostics.count == 1)
    let note = try #require(declared.diagnostics[0].notes.first)
    #expect(note.message == "'边' is declared here with 2 columns")
    #expect(note.location?.line == 1)
}

@Test func recursionThroughNegationNamesTheCycle() throws {
    let error = try #require(
        failure(
            """
            a(1). b(1).
            p(x) :- a(x), !q(x).
            q(x) :- b(x), p(x).
            """))
    #expect(error.message == "recursion through negation: p → q → p")
    #expect((error.line, error.column) == (2, 15))
    let aggregate = try #require(failure("c(n) :- n = count : { c(_) }."))
    #expect(aggregate.message == "recursion through aggregation: c → c")
}

@Test func unknownRelationInAQuerySuggestsTheClosestName() throws {
    let error = try #require(failure("edge(1, 2).\n?- edges(X, Y)."))
    #expect(error.message == "unknown relation 'edges'")
    #expect(error.hint == "did you mean 'edge'?")
    #expect((error.line, error.column) == (2, 4))
}

@Test func runawayProgramsStopAtTheConfiguredBounds() throws {
    let source = "p(0).\np(x + 1) :- p(x)."
    let byIterations = try #require(failure(source, options: Engine.Options(maxIterations: 500)))
    #expect(byIterations.message.hasPrefix("evaluation stopped after 500 iterations (maxIterations)"))
    #expect(byIterations.line == 2)
    // A failed evaluation leaves no partial results behind: facts added later stay the only base facts.
    let engine = Engine(options: Engine.Options(maxIterations: 50))
    try engine.load(Program.parse(source))
    #expect(throws: DatalogError.self) { try engine.evaluate() }
    try engine.insert(relation: "p", tuples: [[.number(-1)]])
    #expect(engine.relations["p"]?.baseCount == 2)
    let byTuples = try #require(
        failure(
            "n(0). n(1).\np(0).\np(x + y) :- p(x), n(y).\np(x * 2 + 1) :- p(x).",
            options: Engine.Options(maxTuples: 1000)))
    #expect(byTuples.message.hasPrefix("evaluation stopped after deriving more than 1000 tuples (maxTuples)"))
    // One rule run that would derive a huge cross product stops at the bound too, not at the end.
    let crossProduct = try #require(
        failure(
            "n(0).\nn(x + 1) :- n(x), x < 2000.\npair(x, y) :- n(x), n(y).",
            options: Engine.Options(maxTuples: 10_000)))
    #expect(crossProduct.message.hasPrefix("evaluation stopped after deriving more than 10000 tuples"))
    #expect(crossProduct.line == 3)
}

/// `tupu run` has no limits, as Soufflé: the engine's room for pending tuples must not overflow.
@Test func withoutLimitsAClosureRunsToItsEnd() throws {
    let engine = Engine(options: Engine.Options(maxTuples: .max, maxIterations: .max))
    try engine.load(Program.parse("路(1, 2). 路(2, 3). 路(3, 4).\n通(a, b) :- 路(a, b).\n通(a, c) :- 通(a, b), 路(b, c)."))
    try engine.evaluate()
    #expect(engine.relations["通"]?.count == 6)
    #expect(Engine.pendingCells(tuples: .max, arity: 3) == .max)
    #expect(Engine.pendingCells(tuples: 10, arity: 2) == 22)
}

@Test func caretIsPaddedByDisplayWidthOnChineseLines() throws {
    let source = "城市(\"杭州\").\n好(x) :- 城市(x), 坏城(y)."
    let error = try #require(failure(source))
    #expect(error.message == "unknown relation '坏城'")
    // Columns count scalars: `好(x) :- 城市(x), ` is 15 scalars but 18 display columns.
    #expect((error.line, error.column) == (2, 16))
    #expect(
        error.rendered(source: source) == """
            bad.dl:2:16: error: unknown relation '坏城'
            好(x) :- 城市(x), 坏城(y).
                              ^~~~
            hint: no fact, rule or .decl defines '坏城'

            """)
}

@Test func unboundVariablesInComparisonsAreReported() throws {
    let error = try #require(failure("q(1).\np(x) :- q(x), x < y."))
    #expect(error.message == "variable 'y' is not bound: it appears only in a comparison or expression")
    #expect((error.line, error.column) == (2, 19))
}

@Test func declaredTypesAreCheckedForFacts() throws {
    let error = try #require(failure(".decl p(x: number)\np(\"a\")."))
    #expect(error.message == "type mismatch: column 'x' of 'p' is a number, got \"a\"")
    #expect((error.line, error.column) == (2, 3))
}

@Test func unterminatedStringAndUnknownDirective() throws {
    let string = try #require(failure("p(\"abc)."))
    #expect(string.message == "unterminated string")
    let directive = try #require(failure(".ouput p"))
    #expect(directive.hint == "did you mean '.output'?")
}

@Test func aFailedLoadLeavesTheEngineUnchanged() throws {
    let engine = Engine()
    try engine.load(Program.parse("e(1, 2)."))
    #expect(throws: DatalogError.self) { try engine.load(Program.parse("f(1). p(x) :- e(x)."), ) }
    #expect(try engine.relationInfos().map(\.name) == ["e"])
}

@Test func aRunawayInputCanBeTakenBack() throws {
    let engine = Engine(options: Engine.Options(maxIterations: 100))
    try engine.load(Program.parse("n(1). n(2)."))
    try engine.load(Program.parse("n(3).\nbig(x + 1) :- big(x).\nbig(0)."))
    #expect(throws: DatalogError.self) { try engine.evaluate() }
    #expect(engine.undoLastLoad())
    #expect(try engine.relationInfos().map(\.name) == ["n"])
    #expect(try engine.tuples(of: "n") == [[.number(1)], [.number(2)]])
    #expect(!engine.undoLastLoad())
}
