import Foundation
import Testing

@testable import TupuText

/// Sentences of a text as (kind, text) pairs.
func sentences(_ segmented: SegmentedText) -> [(SentenceKind, String)] {
    segmented.sentences.map { ($0.kind, segmented.sentenceText($0)) }
}

@Suite struct SegmenterTests {
    static let twoArticles = """


        长者食堂开进老小区 青禾社区暖心服务

        王 敏 李小青

        “这个食堂真是太方便了！”居民老陈说。青禾社区今年新建长者食堂，每天供应午餐。

        据了解，食堂由街道和爱心企业共同出资；社区负责日常管理。

        # 明湖村打造手工工坊

        赵一帆

        近日，明湖村手工工坊正式开工。你来过吗？
        """

    @Test func articlesStartAtHeadlinesFollowedByBylines() {
        let segmented = Segmenter.segment(Self.twoArticles)
        let view = segmented.view
        #expect(segmented.articles.count == 2)
        #expect(segmented.articles.map { $0.headline.map(view.string) } == ["长者食堂开进老小区 青禾社区暖心服务", "明湖村打造手工工坊"])
        #expect(segmented.articles.map { $0.byline.map(view.string) } == ["王 敏 李小青", "赵一帆"])
        #expect(segmented.sentences.filter { $0.kind == .headline }.map(\.article) == [0, 1])
    }

