// Soufflé's magic-set transformation (`.pragma "magic-transform" "*"`): a relation that the
// program's outputs ask about with some arguments known is derived only for those arguments.
// Each relation gets one version per adornment (which arguments its callers bind) under its own
// name, `samegen'bf`; a magic relation `magic'samegen'bf` collects the bound arguments asked for,
// passed left to right through each calling body (sideways information passing), and every rule
// of the version starts from it. The all-free version keeps the relation's name, so outputs read
// what they always read.
//
// A relation whose full extent matters is left as written, with everything its rules use (as
// Soufflé leaves it): input relations and those with no atom in any rule, relations under a
// negation or inside an aggregate, subsumption, choice domains, `autoinc()` and what reads its
// values. Relations the pragma does not name, relations with float or unsigned columns (constants
// are coerced by column) and those whose rules aggregate or divide are asked for all-free only.

/// The relations `.pragma "magic-transform" "…"` names: `*` for every one.
public enum MagicSelection: Sendable, Equatable {
    case all
    case relations(Set<String>)

    /// From the pragma's value: `*`, or relation names separated by commas.
    init(_ text: String) {
        let names = text.split(separator: ",").map { String($0.filter { $0 != " " && $0 != "\t" }) }
        self = names.contains("*") ? .all : .relations(Set(names))
    }
}

extension Program {
    /// The program rewritten by magic sets when it has the pragma (see above), else itself. For
    /// a whole program (`tupu run`): the rules of relations no output asks for are dropped, and
    /// a relation's rules give way to its adorned versions.
    public func magicSetsApplied() -> Program {
        guard let selection = magicSelection else { return self }
        var rewrite = MagicRewrite(self, selection: selection)
        return rewrite.rewritten()
    }
}

/// A relation with the arguments its callers bind (`bound` is empty when none is).
private struct Adorned: Hashable {
    let relation: String
    let bound: [Bool]

    init(_ relation: String, bound: [Bool]) {
        self.relation = relation
        self.bound = bound.contains(true) ? bound : []
    }

    var isFree: Bool { bound.isEmpty }
    private var pattern: String { String(bound.map { $0 ? "b" : "f" }) }
    var name: String { isFree ? relation : relation + "'" + pattern }
    var magicName: String { "magic'" + relation + "'" + pattern }
}

private struct MagicRewrite {
    let program: Program
    var rulesOf: [String: [Rule]] = [:]
    /// Relations evaluated as written, with all they use.
    var inFull = Set<String>()
    /// Relations only ever asked for all-free.
    var askedFree = Set<String>()
    /// What the outputs, `.printsize` and queries read whole.
    var roots: [String] = []
    var demanded: [Adorned] = []
    var seen = Set<Adorned>()
    var rules: [Rule] = []

