// Values, interning and the compact term encoding the engine works on.
import Foundation

/// A Datalog constant: a symbol (string), a number (integer), an unsigned number, a float, or
/// a compound value: a record `[a, b]`, `nil` (the empty record), or a branch `$Name(a, b)` of an
/// algebraic data type.
///
/// Order (used to sort answers): numbers, unsigned numbers and floats first, compared
/// numerically (an integer before an equal float); then symbols by Unicode scalar values; then
/// records (`nil` first, then field by field); then branches by name, then fields.
public enum Value: Hashable, Sendable, Comparable, CustomStringConvertible {
    case symbol(String)
    case number(Int)
    case unsigned(UInt64)
    case float(Double)
    /// A record; with no fields it is `nil`.
    case record([Value])
    /// A branch of an algebraic data type: `$Name(fields…)`, `$Name` without fields.
    indirect case branch(String, [Value])

    /// The record that ends lists: `nil`.
    public static let nilRecord = Value.record([])

    /// 0 numeric, 1 symbol, 2 record, 3 branch.
    private var rank: Int {
        switch self {
        case .number, .unsigned, .float: return 0
        case .symbol: return 1
        case .record: return 2
        case .branch: return 3
        }
    }

    private var numeric: Double? {
        switch self {
        case .number(let n): return Double(n)
        case .unsigned(let n): return Double(n)
        case .float(let d): return d
        default: return nil
        }
    }

