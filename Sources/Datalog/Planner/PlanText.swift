// The plans of a program, and their text form (`tupu run --show-plan`, `:plan GOAL`).
//
// The text reads like Soufflé's RAM: one line per step, each nested under the step that
// produces its bindings. `tN` names the tuple an atom step reads, `tN.c` its column c;
// `path.recent` and `path.stable` are the semi-naive versions, plain `path` all its tuples.

/// The plans of one stratum: the rules that run once, the recursive versions (one per body
/// atom of the stratum, read as recent tuples) and the subsumption rules.
struct StratumPlan: Sendable {
    let relations: [String]
    let once: [RulePlan]
    let recursive: [RulePlan]
    let subsumptions: [RulePlan]

    var isEmpty: Bool { once.isEmpty && recursive.isEmpty && subsumptions.isEmpty }
}

/// The plans of every stratum, in evaluation order.
struct ProgramPlan: Sendable {
    let strata: [StratumPlan]

    /// The strata that have rules, each with its rule plans; base relations are left out.
    func text(symbols: SymbolTable) -> String {
        var out = ""
        var number = 0
        for stratum in strata where !stratum.isEmpty {
            number += 1
            let kind = stratum.recursive.isEmpty ? "" : " (recursive)"
            out += "STRATUM \(number): \(stratum.relations.joined(separator: ", "))\(kind)\n"
            for plan in stratum.once + stratum.recursive + stratum.subsumptions {
                out += plan.text(symbols: symbols, indent: 1)
            }
        }
        return out.isEmpty ? "no rules\n" : out
    }
}

extension RulePlan {
    /// The rule (or query) as written, then its steps, indented two spaces per level.
    func text(symbols: SymbolTable, indent: Int = 0) -> String {
        var printer = PlanPrinter(plan: self, symbols: symbols)
        let pad = String(repeating: "  ", count: indent)
        let written = source.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        var header = pad + written
        var notes: [String] = []
        if let location { notes.append("\(location.file):\(location.line)") }
        if let deltaLiteral { notes.append("recent tuples of body literal \(deltaLiteral + 1)") }
        if !notes.isEmpty { header += "   # " + notes.joined(separator: ", ") }
        printer.lines.append(header)
        printer.print(from: 0, depth: indent + 1)
        return printer.lines.joined(separator: "\n") + "\n"
    }
}

/// Walks a plan's steps and writes one line per step.
private struct PlanPrinter {
    let plan: RulePlan
    let symbols: SymbolTable
    var lines: [String] = []
    /// Tuple names (`t0`, `t1`, …) by atom step, in the order printed.
    var tupleCount = 0

    init(plan: RulePlan, symbols: SymbolTable) {
        self.plan = plan
        self.symbols = symbols
    }

