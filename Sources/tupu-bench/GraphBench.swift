import Foundation
import TupuGazetteer
import TupuGraph
import TupuKit
import TupuText

/// `tupu-bench graph -o FILE`: a large graph file made up with a fixed seed, byte for byte the
/// same on every run, for timing how fast graphs load. Places are the gazetteer's divisions
/// (ids `place:CODE`, `part_of` their parents); organisations, programmes and people are
/// invented from a place's name, a few common characters and a type word, with ids
/// `org:NAME@CODE` like a build's; most edges have a piece or two of evidence: a sentence
/// naming both ends, a document, a span, a rule and a confidence.
enum GraphBench {
    static func run(_ arguments: [String]) -> Int32 {
        var options = Options(arguments)
        let entityTarget = Int(options.value("--entities") ?? "988667") ?? 988_667
        let edgeTarget = Int(options.value("--edges") ?? "1110000") ?? 1_110_000
        let randomSeed = UInt64(options.value("--seed") ?? "20261207") ?? 20_261_207
        guard let output = options.value("-o") else { return CorpusBench.usage("graph: -o FILE is required") }
        guard options.rest.isEmpty else { return CorpusBench.usage("graph: unexpected \(options.rest.joined(separator: " "))") }
        let gazetteer: PlaceGazetteer
        do { gazetteer = try PlaceGazetteer.bundled() } catch { return CorpusBench.failure("graph: \(error)") }
        var maker = Maker(seed: randomSeed, places: gazetteer.places.filter { !$0.isOutsideZhejiang })
        let graph = maker.graph(entities: entityTarget, edges: edgeTarget)
        do {
            try GraphFile.save(graph, to: output, header: ["generator": "tupu-bench graph --seed \(randomSeed)"])
        } catch {
            return CorpusBench.failure("graph: cannot write \(output): \(error)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        print("graph: \(graph.entities.count) entities, \(graph.edges.count) edges, \(CorpusBench.format(Double(size) / 1_000_000)) MB in \(output)")
        return 0
    }

    struct Maker {
        var random: SplitMix64
        let places: [Place]
        /// Positions in `graph.entities` by type, to draw the ends of edges from.
        var placeEntities: [Int] = [], orgEntities: [Int] = [], programmeEntities: [Int] = [], personEntities: [Int] = []
        var documents: [String] = []

        init(seed: UInt64, places: [Place]) {
            random = SplitMix64(seed: seed)
            self.places = places
        }

        mutating func number(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        mutating func pick<T>(_ items: [T]) -> T { items[number(items.count)] }

        /// `count` characters from the common ones below: invented words, not anyone's name.
        mutating func word(_ count: Int) -> String {
            var text = ""
            for _ in 0..<count { text.unicodeScalars.append(Maker.common[number(Maker.common.count)]) }
            return text
        }

        static let common = Array(
            "新华光明东南西北中和平安康乐富强兴盛长江山水天星月阳春秋青松林桥溪湖海丰泰恒信诚德仁义礼智美佳优合众联创远航宏达通"
                .unicodeScalars)
        static let orgKinds: [(word: String, kind: String)] = [
            ("科技有限公司", "company"), ("农业专业合作社", "cooperative"), ("股份经济合作社", "cooperative"),
            ("社区卫生服务中心", "hospital"), ("小学", "school"), ("中学", "school"), ("商会", "association"),
            ("志愿服务队", "volunteer"), ("党支部", "party"), ("村民委员会", "committee"), ("农商银行", "bank"),
            ("文化礼堂", "venue"), ("电商协会", "association"), ("妇女联合会", "union"), ("共富联盟", "alliance")
        ]
        static let programmeWords = ["贷", "计划", "工程", "行动", "驿站", "课堂", "共富工坊", "服务站", "帮帮团", "基金"]
        static let titles = ["书记", "主任", "副主任", "委员", "理事长", "会长", "站长", "负责人", "董事长", "校长"]
        static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾".unicodeScalars)
        static let phrases = ["今年以来，", "近日，", "据悉，", "记者了解到，", "在此基础上，", "下一步，"]
        static let verbs = ["联合", "携手", "依托", "牵头开展", "积极推进", "推出", "举办", "组织开展"]
        static let tails = [
            "，惠及群众三千余人。", "，助力乡村振兴。", "，进一步提升基层治理水平。",
            "活动二十余场，受到村民一致好评。", "，实现“双向奔赴”。", "。"
        ]
        static let rules: [Relation: [String]] = [
            .runs: ["runs.actor-verb", "runs.same-sentence", "runs.article-topic", "runs.passive"],
            .locatedIn: ["located_in.runner", "located_in.name-prefix", "located_in.locative"],
            .partOf: ["part_of.gazetteer-chain", "part_of.adjacent"],
            .partner: ["partner.with-verb", "partner.joint-verb"],
            .memberOf: ["member_of.alliance", "member_of.name"],
            .role: ["role.title"]
        ]
        static let confidences = [0.65, 0.7, 0.75, 0.8, 0.85, 0.9]

        mutating func graph(entities entityTarget: Int, edges edgeTarget: Int) -> Graph {
            var graph = Graph()
            graph.reserveCapacity(entities: entityTarget, edges: edgeTarget)
            for i in 0..<max(1, entityTarget / 3) {
                documents.append(String(format: "%06d_%08llx.txt", i, random.next() >> 32))
            }
            // The divisions first (at most a tenth of the entities), then the invented entities.
            let placeCount = min(places.count, entityTarget / 10)
            var codeToEntity: [String: Int] = [:]
            for place in places.prefix(placeCount) {
                codeToEntity[place.code] = graph.entities.count
                placeEntities.append(graph.entities.count)
                graph.add(
                    Entity(
                        id: "place:\(place.code)", type: .place, name: place.name,
                        attrs: ["code": place.code, "level": place.level.rawValue],
                        docs: docs(), mentions: 1 + number(4)))
            }
            while graph.entities.count < entityTarget {
                let place = places[number(placeCount)]
                let short = String(place.name.unicodeScalars.prefix(2))
                let before = graph.entities.count
                let roll = number(100)
                if roll < 55 {
                    let (word, kind) = pick(Maker.orgKinds)
                    let name = short + self.word(2 + number(3)) + word
                    graph.add(
                        Entity(
                            id: "org:\(name)@\(place.code)", type: .org, name: name,
                            aliases: number(10) == 0 ? ["该" + word] : [], attrs: ["kind": kind],
                            docs: docs(), mentions: 1 + number(6)))
                    if graph.entities.count > before { orgEntities.append(before) }
                } else if roll < 80 {
                    let name = self.word(2 + number(3)) + pick(Maker.programmeWords)
                    graph.add(
                        Entity(
                            id: "programme:\(name)@\(place.code)", type: .programme, name: name,
                            attrs: ["kind": "programme"], docs: docs(), mentions: 1 + number(6)))
                    if graph.entities.count > before { programmeEntities.append(before) }
                } else {
                    var name = String(pick(Maker.surnames))
                    name += self.word(1 + number(2))
                    graph.add(
                        Entity(
                            id: "person:\(name)@\(place.code)", type: .person, name: name,
                            attrs: ["role": pick(Maker.titles)], docs: docs(), mentions: 1 + number(3)))
                    if graph.entities.count > before { personEntities.append(before) }
                }
            }
            // Every division's parent that is in the graph, then edges drawn at random.
            for place in places.prefix(placeCount) where graph.edges.count < edgeTarget {
                if let parent = place.parentCode.flatMap({ codeToEntity[$0] }), let child = codeToEntity[place.code] {
                    addEdge(.partOf, child, parent, to: &graph)
                }
            }
            while graph.edges.count < edgeTarget {
                let roll = number(100)
                if roll < 35 {
                    addEdge(.locatedIn, pick(number(3) == 0 ? programmeEntities : orgEntities), pick(placeEntities), to: &graph)
                } else if roll < 70 {
                    addEdge(.runs, pick(orgEntities), pick(programmeEntities), to: &graph)
                } else if roll < 80 {
                    addEdge(.partner, pick(orgEntities), pick(orgEntities), to: &graph)
                } else if roll < 88 {
                    addEdge(.memberOf, pick(orgEntities), pick(orgEntities), to: &graph)
                } else {
                    addEdge(.role, pick(personEntities), pick(orgEntities), to: &graph)
                }
            }
            return graph
        }

        mutating func docs() -> [String] {
            (0..<(1 + (number(4) == 0 ? 1 : 0))).map { _ in pick(documents) }
        }

        mutating func addEdge(_ relation: Relation, _ subject: Int, _ object: Int, to graph: inout Graph) {
            guard subject != object else { return }
            let a = graph.entities[subject]
            let b = graph.entities[object]
            var evidence: [Evidence] = []
            // Most edges keep one piece, some two; three in ten none (read from the gazetteer or
            // merged from a graph that kept its evidence short), so the file comes to the size
            // of the issue's: about 466 MB for a million entities.
            let roll = number(20)
            for _ in 0..<(roll < 6 ? 0 : roll < 19 ? 1 : 2) {
                let sentence = (number(3) == 0 ? pick(Maker.phrases) : "") + a.name + pick(Maker.verbs) + b.name + pick(Maker.tails)
                let start = number(8000)
                evidence.append(
                    Evidence(
                        doc: pick(Array(a.docs)), start: start, end: start + a.name.unicodeScalars.count,
                        sentence: sentence, rule: pick(Maker.rules[relation]!), confidence: pick(Maker.confidences)))
            }
            graph.add(
                Edge(
                    relation: relation, subject: a.id, object: b.id,
                    attrs: relation == .role ? ["title": a.attrs["role"] ?? ""] : [:],
                    evidence: evidence, support: max(1, evidence.count + number(3))))
        }
    }
}
