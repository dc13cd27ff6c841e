import TupuGazetteer
import TupuKit

/// Lists whose members share one head, written once after the last member:
/// - places: A区及B区民政局 names A区民政局 too (the places of one level);
/// - short names: 东、西、南、北某社区党总支 names 东某社区党总支, 西… (the members as long
///   as one another, each in place of the last member's first characters);
/// - units: 某州水务、某州燃气等单位 names each member, a place and a short trade name; without a
///   place, when the members share a trade name (某港水务、某港燃气等企业) or follow a group's
///   subsidiary marker (某集团旗下的A、B等子公司).
/// A composed member is a mention over the member as written (A区, 东), its text the composed
/// name; listed side by side, the relation patterns read the members as one list.
public struct SharedHeadStage: RecognitionStage {
    public let name = "shared-heads"
    let separators = WordSet(["、", "和", "及", "以及", "与"])
    let stops = WordSet(Lexicon.stopWords + Lexicon.counted)
    let generic = WordSet(Lexicon.genericNameParts)
    let typeWords = WordSet(Lexicon.orgTypeWords.map(\.word))
    /// 等|单位: the nouns that close a list of units.
    let unitNouns = WordSet(["单位", "部门", "企业", "机构", "组织", "公司", "集团", "成员单位", "子公司", "成员企业", "下属企业", "下属单位"])
    /// 某集团|旗下的|A、B等: the words after a group that open the list of its units.
    let subsidiaryMarkers = WordSet(["旗下", "下属", "所属"])
    /// Members written without a place: a short trade name and its field, two to six characters.
    static let tradeUnitLength = 2...6
    /// Members of a short-name list: one to three characters each.
    static let maxShortMember = 3

    public init() {}

    public func run(_ state: inout RecognitionState) {
        var members: [Mention] = []
        for k in state.mentions.indices where state.mentions[k].kind == .org && !state.mentions[k].isReference {
            // Read in place first: only a name right after a separator heads a list (a copy retains its strings).
            guard separators.longest(endingAt: state.mentions[k].range.lowerBound, in: state.text) != nil else { continue }
            let head = state.mentions[k]
            let byPlace = placeMembers(of: head, state)
            members += byPlace.isEmpty ? shortMembers(of: head, state) : byPlace
        }
        for m in members where state.mention(startingAt: m.range.lowerBound, kinds: .org)?.range != m.range { state.add(m) }
        addListedUnits(&state)
    }

    /// The scalars of a name after its first `count` (the head a member is put before).
    func tail(of head: Mention, after count: Int) -> String {
        Scalars.string(Array(head.text.unicodeScalars.dropFirst(count)))
    }

    func member(_ range: Range<Int>, text: String, like head: Mention, placePrefixEnd: Int?) -> Mention {
        var m = Mention(kind: .org, range: range, text: text, rule: .orgSharedHead, confidence: 0.6)
        m.subkind = head.subkind
        m.core = head.core
        m.placePrefixEnd = placePrefixEnd
        return m
    }

    /// A区及B区民政局: the places listed before a name that starts with a place of their level.
    func placeMembers(of head: Mention, _ state: RecognitionState) -> [Mention] {
        guard head.placePrefixEnd != nil, let first = state.mention(startingAt: head.range.lowerBound, kinds: .place),
            first.range.upperBound < head.range.upperBound
        else { return [] }
        let rest = tail(of: head, after: first.range.count)
        let level = levelRank(first)
        var out: [Mention] = []
        var position = head.range.lowerBound
        while let gap = separators.longest(endingAt: position, in: state.text),
            let place = state.mention(endingAt: position - gap, kinds: .place), level != nil, levelRank(place) == level
        {
            out.append(member(place.range, text: place.text + rest, like: head, placePrefixEnd: place.range.upperBound))
            position = place.range.lowerBound
        }
        return out
    }

    /// 东、西、南、北某社区党总支: members of equal length, joined by 、, before the name.
    func shortMembers(of head: Mention, _ state: RecognitionState) -> [Mention] {
        let text = state.text
        var out: [Mention] = []
        var position = head.range.lowerBound
        var length: Int? = nil
        while position > 1, text[position - 1] == "、" {
            let end = position - 1
            var start = end
            while start > 0, end - start <= SharedHeadStage.maxShortMember, Chinese.isCharacter(text[start - 1]),
                separators.longest(endingAt: start, in: text) == nil, stops.longest(endingAt: start, in: text) == nil,
                state.rangeOfMention(endingAt: start, kinds: .place) == nil
            {
                start -= 1
            }
            let count = end - start
            // 某县海事处、某县人民医院, 某局、某镇人民政府: in place of a whole place (某县, 某镇) or ending in a
            // type word, the run is a name of its own, not a member (东、北栅社区: 北 is only part of a place).
            guard count >= 1, count <= SharedHeadStage.maxShortMember, count == (length ?? count),
                !state.isTaken(start..<end), stops.longest(startingAt: start, in: text) == nil,
                state.rangeOfMention(startingAt: head.range.lowerBound, kinds: .place)?.upperBound != head.range.lowerBound + count,
                typeWords.longest(endingAt: end, in: text) == nil
            else { break }
            length = count
            out.append(
                member(
                    start..<end, text: Scalars.string(text[start..<end]) + tail(of: head, after: count),
                    like: head, placePrefixEnd: nil))
            position = start
        }
        // The head keeps a name of its own after the members' part (北|某社区党总支, not 北|党总支).
        guard let length, head.range.count - length >= 3,
            (head.range.lowerBound..<(head.range.lowerBound + length)).allSatisfy({ Chinese.isCharacter(text[$0]) })
        else { return [] }
        return out
    }