    @Test func sentencesEndAtFinalPunctuationAndAfterAClosingQuoteButNotAtSemicolons() {
        let segmented = Segmenter.segment(Self.twoArticles)
        let body = sentences(segmented).filter { $0.0 == .body }.map(\.1)
        // Sentences are the text as read (full-width punctuation kept), whatever the view folds.
        #expect(
            body == [
                "“这个食堂真是太方便了！”",
                "居民老陈说。",
                "青禾社区今年新建长者食堂，每天供应午餐。",
                "据了解，食堂由街道和爱心企业共同出资；社区负责日常管理。",
                "近日，明湖村手工工坊正式开工。",
                "你来过吗？"
            ])
    }

    @Test func aTitleAndSubtitleBeforeTheBylineAreBothHeadline() {
        let text = "共建美好家园\n\n青禾街道多措并举提升居民幸福感\n\n周 岚\n\n青禾街道近年来持续推进老旧小区改造。\n"
        let segmented = Segmenter.segment(text)
        #expect(segmented.articles.count == 1)
        #expect(segmented.articles[0].headline.map(segmented.view.string) == "共建美好家园\n\n青禾街道多措并举提升居民幸福感")
        #expect(sentences(segmented).map(\.0) == [.headline, .headline, .byline, .body])
    }

    @Test func aReporterCreditInBracketsClosesAnArticleAndTheNextShortLineIsAHeadline() {
        let text = "青禾村道路修好了。(林小溪)\n\n一片茶叶富乡亲\n\n近年来,明湖镇积极发展茶产业,带动村民增收。\n"
        let segmented = Segmenter.segment(text)
        #expect(segmented.articles.count == 2)
        #expect(sentences(segmented).map(\.0) == [.body, .byline, .headline, .body])
        #expect(sentences(segmented)[1].1 == "(林小溪)")
        #expect(segmented.articles[1].headline.map(segmented.view.string) == "一片茶叶富乡亲")
    }

    @Test func aNumberedSectionHeadingIsNotJoinedToItsFirstParagraph() {
        let text = "青禾街道全年新建服务站4个。\n\n三、下一步打算\n\n街道社会事务办将联合区民政局开展试点。\n\n（二）存在问题\n\n专业社工不足。\n"
        let segmented = Segmenter.segment(text)
        #expect(
            sentences(segmented).map(\.1) == [
                "青禾街道全年新建服务站4个。", "三、下一步打算", "街道社会事务办将联合区民政局开展试点。", "（二）存在问题", "专业社工不足。"
            ])
    }

    @Test func aTablesRowsAreNotJoinedAsABrokenParagraph() {
        let text = "序号  项目名称  牵头单位\n1  “青禾食堂”扩面  青禾街道办\n2\t“明湖书房”建设\t明湖村委会\n"
        let view = Segmenter.segment(text).view
        // Cells set apart by two spaces or a tab: each row keeps its line break.
        #expect(view.scalars.filter { $0 == "\n" }.count == 3)
    }

    @Test func aWordBrokenByTheLayoutIsJoinedInTheView() {
        let text = "近年来,青禾街道发挥“党\n\n建+”作用,依托养老驿站推进五水共\n\n治工作。\n"
        let segmented = Segmenter.segment(text)
        #expect(sentences(segmented).map(\.1) == ["近年来,青禾街道发挥“党建+”作用,依托养老驿站推进五水共治工作。"])
        let view = segmented.view.scalars
        let party = view.firstIndex(of: "党")!
        let original = Array(text.unicodeScalars)
        // View offsets map back to code points of the original text, across the dropped breaks.
        #expect(original[segmented.view.originalOffset(party)] == "党")
        #expect(original[segmented.view.originalOffset(party + 1)] == "建")
        #expect(segmented.view.originalOffset(party + 1) == segmented.view.originalOffset(party) + 3)
        #expect(segmented.originalRange(party..<(party + 2)) == segmented.view.originalOffset(party)..<(segmented.view.originalOffset(party) + 4))
        #expect(segmented.view.originalOffset(view.count) == original.count)
    }

    @Test func aShortLineThatStopsMidWordIsJoinedWhenNothingMarksItAsAHeadline() {
        let text = "工作人员每天汇总数据。\n\n系统将对收集的信息进行汇总分\n\n析,为街道处置提供依据。\n"
        let segmented = Segmenter.segment(text)
        #expect(segmented.articles.count == 1)
        #expect(sentences(segmented).map(\.1) == ["工作人员每天汇总数据。", "系统将对收集的信息进行汇总分析,为街道处置提供依据。"])
    }

    @Test func shortBareLinesOneUnderAnotherAreABlockNotABrokenParagraph() {
        // A notice's signers: each body on its own line, none of them a word the layout broke.
        let text = "特此通知。\n\n中共青禾县委组织部\n明湖县住房和城乡建设局\n明湖县民政局\n2026年4月2日\n"
        let segmented = Segmenter.segment(text)
        let texts = sentences(segmented).map(\.1)
        #expect(texts.contains("明湖县住房和城乡建设局"))
        #expect(!texts.contains { $0.contains("组织部明湖县") })
    }

    @Test func aShortLineBeforeAQuotationIsAHeadlineNotABrokenWord() {
        let text = "服务居民很用心。\n\n托育共享乐邻里\n\n“阿姨,我想学画画。”孩子说。\n"
        let segmented = Segmenter.segment(text)
        #expect(sentences(segmented).map(\.0) == [.body, .headline, .body, .body])
        #expect(segmented.articles.count == 2)
    }

    @Test func aShortLineAfterAnArticleCutOffMidSentenceStartsTheNextArticle() {
        let text = "居民们纷纷点赞,社区将继续完善服务设施,让更多群众在家门口享受到便捷贴心的服务,青禾街道党\n\n球场上跑出健康新活力\n\n近日,明湖乡白石村全新的篮球场正式投入使用。\n"
        let segmented = Segmenter.segment(text)
        #expect(sentences(segmented).map(\.0) == [.body, .headline, .body])
        #expect(segmented.articles.count == 2)
    }

    @Test func aHeadlineMayEndWithAnExclamationWhenABylineFollows() {
        let text = "服务居民很用心。(林小溪)\n\n家门口的长者食堂开张啦!\n\n王 敏\n\n近日,青禾社区长者食堂开张。\n\n太好了!\n\n居民们说。\n"
        let segmented = Segmenter.segment(text)
        #expect(sentences(segmented).map(\.0) == [.body, .byline, .headline, .byline, .body, .body, .body])
        #expect(segmented.articles.count == 2)
    }

    @Test func aMiddleDotAloneIsNotAName() {
        let segmented = Segmenter.segment("社会公益\n\n· 公益广告 ·\n")
        #expect(!segmented.sentences.contains { $0.kind == .byline })
    }

    @Test func photoCaptionsAreCaptionsAndAreNotJoined() {
        let text = "志愿者为老人理发。\n\n\n\n志愿者合影。（图片由青禾社区提供）\n\n丁一/文 王二/摄\n\n下一步,社区将继续开展服务。\n"
        let segmented = Segmenter.segment(text)
        #expect(sentences(segmented).map(\.0) == [.body, .caption, .caption, .caption, .body])
        #expect(sentences(segmented)[2].1 == "（图片由青禾社区提供）")
    }

    @Test func theViewFoldsCharactersOneToOneAndKeepsChineseQuotes() {
        let text = "ＡＢＣ１２３，青禾・明湖\u{3000}“社区”「服务」‘好’。"
        let segmented = Segmenter.segment(text)
        #expect(segmented.view.string(0..<segmented.view.scalars.count) == "ABC123,青禾·明湖 “社区”「服务」‘好’。")
        #expect(segmented.view.scalars.count == text.unicodeScalars.count)
        #expect(segmented.view.originalOffset(5) == 5)
    }

    @Test func offsetsCountCodePointsNotCharacters() {
        // 👨‍👩‍👧 is one Character but five code points; "e\u{301}" is one Character, two code points.
        let text = "👨‍👩‍👧e\u{301}青禾社区。"
        let segmented = Segmenter.segment(text)
        let sentence = segmented.sentences[0]
        let start = segmented.view.scalars.firstIndex(of: "青")!
        #expect(start == 7)
        #expect(segmented.view.originalOffset(start) == 7)
        #expect(segmented.originalRange(sentence.range) == 0..<12)
    }

    @Test func textWithoutHeadlinesIsOneArticle() {
        let segmented = Segmenter.segment("青禾社区开展活动。居民踊跃参加。")
        #expect(segmented.articles.count == 1)
        #expect(segmented.articles[0].headline == nil)
        #expect(segmented.sentences.count == 2)
        #expect(Segmenter.segment("").sentences.isEmpty)
    }

    @Test func paragraphsAreNumberedThroughTheDocumentAfterJoins() {
        let text = "标题在这里 很短\n\n李 华\n\n第一段写到一半没有结束，继续写下\n\n去。第二句。\n\n第三段。\n"
        let segmented = Segmenter.segment(text)
        #expect(segmented.sentences.map(\.paragraph) == [0, 1, 2, 2, 3])
    }

    @Test func aParagraphWithoutSentencePunctuationIsCutIntoBoundedSentences() {
        // 3,000 scalars and no 。！？: cut after the last comma in each piece's second half,
        // else at the longest length allowed; nothing is lost or repeated.
        let clause = "青禾社区联合明湖村开展志愿服务活动，"
        let text = String(repeating: clause, count: 100) + String(repeating: "远山手工坊", count: 300)
        let segmented = Segmenter.segment(text)
        let limit = Segmenter.maximumSentenceLength
        #expect(segmented.sentences.allSatisfy { $0.range.count <= limit })
        // Sentences are the text as read: the full-width comma stays.
        #expect(segmented.sentences.map { segmented.sentenceText($0) }.joined() == text)
        let first = segmented.sentenceText(segmented.sentences[0])
        #expect(first.unicodeScalars.last == "，")
        #expect(first.unicodeScalars.count > limit - clause.unicodeScalars.count)
        // The tail without commas is cut at the limit.
        #expect(segmented.sentences.dropFirst().contains { $0.range.count == limit })
    }
}

