import Foundation
import Testing
import TupuKit

@testable import Datalog

/// Fuzzing the front end and the engine behind it: random and mutated programs from a fixed
/// seed are parsed, loaded, evaluated and queried under small limits. None may crash, and every
/// error must carry a position inside its source. `DATALOG_FUZZ_INPUTS` and `DATALOG_FUZZ_SEED`
/// run longer or other sequences (e.g. `DATALOG_FUZZ_INPUTS=1000000 swift test --filter Fuzz`).
struct DatalogFuzzer {
    static let corpus = [
        """
        .decl 边(x: symbol, y: symbol)
        边("杭州", "湖州"). 边("湖州", "嘉兴"). 边("嘉兴", "杭州").
        路(x, y) :- 边(x, y).
        路(x, z) :- 路(x, y), 边(y, z), x != z.
        ?- 路("杭州", X).
        """,
        """
        // 统计与聚合
        .decl 人口(城: symbol, n: number)
        人口("余杭区", 120). 人口("西湖区", 110). 人口("上城区", 130).
        总(s) :- s = sum n : { 人口(_, n) }.
        多(c) :- 人口(c, n), n > 115, !少(c).
        少(c) :- 人口(c, n), n < 112.
        最(m) :- m = max n : 人口(_, n).
        平均(a) :- a = mean n : { 人口(_, n) }.
        数(k) :- k = count : { 人口(_, _) }.
        ?- 总(S). ?- 多(C). ?- 最(M), 数(K).
        """,
        """
        /* 字符串与函数 */
        名("拱墅区"). 名("临平区"). 名("钱塘区").
        长(x, n) :- 名(x), n = strlen(x).
        接(y) :- 名(x), y = cat(x, "街道", to_string(strlen(x))).
        子(y) :- 名(x), y = substr(x, 0, 2), contains("区", x), match("..区", x).
        数(n) :- 名(x), n = ord(x) * 2 + 1 - 3 / 1 % 5, n >= 0; 名(x), n = -(strlen(x) ^ 2).
        浮(f) :- 名(x), f = to_float(strlen(x)) / 2.5e0.
        ?- 长(X, N), N <= 3. ?- 接(Y). ?- 数(N), 浮(F).
        """,
        """
        .type 编号 <: number
        .decl 链(a: 编号, b: 编号) eqrel
        链(1, 2). 链(2, 3). 链(5, 6).
        .decl 大(x: 编号)
        大(x) :- 链(x, _), x band 1 = 1, x bshl 2 > 3, (x > 1 ; x = 1), lnot 0 = 1, bnot x < 0.
        .output 大
        .printsize 链
        ?- 链(1, X).
        """,
        """
        % 递归与否定
        p(0).
        p(x + 1) :- p(x), x < 30.
        q(x) :- p(x), !r(x).
        r(x) :- p(x), x % 3 = 0.
        s(x, y) :- q(x), q(y), x < y, y - x = 1, min(x, y) = x, max(x, y) = y, abs(x - y) = 1.
        ?- s(X, Y). ?- q(10). ?- true. ?- false.
        """,
        """
        .decl 输入(x: symbol)
        .input 输入(filename="无.facts", delimiter=",")
        .output 输入(IO=stdout)
        f(x) :- 输入(x), to_number(x) > 0.
        ?- f(X).
        """
    ]

    static let tokens = [
        "(", ")", ",", ".", ":-", "?-", "!", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "^",
        "{", "}", ";", ":", "|", "_", "x", "y", "Z", "p", "q", "边", "路", "\"杭州\"", "\"\"", "\"a\\\"b\"",
        "0", "1", "42", "2305843009213693951", "2305843009213693952", "1.5", "3e9", "count", "sum", "min", "max",
        "mean", "cat", "strlen", "substr", "to_number", "to_string", "match", "contains", "\"[\"", "\"(.*)\"", "bnot",
        "band", "bshl", "lnot", "not", ".decl", ".input", ".output", ".printsize", ".type", "number", "symbol",
        "float", "eqrel", "true", "false", "//", "/*", "*/", "%", "\n", " ", "\t", "\u{FEFF}", "\u{3000}", "名"
    ]

