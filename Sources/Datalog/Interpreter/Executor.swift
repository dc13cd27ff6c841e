// Runs a plan: nested loops over scans and index probes, depth first.
import Foundation

/// A thread-safe flag: set it from a signal handler's thread (Ctrl-C) to stop evaluation or a query.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    public init() {}
    public func cancel() {
        lock.lock()
        flag = true
        lock.unlock()
    }
    public func reset() {
        lock.lock()
        flag = false
        lock.unlock()
    }
    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }
}

/// Where integer results wrapped around during an evaluation (`IntegerOverflow.wraps`): how
/// many times, and the first place with what overflowed there.
final class OverflowLog {
    private(set) var count = 0
    private(set) var first: (location: SourceLocation, what: String)?

    func record(at location: SourceLocation, _ what: () -> String) {
        count += 1
        if first == nil { first = (location, what()) }
    }

    func reset() {
        count = 0
        first = nil
    }
}

/// Runs one plan. The plan is immutable; everything that changes while it runs (registers,
/// key buffers, pending tuples, accumulators, the stop flags) lives here.
final class Executor {
    let plan: RulePlan
    /// The kind of each step, for the hot dispatch.
    private enum StepKind: UInt8 {
        case scan, probe, member, filter, emit, other
    }
    private let kinds: UnsafeMutablePointer<StepKind>
    /// Per step: its frame, unretained (`frames` keeps them), so dispatch costs no reference counting.
    private let objects: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    private let frames: [AnyObject]
    /// Accumulators by aggregate number.
    private let aggregates: [AggregateFrame]
    /// Where tuples go (nil for a capture).
    let emitFrame: EmitFrame?
    private let captureFrame: CaptureFrame?
    /// Variable values by register number.
    private let registers: UnsafeMutablePointer<Int>
    /// Tuple index matched by each positive atom (by ordinal), for explanations.
    let matched: UnsafeMutablePointer<Int>
    let symbols: SymbolTable
    let cancellation: Cancellation
    /// The limits, for the hints of run-time errors, and what an integer overflow does.
    let options: Engine.Options
    /// Where results wrapped around, with `IntegerOverflow.wraps` (shared by an evaluation's executors).
    let overflows: OverflowLog
    /// Why the run was aborted when it was not cancelled: an integer overflow, an invalid regular
    /// expression, too many symbol bytes.
    private(set) var failure: DatalogError?
    /// Compiled `match` patterns by symbol.
    private var regexes: [Term: NSRegularExpression] = [:]
    /// The flags and counters of a run, behind a pointer so the hot loop pays no exclusivity checks.
    private struct RunState {
        var stopped = false
        /// Cancelled or failed.
        var aborted = false
        var ticks = 0
        /// Values an emit may hold pending (answers for a query).
        var pendingLimit = Int.max
        var reachedPendingLimit = false
    }
    private let state: UnsafeMutablePointer<RunState>

    var stopped: Bool {
        get { state.pointee.stopped }
        set { state.pointee.stopped = newValue }
    }
    var cancelled: Bool { state.pointee.aborted }
    /// Stop once an emit holds more than this many pending values (a runaway rule within one run).
    var pendingLimit: Int {
        get { state.pointee.pendingLimit }
        set { state.pointee.pendingLimit = newValue }
    }
    var reachedPendingLimit: Bool { state.pointee.reachedPendingLimit }

