import TupuGraph
import TupuKit

/// Which part of the graph to draw: entity indices and the edges between them. Holds
/// indices into the graph, never copies of entities or edges.
public struct Subgraph: Sendable {
    /// Indices into `graph.entities`, in drawing order.
    public let entities: [Int]
    /// Indices into `graph.edges` whose two ends are both in `entities`.
    public let edges: [Int]
    /// How many entities the whole graph has, to tell the user what was left out.
    public let totalEntities: Int

    public var isWholeGraph: Bool { entities.count == totalEntities }

    /// No entity matched `--focus`: the closest names, nearest first.
    public struct FocusNotFound: Error, CustomStringConvertible {
        public let focus: String
        public let suggestions: [String]
        public var description: String {
            var text = "no entity is named '\(focus)' (by name, alias or id)"
            if !suggestions.isEmpty {
                text += "; did you mean " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?"
            }
            return text
        }
    }

    /// Every entity and edge.
    public static func all(_ graph: Graph) -> Subgraph {
        Subgraph(graph, entities: graph.entityOrder())
    }

    /// The entities named `focus` (name, alias or id, exactly) and their neighbourhood up to
    /// `depth` edges away, at most `maxNodes` entities; nearer entities first and, at the same
    /// distance, the best connected first.
    public static func focus(_ graph: Graph, on focus: String, depth: Int, maxNodes: Int) throws -> Subgraph {
        let seeds = graph.entities.indices.filter { index in
            let entity = graph.entities[index]
            return entity.id == focus || entity.name == focus || entity.aliases.contains(focus)
        }
        guard !seeds.isEmpty else {
            throw FocusNotFound(focus: focus, suggestions: suggestions(for: focus, in: graph))
        }
        let adjacency = Adjacency(graph)
        var chosen = Set(seeds.prefix(maxNodes))
        var order = Array(seeds.prefix(maxNodes))
        var frontier = order
        var distance = 0
        while distance < depth, !frontier.isEmpty, order.count < maxNodes {
            distance += 1
            var next = Set<Int>()
            for index in frontier { for neighbour in adjacency.neighbours(of: index) where !chosen.contains(neighbour) { next.insert(neighbour) } }
            let ranked = next.sorted { (adjacency.degree(of: $1), graph.entities[$0].id) < (adjacency.degree(of: $0), graph.entities[$1].id) }
            frontier = Array(ranked.prefix(maxNodes - order.count))
            for index in frontier { chosen.insert(index) }
            order += frontier
        }
        return Subgraph(graph, entities: order)
    }

    /// The best-connected part: grow from the entity with the most edges, always taking the
    /// best-connected entity next to what is already chosen; when a component is exhausted,
    /// start again from the best-connected entity left. Stops at `maxNodes`.
    public static func bestConnected(_ graph: Graph, maxNodes: Int) -> Subgraph {
        if graph.entities.count <= maxNodes { return all(graph) }
        let adjacency = Adjacency(graph)
        let byDegree = graph.entities.indices.sorted {
            (adjacency.degree(of: $1), graph.entities[$0].id) < (adjacency.degree(of: $0), graph.entities[$1].id)
        }
        var chosen = Set<Int>()
        var order: [Int] = []
        var frontier = Heap()
        var nextStart = 0
        while order.count < maxNodes {
            let index: Int
            if let candidate = frontier.popMax() {
                guard !chosen.contains(candidate.index) else { continue }
                index = candidate.index
            } else {
                while nextStart < byDegree.count, chosen.contains(byDegree[nextStart]) { nextStart += 1 }
                guard nextStart < byDegree.count else { break }
                index = byDegree[nextStart]
            }
            chosen.insert(index)
            order.append(index)
            for neighbour in adjacency.neighbours(of: index) where !chosen.contains(neighbour) {
                frontier.push(.init(degree: adjacency.degree(of: neighbour), index: neighbour))
            }
        }
        return Subgraph(graph, entities: order)
    }

    init(_ graph: Graph, entities: [Int]) {
        self.entities = entities
        self.totalEntities = graph.entities.count
        let members = Set(entities.map { graph.entities[$0].id })
        let allEdges = graph.edges
        let inside = allEdges.indices.filter { members.contains(allEdges[$0].subject) && members.contains(allEdges[$0].object) }
        edges = graph.edgeOrder(among: inside)
    }

    /// Names close to `focus`: those containing it, then the nearest by edit distance.
    static func suggestions(for focus: String, in graph: Graph, limit: Int = 3) -> [String] {
        let names = graph.entities.map(\.name)
        var result = names.filter { $0.contains(focus) || focus.contains($0) }.sorted {
            ($0.unicodeScalars.count, $0) < ($1.unicodeScalars.count, $1)
        }
        for name in Spelling.closest(to: focus, among: names, limit: limit) where !result.contains(name) {
            result.append(name)
        }
        var seen = Set<String>()
        return Array(result.filter { seen.insert($0).inserted }.prefix(limit))
    }
}

/// Neighbours of each entity (by index), both directions, built once per export.
struct Adjacency {
    private var neighbourLists: [[Int]]

    init(_ graph: Graph) {
        var position: [String: Int] = [:]
        for (index, entity) in graph.entities.enumerated() { position[entity.id] = index }
        neighbourLists = Array(repeating: [], count: graph.entities.count)
        for edge in graph.edges {
            guard let s = position[edge.subject], let o = position[edge.object], s != o else { continue }
            neighbourLists[s].append(o)
            neighbourLists[o].append(s)
        }
    }

    func neighbours(of index: Int) -> [Int] { neighbourLists[index] }
    func degree(of index: Int) -> Int { neighbourLists[index].count }
}

/// A binary max-heap of (degree, index); ties go to the smaller index for a stable drawing.
struct Heap {
    struct Item {
        var degree: Int
        var index: Int
    }
    private var items: [Item] = []

    private static func above(_ a: Item, _ b: Item) -> Bool {
        a.degree != b.degree ? a.degree > b.degree : a.index < b.index
    }

    mutating func push(_ item: Item) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.above(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMax() -> Item? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < items.count, Self.above(items[left], items[best]) { best = left }
            if right < items.count, Self.above(items[right], items[best]) { best = right }
            if best == parent { break }
            items.swapAt(parent, best)
            parent = best
        }
        return top
    }
}
