// The abstract syntax of a program (Soufflé's surface), as the parser produces it: public and
// immutable outside this module, every node with the span of its source. Clients read it and
// rewrite it (see `Program.rewritingAtoms`) and hand the tree, not text, to `Engine.load`, so
// the positions in errors stay those of the text as typed.
//
// The tree is the parser's expansion of what was written: a body with `;` becomes one rule per
// alternative, a rule with several heads one rule per head, an aggregate in a head an equality in
// the body, components their instances' qualified relations, `eqrel` its closure rules.

public enum BinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
    case power = "^"
    case bitAnd = "band"
    case bitOr = "bor"
    case bitXor = "bxor"
    case shiftLeft = "bshl"
    case shiftRight = "bshr"
    case shiftRightUnsigned = "bshru"
    case and = "land"
    case or = "lor"
    case xor = "lxor"
}

public enum ComparisonOperator: String, Sendable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

extension ComparisonOperator {
    /// The operator that holds exactly when this one does not.
    var negated: ComparisonOperator {
        switch self {
        case .equal: return .notEqual
        case .notEqual: return .equal
        case .less: return .greaterOrEqual
        case .lessOrEqual: return .greater
        case .greater: return .lessOrEqual
        case .greaterOrEqual: return .less
        }
    }
}

/// The built-in functions, by the name a program calls them with.
public enum BuiltinFunction: String, Sendable, CaseIterable {
    case strlen, cat, substr, ord, min, max, abs, range, autoinc, bnot, lnot
    case toString = "to_string"
    case toNumber = "to_number"
    case toFloat = "to_float"
    case toUnsigned = "to_unsigned"
    // Float functions (tupu's own: Soufflé has none; its `math` test waits for them).
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, log, exp

    /// How many arguments a call takes (`max(a, b, c)` is `max(max(a, b), c)`).
    var arity: ClosedRange<Int> {
        switch self {
        case .autoinc: return 0...0
        case .substr: return 3...3
        case .cat: return 1...64
        case .min, .max: return 2...Int.max
        case .range: return 2...3
        default: return 1...1
        }
    }

    /// Takes a float (or a number, read as one) to a float.
    var isFloatFunction: Bool {
        switch self {
        case .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh, .asinh, .acosh, .atanh, .log, .exp: return true
        default: return false
        }
    }

    /// The type of every result, when it does not depend on the arguments.
    var resultType: ValueType? {
        switch self {
        case .strlen, .toNumber, .autoinc: return .number
        case .cat, .substr, .toString: return .symbol
        case .toUnsigned: return .unsigned
        case .toFloat: return .float
        default: return isFloatFunction ? .float : nil
        }
    }
}

public enum AggregateKind: String, Sendable {
    case count, sum, min, max, mean
}

/// A value in an atom, a comparison or a function call.
public indirect enum Expression: Sendable {
    case variable(String, SourceLocation)
    case anonymous(SourceLocation)
    case constant(Value, SourceLocation)
    case negate(Expression, SourceLocation)
    case binary(BinaryOperator, Expression, Expression, SourceLocation)
    /// A call of a built-in function.
    case call(BuiltinFunction, [Expression], SourceLocation)
    /// `count : { body }`, `sum x : { body }`, `min`, `max`, `mean` (a float); `target` is nil for count.
    case aggregate(AggregateKind, Expression?, [Literal], SourceLocation)
    /// `[a, b]` builds a record (or, where the value is known, takes one apart); `[]` is `nil`.
    /// Records of constants are parsed as constants.
    case record([Expression], SourceLocation)
    /// `$Name(a, b)`: a branch of an algebraic data type, built or taken apart like a record.
    case branch(String, [Expression], SourceLocation)

    /// The span of the expression's token (an operator's for `negate` and `binary`).
    public var location: SourceLocation {
        switch self {
        case .variable(_, let l), .anonymous(let l), .constant(_, let l), .negate(_, let l),
            .binary(_, _, _, let l), .call(_, _, let l), .aggregate(_, _, _, let l), .record(_, let l),
            .branch(_, _, let l):
            return l
        }
    }

    /// Variables in order of first occurrence, not looking inside aggregates.
    func collectVariables(into out: inout [(String, SourceLocation)]) {
        switch self {
        case .variable(let n, let l): out.append((n, l))
        case .anonymous, .constant, .aggregate: break
        case .negate(let e, _): e.collectVariables(into: &out)
        case .binary(_, let a, let b, _):
            a.collectVariables(into: &out)
            b.collectVariables(into: &out)
        case .call(_, let args, _), .record(let args, _), .branch(_, let args, _):
            for a in args { a.collectVariables(into: &out) }
        }
    }

    /// The expression with the variable `name` renamed, inside aggregates too.
    func renaming(_ name: String, to new: String) -> Expression {
        switch self {
        case .variable(name, let l): return .variable(new, l)
        case .variable, .anonymous, .constant: return self
        case .negate(let e, let l): return .negate(e.renaming(name, to: new), l)
        case .binary(let op, let a, let b, let l): return .binary(op, a.renaming(name, to: new), b.renaming(name, to: new), l)
        case .call(let f, let args, let l): return .call(f, args.map { $0.renaming(name, to: new) }, l)
        case .record(let args, let l): return .record(args.map { $0.renaming(name, to: new) }, l)
        case .branch(let f, let args, let l): return .branch(f, args.map { $0.renaming(name, to: new) }, l)
        case .aggregate(let kind, let target, let body, let l):
            return .aggregate(kind, target?.renaming(name, to: new), body.map { $0.renaming(name, to: new) }, l)
        }
    }

    var containsAggregate: Bool {
        switch self {
        case .aggregate: return true
        case .variable, .anonymous, .constant: return false
        case .negate(let e, _): return e.containsAggregate
        case .binary(_, let a, let b, _): return a.containsAggregate || b.containsAggregate
        case .call(_, let args, _), .record(let args, _), .branch(_, let args, _): return args.contains { $0.containsAggregate }
        }
    }
}

