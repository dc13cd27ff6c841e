import Foundation
import Testing

@testable import Datalog

/// Runs a program file in a fresh folder (with `extraFiles` beside it) through `Runner`, as
/// `tupu run PROGRAM -D out` does, and returns what it printed and the folder.
func runInFolder(_ source: String, extraFiles: [String: String] = [:], options: RunOptions = RunOptions()) throws -> (printed: String, folder: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("datalog-souffle-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
    for (name, text) in extraFiles {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    var options = options
    options.factsDirectory = folder
    options.outputDirectory = options.outputDirectory.map { _ in folder + "/out" }
    var printed = ""
    try Runner(options: options, output: { printed += $0 }).run(source: source, file: folder + "/main.dl")
    return (printed, folder)
}

@Test func oneDeclarationNamesSeveralRelationsWithTheSameColumns() throws {
    let result = try answers(
        """
        .decl 城市, 省会(名: symbol, 人口: number)
        城市("湖州", 3). 省会("杭州", 12).
        ?- 城市(x, n), n < 5.
        ?- 省会(x, n).
        """)
    #expect(result == [["湖州,3"], ["杭州,12"]])
    #expect(failure(".decl a, b(x: number)\nb(\"文字\").")?.message.contains("number") == true)
}

@Test func aQuestionMarkInsideANameIsPartOfIt() throws {
    let result = try answers(
        """
        .decl 已开放?(站: symbol, 开放?: number)
        已开放?("湖州驿站", 1). 已开放?("杭州驿站", 0).
        开了(站) :- 已开放?(站, 开放?), 开放? = 1.
        ?- 开了(x).
        """)
    #expect(result == [["湖州驿站"]])
}

@Test func aNullaryRelationThatHoldsIsWrittenAsEmptyParentheses() throws {
    var options = RunOptions()
    options.outputDirectory = "set below"
    let (_, folder) = try runInFolder(
        """
        .decl 有(), 无()
        .output 有()
        .output 无()
        有() :- 1 < 2.
        无() :- 2 < 1.
        """, options: options)
    #expect(try String(contentsOfFile: folder + "/out/有.csv", encoding: .utf8) == "()\n")
    #expect(try String(contentsOfFile: folder + "/out/无.csv", encoding: .utf8) == "")
}

@Test func floatsBecomeStringsWithSixDecimalsAsInSouffle() throws {
    let result = try answers(
        """
        r(cat("圆周率 ", to_string(3.14))). r(to_string(2)).
        ?- r(x).
        """)
    #expect(result == [["2", "圆周率 3.140000"]])
}

@Test func maxAndMinTakeAnyNumberOfArguments() throws {
    let result = try answers(
        """
        r(max(3, 9, 4), min(7, 2, 8, 5), max(1.5, 0.5, 2.5)).
        ?- r(a, b, c).
        """)
    #expect(result == [["9,2,2.5"]])
}

@Test func hexadecimalAndBinaryLiteralsAreNumbers() throws {
    let result = try answers(
        """
        r(0xF1). r(0x10). r(0b101). r(0B11).
        s(x band 0xF) :- r(x).
        ?- r(x).
        ?- s(x).
        """)
    #expect(result == [["3", "5", "16", "241"], ["0", "1", "3", "5"]])
    #expect(failure("r(0x4000000000000000).")?.message == "integer literal is too large")
}

@Test func builtInTestsCanBeNegated() throws {
    let result = try answers(
        """
        地名("杭州市"). 地名("湖州"). 地名("西湖区").
        ?- 地名(x), !contains("州", x).
        ?- 地名(x), !match(".*市", x).
        ?- 地名(x), !ends_with(x, "区"), !starts_with(x, "湖").
        """)
    #expect(result == [["西湖区"], ["湖州", "西湖区"], ["杭州市"]])
}

@Test func aVariableRepeatedOnlyInsideANegationMeansNoSuchValue() throws {
    // "a place that borders no place the way it borders itself": no p with 邻(x, p, p).
    let result = try answers(
        """
        地(1). 地(2). 地(3).
        邻(1, 5, 5). 邻(2, 5, 6). 邻(3, 7, 7).
        无环(x) :- 地(x), !邻(x, p, p).
        ?- 无环(x).
        """)
    #expect(result == [["2"]])
    // Once bound outside, the same variable is an ordinary negation.
    let bound = try answers(
        """
        地(1, 5). 地(2, 6).
        邻(1, 5, 5). 邻(2, 6, 7).
        r(x) :- 地(x, p), !邻(x, p, p).
        ?- r(x).
        """)
    #expect(bound == [["2"]])
}

@Test func definesAndIncludesAreExpandedBeforeParsing() throws {
    let (printed, _) = try runInFolder(
        """
        #define START 1
        #include "lib/edges.dl"
        #ifdef START
        path(START, y) :- edge(START, y).
        #else
        path(0, 0).
        #endif
        path(x, z) :- path(x, y), edge(y, z).
        ?- path(START, y).
        """, extraFiles: ["lib/edges.dl": "edge(1, 2). edge(2, 3).\n#ifndef START\nedge(3, 4).\n#endif\n"])
    #expect(printed.contains("2\n3\n"))
    #expect(!printed.contains("4"))
}

@Test func anErrorInAnIncludedFileNamesThatFileAndLine() throws {
    do {
        _ = try runInFolder("#include \"rules.dl\"\nok(1).\n", extraFiles: ["rules.dl": "a(1).\nb(x) :- a(.\n"])
        Issue.record("the program should be rejected")
    } catch let error as DatalogError {
        #expect(error.location?.file.hasSuffix("/rules.dl") == true)
        #expect(error.location?.line == 2)
    }
    do {
        _ = try runInFolder("ok(1).\n\nbad(x) :- .\n#include \"empty.dl\"\n", extraFiles: ["empty.dl": ""])
        Issue.record("the program should be rejected")
    } catch let error as DatalogError {
        #expect(error.location?.file.hasSuffix("/main.dl") == true)
        #expect(error.location?.line == 3)
    }
}

@Test func includesStayInsideTheProgramsFolderAndUnknownDirectivesAreRefused() throws {
    #expect(throws: DatalogError.self) { try runInFolder("#include \"../elsewhere.dl\"\n") }
    do {
        _ = try runInFolder("r(1).\n#if X > 1\n")
        Issue.record("the program should be rejected")
    } catch let error as DatalogError {
        #expect(error.message == "not supported: the preprocessor directive #if")
        #expect(error.location?.line == 2)
    }
    #expect(throws: DatalogError.self) { try runInFolder("#define TWICE(x) x x\n") }
}

@Test func programsRunWithoutARoundLimitUnlessOneIsGiven() throws {
    // 100,001 rounds of one stratum: more than the REPL's default limit.
    let program = "n(0).\nn(x + 1) :- n(x), x < 100001.\n.decl m(x: number)\nm(x) :- n(x), x > 100000.\n?- m(x).\n"
    let (printed, _) = try runInFolder(program)
    #expect(printed.contains("100001"))
    var limited = RunOptions()
    limited.maxIterations = 1_000
    #expect(throws: DatalogError.self) { try runInFolder(program, options: limited) }
}

@Test func anAggregatesResultNameInsideItIsTheAggregatesOwnVariable() throws {
    let result = try answers(
        """
        分(1, 4). 分(2, 9). 分(3, 7).
        最高(n) :- n = max n : 分(_, n).
        最小和(y) :- y = min z + y : { 分(a, z), 分(b, y), a != b }.
        ?- 最高(n).
        ?- 最小和(y).
        """)
    #expect(result == [["9"], ["11"]])
    // Bound by another literal, the name is shared: `n` groups the aggregate.
    let grouped = try answers(
        """
        分(1, 4). 分(2, 9). 分(3, 4).
        多(n, k) :- 分(_, n), k = count : 分(_, n).
        ?- 多(n, k).
        """)
    #expect(grouped == [["4,2", "9,1"]])
}

@Test func rangeBindsAVariableToEachValueInTurn() throws {
    let result = try answers(
        """
        r(x) :- x = range(1, 4).
        down(x) :- x = range(3, 0).
        step(x) :- x = range(0, 10, 4).
        none(x) :- x = range(5, 0, 1).
        f(x) :- x = range(-1, 0, 0.25).
        pair(x, y) :- x = range(0, 3), y = range(0, 3), x < y, x + y = 3.
        n(k) :- k = count : { i = range(0, 10), i % 2 = 0 }.
        ?- r(x).
        ?- down(x).
        ?- step(x).
        ?- none(x).
        ?- f(x).
        ?- pair(x, y).
        ?- n(k).
        """)
    #expect(result == [["1", "2", "3"], ["1", "2", "3"], ["0", "4", "8"], [], ["-1", "-0.75", "-0.5", "-0.25"], ["1,2"], ["5"]])
    #expect(failure("r(range(1, 3)).")?.message == "not supported: range outside a rule body")
}

@Test func integerConstantsInFloatColumnsMatchTheFloatsStoredThere() throws {
    let result = try answers(
        """
        .decl 温(站: float, 度: float)
        温(1, 1).
        温(1, d + 1) :- 温(1, d), d < 4.
        .decl 均(站: float, 度: float)
        均(1, m) :- m = mean d : { 温(1, d) }.
        ?- 温(_, d).
        ?- 均(s, m).
        """)
    #expect(result == [["1", "2", "3", "4"], ["1,2.5"]])
}

@Test func otherInputOutputKindsSayTheyAreNotSupported() throws {
    let io = try #require(failure(".decl r(x: number)\n.output r(IO=sqlite, filename=\"r.db\")\nr(1)."))
    #expect(io.message == "not supported: IO=sqlite")
    #expect(try answers(".decl r(x: number)\n.output r(IO=stdout)\nr(1).\n?- r(x).") == [["1"]])
}
