import Testing
import TupuGraph

@testable import TupuRelate

// Members admitted as a list (联盟吸纳A、B等12家会员单位, 商会吸收A、B为理事单位) and a school's
// departments listed bare after a verb of having (学院设有A系、B系等5个系). The articles are invented;
// the places are real divisions of the gazetteer, the rest made up.

@Test func companiesAnAllianceAdmitsAsMembersAreItsMembers() {
    let g = graph("临安区青山数字产业联盟正式成立。联盟吸纳临安云栖科技有限公司、临安远帆网络有限公司等12家会员单位。")
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "临安云栖科技有限公司", "临安区青山数字产业联盟"]))
    #expect(members.contains(["member_of", "临安远帆网络有限公司", "临安区青山数字产业联盟"]))
}

@Test func companiesAChamberTakesInAsCouncilUnitsAreItsMembers() {
    let g = graph("桐庐县新兴商会召开换届大会。商会吸收桐庐春江建材有限公司、桐庐富溪食品有限公司为理事单位。")
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "桐庐春江建材有限公司", "桐庐县新兴商会"]))
    #expect(members.contains(["member_of", "桐庐富溪食品有限公司", "桐庐县新兴商会"]))
}

@Test func departmentsListedBareAfterACollegeAreItsMembers() {
    let g = graph("桐乡市东栅职业技术学院设有酒店管理系、建筑工程系、机电工程系等5个系，在校生4000余人。")
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "酒店管理系", "桐乡市东栅职业技术学院"]))
    #expect(members.contains(["member_of", "建筑工程系", "桐乡市东栅职业技术学院"]))
    #expect(members.contains(["member_of", "机电工程系", "桐乡市东栅职业技术学院"]))
}

@Test func aSingleWordEndingInXiAfterAVerbOfHavingIsNoDepartment() {
    // 设有联系点: one item, and no department list.
    let g = graph("桐乡市东栅职业技术学院在社区设有联系点，方便居民咨询。")
    #expect(!g.entities.contains { $0.type == .org && $0.name.hasSuffix("系") })
}

@Test func companiesAnAllianceAdmitsInItsFirstIntakeAreItsMembers() {
    // 首批|吸纳|临安…: the verb before a place-named company is no short brand of its name.
    let g = graph("临安区青山数字产业联盟正式成立。联盟首批吸纳临安云栖科技有限公司、临安远帆网络有限公司等12家会员单位。")
    let members = triples(g, .memberOf)
    #expect(members.contains(["member_of", "临安云栖科技有限公司", "临安区青山数字产业联盟"]))
    #expect(members.contains(["member_of", "临安远帆网络有限公司", "临安区青山数字产业联盟"]))
}
