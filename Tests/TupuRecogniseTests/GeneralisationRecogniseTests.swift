import Testing
import TupuText

@testable import TupuRecognise

// Failure families found by the blind second development set (Benchmarks/extraction/dev2): how
// county news names social-work centres, courts' and justice bureaus' local offices, member
// companies, quoted workshops and mediation rooms, and counts of people. Places are real divisions
// of the gazetteer; every organisation, programme and person is invented.

func mentions(_ text: String, _ kind: Mention.Kind) -> [Mention] {
    recogniser.recognise(Segmenter.segment(text)).filter { $0.kind == kind }
}

@Test func aCentreAfterAPlaceNeedsOnlyATwoCharacterName() {
    let found = mentions("遂昌县青禾社会工作服务中心与龙泉市康宁居家养老服务中心签订合作协议。", .org).map(\.text)
    #expect(found.contains("遂昌县青禾社会工作服务中心"))
    #expect(found.contains("龙泉市康宁居家养老服务中心"))
}

@Test func aCentreWithoutAPlaceStillNeedsALongerName() {
    // No place vouches for it: two characters before 服务中心 are a phrase, not a name.
    #expect(mentions("老人们来到康宁服务中心吃饭。", .org).isEmpty)
}

@Test func aJusticeOfficeAndAQuotedVolunteerGroupAreOrganisations() {
    let found = mentions("龙泉市司法局安仁司法所和“银发匠心”志愿服务团一起走进安仁镇。", .org).map(\.text)
    #expect(found.contains("龙泉市司法局安仁司法所"))
    #expect(found.contains("银发匠心志愿服务团"))
}

@Test func aListLabelIsNotPartOfTheCompanyAfterIt() {
    let found = mentions("商会会员企业浙江青石阀门有限公司将与村里结对。", .org).map(\.text)
    #expect(found == ["浙江青石阀门有限公司"])
}

@Test func aCountOfPeopleIsNoPerson() {
    #expect(mentions("活动当天，50余名村民和十余位老人参加。", .person).isEmpty)
}

@Test func aCountyHeadIsATitleBeforeAName() {
    #expect(mentions("遂昌县副县长叶志明介绍了情况。", .person).map(\.text) == ["叶志明"])
}

@Test func aNameDoesNotRunIntoEveryWeek() {
    #expect(mentions("社工陈思远每周三上门。", .person).map(\.text) == ["陈思远"])
}

@Test func quotedWorkshopsMediationRoomsAndMeetingHallsAreProgrammes() {
    let found = mentions("村里建成“石榴籽”调解室，还开出“竹语工坊”和“石门议事厅”。", .programme).map(\.text)
    #expect(found.contains("石榴籽"))
    #expect(found.contains("竹语工坊"))
    #expect(found.contains("石门议事厅"))
}
