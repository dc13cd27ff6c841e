import Datalog
import Foundation
import TupuGraph

public struct ExplainOptions: Sendable {
    public static let defaultDepth = 6
    /// Rule levels shown before the rest of a tree is elided behind a handle.
    public var depth: Int
    /// Answers explained at most (the rest are counted).
    public var answerLimit: Int
    /// Explain only this answer (1-based, in printed order).
    public var answer: Int?

    public init(depth: Int = ExplainOptions.defaultDepth, answerLimit: Int = 10, answer: Int? = nil) {
        self.depth = depth
        self.answerLimit = answerLimit
        self.answer = answer
    }
}

/// Why a fact holds: a rule instance with the facts it used, down to graph facts.
public struct ProofTree: Sendable {
    public var relation: String
    public var values: [Value]
    /// The rule that derived the fact, as written; nil for a graph (base) fact.
    public var rule: String?
    public var children: [ProofTree]

    public init(relation: String, values: [Value], rule: String?, children: [ProofTree]) {
        self.relation = relation
        self.values = values
        self.rule = rule
        self.children = children
    }

    /// Nodes in the tree, this one included.
    public var size: Int { 1 + children.reduce(0) { $0 + $1.size } }
    /// Rule levels from here down to the deepest leaf.
    public var height: Int { rule == nil ? 0 : 1 + (children.map(\.height).max() ?? 0) }
}

/// Where a graph fact comes from: the edge (or entity) and its evidence, spans marked.
public struct FactSource: Sendable {
    public struct Piece: Sendable {
        public let evidence: Evidence
        /// The sentence with the two entities' names wrapped in 【】.
        public let marked: String
        /// Spans of the subject and object in the sentence, code points.
        public let subjectSpan: EvidenceMarking.Span?
        public let objectSpan: EvidenceMarking.Span?
    }

    public let edge: Edge?
    /// For facts about one entity (entity, alias, attr, place, mentioned_in).
    public let entity: Entity?
    public let pieces: [Piece]
    /// All mentions supporting the edge (more than `pieces` when evidence was capped).
    public let support: Int
}

/// The explanation of a goal: each answer with one derivation per goal atom, or, when the
/// goal has no answer, the nearest evidence about the entities it names.
public struct Explanation: Sendable {
    public struct ExplainedAnswer: Sendable {
        public let bindings: [Value]
        public let proofs: [ProofTree]
    }

    /// Evidence near a goal that does not hold: edges between the entities it names (under
    /// any relation) and sentences that mention two of them.
    public struct NearEvidence: Sendable {
        public let entities: [Entity]
        public let edges: [Edge]
        public let sentences: [(doc: String, sentence: String, marked: String)]
    }

    /// A ground goal atom (no variables) of a goal without answers: whether it holds and,
    /// if not, each rule that could derive it with the first body literal that finds no match.
    public struct Failure: Sendable {
        public let relation: String
        public let values: [Value]
        public let holds: Bool
        public let attempts: [(rule: String, failingLiteral: String?)]
    }

    public let goal: String
    public let variables: [String]
    public let answers: [ExplainedAnswer]
    public let totalAnswers: Int
    public let near: NearEvidence?
    public let failures: [Failure]
    public let options: ExplainOptions
    let graph: Graph
    let names: AnswerNames

    // MARK: Text

    public func text(ids: Bool) -> String {
        var out = "?- \(AnswerNames.goal(of: goal)).\n"
        if answers.isEmpty {
            out += variables.isEmpty ? "not derived: the goal does not hold.\n" : "not derived: the goal has no answers.\n"
            for failure in failures {
                let fact = factText(ProofTree(relation: failure.relation, values: failure.values, rule: nil, children: []), ids: ids)
                if failure.holds {
                    out += "  \(fact) holds\n"
                    continue
                }
                if failure.attempts.isEmpty {
                    out += "  \(fact) is not derived: no graph fact says so"
                    out += GraphRelations.schema(named: failure.relation) != nil ? "\n" : " and no rule derives it\n"
                }
                for attempt in failure.attempts {
                    out += "  \(fact) is not derived by \(AnswerNames.goal(of: attempt.rule)).\n"
                    out += "    " + (attempt.failingLiteral.map { "no match for \($0)" } ?? "its head cannot produce these values") + "\n"
                }
            }
            out += nearText(ids: ids)
            return out
        }
        for (n, answer) in answers.enumerated() {
            let number = options.answer ?? (n + 1)
            let bindings = zip(variables, answer.bindings).map { "\($0) = \(show($1, ids: ids))" }.joined(separator: ", ")
            out += "\nanswer \(number)" + (bindings.isEmpty ? " (true)" : ": \(bindings)") + "\n"
            for proof in answer.proofs { render(proof, level: 1, depthLeft: options.depth, ids: ids, into: &out) }
        }
        if totalAnswers > answers.count && options.answer == nil {
            out += "\n[+\(totalAnswers - answers.count) more answers; pick one with --answer N]\n"
        }
        return out
    }

