import TupuGazetteer

/// Organisations known by name: the national bodies and Zhejiang's provincial ones of the
/// organisation gazetteer (公安部, 工信部, 省民政厅), and those a user lists with `--gazetteer`
/// under an organisation kind. A name may start with the place the place stage found
/// (浙江省|民政厅); a national body's name right after a place or a level word (市|公安部门) is
/// a local one's word, left to the type-word stage.
public struct OrgNameStage: RecognitionStage {
    public let name = "organisation-names"
    let names: [OrgName]
    let matcher: ScalarMatcher?
    /// Per pattern: the name it belongs to.
    let nameOfPattern: [Int]
    /// Level words that make a following national name a local body's word.
    let levelBefore = ScalarSet("省市县区镇乡街村")
    /// 公安部|门: a name followed by these is part of a longer word.
    let wordAfter = ScalarSet("门署长")

    public init(names: [OrgName]) {
        var patterns: [String] = []
        var owner: [Int] = []
        for (index, entry) in names.enumerated() {
            for form in [entry.name] + entry.aliases where form.unicodeScalars.count >= 2 {
                patterns.append(form)
                owner.append(index)
            }
        }
        self.names = names
        self.nameOfPattern = owner
        self.matcher = patterns.isEmpty ? nil : ScalarMatcher(patterns: patterns)
    }

    public func run(_ state: inout RecognitionState) {
        guard let matcher else { return }
        // By start (the fast scan: a bit per pair of scalars that can start a name); the order is set below.
        var matches = matcher.matchesByStart(in: state.text)
        matches.sort { ($0.end - $0.start, $1.start) > ($1.end - $1.start, $0.start) }
        let text = state.text
        for m in matches where !state.isByline(at: m.start) {
            // The places the name starts with (浙江省|民政厅) are the place stage's; the rest must be free.
            var prefixEnd: Int? = nil
            while let place = state.rangeOfMention(startingAt: prefixEnd ?? m.start, kinds: .place), place.upperBound < m.end {
                prefixEnd = place.upperBound
            }
            if state.isTaken((prefixEnd ?? m.start)..<m.end) { continue }
            if m.end < text.count, wordAfter.contains(text[m.end]) { continue }
            if prefixEnd == nil, m.start > 0,
               levelBefore.contains(text[m.start - 1]) || state.rangeOfMention(endingAt: m.start, kinds: .place) != nil { continue }
            let entry = names[nameOfPattern[m.pattern]]
            var mention = Mention(kind: .org, range: m.start..<m.end, text: state.string(m.start..<m.end),
                                  rule: "org.gazetteer", confidence: 0.9)
            mention.subkind = entry.kind.rawValue
            mention.placePrefixEnd = prefixEnd
            mention.core = entry.name
            state.add(mention)
        }
    }
}
