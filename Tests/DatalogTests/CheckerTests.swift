import Foundation
import Testing

@testable import Datalog

// The checker reports every problem of a program at once, in source order, each at its place
// with notes at the other places involved; a program it rejects changes nothing.

@Test func threeIndependentErrorsGiveThreeDiagnosticsInSourceOrder() throws {
    let source = """
        属于(x, y) :- 位于(x, y).
        位于("西湖区", "杭州市").
        市辖(x) :- 属于(x, y, z).
        区(x) :- 位于(x, _), !区县(x).
        上级(x, y) :- 位于(x, z).
        """
    let error = try #require(failure(source))
    #expect(
        error.diagnostics.map(\.message) == [
            "relation '属于' is used with 3 arguments here but with 2 elsewhere",
            "unknown relation '区县'",
            "variable 'y' in the head of '上级' is not bound by a positive body atom"
        ])
    #expect(error.diagnostics.map { $0.location?.line } == [3, 4, 5])
    #expect(
        error.rendered(source: source) == """
            bad.dl:3:10: error: relation '属于' is used with 3 arguments here but with 2 elsewhere
            市辖(x) :- 属于(x, y, z).
                       ^~~~
            hint: a relation has one arity; rename one of them
            bad.dl:1:1: note: '属于' is first used here with 2 arguments
            属于(x, y) :- 位于(x, y).
            ^~~~
            bad.dl:4:20: error: unknown relation '区县'
            区(x) :- 位于(x, _), !区县(x).
                                  ^~~~
            hint: did you mean '区'?
            bad.dl:5:7: error: variable 'y' in the head of '上级' is not bound by a positive body atom
            上级(x, y) :- 位于(x, z).
                    ^
            hint: use 'y' in a body atom such as r(y), or bind it with y = expression
            3 errors

            """)
    #expect(!error.description.contains("(at "))
}

@Test func safetyStratificationAndNamesAreAllReported() throws {
    let error = try #require(
        failure(
            """
            站点("北站"). 线路("北站", "南站").
            可达(x) :- 站点(x), !不可达(x).
            不可达(x) :- 站点(x), !可达(x).
            远(x) :- 线路(x, y), y < z.
            ?- 站台(x).
            """))
    #expect(
        error.diagnostics.map(\.message) == [
            "recursion through negation: 可达 → 不可达 → 可达",
            "recursion through negation: 不可达 → 可达 → 不可达",
            "variable 'z' is not bound: it appears only in a comparison or expression",
            "unknown relation '站台'"
        ])
    #expect(error.diagnostics[3].hint == "did you mean '站点'?")
}

@Test func aRelationDeclaredAgainWithOtherTypesPointsAtTheFirstDeclaration() throws {
    let source = ".decl 人口(城市: symbol, 数: number)\n.decl 人口(城市: symbol, 数: float)\n"
    let error = try #require(failure(source))
    #expect(
        error.message
            == "relation '人口' is declared again with other column types: (symbol, float) instead of (symbol, number)")
    #expect(error.line == 2)
    #expect(error.diagnostics[0].notes.map { $0.location?.line } == [1])
    // The same declaration twice is fine.
    #expect(failure(".decl 人口(城市: symbol, 数: number)\n.decl 人口(城市: symbol, 数: number)\n") == nil)
}

@Test func queriesAreCheckedAgainstTheEngine() throws {
    let engine = Engine()
    try engine.load(Program.parse("城区(\"上城区\", 1). 城区(\"拱墅区\", 2)."))
    let unknown = try #require(throwing { try engine.query("?- 城市(x, n).") })
    #expect(unknown.message == "unknown relation '城市'")
    #expect(unknown.hint == "did you mean '城区'?")
    let arity = try #require(throwing { try engine.query("?- 城区(x).") })
    #expect(arity.diagnostics[0].notes.first?.location?.line == 1)
    let unbound = try #require(throwing { try engine.query("?- 城区(x, _), n > 1.") })
    #expect(unbound.message == "variable 'n' is not bound: it appears only in a comparison or expression")
    #expect(try engine.query("?- 城区(x, 2).").rows == [[.symbol("拱墅区")]])
}

private func throwing(_ body: () throws -> Any) -> DatalogError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? DatalogError
    }
}

/// What an engine holds, as its users see it: relations with their types and sizes, and tuples.
private func contents(_ engine: Engine) throws -> [String] {
    try engine.relationInfos().map { info in
        "\(info.name)/\(info.arity) \(info.types?.map(\.rawValue) ?? []) \(try engine.tuples(of: info.name))"
    }
}