    private func show(_ value: Value, ids: Bool) -> String {
        ids ? value.text : names.display(value).text
    }

    private func factText(_ tree: ProofTree, ids: Bool) -> String {
        "\(tree.relation)("
            + tree.values.map { value in
                if case .number = value { return value.text }
                return ids || names.display(value) == value ? value.description : names.display(value).text
            }.joined(separator: ", ") + ")"
    }

    /// Opens an evidence sentence's line. Not a quotation mark: the sentences quote names
    /// themselves (“…”), and wrapping them in quotes again doubled them (““…”…”).
    private var sentenceMark: String { "» " }

    private func render(_ tree: ProofTree, level: Int, depthLeft: Int, ids: Bool, into out: inout String) {
        let indent = String(repeating: "  ", count: level)
        if let rule = tree.rule {
            out += "\(indent)\(factText(tree, ids: ids))   ⇐ \(AnswerNames.goal(of: rule)).\n"
            if depthLeft <= 0 {
                let hidden = tree.size - 1
                out += "\(indent)  [+\(hidden) more, use --depth \(options.depth + tree.height)]\n"
                return
            }
            for child in tree.children { render(child, level: level + 1, depthLeft: depthLeft - 1, ids: ids, into: &out) }
            return
        }
        let source = ExplanationBuilder.source(of: tree, in: graph)
        var line = "\(indent)\(factText(tree, ids: ids))"
        if let source, source.edge != nil {
            line += "   graph edge, \(source.support) mention\(source.support == 1 ? "" : "s")"
        } else if source?.entity != nil {
            line += "   graph entity"
        }
        out += line + "\n"
        guard let source else { return }
        if let entity = source.entity, source.edge == nil {
            out += "\(indent)  \(entity.type.rawValue) \(entity.name)"
            if !entity.aliases.isEmpty { out += " (also \(entity.aliases.joined(separator: "、")))" }
            out += ", mentioned in \(entity.docs.joined(separator: ", "))\n"
        }
        for piece in source.pieces {
            let e = piece.evidence
            out += "\(indent)  \(e.doc) @\(e.start)–\(e.end) · rule \(e.rule) · confidence \(JSON.number(e.confidence))\n"
            out += "\(indent)  \(sentenceMark)\(piece.marked)\n"
        }
        if source.edge != nil, source.support > source.pieces.count {
            out +=
                "\(indent)  (+\(source.support - source.pieces.count) more mention\(source.support - source.pieces.count == 1 ? "" : "s") support this edge)\n"
        }
        if source.edge != nil && source.pieces.isEmpty { out += "\(indent)  (no evidence recorded: an administrative parent)\n" }
    }

