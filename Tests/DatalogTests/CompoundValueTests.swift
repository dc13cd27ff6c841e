import Foundation
import Testing

@testable import Datalog

// Records, algebraic data types, unsigned numbers and autoinc(), as Soufflé has them.

@Test func recordsAreBuiltInHeadsAndTakenApartInBodies() throws {
    let result = try answers(
        """
        .type 路线 = [起点: symbol, 终点: symbol]
        .decl 班次(r: 路线, 时长: number)
        班次(["湖州", "杭州"], 2). 班次(["杭州", "宁波"], 3).
        到达(终) :- 班次([_, 终], _).
        反向([乙, 甲], 时) :- 班次([甲, 乙], 时).
        ?- 到达(x).
        ?- 反向(r, 3).
        ?- 班次(["湖州", "杭州"], n).
        """)
    #expect(result == [["宁波", "杭州"], ["[宁波, 杭州]"], ["2"]])
}

@Test func recursiveRecordsMakeListsEndingInNil() throws {
    let result = try answers(
        """
        .type 列表 = [头: number, 尾: 列表]
        .decl 表(l: 列表)
        .decl 长度(l: 列表, n: number)
        表([1, [2, [3, nil]]]).
        表(尾) :- 表([_, 尾]).
        长度(nil, 0).
        长度([头, 尾], n + 1) :- 表([头, 尾]), 长度(尾, n).
        ?- 长度(l, n), n > 1.
        ?- 表(nil).
        """)
    // Records sort field by field.
    #expect(result == [["[1, [2, [3, nil]]],3", "[2, [3, nil]],2"], [""]])
}

@Test func recordVariablesAliasAndEqualRecordsAreOneValue() throws {
    let result = try answers(
        """
        对(1, 2). 对(3, 3).
        同(z) :- 对(x, y), r = [x, y], s = r, s = [v, w], w = z, z = v.
        计数(n) :- n = count : { 甲(r), 乙(r) }.
        甲([1, "a"]). 甲([2, "b"]). 乙([2, "b"]). 乙([1, "b"]). 乙(nil).
        ?- 同(z).
        ?- 计数(n).
        ?- 甲(r), r != [1, "a"].
        """)
    #expect(result == [["3"], ["1"], ["[2, b]"]])
}

@Test func recordsAreWrittenAndReadAsSouffleWritesThem() throws {
    var options = RunOptions()
    options.outputDirectory = "set below"
    let (_, folder) = try runInFolder(
        """
        .type 点 = [x: number, y: number]
        .type 站 = [名: symbol, 位置: 点]
        .decl 输入(s: 站)
        .input 输入
        .decl 输出(s: 站, 下一: 站)
        .output 输出
        输出(s, [名, [x + 1, y]]) :- 输入(s), s = [名, [x, y]].
        """, extraFiles: ["输入.facts": "[西湖站, [1, 2]]\n[南浔站, [-3, 0]]\n"], options: options)
    let written = try String(contentsOfFile: folder + "/out/输出.csv", encoding: .utf8)
    #expect(written == "[南浔站, [-3, 0]]\t[南浔站, [-2, 0]]\n[西湖站, [1, 2]]\t[西湖站, [2, 2]]\n")
}

