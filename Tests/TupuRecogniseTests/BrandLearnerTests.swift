import Testing
import TupuGazetteer
import TupuText

@testable import TupuRecognise

/// Learning programme names from a corpus: what strong context proves, what never counts,
/// the short forms, and the second pass finding them elsewhere.
@Suite struct BrandLearnerTests {
    let learner = BrandLearner(places: gazetteer)

    func sightings(_ text: String, by learner: BrandLearner? = nil) -> [BrandSighting] {
        (learner ?? self.learner).sightings(in: Document(id: "a.txt", source: "a.txt", text: text))
    }

    func learned(_ text: String) -> [String] { sightings(text).map(\.name) }

    func learn(_ documents: [(String, String)]) -> [LearnedBrand] {
        learner.learn(documents.map { (doc: $0.0, sightings: sightings($0.1)) })
    }

    @Test func aQuoteFollowedByATypeWordIsLearnedWithItsKindAndEvidence() {
        let text = "近年来，城东社区党委打造“青禾暖邻”党建品牌，服务辖区居民。"
        let sightings = sightings(text)
        #expect(sightings.map(\.name) == ["青禾暖邻"])
        #expect(sightings.first?.kind == .brand)
        #expect(sightings.first?.rule == "learn.quoted+type-word")
        #expect(sightings.first?.offset == 13)
        #expect(sightings.first?.sentence == text)
    }

    @Test func projectsCampaignsDottedBrandsAndLaunchedNamesAreLearned() {
        #expect(learned("“溪语书香”项目由区图书馆推出。") == ["溪语书香"])
        #expect(learned("社区启动“银杏守望行动”，每周走访独居老人。") == ["银杏守望行动"])
        #expect(learned("居民常去“绿萝·星空驿”看书。") == ["绿萝·星空驿"])
        #expect(learned("由街道联合团委推出的“益起跑”吸引了不少青年。") == ["益起跑"])
        #expect(learned("“晨光伴读”由团区委联合图书馆推出，每周六开放。") == ["晨光伴读"])
    }

    @Test func aQuoteRightAfterALaunchVerbIsLearnedUnlessItIsAGoal() {
        #expect(learned("青田农商银行推出“侨乡贷”，帮助商户周转。") == ["侨乡贷"])
        #expect(learned("村党委在礼堂旁设立了“月下议事厅”。") == ["月下议事厅"])
        #expect(learned("全力打造“山海协作金名片”。").isEmpty)
        #expect(learned("奋力打造“共富新高地”。").isEmpty)
    }

    @Test func aQuoteBeforeAQualifiedBrandIsLearned() {
        #expect(learned("他和伙伴运营着“溪山云居”民宿品牌。") == ["溪山云居"])
    }

    @Test func anUnquotedBrandBetweenABuildingVerbAndBrandIsLearned() {
        #expect(learned("近年来，该村打造知音桥党建品牌，凝聚人心。") == ["知音桥"])
        // A generic qualifier alone is no name.
        #expect(learned("该村着力打造特色党建品牌。").isEmpty)
    }

    @Test func slogansAreNotLearned() {
        #expect(learned("社区喊出“邻里一家亲”的口号。").isEmpty)
        #expect(learned("“邻里一家亲”口号响彻小区。").isEmpty)
        #expect(learned("以“竹韵清风”为纽带开展活动。").isEmpty)
    }

    @Test func honoursAreNotLearned() {
        #expect(learned("该村被评为“五星达标村”。").isEmpty)
        #expect(learned("调解室获得“金牌调解室”称号。").isEmpty)
        #expect(learned("“红旗飘扬”示范点建设活动启动。").isEmpty)
        #expect(learned("当地推进“和美示范村”项目。").isEmpty)
        // A superlative names an award, and a list after the quote names its winners (dev4's list of awardees).
        #expect(learned("市文明办发布“最美志愿服务”典型名单。").isEmpty)
        #expect(learned("“十佳家庭医生”名单出炉。").isEmpty)
    }

    @Test func mechanismsAreNotLearned() {
        #expect(learned("社区建立“三色预警”机制。").isEmpty)
        #expect(learned("社区推行“积分兑换制度”项目。").isEmpty)
        #expect(learned("街道推行“一户一档”服务。").isEmpty)
        #expect(learned("学校开展“一月一个主题”活动。").isEmpty)
        #expect(learned("村里形成“红黄绿”长效机制。").isEmpty)
    }