    private func nearText(ids: Bool) -> String {
        guard let near else { return "" }
        var out = ""
        if near.entities.isEmpty {
            return "no entity in the goal is in the graph, so there is no evidence to show.\n"
        }
        if near.edges.isEmpty && near.sentences.isEmpty {
            return "no edge or sentence links " + near.entities.map(\.name).joined(separator: " and ") + ".\n"
        }
        if !near.edges.isEmpty {
            out += "nearest evidence, edges between the same entities:\n"
            for edge in near.edges {
                let s = ids ? edge.subject : graph.entity(id: edge.subject)?.name ?? edge.subject
                let o = ids ? edge.object : graph.entity(id: edge.object)?.name ?? edge.object
                out += "  \(edge.relation.rawValue)(\(s), \(o))   \(edge.support) mention\(edge.support == 1 ? "" : "s")\n"
                if let first = edge.evidence.first {
                    let marked = EvidenceMarking.marked(
                        first.sentence.string, subject: graph.entity(id: edge.subject),
                        object: graph.entity(id: edge.object)
                    ).text
                    out += "    \(first.doc) @\(first.start)–\(first.end) · rule \(first.rule)\n    \(sentenceMark)\(marked)\n"
                }
            }
        }
        if !near.sentences.isEmpty {
            out += "sentences that mention them together:\n"
            for s in near.sentences { out += "  \(s.doc) \(sentenceMark)\(s.marked)\n" }
        }
        return out
    }

    // MARK: JSON

    public func json(ids: Bool) -> String {
        var out = "{\"goal\":\(JSON.quote(AnswerNames.goal(of: goal))),\"variables\":\(JSON.array(variables))"
        out += ",\"holds\":\(!answers.isEmpty),\"total_answers\":\(totalAnswers),\"offset_unit\":\"codepoint\",\"answers\":["
        out += answers.map { answer in
            "{\"bindings\":{" + zip(variables, answer.bindings).map { "\(JSON.quote($0)):\(jsonValue($1, ids: ids))" }.joined(separator: ",")
                + "},\"proofs\":[" + answer.proofs.map { json($0, depthLeft: options.depth, ids: ids) }.joined(separator: ",") + "]}"
        }.joined(separator: ",")
        out += "]"
        if let near, answers.isEmpty {
            out +=
                ",\"near\":{\"edges\":["
                + near.edges.map { edge in
                    "{\"relation\":\"\(edge.relation.rawValue)\",\"subject\":\(JSON.quote(edge.subject)),\"object\":\(JSON.quote(edge.object)),\"support\":\(edge.support)"
                        + ",\"evidence\":[" + edge.evidence.map(evidenceJSON).joined(separator: ",") + "]}"
                }.joined(separator: ",") + "],\"sentences\":["
                + near.sentences.map {
                    "{\"doc\":\(JSON.quote($0.doc)),\"sentence\":\(JSON.quote($0.sentence)),\"marked\":\(JSON.quote($0.marked))}"
                }.joined(separator: ",") + "]}"
        }
        return out + "}\n"
    }

    private func jsonValue(_ value: Value, ids: Bool) -> String {
        if case .number(let n) = value { return String(n) }
        return JSON.quote(show(value, ids: ids))
    }

    private func evidenceJSON(_ e: Evidence) -> String {
        "{\"doc\":\(JSON.quote(e.doc)),\"start\":\(e.start),\"end\":\(e.end),\"sentence\":\(JSON.quote(e.sentence.string))"
            + ",\"rule\":\(JSON.quote(e.rule)),\"confidence\":\(JSON.number(e.confidence))}"
    }

    private func json(_ tree: ProofTree, depthLeft: Int, ids: Bool) -> String {
        var out = "{\"fact\":\(JSON.quote(factText(tree, ids: ids))),\"relation\":\(JSON.quote(tree.relation))"
        out += ",\"values\":[" + tree.values.map { jsonValue($0, ids: ids) }.joined(separator: ",") + "]"
        if let rule = tree.rule {
            out += ",\"rule\":\(JSON.quote(rule))"
            if depthLeft <= 0 {
                return out + ",\"elided\":\(tree.size - 1),\"depth_needed\":\(options.depth + tree.height)}"
            }
            return out + ",\"children\":[" + tree.children.map { json($0, depthLeft: depthLeft - 1, ids: ids) }.joined(separator: ",") + "]}"
        }
        guard let source = ExplanationBuilder.source(of: tree, in: graph) else { return out + "}" }
        out +=
            ",\"support\":\(source.support),\"evidence\":["
            + source.pieces.map { piece in
                var s = evidenceJSON(piece.evidence).dropLast() + ",\"marked\":\(JSON.quote(piece.marked))"
                if let span = piece.subjectSpan { s += ",\"subject_span\":[\(span.start),\(span.end)]" }
                if let span = piece.objectSpan { s += ",\"object_span\":[\(span.start),\(span.end)]" }
                return s + "}"
            }.joined(separator: ",") + "]"
        return out + "}"
    }
}

