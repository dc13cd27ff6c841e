import TupuGazetteer
import TupuKit
import TupuText

/// Programmes from brand lists (the bundled one, `--gazetteer FILE`, the names learned from the
/// corpus): every name and alias matched as written, quoted or not. A short form keeps what the
/// text wrote and names the list's full form as its canonical name.
public struct BrandStage: RecognitionStage {
    public let name = "brands"
    let entries: [BrandEntry]
    /// Form `f` is of entry `formEntry[f]`. A brand list is short: the forms are found as the
    /// repeat stage finds a document's names, by their first scalar.
    let forms: WordsByScalar
    let formEntry: [Int]
    /// Each entry's kind, read once from the list's string.
    let kinds: [NameKind]

    public init(brands: [BrandEntry]) {
        var forms: [[Unicode.Scalar]] = []
        var formEntry: [Int] = []
        for (index, entry) in brands.enumerated() where !entry.isRejection {
            for form in entry.surfaceForms where form.unicodeScalars.count >= 2 {
                forms.append(Array(form.unicodeScalars))
                formEntry.append(index)
            }
        }
        self.entries = brands
        self.kinds = brands.map { NameKind(brandKind: $0.kind) }
        self.forms = WordsByScalar(forms, keyedBy: .first)
        self.formEntry = formEntry
    }

    /// Where a form may start.
    public var scanKeys: [ScalarSet] { [forms.keys] }

    public func run(_ state: inout RecognitionState) {
        guard !formEntry.isEmpty else { return }
        var found: [(range: Range<Int>, name: Int)] = []
        state.text.withUnsafeBufferPointer { text in
            for i in state.scanPoints[0] {
                forms.forEachWord(at: i, in: text) { range, form in
                    found.append((range, form))
                    return false
                }
            }
        }
        // Longest first, in text order among equals.
        found.sort { ($0.range.count, $1.range.lowerBound) > ($1.range.count, $0.range.lowerBound) }
        for (range, form) in found where !state.isTaken(range) && !state.isByline(at: range.lowerBound) {
            let entry = entries[formEntry[form]]
            let surface = state.string(range)
            var mention = Mention(kind: .programme, range: range, text: surface, rule: .programmeBrandGazetteer, confidence: 0.9)
            mention.subkind = kinds[formEntry[form]]
            if surface != entry.name { mention.canonical = entry.name }
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
        // The first mention of each name (of three scalars or more) is the one copied: `names[n]`
        // is that of `state.mentions[originals[n]]`.
        var seen = Set<TextKey>(minimumCapacity: state.mentions.count)
        var originals: [Int] = []
        var names: [[Unicode.Scalar]] = []
        for k in state.mentions.indices where !state.mentions[k].isReference && state.mentions[k].kind != .place {
            let text = state.mentions[k].text
            guard seen.insert(TextKey(text)).inserted else { continue }
            let scalars = Array(text.unicodeScalars)
            guard scalars.count >= 3 else { continue }
            originals.append(k)
            names.append(scalars)
        }
        // 某市瑞泉水务集团有限公司 … 瑞泉水务将…: a group's or company's name without place, 集团 and
        // legal form names it again (某区鼎元置业有限公司 … 鼎元置业).
        let repeated = names.count
        for k in state.mentions.indices where state.mentions[k].kind == .org && state.mentions[k].subkind == .org(.company) {
            guard let short = groupShortForm(state.mentions[k], state), seen.insert(TextKey(Scalars.string(short))).inserted else { continue }
            originals.append(k)
            names.append(short)
        }
        guard !originals.isEmpty else { return }
        let found = Self.occurrences(of: WordsByScalar(names, keyedBy: .first), in: state.text)
        // Longest first, in text order among equals: one number per occurrence sorts without a closure.
        let order = found.indices.map { UInt64(UInt32.max - UInt32(found[$0].range.count)) << 32 | UInt64($0) }.sorted()
        for key in order {
            let (range, n) = found[Int(key & 0xFFFF_FFFF)]
            guard !state.isTaken(range) && !state.isByline(at: range.lowerBound) else { continue }
            if n >= repeated {
                if let short = shortFormMention(range, of: state.mentions[originals[n]], state) { state.add(short) }
                continue
            }
            var copy = state.mentions[originals[n]]
            let originalStart = copy.range.lowerBound
            copy.range = range
            copy.isRepeat = true
            copy.confidence *= 0.9
            copy.titleStart = nil
            copy.placePrefixEnd = copy.placePrefixEnd.map { $0 - originalStart + range.lowerBound }
            state.add(copy)
        }
    }

    /// The words a group's or company's short form drops at its end, longest first.
    static let groupEnds = ["集团股份有限公司", "集团有限公司", "集团", "股份有限公司", "有限责任公司", "有限公司"].map { Array($0.unicodeScalars) }
    let stops = Lexicon.stops
    let boundary = Lexicon.boundary

    /// A group's name between its place and 集团 (瑞泉水务 of 某市瑞泉水务集团有限公司), or a
    /// company's before its legal form (鼎元置业 of 某区鼎元置业有限公司), four characters or
    /// more: two would be a word of any sentence.
    func groupShortForm(_ m: Mention, _ state: RecognitionState) -> [Unicode.Scalar]? {
        let name = Array(m.text.unicodeScalars)
        guard let end = Self.groupEnds.first(where: { name.count > $0.count && name.suffix($0.count).elementsEqual($0) }) else { return nil }
        let start = m.placePrefixEnd.map { $0 - m.range.lowerBound } ?? 0
        let short = name[start..<(name.count - end.count)]
        guard short.count >= 4, short.allSatisfy({ Chinese.isCharacter($0) }) else { return nil }
        return Array(short)
    }

    /// The short form at `range` as a mention of its group, when it stands as a name: a boundary
    /// (punctuation, a function word, a verb) on each side, not inside a phrase (加大交通投资力度).
    func shortFormMention(_ range: Range<Int>, of group: Mention, _ state: RecognitionState) -> Mention? {
        let text = state.text
        let start = range.lowerBound
        let end = range.upperBound
        let opens =
            start == 0 || !Chinese.isCharacter(text[start - 1]) || stops.longest(endingAt: start, in: text) != nil
            || boundary.longest(endingAt: start, in: text) != nil
        let closes =
            end == text.count || !Chinese.isCharacter(text[end]) || stops.longest(startingAt: end, in: text) != nil
            || boundary.longest(startingAt: end, in: text) != nil
        guard opens, closes else { return nil }
        var m = Mention(kind: .org, range: range, text: state.string(range), rule: .orgGroupShortForm, confidence: 0.6)
        m.subkind = group.subkind
        m.core = m.text
        m.canonical = group.text
        return m
    }

    /// Every place the text writes one of the words, as its range and its position in the list.
    static func occurrences(of words: WordsByScalar, in text: [Unicode.Scalar]) -> [(range: Range<Int>, name: Int)] {
        var found: [(range: Range<Int>, name: Int)] = []
        text.withUnsafeBufferPointer { text in words.forEachOccurrence(in: text) { found.append(($0, $1)) } }
        return found
    }
}
