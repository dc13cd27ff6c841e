import Foundation
import TupuGazetteer
import TupuGraph

/// The gazetteer's parent links as graph pieces, made once per division and shared by every
/// document: each document that names a village adds the same chain up to the province, and
/// building its ids, entities and attribute dictionaries again cost more than the rest of the
/// document's graph. Filled lazily (only the divisions a corpus names), safe across threads.
final class AdministrativeChains: @unchecked Sendable {
    /// A division's id and, when the gazetteer knows its parent, the parent's entity.
    struct Link {
        let id: String
        let parent: Entity?
        let parentCode: String?
    }

    /// One shared dictionary for every chain edge, not one made per edge: these edges cite the
    /// gazetteer, not a document.
    static let fromGazetteer = ["source": "gazetteer"]

    private let gazetteer: PlaceGazetteer
    private let lock = NSLock()
    private var links: [String: Link] = [:]

    init(gazetteer: PlaceGazetteer) { self.gazetteer = gazetteer }

    func link(_ code: String) -> Link {
        lock.lock()
        defer { lock.unlock() }
        if let known = links[code] { return known }
        // A division no list holds (`<parent code>/<name>`) has no link; it is not kept either.
        guard let place = gazetteer.place(code: code) else { return Link(id: "place:" + code, parent: nil, parentCode: nil) }
        let parent = place.parentCode.flatMap { gazetteer.place(code: $0) }
        let link = Link(id: "place:" + code,
                        parent: parent.map { Entity(id: "place:" + $0.code, type: .place, name: $0.name,
                                                    attrs: ["level": $0.level.rawValue, "code": $0.code], mentions: 0) },
                        parentCode: parent?.code)
        links[code] = link
        return link
    }

    /// Links every named division up to the province: "everything within 湖州市" then reaches a
    /// village whose township the text never names.
    func add(from codes: [String], to graph: inout Graph) {
        var linked = Set<String>()   // codes whose edge to their parent is in the graph
        for start in codes {
            var code = start
            var link = self.link(code)
            while let parent = link.parent, let parentCode = link.parentCode, linked.insert(code).inserted {
                // A linked parent is in the graph already, by this same name (a place named in
                // the text, or a parent added on an earlier walk): adding it again changes nothing.
                if !linked.contains(parentCode) { graph.add(parent) }
                graph.add(Edge(relation: .partOf, subject: link.id, object: parent.id, attrs: Self.fromGazetteer))
                code = parentCode
                link = self.link(code)
            }
        }
    }
}