    @Test func genericWordsAndPlacesInQuotesAreNotLearned() {
        #expect(learned("社区开展“志愿服务”活动。").isEmpty)
        #expect(learned("村里建起“红色驿站”。").isEmpty)
        #expect(learned("“桐乡市”品牌越来越响。").isEmpty)
    }

    @Test func theFirstSightingInInputOrderGivesTheEvidenceAndTheOrder() {
        let a = ("a.txt", "社区启动“银杏守望行动”。")
        let b = ("b.txt", "街道打造“青禾暖邻”党建品牌，推进“银杏守望行动”。")
        #expect(learn([a, b]).map(\.name) == ["银杏守望行动", "青禾暖邻"])
        #expect(learn([b, a]).map(\.name) == ["青禾暖邻", "银杏守望行动"])
        #expect(learn([b, a]).first { $0.name == "银杏守望行动" }?.doc == "b.txt")
        #expect(learn([a, b]).first { $0.name == "银杏守望行动" }?.doc == "a.txt")
    }

    @Test func shortFormsAreTheDottedPartsAndTheNameWithoutItsTypeWord() {
        let brands = learn([("a.txt", "居民常去“绿萝·星空驿”看书，也参加“银杏守望行动”和“乐跑行动”。")])
        #expect(brands.first { $0.name == "绿萝·星空驿" }?.aliases == ["星空驿"])  // 绿萝 is too short
        #expect(brands.first { $0.name == "银杏守望行动" }?.aliases == ["银杏守望"])
        // Without its type word the name would be too short to be safe.
        #expect(brands.first { $0.name == "乐跑行动" }?.aliases == [])
    }

    @Test func aNameLearnedOnItsOwnThatIsTheShortFormOfAnotherBecomesItsAlias() {
        let brands = learn([("a.txt", "居民常去“绿萝·星空驿”。"), ("b.txt", "“星空驿”服务品牌越来越响。")])
        #expect(brands.map(\.name) == ["绿萝·星空驿"])
        #expect(brands.first?.aliases == ["星空驿"])
    }

    @Test func aShortFormTwoNamesShareGoesToNeither() {
        let brands = learn([("a.txt", "“青禾·星空驿”和“竹韵·星空驿”同时开放。")])
        #expect(brands.map(\.name) == ["青禾·星空驿", "竹韵·星空驿"])
        #expect(brands.allSatisfy { $0.aliases.isEmpty })
    }

    @Test func namesABrandListAlreadyGivesOrRulesOutAreNotLearnedAgain() {
        let ruledOut = BrandEntry(name: "青禾暖邻", aliases: [], kind: "none", source: "manual", line: 3)
        let curated = BrandLearner(places: gazetteer, brands: [ruledOut])
        #expect(sightings("社区打造“青禾暖邻”党建品牌。", by: curated).isEmpty)
        // …and the brand stage never matches a rejected name.
        let recogniser = Recogniser(places: gazetteer, brands: [ruledOut])
        #expect(!recogniser.recognise(Segmenter.segment("青禾暖邻办得好。")).contains { $0.kind == .programme })
    }

    @Test func theSecondPassFindsLearnedNamesUnquotedFullOrShort() {
        let brands = learn([("a.txt", "社区打造“青禾暖邻”党建品牌，居民常去“绿萝·星空驿”。")])
        let recogniser = Recogniser(places: gazetteer).adding(brands: brands.map(\.entry))
        let found = recogniser.recognise(Segmenter.segment("居民都说青禾暖邻办得好，星空驿周末也开放。"))
            .filter { $0.kind == .programme }
        #expect(found.map(\.text) == ["青禾暖邻", "星空驿"])
        #expect(found.map(\.canonical) == [nil, "绿萝·星空驿"])
        #expect(found.allSatisfy { $0.rule == .programmeBrandGazetteer })
    }

    @Test func mentionsAreCountedByNameAndShortFormWithoutOverlaps() {
        let brands = learn([("a.txt", "居民常去“绿萝·星空驿”。")])
        let counts = BrandLearner.mentions(of: brands, in: Segmenter.segment("绿萝·星空驿开放了，星空驿有书。"))
        #expect(counts == [0: 2])
    }
}
