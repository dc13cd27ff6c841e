// Soufflé's components: `.comp Name<T…> : Base<…> { … }`, `.init inst = Name<args>`, type
// parameters, inheritance, `.override` and nested components, expanded while parsing into
// flat declarations and rules whose names are qualified by instance (`inst.nested.rel`), so
// the checker and the engine only ever see plain relations.
//
// A component body is read once when it is declared, to find its statements and what they
// declare (its type names may be parameters, so they are not resolved then). Each instance
// then reads those statements again, from the same tokens, with the names qualified.

/// `Name` or `Name<A, B>`: a component named by `.init`, as a base, or when declared.
struct ComponentReference {
    var name: String
    var arguments: [String]
    var location: SourceLocation
}

/// `.init name = Component<args>`.
struct ComponentInstance {
    var name: String
    var component: ComponentReference
    var location: SourceLocation
}

/// One statement of a component body, as the range of its tokens, and what it declares.
struct ComponentStatement {
    var tokens: Range<Int>
    /// For each statement the first reading produced, in order: the head relation of a rule
    /// as written (nil for anything else), so that `.override` can drop a base's rules.
    var heads: [String?]
    var declaredRelations: [String]
    var declaredType: String?
}

enum ComponentItem {
    case statement(ComponentStatement)
    case instance(ComponentInstance)
    case override(String, SourceLocation)
}

struct ComponentDefinition {
    var name: String
    var parameters: [String]
    var bases: [ComponentReference]
    var items: [ComponentItem] = []
    /// Components declared inside this one: visible to its `.init`s and those of its nested ones.
    var nested: [String: ComponentDefinition] = [:]
    var location: SourceLocation

    /// Relations whose rules in the base components this one replaces.
    var overrides: Set<String> {
        Set(items.compactMap { if case .override(let name, _) = $0 { return name } else { return nil } })
    }
}

/// The names one instance qualifies with its own name: every relation and type declared in
/// it, its bases and its nested instances, as written inside it (`edge`, `inner.edge`).
final class InstanceLayer: Sendable {
    let instance: String
    let relations: Set<String>
    let types: Set<String>

    init(instance: String, relations: Set<String>, types: Set<String>) {
        self.instance = instance
        self.relations = relations
        self.types = types
    }
}

/// How the names of one statement of an instance are read.
struct ExpansionScope {
    /// The type parameters of the component the statement belongs to, with their arguments.
    var typeArguments: [String: String]
    /// The instances around the statement, innermost first.
    var layers: [InstanceLayer]
}

/// A statement to read for an instance, and the base rules it must leave out.
struct PendingStatement {
    var statement: ComponentStatement
    var scope: ExpansionScope
    var overridden: Set<String>
}

/// Everything one instance (with its bases and nested instances) contributes.
struct InstanceContent {
    var statements: [PendingStatement] = []
    var relations: Set<String> = []
    var types: Set<String> = []

    mutating func merge(_ other: InstanceContent) {
        statements += other.statements
        relations.formUnion(other.relations)
        types.formUnion(other.types)
    }
}

/// What the parser keeps about components. A reference, so that the parser itself stays
/// small: debug builds copy it at each level of a nested expression.
final class ComponentState {
    /// Components declared at the top level, by name.
    var components: [String: ComponentDefinition] = [:]
    /// Top-level `.init`s, with the number of statements before them: expanded once the
    /// whole program (every component and type) has been read.
    var pendingInstances: [(instance: ComponentInstance, index: Int)] = []
    /// Set while reading a statement of a component instance: how its names are qualified.
    var expansion: ExpansionScope?
    /// Set while a component body is first read: its type names are only known per instance.
    var deferringTypes = false
}

extension Parser {
    var components: [String: ComponentDefinition] {
        get { componentState.components }
        nonmutating set { componentState.components = newValue }
    }
    var pendingInstances: [(instance: ComponentInstance, index: Int)] {
        get { componentState.pendingInstances }
        nonmutating set { componentState.pendingInstances = newValue }
    }
    var expansion: ExpansionScope? {
        get { componentState.expansion }
        nonmutating set { componentState.expansion = newValue }
    }
    var deferringTypes: Bool {
        get { componentState.deferringTypes }
        nonmutating set { componentState.deferringTypes = newValue }
    }

