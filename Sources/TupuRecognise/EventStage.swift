import TupuKit

/// Named events written without quotes, as county news names festivals and fairs: a year, the
/// places and theme, and an event word (2025某县·某镇荷花文化节, 2024某市农业博览会). The year
/// makes it one edition of a named event, not a kind of event (文化节 alone is no name); so does an
/// edition number (第七届某某·某镇油菜花节), which the name does not keep.
public struct EventStage: RecognitionStage {
    public let name = "events"

    /// What ends an event's name; the shortest name ending in one is taken (…文化节|在某村开幕).
    let endings = WordSet(["节", "大会", "博览会", "交易会", "展销会", "运动会", "马拉松", "论坛", "峰会", "大赛"])
    /// Where a name's scan stops: a function word or verb is past its end.
    let stops = Lexicon.stops
    static let longestTheme = 16

    public init() {}

    /// An edition's number (第七届, 第12届).
    static let editionNumerals = ScalarSet("一二三四五六七八九十百0123456789")
    static let congress = Array("大会".unicodeScalars)

    /// Where a year or an edition (第…届) may start.
    public var scanKeys: [ScalarSet] { [ScalarSet("12第")] }

    public func run(_ state: inout RecognitionState) {
        let text = state.text
        // An event read ends the search for the next one before its end.
        var notBefore = 0
        for i in state.scanPoints[0] where i >= notBefore && i + 4 < text.count {
            let start: Int
            let themeStart: Int
            if text[i] == "第" {
                // An edition: 第, a number, 届; the name starts after it.
                var k = i + 1
                while k < text.count, k - i <= 4, EventStage.editionNumerals.contains(text[k]) { k += 1 }
                guard k > i + 1, k < text.count, text[k] == "届" else { continue }
                (start, themeStart) = (k + 1, k + 1)
            } else {
                // A year: 19xx or 20xx, not inside a longer number, not a date (2025年).
                guard i == 0 || !EventStage.isDigit(text[i - 1]),
                    (i..<(i + 4)).allSatisfy({ EventStage.isDigit(text[$0]) }), text[i] == "2" ? text[i + 1] == "0" : text[i + 1] == "9"
                else { continue }
                (start, themeStart) = (i, i + 4)
            }
            guard themeStart < text.count, Chinese.isCharacter(text[themeStart]), text[themeStart] != "年" else { continue }
            var j = themeStart
            var end: Int? = nil
            while j < text.count, j - themeStart <= EventStage.longestTheme, Chinese.isCharacter(text[j]) || text[j] == "\u{B7}" {
                // A place in the name is read whole (某县|和平镇: its 和 is no conjunction).
                if let place = state.rangeOfMention(startingAt: j, kinds: .place) {
                    j = place.upperBound
                    continue
                }
                if j > themeStart, stops.longest(startingAt: j, in: text) != nil, endings.longest(startingAt: j, in: text) == nil { break }
                if let length = endings.longest(startingAt: j, in: text), j - themeStart >= 2 {
                    end = j + length
                    break
                }
                j += 1
            }
            guard let end, !state.isByline(at: i) else { continue }
            // 第十八届人民代表大会: a session of a congress, no event of its own.
            if start != i, Scalars.word(EventStage.congress, endsAt: end, in: text) { continue }
            let range = start..<end
            // A quoted or already named span keeps its reading; places inside the name stay places.
            if state.rangeOfMention(startingAt: start, kinds: [.programme, .org]) != nil { continue }
            var mention = Mention(kind: .programme, range: range, text: state.string(range), rule: .programmeYearEvent, confidence: 0.7)
            mention.subkind = .programme(.event)
            state.add(mention)
            notBefore = end
        }
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
}
