// Runs an operation list: nested loops over scans and index probes, depth first.
import Foundation

/// A thread-safe flag: set it from a signal handler's thread (Ctrl-C) to stop evaluation or a query.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    public init() {}
    public func cancel() { lock.lock(); flag = true; lock.unlock() }
    public func reset() { lock.lock(); flag = false; lock.unlock() }
    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return flag }
}

final class Executor {
    let ops: [Op]
    let registers: UnsafeMutablePointer<Int>
    let registerCount: Int
    /// Tuple index matched by each positive atom (by ordinal), for explanations.
    let matched: UnsafeMutablePointer<Int>
    let symbols: SymbolTable
    let cancellation: Cancellation
    var stopped = false
    var cancelled = false
    private var ticks = 0

    init(ops: [Op], registerCount: Int, atomCount: Int, symbols: SymbolTable, cancellation: Cancellation) {
        self.ops = ops
        self.registerCount = registerCount
        registers = .allocate(capacity: max(1, registerCount))
        registers.initialize(repeating: 0, count: max(1, registerCount))
        matched = .allocate(capacity: max(1, atomCount))
        matched.initialize(repeating: -1, count: max(1, atomCount))
        self.symbols = symbols
        self.cancellation = cancellation
        for op in ops {
            switch op {
            case .probe(let p): p.index = p.relation.store.index(on: p.keyColumns)
            case .member(let m):
                if m.keyColumns.count == m.relation.arity { m.index = m.relation.store.indexes.first }
                else if !m.keyColumns.isEmpty { m.index = m.relation.store.index(on: m.keyColumns) }
            default: break
            }
        }
    }

    deinit {
        registers.deallocate()
        matched.deallocate()
    }

    /// Runs the plan once from the start. Returns false when cancelled.
    func run() -> Bool {
        stopped = false
        execute(0)
        return !cancelled
    }

    @inline(__always) func bounds(_ relation: Relation, _ range: TupleRange) -> (Int, Int) {
        switch range {
        case .full: return (0, relation.deltaEnd)
        case .delta: return (relation.stableEnd, relation.deltaEnd)
        case .old: return (0, relation.stableEnd)
        }
    }

    @inline(__always) func tick() {
        ticks &+= 1
        if ticks & 0xFFFF == 0 && cancellation.isCancelled {
            cancelled = true
            stopped = true
        }
    }

    func execute(_ pc: Int) {
        switch ops[pc] {
        case .scan(let op):
            let (lo, hi) = bounds(op.relation, op.range)
            guard lo < hi else { return }
            let store = op.relation.store
            let data = store.data, arity = store.arity
            let binds = op.binds, checks = op.registerChecks
            for t in lo..<hi {
                let tuple = data + t * arity
                for (c, r) in binds { registers[r] = tuple[c] }
                var ok = true
                for (c, r) in checks where tuple[c] != registers[r] { ok = false; break }
                if !ok { continue }
                matched[op.atom] = t
                execute(pc + 1)
                if stopped { return }
                tick()
            }
        case .probe(let op):
            let (lo, hi) = bounds(op.relation, op.range)
            guard lo < hi else { return }
            let key = op.scratch
            for k in 0..<op.key.count {
                guard let v = evaluate(op.key[k]) else { return }
                key[k] = v
            }
            let store = op.relation.store
            let data = store.data, arity = store.arity
            let index = op.index!
            var t = Int(index.find(key, hash: hashKey(key, op.key.count), data: data, arity: arity))
            let next = index.next
            let binds = op.binds, checks = op.registerChecks
            while t >= lo {
                if t < hi {
                    let tuple = data + t * arity
                    for (c, r) in binds { registers[r] = tuple[c] }
                    var ok = true
                    for (c, r) in checks where tuple[c] != registers[r] { ok = false; break }
                    if ok {
                        matched[op.atom] = t
                        execute(pc + 1)
                        if stopped { return }
                        tick()
                    }
                }
                t = Int(next[t])
            }
        case .member(let op):
            let (lo, hi) = bounds(op.relation, op.range)
            var found = false
            if lo < hi {
                let store = op.relation.store
                if let index = op.index {
                    let key = op.scratch
                    for k in 0..<op.key.count {
                        guard let v = evaluate(op.key[k]) else { return }
                        key[k] = v
                    }
                    var t = Int(index.find(key, hash: hashKey(key, op.key.count), data: store.data, arity: store.arity))
                    if index.isUnique {
                        found = t >= lo && t < hi
                    } else {
                        let next = index.next
                        while t >= lo {
                            if t < hi { found = true; break }
                            t = Int(next[t])
                        }
                    }
                    if found && op.atom >= 0 { matched[op.atom] = t }
                } else {
                    found = true  // no key columns (or arity 0): any tuple in range
                    if op.atom >= 0 { matched[op.atom] = lo }
                }
            }
            if found != op.isNegated { execute(pc + 1) }
        case .filter(let op, let a, let b):
            guard let x = evaluate(a), let y = evaluate(b) else { return }
            if compare(op, x, y) { execute(pc + 1) }
        case .predicate(let name, let a, let b):
            guard let x = evaluate(a), let y = evaluate(b), !isNumberTerm(x), !isNumberTerm(y) else { return }
            let s = symbols.string(x), t = symbols.string(y)
            let holds: Bool
            switch name {
            case "contains": holds = s.isEmpty || t.contains(s)  // Soufflé: contains(sub, s)
            case "starts_with": holds = t.isEmpty || s.hasPrefix(t)
            case "ends_with": holds = t.isEmpty || s.hasSuffix(t)
            default: holds = t.range(of: "^(?:" + s + ")$", options: .regularExpression) != nil  // match(regex, s)
            }
            if holds { execute(pc + 1) }
        case .assign(let r, let e):
            guard let v = evaluate(e) else { return }
            registers[r] = v
            execute(pc + 1)
        case .aggregate(let op):
            let saved = (op.count, op.accumulator, op.hasValue)
            op.count = 0
            op.accumulator = 0
            op.hasValue = false
            let wasStopped = stopped
            execute(op.bodyStart)
            if cancelled { return }
            stopped = wasStopped
            let result: Int?
            switch op.kind {
            case .count: result = numberTerm(op.count)
            case .sum: result = numberTerm(op.accumulator)
            case .min, .max: result = op.hasValue ? op.accumulator : nil
            }
            (op.count, op.accumulator, op.hasValue) = saved
            guard let value = result else { return }
            if op.resultIsBound {
                if registers[op.result] == value { execute(pc + 1) }
            } else {
                registers[op.result] = value
                execute(pc + 1)
            }
        case .accumulate(let op):
            op.count += 1
            guard let target = op.target, let v = evaluate(target) else { return }
            switch op.kind {
            case .count: break
            case .sum: if isNumberTerm(v) { op.accumulator &+= numberOfTerm(v) }
            case .min:
                if !op.hasValue || compare(.less, v, op.accumulator) { op.accumulator = v }
                op.hasValue = true
            case .max:
                if !op.hasValue || compare(.greater, v, op.accumulator) { op.accumulator = v }
                op.hasValue = true
            }
        case .emit(let op):
            let values = op.values
            for k in 0..<op.arguments.count {
                guard let v = evaluate(op.arguments[k]) else { return }
                values[k] = v
            }
            if op.target.find(values) < 0 {
                op.pending.append(contentsOf: UnsafeBufferPointer(start: values, count: op.arguments.count))
                if op.arguments.isEmpty { op.pending.append(0) }
            }
            tick()
        case .capture:
            stopped = true
        }
    }

