import Foundation
import Testing

@testable import TupuGraph

@Test func partnerEdgesAreStoredOnceWhateverTheDirection() {
    var graph = Graph()
    graph.add(Edge(relation: .partner, subject: "org:b", object: "org:a"))
    graph.add(Edge(relation: .partner, subject: "org:a", object: "org:b"))
    #expect(graph.edges.count == 1)
    #expect(graph.edges[0].subject == "org:a")
    #expect(graph.edges[0].support == 0)
}

@Test func mergingKeepsTheFirstNameAndCollectsAliasesAndDocs() {
    var graph = Graph()
    graph.add(Entity(id: "place:330481", type: .place, name: "海宁市", aliases: ["海宁"], docs: ["a.txt"]))
    graph.add(Entity(id: "place:330481", type: .place, name: "海宁", docs: ["b.txt"], mentions: 2))
    let merged = graph.entity(id: "place:330481")!
    #expect(merged.name == "海宁市")
    #expect(merged.aliases == ["海宁"])
    #expect(merged.docs == ["a.txt", "b.txt"])
    #expect(merged.mentions == 3)
}

@Test func evidenceIsCappedButSupportCountsEverything() {
    var graph = Graph()
    for i in 0..<20 {
        let e = Evidence(doc: "d\(i).txt", start: i, end: i + 3, sentence: "嘉兴市第二医院打造“天使爱·红色驿”", rule: "runs.build", confidence: 0.9)
        graph.add(Edge(relation: .runs, subject: "org:x", object: "programme:y", evidence: [e]))
    }
    #expect(graph.edges[0].evidence.count == Graph.evidenceLimit)
    #expect(graph.edges[0].support == 20)
}

@Test func theGraphFileRoundTripsChineseNamesAndEvidence() throws {
    var graph = Graph()
    graph.add(Entity(id: "org:嘉兴市第二医院", type: .org, name: "嘉兴市第二医院", attrs: ["kind": "hospital"], docs: ["004.txt"]))
    graph.add(Entity(id: "programme:天使爱·红色驿", type: .programme, name: "天使爱·红色驿", docs: ["004.txt"]))
    let e = Evidence(doc: "004.txt", start: 10, end: 30, sentence: "“天使爱·红色驿”\t红色驿站", rule: "runs.possessive", confidence: 0.75)
    graph.add(Edge(relation: .runs, subject: "org:嘉兴市第二医院", object: "programme:天使爱·红色驿", evidence: [e]))
    var bytes = Data()
    GraphFile.write(graph) { bytes.append(contentsOf: $0) }
    let back = try GraphFile.parse(bytes)
    #expect(back.entities.first?.attrs["kind"] == "hospital")
    #expect(back.edges.first?.evidence.first == e)
}

@Test func aBrokenLineIsReportedWithItsLineNumber() {
    let text = "{\"kind\":\"graph\",\"version\":2}\n{\"kind\":\"entity\",\"id\":1}\n"
    #expect(throws: GraphFile.ReadError.self) { try GraphFile.parse(Data(text.utf8), path: "g.jsonl") }
    do { _ = try GraphFile.parse(Data(text.utf8), path: "g.jsonl") } catch let error as GraphFile.ReadError {
        #expect(error.line == 2)
    } catch { Issue.record("unexpected \(error)") }
}

@Test func jsonEscapesWhatMustBeEscapedAndKeepsChineseAsIs() {
    #expect(JSON.quote("“天使爱·红色驿”") == "\"“天使爱·红色驿”\"")
    #expect(JSON.quote("a\"b\\c\nd\te") == "\"a\\\"b\\\\c\\nd\\te\"")
    #expect(JSON.quote("行\u{2028}分") == "\"行\\u2028分\"")
}

@Test func jsonEscapesACharacterWhereverItFallsInTheEightByteWords() throws {
    // The escaper skips eight bytes at a time: put each awkward character at every offset.
    for special in ["\"", "\\", "\n", "\u{1}", "\u{2028}", "“", "é"] {
        for prefix in 0..<17 {
            let text = String(repeating: "a", count: prefix) + special + "青禾" + special + "社区"
            let parsed = try JSONSerialization.jsonObject(with: Data(JSON.quote(text).utf8), options: .fragmentsAllowed)
            #expect(parsed as? String == text, "\(prefix) \(special.unicodeScalars.map(\.value))")
        }
    }
}

