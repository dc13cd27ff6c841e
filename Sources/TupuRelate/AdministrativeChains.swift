import Foundation
import TupuGazetteer
import TupuGraph
import TupuKit

/// The gazetteer's parent links as graph pieces, made once per division and shared by every
/// document: each document that names a village adds the same chain up to the province, and
/// building its ids, entities and attribute dictionaries again cost more than the rest of the
/// document's graph. Filled lazily (only the divisions a corpus names), safe across threads.
final class AdministrativeChains: @unchecked Sendable {
    /// A division with its entity (as a parent is written) and its parent's node.
    final class Node: Sendable {
        let serial: Int
        let code: String
        /// The division's index in the gazetteer.
        let place: PlaceIndex
        let entity: Entity
        let parent: Node?
        /// The part_of edge to the parent.
        let edge: Edge?
        /// The graph's hashes of the entity's id and of the edge's key, made once too.
        let entityHash: UInt64
        let edgeHash: UInt64

        /// These edges cite the gazetteer, not a document (one dictionary, shared by all of them).
        static let gazetteerSource = ["source": "gazetteer"]

        init(serial: Int, place: Place, index: PlaceIndex, attributes: [String: String], parent: Node?) {
            self.serial = serial
            self.code = place.code
            self.place = index
            let id = "place:" + place.code
            self.entity = Entity(
                id: id, type: .place, name: place.name,
                attrs: attributes, mentions: 0)
            self.parent = parent
            self.edge = parent.map { Edge(relation: .partOf, subject: id, object: $0.entity.id, attrs: Node.gazetteerSource) }
            self.entityHash = entity.id.byteHash
            self.edgeHash = edge?.key.byteHash ?? 0
        }
    }

    private let gazetteer: PlaceGazetteer
    /// The attributes of every listed place's entity, shared with the documents' graphs.
    let placeAttributes: PlaceAttributes
    private let lock = NSLock()
    /// By gazetteer index (a code's index costs less to find than a code to hash).
    private var nodes: [Node?]
    /// Each made node's parent, by gazetteer index (-1: none, -2: no node made yet): walked
    /// without touching the nodes, whose reference counts are cold in a large corpus.
    private var parents: [Int32]
    private var nodeCount = 0

    init(gazetteer: PlaceGazetteer) {
        self.gazetteer = gazetteer
        self.placeAttributes = PlaceAttributes(gazetteer: gazetteer)
        self.nodes = Array(repeating: nil, count: gazetteer.places.count)
        self.parents = Array(repeating: -2, count: gazetteer.places.count)
    }

    /// The node of a listed division, by its gazetteer index.
    func node(place index: PlaceIndex) -> Node? {
        lock.lock()
        defer { lock.unlock() }
        return lockedNode(index)
    }

    private func lockedNode(_ code: String) -> Node? {
        gazetteer.placeIndex(code: code).flatMap(lockedNode)
    }

    private func lockedNode(_ index: PlaceIndex) -> Node? {
        if let known = nodes[index.position] { return known }
        let place = gazetteer[index]
        let parent = place.parentCode.flatMap(lockedNode)  // first: its serial comes before this one
        let node = Node(serial: nodeCount, place: place, index: index, attributes: placeAttributes.of(index), parent: parent)
        nodeCount += 1
        nodes[index.position] = node
        parents[index.position] = parent.map { Int32($0.place.position) } ?? -1
        return node
    }

    /// Hands `body` the division and each one above it, nearest first, until it returns false.
    func forEachDivision(from place: PlaceIndex, _ body: (PlaceIndex) -> Bool) {
        lock.lock()
        defer { lock.unlock() }
        if parents[place.position] == -2 { _ = lockedNode(place) }  // made, with every node above it
        var current = Int32(place.position)
        while current >= 0, body(PlaceIndex(Int(current))) { current = parents[Int(current)] }
    }

    /// Links every named division up to the province: "everything within 湖州市" then reaches a
    /// village whose township the text never names.
    func add(from places: [PlaceIndex], to graph: inout Graph) {
        // Serials of the nodes whose edge to their parent is in the graph (a few per place named).
        var linked = Set<Int>(minimumCapacity: 4 * places.count)
        for place in places {
            var node = self.node(place: place)
            while let current = node, let parent = current.parent, let edge = current.edge, linked.insert(current.serial).inserted {
                // A linked parent is in the graph already, by this same name (a place named in
                // the text, or a parent added on an earlier walk): adding it again changes nothing.
                if !linked.contains(parent.serial) { graph.add(parent.entity, idHash: parent.entityHash) }
                graph.add(edge, keyHash: current.edgeHash)
                node = parent
            }
        }
    }
}