    /// Instances inside instances (and bases of bases) deeper than this are taken to be a
    /// component that instantiates or inherits from itself.
    static let maximumComponentDepth = 100

    /// A relation name as the current instance statement means it: each instance around it,
    /// from the innermost out, prefixes the names it declares.
    func qualifiedRelation(_ written: String) -> String {
        guard let scope = expansion else { return written }
        var name = written
        for layer in scope.layers {
            if layer.relations.contains(name) { name = layer.instance + "." + name }
        }
        return name
    }

    /// A type name as the current instance statement means it: a type parameter is replaced
    /// by its argument, then types declared in instances are qualified like relations.
    func qualifiedType(_ written: String) -> String {
        guard let scope = expansion else { return written }
        var name = scope.typeArguments[written] ?? written
        for layer in scope.layers {
            if layer.types.contains(name) { name = layer.instance + "." + name }
        }
        return name
    }

    /// The type a column or a `.type` names. While a component body is first read its type
    /// names are not known yet (they may be parameters): any name stands in.
    func type(named written: String) -> ValueType? {
        if let type = resolvedType(qualifiedType(written)) { return type }
        return deferringTypes ? .symbol : nil
    }

    /// `.b.c` after an identifier: the rest of a qualified name `a.b.c`, whose dots touch
    /// the names on both sides (a dot followed by a space or a line break ends a statement).
    mutating func qualifiedNameRest() -> String {
        var rest = ""
        while current.isPunctuation("."), current.start == tokens[position - 1].end, let part = next.identifier,
            next.start == current.end
        {
            rest += "." + part
            position += 2
        }
        return rest
    }

    mutating func expectQualifiedName(_ context: String) throws -> (String, Token) {
        let (first, token) = try expectIdentifier(context)
        return (first + qualifiedNameRest(), token)
    }

    /// `Name` or `Name<A, B>`.
    mutating func parseComponentReference(_ context: String) throws -> ComponentReference {
        let (name, token) = try expectIdentifier(context)
        var arguments: [String] = []
        if current.isPunctuation("<") {
            position += 1
            repeat {
                if !arguments.isEmpty { position += 1 }
                arguments.append(try expectQualifiedName("a type or component name in '\(name)<…>'").0)
            } while current.isPunctuation(",")
            _ = try expect(">", "to close the parameters of '\(name)'")
        }
        return ComponentReference(name: name, arguments: arguments, location: location(token))
    }

    /// After `.init`: `name = Component<args>`.
    mutating func parseInstance() throws -> ComponentInstance {
        let (name, token) = try expectIdentifier("an instance name after .init")
        _ = try expect("=", "after the instance name", hint: "write `.init name = Component`")
        let component = try parseComponentReference("a component name after '='")
        return ComponentInstance(name: name, component: component, location: location(token))
    }