@Test func aFailedLoadDoesNotRetypeARelationItDeclares() throws {
    let engine = Engine()
    try engine.insert(relation: "人口", tuples: [[.symbol("余杭区"), .number(3)]])
    try engine.load(Program.parse(".decl 面积(区: symbol, 数: number)\n面积(\"余杭区\", 9)."))
    let before = try contents(engine)
    // Re-typing the undeclared relation, with an error further on: nothing of it stays.
    let failed = try Program.parse(
        """
        .decl 人口(区: symbol, 数: float)
        人口("临平区", 1).
        .type 编号 <: number
        .decl 编号表(n: 编号)
        编号表(1).
        大(x) :- 人口(x, n), n > 2.5, 不存在(x).
        """)
    #expect(throws: DatalogError.self) { try engine.load(failed) }
    #expect(try contents(engine) == before)
    #expect(try engine.relationInfos().first { $0.name == "人口" }?.types == nil)
    // The relation keeps integer columns: `3` still finds the number 3, not 3.0.
    #expect(try engine.query("?- 人口(x, 3).").rows == [[.symbol("余杭区")]])
    // A declared relation cannot be re-typed either, and its facts do not come in.
    #expect(throws: DatalogError.self) {
        try engine.load(Program.parse(".decl 面积(区: symbol, 数: float)\n面积(\"临平区\", 2.5)."))
    }
    #expect(try contents(engine) == before)
    // Types and relations of the failed text are unknown afterwards.
    #expect(throws: DatalogError.self) { try engine.load(Program.parse(".decl 另表(n: 编号)")) }
    #expect(throws: DatalogError.self) { try engine.query("?- 编号表(n).") }
}

@Test func aLoadThatFailsReadingInputLeavesTheEngineAsBefore() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("checker-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "西湖区\t杭州市\n".write(toFile: folder + "/位于.facts", atomically: true, encoding: .utf8)
    let engine = Engine(options: Engine.Options(factsDirectory: folder))
    try engine.load(
        Program.parse(
            """
            .decl 位于(区: symbol, 市: symbol)
            .input 位于
            属于(x, y) :- 位于(x, y).
            """))
    #expect(try engine.query("?- 属于(x, y).").rows.count == 1)
    let before = try contents(engine)
    // Everything checks; reading the second input fails after the first was read.
    let failing = try Program.parse(
        """
        .decl 邻接(a: symbol, b: symbol)
        .input 位于
        .input 邻接
        邻接("西湖区", "上城区").
        属于(x, y) :- 邻接(x, y).
        """)
    #expect(throws: DatalogError.self) { try engine.load(failing) }
    #expect(try contents(engine) == before)
    #expect(try engine.query("?- 属于(x, y).").rows == [[.symbol("西湖区"), .symbol("杭州市")]])
    #expect(throws: DatalogError.self) { try engine.query("?- 邻接(x, y).") }
    // The engine goes on as if the failed load had not happened.
    try engine.load(Program.parse("位于(\"拱墅区\", \"杭州市\")."))
    #expect(try engine.query("?- 属于(x, \"杭州市\").").rows.count == 2)
}

@Test func eachUngroundedVariableIsNamedOnceAtItsFirstUse() throws {
    let error = try #require(
        failure(
            """
            数(1, 2). 数(2, 3).
            总(n) :- n = sum y : { 数(x, z) }.
            组(x, n) :- n = count : { 数(x, _) }, x < w.
            否(x) :- 数(x, _), !数(y + 1, x).
            """))
    // `n` is not named: the equality would bind it once `x` is bound.
    #expect(
        error.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.message)" } == [
            "2:17 variable 'y' is not bound: the aggregate's body does not bind it",
            "3:28 variable 'x' is not bound: it appears only in an aggregate",
            "3:41 variable 'w' is not bound: it appears only in a comparison or expression",
            "4:21 variable 'y' is not bound: it appears only in a negation"
        ])
}

@Test func constantsInRulesAndQueriesMustFitTheirDeclaredColumns() throws {
    let error = try #require(
        failure(
            """
            .decl 人口(区: symbol, 万人: number)
            人口("滨江区", 50).
            大区(x) :- 人口(x, "很多").
            小区(x) :- 人口(x, n), n < 10, !人口(5, n).
            ?- 人口("滨江区", "50").
            """))
    #expect(
        error.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.message)" } == [
            "3:16 type mismatch: column '万人' of '人口' is a number, got \"很多\"",
            "4:32 type mismatch: column '区' of '人口' is a symbol, got 5",
            "5:14 type mismatch: column '万人' of '人口' is a number, got \"50\""
        ])
}
