import Foundation
import Testing

@testable import TupuGraph

/// A graph file must prove it is whole: the end line's counts and checksum, and every line
/// that cannot be right is an error at its `file:line`.
@Suite struct GraphFileIntegrityTests {
    static func sampleGraph() -> Graph {
        var graph = Graph()
        graph.add(Entity(id: "org:青禾社区党委", type: .org, name: "青禾社区党委", docs: ["甲.txt"]))
        graph.add(Entity(id: "programme:邻里互助站", type: .programme, name: "邻里互助站", docs: ["甲.txt", "乙.txt"]))
        graph.add(Entity(id: "place:330102", type: .place, name: "上城区", attrs: ["level": "county"], docs: ["乙.txt"]))
        let e = Evidence(doc: "甲.txt", start: 3, end: 17, sentence: "青禾社区党委推出“邻里互助站”。", rule: "runs.actor-verb", confidence: 0.8)
        graph.add(Edge(relation: .runs, subject: "org:青禾社区党委", object: "programme:邻里互助站", evidence: [e]))
        graph.add(Edge(relation: .locatedIn, subject: "programme:邻里互助站", object: "place:330102", evidence: [e]))
        return graph
    }

    static func fileText(_ graph: Graph = sampleGraph()) -> String {
        var bytes = Data()
        GraphFile.write(graph) { bytes.append(contentsOf: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The error parsing `text` gives, or nil when it loads.
    static func error(_ text: String) -> GraphFile.ReadError? {
        do {
            _ = try GraphFile.parse(Data(text.utf8), path: "g.jsonl")
            return nil
        } catch let error as GraphFile.ReadError {
            return error
        } catch {
            Issue.record("not a ReadError: \(error)")
            return nil
        }
    }

    @Test func theWriterEndsWithCountsAndAChecksumAndTheReaderChecksThem() throws {
        let text = Self.fileText()
        let lines = text.split(separator: "\n")
        #expect(lines.first?.hasPrefix(#"{"kind":"graph","version":2,"#) == true)
        #expect(lines.last?.hasPrefix(#"{"kind":"end","entities":3,"edges":2,"documents":2,"checksum":"fnv1a64:"#) == true)
        let back = try GraphFile.parse(Data(text.utf8))
        #expect(back.entities.count == 3 && back.edges.count == 2)
        // An empty graph is a header and an end line, and loads.
        #expect(try GraphFile.parse(Data(Self.fileText(Graph()).utf8)).entities.isEmpty)
    }

    @Test func aFileCutAtAnyLineBoundaryEmptyOrJustAHeaderIsAnError() {
        let lines = Self.fileText().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        for kept in 0..<lines.count {
            let cut = lines.prefix(kept).map { $0 + "\n" }.joined()
            let error = Self.error(cut)
            #expect(error != nil, "cut after \(kept) lines loaded")
            if kept == 0 { #expect(error?.message == "empty graph file") }
            if kept >= 1 { #expect(error?.line == kept + 1 && error?.message.hasPrefix("no end line") == true) }
        }
    }

    @Test func aChangedLineOrALineAfterTheEndIsAnError() {
        let text = Self.fileText()
        let changed = text.replacingOccurrences(of: "邻里互助站\",\"aliases", with: "邻里互助社\",\"aliases")
        #expect(Self.error(changed)?.message.hasPrefix("checksum") == true)
        #expect(Self.error(changed)?.line == 7)
        let dropped = text.split(separator: "\n").enumerated().filter { $0.offset != 2 }.map { $0.element + "\n" }.joined()
        #expect(Self.error(dropped)?.message == "the end line says 3 entities, the lines before it hold 2: the file was cut or changed")
        #expect(Self.error(text + text)?.line == 8)
        #expect(Self.error(text + text)?.message.hasPrefix("a line after the end line") == true)
    }

    @Test func aVersionOneFileWithoutAnEndLineLoadsWithAWarning() throws {
        let lines = Self.fileText().split(separator: "\n").dropLast().map { $0 + "\n" }.joined()
        let old = lines.replacingOccurrences(of: #""version":2"#, with: #""version":1"#)
        var warnings: [GraphFile.ReadError] = []
        let graph = try GraphFile.parse(Data(old.utf8), path: "old.jsonl") { warnings.append($0) }
        #expect(graph.entities.count == 3)
        #expect(warnings.map(\.isWarning) == [true])
        #expect(warnings.first?.description.hasPrefix("old.jsonl:6: warning: a version 1 graph file has no end line") == true)
    }

    @Test func badValuesAreErrorsAtTheirLine() {
        let header = #"{"kind":"graph","version":2}"# + "\n"
        let entity = #"{"kind":"entity","id":"org:青禾社区党委","type":"org","name":"青禾社区党委"}"# + "\n"
        func edge(_ rest: String) -> String {
            #"{"kind":"edge","relation":"runs","subject":"org:青禾社区党委","object":"org:青禾社区党委""# + rest + "}\n"
        }
        let cases: [(String, Int, String)] = [
            (#"{"kind":"graph","version":9}"# + "\n", 1, "unknown graph file version 9"),
            (#"{"kind":"graph","version":"二"}"# + "\n", 1, "unknown graph file version"),
            (#"{"kind":"entity","id":"a","type":"org","name":"甲"}"# + "\n", 1, "not a Tupu graph file"),
            (header + entity + edge(#","support":"三""#), 3, "\"support\" must be a whole number ≥ 0"),
            (header + entity + edge(#","support":-2"#), 3, "\"support\" must be a whole number ≥ 0"),
            (header + entity + edge(#","evidence":[{"doc":"甲.txt","start":-5,"end":3}]"#), 3, "\"start\" must be a whole number ≥ 0"),
            (header + entity + edge(#","evidence":[{"doc":"甲.txt","start":9,"end":3}]"#), 3, "evidence \"start\" 9 is after its \"end\" 3"),
            (header + entity + edge(#","evidence":"甲.txt""#), 3, "\"evidence\" must be a list"),
            (
                header + #"{"kind":"edge","relation":"runs","subject":"org:青禾社区党委","object":"programme:无此项目"}"# + "\n" + entity, 2,
                "an edge to \"programme:无此项目\", which is no entity of the file"
            ),
            (header + #"{"kind":"entity","id":"a","type":"org","name":"甲","mentions":"多"}"# + "\n", 2, "\"mentions\" must be a whole number ≥ 0"),
            (header + #"{"kind":"entity","id":"a","type":"org","name":"甲","docs":"甲.txt"}"# + "\n", 2, "\"docs\" must be a list of strings")
        ]
        for (text, line, message) in cases {
            let error = Self.error(text)
            #expect(error?.line == line, "\(text)")
            #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "loaded"): \(text)")
        }
    }

    @Test func anIdGivenTwiceIsAWarningAtTheLaterLine() throws {
        let text =
            #"{"kind":"graph","version":1}"# + "\n"
            + #"{"kind":"entity","id":"org:甲","type":"org","name":"甲"}"# + "\n"
            + #"{"kind":"entity","id":"org:甲","type":"org","name":"甲"}"# + "\n"
        var warnings: [String] = []
        _ = try GraphFile.parse(Data(text.utf8), path: "g.jsonl") { warnings.append($0.description) }
        #expect(warnings.contains("g.jsonl:3: warning: entity id \"org:甲\" given again; merged with the earlier line"))
        // An endless repeat keeps memory bounded: twenty are listed, the rest counted.
        let many = text + String(repeating: #"{"kind":"entity","id":"org:甲","type":"org","name":"甲"}"# + "\n", count: 30)
        warnings = []
        _ = try GraphFile.parse(Data(many.utf8), path: "g.jsonl") { warnings.append($0.description) }
        #expect(warnings.count == 22)
        #expect(warnings.last == "g.jsonl:33: warning: 11 more ids given again, not listed")
    }

    @Test func anEndlessLineFromADeviceStopsWithAnErrorAtLineOne() throws {
        let descriptor = open("/dev/zero", O_RDONLY)
        defer { close(descriptor) }
        #expect(throws: GraphFile.ReadError.self) {
            _ = try GraphFile.read(descriptor: descriptor, path: "/dev/zero", maximumLineBytes: 1 << 20)
        }
        do { _ = try GraphFile.read(descriptor: descriptor, path: "/dev/zero", maximumLineBytes: 1 << 20) } catch let error as GraphFile.ReadError {
            #expect(error.line == 1)
        }
    }
}
