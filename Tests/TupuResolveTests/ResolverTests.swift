import Testing
import TupuGazetteer
import TupuRecognise
import TupuText

@testable import TupuResolve

let gazetteer = try! PlaceGazetteer.bundled()
let recogniser = Recogniser(places: gazetteer)
let resolver = Resolver(gazetteer: gazetteer)

func resolve(_ text: String) -> ResolvedDocument {
    let segmented = Segmenter.segment(text)
    return resolver.resolve(segmented, recogniser.recognise(segmented))
}

func entity(_ doc: ResolvedDocument, named name: String) -> ResolvedEntity? {
    doc.entities.first { $0.name == name && !$0.mentions.isEmpty }
}

@Test func aRepeatedStreetNameTakesTheDistrictWrittenBeforeIt() {
    // Five 城东街道 in Zhejiang; the one in 婺城区 is meant here.
    let doc = resolve("金华市婺城区城东街道为居民提供服务。")
    let street = entity(doc, named: "城东街道")
    #expect(street?.code.map { gazetteer.isWithin($0, "330702") } == true)
}

@Test func theSameStreetLaterInTheArticleIsTheSameEntity() {
    let doc = resolve("金华市婺城区城东街道开展活动。城东街道还组织志愿者。")
    let streets = doc.entities.filter { $0.name == "城东街道" }
    #expect(streets.count == 1)
    #expect(streets.first?.mentions.count == 2)
}

@Test func aShortFormIsAnAliasOfTheFullPlace() {
    let doc = resolve("在海宁创业的青年越来越多。")
    #expect(entity(doc, named: "海宁市")?.aliases.contains("海宁") == true)
}

@Test func aReferenceBecomesTheNamedPartyCommitteeOfItsStreet() {
    let doc = resolve("衢州市柯城区府山街道推行新做法。街道党工委负责人介绍了经验。")
    let org = entity(doc, named: "府山街道党工委")
    #expect(org?.kind == .org)
    #expect(org?.aliases.contains("街道党工委") == true)
}

@Test func theFullAndPlacelessFormsOfAnOrganisationAreOne() {
    let doc = resolve("湖州市南浔镇青山小学的学生们来到田间。青山小学校长赵敏表示满意。")
    let schools = doc.entities.filter { $0.kind == .org && !$0.mentions.isEmpty }
    #expect(schools.count == 1)
    #expect(schools.first?.name == "湖州市南浔镇青山小学")
    #expect(schools.first?.aliases.contains("青山小学") == true)
}

@Test func aShortProgrammeNameJoinsTheFullOne() {
    let doc = resolve("街道打造“阳光·邻里汇”品牌。擦亮“邻里汇”品牌。")
    let programme = entity(doc, named: "阳光·邻里汇")
    #expect(programme?.aliases.contains("邻里汇") == true)
    #expect(entity(doc, named: "邻里汇") == nil)
}

@Test func aReferenceTakesTheNearestStreetBeforeItAndTheFirstWhenNoneComesBefore() {
    let doc = resolve("衢州市柯城区府山街道推行新做法。柯城区信安街道也跟进了。街道党工委负责人介绍了经验。")
    #expect(entity(doc, named: "信安街道党工委")?.aliases.contains("街道党工委") == true)
    #expect(entity(doc, named: "府山街道党工委") == nil)
    let before = resolve("街道党工委牵头开展活动。衢州市柯城区荷花街道居民积极参与。")
    #expect(entity(before, named: "荷花街道党工委") != nil)
}

@Test func anAmbiguousStreetAfterThousandsOfPlacesWithoutPunctuationTakesItsNeighbours() {
    // One paragraph, no sentence ends: the context is the places near the street, found in time.
    let filler = String(repeating: "杭州市西湖区居民", count: 1500)
    let clock = ContinuousClock()
    let start = clock.now
    let doc = resolve(filler + "金华市婺城区城东街道为居民提供服务")
    #expect(entity(doc, named: "城东街道")?.code.map { gazetteer.isWithin($0, "330702") } == true)
    #expect(clock.now - start < .seconds(60))
}

@Test func entitiesCarryTheirLevelAndKindAsTypes() {
    let doc = resolve("海宁市许村镇星禾社区党委推出“暖邻加油站”服务项目，镇中心医院参与。")
    #expect(entity(doc, named: "海宁市")?.level == .county)
    #expect(entity(doc, named: "许村镇")?.level == .township)
    #expect(doc.entities.first { $0.kind == .programme }?.subkind == .programme(.service))
    #expect(doc.entities.first { $0.kind == .org && $0.name.hasSuffix("党委") }?.subkind == .org(.party))
}

