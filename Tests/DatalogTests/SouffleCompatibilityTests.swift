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