/// `relation(arguments…)`; its location spans the relation's name.
public struct Atom: Sendable {
    public internal(set) var relation: String
    public internal(set) var arguments: [Expression]
    public internal(set) var location: SourceLocation

    public init(relation: String, arguments: [Expression], location: SourceLocation) {
        self.relation = relation
        self.arguments = arguments
        self.location = location
    }
}

/// One conjunct of a rule's or query's body.
public indirect enum Literal: Sendable {
    case positive(Atom)
    case negative(Atom, SourceLocation)
    case comparison(ComparisonOperator, Expression, Expression, SourceLocation)
    /// `contains(sub, s)`, `starts_with(s, prefix)`, `ends_with(s, suffix)`, `match(regex, s)`.
    /// `!contains(sub, s)` and the like are negated.
    case predicate(String, negated: Bool, [Expression], SourceLocation)

    /// The literal with the variable `name` renamed (see `Expression.renaming`).
    func renaming(_ name: String, to new: String) -> Literal {
        func atom(_ a: Atom) -> Atom {
            Atom(relation: a.relation, arguments: a.arguments.map { $0.renaming(name, to: new) }, location: a.location)
        }
        switch self {
        case .positive(let a): return .positive(atom(a))
        case .negative(let a, let l): return .negative(atom(a), l)
        case .comparison(let op, let a, let b, let l): return .comparison(op, a.renaming(name, to: new), b.renaming(name, to: new), l)
        case .predicate(let f, let negated, let args, let l): return .predicate(f, negated: negated, args.map { $0.renaming(name, to: new) }, l)
        }
    }

    /// The literal that holds exactly when this one does not (`!(a ; b)` is rewritten with it).
    var negated: Literal {
        switch self {
        case .positive(let a): return .negative(a, a.location)
        case .negative(let a, _): return .positive(a)
        case .comparison(let op, let a, let b, let l): return .comparison(op.negated, a, b, l)
        case .predicate(let f, let negated, let args, let l): return .predicate(f, negated: !negated, args, l)
        }
    }

    public var location: SourceLocation {
        switch self {
        case .positive(let a): return a.location
        case .negative(_, let l), .comparison(_, _, _, let l), .predicate(_, _, _, let l): return l
        }
    }
}

/// One rule (facts are rules with an empty body). `text` is the rule's source, for explanations.
/// Its location is the head's.
public struct Rule: Sendable {
    public internal(set) var head: Atom
    public internal(set) var body: [Literal]
    public internal(set) var text: String
    public internal(set) var location: SourceLocation
    /// One part of a subsumption `r(x…) <= r(y…) :- body.`: the head is the dominated atom and
    /// what the rule derives is removed from the relation (see `Parser.subsumptionRules`).
    public internal(set) var subsumption = false
    /// The named variables written only once in the statement this rule comes from (all its
    /// heads and `;` alternatives), for the warning: each matches anything, like `_`.
    public internal(set) var variablesWrittenOnce: [(name: String, location: SourceLocation)] = []
}

