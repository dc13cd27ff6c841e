// Recursive-descent parser for Soufflé's surface syntax: tokens to the program's AST.

let builtinPredicates: Set<String> = ["contains", "starts_with", "ends_with", "match"]
let directiveNames: Set<String> = [
    "decl", "input", "output", "printsize", "limitsize", "type", "symbol_type", "number_type",
    "pragma", "functor", "plan", "comp", "init", "override"
]
let declarationQualifiers: Set<String> = [
    "btree", "brie", "eqrel", "inline", "no_inline", "magic", "no_magic",
    "overridable", "btree_delete", "override"
]

struct Parser {
    /// The functions called by name, for the hint of an unknown one (`bnot`, `lnot` are operators).
    static let functionNames = BuiltinFunction.allCases.filter { $0 != .bnot && $0 != .lnot }.map(\.rawValue).joined(separator: ", ")

    let scalars: [Unicode.Scalar]
    let file: String
    var tokens: [Token] = []
    var position = 0
    var queryCount = 0
    var types: [String: ValueType] = [
        "symbol": .symbol, "number": .number, "unsigned": .unsigned,
        "float": .float
    ]
    /// Components and instances read so far (see Components.swift).
    let componentState = ComponentState()
    /// `.type A <: B` and `.type A = B | C`: a type named by others, resolved when first needed
    /// (Soufflé lets a type be used before it is defined).
    var typeAliases: [String: [(name: String, token: Token)]] = [:]
    /// Declared columns whose type was not known yet: patched once the whole program is read.
    var unresolvedColumns: [(relation: String, column: Int, type: String, token: Token)] = []
    /// Negated groups of the current statement whose rewriting needs these variables bound
    /// outside the group (see `negating`), with the group's tokens.
    var negatedGroups: [(variables: [String], tokens: Range<Int>)] = []
    /// What `.pragma "magic-transform" "…"` asked for (the last such pragma wins).
    var magicSelection: MagicSelection?

    /// Bounds that keep the parser, and every later pass that recurses over an expression, far
    /// from the end of the stack, and keep planning (quadratic in a body's length) fast.
    static let maximumNesting = 256
    static let maximumExpressionHeight = 1_000
    static let maximumBodyLiterals = 1_000
    static let maximumAlternatives = 1_000
    /// Open parentheses, argument lists, unary operators and aggregates around the current token.
    var nesting = 0
    /// The greatest height of an expression parsed since it was last reset (for aggregates,
    /// whose height includes the expressions of their bodies).
    var deepestHeight = 0
    typealias Parsed = (expression: Expression, height: Int)

    init(source: String, file: String) {
        self.scalars = Array(source.unicodeScalars)
        self.file = file
    }

    var current: Token { tokens[position] }
    var next: Token { tokens[min(position + 1, tokens.count - 1)] }

    func location(_ t: Token) -> SourceLocation {
        SourceLocation(file: file, line: t.line, column: t.column, length: max(1, t.end - t.start), offset: t.start)
    }

