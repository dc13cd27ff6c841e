import Testing
import TupuGazetteer
import TupuText

@testable import TupuRecognise

/// The bundled gazetteer, loaded once for every test here.
let gazetteer = try! PlaceGazetteer.bundled()
let recogniser = Recogniser(places: gazetteer)

func mentions(_ text: String) -> [Mention] {
    recogniser.recognise(Segmenter.segment(text))
}

func names(_ text: String, _ kind: Mention.Kind) -> [String] {
    mentions(text).filter { $0.kind == kind }.map(\.text)
}

@Test func aChainOfDivisionsIsReadAsThreePlaces() {
    #expect(names("金华市婺城区城东街道为居民提供暖心服务。", .place) == ["金华市", "婺城区", "城东街道"])
}

@Test func aCountyShortFormCountsButNeverBeatsTheFullNameNextToIt() {
    let places = mentions("海宁硖石街道西山社区举办中秋联谊活动。").filter { $0.kind == .place }
    #expect(places.map(\.text) == ["海宁", "硖石街道", "西山社区"])
    #expect(places[0].rule == .placeShortForm)
    #expect(places[0].readings.contains { $0.code == "330481" })
}

@Test func aShortTownFormAloneIsAWordNotAPlace() {
    #expect(!names("加强基层组织建设，推动发展。", .place).contains("建设"))
    // Once the full name is written, the short form refers back to it.
    #expect(names("织里镇召开会议。织里将组织党员学习。", .place) == ["织里镇", "织里"])
}

@Test func aVillageNoListHoldsIsFoundAfterItsTownAndMarkedAsDiscovered() {
    let found = mentions("临安区太湖源镇云朵湾村开展活动。").first { $0.text == "云朵湾村" }
    #expect(found?.kind == .place)
    #expect(found?.discovered == true)
    #expect(found?.level == .village)
}

@Test func anOrganisationTakesThePlacesBeforeItsTypeWord() {
    let org = mentions("近日，衢州市柯城区府山街道党工委积极发挥作用。").first { $0.kind == .org }
    #expect(org?.text == "衢州市柯城区府山街道党工委")
    #expect(org?.subkind == .org(.party))
    #expect(org?.isReference == false)
}

@Test func theLeftEdgeOfANameStopsAtFunctionWords() {
    #expect(names("医护人员来自仁心口腔医院、德润康复中心。", .org) == ["仁心口腔医院", "德润康复中心"])
    #expect(names("他们与浙江工业大学合作。", .org) == ["浙江工业大学"])
}

@Test func aBareLevelAndTypeWordIsAReferenceNotAName() {
    let refs = mentions("为此，该街道党工委迅速行动。").filter { $0.kind == .org }
    #expect(refs.map(\.text) == ["该街道党工委"])
    #expect(refs.first?.isReference == true)
    // A clinic named only by its level names nothing.
    #expect(names("居民可以去街道卫生院检查。", .org).isEmpty)
}

@Test func aQuotedNameWithATypeWordIsAProgrammeAndASloganIsNot() {
    let text = "社区打造“暖心驿”党建品牌，打通服务的“最后一公里”，并被评为“文明示范户”。"
    let programmes = mentions(text).filter { $0.kind == .programme }
    #expect(programmes.map(\.text) == ["暖心驿"])
    #expect(programmes.first?.subkind == .programme(.brand))
}

@Test func quotesInARowShareTheTypeWordAfterTheLast() {
    #expect(names("推出“寻味之旅”“骑行乐”两条精品游线。", .programme) == ["寻味之旅", "骑行乐"])
}

@Test func aStrayClosingMarkExtendsTheQuoteBeforeIt() {
    #expect(names("景区的“金”钥匙”党建品牌深入人心。", .programme) == ["金钥匙"])
}

@Test func aPersonIsANameAfterATitleAndTheBylineIsNotRead() {
    let text = "社区服务暖人心\n\n王 伟 李晓红\n\n“我们会继续努力。”社区党委书记张丽华介绍道。\n"
    let people = mentions(text).filter { $0.kind == .person }
    #expect(people.map(\.text) == ["张丽华"])
    #expect(people.first?.title == "党委书记")
}

@Test func theNameEndsWhereTheNextWordBegins() {
    #expect(names("公司副总经理刘洋一同被认定为人才。", .person) == ["刘洋"])
    #expect(names("村里的职业经理人张跃飞激动地说。", .person) == ["张跃飞"])
}

@Test func aCountBeforeATypeWordIsNotPartOfTheName() {
    #expect(names("活动吸引了14支表演队伍和两支志愿服务队参加。", .org).isEmpty)
}

@Test func wordsForKindsOfVillageAreNotPlaces() {
    let places = names("推进城中村改造，做好自然村和中心村的环境整治。", .place)
    #expect(!places.contains("城中村"))
    #expect(!places.contains("自然村"))
    #expect(!places.contains("中心村"))
}

@Test func aCompoundOrParkIsAPlaceOnlyWithStrongContext() {
    // After a locative verb, or inside a named place, a compound or a park is an area.
    #expect(names("居民们常在滨湖公园散步。", .place).contains("滨湖公园"))
    #expect(mentions("志愿者走进金桂花园开展义诊。").contains { $0.text == "金桂花园" && $0.level == .area })
    // Alone, a word ending in 花园 or 广场 is not a place (屋顶花园 is a roof garden).
    #expect(!names("小区建起屋顶花园供居民休憩。", .place).contains("屋顶花园"))
}

@Test func aNaturalVillageIsNamedBefore自然村OrListedUnderItsVillage() {
    let found = mentions("下辖青石浜、桃花坞等3个自然村，其中柿子岙自然村最大。").filter { $0.rule == .placeNaturalVillage }
    #expect(found.map(\.text) == ["青石浜", "桃花坞", "柿子岙"])
    #expect(found.allSatisfy { $0.level == .area && $0.discovered })
    // Without 自然村 or a village, a list of such words is no list of places.
    #expect(mentions("他喜欢小桥、流水和人家。").allSatisfy { $0.rule != .placeNaturalVillage })
}
