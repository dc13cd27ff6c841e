import Foundation
import TupuGraph

/// Graphs merged (`tupu merge`) and updated with new documents (`tupu build --update`), each
/// equal to the graph a build of all their documents in one run would make.
extension CorpusBuilder {
    /// A graph file's contents: the graph and its document shares (none when built without them).
    public struct GraphPart: Sendable {
        public var graph: Graph
        public var shares: [DocumentShare]
        public init(graph: Graph, shares: [DocumentShare] = []) {
            self.graph = graph
            self.shares = shares
        }
    }

    /// The parts merged in the order given, the divisions linked once. The shares are kept only
    /// when every part with documents has them (`complete`), as a build keeps all or none.
    public func merge(_ parts: [GraphPart]) -> (merged: GraphPart, complete: Bool) {
        let complete = parts.allSatisfy { !$0.shares.isEmpty || $0.graph.isEmpty }
        var graph = Graph.merging(parts.map(\.graph))
        extractor.linkDivisions(of: &graph)
        return (GraphPart(graph: graph, shares: complete ? parts.flatMap(\.shares) : []), complete)
    }

    public struct UpdateReport: Sendable {
        /// The new documents' build (its graph is the new documents' alone).
        public var build: Report
        /// The updated graph and every document's share, old ones first, in build order.
        public var updated: GraphPart
        /// Ids of the documents that replaced an older version.
        public var replaced: [String]
    }

    /// Adds the documents read from `paths` to `old` (which must hold its shares): a document
    /// whose id is in `old` replaces its older version, whose mentions, support and evidence
    /// leave with it. The result is the graph of the remaining old documents followed by the new
    /// ones, built in one run; only the new documents are read.
    public func update(_ old: GraphPart, with paths: [String], progress: (@Sendable (Progress) -> Void)? = nil) -> UpdateReport {
        let report = build(paths, recordingShares: true, progress: progress)
        let newIDs = Set(report.shares.map(\.id))
        let oldIDs = Set(old.shares.map(\.id))
        let kept = old.shares.filter { !newIDs.contains($0.id) }
        let shares = kept + report.shares
        var graph = Graph.rebuilt(from: shares) { position, key in
            (position < kept.count ? old.graph : report.graph).edge(key)?.evidence ?? []
        }
        extractor.linkDivisions(of: &graph)
        var replaced: [String] = []
        for share in report.shares where oldIDs.contains(share.id) { replaced.append(share.id) }
        return UpdateReport(build: report, updated: GraphPart(graph: graph, shares: shares), replaced: replaced)
    }
}