    /// Prepares `plan` over `relations` (by name; indexes the plan probes are built here).
    /// Tuples go to the target relation's store, or to a store of their own for answers and
    /// dominated tuples.
    init(
        plan: RulePlan, relations: [String: Relation], symbols: SymbolTable, cancellation: Cancellation,
        options: Engine.Options, overflows: OverflowLog
    ) {
        self.plan = plan
        self.options = options
        self.overflows = overflows
        self.symbols = symbols
        self.cancellation = cancellation
        registers = .allocate(capacity: max(1, plan.registerNames.count))
        registers.initialize(repeating: 0, count: max(1, plan.registerNames.count))
        matched = .allocate(capacity: max(1, plan.atoms.count))
        matched.initialize(repeating: -1, count: max(1, plan.atoms.count))
        state = .allocate(capacity: 1)
        state.initialize(to: RunState())
        let steps = plan.steps
        kinds = .allocate(capacity: max(1, steps.count))
        objects = .allocate(capacity: max(1, steps.count))
        var frames: [AnyObject] = []
        var aggregates: [Int: AggregateFrame] = [:]
        var emitFrame: EmitFrame?
        var captureFrame: CaptureFrame?
        for (pc, step) in steps.enumerated() {
            var kind = StepKind.other
            var frame: AnyObject?
            switch step {
            case .scan(let access):
                kind = .scan
                frame = AtomFrame(access, relation: relations[access.relation]!, needsIndex: false)
            case .probe(let access):
                kind = .probe
                frame = AtomFrame(access, relation: relations[access.relation]!, needsIndex: true)
            case .member(let access, let negated):
                // A full key goes through `TupleStore.find` (either layout); a partial one needs an index.
                kind = .member
                let partial = !access.keyColumns.isEmpty && access.keyColumns.count < access.arity
                frame = AtomFrame(access, relation: relations[access.relation]!, isNegated: negated, needsIndex: partial)
            case .filter(let comparison, let a, let b):
                kind = .filter
                frame = FilterFrame(comparison, a, b)
            case .emit(let arguments):
                kind = .emit
                let target: TupleStore
                if case .relation(let name) = plan.target {
                    target = relations[name]!.store
                } else {
                    target = TupleStore(arity: arguments.count)
                }
                let emit = EmitFrame(arguments: arguments, target: target, collectsAnswers: plan.target == .answers)
                emitFrame = emit
                frame = emit
            case .capture(let arguments, let expected):
                let capture = CaptureFrame(arguments: arguments, expected: expected)
                captureFrame = capture
                frame = capture
            case .aggregate(let aggregate), .accumulate(let aggregate):
                if aggregates[aggregate.number] == nil { aggregates[aggregate.number] = AggregateFrame(aggregate) }
            default: break
            }
            kinds[pc] = kind
            objects[pc] = nil
            if let frame {
                frames.append(frame)
                if kind != .other { objects[pc] = Unmanaged.passUnretained(frame).toOpaque() }
            }
        }
        self.frames = frames
        self.aggregates = (0..<aggregates.count).map { aggregates[$0]! }
        self.emitFrame = emitFrame
        self.captureFrame = captureFrame
    }

    deinit {
        registers.deallocate()
        matched.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
        kinds.deallocate()
        objects.deallocate()
    }

    /// Binds a register before the run (explanations bind head variables ahead).
    func set(_ register: Register, to value: Term) {
        registers[register.number] = value
    }

    /// Stops the run with an error (the first one wins).
    func fail(_ error: DatalogError) {
        if failure == nil { failure = error }
        state.pointee.aborted = true
        state.pointee.stopped = true
    }

    /// Runs the plan once from the start. Returns false when cancelled or failed (see `failure`).
    func run() -> Bool {
        stopped = false
        state.pointee.reachedPendingLimit = false
        execute(0)
        return !cancelled
    }

    @inline(__always) func bounds(_ relation: Relation, _ range: TupleRange) -> (Int, Int) {
        let versions = relation.versions
        switch range {
        case .full: return (0, versions.recentEnd)
        case .delta: return (versions.stableEnd, versions.recentEnd)
        case .old: return (0, versions.stableEnd)
        }
    }

    @inline(__always) func tick() {
        state.pointee.ticks &+= 1
        if state.pointee.ticks & 0xFFFF == 0 && cancellation.isCancelled {
            state.pointee.aborted = true
            state.pointee.stopped = true
        }
    }

    @inline(__always) func object<T: AnyObject, R>(_ pc: Int, _ type: T.Type, _ body: (T) -> R) -> R {
        body(Unmanaged<T>.fromOpaque(objects[pc]!).takeUnretainedValue())
    }

    /// Loads operand values into `out`; false when an expression has no value.
    @inline(__always) func load(_ operands: Operands, into out: UnsafeMutablePointer<Int>) -> Bool {
        let sources = operands.sources
        let slots = operands.slots
        for k in 0..<operands.count {
            switch sources[k] {
            case .register: out[k] = registers[slots[k]]
            case .constant: out[k] = slots[k]
            case .expression:
                guard let v = evaluate(operands.expressions[slots[k]]) else { return false }
                out[k] = v
            }
        }
        return true
    }

    /// Binds the atom's registers from `tuple`; false when a repeated variable does not match.
    @inline(__always) func apply<C: TupleCell>(_ actions: ColumnActions, _ tuple: UnsafePointer<C>) -> Bool {
        for k in 0..<actions.binds.count { registers[actions.binds.registers[k]] = Int(tuple[actions.binds.columns[k]]) }
        for k in 0..<actions.checks.count where Int(tuple[actions.checks.columns[k]]) != registers[actions.checks.registers[k]] {
            return false
        }
        return true
    }

    func execute(_ pc: Int) {
        switch kinds[pc] {
        case .scan: object(pc, AtomFrame.self) { scan($0, pc) }
        case .probe: object(pc, AtomFrame.self) { probe($0, pc) }
        case .member: object(pc, AtomFrame.self) { member($0, pc) }
        case .filter:
            object(pc, FilterFrame.self) { op in
                if load(op.operands, into: op.values) && compare(op.comparison, op.values[0], op.values[1]) {
                    execute(pc + 1)
                }
            }
        case .emit: object(pc, EmitFrame.self) { emit($0) }
        case .other: executeOther(pc)
        }
    }

