import TupuGraph
import TupuRecognise
import TupuText

/// One mention with the graph entity it names and the rule that found it. Edges carry their
/// rule in their evidence; mentions are not written to the graph, so per-rule precision of the
/// recognisers reads them from here (`tupu mentions`).
public struct MentionRecord: Sendable, Equatable {
    public let doc: String
    /// The id of the entity in the document's graph (the id `extract` gives it).
    public let entity: String
    public let type: EntityType
    public let text: String
    /// Code-point offsets into the document as read, like evidence offsets.
    public let start: Int
    public let end: Int
    public let rule: String
    public let confidence: Double
}

extension DocumentExtractor {
    /// The mentions of `document` that name an entity of its graph, in text order. Mentions of
    /// an entity the graph leaves out, and references that name nothing, are not reported.
    public func mentionRecords(_ document: Document) -> [MentionRecord] {
        let resolved = resolve(Segmenter.segment(document))
        let candidates = relations.relate(resolved)
        let kept = candidates.indices.filter { candidates[$0].confidence >= minimumConfidence }
        let ids = entityIDs(resolved, candidates, kept)
        var records: [MentionRecord] = []
        for m in resolved.mentions.indices {
            guard let e = resolved.entityOf[m] else { continue }
            let mention = resolved.mentions[m]
            let original = resolved.segmented.originalRange(mention.range)
            records.append(
                MentionRecord(
                    doc: document.id, entity: ids[e], type: type(of: resolved.entities[e].kind),
                    text: mention.text, start: original.lowerBound, end: original.upperBound,
                    rule: mention.ruleName, confidence: mention.confidence))
        }
        return records.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }
}