/// JSON's escapes one scalar at a time, as the writer must give them: the reference for its word-at-a-time loop.
func quotedOneScalarAtATime(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
            out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

@Test func jsonEscapesACharacterAmongATextsLastBytes() {
    // The last bytes of a text are read as the word that ends it: a character to escape before
    // them (read already) or among them, at every length, with the plain bytes of 村 and ASCII after it.
    for special in ["\"", "\\", "\n", "\u{1F}", "\u{2028}", "\u{2029}", "“", "—", "é"] {
        for prefix in 0..<12 {
            for suffix in ["", "b", "bc", "村", "bcdefg", "b村c", "村村"] {
                let text = String(repeating: "a", count: prefix) + special + suffix
                #expect(JSON.quote(text) == quotedOneScalarAtATime(text), "\(prefix) \(special.unicodeScalars.map(\.value)) \(suffix)")
                let twice = text + special + String(repeating: "社", count: prefix % 3)
                #expect(JSON.quote(twice) == quotedOneScalarAtATime(twice), "\(prefix) \(special.unicodeScalars.map(\.value)) \(suffix)")
            }
        }
    }
}

@Test func graphFileLinesEscapeLikeJSONQuoteAndComeInIdOrder() throws {
    let awkward = [
        "“同心荟”\u{2028}", "a\"b\\c\nd\u{1}e\r", "\u{2029}行", "\u{2028}", "é\u{A8}",
        "长句子“引号”里\u{2028}有\"和\\以及\u{1}控制符" + String(repeating: "字", count: 9) + "\u{2029}\t尾"
    ]
    var graph = Graph()
    for (i, name) in awkward.enumerated() {
        graph.add(Entity(id: "org:\(name)\(i)", type: .org, name: name, aliases: [name + "站"], docs: ["\(i).txt"]))
    }
    for entity in graph.entities {
        #expect(GraphFile.line(for: entity).contains("\"name\":" + JSON.quote(entity.name)))
    }
    for entity in graph.entities {
        let object = try JSONSerialization.jsonObject(with: Data(GraphFile.line(for: entity).utf8)) as? [String: Any]
        #expect(object?["name"] as? String == entity.name)
    }
    var bytes = Data()
    GraphFile.write(graph) { bytes.append(contentsOf: $0) }
    let back = try GraphFile.parse(bytes)
    #expect(back.entities.map(\.id) == graph.entities.map(\.id).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    #expect(back.entities.map(\.name).sorted() == awkward.sorted())
}

@Test func savingReplacesTheFileWholeAndLeavesNoTemporaryBehind() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tupu-graph-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/graph.jsonl"
    try "old".write(toFile: path, atomically: false, encoding: .utf8)
    var graph = Graph()
    graph.add(Entity(id: "place:330481", type: .place, name: "海宁市", docs: ["a.txt"]))
    try GraphFile.save(graph, to: path)
    #expect(try GraphFile.load(path).entity(id: "place:330481")?.name == "海宁市")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["graph.jsonl"])
    #expect(throws: (any Error).self) { try GraphFile.save(graph, to: folder + "/missing/graph.jsonl") }
}

@Test func numbersPrintLikePrintfsThreeSignificantDigits() {
    var samples: [Double] = (100..<1000).map { Double($0) / 1000 }
    samples += [0.85 * 0.9, 0.75 * 0.9, 0.7 * 0.6, 0.55 * 0.9 * 0.9, 0.1, 0.9994, 0.9996, 0.05, 1.5, 2, 12.25]
    for x in samples {
        #expect(JSON.number(x) == String(format: x == x.rounded() ? "%.0f" : "%.3g", x), "\(x)")
    }
}