    @inline(__always) private func scan(_ op: AtomFrame, _ pc: Int) {
        let (lo, hi) = bounds(op.relation, op.range)
        guard lo < hi else { return }
        let store = op.relation.store
        if store.isWide { scan(op, pc, store.wideCells, lo, hi) } else { scan(op, pc, store.narrowCells, lo, hi) }
    }

    @inline(__always) private func scan<C: TupleCell>(_ op: AtomFrame, _ pc: Int, _ data: UnsafePointer<C>, _ lo: Int, _ hi: Int) {
        let arity = op.relation.arity
        let actions = op.actions
        for t in lo..<hi {
            tick()
            guard apply(actions, data + t * arity) else { continue }
            matched[op.ordinal] = t
            execute(pc + 1)
            if state.pointee.stopped { return }
        }
    }

    @inline(__always) private func probe(_ op: AtomFrame, _ pc: Int) {
        let (lo, hi) = bounds(op.relation, op.range)
        guard lo < hi else { return }
        let key = op.keyValues
        guard load(op.key, into: key) else { return }
        let store = op.relation.store
        if store.isWide { probe(op, pc, store.wideCells, lo, hi) } else { probe(op, pc, store.narrowCells, lo, hi) }
    }

    @inline(__always) private func probe<C: TupleCell>(_ op: AtomFrame, _ pc: Int, _ data: UnsafePointer<C>, _ lo: Int, _ hi: Int) {
        let key = op.keyValues
        let arity = op.relation.arity
        let index = op.index!
        var t = Int(index.find(key, hash: hashKey(key, op.key.count), data: data, arity: arity))
        let next = index.next
        let actions = op.actions
        while t >= lo {
            tick()
            if t < hi && apply(actions, data + t * arity) {
                matched[op.ordinal] = t
                execute(pc + 1)
                if state.pointee.stopped { return }
            }
            t = Int(next[t])
        }
    }

    @inline(__always) private func member(_ op: AtomFrame, _ pc: Int) {
        let (lo, hi) = bounds(op.relation, op.range)
        var found = false
        if lo < hi {
            let store = op.relation.store
            if op.keyColumns.count == store.arity && store.arity > 0 {
                let key = op.keyValues
                guard load(op.key, into: key) else { return }
                let t = store.find(key)
                found = t >= lo && t < hi
                if found && op.ordinal >= 0 { matched[op.ordinal] = t }
            } else if let index = op.index {
                let key = op.keyValues
                guard load(op.key, into: key) else { return }
                var t =
                    store.isWide
                    ? Int(index.find(key, hash: hashKey(key, op.key.count), data: store.wideCells, arity: store.arity))
                    : Int(index.find(key, hash: hashKey(key, op.key.count), data: store.narrowCells, arity: store.arity))
                let next = index.next
                while t >= lo {
                    if t < hi {
                        found = true
                        break
                    }
                    t = Int(next[t])
                }
                if found && op.ordinal >= 0 { matched[op.ordinal] = t }
            } else {
                found = true  // no key columns (or arity 0): any tuple in range
                if op.ordinal >= 0 { matched[op.ordinal] = lo }
            }
        }
        if found != op.isNegated { execute(pc + 1) }
    }

    @inline(__always) private func emit(_ op: EmitFrame) {
        let values = op.values
        guard load(op.arguments, into: values) else { return }
        if op.collectsAnswers {
            if op.target.insert(values) && op.target.count > state.pointee.pendingLimit {
                state.pointee.reachedPendingLimit = true
                state.pointee.stopped = true
            }
            return
        }
        let target = op.target
        // Sorted runs have no hash to ask: duplicates wait in `pending` until it is compacted.
        guard target.keepsRuns || target.find(values) < 0 else { return }
        op.pending.append(contentsOf: UnsafeBufferPointer(start: values, count: max(1, op.arguments.count)))
        if op.pending.count >= op.compactionSize || op.pending.count + target.setAsideValues > state.pointee.pendingLimit {
            if target.keepsRuns {
                target.setAside(&op.pending)
                op.compactionSize = max(op.compactionSize, 2 * op.pending.count)
                if op.pending.count + target.setAsideValues > state.pointee.pendingLimit { target.consolidateSetAside() }
            }
            if op.pending.count + target.setAsideValues > state.pointee.pendingLimit {
                state.pointee.reachedPendingLimit = true
                state.pointee.stopped = true
            }
        }
    }

