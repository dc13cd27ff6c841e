import TupuKit

/// People: a surname and one or two given characters right after a title (党委书记金美凤,
/// 市民王国庆) or right before one (李桂英老人). By-lines are never read. The name's length
/// is decided by what follows it (张晓飞|激动地说, 刘洋|一同), then by whether the longer
/// form recurs in the article.
public struct PersonStage: RecognitionStage {
    public let name = "people"

    /// Public for the relation extractor, which reads titles in lists (主任、书记张三).
    public static let titles = WordSet(Lexicon.titlesBeforeName)

    // The stage's own copies of its word lists: read at every offset of the text, where a
    // `static let` costs a lazy-initialisation check and a copy of the set at each use.
    let titlesBefore = PersonStage.titles
    static let titleWordsAfter = ["老人", "同志", "先生", "女士", "老师", "书记", "主任"]
    let titlesAfter = WordSet(PersonStage.titleWordsAfter)
    /// Where a title may end (for a name after it) or start (for a name before it): one pass over
    /// the text finds the offsets both scans look at.
    let titleEdges = ScalarSet(
        Lexicon.titlesBeforeName.compactMap(\.unicodeScalars.last)
            + PersonStage.titleWordsAfter.compactMap(\.unicodeScalars.first))
    let after = WordSet(Lexicon.afterName)
    let copulas = WordSet(["是", "担任", "出任", "兼任"])
    /// A profile's opening: 某某，1976年生 / 某某，1986年5月出生 (the name, then the birth date).
    let birthWords = WordSet(["年生", "年出生", "月生", "月出生"])
    static let digits = ScalarSet("0123456789０１２３４５６７８９")
    /// A transliterated name's middle dot (阿迪力·吐尔逊).
    static let nameDots = ScalarSet("·•・‧")
    static let clauseEnds = ScalarSet("，,。；;：:！？")
    /// Digits and numerals: what stands before them is a count (30余名, 十余位), not a name.
    static let numerals = ScalarSet("0123456789０１２３４５６７８９一二三四五六七八九十百千万两几")
    /// Titles that say what a person is, not an office in a body (村民, 志愿者, 医生).
    let personalTitles = WordSet([
        "老师", "教师", "医生", "护士", "社工", "网格员", "志愿者", "老人", "市民", "村民", "居民",
        "党员", "老党员", "师傅", "小伙", "青年", "代表", "顾问", "健康顾问", "专家", "教授", "民警",
        "乡贤", "养殖户", "种植户", "农户", "渔民", "主播", "店主", "摊主",
        "果农", "茶农", "菜农", "梅农", "花农"
    ])
    let stops = Lexicon.stops
    let notGiven = ScalarSet("某们的了在是和与等说也都就还将对为被这那其")
    let appellations = WordSet([
        "奶奶", "爷爷", "大爷", "大妈", "阿姨", "大姐", "大哥", "老师", "师傅", "女士", "先生",
        "大伯", "老伯", "伯伯", "阿婆", "阿公", "大叔", "叔叔", "大婶", "大娘", "嫂子", "老汉"
    ])
    /// `Lexicon.surnames` as scalars: looked up at every title in the text, too often to hash a string each time.
    let singleSurnames = ScalarSet(Lexicon.surnames.compactMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first : nil })
    let doubleSurnames = WordSet(Lexicon.surnames.filter { $0.unicodeScalars.count == 2 })

    public init() {}

    /// Where a title may end or start, where a copula may start, where a birth date ends.
    public var scanKeys: [ScalarSet] { [titleEdges, copulas.byFirst.keys, birthWords.byFirst.keys] }

    public func run(_ state: inout RecognitionState) {
        let text = state.text
        var found: [Mention] = []
        let candidates = state.scanPoints[0]
        // After a title ending at `i`; a name found moves the scan past it.
        var next = 0
        for i in candidates where i >= next {
            guard !state.isByline(at: i), let titleLength = titlesBefore.longest(endingAt: i + 1, in: text) else { continue }
            let titleStart = i + 1 - titleLength
            if let range = name(startingAt: i + 1, state), !state.isTaken(range) {
                var m = Mention(kind: .person, range: range, text: state.string(range), rule: .personAfterTitle, confidence: 0.75)
                m.title = state.string(titleStart..<(i + 1))
                m.titleStart = titleStart
                found.append(m)
                next = range.upperBound
                // 副镇长金某、蒋某: the names listed after one title hold it each.
                while next < text.count, text[next] == "、", let listed = listedName(startingAt: next + 1, text), !state.isTaken(listed) {
                    var n = Mention(kind: .person, range: listed, text: state.string(listed), rule: .personAfterTitle, confidence: 0.7)
                    n.title = m.title
                    n.titleStart = titleStart
                    found.append(n)
                    next = listed.upperBound
                }
            }
        }
        // Before a title starting at `i`: (的|，)李桂英|老人. The scan goes on after the title.
        next = 0
        for i in candidates where i >= next {
            guard let length = titlesAfter.longest(startingAt: i, in: text) else { continue }
            for nameLength in (2...3).reversed() where i - nameLength >= 0 {
                let range = (i - nameLength)..<i
                let boundary =
                    range.lowerBound == 0 || !Chinese.isCharacter(text[range.lowerBound - 1])
                    || stops.longest(endingAt: range.lowerBound, in: text) != nil
                // 30|余名老人: after a number the two characters count people, they name no one.
                let afterCount = range.lowerBound > 0 && PersonStage.numerals.contains(text[range.lowerBound - 1])
                guard boundary, !afterCount, looksLikeName(range, text), !state.isTaken(range),
                    !found.contains(where: { $0.range.overlaps(range) }), !state.isByline(at: range.lowerBound)
                else { continue }
                var m = Mention(kind: .person, range: range, text: state.string(range), rule: .personBeforeTitle, confidence: 0.6)
                m.title = state.string(i..<(i + length))
                found.append(m)
                break
            }
            next = i + length
        }
        copulaNames(state, &found)
        profileNames(state, &found)
        for m in found { state.add(m) }
    }

    /// 某某，1976年生，中共党员，现任某村党委书记: a profile opens a line with the name and the birth date;
    /// the post after 现任 in that sentence is the person's title, so the role goes to its body.
    func profileNames(_ state: RecognitionState, _ found: inout [Mention]) {
        let text = state.text
        for i in state.scanPoints[2] {
            guard birthWords.longest(startingAt: i, in: text) != nil else { continue }
            var start = i
            while start > 0, PersonStage.digits.contains(text[start - 1]) { start -= 1 }
            if text[i] == "月", start < i, start > 0, text[start - 1] == "年" {
                start -= 1
                while start > 0, PersonStage.digits.contains(text[start - 1]) { start -= 1 }
            }
            guard start < i, start > 0, text[start - 1] == "，" || text[start - 1] == "," else { continue }
            let nameEnd = start - 1
            for length in [3, 2] where nameEnd - length >= 0 {
                let range = (nameEnd - length)..<nameEnd
                let opensLine = range.lowerBound == 0 || !Chinese.isCharacter(text[range.lowerBound - 1])
                guard opensLine, looksLikeName(range, text), !state.isTaken(range),
                    !found.contains(where: { $0.range.overlaps(range) }), !state.isByline(at: range.lowerBound)
                else { continue }
                var m = Mention(kind: .person, range: range, text: state.string(range), rule: .personProfile, confidence: 0.7)
                if let post = postHeldNow(after: i, text) {
                    m.title = state.string(post)
                    m.titleStart = post.lowerBound
                }
                found.append(m)
                break
            }
        }
    }

    /// The title that closes the clause after 现任 in the sentence from `start`: …现任某镇党委副书记（挂职）。
    func postHeldNow(after start: Int, _ text: [Unicode.Scalar]) -> Range<Int>? {
        var i = start
        while i + 1 < text.count, i - start < 80, text[i] != "。", text[i] != "\n" {
            if text[i] == "现", text[i + 1] == "任" { break }
            i += 1
        }
        guard i + 1 < text.count, text[i] == "现", text[i + 1] == "任" else { return nil }
        var end = i + 2
        while end < text.count, end - i <= 60, !PersonStage.clauseEnds.contains(text[end]), text[end] != "\n" { end += 1 }
        // A note in brackets after the post (（挂职）) is not the title's.
        if end > i + 2, text[end - 1] == "）" || text[end - 1] == ")",
            let open = (i + 2..<(end - 1)).last(where: { text[$0] == "（" || text[$0] == "(" })
        {
            end = open
        }
        guard let length = titlesBefore.longest(endingAt: end, in: text), end - length >= i + 2,
            !personalTitles.contains((end - length)..<end, in: text)
        else { return nil }
        return (end - length)..<end
    }

    /// A further name in a list after a title (…、蒋某某): two or three characters the text clearly ends.
    func listedName(startingAt start: Int, _ text: [Unicode.Scalar]) -> Range<Int>? {
        for length in [3, 2] where start + length <= text.count {
            let range = start..<(start + length)
            guard looksLikeName(range, text) else { continue }
            let end = range.upperBound
            if end == text.count || !Chinese.isCharacter(text[end]) || after.longest(startingAt: end, in: text) != nil {
                return range
            }
        }
        return nil
    }

    /// A transliterated name after a title: two to five characters, a middle dot, two to five more that the
    /// text clearly ends (书记阿迪力·吐尔逊说).
    func dottedName(startingAt start: Int, _ text: [Unicode.Scalar]) -> Range<Int>? {
        var dot = start
        while dot < text.count, dot - start <= 5, Chinese.isCharacter(text[dot]) { dot += 1 }
        guard dot < text.count, dot - start >= 2, dot - start <= 5, PersonStage.nameDots.contains(text[dot]) else { return nil }
        for length in 2...5 where dot + 1 + length <= text.count {
            let range = (dot + 1)..<(dot + 1 + length)
            guard range.allSatisfy({ Chinese.isCharacter(text[$0]) }) else { return nil }
            let end = range.upperBound
            if end == text.count || !Chinese.isCharacter(text[end]) || after.longest(startingAt: end, in: text) != nil {
                return start..<end
            }
        }
        return nil
    }

    /// 陈某某是…救援队的队长, 李某某担任…协会会长: a name opening a clause, a copula, and an office
    /// title closing the clause. The title is kept as the person's, so the role goes to its body.
    func copulaNames(_ state: RecognitionState, _ found: inout [Mention]) {
        let text = state.text
        for i in state.scanPoints[1] {
            guard copulas.longest(startingAt: i, in: text) != nil, !state.isByline(at: i) else { continue }
            // The clause's end, and the title right before it.
            var end = i + 1
            while end < text.count && end - i <= 40 && !PersonStage.clauseEnds.contains(text[end]) { end += 1 }
            guard end < text.count, PersonStage.clauseEnds.contains(text[end]),
                let titleLength = titlesBefore.longest(endingAt: end, in: text),
                !personalTitles.contains((end - titleLength)..<end, in: text)
            else { continue }
            for nameLength in [3, 2] where i - nameLength >= 0 {
                let range = (i - nameLength)..<i
                let boundary =
                    range.lowerBound == 0 || !Chinese.isCharacter(text[range.lowerBound - 1])
                    || stops.longest(endingAt: range.lowerBound, in: text) != nil
                guard boundary, looksLikeName(range, text), !state.isTaken(range),
                    !found.contains(where: { $0.range.overlaps(range) })
                else { continue }
                var m = Mention(kind: .person, range: range, text: state.string(range), rule: .personBeforeCopula, confidence: 0.6)
                m.title = state.string((end - titleLength)..<end)
                m.titleStart = end - titleLength
                found.append(m)
                break
            }
        }
    }

    func looksLikeName(_ range: Range<Int>, _ text: [Unicode.Scalar]) -> Bool {
        guard range.allSatisfy({ Chinese.isCharacter(text[$0]) }) else { return false }
        let start = range.lowerBound
        let isDouble = range.count >= 3 && doubleSurnames.longest(startingAt: start, in: text) != nil
        let surnameLength = isDouble ? 2 : (singleSurnames.contains(text[start]) ? 1 : 0)
        guard surnameLength > 0, range.count - surnameLength >= 1, range.count - surnameLength <= 2 else { return false }
        let given = text[(range.lowerBound + surnameLength)..<range.upperBound]
        if given.contains(where: { notGiven.contains($0) }) { return false }
        if appellations.contains(given.indices, in: text) { return false }
        // A title is no given name (任|队长, 王|书记): the surname was a word of the sentence.
        if titlesBefore.longest(startingAt: given.startIndex, in: text) != nil { return false }
        return true
    }

    /// The name right after a title, two or three characters (four with a double surname).
    func name(startingAt start: Int, _ state: RecognitionState) -> Range<Int>? {
        let text = state.text
        if let dotted = dottedName(startingAt: start, text) { return dotted }
        // Three characters, then two, then four: the first length that something clearly ends.
        for length in [3, 2, 4] where start + length <= text.count {
            let range = start..<(start + length)
            guard looksLikeName(range, text) else { continue }
            let end = range.upperBound
            // 吴晨|认为, not 吴晨认|为: a word of two or more that ends the shorter name wins.
            if length == 3, (after.longest(startingAt: end - 1, in: text) ?? 0) >= 2, looksLikeName(start..<(end - 1), text) {
                return start..<(end - 1)
            }
            if end == text.count || !Chinese.isCharacter(text[end]) || after.longest(startingAt: end, in: text) != nil {
                return range
            }
        }
        // Nothing clearly ends it: most names have three characters.
        let three = start..<min(start + 3, text.count)
        return three.count == 3 && looksLikeName(three, text) ? three : nil
    }
}
