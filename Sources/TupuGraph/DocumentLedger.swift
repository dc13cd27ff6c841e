import Foundation

/// What one document added to the graph, kept so that the document can be taken out again
/// (`tupu build --update` replaces a document whose id is already in the graph): its entities
/// as its own graph held them (name, aliases, attributes, mentions) and its edges with their
/// support and attributes. Its evidence is not repeated here: the graph's kept evidence names
/// its document.
///
/// In the graph file each share is a line after the edges, written only by builds asked for it
/// (`--updatable`); readers that do not know the kind skip it:
///
///     {"kind":"document","id":"a.txt","entities":[{"id":"org:…","mentions":2}, …],"edges":[{"relation":"runs","subject":"org:…","object":"programme:…","support":1}, …]}
///
/// An entity's `name` and `attrs`, and an edge's `attrs`, are written only where they differ from
/// the graph's entity or edge; an entity's `aliases` only when it has some.
public struct DocumentShare: Sendable {
    public let id: String
    /// The document's entities, each with `docs == [id]`, sorted by id.
    public var entities: [Entity]
    /// The document's edges without evidence, sorted by key.
    public var edges: [Edge]

    /// The share of a document's own graph (before it is merged into the corpus graph).
    public init(id: String, graph: Graph) {
        self.id = id
        self.entities = graph.entities.sorted { $0.id.precedesByUTF8($1.id) }
        self.edges = graph.edges.map { Edge(relation: $0.relation, subject: $0.subject, object: $0.object, attrs: $0.attrs, support: $0.support) }
            .sorted { $0.key < $1.key }
    }

    init(id: String, entities: [Entity], edges: [Edge]) {
        self.id = id
        self.entities = entities
        self.edges = edges
    }
}

extension Graph {
    /// The graph that building the shares' documents in this order makes, before the divisions
    /// are linked: each document's graph rebuilt from its share, with the evidence `evidence`
    /// gives for the share (by position) and edge that names the document (in the order kept), merged in order.
    /// An edge whose kept evidence lost a piece to a replaced document keeps one piece fewer than a
    /// fresh build, which would fill the place from evidence it had dropped (see README).
    public static func rebuilt(from shares: [DocumentShare], evidence: (_ share: Int, EdgeKey) -> [Evidence]) -> Graph {
        var merged = Graph()
        for (position, share) in shares.enumerated() {
            var graph = Graph()
            graph.reserveCapacity(entities: share.entities.count, edges: share.edges.count)
            for entity in share.entities { graph.add(entity) }
            for var edge in share.edges {
                edge.evidence = evidence(position, edge.key).filter { $0.doc.sameBytes(as: share.id) }
                graph.add(edge)
            }
            merged.merge(graph)
        }
        return merged
    }
}

extension GraphFile {
    /// Writes the graph, then one `document` line per share (in build order).
    public static func write(_ graph: Graph, shares: [DocumentShare], header: [String: String] = [:],
                             to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try write(graph, header: header, to: sink)
        var out = JSONBuffer(capacity: chunkSize + (1 << 16))
        for share in shares {
            appendLine(for: share, in: graph, to: &out)
            out.append("\n")
            if out.count >= chunkSize { try out.drain(into: sink) }
        }
        try out.drain(into: sink)
    }

    /// `save`, with the document shares.
    public static func save(_ graph: Graph, shares: [DocumentShare], to path: String, header: [String: String] = [:]) throws {
        try AtomicFile.write(to: path) { handle in
            try write(graph, shares: shares, header: header) { chunk in try handle.write(contentsOf: chunk) }
        }
    }

