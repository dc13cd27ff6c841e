import Testing

@testable import TupuText

/// A few pairs of OpenCC's table, enough for the sentences below.
let simplifier = Simplifier(pairs: [
    ("縣", "县"), ("鎮", "镇"), ("華", "华"), ("開", "开"), ("推", "推"), ("項", "项"),
    ("為", "为"), ("務", "务"), ("區", "区"), ("於", "于")
])

@Test func aTraditionalTextIsReadThroughSimplifiedCharactersWithItsOffsets() {
    let text = "開化縣華埠鎮推出服務項目，為轄區居民服務。"
    let segmented = Segmenter.segment(text, simplifying: simplifier)
    #expect(segmented.view.isSimplified)
    #expect(segmented.view.string(0..<6) == "开化县华埠镇")
    // One scalar for one: view offsets are the text's offsets.
    #expect(segmented.originalRange(0..<3) == 0..<3)
    #expect(segmented.view.originalString(0..<6) == "開化縣華埠鎮")
    #expect(segmented.sentenceText(segmented.sentences[0]) == text)
}

@Test func aSimplifiedTextIsLeftAsItIs() {
    // 於 is also a Simplified character: no reason to switch.
    let segmented = Segmenter.segment("开化县华埠镇推出服务项目，位於江边。", simplifying: simplifier)
    #expect(!segmented.view.isSimplified)
    #expect(segmented.view.string(13..<15) == "位於")
}

@Test func sentencesAreTheTextAsReadEvenWhereTheViewFolds() {
    let text = "近日，某某社区推出“ＡＢ驿站”：全天开放。"
    let segmented = Segmenter.segment(text)
    #expect(segmented.view.string(0..<3) == "近日,")
    #expect(segmented.sentenceText(segmented.sentences[0]) == text)
}

@Test func aSentenceJoinedAcrossALayoutBreakLeavesTheBreakOut() {
    let segmented = Segmenter.segment("标题\n\n近日，松阳县总工会推出“职工关爱卡”项目，方便职\n\n工办事。")
    #expect(segmented.sentences.map(segmented.sentenceText).contains("近日，松阳县总工会推出“职工关爱卡”项目，方便职工办事。"))
}