@Test func edgesComeInRelationSubjectObjectOrderOfTheIdsBytes() {
    // Ids that are prefixes of one another, and an end that is no entity (bytes decide then).
    let ids = ["org:青禾", "org:青禾社区", "place:330", "place:33", "org:明湖"]
    var graph = Graph()
    for id in ids { graph.add(Entity(id: id, type: id.hasPrefix("org") ? .org : .place, name: id)) }
    graph.add(Edge(relation: .locatedIn, subject: "org:青禾社区", object: "place:33"))
    graph.add(Edge(relation: .locatedIn, subject: "org:青禾", object: "place:330"))
    graph.add(Edge(relation: .locatedIn, subject: "org:青禾", object: "place:33"))
    graph.add(Edge(relation: .runs, subject: "org:明湖", object: "org:青禾"))
    graph.add(Edge(relation: .partOf, subject: "place:330", object: "place:33"))
    let expected = [
        "located_in org:青禾 place:33", "located_in org:青禾 place:330", "located_in org:青禾社区 place:33",
        "part_of place:330 place:33", "runs org:明湖 org:青禾"
    ]
    func spelled(_ order: [Int], in graph: Graph) -> [String] {
        order.map { "\(graph.edges[$0].relation.rawValue) \(graph.edges[$0].subject) \(graph.edges[$0].object)" }
    }
    #expect(spelled(graph.edgeOrder(), in: graph) == expected)
    #expect(spelled(graph.edgeOrder(among: [4, 0, 2]), in: graph) == [expected[0], expected[2], expected[3]])
    var loose = graph
    loose.add(Edge(relation: .partner, subject: "org:明湖", object: "org:未知"))
    #expect(spelled(loose.edgeOrder(), in: loose) == expected.dropLast() + ["partner org:明湖 org:未知", "runs org:明湖 org:青禾"])
}

@Test func documentListsStaySortedAndDistinctWhateverTheOrderOfMerging() {
    // Byte order of the ids, each once, however the sightings arrive.
    var list = DocumentList(["西湖-3.txt", "a.txt", "西湖-1.txt", "a.txt"])
    #expect(Array(list) == ["a.txt", "西湖-1.txt", "西湖-3.txt"])
    list.formUnion(["西湖-2.txt", "z.txt", "a.txt"])
    #expect(list == ["a.txt", "z.txt", "西湖-1.txt", "西湖-2.txt", "西湖-3.txt"])
    #expect(list.count == 5 && list[1] == "z.txt")
    #expect(DocumentList() == [])
}

@Test func documentSetCountsEachDocumentOnce() {
    var documents = DocumentSet()
    documents.formUnion(["a.txt", "b.txt"])
    documents.formUnion(["b.txt", "拱墅-7.txt"])
    documents.insert(id: "a.txt")
    documents.insert(id: "余杭-1.txt")
    #expect(documents.count == 4)
}

/// Attributes are written in key order whatever their number: against the keys sorted as strings.
@Test(arguments: [0, 1, 2, 3, 5])
func attributesAreWrittenInKeyOrder(count: Int) {
    let keys = ["level", "code", "kind", "role", "discovered"].prefix(count)
    let attrs = Dictionary(uniqueKeysWithValues: keys.map { ($0, "值" + $0) })
    var out = JSONBuffer()
    out.appendObject(attrs)
    let expected = "{" + keys.sorted().map { "\"\($0)\":\"值\($0)\"" }.joined(separator: ",") + "}"
    #expect(out.string == expected)
}

/// The buffer grows as lines outrun its storage: what it holds is what was appended, in order.
@Test func aJSONBufferGrowsPastItsFirstStorageKeepingEveryByte() {
    var out = JSONBuffer(capacity: 1)
    var expected = ""
    for i in 0..<300 {
        let name = String(repeating: "青山村股份经济合作社", count: i % 7) + "\"\(i)\""
        out.append("{\"name\":")
        out.appendQuoted(name)
        out.append(",\"mentions\":")
        out.append(i * 37)
        out.append("}\n")
        expected += "{\"name\":" + JSON.quote(name) + ",\"mentions\":\(i * 37)}\n"
    }
    #expect(out.string == expected)
    var drained: [UInt8] = []
    out.drain { drained.append(contentsOf: $0) }
    #expect(String(decoding: drained, as: UTF8.self) == expected)
    #expect(out.count == 0)
}