/// The legal form is read off the bytes; a name shorter than four characters without it is no name.
@Test func aCompanyNameWithoutItsLegalForm() {
    func naive(_ name: String) -> String? {
        guard let form = Work.legalForms.first(where: { name.hasSuffix($0) }) else { return nil }
        let rest = String(name.unicodeScalars.dropLast(form.unicodeScalars.count))
        return rest.unicodeScalars.count >= 4 ? rest : nil
    }
    let names = [
        "青溪能源股份有限公司", "青溪能源有限责任公司", "青溪能源集团有限公司", "青溪股份有限公司", "青溪有限公司",
        "有限公司", "青溪能源集团", "青溪𠀀源有限公司"
    ]
    for name in names {
        #expect(Work.withoutLegalForm(name) == naive(name), "\(name)")
        #expect(Work.hasLegalForm(name) == (naive(name) != nil), "\(name)")
        for suffix in ["能源", "能源集团", "青溪能源", "公司", ""] {
            #expect(Work.endsWithoutLegalForm(name, in: suffix) == (naive(name)?.hasSuffix(suffix) == true), "\(name) \(suffix)")
        }
    }
    #expect(Work.withoutLegalForm("青溪能源股份有限公司") == "青溪能源")
}

@Test func aBureauNamedByItsShortTypeWordIsTheBodyNamedInFull() {
    let doc = resolve("平湖市卫生健康局召开会议。平湖市卫健局副局长王芳出席。")
    let bureaus = doc.entities.filter { $0.kind == .org && !$0.mentions.isEmpty }
    #expect(bureaus.map(\.name) == ["平湖市卫生健康局"])
    #expect(bureaus.first?.aliases.contains("平湖市卫健局") == true)
    // A back-reference by level takes the full form too.
    #expect(entity(resolve("嘉善县召开会议，县住建局作交流发言。"), named: "嘉善县住房和城乡建设局")?.aliases.contains("县住建局") == true)
}

@Test func theLeagueCommitteeOfTheCityIsNamedWithTheLeague() {
    let doc = resolve("平湖市召开暑期工作会。团市委将联合市总工会举办托管班。")
    #expect(entity(doc, named: "共青团平湖市委")?.aliases.contains("团市委") == true)
    #expect(entity(doc, named: "平湖市总工会")?.aliases.contains("市总工会") == true)
}

@Test func aCompanyNamedAgainWithoutPlaceAndLegalFormIsTheCompany() {
    let doc = resolve("湖州市吴兴区鼎元置业有限公司与八里店镇签订共建协议。鼎元置业将投资建设邻里中心，鼎元置业党支部与镇党委结对。")
    let company = entity(doc, named: "湖州市吴兴区鼎元置业有限公司")
    #expect(company?.aliases.contains("鼎元置业") == true)
    #expect(entity(doc, named: "鼎元置业") == nil)
}

@Test func aCompanysShortFormInsideAPhraseNamesNoCompany() {
    // 新能科技 of 某市新能科技有限公司 inside 推动新能科技发展 is part of a phrase.
    let doc = resolve("湖州市新能科技有限公司召开会议。会议提出推动新能科技发展。")
    #expect(entity(doc, named: "湖州市新能科技有限公司")?.aliases.contains("新能科技") == false)
}

@Test func aSocialWorkStationInShortIsTheStationNamedInFull() {
    let doc = resolve("德清县武康街道社会工作站举办培训。该社工站联合社区开展活动，武康街道社工站负责人李晓梅介绍了情况。")
    let station = entity(doc, named: "德清县武康街道社会工作站")
    #expect(station?.aliases.contains("该社工站") == true)
    #expect(station?.aliases.contains("武康街道社工站") == true)
    #expect(entity(doc, named: "武康街道社工站") == nil)
}

@Test func aTeamNamedAgainWithoutItsCountyIsTheTeam() {
    let doc = resolve("开化县飞鹰救援队在华埠镇开展演练。飞鹰救援队现有队员46名。")
    #expect(entity(doc, named: "开化县飞鹰救援队")?.aliases.contains("飞鹰救援队") == true)
}

@Test func aTeamNamedAgainWithoutTheQualifierBeforeItsTypeWordIsTheTeam() {
    let doc = resolve("瑞安市海燕应急救援队在陶山镇开展演练。服务队与海燕救援队签订合作协议。")
    #expect(entity(doc, named: "瑞安市海燕应急救援队")?.aliases.contains("海燕救援队") == true)
    #expect(entity(doc, named: "海燕救援队") == nil)
}
