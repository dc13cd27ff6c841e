import TupuGraph

/// A small invented graph: 湖州市 ⊃ 青山县 ⊃ 绿水街道 ⊃ 白云社区, a hospital, a company,
/// a party committee and three programmes, one without a known runner.
enum Fixture {
    static let sentence1 = "绿水街道党工委联合青山电力有限公司打造“暖心驿站”。"
    static let sentence2 = "青山县人民医院在白云社区开展“健康进家门”活动。"

    static let graph: Graph = {
        func place(_ id: String, _ name: String, _ level: String) -> Entity {
            Entity(id: id, type: .place, name: name, attrs: ["level": level], docs: ["a.txt"])
        }
        func evidence(_ sentence: String, _ rule: String, start: Int = 10) -> [Evidence] {
            [
                Evidence(
                    doc: "a.txt", start: start, end: start + sentence.unicodeScalars.count, sentence: sentence,
                    rule: rule, confidence: 0.9)
            ]
        }
        let entities = [
            place("place:330500", "湖州市", "city"),
            place("place:q", "青山县", "county"),
            place("place:l", "绿水街道", "township"),
            place("place:b", "白云社区", "village"),
            Entity(id: "org:党工委", type: .org, name: "绿水街道党工委", aliases: ["街道党工委"], attrs: ["kind": "party"], docs: ["a.txt"]),
            Entity(id: "org:医院", type: .org, name: "青山县人民医院", attrs: ["kind": "hospital"], docs: ["a.txt", "b.txt"]),
            Entity(id: "org:电力", type: .org, name: "青山电力有限公司", attrs: ["kind": "company"], docs: ["a.txt"]),
            Entity(id: "programme:暖心驿站", type: .programme, name: "暖心驿站", docs: ["a.txt"]),
            Entity(id: "programme:健康进家门", type: .programme, name: "健康进家门", docs: ["a.txt"]),
            Entity(id: "programme:孤儿", type: .programme, name: "无人认领", docs: ["b.txt"]),
            Entity(id: "person:王", type: .person, name: "王某某", attrs: ["role": "书记"], docs: ["a.txt"])
        ]
        let edges = [
            Edge(relation: .partOf, subject: "place:q", object: "place:330500", evidence: evidence("湖州市青山县", "gazetteer")),
            Edge(relation: .partOf, subject: "place:l", object: "place:q", evidence: evidence("青山县绿水街道", "gazetteer")),
            Edge(relation: .partOf, subject: "place:b", object: "place:l"),
            Edge(relation: .locatedIn, subject: "org:党工委", object: "place:l", evidence: evidence(sentence1, "org-prefix")),
            Edge(relation: .runs, subject: "org:党工委", object: "programme:暖心驿站", evidence: evidence(sentence1, "runs.打造"), support: 3),
            Edge(relation: .partner, subject: "org:电力", object: "org:党工委", evidence: evidence(sentence1, "partner.联合")),
            Edge(relation: .runs, subject: "org:医院", object: "programme:健康进家门", evidence: evidence(sentence2, "runs.开展", start: 40)),
            Edge(relation: .locatedIn, subject: "programme:健康进家门", object: "place:b", evidence: evidence(sentence2, "located.在", start: 40)),
            Edge(relation: .role, subject: "person:王", object: "org:党工委", attrs: ["title": "书记"])
        ]
        return Graph(entities: entities, edges: edges)
    }()
}