    init(_ program: Program, selection: MagicSelection) {
        self.program = program
        var inputs = Set<String>()
        var guarded = Set<String>()
        var counting = Set<String>()
        for statement in program.statements {
            switch statement {
            case .declaration(let d):
                if !d.choiceDomains.isEmpty { inFull.insert(d.relation) }
                if d.columns.contains(where: { $0.type == .float || $0.type == .unsigned }) { askedFree.insert(d.relation) }
            case .rule(let rule):
                rulesOf[rule.head.relation, default: []].append(rule)
                for literal in rule.body { literal.collectGuardedRelations(into: &guarded) }
                if rule.subsumption { inFull.insert(rule.head.relation) }
                if rule.mentions({ if case .call(.autoinc, _, _) = $0 { true } else { false } }) {
                    counting.insert(rule.head.relation)
                }
                // A head variable bound by the caller would group an aggregate (or stop being its
                // witness) where the rule as written does not; Soufflé leaves division alone too.
                let bindingChangesMeaning = rule.mentions {
                    switch $0 {
                    case .aggregate, .binary(.divide, _, _, _), .binary(.modulo, _, _, _): true
                    default: false
                    }
                }
                if bindingChangesMeaning { askedFree.insert(rule.head.relation) }
            case .query(let query):
                for literal in query.body { literal.collectGuardedRelations(into: &guarded) }
                var named = Set<String>()
                for literal in query.body { literal.collectRelations(into: &named) }
                roots += named.sorted()
                askedFree.formUnion(named)
            case .directive(.input(let name, _, _)): inputs.insert(name)
            case .directive(.output(let name, _, _)), .directive(.printSize(let name, _)): roots.append(name)
            // Which tuples fill a limited relation first depends on all of them being derived.
            case .directive(.limitSize(let name, _, _)): inFull.insert(name)
            }
        }
        let dependencies = program.ruleDependencies
        for name in program.relationsNamed where dependencies[name, default: []].isEmpty { inFull.insert(name) }
        // Values from autoinc() depend on the order tuples are derived in: so do their readers'.
        var readers = counting
        while true {
            let more = dependencies.filter { !readers.contains($0.key) && !$0.value.isDisjoint(with: readers) }.keys
            if more.isEmpty { break }
            readers.formUnion(more)
        }
        inFull.formUnion(inputs.union(guarded).union(readers))
        var pending = Array(inFull)
        while let name = pending.popLast() {
            for used in dependencies[name, default: []] where inFull.insert(used).inserted { pending.append(used) }
        }
        if case .relations(let named) = selection {
            askedFree.formUnion(program.relationsNamed.subtracting(named))
        }
        roots = roots.filter { !inFull.contains($0) }
    }

    /// The versions of rules the roots ask for, and the magic rules that fill their magic relations.
    mutating func adornRules() {
        demanded = []
        seen = []
        rules = []
        for root in roots { demand(Adorned(root, bound: [])) }
        var next = 0
        while next < demanded.count {
            let adorned = demanded[next]
            next += 1
            for rule in rulesOf[adorned.relation] ?? [] { adorn(rule, as: adorned) }
        }
    }

    mutating func demand(_ adorned: Adorned) {
        if seen.insert(adorned).inserted { demanded.append(adorned) }
    }

    mutating func rewritten() -> Program {
        // A relation asked for whole is derived whole anyway: its callers that bind arguments read
        // that instead of a version of their own.
        while true {
            adornRules()
            let whole = Set(demanded.filter(\.isFree).map(\.relation))
            let alsoWhole = Set(demanded.filter { !$0.isFree && whole.contains($0.relation) }.map(\.relation))
            if alsoWhole.isEmpty { break }
            askedFree.formUnion(alsoWhole)
        }
        var versions: [String: [Adorned]] = [:]
        for adorned in demanded where !adorned.isFree { versions[adorned.relation, default: []].append(adorned) }
        var out = program
        out.magicSelection = nil
        out.statements = []
        for statement in program.statements {
            switch statement {
            case .rule(let rule) where !inFull.contains(rule.head.relation):
                continue
            case .declaration(let d):
                out.statements.append(statement)
                for adorned in versions[d.relation] ?? [] {
                    var version = d
                    version.relation = adorned.name
                    version.choiceDomains = []
                    version.isInline = false
                    var magic = version
                    magic.relation = adorned.magicName
                    magic.columns = zip(d.columns, adorned.bound).filter(\.1).map(\.0)
                    out.statements += [.declaration(version), .declaration(magic)]
                }
            default:
                out.statements.append(statement)
            }
        }
        out.statements += rules.map { .rule($0) }
        return out
    }