    @inline(__always) func compare(_ op: ComparisonOperator, _ x: Term, _ y: Term) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        default: break
        }
        let order: Int
        if isNumberTerm(x) && isNumberTerm(y) {
            order = x < y ? -1 : (x == y ? 0 : 1)
        } else if !isNumberTerm(x) && !isNumberTerm(y) {
            if x == y { order = 0 } else {
                order = Value.symbol(symbols.string(x)) < Value.symbol(symbols.string(y)) ? -1 : 1
            }
        } else {
            return false
        }
        switch op {
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        default: return order >= 0
        }
    }

    /// Evaluates an expression; nil when it has no value (type mismatch, division by zero).
    func evaluate(_ e: CompiledExpression) -> Term? {
        switch e {
        case .register(let r): return registers[r]
        case .constant(let t): return t
        case .negate(let x):
            guard let v = evaluate(x), isNumberTerm(v) else { return nil }
            return numberTerm(0 &- numberOfTerm(v))
        case .binary(let op, let a, let b):
            guard let x = evaluate(a), let y = evaluate(b), isNumberTerm(x), isNumberTerm(y) else { return nil }
            let p = numberOfTerm(x), q = numberOfTerm(y)
            switch op {
            case .add: return numberTerm(p &+ q)
            case .subtract: return numberTerm(p &- q)
            case .multiply: return numberTerm(p &* q)
            case .divide: return q == 0 ? nil : numberTerm(p / q)
            case .modulo: return q == 0 ? nil : numberTerm(p % q)
            }
        case .call(let name, let args):
            var values: [Term] = []
            for a in args {
                guard let v = evaluate(a) else { return nil }
                values.append(v)
            }
            return call(name, values)
        }
    }

    func call(_ name: String, _ v: [Term]) -> Term? {
        func string(_ t: Term) -> String? { isNumberTerm(t) ? nil : symbols.string(t) }
        switch name {
        case "strlen":
            guard let s = string(v[0]) else { return nil }
            return numberTerm(s.unicodeScalars.count)
        case "cat":
            var out = ""
            for t in v { out += isNumberTerm(t) ? String(numberOfTerm(t)) : symbols.string(t) }
            return symbols.intern(out)
        case "to_string":
            return isNumberTerm(v[0]) ? symbols.intern(String(numberOfTerm(v[0]))) : v[0]
        case "to_number":
            if isNumberTerm(v[0]) { return v[0] }
            return Int(symbols.string(v[0])).map(numberTerm)
        case "substr":
            guard let s = string(v[0]), isNumberTerm(v[1]), isNumberTerm(v[2]) else { return nil }
            let scalars = Array(s.unicodeScalars)
            let start = numberOfTerm(v[1]), length = numberOfTerm(v[2])
            guard start >= 0, length >= 0, start <= scalars.count else { return nil }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[start..<min(scalars.count, start + length)])
            return symbols.intern(String(out))
        case "abs":
            guard isNumberTerm(v[0]) else { return nil }
            return numberTerm(abs(numberOfTerm(v[0])))
        case "min": return compare(.lessOrEqual, v[0], v[1]) ? v[0] : (compare(.less, v[1], v[0]) ? v[1] : nil)
        case "max": return compare(.greaterOrEqual, v[0], v[1]) ? v[0] : (compare(.greater, v[1], v[0]) ? v[1] : nil)
        default: return nil
        }
    }
}
