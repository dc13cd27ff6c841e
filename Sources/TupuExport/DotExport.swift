import TupuGraph

/// `dot`: a Graphviz drawing of a sub-graph. Entity types are shapes and fill colours,
/// relations are edge colours, a legend node explains both. Every id is quoted and escaped,
/// the CJK font is set on graph, nodes and edges, and evidence rides along as tooltips and
/// `doc`/`start`/`end`/`confidence` attributes (Graphviz keeps unknown attributes).
public enum DotExport {
    /// Font list with fallbacks: without a CJK font Graphviz draws boxes for 汉字.
    public static let fontName = "Noto Sans CJK SC,Noto Sans CJK,WenQuanYi Micro Hei,sans-serif"
    /// Edge labels make `dot` far slower: only graphs with at most this many edges get them.
    public static let labelledEdgeLimit = 40

    struct NodeStyle {
        let shape: String
        let fill: String
        let caption: String
    }

    static func style(of type: EntityType) -> NodeStyle {
        switch type {
        case .place: NodeStyle(shape: "ellipse", fill: "#cfe8fc", caption: "place 地点")
        case .org: NodeStyle(shape: "box", fill: "#ffe0b2", caption: "org 机构")
        case .programme: NodeStyle(shape: "hexagon", fill: "#c8e6c9", caption: "programme 项目")
        case .person: NodeStyle(shape: "diamond", fill: "#f8bbd0", caption: "person 人物")
        }
    }

    static func colour(of relation: Relation) -> String {
        switch relation {
        case .runs: "#2e7d32"
        case .locatedIn: "#1565c0"
        case .partOf: "#6a1b9a"
        case .partner: "#ef6c00"
        case .memberOf: "#00838f"
        case .role: "#c62828"
        }
    }

    public static func write(_ graph: Graph, _ subgraph: Subgraph, to out: BufferedWriter) throws {
        let font = quote(fontName)
        let labelEdges = subgraph.edges.count <= labelledEdgeLimit
        try out.write("digraph tupu {\n")
        try out.write("  graph [charset=\"UTF-8\", fontname=\(font), rankdir=LR, overlap=prism, outputorder=edgesfirst];\n")
        try out.write("  node [fontname=\(font), fontsize=11, style=\"filled\", color=\"#555555\"];\n")
        try out.write("  edge [fontname=\(font), fontsize=9, arrowsize=0.7];\n")

        var types = Set<EntityType>()
        var relations = Set<Relation>()
        for index in subgraph.entities { types.insert(graph.entities[index].type) }
        for index in subgraph.edges { relations.insert(graph.edges[index].relation) }
        try out.write(legend(types: types.sorted(), relations: relations.sorted()))

        for index in subgraph.entities {
            let entity = graph.entities[index]
            let look = style(of: entity.type)
            var tooltip = "\(entity.id) (\(entity.type.rawValue))"
            for key in entity.attrs.keys.sorted() { tooltip += "\n\(key)=\(entity.attrs[key]!)" }
            if !entity.aliases.isEmpty { tooltip += "\n又名: " + entity.aliases.joined(separator: "、") }
            try out.write("  \(quote(entity.id)) [label=\(quote(entity.name)), shape=\(look.shape), fillcolor=\"\(look.fill)\", tooltip=\(quote(tooltip))];\n")
        }
        for index in subgraph.edges {
            let edge = graph.edges[index]
            var attributes = ["color=\"\(colour(of: edge.relation))\"", "rel=\(quote(edge.relation.rawValue))", "support=\(edge.support)"]
            if labelEdges {
                var label = edge.relation.rawValue
                if let title = edge.attrs["title"], !title.isEmpty { label += " \(title)" }
                attributes.append("label=\(quote(label))")
                attributes.append("fontcolor=\"\(colour(of: edge.relation))\"")
            }
            if edge.relation.isSymmetric { attributes.append("dir=none") }
            if let first = edge.evidence.first {
                attributes.append("doc=\(quote(first.doc))")
                attributes.append("start=\(first.start)")
                attributes.append("end=\(first.end)")
                attributes.append("confidence=\(JSON.number(first.confidence))")
                attributes.append("tooltip=\(quote("\(edge.relation.rawValue) — \(first.doc) [\(first.start),\(first.end)) \(first.sentence.string)"))")
            }
            try out.write("  \(quote(edge.subject)) -> \(quote(edge.object)) [\(attributes.joined(separator: ", "))];\n")
        }
        try out.write("}\n")
    }

    /// One HTML-like table node: a swatch per entity type, a coloured line per relation.
    /// A single node keeps the legend cheap to lay out.
    static func legend(types: [EntityType], relations: [Relation]) -> String {
        guard !types.isEmpty else { return "" }
        var rows = "<tr><td colspan=\"2\"><b>图例 legend</b></td></tr>"
        for type in types {
            let look = style(of: type)
            rows += "<tr><td bgcolor=\"\(look.fill)\">\(look.shape)</td><td align=\"left\">\(html(look.caption))</td></tr>"
        }
        for relation in relations {
            let colour = colour(of: relation)
            rows += "<tr><td><font color=\"\(colour)\">━━━</font></td><td align=\"left\"><font color=\"\(colour)\">\(relation.rawValue)</font></td></tr>"
        }
        return
            "  \"tupu:legend\" [shape=plaintext, style=\"\", label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">\(rows)</table>>];\n"
    }

    /// A DOT double-quoted string: `"` and `\` escaped (so Graphviz's `\N`-style escapes cannot
    /// fire), line breaks as `\n`, other control characters dropped.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func html(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
