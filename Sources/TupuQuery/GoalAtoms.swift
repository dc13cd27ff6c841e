import Datalog

/// The positive atoms of a goal, with arguments that are variables, constants or `_`,
/// so that each answer's bindings can be put back into them and each instance explained.
/// (The engine's syntax tree is internal; the goal's surface is simple enough to read here.)
struct GoalAtoms {
    enum Argument {
        case variable(String)
        case constant(Value)
        case anonymous
    }

    struct Atom {
        let relation: String
        let arguments: [Argument]

        /// The atom's values under `binding`; nil when an argument stays unbound (`_`).
        func instantiate(_ binding: [String: Value]) -> [Value]? {
            var values: [Value] = []
            for argument in arguments {
                switch argument {
                case .constant(let value): values.append(value)
                case .variable(let name):
                    guard let value = binding[name] else { return nil }
                    values.append(value)
                case .anonymous: return nil
                }
            }
            return values
        }

        var constants: [String] {
            arguments.compactMap { if case .constant(.symbol(let s)) = $0 { return s } else { return nil } }
        }
    }

    static func parse(_ goal: String) -> [Atom] {
        let lexed = DatalogTokens(goal)
        let tokens = lexed.tokens
        var atoms: [Atom] = []
        var i = 0
        var depth = 0
        while i < tokens.count {
            let token = tokens[i]
            if token.kind == .open { depth += 1 }
            if token.kind == .close { depth -= 1 }
            let negated = i > 0 && lexed.text(tokens[i - 1]) == "!"
            guard depth == 0, token.kind == .identifier, i + 1 < tokens.count, tokens[i + 1].kind == .open, !negated else {
                i += 1
                continue
            }
            // relation ( arg , arg … )
            var arguments: [Argument] = []
            var j = i + 2
            var simple = true
            while j < tokens.count {
                let t = tokens[j]
                let next = j + 1 < tokens.count ? tokens[j + 1] : nil
                guard next?.kind == .comma || next?.kind == .close else {
                    simple = false
                    break
                }
                switch t.kind {
                case .string: arguments.append(.constant(.symbol(lexed.stringValue(t))))
                case .identifier:
                    let name = lexed.text(t)
                    arguments.append(name == "_" ? .anonymous : .variable(name))
                case .number:
                    arguments.append(.constant(.number(Int(lexed.text(t)) ?? 0)))
                default: simple = false
                }
                if !simple { break }
                j += 2
                if next?.kind == .close { break }
            }
            if simple, !NameResolver.functors.contains(lexed.text(token)) {
                atoms.append(Atom(relation: lexed.text(token), arguments: arguments))
                i = j
            } else {
                i += 1
            }
        }
        return atoms
    }
}