/// Sentences written as UTF-8 into one shared buffer are the sentences' strings (the naive version).
@Suite struct SentenceBytesTests {
    @Test func everySentencesBytesInASharedBufferAreItsText() {
        // A body line the layout broke (“…继续写下” / “去。”), full-width punctuation, a Traditional
        // character, a scalar beyond the BMP and a combining mark.
        let text = "标题在这里 很短\n\n李 华\n\n青禾社区（东区）开展“邻里节”，继续写下\n\n去。縣里𠀀e\u{301}来了！\n\n第三段：完。\n"
        let segmented = Segmenter.segment(text)
        #expect(segmented.sentences.count > 3)
        // Every sentence, and a few again in another order: each its own range of the buffer.
        let order = Array(segmented.sentences.indices) + [2, 0]
        let (bytes, ranges) = segmented.sentencesUTF8(order)
        #expect(ranges.count == order.count)
        for (n, range) in zip(order, ranges) {
            #expect(Array(bytes[range]) == Array(segmented.sentenceText(segmented.sentences[n]).utf8))
        }
        // The joined sentence leaves out the break, as its text does.
        #expect(segmented.sentences.contains { segmented.sentenceText($0) == "青禾社区（东区）开展“邻里节”，继续写下去。" })
    }

    @Test func aRangeAcrossJoinedParagraphsReadsEachPieceOnce() throws {
        let segmented = Segmenter.segment("标题在这里 很短\n\n李 华\n\n一二三四，五六\n\n七八。\n")
        let joined = try #require(segmented.sentences.last).range
        let start = joined.lowerBound
        let (bytes, ranges) = segmented.view.originalUTF8(of: [joined, (start + 5)..<(start + 8), (start + 2)..<(start + 6), start..<start])
        #expect(String(decoding: bytes, as: UTF8.self) == "一二三四，五六七八。五六七三四，五")
        #expect(ranges == [0..<30, 30..<39, 39..<51, 51..<51])
        #expect(segmented.view.originalString(joined) == "一二三四，五六七八。")
    }
}
