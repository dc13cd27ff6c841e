import TupuKit

/// Named events written without quotes, as county news names festivals and fairs: a year, the
/// places and theme, and an event word (2025某县·某镇荷花文化节, 2024某市农业博览会). The year
/// makes it one edition of a named event, not a kind of event (文化节 alone is no name); so does
/// an edition number after the place that holds it (某县第四届公益创投大赛).
public struct EventStage: RecognitionStage {
    public let name = "events"

    /// What ends an event's name; the shortest name ending in one is taken (…文化节|在某村开幕).
    let endings = WordSet(["节", "大会", "博览会", "交易会", "展销会", "运动会", "马拉松", "论坛", "峰会", "大赛"])
    /// Where a name's scan stops: a function word or verb is past its end.
    let stops = Lexicon.stops
    static let longestTheme = 16

    public init() {}

    /// Where a year may start, and where an edition number does.
    public var scanKeys: [ScalarSet] { [ScalarSet("12"), ScalarSet("第")] }
    /// The numerals of an edition number (第十二届, 第3届).
    let numerals = ScalarSet("一二三四五六七八九十百0123456789")

    public func run(_ state: inout RecognitionState) {
        let text = state.text
        // An event read ends the search for the next one before its end.
        var notBefore = 0
        for i in state.scanPoints[0] where i >= notBefore && i + 4 < text.count {
            // A year: 19xx or 20xx, not inside a longer number, not a date (2025年).
            guard i == 0 || !EventStage.isDigit(text[i - 1]),
                (i..<(i + 4)).allSatisfy({ EventStage.isDigit(text[$0]) }), text[i] == "2" ? text[i + 1] == "0" : text[i + 1] == "9"
            else { continue }
            let themeStart = i + 4
            guard themeStart < text.count, Chinese.isCharacter(text[themeStart]), text[themeStart] != "年" else { continue }
            guard let end = eventEnd(themeStart: themeStart, state), !state.isByline(at: i) else { continue }
            let range = i..<end
            // A quoted or already named span keeps its reading; places inside the name stay places.
            if state.rangeOfMention(startingAt: i, kinds: [.programme, .org]) != nil { continue }
            var mention = Mention(kind: .programme, range: range, text: state.string(range), rule: .programmeYearEvent, confidence: 0.7)
            mention.subkind = .programme(.event)
            state.add(mention)
            notBefore = end
        }
        // 某街道|第二届|公益创投大赛: the place that holds the numbered edition opens its name.
        for i in state.scanPoints[1] where i >= notBefore {
            guard let place = state.rangeOfMention(endingAt: i, kinds: .place) else { continue }
            var j = i + 1
            while j < text.count, numerals.contains(text[j]) { j += 1 }
            guard j > i + 1, j < text.count, text[j] == "届", let end = eventEnd(themeStart: j + 1, state),
                // 某镇第十八届人民代表大会: a numbered 大会 is a body's session, no event someone runs.
                !(text[end - 2] == "大" && text[end - 1] == "会")
            else { continue }
            var start = place.lowerBound
            while let before = state.rangeOfMention(endingAt: start, kinds: .place) { start = before.lowerBound }
            guard !state.isByline(at: start), !state.isTaken(i..<end) else { continue }
            let range = start..<end
            var mention = Mention(kind: .programme, range: range, text: state.string(range), rule: .programmeYearEvent, confidence: 0.7)
            mention.subkind = .programme(.event)
            mention.placePrefixEnd = i
            state.add(mention)
            notBefore = end
        }
    }

    /// Where an event's name that has its theme from `themeStart` ends: after the first event word
    /// at least two characters on, before any function word or verb (nil: no name).
    func eventEnd(themeStart: Int, _ state: RecognitionState) -> Int? {
        let text = state.text
        guard themeStart < text.count, Chinese.isCharacter(text[themeStart]) else { return nil }
        var j = themeStart
        while j < text.count, j - themeStart <= EventStage.longestTheme, Chinese.isCharacter(text[j]) || text[j] == "\u{B7}" {
            // A place in the name is read whole (某县|和平镇: its 和 is no conjunction).
            if let place = state.rangeOfMention(startingAt: j, kinds: .place) {
                j = place.upperBound
                continue
            }
            if j > themeStart, stops.longest(startingAt: j, in: text) != nil, endings.longest(startingAt: j, in: text) == nil { return nil }
            if let length = endings.longest(startingAt: j, in: text), j - themeStart >= 2 { return j + length }
            j += 1
        }
        return nil
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
}
