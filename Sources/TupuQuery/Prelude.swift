/// Rules every query and REPL session starts with. They read as the documentation of
/// the derived relations; keep them few and plain.
public enum Prelude {
    public static let schemas: [RelationSchema] = [
        RelationSchema(
            name: "name", columns: [Column("id", .entity), Column("name", .text)],
            summary: "an entity's name or any of its aliases"),
        RelationSchema(
            name: "org_kind", columns: [Column("org", .entity), Column("kind", .text)],
            summary: "an org's kind (government, party, company, hospital, …)"),
        RelationSchema(
            name: "within", columns: [Column("x", .entity), Column("place", .entity)],
            summary: "x lies in the place through located_in and the whole part_of chain (never x itself)"),
        RelationSchema(
            name: "at", columns: [Column("x", .entity), Column("place", .entity)],
            summary: "x is the place or lies within it"),
        RelationSchema(
            name: "programme_in", columns: [Column("programme", .entity), Column("place", .entity)],
            summary: "a programme is in the place, by its own location or its runner's")
    ]

    public static let text = """
        % ---- Tupu prelude: derived views over the graph relations ----
        .decl name(id: symbol, name: symbol)
        .decl org_kind(org: symbol, kind: symbol)
        .decl within(x: symbol, place: symbol)
        .decl at(x: symbol, place: symbol)
        .decl programme_in(programme: symbol, place: symbol)

        % An entity is known by its name and by each alias.
        name(X, N) :- entity(X, _, N).
        name(X, N) :- alias(X, N).

        org_kind(X, K) :- entity(X, "org", _), attr(X, "kind", K).

        % Up the place chain: an org in a village is within its township, county, city ...
        within(X, P) :- located_in(X, P).
        within(X, P) :- part_of(X, P).
        within(X, P) :- within(X, Q), part_of(Q, P).

        % A place counts as being at itself, so a township that runs something is "at" it.
        at(X, P) :- within(X, P).
        at(P, P) :- place(P, _, _).

        % Where a programme happens: stated for the programme, or where its runner is.
        programme_in(G, P) :- entity(G, "programme", _), within(G, P).
        programme_in(G, P) :- runs(R, G), at(R, P).

        """

    /// The prelude's rules for one relation, one per line (for `:schema`).
    public static func rules(for name: String) -> String {
        text.split(separator: "\n").filter { $0.hasPrefix(name + "(") }.map { "  " + $0 + "\n" }.joined()
    }

    /// `.decl` lines for the base relations, which the graph fills.
    public static var baseDeclarations: String {
        GraphRelations.schemas.map(\.declaration).joined(separator: "\n") + "\n"
    }

    /// Base relations and prelude rules: the schemas a query can use without declaring anything.
    public static var allSchemas: [RelationSchema] { GraphRelations.schemas + schemas }
}
