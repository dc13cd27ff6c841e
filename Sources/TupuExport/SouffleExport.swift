import TupuGraph
import TupuQuery

/// `souffle`: one `NAME.facts` file per base relation of `tupu query` (the same names, columns
/// and rows as `GraphRelations`), TAB-separated, no header, no quoting (a tab or line break
/// inside a value becomes a space), plus `tupu.dl` with the `.decl` and `.input` lines:
/// `souffle -F graph-souffle graph-souffle/tupu.dl` (add rules and `.output` to it).
///
/// Relations: entity(id,type,name), alias(id,name), attr(id,key,value), place(id,level,code),
/// runs, located_in, part_of, partner (both directions), member_of, role(person,org,title),
/// mentioned_in(id,doc), evidence(subject,relation,object,doc,start,end) and
/// evidence_sentence(subject,relation,object,sentence) (partner both ways).
public enum SouffleExport {
    public static var files: [String] { GraphRelations.schemas.map { "\($0.name).facts" } + ["tupu.dl"] }

    public static func write(_ graph: Graph, open: (String) throws -> BufferedWriter) throws {
        var out: [String: BufferedWriter] = [:]
        for schema in GraphRelations.schemas { out[schema.name] = try open("\(schema.name).facts") }
        func emit(_ relation: String, _ fields: String...) throws {
            try out[relation]!.write(fields.map(clean).joined(separator: "\t") + "\n")
        }
        for index in graph.entityOrder() {
            let e = graph.entities[index]
            try emit("entity", e.id, e.type.rawValue, e.name)
            for alias in e.aliases { try emit("alias", e.id, alias) }
            for key in e.attrs.keys.sorted() { try emit("attr", e.id, key, e.attrs[key]!) }
            for doc in e.docs { try emit("mentioned_in", e.id, doc) }
            if e.type == .place { try emit("place", e.id, e.attrs["level"] ?? "", divisionCode(of: e)) }
        }
        for index in graph.edgeOrder() {
            let edge = graph.edges[index]
            let s = edge.subject
            let o = edge.object
            let mirrored = edge.relation.isSymmetric && s != o
            switch edge.relation {
            case .role:
                let title = edge.attrs["title"] ?? graph.entity(id: s)?.attrs["role"] ?? ""
                try emit("role", s, o, title)
            default:
                try emit(edge.relation.rawValue, s, o)
                if mirrored { try emit(edge.relation.rawValue, o, s) }
            }
            for piece in edge.evidence {
                for (a, b) in mirrored ? [(s, o), (o, s)] : [(s, o)] {
                    try emit("evidence", a, edge.relation.rawValue, b, piece.doc, String(piece.start), String(piece.end))
                    try emit("evidence_sentence", a, edge.relation.rawValue, b, piece.sentence.string)
                }
            }
        }
        let program = try open("tupu.dl")
        try program.write("// Base relations exported by `tupu export --format souffle`.\n// Run: souffle -F <this folder> tupu.dl\n")
        for schema in GraphRelations.schemas {
            try program.write("\(schema.declaration)\n.input \(schema.name)\n")
        }
    }

    /// The place's `code` attribute, else the digits after `place:` in its id, else "" — as `tupu query` sees it.
    static func divisionCode(of entity: Entity) -> String {
        if let code = entity.attrs["code"] { return code }
        let suffix = entity.id.split(separator: ":", maxSplits: 1).last.map(String.init) ?? ""
        return !suffix.isEmpty && suffix.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) ? suffix : ""
    }

    /// Soufflé reads fields verbatim up to the next TAB: tabs and line breaks must go.
    static func clean(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 9 || $0 == 10 || $0 == 13 }) else { return value }
        return String(String.UnicodeScalarView(value.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
    }
}