    /// 某州水务、某州燃气等单位: members written as a place and a short trade name, each an organisation.
    func addListedUnits(_ state: inout RecognitionState) {
        let text = state.text
        var from = 0
        while let i = text[from...].firstIndex(of: "等") {
            from = i + 1
            guard unitNouns.longest(startingAt: i + 1, in: text) != nil else { continue }
            let kind = "企公集子".unicodeScalars.contains(text[i + 1]) ? OrgKind.company : .other
            var units: [Mention] = []
            var tradeUnits: [Range<Int>] = []
            var position = i
            var listed = 0
            while position > 0 {
                if let org = state.rangeOfMention(endingAt: position, kinds: .org) {
                    position = org.lowerBound
                    listed += 1
                } else if let unit = unit(endingAt: position, state) {
                    var m = Mention(kind: .org, range: unit.range, text: state.string(unit.range), rule: .orgListedUnit, confidence: 0.6)
                    m.subkind = .org(kind)
                    m.placePrefixEnd = unit.placeEnd
                    m.core = Scalars.string(text[unit.placeEnd..<unit.range.upperBound])
                    units.append(m)
                    position = unit.range.lowerBound
                    listed += 1
                } else if let unit = tradeUnit(endingAt: position, state) {
                    tradeUnits.append(unit)
                    position = unit.lowerBound
                    listed += 1
                } else {
                    break
                }
                guard let gap = separators.longest(endingAt: position, in: text) else { break }
                position -= gap
            }
            // One unit alone before 等 may be a place's own word (某州等单位); a list says what it lists.
            guard listed >= 2 else { continue }
            for m in units { state.add(m) }
            // Members without a place are units only when the list says so: a group's marker before
            // it, or a trade name all of them share (某港水务、某港燃气).
            if !tradeUnits.isEmpty, afterSubsidiaryMarker(position, state) || shareTradeName(tradeUnits, text) {
                for unit in tradeUnits {
                    var m = Mention(kind: .org, range: unit, text: state.string(unit), rule: .orgListedTradeUnit, confidence: 0.55)
                    m.subkind = .org(kind)
                    m.core = m.text
                    state.add(m)
                }
            }
        }
    }

    /// Two to six name characters ending at `end`, from a separator, a punctuation mark, a stop word
    /// or a group's subsidiary marker; nothing else found in them.
    func tradeUnit(endingAt end: Int, _ state: RecognitionState) -> Range<Int>? {
        let text = state.text
        var start = end
        while start > 0, end - start < SharedHeadStage.tradeUnitLength.upperBound, Chinese.isCharacter(text[start - 1]),
            separators.longest(endingAt: start, in: text) == nil, stops.longest(endingAt: start, in: text) == nil,
            subsidiaryMarkers.longest(endingAt: start, in: text) == nil
        {
            start -= 1
        }
        // Further left the run goes on: the span would start mid-phrase.
        let bounded =
            start == 0 || !Chinese.isCharacter(text[start - 1]) || separators.longest(endingAt: start, in: text) != nil
            || stops.longest(endingAt: start, in: text) != nil || subsidiaryMarkers.longest(endingAt: start, in: text) != nil
        guard bounded, SharedHeadStage.tradeUnitLength.contains(end - start), !state.isTaken(start..<end) else { return nil }
        return start..<end
    }

    /// Whether a list starting at `start` follows an organisation and its subsidiary marker (某集团旗下的|…).
    func afterSubsidiaryMarker(_ start: Int, _ state: RecognitionState) -> Bool {
        var i = start
        if i > 0, state.text[i - 1] == "的" { i -= 1 }
        guard let marker = subsidiaryMarkers.longest(endingAt: i, in: state.text) else { return false }
        return state.rangeOfMention(endingAt: i - marker, kinds: .org) != nil
    }

    /// Whether the members all start with the same two characters, a trade name (某港水务、某港燃气),
    /// not a generic word (社区居民、社区党员).
    func shareTradeName(_ units: [Range<Int>], _ text: [Unicode.Scalar]) -> Bool {
        guard units.count >= 2, let first = units.first, first.count >= 3, generic.longest(startingAt: first.lowerBound, in: text) == nil
        else { return false }
        return units.allSatisfy { $0.count >= 3 && text[$0.lowerBound] == text[first.lowerBound] && text[$0.lowerBound + 1] == text[first.lowerBound + 1] }
    }

    /// A place and two to four name characters, ending at `end`, nothing else found in it.
    func unit(endingAt end: Int, _ state: RecognitionState) -> (range: Range<Int>, placeEnd: Int)? {
        for length in 2...4 {
            let placeEnd = end - length
            guard placeEnd > 0, (placeEnd..<end).allSatisfy({ Chinese.isCharacter(state.text[$0]) }) else { return nil }
            if stops.longest(endingAt: placeEnd + 1, in: state.text) != nil { return nil }
            guard let place = state.rangeOfMention(endingAt: placeEnd, kinds: .place) else { continue }
            if state.isTaken(placeEnd..<end) { return nil }
            return (place.lowerBound..<end, placeEnd)
        }
        return nil
    }

    /// Places of one level list together: by their code (six digits read by their zeros: province,
    /// city, county; nine: a town; longer: a village), or the level their suffix gave.
    func levelRank(_ place: Mention) -> PlaceLevel? {
        if let level = place.level { return level }
        guard let code = place.readings.first?.code.utf8 else { return nil }
        if code.count == 6 {
            if code.suffix(4).elementsEqual("0000".utf8) { return .province }
            return code.suffix(2).elementsEqual("00".utf8) ? .city : .county
        }
        return code.count == 9 ? .township : .village
    }
}
