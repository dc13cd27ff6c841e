import Foundation
import Testing

@testable import Datalog

/// A road network as a component: each instance has its own roads and reachability.
let roadNetwork = """
    .comp 路网 {
        .decl 道路(甲: symbol, 乙: symbol)
        .decl 可达(甲: symbol, 乙: symbol)
        可达(x, y) :- 道路(x, y).
        可达(x, z) :- 可达(x, y), 道路(y, z).
    }

    """

@Test func eachInstanceOfAComponentHasItsOwnRelations() throws {
    let result = try answers(
        roadNetwork + """
            .init 公路 = 路网
            .init 铁路 = 路网
            公路.道路("杭州", "湖州"). 公路.道路("湖州", "长兴").
            铁路.道路("杭州", "宁波").
            ?- 公路.可达("杭州", x).
            ?- 铁路.可达("杭州", x).
            """)
    #expect(result == [["湖州", "长兴"], ["宁波"]])
}

@Test func anInstancesOutputIsWrittenUnderItsQualifiedName() throws {
    var options = RunOptions()
    options.outputDirectory = "set below"
    let (_, folder) = try runInFolder(
        """
        .comp 名录 {
            .decl 单位(名: symbol)
            .output 单位
            单位("西湖茶社").
        }
        .init 杭州 = 名录
        """, options: options)
    #expect(try String(contentsOfFile: folder + "/out/杭州.单位.csv", encoding: .utf8) == "西湖茶社\n")
}

@Test func aDerivedComponentAddsRulesToThoseOfItsBase() throws {
    let result = try answers(
        roadNetwork + """
            .comp 双向路网 : 路网 {
                道路(y, x) :- 道路(x, y).
            }
            .init 单向 = 路网
            .init 双向 = 双向路网
            单向.道路("嘉兴", "海宁"). 双向.道路("嘉兴", "海宁").
            ?- 单向.可达("海宁", x).
            ?- 双向.可达("海宁", x).
            """)
    #expect(result == [[], ["嘉兴", "海宁"]])
}

@Test func typeParametersGiveEachInstanceItsColumnTypes() throws {
    let program = """
        .comp 清单<T> {
            .decl 项(x: T)
        }
        .comp 有序清单<T> : 清单<T> {
            .decl 首项(x: T)
            首项(x) :- x = min y : { 项(y) }.
        }
        .type 编号 <: number
        .init 数 = 有序清单<编号>
        .init 名 = 清单<symbol>
        数.项(7). 数.项(3). 名.项("绍兴").
        ?- 数.首项(x).
        ?- 名.项(x).
        """
    #expect(try answers(program) == [["3"], ["绍兴"]])
    let wrongType = failure(program + "\n数.项(\"三\").")
    #expect(wrongType?.message.contains("number") == true)
    #expect(wrongType?.line == 14)
}

@Test func overridingDropsTheBaseRulesOfARelationOnly() throws {
    let result = try answers(
        """
        .comp 默认 {
            .decl 税率(x: number) overridable
            .decl 币种(x: symbol)
            税率(13).
            币种("人民币").
        }
        .comp 优惠 : 默认 {
            .override 税率
            税率(9).
        }
        .comp 追加 : 默认 {
            税率(6).
        }
        .init 甲 = 优惠
        .init 乙 = 追加
        ?- 甲.税率(x).
        ?- 甲.币种(x).
        ?- 乙.税率(x).
        """)
    #expect(result == [["9"], ["人民币"], ["6", "13"]])
}

@Test func rulesForRelationsAnInstanceDoesNotDeclareReachTheEnclosingOnes() throws {
    let result = try answers(
        """
        .decl 全市(名: symbol)
        .comp 区 {
            .decl 街道(名: symbol)
            .comp 登记 {
                街道("文一路").
                全市(x) :- 街道(x).
            }
            .init 登记处 = 登记
        }
        .init 西湖区 = 区
        ?- 西湖区.街道(x).
        ?- 全市(x).
        """)
    #expect(result == [["文一路"], ["文一路"]])
}

@Test func aTypeParameterCanNameTheComponentToInstantiate() throws {
    let result = try answers(
        """
        .decl 方案(名: symbol)
        .comp 选择<做法> {
            .comp 步行 { 方案("步行"). }
            .comp 骑行 { 方案("骑行"). }
            .init 选中 = 做法
        }
        .init 周末 = 选择<骑行>
        ?- 方案(x).
        """)
    #expect(result == [["骑行"]])
}

@Test func nestedInstancesAreNamedThroughTheirEnclosingInstance() throws {
    let result = try answers(
        roadNetwork + """
            .comp 城市 {
                .init 地铁 = 路网
                .decl 通勤(甲: symbol, 乙: symbol)
                通勤(x, y) :- 地铁.可达(x, y).
            }
            .init 宁波市 = 城市
            宁波市.地铁.道路("鼓楼", "东门口"). 宁波市.地铁.道路("东门口", "江厦桥").
            ?- 宁波市.通勤("鼓楼", x).
            """)
    #expect(result == [["东门口", "江厦桥"]])
}

@Test func componentMistakesAreReportedWhereTheyAreWritten() throws {
    let unknown = failure(roadNetwork + ".init 公路 = 路纲")
    #expect(unknown?.message == "unknown component '路纲'")
    #expect(unknown?.hint == "did you mean '路网'?")
    #expect(unknown?.line == 7)

    let arity = failure(".comp 表<T> { .decl 项(x: T) }\n.init 数 = 表")
    #expect(arity?.message == "component '表' takes 1 type parameters, got 0")
    #expect(arity?.line == 2)

    let itself = failure(".comp 套娃 { .init 里层 = 套娃 }\n.init 外层 = 套娃")
    #expect(itself?.message.contains("nested more than") == true)

    let twice = failure(roadNetwork + ".init 公路 = 路网\n.init 公路 = 路网")
    #expect(twice?.message.hasPrefix("instance '公路' is declared twice") == true)
    #expect(twice?.line == 8)

    #expect(failure(".override 税率")?.message == "'.override' outside a component")
    let unknownType = failure(".comp 表 { .decl 项(x: 货币) }\n.init 账 = 表")
    #expect(unknownType?.message == "unknown type '货币'")
    #expect(unknownType?.line == 1)
    #expect(failure(".comp 表 { .decl 项(x: number)")?.message == "component '表' is not closed")
}

@Test func aComponentThatIsNeverInstantiatedAddsNothing() throws {
    let program = try Program.parse(roadNetwork + "道路(\"杭州\", \"湖州\").")
    #expect(program.ruleCount == 1)
}