    public static func < (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): return a < b
        case let (.unsigned(a), .unsigned(b)): return a < b
        case let (.symbol(a), .symbol(b)): return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case let (.float(a), .float(b)): return a < b
        case let (.number(a), .float(b)): return Double(a) <= b
        case let (.float(a), .number(b)): return a < Double(b)
        case let (.record(a), .record(b)): return a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
        case let (.branch(m, a), .branch(n, b)): return m != n ? m < n : a.lexicographicallyPrecedes(b)
        default:
            if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
            // Numbers of two kinds: by value, the signed or unsigned one first when equal.
            let (a, b) = (lhs.numeric ?? 0, rhs.numeric ?? 0)
            return a != b ? a < b : lhs.isFloat == false && rhs.isFloat
        }
    }

    private var isFloat: Bool { if case .float = self { return true } else { return false } }

    /// Floats print like C's `%g` (six significant digits), as Soufflé prints them.
    static func floatText(_ d: Double) -> String {
        String(format: "%g", d)
    }

    /// Datalog source spelling: symbols quoted and escaped, numbers plain, unsigned ones with `u`.
    public var description: String {
        switch self {
        case .number(let n): return String(n)
        case .unsigned(let n): return String(n) + "u"
        case .float(let d): return Value.floatText(d)
        case .symbol(let s): return "\"" + Value.escape(s) + "\""
        case .record(let fields): return fields.isEmpty ? "nil" : "[" + fields.map(\.description).joined(separator: ", ") + "]"
        case .branch(let name, let fields):
            return "$" + name + (fields.isEmpty ? "" : "(" + fields.map(\.description).joined(separator: ", ") + ")")
        }
    }

    /// The bare text, as Soufflé writes it: a symbol without quotes, a number in decimal, a
    /// record as `[1, a]` (its symbols bare too), `nil`, a branch as `$Name(1, a)` or `$Name`.
    public var text: String {
        switch self {
        case .number(let n): return String(n)
        case .unsigned(let n): return String(n)
        case .float(let d): return Value.floatText(d)
        case .symbol(let s): return s
        case .record(let fields): return fields.isEmpty ? "nil" : "[" + fields.map(\.text).joined(separator: ", ") + "]"
        case .branch(let name, let fields):
            return "$" + name + (fields.isEmpty ? "" : "(" + fields.map(\.text).joined(separator: ", ") + ")")
        }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// Column type of a declared relation (`.decl r(x: symbol, n: number)`).
/// `record` is any record type (`.type R = [x: number, y: R]`), `adt` any algebraic data type
/// (`.type T = A {x: number} | B {}`).
public enum ValueType: String, Sendable, Hashable {
    case symbol, number, unsigned, float, record, adt
}

/// Terms are `Int`s with a two-bit tag: a number `n` is `n << 2`, the symbol with intern id `k` is
/// `k << 2 | 1`, the float with intern id `k` is `k << 2 | 2`, and the compound (a record, a
/// branch of an algebraic data type, an unsigned number) with intern id `k` is `k << 2 | 3`.
/// Equality of values is equality of terms, so joins and hashing never touch strings. Numbers
/// therefore have 62 bits (Soufflé's have 32).
typealias Term = Int

/// What a compound term (tag 3) stands for; fields are terms, so records nest by reference.
enum Compound: Hashable {
    /// A record; `nil` is the record without fields (always id 0).
    case record([Term])
    /// `$Name(fields…)`: the branch's name is a symbol term.
    case branch(Term, [Term])
    /// Soufflé's unsigned numbers: 64 bits, arithmetic wrapping as in C.
    case unsigned(UInt64)
}

/// The term of `nil`.
let nilTerm: Term = 3

/// The range of numbers: 62 bits, two's complement.
public let maximumNumber = Int.max >> 2
public let minimumNumber = Int.min >> 2

@inline(__always) func fitsNumber(_ n: Int) -> Bool { n >= minimumNumber && n <= maximumNumber }

@inline(__always) func isNumberTerm(_ t: Term) -> Bool { t & 3 == 0 }
@inline(__always) func isSymbolTerm(_ t: Term) -> Bool { t & 3 == 1 }
@inline(__always) func isFloatTerm(_ t: Term) -> Bool { t & 3 == 2 }
@inline(__always) func isCompoundTerm(_ t: Term) -> Bool { t & 3 == 3 }
/// The low 62 bits of an integer's two's complement.
let numberMask = (1 << 62) - 1
/// A number's term; an `n` outside the 62 bits keeps its low 62 (wraps around).
@inline(__always) func numberTerm(_ n: Int) -> Term { n &<< 2 }
@inline(__always) func numberOfTerm(_ t: Term) -> Int { t >> 2 }

/// Interns symbols and floats; ids are dense and stable for the engine's lifetime.
final class SymbolTable {
    private(set) var strings: [String] = []
    private var ids: [String: Int] = [:]
    private var floats: [Double] = []
    private var floatIds: [UInt64: Int] = [:]
    private var compounds: [Compound] = [.record([])]
    private var compoundIds: [Compound: Int] = [.record([]): 0]
    /// UTF-8 bytes of all interned strings (the engine limits it: `maxSymbolBytes`).
    private(set) var bytes = 0
    /// The counter behind `autoinc()`: 0, 1, 2, … in the order calls happen, from the start of
    /// each evaluation.
    var autoincrement = 0

    func nextAutoincrement() -> Int {
        defer { autoincrement += 1 }
        return autoincrement
    }

    func intern(_ s: String) -> Term {
        if let id = ids[s] { return id &<< 2 | 1 }
        let id = strings.count
        strings.append(s)
        ids[s] = id
        bytes += s.utf8.count
        return id &<< 2 | 1
    }

    struct Checkpoint { let strings: Int, floats: Int, compounds: Int, bytes: Int }

    var checkpoint: Checkpoint {
        Checkpoint(strings: strings.count, floats: floats.count, compounds: compounds.count, bytes: bytes)
    }

    /// Forgets what was interned after `checkpoint` (no tuple may hold those terms any more).
    func rollBack(to c: Checkpoint) {
        for s in strings[c.strings...] { ids[s] = nil }
        strings.removeSubrange(c.strings...)
        for d in floats[c.floats...] { floatIds[(d == 0 ? 0.0 : d).bitPattern] = nil }
        floats.removeSubrange(c.floats...)
        for k in compounds[c.compounds...] { compoundIds[k] = nil }
        compounds.removeSubrange(c.compounds...)
        bytes = c.bytes
    }

    /// The term of a symbol if it was ever interned (lookups must not grow the table).
    func existingTerm(_ s: String) -> Term? {
        ids[s].map { $0 &<< 2 | 1 }
    }

    /// The term of a value if every part of it was interned; nil otherwise (no tuple holds it).
    func existingTerm(_ v: Value) -> Term? {
        func all(_ fields: [Value]) -> [Term]? {
            var terms: [Term] = []
            for f in fields {
                guard let t = existingTerm(f) else { return nil }
                terms.append(t)
            }
            return terms
        }
        switch v {
        case .number(let n): return numberTerm(n)
        case .float(let d): return floatIds[(d == 0 ? 0.0 : d).bitPattern].map { $0 &<< 2 | 2 }
        case .symbol(let s): return existingTerm(s)
        case .unsigned(let n): return existingCompoundTerm(.unsigned(n))
        case .record(let fields): return all(fields).flatMap { existingCompoundTerm(.record($0)) }
        case .branch(let name, let fields):
            guard let n = existingTerm(name), let terms = all(fields) else { return nil }
            return existingCompoundTerm(.branch(n, terms))
        }
    }

    @inline(__always) func string(_ t: Term) -> String { strings[t >> 2] }

    func floatTerm(_ d: Double) -> Term {
        let key = (d == 0 ? 0.0 : d).bitPattern  // -0.0 and 0.0 are one value
        if let id = floatIds[key] { return id &<< 2 | 2 }
        let id = floats.count
        floats.append(d)
        floatIds[key] = id
        return id &<< 2 | 2
    }

    @inline(__always) func double(_ t: Term) -> Double { floats[t >> 2] }

    func compoundTerm(_ c: Compound) -> Term {
        if let id = compoundIds[c] { return id &<< 2 | 3 }
        let id = compounds.count
        compounds.append(c)
        compoundIds[c] = id
        return id &<< 2 | 3
    }

    /// The term of a compound if it was ever interned (a comparison with a record that no tuple
    /// holds need not intern it).
    func existingCompoundTerm(_ c: Compound) -> Term? {
        compoundIds[c].map { $0 &<< 2 | 3 }
    }

    @inline(__always) func compound(_ t: Term) -> Compound { compounds[t >> 2] }

    func unsignedTerm(_ n: UInt64) -> Term { compoundTerm(.unsigned(n)) }

    /// The unsigned number a term holds, nil when it is not one.
    func unsigned(_ t: Term) -> UInt64? {
        guard isCompoundTerm(t), case .unsigned(let n) = compounds[t >> 2] else { return nil }
        return n
    }

    /// A numeric term as a Double (nil for symbols and records).
    func numeric(_ t: Term) -> Double? {
        switch t & 3 {
        case 0: return Double(numberOfTerm(t))
        case 2: return floats[t >> 2]
        case 3: return unsigned(t).map { Double($0) }
        default: return nil
        }
    }

    func term(_ v: Value) -> Term {
        switch v {
        case .number(let n): return numberTerm(n)
        case .float(let d): return floatTerm(d)
        case .symbol(let s): return intern(s)
        case .unsigned(let n): return unsignedTerm(n)
        case .record(let fields): return compoundTerm(.record(fields.map(term)))
        case .branch(let name, let fields): return compoundTerm(.branch(intern(name), fields.map(term)))
        }
    }

    func value(_ t: Term) -> Value {
        switch t & 3 {
        case 0: return .number(numberOfTerm(t))
        case 1: return .symbol(strings[t >> 2])
        case 2: return .float(floats[t >> 2])
        default:
            switch compounds[t >> 2] {
            case .record(let fields): return .record(fields.map(value))
            case .branch(let name, let fields): return .branch(strings[name >> 2], fields.map(value))
            case .unsigned(let n): return .unsigned(n)
            }
        }
    }

    func text(_ t: Term) -> String { value(t).text }
}