    /// The rule of the version `head` of its relation, and a magic rule for each call in its
    /// body that binds an argument.
    mutating func adorn(_ rule: Rule, as head: Adorned) {
        var bound = Bindings()
        var body: [Literal] = []
        // What is known before each body literal, as the body of a magic rule.
        var known: [Literal] = []
        var headEqualities: [Literal] = []
        if !head.isFree {
            var asked: [Expression] = []
            var askedInKnown: [Expression] = []
            for (k, argument) in rule.head.arguments.enumerated() where head.bound[k] {
                switch argument {
                case .variable(let name, _):
                    bound.fromHead.insert(name)
                    asked.append(argument)
                    askedInKnown.append(argument)
                case .constant:
                    asked.append(argument)
                    askedInKnown.append(argument)
                default:
                    // A computed head argument: the value asked for must equal it.
                    let fresh = Expression.variable("'magic\(k)", argument.location)
                    asked.append(fresh)
                    askedInKnown.append(.anonymous(argument.location))
                    headEqualities.append(.comparison(.equal, fresh, argument, argument.location))
                }
            }
            body.append(.positive(Atom(relation: head.magicName, arguments: asked, location: rule.head.location)))
            known.append(.positive(Atom(relation: head.magicName, arguments: askedInKnown, location: rule.head.location)))
        }
        for literal in rule.body {
            guard case .positive(var atom) = literal, !inFull.contains(atom.relation) else {
                body.append(literal)
                if literal.passesBindings(&bound) { known.append(literal) }
                continue
            }
            let called = Adorned(
                atom.relation,
                bound: askedFree.contains(atom.relation) ? [] : atom.arguments.map { $0.isKnown(bound) })
            if !called.isFree {
                let asked = Atom(
                    relation: called.magicName, arguments: zip(atom.arguments, called.bound).filter(\.1).map(\.0),
                    location: atom.location)
                // Plans and explanations show the rule as written, with what this one derives.
                let text = rule.text + "  (asks \(called.name) for \(head.name))"
                rules.append(Rule(head: asked, body: known, text: text, location: atom.location))
            }
            demand(called)
            atom.relation = called.name
            body.append(.positive(atom))
            if Literal.positive(atom).passesBindings(&bound) { known.append(.positive(atom)) }
        }
        var version = rule
        version.head.relation = head.name
        version.body = body + headEqualities
        if !head.isFree { version.text = rule.text + "  (as \(head.name))" }
        rules.append(version)
    }
}

extension Rule {
    /// Whether `test` holds for some expression of the rule, inside aggregates too.
    fileprivate func mentions(_ test: (Expression) -> Bool) -> Bool {
        head.arguments.contains { $0.contains(test) } || body.contains { $0.contains(test) }
    }
}

extension Literal {
    fileprivate func contains(_ test: (Expression) -> Bool) -> Bool {
        switch self {
        case .positive(let atom), .negative(let atom, _): return atom.arguments.contains { $0.contains(test) }
        case .comparison(_, let a, let b, _): return a.contains(test) || b.contains(test)
        case .predicate(_, _, let arguments, _): return arguments.contains { $0.contains(test) }
        }
    }

    /// Relations whose whole extent the literal reads: negated ones and those in aggregates
    /// (everything the literal names but a positive atom's own relation).
    fileprivate func collectGuardedRelations(into names: inout Set<String>) {
        guard case .positive(let atom) = self else { return collectRelations(into: &names) }
        for argument in atom.arguments { argument.collectRelations(into: &names) }
    }