/// A `?- goal.` query. Its answers bind `variables` (named variables in order of first use).
/// Its location is the `?-`; `text` is the query as written.
public struct Query: Sendable {
    /// 1-based position of this query among the `?-` queries of the program it was parsed from.
    public internal(set) var number: Int
    public internal(set) var variables: [String]
    public internal(set) var text: String
    public internal(set) var location: SourceLocation
    public internal(set) var body: [Literal]
}

/// `.decl relation(columns…)`; its location spans the relation's name.
public struct Declaration: Sendable {
    public internal(set) var relation: String
    public internal(set) var columns: [(name: String, type: ValueType)]
    public internal(set) var location: SourceLocation
    /// `choice-domain a, (b, c)`: the column sets each of which identifies at most one tuple.
    public internal(set) var choiceDomains: [[Int]] = []
    /// Declared `inline`: Soufflé substitutes its rules into their callers; here it is an
    /// ordinary relation (named in the error when a rule needs the substitution to be safe).
    public internal(set) var isInline = false
}

/// `.input`, `.output`, `.printsize` and `.limitsize` of one relation; the location spans its name.
public enum Directive: Sendable {
    case input(String, parameters: [String: String], SourceLocation)
    case output(String, parameters: [String: String], SourceLocation)
    case printSize(String, SourceLocation)
    /// `.limitsize rel(n=N)`: rules stop adding to the relation once it holds N tuples, and its
    /// recursive stratum stops there, as in Soufflé.
    case limitSize(String, tuples: Int, SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .input(_, _, let l), .output(_, _, let l), .printSize(_, let l), .limitSize(_, _, let l): return l
        }
    }
}

public enum Statement: Sendable {
    case rule(Rule)
    case query(Query)
    case declaration(Declaration)
    case directive(Directive)

    public var location: SourceLocation {
        switch self {
        case .rule(let r): return r.location
        case .query(let q): return q.location
        case .declaration(let d): return d.location
        case .directive(let d): return d.location
        }
    }
}

/// Parsed Datalog source. Programs accumulate: the REPL parses each input and appends it.
public struct Program: Sendable {
    public internal(set) var statements: [Statement] = []
    /// Set by `.pragma "magic-transform" "…"`: which relations `magicSetsApplied` evaluates on demand.
    public internal(set) var magicSelection: MagicSelection?

    public init() {}

    /// Parses Soufflé-style source. `file` names the source in error positions.
    public static func parse(_ source: String, file: String = "<input>") throws -> Program {
        var parser = Parser(source: source, file: file)
        return try parser.parseProgram()
    }

    /// Source text from a file's bytes: UTF-8, a leading byte order mark dropped. Invalid UTF-8
    /// is an error at the line and column (in scalars) where it starts.
    public static func decode(_ data: [UInt8], file: String) throws -> String {
        let start = data.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var iterator = data[start...].makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        var offset = start
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let u):
                offset += UTF8.width(u)
                if u == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                continue
            case .emptyInput:
                return String(decoding: data[start...], as: UTF8.self)
            case .error:
                let byte = String(data[offset], radix: 16, uppercase: true)
                throw DatalogError(
                    "invalid UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte) at offset \(offset))",
                    at: SourceLocation(file: file, line: line, column: column),
                    hint: "Datalog source is read as UTF-8; convert the file (e.g. iconv -f GB18030 -t UTF-8)")
            }
        }
    }

    /// Appends another program's statements (queries keep their own numbers).
    public mutating func append(_ other: Program) {
        statements += other.statements
        if let selection = other.magicSelection { magicSelection = selection }
    }

    /// What the program asks to be printed or written, in source order: each `?-` query,
    /// `.output rel` and `.printsize rel` (the Runner carries them out after evaluation).
    public var actions: [ProgramAction] {
        statements.compactMap {
            switch $0 {
            case .query(let q): return .query(q)
            case .directive(.output(let name, let parameters, let l)): return .output(relation: name, parameters: parameters, location: l)
            case .directive(.printSize(let name, _)): return .printSize(relation: name)
            default: return nil
            }
        }
    }

    /// The `?-` queries, in source order.
    public var queries: [Query] {
        statements.compactMap { if case .query(let q) = $0 { return q } else { return nil } }
    }

    /// Number of rules and facts.
    public var ruleCount: Int {
        statements.reduce(0) { if case .rule = $1 { return $0 + 1 } else { return $0 } }
    }
}

/// One thing a program asks for after evaluation (see `Program.actions`).
public enum ProgramAction: Sendable {
    case query(Query)
    /// `.output rel(key=value, …)`: `Engine.output(relation:parameters:at:)`.
    case output(relation: String, parameters: [String: String], location: SourceLocation)
    /// `.printsize rel`: print `rel<TAB>size`.
    case printSize(relation: String)
}
