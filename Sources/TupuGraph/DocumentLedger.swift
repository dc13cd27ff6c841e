import Foundation
import TupuKit

/// What one document added to the graph, kept so that the document can be taken out again
/// (`tupu build --update` replaces a document whose id is already in the graph): its entities
/// as its own graph held them (name, aliases, attributes, mentions) and its edges with their
/// support and attributes. Its evidence is not repeated here: the graph's kept evidence names
/// its document.
///
/// In the graph file each share is a line after the edges and before the end line (so the end
/// line's checksum covers it), written only by builds asked for it (`--updatable`); readers that
/// do not know the kind skip it. Entities and edges are named by
/// their place among the file's entity lines and edge lines (0-based), which costs a few bytes
/// where their ids cost dozens:
///
///     {"kind":"document","id":"a.txt","entities":[[0,2],[7,1,{"name":"…","aliases":[…],"attrs":{…}}]],"edges":[[3,1],[9,2,{"attrs":{…}}]]}
///
/// `[entity, mentions]`, then what the document gave the entity where it differs from the graph's
/// entity: `name`, `aliases` (when it has some), `attrs`; `[edge, support]`, then the edge's
/// `attrs` where they differ from the graph's edge.
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
    /// A share names only entities and edges of `graph` (it is part of it).
    static func appendLine(for share: DocumentShare, in graph: Graph, entityLine: [Int], edgeLine: [Int], to out: inout JSONBuffer) {
        out.append("{\"kind\":\"document\",\"id\":")
        out.appendQuoted(share.id)
        out.append(",\"entities\":[")
        for (i, entity) in share.entities.enumerated() {
            if i > 0 { out.append(",") }
            let position = graph.entityPosition(of: entity.id)!
            let merged = graph.entities[position]
            out.append("[")
            out.append(entityLine[position])
            out.append(",")
            out.append(entity.mentions)
            let name = !merged.name.sameBytes(as: entity.name)
            let attrs = merged.attrs != entity.attrs
            if name || !entity.aliases.isEmpty || attrs {
                var separator: StaticString = ",{"
                if name {
                    out.append(separator)
                    out.append("\"name\":")
                    out.appendQuoted(entity.name)
                    separator = ","
                }
                if !entity.aliases.isEmpty {
                    out.append(separator)
                    out.append("\"aliases\":")
                    out.appendArray(entity.aliases)
                    separator = ","
                }
                if attrs {
                    out.append(separator)
                    out.append("\"attrs\":")
                    out.appendObject(entity.attrs)
                }
                out.append("}")
            }
            out.append("]")
        }
        out.append("],\"edges\":[")
        for (i, edge) in share.edges.enumerated() {
            if i > 0 { out.append(",") }
            let position = graph.edgePosition(of: edge.key)!
            out.append("[")
            out.append(edgeLine[position])
            out.append(",")
            out.append(edge.support)
            if graph.edges[position].attrs != edge.attrs {
                out.append(",{\"attrs\":")
                out.appendObject(edge.attrs)
                out.append("}")
            }
            out.append("]")
        }
        out.append("]}")
    }

    /// The entities and edges of `graph` are those of the file's lines, in order (a file tupu wrote
    /// holds each id and key once): the numbers in a share are their positions.
    static func share(from object: [String: Any], in graph: Graph, path: String, line: Int) throws -> DocumentShare {
        func failure(_ message: String) -> ReadError { ReadError(path: path, line: line, message: message) }
        guard let id = object["id"] as? String else { throw failure("a document line needs an \"id\"") }
        var entities: [Entity] = []
        for item in object["entities"] as? [[Any]] ?? [] {
            guard item.count >= 2, let number = (item[0] as? NSNumber)?.intValue, graph.entities.indices.contains(number),
                let mentions = (item[1] as? NSNumber)?.intValue
            else {
                throw failure("document \(id): an entity must be [entity line, mentions] of an entity the file holds")
            }
            let merged = graph.entities[number]
            let own = item.count > 2 ? item[2] as? [String: Any] ?? [:] : [:]
            entities.append(
                Entity(
                    id: merged.id, type: merged.type, name: own["name"] as? String ?? merged.name,
                    aliases: own["aliases"] as? [String] ?? [],
                    attrs: own["attrs"] as? [String: String] ?? merged.attrs, docs: [id], mentions: mentions))
        }
        var edges: [Edge] = []
        for item in object["edges"] as? [[Any]] ?? [] {
            guard item.count >= 2, let number = (item[0] as? NSNumber)?.intValue, graph.edges.indices.contains(number),
                let support = (item[1] as? NSNumber)?.intValue
            else {
                throw failure("document \(id): an edge must be [edge line, support] of an edge the file holds")
            }
            let merged = graph.edges[number]
            let own = item.count > 2 ? item[2] as? [String: Any] ?? [:] : [:]
            edges.append(
                Edge(
                    relation: merged.relation, subject: merged.subject, object: merged.object,
                    attrs: own["attrs"] as? [String: String] ?? merged.attrs, support: support))
        }
        return DocumentShare(id: id, entities: entities, edges: edges)
    }
}