    static func appendLine(for share: DocumentShare, in graph: Graph, to out: inout JSONBuffer) {
        out.append("{\"kind\":\"document\",\"id\":")
        out.appendQuoted(share.id)
        out.append(",\"entities\":[")
        for (i, entity) in share.entities.enumerated() {
            if i > 0 { out.append(",") }
            let merged = graph.entity(id: entity.id)
            out.append("{\"id\":")
            out.appendQuoted(entity.id)
            out.append(",\"mentions\":")
            out.append(entity.mentions)
            if merged.map({ !$0.name.sameBytes(as: entity.name) }) ?? true {
                out.append(",\"name\":")
                out.appendQuoted(entity.name)
            }
            if !entity.aliases.isEmpty {
                out.append(",\"aliases\":")
                out.appendArray(entity.aliases)
            }
            if merged?.attrs != entity.attrs {
                out.append(",\"attrs\":")
                out.appendObject(entity.attrs)
            }
            out.append("}")
        }
        out.append("],\"edges\":[")
        for (i, edge) in share.edges.enumerated() {
            if i > 0 { out.append(",") }
            out.append("{\"relation\":\"")
            out.appendRaw(edge.relation.rawValue)
            out.append("\",\"subject\":")
            out.appendQuoted(edge.subject)
            out.append(",\"object\":")
            out.appendQuoted(edge.object)
            out.append(",\"support\":")
            out.append(edge.support)
            if graph.edge(edge.key)?.attrs != edge.attrs {
                out.append(",\"attrs\":")
                out.appendObject(edge.attrs)
            }
            out.append("}")
        }
        out.append("]}")
    }

    /// The graph and its document shares (empty when the graph was built without them).
    public static func loadWithShares(_ path: String) throws -> (graph: Graph, shares: [DocumentShare]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path, line: 0, message: "cannot read the graph file (does it exist? build one with `tupu build -o \(path)`)")
        }
        return try parseWithShares(data, path: path)
    }

    /// `loadWithShares` for a graph file already read.
    public static func parseWithShares(_ data: Data, path: String = "<graph>") throws -> (graph: Graph, shares: [DocumentShare]) {
        var data = data
        // The document lines are read here and blanked for the graph's own reader (line numbers stay).
        let prefix = Array("{\"kind\":\"document\"".utf8)
        var shareLines: [(line: Int, bytes: Data)] = []
        var lineNumber = 0, lineStart = data.startIndex
        while lineStart < data.endIndex {
            lineNumber += 1
            let lineEnd = data[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? data.endIndex
            if data[lineStart..<lineEnd].starts(with: prefix) {
                shareLines.append((lineNumber, Data(data[lineStart..<lineEnd])))
                data.replaceSubrange(lineStart..<lineEnd, with: repeatElement(UInt8(ascii: " "), count: lineEnd - lineStart))
            }
            lineStart = lineEnd + 1
        }
        let graph = try parse(data, path: path)
        var shares: [DocumentShare] = []
        shares.reserveCapacity(shareLines.count)
        for (line, bytes) in shareLines {
            shares.append(try share(from: bytes, in: graph, path: path, line: line))
        }
        return (graph, shares)
    }

    private static func share(from bytes: Data, in graph: Graph, path: String, line: Int) throws -> DocumentShare {
        func failure(_ message: String) -> ReadError { ReadError(path: path, line: line, message: message) }
        guard let object = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any],
              let id = object["id"] as? String else { throw failure("a document line needs an \"id\"") }
        var entities: [Entity] = []
        for item in object["entities"] as? [[String: Any]] ?? [] {
            guard let entityID = item["id"] as? String, let merged = graph.entity(id: entityID) else {
                throw failure("document \(id) names an entity the graph does not hold")
            }
            entities.append(Entity(id: entityID, type: merged.type, name: item["name"] as? String ?? merged.name,
                                   aliases: item["aliases"] as? [String] ?? [],
                                   attrs: item["attrs"] as? [String: String] ?? merged.attrs, docs: [id],
                                   mentions: (item["mentions"] as? NSNumber)?.intValue ?? 1))
        }
        var edges: [Edge] = []
        for item in object["edges"] as? [[String: Any]] ?? [] {
            guard let relationName = item["relation"] as? String, let relation = Relation(rawValue: relationName),
                  let subject = item["subject"] as? String, let objectID = item["object"] as? String,
                  let merged = graph.edge(EdgeKey(relation: relation, subject: subject, object: objectID)) else {
                throw failure("document \(id) names an edge the graph does not hold")
            }
            edges.append(Edge(relation: relation, subject: subject, object: objectID,
                              attrs: item["attrs"] as? [String: String] ?? merged.attrs,
                              support: (item["support"] as? NSNumber)?.intValue ?? 1))
        }
        return DocumentShare(id: id, entities: entities, edges: edges)
    }
}
