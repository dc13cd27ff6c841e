// The run state of a plan's steps: what the executor builds from an immutable `RulePlan` before
// it runs (relations and indexes resolved, key buffers, pending tuples, aggregate accumulators).
// Flat buffers and unretained references keep the inner loops free of reference counting.

/// Where an operand's value comes from.
enum OperandSource: UInt8 {
    /// A register: the slot is its number.
    case register
    /// A constant: the slot is the term.
    case constant
    /// An expression: the slot indexes `Operands.expressions`.
    case expression
}

/// Argument values computed per binding: registers and constants are read directly, only
/// real expressions go through the (slower) expression evaluator.
final class Operands {
    let count: Int
    let sources: UnsafeMutablePointer<OperandSource>
    let slots: UnsafeMutablePointer<Int>
    let expressions: [CompiledExpression]

    init(_ list: [CompiledExpression]) {
        count = list.count
        sources = .allocate(capacity: max(1, count))
        slots = .allocate(capacity: max(1, count))
        var complex: [CompiledExpression] = []
        for (k, e) in list.enumerated() {
            switch e {
            case .register(let r):
                sources[k] = .register
                slots[k] = r.number
            case .constant(let t):
                sources[k] = .constant
                slots[k] = t
            default:
                sources[k] = .expression
                slots[k] = complex.count
                complex.append(e)
            }
        }
        expressions = complex
    }

    deinit {
        sources.deallocate()
        slots.deallocate()
    }
}

/// Pairs of a column and a register, flat, for the executor's inner loop.
struct ColumnRegisterTable {
    let count: Int
    let columns: UnsafeMutablePointer<Int>
    let registers: UnsafeMutablePointer<Int>

    init(_ pairs: [ColumnRegister]) {
        count = pairs.count
        columns = .allocate(capacity: max(1, pairs.count))
        registers = .allocate(capacity: max(1, pairs.count))
        for (k, p) in pairs.enumerated() {
            columns[k] = p.column
            registers[k] = p.register.number
        }
    }

    func deallocate() {
        columns.deallocate()
        registers.deallocate()
    }
}

/// Column actions of an atom: bind a register from a column, or check a column against a register
/// (a variable repeated inside the atom).
final class ColumnActions {
    let binds: ColumnRegisterTable
    let checks: ColumnRegisterTable

    init(binds: [ColumnRegister], checks: [ColumnRegister]) {
        self.binds = ColumnRegisterTable(binds)
        self.checks = ColumnRegisterTable(checks)
    }

    deinit {
        binds.deallocate()
        checks.deallocate()
    }
}

/// A scan, probe or membership test at run time: the relation, its index on the key columns
/// (when one is needed), the key's operands and a buffer for its values.
final class AtomFrame {
    let relation: Relation
    let range: TupleRange
    /// The atom's ordinal in `Executor.matched`; -1 for a negation.
    let ordinal: Int
    let isNegated: Bool
    let keyColumns: [Int]
    let key: Operands
    let actions: ColumnActions
    let index: HashIndex?
    let keyValues: UnsafeMutablePointer<Int>

    init(_ access: AtomAccess, relation: Relation, isNegated: Bool = false, needsIndex: Bool) {
        self.relation = relation
        range = access.range
        ordinal = access.ordinal ?? -1
        self.isNegated = isNegated
        keyColumns = access.keyColumns
        key = Operands(access.key)
        actions = ColumnActions(binds: access.binds, checks: access.checks)
        index = needsIndex ? relation.store.index(on: access.keyColumns) : nil
        keyValues = .allocate(capacity: max(1, access.keyColumns.count))
    }

    deinit { keyValues.deallocate() }
}

final class FilterFrame {
    let comparison: ComparisonOperator
    let operands: Operands
    let values: UnsafeMutablePointer<Int> = .allocate(capacity: 2)
    init(_ comparison: ComparisonOperator, _ a: CompiledExpression, _ b: CompiledExpression) {
        self.comparison = comparison
        operands = Operands([a, b])
    }
    deinit { values.deallocate() }
}

/// An aggregate's accumulator while its body runs.
final class AggregateFrame {
    let step: AggregateStep
    var count = 0
    var accumulator = 0
    /// Sum of float values (nil while only integers were summed).
    var floatSum: Double?
    /// Sum of unsigned values (nil while none was summed), wrapping as Soufflé's do.
    var unsignedSum: UInt64?
    var hasValue = false
    init(_ step: AggregateStep) { self.step = step }
}

/// Where complete bindings go: the tuples derived by one run, kept pending until the run is over
/// (the store is not mutated while plans read it), or a query's answers.
final class EmitFrame {
    /// Head arguments (or query variables), evaluated into `values`.
    let arguments: Operands
    /// Tuples to insert after the plan ran (flat).
    var pending: [Int] = []
    /// For a target in the sorted-runs layout: `pending`'s size (values) at which its duplicates
    /// and known tuples are dropped; it grows with what survives, so compaction stays linear.
    var compactionSize = 1 << 21
    /// A query's answers go straight into `target` (which no plan reads), so duplicates cost
    /// nothing and the answer limit counts distinct answers.
    let collectsAnswers: Bool
    let target: TupleStore
    let values: UnsafeMutablePointer<Int>
    init(arguments: [CompiledExpression], target: TupleStore, collectsAnswers: Bool) {
        self.arguments = Operands(arguments)
        self.target = target
        self.collectsAnswers = collectsAnswers
        values = .allocate(capacity: max(1, arguments.count))
    }
    deinit { values.deallocate() }
}

final class CaptureFrame {
    let arguments: Operands
    let expected: [Term]
    let values: UnsafeMutablePointer<Int>
    init(arguments: [CompiledExpression], expected: [Term]) {
        self.arguments = Operands(arguments)
        self.expected = expected
        values = .allocate(capacity: max(1, expected.count))
    }
    deinit { values.deallocate() }
}