    func span(from a: Token, to b: Token) -> SourceLocation {
        var l = location(a)
        if b.line == a.line { l.length = max(1, b.end - a.start) }
        return l
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .identifier(let s): return "'\(s)'"
        case .string(let s): return "\"\(Value.escape(s))\""
        case .integer(let n): return "\(n)"
        case .unsigned(let n): return "\(n)u"
        case .branch(let name): return "'$\(name)'"
        case .float(let d): return Value.floatText(d)
        case .punctuation(let p): return "'\(p)'"
        case .end: return "end of input"
        }
    }

    func error(_ message: String, at t: Token, hint: String? = nil) -> DatalogError {
        DatalogError(message, at: location(t), hint: hint)
    }

    mutating func expect(_ p: String, _ context: String, hint: String? = nil) throws -> Token {
        guard current.isPunctuation(p) else {
            // A missing terminator is reported where it belongs: right after the previous token.
            if position > 0, tokens[position - 1].line < current.line {
                let previous = tokens[position - 1]
                let at = SourceLocation(
                    file: file, line: previous.line, column: previous.column + previous.end - previous.start, offset: previous.end)
                throw DatalogError("expected '\(p)' \(context)", at: at, hint: hint)
            }
            throw error("expected '\(p)' \(context), found \(describe(current))", at: current, hint: hint)
        }
        defer { position += 1 }
        return current
    }

    mutating func expectIdentifier(_ context: String) throws -> (String, Token) {
        guard let name = current.identifier else {
            throw error("expected \(context), found \(describe(current))", at: current)
        }
        defer { position += 1 }
        return (name, current)
    }

    func text(from a: Token, to b: Token) -> String {
        makeString(scalars[a.start..<b.end])
    }

    mutating func parseProgram() throws -> Program {
        tokens = try Lexer(scalars: scalars, file: file).tokenize()
        var program = Program()
        while current.kind != .end {
            let instancesBefore = pendingInstances.count
            program.statements += try parseStatement()
            for k in instancesBefore..<pendingInstances.count { pendingInstances[k].index = program.statements.count }
        }
        try expandInstances(into: &program.statements)
        try resolveColumnTypes(in: &program.statements)
        program.magicSelection = magicSelection
        return program
    }

    /// The kind of values a type holds, following aliases and unions (a union takes its first
    /// member's); nil for an unknown type or a cycle of aliases.
    func resolvedType(_ name: String, seen: Set<String> = []) -> ValueType? {
        if let t = types[name] { return t }
        guard let members = typeAliases[name], !seen.contains(name) else { return nil }
        return members.lazy.compactMap { self.resolvedType($0.name, seen: seen.union([name])) }.first
    }

    /// Gives the columns declared with a type defined later in the program their type.
    func resolveColumnTypes(in statements: inout [Statement]) throws {
        guard !unresolvedColumns.isEmpty else { return }
        var patches: [String: [(column: Int, type: ValueType)]] = [:]
        for c in unresolvedColumns {
            guard let type = resolvedType(c.type) else {
                throw error("unknown type '\(c.type)'", at: c.token, hint: "use symbol, number, unsigned or float, or declare it with .type")
            }
            patches[c.relation, default: []].append((c.column, type))
        }
        for (k, statement) in statements.enumerated() {
            guard case .declaration(var d) = statement, let columns = patches[d.relation] else { continue }
            for patch in columns { d.columns[patch.column].type = patch.type }
            statements[k] = .declaration(d)
        }
    }

    mutating func parseStatement() throws -> [Statement] {
        let first = current
        let firstIndex = position
        negatedGroups = []
        if first.isPunctuation("."), let name = next.identifier, next.start == first.end {
            position += 2
            return try parseDirective(name, at: first)
        }
        if first.isPunctuation("?-") {
            position += 1
            let alternatives = try parseDisjunction()
            let end = try expect(".", "at the end of the query", hint: "statements end with '.'")
            try checkNegatedGroups(in: firstIndex..<position)
            guard alternatives.count == 1 else {
                throw error("a query cannot use ';'", at: first, hint: "write one query per alternative")
            }
            queryCount += 1
            var seen: [String] = []
            var seenSet: Set<String> = []
            for literal in alternatives[0] { variables(of: literal, into: &seen, seenSet: &seenSet) }
            return [
                .query(
                    Query(
                        number: queryCount, variables: seen, text: text(from: first, to: end),
                        location: span(from: first, to: first), body: alternatives[0]))
            ]
        }
        var heads: [Atom] = []
        repeat {
            if !heads.isEmpty { position += 1 }
            heads.append(try parseAtom(context: "a fact or rule head"))
        } while current.isPunctuation(",")
        if current.isPunctuation("<=") {
            let rules = try subsumptionRules(dominated: heads, from: first)
            try checkNegatedGroups(in: firstIndex..<position)
            return rules
        }
        var bodies: [[Literal]] = [[]]
        if current.isPunctuation(":-") {
            position += 1
            bodies = try parseDisjunction()
        } else if !current.isPunctuation(".") {
            throw error(
                "expected '.' or ':-' after \(heads.count == 1 ? "the head" : "the heads"), found \(describe(current))",
                at: current, hint: "statements end with '.'; a rule is `head :- body.`")
        }
        let end = try expect(".", "at the end of the rule", hint: "statements end with '.'")
        try checkNegatedGroups(in: firstIndex..<position)
        let ruleText = text(from: first, to: end)
        let writtenOnce = variablesWrittenOnce(heads.map(Literal.positive) + bodies.joined())
        var out: [Statement] = []
        for written in heads {
            for body in bodies {
                let (head, aggregates) = liftingHeadAggregates(written)
                let body = try bindingWitnesses(
                    scopingAggregateResults(readingRepeatedNegatedVariables(body + aggregates, head: head)), head: head)
                out.append(
                    .rule(
                        Rule(
                            head: head, body: body, text: ruleText,
                            location: head.location, variablesWrittenOnce: writtenOnce)))
            }
        }
        return out
    }

    /// The named variables of a statement's literals that occur at one place only (an
    /// alternative of `;` repeats the places before it: they count once).
    func variablesWrittenOnce(_ literals: [Literal]) -> [(name: String, location: SourceLocation)] {
        var places: [String: Set<SourceLocation>] = [:]
        var order: [(String, SourceLocation)] = []
        for (name, l) in deepVariables(literals) where places[name, default: []].insert(l).inserted { order.append((name, l)) }
        return order.filter { places[$0.0]!.count == 1 && !$0.0.hasPrefix("_") && !$0.0.hasPrefix("$") }
    }

    /// After `r(x…)` and at `<=`: the rest of `r(x…) <= r(y…) :- body.`, which removes each
    /// tuple `r(x…)` for which a different tuple `r(y…)` exists with the body true. One rule per
    /// column and alternative, whose body requires the two tuples to differ in that column.
    mutating func subsumptionRules(dominated heads: [Atom], from first: Token) throws -> [Statement] {
        let arrow = current
        guard heads.count == 1, let dominated = heads.first else {
            throw error("a subsumption has one atom on each side of '<='", at: arrow)
        }
        position += 1
        let dominating = try parseAtom(context: "the dominating atom after '<='")
        guard dominating.relation == dominated.relation, dominating.arguments.count == dominated.arguments.count else {
            throw DatalogError(
                "both sides of '<=' must be the same relation with the same number of arguments", at: dominating.location,
                hint: "`r(x, c1) <= r(x, c2) :- c2 < c1.` keeps, for each x, the smallest c")
        }
        for argument in dominated.arguments + dominating.arguments {
            if case .anonymous(let l) = argument {
                throw DatalogError("'_' in a subsumption", at: l, hint: "name the value: both tuples are compared column by column")
            }
        }
        var bodies: [[Literal]] = [[]]
        if current.isPunctuation(":-") {
            position += 1
            bodies = try parseDisjunction()
        }
        let end = try expect(".", "at the end of the subsumption", hint: "statements end with '.'")
        let text = text(from: first, to: end)
        let writtenOnce = variablesWrittenOnce([.positive(dominated), .positive(dominating)] + bodies.joined())
        var out: [Statement] = []
        for body in bodies {
            for (x, y) in zip(dominated.arguments, dominating.arguments) {
                let differ = Literal.comparison(.notEqual, x, y, arrow.line == first.line ? location(arrow) : x.location)
                let full = [.positive(dominated), .positive(dominating)] + body + [differ]
                out.append(
                    .rule(
                        Rule(
                            head: dominated, body: scopingAggregateResults(readingRepeatedNegatedVariables(full, head: dominated)),
                            text: text, location: dominated.location, subsumption: true, variablesWrittenOnce: writtenOnce)))
            }
        }
        return out
    }

    /// `r(count : p(_) - 1) :- q.` reads as `r(n) :- q, n = count : p(_) - 1.`, as in Soufflé:
    /// head arguments holding an aggregate become body equalities.
    func liftingHeadAggregates(_ head: Atom) -> (Atom, [Literal]) {
        var out = head
        var literals: [Literal] = []
        for (k, argument) in head.arguments.enumerated() where argument.containsAggregate {
            let name = "$head\(k)"
            out.arguments[k] = .variable(name, argument.location)
            literals.append(.comparison(.equal, .variable(name, argument.location), argument, argument.location))
        }
        return (out, literals)
    }

    /// In `y = max y : r(y)` (with `y` in no other body literal) the inner `y` is the
    /// aggregate's own, as Soufflé scopes it: renamed apart from the result.
    func scopingAggregateResults(_ body: [Literal]) -> [Literal] {
        body.enumerated().map { (i, literal) in
            guard case .comparison(.equal, let a, let b, let l) = literal else { return literal }
            let result: String
            switch (a, b) {
            case (.variable(let v, _), .aggregate), (.aggregate, .variable(let v, _)): result = v
            default: return literal
            }
            let elsewhere = body.indices.contains { $0 != i && deepVariables([body[$0]]).contains { $0.0 == result } }
            guard !elsewhere else { return literal }
            let inner = result + "'"
            if case .aggregate = b { return .comparison(.equal, a, b.renaming(result, to: inner), l) }
            return .comparison(.equal, a.renaming(result, to: inner), b, l)
        }
    }

    /// `Tallest(s, h) :- h = max x : { Student(s, x) }.`: `s`, used in the head and otherwise only
    /// inside a `min` or `max`, is a witness (as in Soufflé): it takes its value from the tuples
    /// of the body that reach the extremum. The rule reads
    /// `h = max x : { Student(s', x) }, Student(s, x'), x' = h`: the aggregate groups by what is
    /// bound outside it only, and a copy of its body, its own variables renamed apart, finds the
    /// witnesses. Where several tuples reach it, each gives a witness (Soufflé keeps one).
    func bindingWitnesses(_ body: [Literal], head: Atom) throws -> [Literal] {
        let headVariables = Set(head.arguments.flatMap(variables(of:)).map(\.0))
        var out: [Literal] = []
        for (i, literal) in body.enumerated() {
            guard case .comparison(.equal, let a, let b, let l) = literal else {
                out.append(literal)
                continue
            }
            let (result, aggregate): (Expression, Expression)
            switch (a, b) {
            case (.variable, .aggregate), (.anonymous, .aggregate): (result, aggregate) = (a, b)
            case (.aggregate, .variable), (.aggregate, .anonymous): (result, aggregate) = (b, a)
            default:
                out.append(literal)
                continue
            }
            guard case .aggregate(let kind, let target, let inner, let at) = aggregate else {
                out.append(literal)
                continue
            }
            let resultVariables = Set(Datalog.variables(of: result).map(\.0))
            let inOtherLiterals = Set(deepVariables(body.indices.filter { $0 != i }.map { body[$0] }).map(\.0))
            let outside = headVariables.union(inOtherLiterals).union(resultVariables)
            let occurrences = deepVariables(inner) + (target.map(Datalog.variables(of:)) ?? [])
            let used = Set(occurrences.map(\.0))
            let witnesses = used.intersection(headVariables).subtracting(inOtherLiterals).subtracting(resultVariables)
            guard !witnesses.isEmpty else {
                out.append(literal)
                continue
            }
            guard let target, kind == .min || kind == .max else {
                let (name, place) = occurrences.first { witnesses.contains($0.0) } ?? (witnesses.sorted()[0], at)
                throw DatalogError(
                    "not supported: '\(name)' is bound only inside a \(kind.rawValue) aggregate", at: place,
                    hint: "only min and max give their variables a value outside (a witness); bind '\(name)' in the body")
            }
            var grouped = aggregate
            for w in witnesses { grouped = grouped.renaming(w, to: w + "'") }
            var copy = inner
            var copyTarget = target
            for v in used.subtracting(outside) {
                copy = copy.map { $0.renaming(v, to: "\(v)'\(i)") }
                copyTarget = copyTarget.renaming(v, to: "\(v)'\(i)")
            }
            var value = result
            if case .anonymous = result { value = .variable("$witnessed\(i)", result.location) }
            out.append(.comparison(.equal, value, grouped, l))
            out += copy
            out.append(.comparison(.equal, copyTarget, value, at))
        }
        return out
    }

    /// `!s(x, p, p)` with `p` nowhere else in the rule reads "no p with s(x, p, p)" (as Nemo
    /// reads it): the negation becomes `count : { s(x, p, p) } = 0`, where `p` is local.
    func readingRepeatedNegatedVariables(_ body: [Literal], head: Atom) -> [Literal] {
        var mentions: [String: Int] = [:]
        for v in Set(head.arguments.flatMap(variables(of:)).map(\.0)) { mentions[v, default: 0] += 1 }
        for literal in body { for v in Set(deepVariables([literal]).map(\.0)) { mentions[v, default: 0] += 1 } }
        return body.map { literal in
            guard case .negative(let atom, let l) = literal else { return literal }
            let uses = atom.arguments.flatMap(variables(of:)).map(\.0)
            // `mentions` counts literals (and the head); `uses` counts occurrences in this atom.
            let whole = atom.arguments.compactMap { if case .variable(let v, _) = $0 { return v } else { return nil } }
            // Only whole arguments: `!r(y + 1, y)` would need `y` bound, and stays an error.
            let repeated = Set(
                whole.filter { v in
                    mentions[v] == 1 && whole.filter { $0 == v }.count > 1 && uses.filter { $0 == v }.count == whole.filter { $0 == v }.count
                })
            guard !repeated.isEmpty else { return literal }
            let none = Expression.aggregate(.count, nil, [.positive(atom)], l)
            return .comparison(.equal, none, .constant(.number(0), l), l)
        }
    }

    func variables(of literal: Literal, into seen: inout [String], seenSet: inout Set<String>) {
        var found: [(String, SourceLocation)] = []
        switch literal {
        case .positive(let a): for e in a.arguments { e.collectVariables(into: &found) }
        case .negative: break
        case .comparison(_, let a, let b, _):
            a.collectVariables(into: &found)
            b.collectVariables(into: &found)
        case .predicate(_, _, let args, _): for e in args { e.collectVariables(into: &found) }
        }
        for (v, _) in found where seenSet.insert(v).inserted { seen.append(v) }
    }

    mutating func parseDirective(_ name: String, at dot: Token) throws -> [Statement] {
        let keyword = tokens[position - 1]
        switch name {
        case "decl":
            var out: [Statement] = []
            repeat {
                if !out.isEmpty { position += 1 }
                // `.decl a, b(x: number)` declares each name with the same columns.
                var names = [try expectIdentifier("a relation name after .decl")]
                while current.isPunctuation(",") {
                    position += 1
                    names.append(try expectIdentifier("a relation name after ','"))
                }
                _ = try expect("(", "after the relation name in .decl")
                var columns: [(String, ValueType)] = []
                var unresolved: [(column: Int, type: String, token: Token)] = []
                while !current.isPunctuation(")") {
                    if !columns.isEmpty { _ = try expect(",", "between columns") }
                    let (col, _) = try expectIdentifier("a column name")
                    _ = try expect(":", "after the column name", hint: "columns read `name: symbol` or `name: number`")
                    let (typeName, typeToken) = try expectIdentifier("a type (symbol or number)")
                    let known = type(named: typeName)
                    if known == nil { unresolved.append((columns.count, qualifiedType(typeName), typeToken)) }
                    columns.append((col, known ?? .symbol))
                }
                position += 1
                var qualifiers: Set<String> = []
                var choiceDomains: [[Int]] = []
                while let q = current.identifier {
                    if declarationQualifiers.contains(q) {
                        qualifiers.insert(q)
                        position += 1
                    } else if q == "choice", next.isPunctuation("-"), tokens[position + 2].identifier == "domain" {
                        position += 3
                        choiceDomains += try parseChoiceDomains(columns: columns.map(\.0))
                    } else {
                        break
                    }
                }
                for (written, relToken) in names {
                    let rel = qualifiedRelation(written)
                    for u in unresolved { unresolvedColumns.append((rel, u.column, u.type, u.token)) }
                    out.append(
                        .declaration(
                            Declaration(
                                relation: rel, columns: columns, location: location(relToken), choiceDomains: choiceDomains,
                                isInline: qualifiers.contains("inline"))))
                    if qualifiers.contains("eqrel") {
                        guard columns.count == 2 else {
                            throw error("an eqrel relation has two columns", at: relToken)
                        }
                        out += equivalenceRules(rel, at: location(relToken))
                    }
                }
            } while current.isPunctuation(",") && next.identifier != nil
            return out
        case "pragma", "functor", "plan":
            if name == "pragma", case .string("magic-transform") = current.kind, case .string(let relations) = next.kind {
                magicSelection = MagicSelection(relations)
            }
            // Soufflé tuning and foreign-function declarations: nothing to do here; skip to the next statement.
            while current.kind != .end && !(current.isPunctuation(".") && next.identifier != nil && next.start == current.end)
                && current.line == keyword.line
            {
                position += 1
            }
            return []
        case "comp":
            let definition = try parseComponent()
            guard components[definition.name] == nil else {
                throw DatalogError("component '\(definition.name)' is declared twice", at: definition.location)
            }
            components[definition.name] = definition
            return []
        case "init":
            pendingInstances.append((try parseInstance(), 0))
            return []
        case "override":
            throw DatalogError(
                "'.override' outside a component", at: span(from: dot, to: keyword),
                hint: "a component overrides the rules of its base: `.comp B : A { .override r … }`")
        case "symbol_type", "number_type":
            // Soufflé's older spelling of `.type T <: symbol` / `.type T <: number`.
            let (typeName, _) = try expectIdentifier("a type name after .\(name)")
            types[qualifiedType(typeName)] = name == "symbol_type" ? .symbol : .number
            return []
        case "type":
            let (typeName, _) = try expectIdentifier("a type name after .type")
            guard current.isPunctuation("<:") || current.isPunctuation("=") else {
                types[qualifiedType(typeName)] = .symbol
                return []
            }
            position += 1
            if current.isPunctuation("[") {
                // A record type: `[x: number, rest: List]` (its fields are not checked).
                position += 1
                _ = try parseTypeFields(closing: "]")
                types[qualifiedType(typeName)] = .record
                return []
            }
            if current.identifier != nil, next.isPunctuation("{") {
                // An algebraic data type: `A {x: number} | B {}`.
                repeat {
                    if current.isPunctuation("|") { position += 1 }
                    _ = try expectIdentifier("a branch name")
                    _ = try expect("{", "after the branch name", hint: "a branch reads `Name {field: type, …}`")
                    _ = try parseTypeFields(closing: "}")
                } while current.isPunctuation("|")
                types[qualifiedType(typeName)] = .adt
                return []
            }
            var members: [(name: String, token: Token)] = []
            repeat {
                if current.isPunctuation("|") { position += 1 }
                members.append(try expectIdentifier("a base type"))
            } while current.isPunctuation("|")
            typeAliases[qualifiedType(typeName)] = members.map { (qualifiedType($0.name), $0.token) }
            return []
        case "input", "output", "printsize", "limitsize":
            var names: [(String, Token)] = []
            repeat {
                if !names.isEmpty { position += 1 }
                names.append(try expectQualifiedName("a relation name after .\(name)"))
            } while current.isPunctuation(",")
            var parameters: [String: String] = [:]
            if current.isPunctuation("(") {
                position += 1
                while !current.isPunctuation(")") {
                    if !parameters.isEmpty { _ = try expect(",", "between parameters") }
                    let (key, _) = try expectIdentifier("a parameter name")
                    _ = try expect("=", "after the parameter name")
                    switch current.kind {
                    case .string(let s): parameters[key] = s
                    case .identifier(let s): parameters[key] = s
                    case .integer(let v): parameters[key] = String(v)
                    case .float(let v): parameters[key] = Value.floatText(v)
                    default: throw error("expected a parameter value, found \(describe(current))", at: current)
                    }
                    position += 1
                }
                position += 1
            }
            if let io = parameters["IO"], io != "file", io != "stdout" {
                throw error("not supported: IO=\(io)", at: keyword, hint: "IO=file (the default) or IO=stdout")
            }
            var limit = 0
            if name == "limitsize" {
                guard let n = parameters["n"].flatMap({ Int($0) }), n >= 0, parameters.count == 1 else {
                    throw DatalogError(
                        ".limitsize takes the number of tuples as n=N", at: span(from: dot, to: keyword),
                        hint: "`.limitsize path(n=1000)` stops deriving path tuples once it holds 1000")
                }
                limit = n
            }
            return names.map { (written, t) in
                let rel = qualifiedRelation(written)
                switch name {
                case "input": return .directive(.input(rel, parameters: parameters, location(t)))
                case "output": return .directive(.output(rel, parameters: parameters, location(t)))
                case "limitsize": return .directive(.limitSize(rel, tuples: limit, location(t)))
                default: return .directive(.printSize(rel, location(t)))
                }
            }
        default:
            throw DatalogError(
                "unknown directive '.\(name)'", at: span(from: dot, to: keyword),
                hint: closest(to: name, among: Array(directiveNames)).map { "did you mean '.\($0)'?" }
                    ?? "directives are .decl, .input, .output, .printsize, .type")
        }
    }

    /// `name: type` pairs up to `closing` (the opening bracket was read).
    mutating func parseTypeFields(closing: String) throws -> [(name: String, type: String)] {
        var fields: [(name: String, type: String)] = []
        while !current.isPunctuation(closing) {
            if !fields.isEmpty { _ = try expect(",", "between fields", hint: "close the fields with '\(closing)'") }
            let (field, _) = try expectIdentifier("a field name")
            _ = try expect(":", "after the field name", hint: "fields read `name: type`")
            let (type, _) = try expectIdentifier("the field's type")
            fields.append((field, type))
        }
        position += 1
        return fields
    }

    /// `.decl r(a, b) eqrel`: r is closed under reflexivity (on its values), symmetry and transitivity.
    func equivalenceRules(_ relation: String, at l: SourceLocation) -> [Statement] {
        func atom(_ a: String, _ b: String) -> Atom {
            Atom(relation: relation, arguments: [a == "_" ? .anonymous(l) : .variable(a, l), b == "_" ? .anonymous(l) : .variable(b, l)], location: l)
        }
        let rules: [(Atom, [Atom], String)] = [
            (atom("x", "x"), [atom("x", "_")], "\(relation)(x, x) :- \(relation)(x, _)."),
            (atom("y", "y"), [atom("_", "y")], "\(relation)(y, y) :- \(relation)(_, y)."),
            (atom("y", "x"), [atom("x", "y")], "\(relation)(y, x) :- \(relation)(x, y)."),
            (atom("x", "z"), [atom("x", "y"), atom("y", "z")], "\(relation)(x, z) :- \(relation)(x, y), \(relation)(y, z).")
        ]
        return rules.map { .rule(Rule(head: $0.0, body: $0.1.map { .positive($0) }, text: $0.2 + "  (eqrel)", location: l)) }
    }

    /// After `choice-domain`: `a`, `(a, b)`, or several of them separated by ',' (a ',' before
    /// `name(` starts the next relation of the `.decl` instead).
    mutating func parseChoiceDomains(columns: [String]) throws -> [[Int]] {
        func column() throws -> Int {
            let (name, token) = try expectIdentifier("a column name in choice-domain")
            guard let index = columns.firstIndex(of: name) else {
                throw error(
                    "choice-domain names '\(name)', which is not a column", at: token,
                    hint: "the columns are \(columns.joined(separator: ", "))")
            }
            return index
        }
        var domains: [[Int]] = []
        repeat {
            if !domains.isEmpty { position += 1 }
            if current.isPunctuation("(") {
                position += 1
                var domain = [try column()]
                while current.isPunctuation(",") {
                    position += 1
                    domain.append(try column())
                }
                _ = try expect(")", "to close the choice-domain")
                domains.append(domain)
            } else {
                domains.append([try column()])
            }
        } while current.isPunctuation(",") && (next.isPunctuation("(") || !tokens[position + 2].isPunctuation("("))
        return domains
    }

    /// An atom: `name(args)` or a bare `name` (zero arity).
    mutating func parseAtom(context: String) throws -> Atom {
        guard let name = current.identifier else {
            throw error(
                "expected \(context), found \(describe(current))", at: current,
                hint: current.isPunctuation("?") ? "queries start with '?-'" : nil)
        }
        let nameToken = current
        position += 1
        let written = name + qualifiedNameRest()
        let nameLocation = span(from: nameToken, to: tokens[position - 1])
        var arguments: [Expression] = []
        if current.isPunctuation("(") {
            position += 1
            while !current.isPunctuation(")") {
                if !arguments.isEmpty {
                    _ = try expect(",", "between arguments of '\(written)'", hint: "arguments are separated by ','")
                }
                arguments.append(try parseExpression())
            }
            position += 1
        }
        return Atom(relation: qualifiedRelation(written), arguments: arguments, location: nameLocation)
    }

    /// Body: conjunctions separated by `;`, returned in disjunctive normal form.
    mutating func parseDisjunction() throws -> [[Literal]] {
        var alternatives: [[Literal]] = []
        repeat {
            if !alternatives.isEmpty { position += 1 }
            let start = current
            alternatives += try parseConjunction()
            if alternatives.count > Parser.maximumAlternatives { throw tooManyAlternatives(at: start) }
        } while current.isPunctuation(";")
        return alternatives
    }

    func tooManyAlternatives(at t: Token) -> DatalogError {
        error(
            "the body has more than \(Parser.maximumAlternatives) alternatives once its ';' are expanded", at: t,
            hint: "each alternative becomes a rule of its own; define a relation for each group of alternatives")
    }

    mutating func parseConjunction() throws -> [[Literal]] {
        var product: [[Literal]] = [[]]
        var longest = 0
        repeat {
            if current.isPunctuation(",") { position += 1 }
            let start = current
            let item = try parseBodyItem()
            if item.count == 1 {
                for k in product.indices { product[k] += item[0] }  // in place: linear in the body's length
            } else {
                guard product.count * item.count <= Parser.maximumAlternatives else { throw tooManyAlternatives(at: start) }
                var combined: [[Literal]] = []
                for prefix in product { for alt in item { combined.append(prefix + alt) } }
                product = combined
            }
            longest += item.lazy.map(\.count).max() ?? 0
            if longest > Parser.maximumBodyLiterals {
                throw error(
                    "the body has more than \(Parser.maximumBodyLiterals) literals", at: start,
                    hint: "split the rule: define a relation for part of the body and use it here")
            }
        } while current.isPunctuation(",")
        return product
    }

    mutating func parseBodyItem() throws -> [[Literal]] {
        if current.isPunctuation("!") {
            // `!( a ; b )`, `!!( a , b )`: a negated group, rewritten into what it means.
            var k = position
            while tokens[k].isPunctuation("!") { k += 1 }
            if tokens[k].isPunctuation("(") {
                let bang = position
                position = k
                let group = try parseBodyItem()
                return (k - bang) % 2 == 0 ? group : try negating(group, from: bang)
            }
        }
        if current.isPunctuation("(") {
            // A group `( a ; b )` or a parenthesised comparison; otherwise an expression like `(x+1) < y`.
            let saved = (position, deepestHeight, negatedGroups.count)
            try enter(current)
            position += 1
            let group = try? parseDisjunction()
            nesting -= 1
            // `(max(x, y)) = 3` is a comparison, not the group `(max(x, y))` (an atom `max`).
            if let group, current.isPunctuation(")"), isEndOfLiteral(next) {
                position += 1
                return group
            }
            (position, deepestHeight) = (saved.0, saved.1)
            negatedGroups.removeSubrange(saved.2...)
        }
        return [[try parseLiteral()]]
    }

    /// The negation of a group in disjunctive normal form, again in that form: `!(a ; b)` is
    /// `!a, !b` and `!(a, b)` is `!a ; !b`. A variable that joins two literals of one alternative
    /// (`!(p(x, y), q(y))`) is only rewritten correctly if it is bound outside the group: that is
    /// checked once the statement is read (see `checkNegatedGroups`).
    mutating func negating(_ group: [[Literal]], from bang: Int) throws -> [[Literal]] {
        var joining: Set<String> = []
        for alternative in group where alternative.count > 1 {
            var literalsMentioning: [String: Int] = [:]
            for literal in alternative { for v in Set(deepVariables([literal]).map(\.0)) { literalsMentioning[v, default: 0] += 1 } }
            joining.formUnion(literalsMentioning.filter { $0.value > 1 }.keys)
        }
        if !joining.isEmpty {
            negatedGroups.append((joining.sorted(), bang..<position))
        }
        var product: [[Literal]] = [[]]
        for alternative in group {
            guard product.count * alternative.count <= Parser.maximumAlternatives else { throw tooManyAlternatives(at: tokens[bang]) }
            product = product.flatMap { prefix in alternative.map { prefix + [$0.negated] } }
        }
        return product
    }

    /// Throws if a variable that joins literals inside a negated group (see `negating`) appears
    /// nowhere else in the statement of tokens `range`: "no y with p(x, y) and q(y)" has no
    /// rewriting into single negations.
    func checkNegatedGroups(in range: Range<Int>) throws {
        for group in negatedGroups {
            for name in group.variables {
                let elsewhere = range.contains { k in
                    !group.tokens.contains(k) && tokens[k].identifier == name && !tokens[k + 1].isPunctuation("(")
                }
                guard elsewhere else {
                    throw DatalogError(
                        "not supported: '\(name)' joins literals inside a negated group and appears nowhere else",
                        at: location(tokens[group.tokens.lowerBound]),
                        hint: "define a relation for the group, e.g. `both(x) :- p(x, y), q(y).`, and negate it: `!both(x)`")
                }
            }
        }
    }

    mutating func parseLiteral() throws -> Literal {
        let start = current
        let startIndex = position
        if current.isPunctuation("!") || (current.identifier == "not" && next.identifier != nil) {
            position += 1
            if let name = current.identifier, builtinPredicates.contains(name), next.isPunctuation("(") {
                guard case .predicate(let name, _, let args, _) = try parseLiteral() else { preconditionFailure("a built-in predicate parses as one") }
                return .predicate(name, negated: true, args, span(from: start, to: tokens[position - 1]))
            }
            let atom = try parseAtom(context: "an atom after negation")
            return .negative(atom, span(from: start, to: tokens[position - 1]))
        }
        if let name = current.identifier {
            // Soufflé's constraint literals.
            if (name == "true" || name == "false") && isEndOfLiteral(next) {
                position += 1
                let l = location(start)
                return .comparison(.equal, .constant(.number(1), l), .constant(.number(name == "true" ? 1 : 0), l), l)
            }
            let isCall = next.isPunctuation("(")
            if isCall && builtinPredicates.contains(name) {
                position += 2
                var args: [Expression] = []
                while !current.isPunctuation(")") {
                    if !args.isEmpty { _ = try expect(",", "between arguments of \(name)") }
                    args.append(try parseExpression())
                }
                position += 1
                guard args.count == 2 else {
                    throw error("\(name) takes 2 arguments, got \(args.count)", at: start)
                }
                return .predicate(name, negated: false, args, span(from: start, to: tokens[position - 1]))
            }
            let startsExpression =
                BuiltinFunction(rawValue: name) != nil && isCall
                || AggregateKind(rawValue: name) != nil && !isCall && !isEndOfLiteral(next)
            let isAtom = !startsExpression && (isCall || isEndOfLiteral(next))
            if isAtom { return .positive(try parseAtom(context: "an atom")) }
        }
        let lhs = try parseExpression()
        if case .call(let function, let arguments, _) = lhs, let name = start.identifier, name == function.rawValue, tokens[startIndex + 1].isPunctuation("("),
            isEndOfLiteral(current)
        {
            // A relation named like a function, `abs(f, _, b)`, used as an atom.
            return .positive(Atom(relation: qualifiedRelation(name), arguments: arguments, location: location(start)))
        }
        guard case .punctuation(let p) = current.kind, let op = ComparisonOperator(rawValue: p) else {
            throw error(
                "expected a comparison (= != < <= > >=) after the expression, found \(describe(current))",
                at: current, hint: "a body holds atoms like r(x, y), negations, and comparisons like x < y")
        }
        position += 1
        let rhs = try parseExpression()
        return .comparison(op, lhs, rhs, span(from: start, to: tokens[position - 1]))
    }

    func isEndOfLiteral(_ t: Token) -> Bool {
        t.isPunctuation(",") || t.isPunctuation(".") || t.isPunctuation(";") || t.isPunctuation(")")
            || t.isPunctuation("}") || t.isPunctuation(":-")
    }

    /// Binary operators from loosest to tightest (Soufflé's precedence), all left associative.
    static let precedence: [[String]] = [
        ["lor"], ["lxor"], ["land"], ["bor"], ["bxor"], ["band"], ["bshl", "bshr", "bshru"],
        ["+", "-"], ["*", "/", "%"]
    ]

    /// One more level of nesting at `t` (always paired with `nesting -= 1`).
    mutating func enter(_ t: Token) throws {
        nesting += 1
        if nesting > Parser.maximumNesting {
            nesting -= 1
            throw error(
                "nested too deeply: more than \(Parser.maximumNesting) levels of parentheses, argument lists, unary operators or aggregates",
                at: t, hint: "name inner parts with variables: `y = (a + b), x = y * c`")
        }
    }

    /// A node built at `t` with the given height, if it stays within `maximumExpressionHeight`.
    func node(_ e: Expression, height: Int, at t: Token) throws -> Parsed {
        guard height <= Parser.maximumExpressionHeight else {
            throw error(
                "expression too deep: more than \(Parser.maximumExpressionHeight) levels of operators", at: t,
                hint: "name parts of a long chain with variables: `a = x1 + x2 + x3, b = a + x4 + x5`")
        }
        return (e, height)
    }

    mutating func parseExpression() throws -> Expression {
        try parseNested().expression
    }

    mutating func parseNested() throws -> Parsed {
        try enter(current)
        defer { nesting -= 1 }
        let parsed = try parseBinary(level: 0)
        deepestHeight = max(deepestHeight, parsed.height)
        return parsed
    }

    /// The binary operator at the current token and its level in `precedence`, if it is one.
    func binaryOperator() -> (BinaryOperator, level: Int)? {
        let spelling: String
        switch current.kind {
        case .punctuation(let p): spelling = p
        case .identifier(let word): spelling = word
        default: return nil
        }
        guard let op = BinaryOperator(rawValue: spelling), let level = Parser.precedence.firstIndex(where: { $0.contains(spelling) }) else {
            return nil
        }
        return (op, level)
    }

    /// Operators of `level` and tighter, by precedence climbing: left-associative chains are
    /// built by the loop, so a long `1 + 1 + …` does not recurse, and one level of parentheses
    /// costs one frame of this function, not one per precedence level.
    mutating func parseBinary(level: Int) throws -> Parsed {
        var lhs = try parseUnary()
        while let (op, operatorLevel) = binaryOperator(), operatorLevel >= level {
            let token = current
            position += 1
            let rhs = try parseBinary(level: operatorLevel + 1)
            lhs = try node(
                .binary(op, lhs.expression, rhs.expression, location(token)),
                height: 1 + max(lhs.height, rhs.height), at: token)
        }
        return lhs
    }

    mutating func parseUnary() throws -> Parsed {
        if current.isPunctuation("-") {
            let minus = current
            position += 1
            // The smallest number can only be written negated: its digits alone do not fit.
            if case .integer(let n) = current.kind, n == maximumNumber + 1, !next.isPunctuation("^") {
                var loc = location(minus)
                if current.line == minus.line { loc.length = current.end - minus.start }
                position += 1
                return (.constant(.number(minimumNumber), loc), 1)
            }
            try enter(minus)
            defer { nesting -= 1 }
            let operand = try parseUnary()
            if case .constant(let v, let l) = operand.expression {
                var loc = location(minus)
                if l.line == loc.line { loc.length = l.column + l.length - loc.column }
                if case .number(let n) = v {
                    guard n != minimumNumber else {
                        throw error(
                            "integer overflow: -(\(n)) does not fit in 62 bits", at: minus,
                            hint: "numbers range from \(minimumNumber) to \(maximumNumber)")
                    }
                    return (.constant(.number(-n), loc), 1)
                }
                if case .float(let d) = v { return (.constant(.float(-d), loc), 1) }
            }
            return try node(.negate(operand.expression, location(minus)), height: operand.height + 1, at: minus)
        }
        if let word = current.identifier, let function = BuiltinFunction(rawValue: word), function == .bnot || function == .lnot,
            !isEndOfLiteral(next)
        {
            let token = current
            position += 1
            try enter(token)
            defer { nesting -= 1 }
            let operand = try parseUnary()
            return try node(.call(function, [operand.expression], location(token)), height: operand.height + 1, at: token)
        }
        return try parsePower()
    }

    /// `a ^ b` binds tighter than `*` and is right associative.
    mutating func parsePower() throws -> Parsed {
        let base = try parsePrimary()
        guard current.isPunctuation("^") else { return base }
        let op = current
        position += 1
        try enter(op)
        defer { nesting -= 1 }
        let exponent = try parseUnary()
        return try node(
            .binary(.power, base.expression, exponent.expression, location(op)),
            height: 1 + max(base.height, exponent.height), at: op)
    }

    mutating func parsePrimary() throws -> Parsed {
        let t = current
        switch t.kind {
        case .integer(let n):
            guard n <= maximumNumber else {
                throw DatalogError(
                    "integer literal is too large", at: location(t),
                    hint: "numbers have 62 bits: from \(minimumNumber) to \(maximumNumber)")
            }
            position += 1
            return (.constant(.number(n), location(t)), 1)
        case .string(let s):
            position += 1
            return (.constant(.symbol(s), location(t)), 1)
        case .float(let d):
            position += 1
            return (.constant(.float(d), location(t)), 1)
        case .unsigned(let n):
            position += 1
            return (.constant(.unsigned(n), location(t)), 1)
        case .punctuation("["), .branch:
            return try parseCompound()
        case .identifier("nil") where !next.isPunctuation("("):
            position += 1
            return (.constant(.nilRecord, location(t)), 1)
        case .punctuation("("):
            position += 1
            let e = try parseNested()
            _ = try expect(")", "to close '('")
            return e
        case .identifier(let name):
            position += 1
            if name == "_" { return (.anonymous(location(t)), 1) }
            if let kind = AggregateKind(rawValue: name) {
                if kind == .count && current.isPunctuation(":") { return try parseAggregateBody(kind, target: nil, at: t) }
                if !current.isPunctuation("(") && !isEndOfLiteral(current) && !current.isPunctuation(":") {
                    let target = try parseNested()
                    return try parseAggregateBody(kind, target: target, at: t)
                }
            }
            if current.isPunctuation("(") {
                position += 1
                var args: [Parsed] = []
                while !current.isPunctuation(")") {
                    if !args.isEmpty { _ = try expect(",", "between arguments of \(name)") }
                    args.append(try parseNested())
                }
                position += 1
                if let kind = AggregateKind(rawValue: name), current.isPunctuation(":"), args.count == 1 {
                    return try parseAggregateBody(kind, target: args[0], at: t)
                }
                guard let function = BuiltinFunction(rawValue: name), function != .bnot && function != .lnot else {
                    throw DatalogError(
                        "unknown function '\(name)'", at: location(t),
                        hint: "functions are \(Parser.functionNames); an atom cannot be used as a value")
                }
                return try node(
                    .call(function, args.map(\.expression), span(from: t, to: tokens[position - 1])),
                    height: 1 + (args.lazy.map(\.height).max() ?? 0), at: t)
            }
            return (.variable(name, location(t)), 1)
        default:
            throw error("expected a value (variable, \"string\", number), found \(describe(t))", at: t)
        }
    }

    /// A record `[a, b]` (`[]` is nil) or a branch `$Name(a, b)`, `$Name()`, `$Name`; made of
    /// constants, it is a constant. Its own function: parsePrimary's frame, repeated at every
    /// level of nesting, stays small.
    @inline(never)
    mutating func parseCompound() throws -> Parsed {
        let t = current
        position += 1
        var fields: [Parsed] = []
        var name: String?
        if case .branch(let n) = t.kind {
            name = n
            if current.isPunctuation("(") {
                position += 1
                fields = try parseFields(closing: ")", of: "$\(n)")
            }
        } else {
            fields = try parseFields(closing: "]", of: "the record")
        }
        let expressions = fields.map(\.expression)
        let l = span(from: t, to: tokens[position - 1])
        if let values = constantValues(expressions) {
            return (.constant(name.map { .branch($0, values) } ?? .record(values), l), 1)
        }
        let e: Expression = name.map { .branch($0, expressions, l) } ?? .record(expressions, l)
        return try node(e, height: 1 + (fields.lazy.map(\.height).max() ?? 0), at: t)
    }

    /// Comma-separated expressions up to `closing` (the opening bracket was read).
    mutating func parseFields(closing: String, of what: String) throws -> [Parsed] {
        try enter(tokens[position - 1])
        defer { nesting -= 1 }
        var fields: [Parsed] = []
        while !current.isPunctuation(closing) {
            if !fields.isEmpty { _ = try expect(",", "between the fields of \(what)", hint: "close it with '\(closing)'") }
            fields.append(try parseNested())
        }
        position += 1
        return fields
    }

    /// The values of expressions that are all constants; nil otherwise.
    func constantValues(_ expressions: [Expression]) -> [Value]? {
        var values: [Value] = []
        for e in expressions {
            guard case .constant(let v, _) = e else { return nil }
            values.append(v)
        }
        return values
    }

    mutating func parseAggregateBody(_ kind: AggregateKind, target: Parsed?, at t: Token) throws -> Parsed {
        _ = try expect(":", "after the aggregate", hint: "write e.g. `n = count : { r(x, _) }`")
        try enter(t)
        defer { nesting -= 1 }
        let outerHeight = deepestHeight
        deepestHeight = 0
        var body: [Literal]
        if current.isPunctuation("{") {
            position += 1
            let alternatives = try parseDisjunction()
            _ = try expect("}", "to close the aggregate body")
            guard alternatives.count == 1 else {
                throw error("an aggregate body cannot use ';'", at: t)
            }
            body = alternatives[0]
        } else {
            body = [.positive(try parseAtom(context: "an atom for the aggregate"))]
        }
        let height = 2 + max(target?.height ?? 0, deepestHeight)
        deepestHeight = outerHeight
        return try node(.aggregate(kind, target?.expression, body, span(from: t, to: t)), height: height, at: t)
    }
}