    var rng: SplitMix64

    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &rng)! }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    /// The n-th input: token soup, a grammar-shaped program, or a mutated corpus program.
    mutating func input() -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0, 1: return tokenSoup()
        case 2, 3: return generatedProgram()
        default: return mutated(pick(Self.corpus))
        }
    }

    mutating func tokenSoup() -> String {
        (0..<Int.random(in: 1...60, using: &rng)).map { _ in pick(Self.tokens) }.joined(separator: chance(0.5) ? " " : "")
    }

    mutating func expression(depth: Int) -> String {
        if depth <= 0 || chance(0.3) {
            return chance(0.05) ? pick(["2305843009213693951", "-2305843009213693952"]) : pick(["x", "y", "1", "0", "3", "\"镇\"", "2.5"])
        }
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return "(\(expression(depth: depth - 1)))"
        case 1: return "-x"
        case 2: return "\(pick(["strlen", "to_string", "abs", "to_number", "ord"]))(\(expression(depth: depth - 1)))"
        case 3: return "\(pick(["cat", "min", "max"]))(\(expression(depth: depth - 1)), \(expression(depth: depth - 1)))"
        default:
            return "\(expression(depth: depth - 1)) \(pick(["+", "-", "*", "/", "%", "^", "band", "bshl", "bshru", "lxor"])) \(expression(depth: depth - 1))"
        }
    }

    /// An atom over the four relations of `generatedProgram` (their arities fixed), `_` allowed in bodies.
    mutating func atom(head: Bool = false) -> String {
        let (name, arity) = pick([("边", 2), ("路", 2), ("p", 1), ("q", 2)])
        let simple = head ? ["x", "y"] : ["x", "y", "_"]
        return "\(name)(\((0..<arity).map { _ in chance(0.7) ? pick(simple) : expression(depth: 2) }.joined(separator: ", ")))"
    }

    mutating func literal() -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return "!" + atom()
        case 1, 2: return "\(expression(depth: 3)) \(pick(["=", "!=", "<", ">=", ">"])) \(expression(depth: 3))"
        case 3: return "n = \(pick(["count", "sum x", "min y", "max x", "mean x"])) : { \(atom()) }"
        case 4: return "match(\(chance(0.1) ? "\"[\"" : pick(["\"杭.*\"", "x", "\"镇\""])), \(pick(["x", "\"杭州\""])))"
        case 5: return "(\(atom()) ; \(atom()))"
        default: return atom()
        }
    }

    mutating func generatedProgram() -> String {
        var lines = [".decl 边(a: number, b: number)", "边(1, 2). 边(2, 3). 边(3, 1).", "路(x, y) :- 边(x, y).", "p(1). q(\"杭州\", 2)."]
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            if chance(0.2) {
                lines.append("?- " + (0..<Int.random(in: 1...3, using: &rng)).map { _ in atom() }.joined(separator: ", ") + ".")
            } else {
                // The first atom binds the head's variables (mostly: unbound ones must be reported too).
                let first = chance(0.9) ? pick(["边(x, y)", "路(x, y)", "q(x, y)"]) : atom()
                let body = ([first] + (0..<Int.random(in: 0...4, using: &rng)).map { _ in literal() }).joined(separator: ", ")
                lines.append("\(atom(head: true)) :- \(body).")
            }
        }
        if chance(0.03) { lines.append("深(x) :- p(x), x = " + String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300) + ".") }
        if chance(0.03) { lines.append("长(x) :- p(x), x = " + Array(repeating: "1", count: 1_200).joined(separator: "+") + ".") }
        if chance(0.05) { lines.append("串(\"a\"). 串(cat(x, \"社区\")) :- 串(x).") }
        return lines.joined(separator: "\n")
    }

    mutating func mutated(_ source: String) -> String {
        var scalars = Array(source.unicodeScalars)
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            guard !scalars.isEmpty else { break }
            let at = Int.random(in: 0..<scalars.count, using: &rng)
            let length = min(scalars.count - at, Int.random(in: 1...12, using: &rng))
            switch Int.random(in: 0..<7, using: &rng) {
            case 0: scalars.removeSubrange(at..<(at + length))
            case 1: scalars.insert(contentsOf: pick(Self.tokens).unicodeScalars, at: at)
            case 2: scalars.insert(contentsOf: Array(scalars[at..<(at + length)]), at: at)
            case 3: scalars.replaceSubrange(at..<(at + length), with: pick(Self.tokens).unicodeScalars)
            case 4: scalars.insert(Unicode.Scalar(UInt32.random(in: 0..<0xD800, using: &rng))!, at: at)
            case 5: scalars.insert(contentsOf: Array(pick(Self.corpus).unicodeScalars.prefix(length * 8)), at: at)
            default: scalars.swapAt(at, Int.random(in: 0..<scalars.count, using: &rng))
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    /// Runs one input through the front end and the engine; returns the error it ended in, if any.
    static func run(_ source: String, factsDirectory: String) throws -> DatalogError? {
        var options = Engine.Options(maxTuples: 300, maxIterations: 10, factsDirectory: factsDirectory)
        options.maxAnswers = 300
        options.maxSymbolBytes = 1 << 16
        do {
            let program = try Program.parse(source, file: "fuzz.dl")
            let engine = Engine(options: options)
            try engine.load(program)
            try engine.evaluate()
            let formatter = AnswerFormatter(format: .json)
            for action in program.actions {
                switch action {
                case .query(let q): _ = formatter.render(.answer(try engine.answer(q)))
                case .output(let name, let parameters, let location):
                    _ = try engine.output(relation: name, parameters: parameters, at: location).map(formatter.render)
                case .printSize: break
                }
            }
            return nil
        } catch let error as DatalogError {
            return error
        }
    }

    /// True when the error's position is a line of `source` and a column on it (or just past its end).
    static func isInside(_ location: Datalog.SourceLocation?, _ source: String) -> Bool {
        guard let location else { return false }
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1 && location.line <= lines.count else { return false }
        return location.column >= 1 && location.column <= lines[location.line - 1].unicodeScalars.count + 1
    }
}

@Test func fuzzedProgramsNeverCrashAndEveryErrorHasAPositionInsideTheSource() throws {
    let environment = ProcessInfo.processInfo.environment
    let count = environment["DATALOG_FUZZ_INPUTS"].flatMap { Int($0) } ?? 10_000
    let seed = environment["DATALOG_FUZZ_SEED"].flatMap { UInt64($0) } ?? 2026
    var fuzzer = DatalogFuzzer(rng: SplitMix64(seed: seed))
    let facts = FileManager.default.temporaryDirectory.appendingPathComponent("datalog-fuzz-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: facts, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: facts) }
    var failed = 0
    var ran = 0
    let started = Date()
    for _ in 0..<count {
        let source = fuzzer.input()
        ran += 1
        guard let error = try DatalogFuzzer.run(source, factsDirectory: facts) else { continue }
        failed += 1
        #expect(DatalogFuzzer.isInside(error.location, source), "\(error)\n--- source ---\n\(source)")
        _ = error.rendered(source: source)
    }
    // Most mutations end in a syntax error; enough inputs must run through evaluation and queries.
    #expect(ran == count && count - failed >= count / 20, "\(failed) of \(count) failed")
    if count > 10_000 {
        print("fuzz: \(count) inputs from seed \(seed), \(failed) errors, \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }
}

@Test func fuzzedBytesDecodeOrFailAtAPositionInsideTheText() throws {
    var rng = SplitMix64(seed: 7)
    let sample = Array(DatalogFuzzer.corpus[0].utf8)
    for _ in 0..<2_000 {
        var bytes = sample
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        }
        do {
            _ = try Program.decode(bytes, file: "bytes.dl")
        } catch let error as DatalogError {
            // The position is checked against the text decoded leniently (one scalar per bad byte at most).
            let lenient = String(decoding: bytes, as: UTF8.self)
            #expect(DatalogFuzzer.isInside(error.location, lenient), "\(error)")
        }
    }
}