    private func executeOther(_ pc: Int) {
        switch plan.steps[pc] {
        case .predicate(let name, let negated, let a, let b, let l):
            guard let x = evaluate(a), let y = evaluate(b), isSymbolTerm(x), isSymbolTerm(y) else { return }
            let s = symbols.string(x)
            let t = symbols.string(y)
            let holds: Bool
            switch name {
            case "contains": holds = s.isEmpty || t.contains(s)  // Soufflé: contains(sub, s)
            case "starts_with": holds = t.isEmpty || s.hasPrefix(t)
            case "ends_with": holds = t.isEmpty || s.hasSuffix(t)
            default:  // match(regex, s): the whole of s
                guard let regex = regex(x, at: l) else { return }
                holds = regex.firstMatch(in: t, range: NSRange(t.startIndex..., in: t)) != nil
            }
            if holds != negated { execute(pc + 1) }
        case .generate(let register, let args, _):
            let r = register.number
            var values: [Term] = []
            for a in args {
                guard let v = evaluate(a) else { return }
                values.append(v)
            }
            if values.allSatisfy(isNumberTerm) {
                let from = numberOfTerm(values[0])
                let to = numberOfTerm(values[1])
                let step = values.count == 3 ? numberOfTerm(values[2]) : (from <= to ? 1 : -1)
                guard step != 0 else { return }
                var x = from
                while step > 0 ? x < to : x > to {
                    registers[r] = numberTerm(x)
                    execute(pc + 1)
                    if stopped { return }
                    let (next, overflow) = x.addingReportingOverflow(step)
                    guard !overflow, fitsNumber(next) else { return }
                    x = next
                }
            } else {
                guard let from = symbols.numeric(values[0]), let to = symbols.numeric(values[1]) else { return }
                let step = values.count == 3 ? (symbols.numeric(values[2]) ?? 0) : (from <= to ? 1 : -1)
                guard step != 0, step.isFinite, from.isFinite, to.isFinite else { return }
                var k = 0.0
                while true {
                    let x = from + k * step  // not summed: no drift over many steps
                    guard step > 0 ? x < to : x > to else { break }
                    registers[r] = symbols.floatTerm(x)
                    execute(pc + 1)
                    if stopped { return }
                    k += 1
                }
            }
        case .assign(let r, let e):
            guard let v = evaluate(e) else { return }
            registers[r.number] = v
            execute(pc + 1)
        case .unpack(let pattern, let e):
            guard let v = evaluate(e), match(pattern, v) else { return }
            execute(pc + 1)
        case .aggregate(let step):
            let op = aggregates[step.number]
            let saved = (op.count, op.accumulator, op.floatSum, op.unsignedSum, op.hasValue)
            op.count = 0
            op.accumulator = 0
            op.floatSum = nil
            op.unsignedSum = nil
            op.hasValue = false
            let wasStopped = stopped
            execute(step.bodyStart)
            if cancelled { return }  // or failed
            stopped = wasStopped
            let result: Int?
            switch step.kind {
            case .count: result = numberTerm(op.count)
            case .sum:
                if let f = op.floatSum {
                    result = symbols.floatTerm(f + Double(op.accumulator) + Double(op.unsignedSum ?? 0))
                } else if let u = op.unsignedSum {
                    result = symbols.unsignedTerm(u &+ UInt64(truncatingIfNeeded: op.accumulator))
                } else {
                    result = numberTerm(op.accumulator)
                }
            case .min, .max: result = op.hasValue ? op.accumulator : nil
            case .mean:
                let total = (op.floatSum ?? 0) + Double(op.accumulator) + Double(op.unsignedSum ?? 0)
                result = op.count > 0 ? symbols.floatTerm(total / Double(op.count)) : nil
            }
            (op.count, op.accumulator, op.floatSum, op.unsignedSum, op.hasValue) = saved
            guard let value = result else { return }
            if step.resultIsBound {
                if registers[step.result.number] == value { execute(pc + 1) }
            } else {
                registers[step.result.number] = value
                execute(pc + 1)
            }
        case .accumulate(let step):
            let op = aggregates[step.number]
            op.count += 1
            guard let target = step.target, let v = evaluate(target) else { return }
            switch step.kind {
            case .count: break
            case .sum, .mean:
                if isNumberTerm(v) {
                    let (total, overflow) = op.accumulator.addingReportingOverflow(numberOfTerm(v))
                    if !overflow && fitsNumber(total) {
                        op.accumulator = total
                    } else if step.kind == .mean {
                        // A mean is a float anyway: carry the integer part over.
                        op.floatSum = (op.floatSum ?? 0) + Double(op.accumulator) + Double(numberOfTerm(v))
                        op.accumulator = 0
                    } else if let wrapped = number(total, overflowed: true, at: step.location, "the sum") {
                        op.accumulator = numberOfTerm(wrapped)
                    }
                } else if isFloatTerm(v) {
                    op.floatSum = (op.floatSum ?? 0) + symbols.double(v)
                } else if let u = symbols.unsigned(v) {
                    op.unsignedSum = (op.unsignedSum ?? 0) &+ u
                }
            case .min:
                if !op.hasValue || compare(.less, v, op.accumulator) { op.accumulator = v }
                op.hasValue = true
            case .max:
                if !op.hasValue || compare(.greater, v, op.accumulator) { op.accumulator = v }
                op.hasValue = true
            }
        case .capture:
            guard let op = captureFrame, load(op.arguments, into: op.values) else { return }
            for k in 0..<op.expected.count where op.values[k] != op.expected[k] { return }
            stopped = true
        case .scan, .probe, .member, .filter, .emit:
            break
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
        } else if let o = integerOrder(x, y) {
            order = o
        } else if isCompoundTerm(x) && isCompoundTerm(y) {
            order = x < y ? -1 : (x == y ? 0 : 1)  // records: by reference, as in Soufflé
        } else if isSymbolTerm(x) && isSymbolTerm(y) {
            if x == y {
                order = 0
            } else {
                order = Value.symbol(symbols.string(x)) < Value.symbol(symbols.string(y)) ? -1 : 1
            }
        } else if let a = symbols.numeric(x), let b = symbols.numeric(y) {
            order = a < b ? -1 : (a == b ? 0 : 1)
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

    /// The order of two integers of which one at least is unsigned (a negative number comes
    /// before every unsigned one); nil when either is something else.
    @inline(__always) private func integerOrder(_ x: Term, _ y: Term) -> Int? {
        guard isCompoundTerm(x) || isCompoundTerm(y) else { return nil }
        func wide(_ t: Term) -> (negative: Bool, magnitude: UInt64)? {
            if isNumberTerm(t) { return (numberOfTerm(t) < 0, UInt64(truncatingIfNeeded: numberOfTerm(t))) }
            return symbols.unsigned(t).map { (false, $0) }
        }
        guard let a = wide(x), let b = wide(y) else { return nil }
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        return a.magnitude < b.magnitude ? -1 : (a.magnitude == b.magnitude ? 0 : 1)
    }

    /// Takes `t` apart by `pattern`, binding its variables; false when the shapes differ.
    func match(_ pattern: CompiledPattern, _ t: Term) -> Bool {
        switch pattern {
        case .ignore: return true
        case .bind(let r):
            registers[r.number] = t
            return true
        case .check(let e): return evaluate(e) == t
        case .record(let fields):
            guard isCompoundTerm(t), case .record(let parts) = symbols.compound(t), parts.count == fields.count else { return false }
            for (field, part) in zip(fields, parts) where !match(field, part) { return false }
            return true
        case .branch(let name, let fields):
            guard isCompoundTerm(t), case .branch(name, let parts) = symbols.compound(t), parts.count == fields.count else {
                return false
            }
            for (field, part) in zip(fields, parts) where !match(field, part) { return false }
            return true
        }
    }

    /// Evaluates an expression; nil when it has no value (type mismatch, division by zero).
    func evaluate(_ e: CompiledExpression) -> Term? {
        switch e {
        case .register(let r): return registers[r.number]
        case .constant(let t): return t
        case .negate(let x, let l):
            guard let v = evaluate(x) else { return nil }
            if isNumberTerm(v) { return number(-numberOfTerm(v), overflowed: false, at: l, "-(\(numberOfTerm(v)))") }
            if let u = symbols.unsigned(v) { return symbols.unsignedTerm(0 &- u) }
            return isFloatTerm(v) ? symbols.floatTerm(-symbols.double(v)) : nil
        case .binary(let op, let a, let b, let l):
            guard let x = evaluate(a), let y = evaluate(b) else { return nil }
            if isNumberTerm(x) && isNumberTerm(y) { return integer(op, numberOfTerm(x), numberOfTerm(y), at: l) }
            if let p = unsignedOperand(x), let q = unsignedOperand(y), isCompoundTerm(x) || isCompoundTerm(y) {
                return unsigned(op, p, q)
            }
            if op == .add && isSymbolTerm(x) && isSymbolTerm(y) {
                return interned(symbols.string(x) + symbols.string(y), at: l)  // Soufflé: symbol + symbol concatenates
            }
            guard let p = symbols.numeric(x), let q = symbols.numeric(y) else { return nil }
            let result: Double
            switch op {
            case .add: result = p + q
            case .subtract: result = p - q
            case .multiply: result = p * q
            case .divide: result = p / q
            case .modulo: result = p.truncatingRemainder(dividingBy: q)
            case .power: result = pow(p, q)
            default: return nil  // bitwise and logical operators take integers
            }
            return result.isFinite ? symbols.floatTerm(result) : nil
        case .call(let function, let args, let l):
            var values: [Term] = []
            for a in args {
                guard let v = evaluate(a) else { return nil }
                values.append(v)
            }
            return call(function, values, at: l)
        case .record(let fields):
            var terms: [Term] = []
            terms.reserveCapacity(fields.count)
            for f in fields {
                guard let v = evaluate(f) else { return nil }
                terms.append(v)
            }
            return symbols.compoundTerm(.record(terms))
        case .branch(let name, let fields):
            var terms: [Term] = []
            for f in fields {
                guard let v = evaluate(f) else { return nil }
                terms.append(v)
            }
            return symbols.compoundTerm(.branch(name, terms))
        }
    }

    /// An unsigned number, or a number read as one (two's complement, as C converts it): in
    /// `x + 1` with `x` unsigned, the `1` is unsigned too, as Soufflé's typing makes it.
    @inline(__always) private func unsignedOperand(_ t: Term) -> UInt64? {
        if isNumberTerm(t) { return UInt64(truncatingIfNeeded: numberOfTerm(t)) }
        return symbols.unsigned(t)
    }

    /// Unsigned arithmetic as in Soufflé: 64 bits, wrapping; nil for division by zero.
    private func unsigned(_ op: BinaryOperator, _ p: UInt64, _ q: UInt64) -> Term? {
        let r: UInt64
        switch op {
        case .add: r = p &+ q
        case .subtract: r = p &- q
        case .multiply: r = p &* q
        case .divide:
            guard q != 0 else { return nil }
            r = p / q
        case .modulo:
            guard q != 0 else { return nil }
            r = p % q
        case .power:
            var result: UInt64 = 1
            var base = p
            var exponent = q
            while exponent > 0 {
                if exponent & 1 == 1 { result = result &* base }
                base = base &* base
                exponent >>= 1
            }
            r = result
        case .bitAnd: r = p & q
        case .bitOr: r = p | q
        case .bitXor: r = p ^ q
        case .shiftLeft: r = q >= 64 ? 0 : p << q
        case .shiftRight, .shiftRightUnsigned: r = q >= 64 ? 0 : p >> q
        case .and: r = p != 0 && q != 0 ? 1 : 0
        case .or: r = p != 0 || q != 0 ? 1 : 0
        case .xor: r = (p != 0) != (q != 0) ? 1 : 0
        }
        return symbols.unsignedTerm(r)
    }

    /// A number result. One that does not fit in 62 bits (`n` holds its low 64 bits, `overflowed`
    /// says whether more were lost) fails the run at `l`, or, with `IntegerOverflow.wraps`, wraps
    /// around in two's complement as Soufflé's arithmetic does, and is counted.
    @inline(__always) func number(_ n: Int, overflowed: Bool, at l: SourceLocation, _ what: @autoclosure () -> String) -> Term? {
        if !overflowed && fitsNumber(n) { return numberTerm(n) }
        return overflow(n, at: l, what)
    }

    @inline(never) private func overflow(_ n: Int, at l: SourceLocation, _ what: () -> String) -> Term? {
        switch options.integerOverflow {
        case .wraps:
            overflows.record(at: l, what)
            return numberTerm(n)  // the low 62 bits
        case .fails:
            return overflowFailure(at: l, what)
        }
    }

    /// Fails the run: what was computed at `l` does not fit in a number.
    @inline(never) private func overflowFailure(at l: SourceLocation, _ what: () -> String) -> Term? {
        fail(
            DatalogError(
                "integer overflow: \(what()) does not fit in 62 bits", at: l,
                hint: "numbers range from \(minimumNumber) to \(maximumNumber); floats (x * 1.0) hold larger values, inexactly"))
        return nil
    }

    /// Interns a string a function built, failing when the symbols outgrow `maxSymbolBytes`.
    func interned(_ s: String, at l: SourceLocation) -> Term? {
        let t = symbols.intern(s)
        guard symbols.bytes <= options.maxSymbolBytes else {
            fail(
                DatalogError(
                    "the symbols take more than \(options.maxSymbolBytes) bytes (maxSymbolBytes): strings built here keep growing",
                    at: l,
                    hint: "a recursive rule that builds longer strings, like `s(cat(x, \"ab\")) :- s(x).`, never stops; bound it (e.g. `strlen(x) < 100`)"
                        + (options.limitNames.symbolBytes.map { " or raise the limit with \($0)" } ?? "")))
            return nil
        }
        return t
    }

    /// `match`'s pattern, compiled once per symbol; an invalid pattern fails the run at `l`.
    private func regex(_ pattern: Term, at l: SourceLocation) -> NSRegularExpression? {
        if let compiled = regexes[pattern] { return compiled }
        guard let compiled = Executor.fullMatchRegex(symbols.string(pattern)) else {
            fail(Executor.invalidRegex(symbols.string(pattern), at: l))
            return nil
        }
        regexes[pattern] = compiled
        return compiled
    }

    /// `match(regex, s)` holds when the regex (ICU syntax) matches the whole of s.
    static func fullMatchRegex(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: "^(?:" + pattern + ")$")
    }

    static func invalidRegex(_ pattern: String, at l: SourceLocation) -> DatalogError {
        DatalogError(
            "invalid regular expression \(Value.symbol(pattern)) in match", at: l,
            hint: "match(REGEX, STRING) takes ICU syntax; write a literal special character with two backslashes, as in \"a\\\\.b\"")
    }

    /// Integer arithmetic as in Soufflé (truncating division); nil for division by zero, a
    /// failure for a result outside the 62 bits of a number.
    private func integer(_ op: BinaryOperator, _ p: Int, _ q: Int, at l: SourceLocation) -> Term? {
        switch op {
        case .add:
            let (r, o) = p.addingReportingOverflow(q)
            return number(r, overflowed: o, at: l, "\(p) + \(q)")
        case .subtract:
            let (r, o) = p.subtractingReportingOverflow(q)
            return number(r, overflowed: o, at: l, "\(p) - \(q)")
        case .multiply:
            let (r, o) = p.multipliedReportingOverflow(by: q)
            return number(r, overflowed: o, at: l, "\(p) * \(q)")
        case .divide: return q == 0 ? nil : number(p / q, overflowed: false, at: l, "\(p) / \(q)")
        case .modulo: return q == 0 ? nil : numberTerm(p % q)
        case .power:
            guard q >= 0 else { return nil }
            // Products modulo 2^64 keep the low bits exact, so a wrapped power is right too.
            var result = 1
            var base = p
            var exponent = q
            var overflow = false
            while exponent > 0 {
                if exponent & 1 == 1 {
                    let (r, o) = result.multipliedReportingOverflow(by: base)
                    result = r
                    overflow = overflow || o || !fitsNumber(r)
                }
                exponent >>= 1
                if exponent > 0 {
                    let (b, o) = base.multipliedReportingOverflow(by: base)
                    base = b
                    overflow = overflow || o || !fitsNumber(b)
                }
            }
            return number(result, overflowed: overflow, at: l, "\(p) ^ \(q)")
        case .bitAnd: return numberTerm(p & q)
        case .bitOr: return numberTerm(p | q)
        case .bitXor: return numberTerm(p ^ q)
        case .shiftLeft:
            guard q >= 0 && q <= 63 else { return nil }
            let r = p << q
            return number(r, overflowed: r >> q != p, at: l, "\(p) bshl \(q)")
        case .shiftRight: return q < 0 || q > 63 ? nil : numberTerm(p >> q)
        case .shiftRightUnsigned:
            // A logical shift of the number's 62 bits (Soufflé shifts the bits of its domain).
            guard q >= 0 && q <= 63 else { return nil }
            guard q > 0 else { return numberTerm(p) }
            return numberTerm(Int(bitPattern: (UInt(bitPattern: p) & UInt(numberMask)) >> UInt(q)))
        case .and: return numberTerm(p != 0 && q != 0 ? 1 : 0)
        case .or: return numberTerm(p != 0 || q != 0 ? 1 : 0)
        case .xor: return numberTerm((p != 0) != (q != 0) ? 1 : 0)
        }
    }

    func call(_ function: BuiltinFunction, _ v: [Term], at l: SourceLocation) -> Term? {
        func string(_ t: Term) -> String? { isSymbolTerm(t) ? symbols.string(t) : nil }
        switch function {
        case .strlen:
            guard let s = string(v[0]) else { return nil }
            return numberTerm(s.unicodeScalars.count)
        case .cat:
            return interned(v.map(symbols.text).joined(), at: l)
        case .toString:
            if isSymbolTerm(v[0]) { return v[0] }
            // Soufflé's to_string of a float has six decimals (C++ std::to_string).
            if isFloatTerm(v[0]) { return interned(String(format: "%f", symbols.double(v[0])), at: l) }
            return interned(symbols.text(v[0]), at: l)
        case .toNumber:
            if isNumberTerm(v[0]) { return v[0] }
            if let u = symbols.unsigned(v[0]) {
                return number(Int(truncatingIfNeeded: u), overflowed: u > UInt64(maximumNumber), at: l, "to_number(\(u)u)")
            }
            if isFloatTerm(v[0]) {
                let d = symbols.double(v[0]).rounded(.towardZero)
                guard !d.isNaN else { return nil }
                // A float or a text out of range has no two's complement to wrap: always an error.
                guard d >= Double(minimumNumber) && d < -Double(minimumNumber) else {
                    return overflowFailure(at: l) { "to_number(\(Value.floatText(symbols.double(v[0]))))" }
                }
                return numberTerm(Int(d))
            }
            guard let n = Int(symbols.string(v[0])) else { return nil }
            guard fitsNumber(n) else { return overflowFailure(at: l) { "to_number(\"\(symbols.string(v[0]))\")" } }
            return numberTerm(n)
        case .toUnsigned:
            if isNumberTerm(v[0]) { return symbols.unsignedTerm(UInt64(truncatingIfNeeded: numberOfTerm(v[0]))) }
            if isFloatTerm(v[0]) {
                // C's conversion: the integer part; a negative float is first made a signed integer.
                let d = symbols.double(v[0]).rounded(.towardZero)
                guard d.isFinite, d > -9.3e18, d < 1.8e19 else { return nil }
                return symbols.unsignedTerm(d < 0 ? UInt64(truncatingIfNeeded: Int64(d)) : UInt64(d))
            }
            if isSymbolTerm(v[0]) { return UInt64(symbols.string(v[0])).map { symbols.unsignedTerm($0) } }
            return symbols.unsigned(v[0]) != nil ? v[0] : nil
        case .autoinc:
            return numberTerm(symbols.nextAutoincrement())
        case .toFloat:
            if isSymbolTerm(v[0]) { return Double(symbols.string(v[0])).map { symbols.floatTerm($0) } }
            return symbols.numeric(v[0]).map { symbols.floatTerm($0) }
        case .substr:
            guard let s = string(v[0]), isNumberTerm(v[1]), isNumberTerm(v[2]) else { return nil }
            let scalars = Array(s.unicodeScalars)
            let start = numberOfTerm(v[1])
            let length = numberOfTerm(v[2])
            guard start >= 0, length >= 0, start <= scalars.count else { return nil }
            var out = String.UnicodeScalarView()
            out.append(contentsOf: scalars[start..<min(scalars.count, start + length)])
            return interned(String(out), at: l)
        case .ord:
            // Soufflé: a symbol's ordinal is its symbol-table index (first-seen order).
            return isSymbolTerm(v[0]) ? numberTerm(v[0] >> 2) : v[0]
        case .bnot:
            if let u = symbols.unsigned(v[0]) { return symbols.unsignedTerm(~u) }
            return isNumberTerm(v[0]) ? numberTerm(~numberOfTerm(v[0])) : nil
        case .lnot:
            if let u = symbols.unsigned(v[0]) { return symbols.unsignedTerm(u == 0 ? 1 : 0) }
            return isNumberTerm(v[0]) ? numberTerm(numberOfTerm(v[0]) == 0 ? 1 : 0) : nil
        case .abs:
            if symbols.unsigned(v[0]) != nil { return v[0] }
            if isNumberTerm(v[0]) { return number(abs(numberOfTerm(v[0])), overflowed: false, at: l, "abs(\(numberOfTerm(v[0])))") }
            return isFloatTerm(v[0]) ? symbols.floatTerm(abs(symbols.double(v[0]))) : nil
        case .min: return compare(.lessOrEqual, v[0], v[1]) ? v[0] : (compare(.less, v[1], v[0]) ? v[1] : nil)
        case .max: return compare(.greaterOrEqual, v[0], v[1]) ? v[0] : (compare(.greater, v[1], v[0]) ? v[1] : nil)
        case .range: preconditionFailure("range is a generator step, never a call")
        case .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh, .asinh, .acosh, .atanh, .log, .exp:
            // Outside the function's domain (asin(2), log(0)) there is no value, as for x / 0.
            guard let x = symbols.numeric(v[0]) else { return nil }
            let y = Executor.floatFunction(function, x)
            return y.isFinite ? symbols.floatTerm(y) : nil
        }
    }

    static func floatFunction(_ function: BuiltinFunction, _ x: Double) -> Double {
        switch function {
        case .sin: return sin(x)
        case .cos: return cos(x)
        case .tan: return tan(x)
        case .asin: return asin(x)
        case .acos: return acos(x)
        case .atan: return atan(x)
        case .sinh: return sinh(x)
        case .cosh: return cosh(x)
        case .tanh: return tanh(x)
        case .asinh: return asinh(x)
        case .acosh: return acosh(x)
        case .atanh: return atanh(x)
        case .log: return log(x)
        case .exp: return exp(x)
        default: preconditionFailure("\(function.rawValue) is not a float function")
        }
    }
}
