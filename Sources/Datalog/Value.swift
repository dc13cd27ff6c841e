// Values, interning and the compact term encoding the engine works on.

/// A Datalog constant: a symbol (string) or a number (integer).
///
/// Order (used to sort answers): numbers before symbols, numbers numerically,
/// symbols by Unicode scalar values.
public enum Value: Hashable, Sendable, Comparable, CustomStringConvertible {
    case symbol(String)
    case number(Int)

    public static func < (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case let (.number(a), .number(b)): return a < b
        case let (.symbol(a), .symbol(b)): return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        case (.number, .symbol): return true
        case (.symbol, .number): return false
        }
    }

    /// Datalog source spelling: symbols quoted and escaped, numbers plain.
    public var description: String {
        switch self {
        case .number(let n): return String(n)
        case .symbol(let s): return "\"" + Value.escape(s) + "\""
        }
    }

    /// The bare text: a symbol without quotes, a number in decimal.
    public var text: String {
        switch self {
        case .number(let n): return String(n)
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
    case symbol, number
}

/// Terms are `Int`s: a number `n` is `n << 1`, the symbol with intern id `k` is `k << 1 | 1`.
/// Equality of values is equality of terms, so joins and hashing never touch strings.
/// Numbers therefore have 63 bits (Soufflé's have 32).
typealias Term = Int

@inline(__always) func isNumberTerm(_ t: Term) -> Bool { t & 1 == 0 }
@inline(__always) func numberTerm(_ n: Int) -> Term { n &<< 1 }
@inline(__always) func numberOfTerm(_ t: Term) -> Int { t >> 1 }

/// Interns symbols; ids are dense and stable for the engine's lifetime.
final class SymbolTable {
    private(set) var strings: [String] = []
    private var ids: [String: Int] = [:]

    func intern(_ s: String) -> Term {
        if let id = ids[s] { return id &<< 1 | 1 }
        let id = strings.count
        strings.append(s)
        ids[s] = id
        return id &<< 1 | 1
    }

    /// The term of a symbol if it was ever interned (lookups must not grow the table).
    func existingTerm(_ s: String) -> Term? {
        ids[s].map { $0 &<< 1 | 1 }
    }

    @inline(__always) func string(_ t: Term) -> String { strings[t >> 1] }

    func term(_ v: Value) -> Term {
        switch v {
        case .number(let n): return numberTerm(n)
        case .symbol(let s): return intern(s)
        }
    }

    func value(_ t: Term) -> Value {
        isNumberTerm(t) ? .number(numberOfTerm(t)) : .symbol(strings[t >> 1])
    }
}
