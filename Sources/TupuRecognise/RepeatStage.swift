import TupuGazetteer
import TupuText

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
        // The first mention of each name is the one copied.
        var seen = Set<TextKey>(minimumCapacity: state.mentions.count)
        var originals: [Mention] = []
        var names: [[Unicode.Scalar]] = []
        for m in state.mentions where !m.isReference && m.kind != .place && seen.insert(TextKey(m.text)).inserted {
            let scalars = Array(m.text.unicodeScalars)
            guard scalars.count >= 3 else { continue }
            originals.append(m)
            names.append(scalars)
        }
        guard !names.isEmpty else { return }
        // A document names few things: names are chained by the low bits of their first scalar,
        // so most positions are rejected by one array read and none is hashed.
        let slots = 4096
        var firstInSlot = [Int32](repeating: -1, count: slots)
        var nextInSlot = [Int32](repeating: -1, count: names.count)
        for n in names.indices.reversed() {
            let slot = Int(names[n][0].value) % slots
            nextInSlot[n] = firstInSlot[slot]
            firstInSlot[slot] = Int32(n)
        }
        var found: [(Range<Int>, Int)] = []
        let text = state.text
        for i in text.indices {
            var n = Int(firstInSlot[Int(text[i].value) % slots])
            while n >= 0 {
                if Scalars.word(names[n], startsAt: i, in: text) { found.append((i..<(i + names[n].count), n)) }
                n = Int(nextInSlot[n])
            }
        }
        found.sort { $0.0.count > $1.0.count }
        for (range, n) in found where !state.isTaken(range) && state.kind(at: range.lowerBound) != .byline {
            let original = originals[n]
            var copy = original
            copy.range = range
            copy.rule = "repeat." + original.rule
            copy.confidence = original.confidence * 0.9
            copy.titleStart = nil
            copy.placePrefixEnd = original.placePrefixEnd.map { $0 - original.range.lowerBound + range.lowerBound }
            state.add(copy)
        }
    }
}
