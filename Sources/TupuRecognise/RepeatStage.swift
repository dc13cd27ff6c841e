import TupuGazetteer

/// Programmes and organisations from a user's brand file (`--gazetteer FILE`): matched as written.
public struct BrandStage: RecognitionStage {
    public let name = "brands"
    let entries: [BrandEntry]
    let matcher: ScalarMatcher?
    let patternEntry: [Int]

    public init(brands: [BrandEntry]) {
        var patterns: [String] = []
        var owner: [Int] = []
        for (index, entry) in brands.enumerated() {
            for form in [entry.name] + entry.aliases where form.unicodeScalars.count >= 2 {
                patterns.append(form)
                owner.append(index)
            }
        }
        self.entries = brands
        self.patternEntry = owner
        self.matcher = patterns.isEmpty ? nil : ScalarMatcher(patterns: patterns)
    }

    public func run(_ state: inout RecognitionState) {
        guard let matcher else { return }
        var matches = matcher.matches(in: state.text)
        matches.sort { ($0.end - $0.start) > ($1.end - $1.start) }
        for m in matches where !state.isTaken(m.start..<m.end) {
            let entry = entries[patternEntry[m.pattern]]
            var mention = Mention(kind: .programme, range: m.start..<m.end, text: entry.name, rule: "programme.brand-gazetteer", confidence: 0.9)
            mention.subkind = entry.kind
            state.add(mention)
        }
    }
}

/// A name found once (quoted, titled, by suffix) is found again wherever the document
/// repeats it unquoted, so later sentences can relate it.
public struct RepeatStage: RecognitionStage {
    public let name = "repeats"

    public init() {}

    public func run(_ state: inout RecognitionState) {
        var seen: [String: Mention] = [:]
        for m in state.mentions where !m.isReference && m.kind != .place && m.text.unicodeScalars.count >= 3 {
            if seen[m.text] == nil { seen[m.text] = m }
        }
        guard !seen.isEmpty else { return }
        let names = seen.keys.sorted()
        let matcher = ScalarMatcher(patterns: names)
        var matches = matcher.matches(in: state.text)
        matches.sort { ($0.end - $0.start) > ($1.end - $1.start) }
        for m in matches where !state.isTaken(m.start..<m.end) && state.kind(at: m.start) != .byline {
            let original = seen[names[m.pattern]]!
            var copy = original
            copy.range = m.start..<m.end
            copy.rule = "repeat." + original.rule
            copy.confidence = original.confidence * 0.9
            copy.titleStart = nil
            copy.placePrefixEnd = original.placePrefixEnd.map { $0 - original.range.lowerBound + m.start }
            state.add(copy)
        }
    }
}