/// Builds explanations: answers and derivations from the engine, evidence from the graph.
enum ExplanationBuilder {
    /// The graph edge or entity behind a base fact, with its evidence marked.
    static func source(of tree: ProofTree, in graph: Graph) -> FactSource? {
        let symbols = tree.values.map { value -> String in
            if case .symbol(let s) = value { return s }
            return value.text
        }
        func edgeSource(
            _ relation: TupuGraph.Relation, _ subject: String, _ object: String,
            only: ((Evidence) -> Bool)? = nil
        ) -> FactSource? {
            guard let edge = graph.edge(Edge(relation: relation, subject: subject, object: object).key) else { return nil }
            let subjectEntity = graph.entity(id: subject)
            let objectEntity = graph.entity(id: object)
            let pieces = edge.evidence.filter { only?($0) ?? true }.map { e -> FactSource.Piece in
                let marked = EvidenceMarking.marked(e.sentence.string, subject: subjectEntity, object: objectEntity)
                return FactSource.Piece(evidence: e, marked: marked.text, subjectSpan: marked.subject, objectSpan: marked.object)
            }
            return FactSource(edge: edge, entity: nil, pieces: pieces, support: edge.support)
        }
        switch tree.relation {
        case "runs": return edgeSource(.runs, symbols[0], symbols[1])
        case "located_in": return edgeSource(.locatedIn, symbols[0], symbols[1])
        case "part_of": return edgeSource(.partOf, symbols[0], symbols[1])
        case "partner": return edgeSource(.partner, symbols[0], symbols[1])
        case "member_of": return edgeSource(.memberOf, symbols[0], symbols[1])
        case "role": return edgeSource(.role, symbols[0], symbols[1])
        case "evidence", "evidence_sentence":
            guard let relation = TupuGraph.Relation(rawValue: symbols[1]) else { return nil }
            if tree.relation == "evidence" {
                let doc = symbols[3]
                let start = Int(symbols[4]) ?? -1
                return edgeSource(relation, symbols[0], symbols[2]) { $0.doc == doc && $0.start == start }
            }
            let sentence = symbols[3]
            return edgeSource(relation, symbols[0], symbols[2]) { $0.sentence.string == sentence }
        case "entity", "alias", "attr", "place", "mentioned_in":
            guard let entity = graph.entity(id: symbols[0]) else { return nil }
            return FactSource(edge: nil, entity: entity, pieces: [], support: entity.mentions)
        default:
            return nil
        }
    }

    /// Edges between the goal's entities and sentences that name two of them.
    static func nearEvidence(entityIds: [String], in graph: Graph) -> Explanation.NearEvidence {
        let entities = entityIds.compactMap { graph.entity(id: $0) }
        let idSet = Set(entities.map(\.id))
        var edges: [Edge] = []
        var sentences: [(doc: String, sentence: String, marked: String)] = []
        var seenSentences = Set<String>()
        if idSet.count >= 2 {
            edges = graph.edges.filter { idSet.contains($0.subject) && idSet.contains($0.object) }
        } else if let only = entities.first {
            edges = Array(graph.edges.filter { $0.subject == only.id || $0.object == only.id }.prefix(8))
        }
        if entities.count >= 2 {
            let (a, b) = (entities[0], entities[1])
            for edge in graph.edges {
                for piece in edge.evidence where !seenSentences.contains(piece.sentence.string) {
                    let sentence = piece.sentence.string
                    let scalars = Array(sentence.unicodeScalars)
                    guard let sa = EvidenceMarking.span(of: a, in: scalars),
                        EvidenceMarking.span(of: b, in: scalars, avoiding: sa) != nil
                    else { continue }
                    seenSentences.insert(sentence)
                    sentences.append((piece.doc, sentence, EvidenceMarking.marked(sentence, subject: a, object: b).text))
                    if sentences.count >= 8 { break }
                }
            }
        }
        return Explanation.NearEvidence(entities: entities, edges: edges, sentences: sentences)
    }
}
