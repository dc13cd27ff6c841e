import Testing
import TupuKit
import TupuText

@testable import TupuRecognise

private func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

@Test func aWordSetFindsTheLongestWordEndingOrStartingAtAnOffset() {
    let types = WordSet(["支部", "党支部", "党委"])
    let text = scalars("村党支部书记")
    #expect(types.longest(endingAt: 4, in: text) == 3)  // 党支部, not 支部
    #expect(types.longest(startingAt: 1, in: text) == 3)
    #expect(types.longest(startingAt: 2, in: text) == 2)  // 支部
    #expect(types.longest(endingAt: 5, in: text) == nil)
    #expect(types.longest(endingAt: 0, in: text) == nil)  // before the text: nothing, no trap
    #expect(types.longest(startingAt: 6, in: text) == nil)
}

@Test func aWordMayBeKeptFromReachingBeforeABound() {
    let generic = WordSet(["社区", "区"])
    let text = scalars("社区大")
    #expect(generic.longest(endingAt: 2, in: text) == 2)
    #expect(generic.longest(endingAt: 2, in: text, notBefore: 1) == 1)  // only 区 lies inside 区大
}

@Test func aScanSkipsToTheNextOffsetWhereAWordCanEndOrStart() {
    let titles = WordSet(["书记", "主任"])
    let text = scalars("他是社区党委书记")
    #expect(titles.nextPossibleLast(from: 0, in: text) == 7)  // 记
    #expect(titles.nextPossibleFirst(from: 0, in: text) == 6)  // 书
    #expect(titles.nextPossibleFirst(from: 7, in: text) == text.count)
}

@Test func wordsBeyondTheBasicPlaneAreFoundToo() {
    let names = WordSet(["𠀀村"])
    let text = scalars("到𠀀村去")
    #expect(names.nextPossibleFirst(from: 0, in: text) == 1)
    #expect(names.longest(startingAt: 1, in: text) == 2)
    #expect(names.longest(endingAt: 3, in: text) == 2)
}

@Test func aSpanIsAWordOnlyWhenItIsExactlyOne() {
    let appellations = WordSet(["阿姨", "大姐"])
    let text = scalars("王阿姨们")
    #expect(appellations.contains(1..<3, in: text))
    #expect(!appellations.contains(1..<4, in: text))
    #expect(!appellations.contains(0..<3, in: text))
}

@Test func scalarsBecomeTheSameStringWhateverTheirUTF8Width() {
    let text = "A·中𠀀村"  // one, two, three and four UTF-8 bytes
    #expect(Scalars.string(scalars(text)) == text)
    #expect(Scalars.string(scalars(text)[1..<4]) == "·中𠀀")
    #expect(Scalars.string(scalars("")) == "")
}

@Test func mentionsComeOutByStartTheLongestFirst() {
    let found = mentions("近日，衢州市柯城区府山街道党工委联合“暖心驿”党建品牌开展活动。")
    #expect(found.first?.text == "衢州市柯城区府山街道党工委")  // the organisation before the city it starts with
    for (a, b) in zip(found, found.dropFirst()) {
        #expect(
            a.range.lowerBound < b.range.lowerBound
                || (a.range.lowerBound == b.range.lowerBound && a.range.count >= b.range.count))
    }
}

@Test func aNameFoundOnceIsFoundAgainWhereTheTextRepeatsIt() {
    let programmes = mentions("社区打造“暖心驿”党建品牌。居民常去暖心驿坐坐。").filter { $0.kind == .programme }
    #expect(programmes.map(\.text) == ["暖心驿", "暖心驿"])
    #expect(programmes.last?.rule == .programmeQuotedTypeWord && programmes.last?.isRepeat == true)
    #expect(programmes.last?.ruleName == "repeat.programme.quoted+type-word")
}
