import Testing
import TupuGraph

@testable import TupuRelate

// False positives found by the per-rule precision audit over every scored set (rules.py --set):
// a place in another clause of the sentence, after a ；, taken for a programme's place. The
// articles are invented; the places are real divisions of the gazetteer, the bodies made up.

@Test func aLocativeAfterASemicolonIsAnotherClausesPlace() {
    let g = graph("洲泉镇商会发起的“暖冬助学”行动，两年来资助学生60名；洲泉镇乡贤联谊会创办的“乡贤夜谈”在夜明村开讲。")
    #expect(!placesOf("暖冬助学", g).contains("夜明村"))
    #expect(placesOf("乡贤夜谈", g) == ["夜明村"])
}

@Test func aPlaceBeforeASemicolonIsNotTheNextClausesProgrammes() {
    let g = graph("镇里将在马鸣村试点“邻里互助”项目；同时推动“护苗行动”向困境老人延伸。")
    #expect(!placesOf("护苗行动", g).contains("马鸣村"))
    #expect(placesOf("邻里互助", g) == ["马鸣村"])
}
