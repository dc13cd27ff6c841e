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

    /// Where a title may end or start, and where a copula may start.
    public var scanKeys: [ScalarSet] { [titleEdges, copulas.byFirst.keys] }

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
        for m in found { state.add(m) }
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