    /// Whether the literal can stand in a magic rule after literals that bind `bound` (adding
    /// what it binds): a positive atom, an equality that binds, or a test of bound variables.
    /// Without aggregates: fewer literals only ask for more.
    fileprivate func passesBindings(_ bound: inout Bindings) -> Bool {
        if contains({ if case .aggregate = $0 { true } else { false } }) { return false }
        switch self {
        case .positive(let atom):
            // An argument computed from variables bound only later (`p(x + 1), q(x)`) cannot be
            // evaluated in a magic rule that stops before them.
            var matched = bound.fromBody
            for argument in atom.arguments { argument.collectBindable(into: &matched) }
            let known = Bindings(fromHead: bound.fromHead, fromBody: matched)
            guard atom.arguments.allSatisfy({ $0.isBindable || $0.variables.allSatisfy(known.contains) }) else { return false }
            bound = known
            return true
        case .comparison(.equal, let a, let b, _) where b.isKnown(bound) && a.isBindable,
            .comparison(.equal, let b, let a, _) where b.isKnown(bound) && a.isBindable:
            if b.isGround(bound.fromBody) {
                a.collectBindable(into: &bound.fromBody)
            } else {
                a.collectBindable(into: &bound.fromHead)
            }
            return true
        case .negative(let atom, _):
            return atom.arguments.allSatisfy { $0.variables.allSatisfy(bound.contains) }
        case .comparison(_, let a, let b, _):
            return (a.variables + b.variables).allSatisfy(bound.contains)
        case .predicate(_, _, let arguments, _):
            return arguments.allSatisfy { $0.variables.allSatisfy(bound.contains) }
        }
    }
}

/// The variables bound before a body literal. A value computed from variables bound only by the
/// head is not known: `gen(x) :- gen(x + 1), valid(x).` asked for `gen(0)` would ask for
/// `gen(1)`, `gen(2)`, … without end, where the rule as written stops at the first invalid number.
private struct Bindings {
    var fromHead = Set<String>()
    var fromBody = Set<String>()

    func contains(_ name: String) -> Bool { fromBody.contains(name) || fromHead.contains(name) }
}

extension Expression {
    /// Known before the literal it is in: a bound variable, a constant or a value computed from
    /// variables the body bound.
    fileprivate func isKnown(_ bound: Bindings) -> Bool {
        if case .variable(let name, _) = self { return bound.contains(name) }
        return isGround(bound.fromBody)
    }

    fileprivate var variables: [String] {
        var found: [(String, SourceLocation)] = []
        collectVariables(into: &found)
        return found.map(\.0)
    }

    fileprivate func contains(_ test: (Expression) -> Bool) -> Bool {
        if test(self) { return true }
        switch self {
        case .variable, .anonymous, .constant: return false
        case .negate(let e, _): return e.contains(test)
        case .binary(_, let a, let b, _): return a.contains(test) || b.contains(test)
        case .call(_, let arguments, _), .record(let arguments, _), .branch(_, let arguments, _):
            return arguments.contains { $0.contains(test) }
        case .aggregate(_, let target, let body, _):
            return target?.contains(test) == true || body.contains { $0.contains(test) }
        }
    }

    /// A single value once `bound` is: a constant, or built from bound variables without a
    /// generator (`range`), a counter (`autoinc`) or an aggregate.
    fileprivate func isGround(_ bound: Set<String>) -> Bool {
        switch self {
        case .constant: return true
        case .variable(let name, _): return bound.contains(name)
        case .anonymous, .aggregate: return false
        case .negate(let e, _): return e.isGround(bound)
        case .binary(_, let a, let b, _): return a.isGround(bound) && b.isGround(bound)
        case .call(let function, let arguments, _):
            return function != .range && function != .autoinc && arguments.allSatisfy { $0.isGround(bound) }
        case .record(let fields, _), .branch(_, let fields, _): return fields.allSatisfy { $0.isGround(bound) }
        }
    }

    /// A variable, or a record or branch of them: what matching a value binds.
    fileprivate var isBindable: Bool {
        switch self {
        case .variable, .anonymous: return true
        case .record(let fields, _), .branch(_, let fields, _): return fields.allSatisfy { $0.isBindable || $0.isGround([]) }
        default: return false
        }
    }

    /// The variables matching a value against this argument binds (not those inside computed parts).
    fileprivate func collectBindable(into bound: inout Set<String>) {
        switch self {
        case .variable(let name, _): bound.insert(name)
        case .record(let fields, _), .branch(_, let fields, _): for field in fields { field.collectBindable(into: &bound) }
        default: break
        }
    }
}