    /// After `.comp`: `Name<T…> : Base<…>, … { body }`. The body's statements are read to
    /// check them and find their ends; types, queries and names they declare are forgotten.
    mutating func parseComponent() throws -> ComponentDefinition {
        let declared = try parseComponentReference("a component name after .comp")
        var definition = ComponentDefinition(
            name: declared.name, parameters: declared.arguments, bases: [], location: declared.location)
        if current.isPunctuation(":") {
            repeat {
                position += 1
                definition.bases.append(try parseComponentReference("a base component"))
            } while current.isPunctuation(",")
        }
        let open = try expect("{", "to open the body of component '\(definition.name)'")
        let saved = (types, queryCount, deferringTypes)
        deferringTypes = true
        defer { (types, queryCount, deferringTypes) = saved }
        while !current.isPunctuation("}") {
            guard current.kind != .end else {
                throw error(
                    "component '\(definition.name)' is not closed", at: open, hint: "close its body with '}'")
            }
            if current.isPunctuation("."), let word = next.identifier, next.start == current.end,
                ["comp", "init", "override"].contains(word)
            {
                position += 2
                switch word {
                case "comp":
                    let inner = try parseComponent()
                    guard definition.nested[inner.name] == nil else {
                        throw DatalogError("component '\(inner.name)' is declared twice", at: inner.location)
                    }
                    definition.nested[inner.name] = inner
                case "init":
                    definition.items.append(.instance(try parseInstance()))
                default:
                    let (name, token) = try expectIdentifier("a relation name after .override")
                    definition.items.append(.override(name, location(token)))
                }
                continue
            }
            let start = position
            let statements = try parseStatement()
            let declaresRelation = statements.contains { if case .declaration = $0 { return true } else { return false } }
            var declaredType: String?
            if tokens[start].isPunctuation("."), let keyword = tokens[start + 1].identifier,
                ["type", "symbol_type", "number_type"].contains(keyword)
            {
                declaredType = tokens[start + 2].identifier
            }
            definition.items.append(
                .statement(
                    ComponentStatement(
                        tokens: start..<position,
                        heads: statements.map {
                            if case .rule(let r) = $0, !declaresRelation { return r.head.relation } else { return nil }
                        },
                        declaredRelations: statements.compactMap {
                            if case .declaration(let d) = $0 { return d.relation } else { return nil }
                        },
                        declaredType: declaredType)))
        }
        position += 1
        return definition
    }

    /// Replaces each top-level `.init` by the statements of its instance. Types are read
    /// first, so that a relation may use a type declared anywhere in its instance.
    mutating func expandInstances(into statements: inout [Statement]) throws {
        guard !pendingInstances.isEmpty else { return }
        var seen: [String: SourceLocation] = [:]
        var contents: [(content: InstanceContent, index: Int)] = []
        for (instance, index) in pendingInstances {
            try checkUnique(instance, among: &seen)
            contents.append((try instantiate(instance, inside: [], typeArguments: [:], depth: 0), index))
        }
        let end = position
        defer {
            position = end
            expansion = nil
        }
        for (content, _) in contents {
            for pending in content.statements where pending.statement.declaredType != nil { _ = try read(pending) }
        }
        for (content, index) in contents.reversed() {
            var expanded: [Statement] = []
            for pending in content.statements where pending.statement.declaredType == nil { expanded += try read(pending) }
            statements.insert(contentsOf: expanded, at: index)
        }
    }

    /// The statements of one instance statement, with its names qualified, less the rules
    /// an overriding component replaces.
    mutating func read(_ pending: PendingStatement) throws -> [Statement] {
        expansion = pending.scope
        position = pending.statement.tokens.lowerBound
        let statements = try parseStatement()
        let heads = pending.statement.heads
        guard !pending.overridden.isEmpty, heads.count == statements.count else { return statements }
        return zip(statements, heads).compactMap { statement, head in
            head.map { pending.overridden.contains($0) } == true ? nil : statement
        }
    }

    func checkUnique(_ instance: ComponentInstance, among seen: inout [String: SourceLocation]) throws {
        if let first = seen[instance.name] {
            throw DatalogError(
                "instance '\(instance.name)' is declared twice (first at \(first))", at: instance.location,
                hint: "give each .init its own name")
        }
        seen[instance.name] = instance.location
    }

    /// The component a reference names: a type parameter is replaced by its argument, then
    /// the name is looked up in the components declared around `scopes` (innermost first),
    /// then at the top level. Returns it with the components it is declared in.
    func lookUp(
        _ reference: ComponentReference, from scopes: [ComponentDefinition], typeArguments: [String: String]
    ) throws -> (ComponentDefinition, [ComponentDefinition]) {
        let name = typeArguments[reference.name] ?? reference.name
        for k in scopes.indices.reversed() {
            if let found = scopes[k].nested[name] { return (found, Array(scopes[...k])) }
        }
        if let found = components[name] { return (found, []) }
        let visible = Array(components.keys) + scopes.flatMap { $0.nested.keys }
        throw DatalogError(
            "unknown component '\(name)'", at: reference.location,
            hint: closest(to: name, among: visible).map { "did you mean '\($0)'?" } ?? "declare it with .comp \(name) { … }")
    }