    /// Prints the steps from `start` to the end of its sequence (the terminal step, or an
    /// aggregate body's `accumulate`), each one level below the previous.
    mutating func print(from start: Int, depth: Int) {
        var pc = start
        var depth = depth
        while pc < plan.steps.count {
            let pad = String(repeating: "  ", count: depth)
            let step = plan.steps[pc]
            switch step {
            case .scan(let access):
                let t = nextTuple()
                lines.append(pad + "FOR \(t) IN \(version(access))" + columns(access, t))
            case .probe(let access):
                let t = nextTuple()
                lines.append(pad + "FOR \(t) IN \(version(access)) ON INDEX \(key(access, t))" + columns(access, t))
            case .member(let access, let negated):
                let t = nextTuple()
                if access.keyColumns.count == access.arity {
                    let values = access.key.map(expression).joined(separator: ", ")
                    lines.append(pad + "IF (\(values)) \(negated ? "NOT IN" : "IN") \(version(access))")
                } else if access.keyColumns.isEmpty {
                    lines.append(pad + "IF \(version(access)) IS \(negated ? "EMPTY" : "NOT EMPTY")")
                } else {
                    lines.append(pad + "IF \(negated ? "NOT " : "")EXISTS \(t) IN \(version(access)) ON INDEX \(key(access, t))")
                }
            case .filter(let comparison, let a, let b):
                lines.append(pad + "IF \(expression(a)) \(comparison.rawValue) \(expression(b))")
            case .predicate(let name, let negated, let a, let b, _):
                lines.append(pad + "IF \(negated ? "NOT " : "")\(name)(\(expression(a)), \(expression(b)))")
            case .assign(let register, let value):
                lines.append(pad + "LET \(name(register)) = \(expression(value))")
            case .unpack(let pattern, let value):
                lines.append(pad + "UNPACK \(self.pattern(pattern)) = \(expression(value))")
            case .generate(let register, let bounds, _):
                lines.append(pad + "FOR \(name(register)) IN range(\(bounds.map(expression).joined(separator: ", ")))")
            case .aggregate(let aggregate):
                let of = aggregate.target.map { " " + expression($0) } ?? ""
                let result = name(aggregate.result)
                let verb = aggregate.resultIsBound ? "IF \(result) =" : "LET \(result) ="
                lines.append(pad + "\(verb) \(aggregate.kind.rawValue)\(of) OF")
                print(from: aggregate.bodyStart, depth: depth + 2)
            case .accumulate(let aggregate):
                lines.append(pad + "ADD TO \(aggregate.kind.rawValue)\(aggregate.target.map { " " + expression($0) } ?? "")")
                return
            case .emit(let values):
                let tuple = "(\(values.map(expression).joined(separator: ", ")))"
                switch plan.target {
                case .relation(let relation): lines.append(pad + "INSERT \(tuple) INTO \(relation)")
                case .dominated(let relation): lines.append(pad + "REMOVE \(tuple) FROM \(relation)")
                case .answers, .capture: lines.append(pad + "ANSWER \(tuple)")
                }
                return
            case .capture(let values, let expected):
                let found = expected.map { symbols.value($0).description }.joined(separator: ", ")
                lines.append(pad + "STOP IF (\(values.map(expression).joined(separator: ", "))) = (\(found))")
                return
            }
            pc += 1
            depth += 1
        }
    }

    mutating func nextTuple() -> String {
        tupleCount += 1
        return "t\(tupleCount - 1)"
    }

    func version(_ access: AtomAccess) -> String {
        switch access.range {
        case .full: return access.relation
        case .delta: return access.relation + ".recent"
        case .old: return access.relation + ".stable"
        }
    }

    /// `t1.0 = y, t1.2 = 3`: the columns an index lookup compares.
    func key(_ access: AtomAccess, _ t: String) -> String {
        zip(access.keyColumns, access.key).map { "\(t).\($0) = \(expression($1))" }.joined(separator: " AND ")
    }

    /// ` BIND z = t1.1 CHECK t1.2 = x`: what the other columns do.
    func columns(_ access: AtomAccess, _ t: String) -> String {
        var out = ""
        if !access.binds.isEmpty {
            out += " BIND " + access.binds.map { "\(name($0.register)) = \(t).\($0.column)" }.joined(separator: ", ")
        }
        if !access.checks.isEmpty {
            out += " CHECK " + access.checks.map { "\(t).\($0.column) = \(name($0.register))" }.joined(separator: ", ")
        }
        return out
    }

    func name(_ register: Register) -> String {
        register.number < plan.registerNames.count ? plan.registerNames[register.number] : "r\(register.number)"
    }

    func expression(_ e: CompiledExpression) -> String {
        switch e {
        case .register(let r): return name(r)
        case .constant(let t): return symbols.value(t).description
        case .negate(let x, _): return "-" + expression(x)
        case .binary(let op, let a, let b, _): return "(\(expression(a)) \(op.rawValue) \(expression(b)))"
        case .call(let function, let args, _): return "\(function.rawValue)(\(args.map(expression).joined(separator: ", ")))"
        case .record(let fields): return "[\(fields.map(expression).joined(separator: ", "))]"
        case .branch(let constructor, let fields):
            return "$\(symbols.string(constructor))(\(fields.map(expression).joined(separator: ", ")))"
        }
    }

    func pattern(_ p: CompiledPattern) -> String {
        switch p {
        case .bind(let r): return name(r)
        case .check(let e): return "=" + expression(e)
        case .ignore: return "_"
        case .record(let fields): return "[\(fields.map(pattern).joined(separator: ", "))]"
        case .branch(let constructor, let fields): return "$\(symbols.string(constructor))(\(fields.map(pattern).joined(separator: ", ")))"
        }
    }
}
