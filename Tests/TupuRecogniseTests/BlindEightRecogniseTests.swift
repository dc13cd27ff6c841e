import Testing
import TupuText

@testable import TupuRecognise

// Failure families found by the blind eighth development set (Benchmarks/extraction/dev8): medical
// communities, county groups and their subsidiaries, member lists of chambers and alliances,
// hospital departments. Places are real divisions of the gazetteer; every organisation, programme
// and person is invented.

@Test func aCountyMedicalCommunityIsAnAllianceNamedAfterItsLeadHospital() {
    let text = "仙居县康泰医院医共体召开大会，临海市第五医院医联体同步签约。"
    let found = mentions(text, .org)
    #expect(found.map(\.text).contains("仙居县康泰医院医共体"))
    #expect(found.map(\.text).contains("临海市第五医院医联体"))
    #expect(found.first { $0.text == "仙居县康泰医院医共体" }?.subkind == .org(.alliance))
}

@Test func aKindOfMedicalCommunityIsNoBody() {
    // 紧密型 says what kind of community is built, and 签订 is the verb before it.
    #expect(!mentions("两家医院签订紧密型医联体协议。", .org).map(\.text).contains { $0.hasSuffix("医联体") })
    #expect(!mentions("白塔镇卫生院与县人民医院组建紧密型医共体。", .org).map(\.text).contains { $0.hasSuffix("医共体") })
}

@Test func familyFarmsAndSupplyCooperativeFederationsAreOrganisations() {
    let found = mentions("天台县云雾家庭农场加入联盟，天台县供销合作社联合社负责销售。", .org).map(\.text)
    #expect(found.contains("天台县云雾家庭农场"))
    #expect(found.contains("天台县供销合作社联合社"))
    // 联合 before 社区 joins two parties: no 联合社.
    #expect(!mentions("街道党工委联合社区党委开展巡查。", .org).map(\.text).contains { $0.hasSuffix("联合社") })
}

@Test func departmentsListedBareInAHospitalArticleAreOrganisations() {
    let text = "天台县康宁医院新院区启用，设有急诊医学科、心内科、眼科等10个科室。其中，儿科、口腔科的医生全部到岗。"
    let found = mentions(text, .org).map(\.text)
    for department in ["急诊医学科", "心内科", "眼科", "儿科", "口腔科"] { #expect(found.contains(department)) }
    // Without a hospital, or alone, a word ending in 科 stays no body.
    #expect(mentions("学校开设语文科、数学科两门课程。", .org).isEmpty)
    #expect(!mentions("天台县康宁医院的重点学科建设加快。", .org).map(\.text).contains { $0.hasSuffix("学科") })
    // Specialties that describe the people after them are no bodies, nor is a verb before them part of a name.
    #expect(!mentions("天台县康宁医院每周选派内科、骨科专家下乡。", .org).map(\.text).contains { $0.hasSuffix("科") })
}

@Test func aLibrarysBranchIsAnOrganisation() {
    #expect(mentions("临海市图书馆东塍分馆新增为联盟成员单位。", .org).map(\.text).contains("临海市图书馆东塍分馆"))
}

@Test func aHospitalsBranchMayBeNamedByItsTownAlone() {
    let found = mentions("天台县康宁医院医共体覆盖平桥镇，下设平桥分院等分院。", .org).map(\.text)
    #expect(found.contains("平桥分院"))
    // Without a place, 分院 still wants a proper name of three characters.
    #expect(!mentions("专家同时指导分院的年轻医生。", .org).map(\.text).contains { $0.hasSuffix("分院") })
}

@Test func aYearAfterTheVerbIsNoCountOfTheBodies() {
    #expect(mentions("近日，仙居县康泰医院医共体召开2026年成员单位大会。", .org).map(\.text).contains("仙居县康泰医院医共体"))
    // A count after the verb still says how many of a kind (某市医院建起81家…).
    #expect(!mentions("台州医院建起81家健康驿站。", .org).map(\.text).contains("台州医院"))
}

@Test func villageGalasRehabilitationStationsConsultationsAndJointBuildingBrandsAreProgrammes() {
    let text = "白塔镇举行“溪岸红联”党建联建签约仪式。“上横街村晚”开唱，“云端会诊”覆盖各分院，“家门口康复站”启用。"
    let found = mentions(text, .programme).map(\.text)
    for name in ["溪岸红联", "上横街村晚", "云端会诊", "家门口康复站"] { #expect(found.contains(name)) }
}