@Test func algebraicDataTypesHaveConstructorsAndPatterns() throws {
    var options = RunOptions()
    options.outputDirectory = "set below"
    let (_, folder) = try runInFolder(
        """
        .type 式 = 零 {} | 后继 {前: 式} | 加 {左: 式, 右: 式}
        .decl 项(e: 式)
        项($加($后继($零()), $后继($零))).
        项(a), 项(b) :- 项($加(a, b)).
        项(a) :- 项($后继(a)).
        .decl 值(e: 式, n: number)
        值($零, 0).
        值(e, n + 1) :- 项(e), e = $后继(a), 值(a, n).
        值(e, m + n) :- 项(e), e = $加(a, b), 值(a, m), 值(b, n).
        .decl 结果(e: 式, n: number)
        .output 结果
        结果(e, n) :- 值(e, n), e = $加(_, $后继(_)).
        .type 星期 = 周一 {} | 周二 {} | 周三 {}
        .decl 之前(a: 星期, b: 星期)
        .input 之前
        .decl 早于(a: 星期, b: 星期)
        .output 早于
        早于(a, b) :- 之前(a, b).
        早于(a, c) :- 之前(a, b), 早于(b, c).
        """, extraFiles: ["之前.facts": "$周一\t$周二\n$周二\t$周三\n"], options: options)
    #expect(try String(contentsOfFile: folder + "/out/结果.csv", encoding: .utf8) == "$加($后继($零), $后继($零))\t2\n")
    let before = try String(contentsOfFile: folder + "/out/早于.csv", encoding: .utf8)
    #expect(before.split(separator: "\n").sorted() == ["$周一\t$周三", "$周一\t$周二", "$周二\t$周三"])
}

@Test func branchesOfDifferentConstructorsDiffer() throws {
    let result = try answers(
        """
        .type 数 = 整 {x: number} | 实 {x: float}
        .decl 真(n: number)
        真(1) :- $整(1) != $实(1).
        真(2) :- $整(1) = $整(1).
        真(3) :- $整(1) = $整(2).
        ?- 真(n).
        """)
    #expect(result == [["1", "2"]])
}

@Test func unsignedNumbersWrapAroundAsInSouffle() throws {
    let result = try answers(
        """
        .decl 无号(x: unsigned)
        无号(0u - 1u). 无号(2147483647u + 1u). 无号(0xFFu). 无号(to_unsigned(-1)). 无号(bnot(0u)).
        .decl 列(x: unsigned)
        列(1). 列(2). 列(0xffffffff).
        和(s) :- s = sum x : { 列(x), x < 4 }.
        最大(m) :- m = max x : 列(x).
        转(to_number(to_unsigned(41)) + 1, to_float(7u), to_unsigned(2.9)).
        ?- 无号(x).
        ?- 和(s).
        ?- 最大(m).
        ?- 转(a, b, c).
        ?- 列(1).
        """)
    #expect(result[0] == ["255", "2147483648", "18446744073709551615"])
    #expect(result[1] == ["3"])
    #expect(result[2] == ["4294967295"])
    #expect(result[3] == ["42,7,2"])
    #expect(result[4] == [""])
    #expect(failure("r(18446744073709551616u).")?.message == "unsigned literal is too large")
}

@Test func autoincNumbersEachDerivedTupleOnce() throws {
    let result = try answers(
        """
        城市("湖州"). 城市("杭州"). 城市("宁波").
        编号(autoinc(), c) :- 城市(c).
        ?- 编号(n, _).
        ?- n = count : 编号(_, _).
        """)
    #expect(result == [["0", "1", "2"], ["3"]])
}

@Test func anAggregateInAHeadIsComputedInTheBody() throws {
    let result = try answers(
        """
        城市("湖州"). 城市("杭州").
        末位(count : 城市(_) - 1, "最后").
        ?- 末位(n, s).
        """)
    #expect(result == [["1,最后"]])
}

@Test func typesMayBeUsedBeforeTheirDefinition() throws {
    let result = try answers(
        """
        .type 地名 = 市名 | 县名
        .decl 地(x: 地名)
        .type 市名 <: symbol
        .type 县名 <: symbol
        地("湖州").
        ?- 地(x).
        """)
    #expect(result == [["湖州"]])
    let unknown = try #require(failure(".decl 地(x: 地名)\n地(\"湖州\")."))
    #expect(unknown.message == "unknown type '地名'" && unknown.location?.line == 1 && unknown.location?.column == 12)
}

@Test func userFunctorsAreNotSupportedWhereTheyAreWritten() throws {
    let error = try #require(failure(".functor 加一(number): number\nr(x) :- x = @加一(1)."))
    #expect(error.message == "not supported: user-defined functors (@加一)")
    #expect(error.location?.line == 2 && error.location?.column == 13)
}
