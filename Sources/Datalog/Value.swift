// Values, interning and the compact term encoding the engine works on.
import Foundation

/// A Datalog constant: a symbol (string), a number (integer) or a float.
///
/// Order (used to sort answers): numbers and floats before symbols, compared numerically
/// (an integer before an equal float); symbols by Unicode scalar values.
public enum Value: Hashable, Sendable, Comparable, CustomStringConvertible {
    case symbol(String)
    case number(Int)
    case float(Double)

    public static func < (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): return a < b
        case let (.symbol(a), .symbol(b)): return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case let (.float(a), .float(b)): return a < b
        case let (.number(a), .float(b)): return Double(a) <= b
        case let (.float(a), .number(b)): return a < Double(b)
        case (.symbol, _): return false
        case (_, .symbol): return true
        }
    }

    /// Floats print like C's `%g` (six significant digits), as Soufflé prints them.
    static func floatText(_ d: Double) -> String {
        String(format: "%g", d)
    }

    /// Datalog source spelling: symbols quoted and escaped, numbers plain.
    public var description: String {
        switch self {
        case .number(let n): return String(n)
        case .float(let d): return Value.floatText(d)
        case .symbol(let s): return "\"" + Value.escape(s) + "\""
        }
    }

    /// The bare text: a symbol without quotes, a number in decimal.
    public var text: String {
        switch self {
        case .number(let n): return String(n)
        case .float(let d): return Value.floatText(d)
        case .symbol(let s): return s
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
public enum ValueType: String, Sendable, Hashable {
    case symbol, number, float
}

/// Terms are `Int`s with a two-bit tag: a number `n` is `n << 2`, the symbol with intern id `k` is
/// `k << 2 | 1`, the float with intern id `k` is `k << 2 | 2`. Equality of values is equality of
/// terms, so joins and hashing never touch strings. Numbers therefore have 62 bits (Soufflé's have 32).
typealias Term = Int

/// The range of numbers: 62 bits, two's complement.
public let maximumNumber = Int.max >> 2
public let minimumNumber = Int.min >> 2

@inline(__always) func fitsNumber(_ n: Int) -> Bool { n >= minimumNumber && n <= maximumNumber }

@inline(__always) func isNumberTerm(_ t: Term) -> Bool { t & 3 == 0 }
@inline(__always) func isSymbolTerm(_ t: Term) -> Bool { t & 3 == 1 }
@inline(__always) func isFloatTerm(_ t: Term) -> Bool { t & 3 == 2 }
@inline(__always) func numberTerm(_ n: Int) -> Term { n &<< 2 }
@inline(__always) func numberOfTerm(_ t: Term) -> Int { t >> 2 }

/// Interns symbols and floats; ids are dense and stable for the engine's lifetime.
final class SymbolTable {
    private(set) var strings: [String] = []
    private var ids: [String: Int] = [:]
    private var floats: [Double] = []
    private var floatIds: [UInt64: Int] = [:]
    /// UTF-8 bytes of all interned strings (the engine limits it: `maxSymbolBytes`).
    private(set) var bytes = 0

    func intern(_ s: String) -> Term {
        if let id = ids[s] { return id &<< 2 | 1 }
        let id = strings.count
        strings.append(s)
        ids[s] = id
        bytes += s.utf8.count
        return id &<< 2 | 1
    }

    struct Checkpoint { let strings: Int, floats: Int, bytes: Int }

    var checkpoint: Checkpoint { Checkpoint(strings: strings.count, floats: floats.count, bytes: bytes) }

    /// Forgets what was interned after `checkpoint` (no tuple may hold those terms any more).
    func rollBack(to c: Checkpoint) {
        for s in strings[c.strings...] { ids[s] = nil }
        strings.removeSubrange(c.strings...)
        for d in floats[c.floats...] { floatIds[(d == 0 ? 0.0 : d).bitPattern] = nil }
        floats.removeSubrange(c.floats...)
        bytes = c.bytes
    }

    /// The term of a symbol if it was ever interned (lookups must not grow the table).
    func existingTerm(_ s: String) -> Term? {
        ids[s].map { $0 &<< 2 | 1 }
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

    /// A numeric term as a Double (nil for symbols).
    func numeric(_ t: Term) -> Double? {
        switch t & 3 {
        case 0: return Double(numberOfTerm(t))
        case 2: return floats[t >> 2]
        default: return nil
        }
    }

    func term(_ v: Value) -> Term {
        switch v {
        case .number(let n): return numberTerm(n)
        case .float(let d): return floatTerm(d)
        case .symbol(let s): return intern(s)
        }
    }

    func value(_ t: Term) -> Value {
        switch t & 3 {
        case 0: return .number(numberOfTerm(t))
        case 1: return .symbol(strings[t >> 2])
        default: return .float(floats[t >> 2])
        }
    }

    func text(_ t: Term) -> String { value(t).text }
}
