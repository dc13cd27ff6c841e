import Foundation
import Testing

@testable import Datalog

// Float functions, wrapping arithmetic, `.limitsize` and warnings: what Soufflé's own test
// programs need beyond the core language.

@Test func floatFunctionsComputeOnFloatsAndNumbers() throws {
    let result = try answers(
        """
        .decl 角(名: symbol, 弧度: float)
        角("直角", 1.5707963267948966). 角("零角", 0).
        正弦(名, to_number(sin(x) * 1000)) :- 角(名, x).
        ?- 正弦(名, v).
        ?- x = log(exp(2)), y = cos(0) + tan(0) + atan(0) + asinh(0) + tanh(0) + sinh(0), z = acosh(1) + atanh(0) + asin(0) + acos(1) + cosh(0).
        """)
    #expect(result == [["直角,1000", "零角,0"], ["2,1,1"]])
}

@Test func aFloatFunctionOutsideItsDomainGivesNoValue() throws {
    // As with x / 0, the tuple is not derived: asin(2), log(0) and atanh(1) have no real value.
    let result = try answers(
        """
        .decl 值(x: float)
        值(1). 值(2). 值(0).
        反正弦(x, asin(x)) :- 值(x).
        对数(x, log(x)) :- 值(x).
        ?- 反正弦(x, _).
        ?- 对数(x, _).
        ?- x = atanh(1).
        """)
    #expect(result == [["0", "1"], ["1", "2"], []])
}

@Test func aFloatStoredInANumberColumnIsATypeError() throws {
    let error = failure(
        """
        .decl 站点(名: symbol, 距离: number)
        站点("湖州驿站", sin(1)).
        站点(名, to_number(cos(1))) :- 名 = "杭州驿站".
        站点(名, strlen(名) + 0.5) :- 名 = "嘉兴驿站".
        """)
    #expect(error?.diagnostics.count == 2)
    #expect(error?.diagnostics.map(\.location?.line) == [2, 4])
    #expect(error?.message == "type mismatch: column '距离' of '站点' is a number, got a float value")
    #expect(error?.hint?.contains("to_number") == true)
    #expect(failure(".decl 名称(n: symbol)\n名称(x) :- x = 1, 名称(to_float(x)).")?.message.contains("is a symbol, got a float") == true)
}

@Test func anUnknownFunctionListsTheKnownOnes() throws {
    let error = failure("r(x) :- x = sqrt(4).")
    #expect(error?.message == "unknown function 'sqrt'")
    #expect(error?.hint?.contains("sin, cos, tan") == true)
    #expect(error?.hint?.contains("bnot") == false)
}

private func wrapping() -> Engine.Options {
    var options = Engine.Options()
    options.integerOverflow = .wraps
    return options
}

@Test func wrappingArithmeticKeepsTheLow62BitsAndCountsWhereItWrapped() throws {
    let max = maximumNumber
    let min = minimumNumber
    for (expression, expected) in [
        ("\(max) + 1", min), ("\(min) - 1", max), ("\(max) * 2", -2), ("\(min) / -1", min), ("2 ^ 62", 0),
        ("3 ^ 39", 4_052_555_153_018_976_267 - (1 << 62)), ("1 bshl 61", min), ("abs(\(min))", min), ("-(\(min) + 0)", min)
    ] {
        let engine = Engine(options: wrapping())
        let program = try Program.parse("数(1).\n值(y) :- 数(x), y = x * 0 + (\(expression)).\n?- 值(Y).", file: "溢出.dl")
        try engine.load(program)
        #expect(try engine.answer(program.queries[0]).rows == [[.number(expected)]], "\(expression)")
        let warning = try #require(engine.overflowWarning, "\(expression)")
        #expect(warning.severity == .warning && warning.location?.line == 2)
        #expect(warning.message.hasSuffix("does not fit in 62 bits and wrapped around (once in all)"), "\(warning.message)")
    }
    // A sum wraps as its additions do, whatever their order: MAX + 1 + (MAX - 1) is -2.
    let engine = Engine(options: wrapping())
    let program = try Program.parse(
        "数(\(max)). 数(1). 数(\(max - 1)).\n总(s) :- s = sum x : { 数(x) }.\n?- 总(S).", file: "溢出.dl")
    try engine.load(program)
    #expect(try engine.answer(program.queries[0]).rows == [[.number(-2)]])
    #expect(engine.overflowWarning?.location?.line == 2)
    #expect(engine.overflowWarning?.message.contains("(once in all)") == true)
}

@Test func conversionsOutOfRangeStayErrorsWhenArithmeticWraps() throws {
    // A float or a text has no two's complement to keep the low bits of.
    #expect(failure("值(y) :- y = to_number(1.0e30).", options: wrapping())?.message == "integer overflow: to_number(1e+30) does not fit in 62 bits")
    #expect(failure("值(y) :- y = to_number(\"4611686018427387904\").", options: wrapping())?.message.hasPrefix("integer overflow") == true)
    // The default still stops at the operator.
    #expect(failure("值(y) :- y = \(maximumNumber) + 1.")?.message == "integer overflow: \(maximumNumber) + 1 does not fit in 62 bits")
}

@Test func logicalShiftRightShiftsTheNumbersOwn62Bits() throws {
    #expect(try answers("?- x = -1 bshru 1, y = -8 bshru 0, z = 8 bshru 2.") == [["\(maximumNumber),-8,2"]])
}