    /// The type arguments a reference passes to `definition`'s parameters.
    func bind(
        _ reference: ComponentReference, to definition: ComponentDefinition, typeArguments: [String: String]
    ) throws -> [String: String] {
        guard reference.arguments.count == definition.parameters.count else {
            throw DatalogError(
                "component '\(definition.name)' takes \(definition.parameters.count) type parameters, got \(reference.arguments.count)",
                at: reference.location,
                hint: definition.parameters.isEmpty
                    ? "write it without <…>" : "write \(definition.name)<\(definition.parameters.joined(separator: ", "))>")
        }
        var bound: [String: String] = [:]
        for (parameter, argument) in zip(definition.parameters, reference.arguments) {
            bound[parameter] = typeArguments[argument] ?? argument
        }
        return bound
    }

    /// The content of instance `instance`, declared inside the components `scopes`: its
    /// names are prefixed with the instance's name.
    func instantiate(
        _ instance: ComponentInstance, inside scopes: [ComponentDefinition], typeArguments: [String: String], depth: Int
    ) throws -> InstanceContent {
        let (definition, definedIn) = try lookUp(instance.component, from: scopes, typeArguments: typeArguments)
        let bound = try bind(instance.component, to: definition, typeArguments: typeArguments)
        var content = try collect(
            definition, definedIn: definedIn, typeArguments: bound, overridden: [], depth: depth + 1,
            at: instance.location)
        let layer = InstanceLayer(instance: instance.name, relations: content.relations, types: content.types)
        for k in content.statements.indices { content.statements[k].scope.layers.append(layer) }
        content.relations = Set(content.relations.map { instance.name + "." + $0 })
        content.types = Set(content.types.map { instance.name + "." + $0 })
        return content
    }

    /// What `definition` contributes to an instance: its bases' content (less the rules of
    /// relations it overrides), its nested instances, and its own statements. `overridden`
    /// are relations a component derived from it overrides.
    func collect(
        _ definition: ComponentDefinition, definedIn: [ComponentDefinition], typeArguments: [String: String],
        overridden: Set<String>, depth: Int, at location: SourceLocation
    ) throws -> InstanceContent {
        guard depth <= Parser.maximumComponentDepth else {
            throw DatalogError(
                "components nested more than \(Parser.maximumComponentDepth) deep, from component '\(definition.name)'",
                at: location, hint: "a component instantiates or inherits from itself")
        }
        var content = InstanceContent()
        let overriddenInBases = overridden.union(definition.overrides)
        for base in definition.bases {
            let (baseDefinition, baseDefinedIn) = try lookUp(base, from: definedIn, typeArguments: typeArguments)
            let bound = try bind(base, to: baseDefinition, typeArguments: typeArguments)
            content.merge(
                try collect(
                    baseDefinition, definedIn: baseDefinedIn, typeArguments: bound, overridden: overriddenInBases,
                    depth: depth + 1, at: base.location))
        }
        let scopes = definedIn + [definition]
        var instances: [String: SourceLocation] = [:]
        for item in definition.items {
            switch item {
            case .statement(let statement):
                content.statements.append(
                    PendingStatement(
                        statement: statement, scope: ExpansionScope(typeArguments: typeArguments, layers: []),
                        overridden: overridden))
                content.relations.formUnion(statement.declaredRelations)
                if let type = statement.declaredType { content.types.insert(type) }
            case .instance(let instance):
                try checkUnique(instance, among: &instances)
                content.merge(try instantiate(instance, inside: scopes, typeArguments: typeArguments, depth: depth))
            case .override(let name, let location):
                guard !definition.bases.isEmpty else {
                    throw DatalogError(
                        "'.override \(name)' in component '\(definition.name)', which has no base component",
                        at: location, hint: "override a relation of a base: `.comp \(definition.name) : Base { … }`")
                }
            }
        }
        return content
    }
}