@Test func aRelationNothingDefinesAndVariablesWrittenOnceAreWarnings() throws {
    let engine = Engine()
    let program = try Program.parse(
        """
        .decl 城市(名: symbol)
        .decl 省会(名: symbol)
        .decl 读入(名: symbol)
        .input 读入
        城市("湖州").
        有城市() :- 城市(x).
        有城市() :- 城市(_名).
        大城市(x), 中城市(y) :- 城市(x), y = x.
        双城(x) :- 城市(x), (城市(y) ; 省会(y)).
        单城(x) :- 城市(x), (城市(z) ; 省会(x)).
        """, file: "警告.dl")
    let warnings = engine.warnings(for: program)
    #expect(warnings.map(\.severity) == [.warning, .warning, .warning])
    #expect(
        warnings.map(\.message) == [
            "no rule, fact or .input defines relation '省会': it is empty",
            "variable 'x' occurs only once in this rule",
            "variable 'z' occurs only once in this rule"
        ])
    #expect(warnings.map { $0.location!.description } == ["警告.dl:2:7", "警告.dl:6:13", "警告.dl:10:21"])
    // Warnings are no errors: a program with them loads and runs.
    let warned = try Program.parse(".decl 省会(名: symbol)\n城市(\"湖州\").\n有城市() :- 城市(x).")
    #expect(engine.warnings(for: warned).count == 2)
    try engine.load(warned)
    #expect(try engine.tuples(of: "有城市") == [[]])
    // Against an engine that already has facts for it, a relation is defined.
    #expect(engine.warnings(for: try Program.parse(".decl 城市(名: symbol)")).isEmpty)
}

@Test func aComponentsRuleIsWarnedAboutOnceForAllItsInstances() throws {
    let program = try Program.parse(
        """
        .comp 图 {
            .decl 边(a: number, b: number)
            边(1, 2).
            点(x) :- 边(x, y).
        }
        .init 甲 = 图
        .init 乙 = 图
        """, file: "组件.dl")
    let warnings = Engine().warnings(for: program)
    #expect(warnings.map { "\($0.location!):\($0.message)" } == ["组件.dl:4:18:variable 'y' occurs only once in this rule"])
}

@Test func limitSizeStopsARelationAtItsLimit() throws {
    let result = try answers(
        """
        .decl 自然数(n: number)
        .limitsize 自然数(n=5)
        自然数(0).
        自然数(n + 1) :- 自然数(n).
        .decl 数对(a: number, b: number)
        .limitsize 数对(n=3)
        数对(a, b) :- 自然数(a), 自然数(b).
        全部(a, b) :- 自然数(a), 自然数(b).
        ?- 自然数(n).
        ?- n = count : { 数对(_, _) }, m = count : { 全部(_, _) }.
        """)
    #expect(result == [["0", "1", "2", "3", "4"], ["3,25"]])
    #expect(failure(".decl 边(a: number)\n.limitsize 边(size=3)")?.message == ".limitsize takes the number of tuples as n=N")
    #expect(failure(".limitsize 无(n=3)")?.message == "unknown relation '无'")
}

@Test func aFailedLoadTakesBackItsLimitSize() throws {
    let engine = Engine()
    try engine.load(try Program.parse(".decl 数(n: number)\n数(0).\n数(n + 1) :- 数(n), n < 9."))
    #expect(throws: DatalogError.self) { try engine.load(try Program.parse(".limitsize 数(n=2)\n坏(x) :- 无(x).")) }
    #expect(try engine.tuples(of: "数").count == 10)
}

@Test func runnerReportsWarningsAndWrappedArithmetic() throws {
    var warnings: [Diagnostic] = []
    var runner = Runner(options: RunOptions(), output: { _ in })
    runner.warn = { warnings += $0 }
    try runner.run(
        source: """
            #define 最大 \(maximumNumber)
            .decl 空(x: number)
            值(y) :- y = 最大 + 1.
            值(y) :- 值(x), y = x / 2, 空(z).
            .output 值
            """, file: "运行.dl")
    #expect(
        warnings.map(\.message) == [
            "no rule, fact or .input defines relation '空': it is empty", "variable 'z' occurs only once in this rule",
            "integer overflow: \(maximumNumber) + 1 does not fit in 62 bits and wrapped around (once in all)"
        ])
    // Positions are those of the file as written, before `#define` was expanded.
    #expect(warnings.map { $0.location!.line } == [2, 4, 3])
}

@Test func theCheckerRejectsAggregatesThePlannerCannotPlace() throws {
    // Both used to reach the planner; the checker now names them with the rest of the program's errors.
    let error = try #require(
        failure(
            """
            数(1). 禁(1).
            许(x) :- 数(x), !禁(count : { 数(_) }).
            总(s) :- s = sum (count : { 数(_) }) : { 数(_) }.
            """))
    #expect(
        error.diagnostics.map(\.message) == [
            "an aggregate cannot appear in a negated atom", "not supported: an aggregate inside the value another aggregate takes"
        ])
    #expect(error.diagnostics.map { $0.location?.line } == [2, 3])
    // Bound first, the count can be negated.
    #expect(try answers("数(1). 禁(1).\n许(x) :- 数(x), n = count : { 数(_) }, !禁(n).\n?- 许(x).") == [[]])
}

@Test func anUnderscoreOnlyStandsWhereAValueIsTakenApart() throws {
    // `[x, _] = y` and `r([x, _])` take a value apart; everywhere else `_` would have to be computed.
    for (body, column) in [
        ("!对([_, x])", 19), ("s = sum _ : { 数(_) }", 23), ("[_, x] = [x, _]", 28), ("x < [_, 1]", 20), ("strlen([_]) = 1", 23)
    ] {
        let error = try #require(failure("数(1). 对([1, 2]).\n有(x) :- 数(x), \(body)."), "\(body)")
        #expect(error.message == "'_' cannot be used in an expression", "\(body)")
        #expect(error.location?.column == column, "\(body)")
    }
    #expect(try answers("对([1, 2]).\n?- 对(y), [x, _] = y.\n?- 对([_, x]).") == [["[1, 2],1"], ["2"]])
}
