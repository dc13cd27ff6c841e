import Foundation
import Testing

@testable import TupuGraph

/// The fast line parser reads what the writer writes, and anything else the general reader
/// reads: on every line both read, they agree.
@Suite struct GraphLineParserTests {
    /// The line as the fast parser reads it, nil when it hands the line on.
    static func fast(_ line: String) -> GraphLineParser.Line? {
        var parser = GraphLineParser()
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBytes { parser.parse(UnsafeRawBufferPointer($0)) }
    }

    /// The line as the general reader (JSONSerialization) reads it.
    static func general(_ line: String) throws -> GraphLineParser.Line? {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        switch object["kind"] as? String {
        case "entity": return .entity(try GraphFile.entity(from: object, path: "g", line: 1))
        case "edge": return .edge(try GraphFile.edge(from: object, path: "g", line: 1))
        default: return nil
        }
    }

    /// Both readers give the same entity or edge: the same line written back, the same evidence.
    static func expectAgreement(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fast = try #require(Self.fast(line), "the fast parser handed on \(line)", sourceLocation: sourceLocation)
        let general = try #require(try Self.general(line), sourceLocation: sourceLocation)
        switch (fast, general) {
        case (.entity(let a), .entity(let b)):
            #expect(GraphFile.line(for: a) == GraphFile.line(for: b), sourceLocation: sourceLocation)
            #expect(a.id == b.id && a.name == b.name && a.aliases == b.aliases && a.attrs == b.attrs, sourceLocation: sourceLocation)
        case (.edge(let a), .edge(let b)):
            #expect(GraphFile.line(for: a) == GraphFile.line(for: b), sourceLocation: sourceLocation)
            #expect(a.evidence == b.evidence && a.support == b.support && a.attrs == b.attrs, sourceLocation: sourceLocation)
        default:
            Issue.record("an entity on one side, an edge on the other: \(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func linesAsWrittenReadTheSameBothWays() throws {
        try Self.expectAgreement(
            #"{"kind":"entity","id":"org:青禾镇农业专业合作社@330682101","type":"org","name":"青禾镇农业专业合作社","aliases":["该合作社"],"attrs":{"kind":"cooperative"},"docs":["000123_8e1b991aed763a6e.txt"],"mentions":4}"#
        )
        try Self.expectAgreement(#"{"kind":"entity","id":"place:330682","type":"place","name":"上虞区","aliases":[],"attrs":{},"docs":[],"mentions":1}"#)
        try Self.expectAgreement(
            #"{"kind":"edge","relation":"runs","subject":"org:青禾镇农业专业合作社@330682101","object":"programme:共富工坊@330682101","support":3,"evidence":[{"doc":"甲.txt","start":12,"end":40,"sentence":"青禾镇农业专业合作社推出“共富工坊”。","rule":"runs.actor-verb","confidence":0.85},{"doc":"乙.txt","start":0,"end":0,"sentence":"","rule":"runs.passive","confidence":1}]}"#
        )
        try Self.expectAgreement(
            #"{"kind":"edge","relation":"role","subject":"person:林晓东@330682","object":"org:上虞区妇女联合会@330682","attrs":{"title":"主席"},"support":1,"evidence":[]}"#)
    }

    @Test func escapesChineseAndUnicodeSequencesReadTheSameBothWays() throws {
        // Quotes, backslashes, a slash, control characters, a BMP escape (中), a surrogate pair
        // (😀), U+2028 as the writer escapes it, and uppercase hex.
        try Self.expectAgreement(
            #"{"kind":"entity","id":"org:\"星光\"志愿服务队","type":"org","name":"\u661f\u5149\\志愿\/服务队\n\t\r\b\f","aliases":["\ud83d\ude00队","行\u2028分"],"attrs":{"k\u0069nd":"v\u00E9"},"docs":["a\"b.txt"],"mentions":2}"#
        )
        try Self.expectAgreement(
            #"{"kind":"edge","relation":"partner","subject":"org:\u4e59","object":"org:甲","evidence":[{"doc":"文\\档.txt","sentence":"“甲”与“乙”签约\u3002","rule":"partner.with-verb","confidence":0.7,"start":1,"end":3}]}"#
        )
    }

    @Test func fieldsInAnyOrderWithBlanksAndMissingOptionalFields() throws {
        try Self.expectAgreement(
            #"{"docs":["乙.txt","甲.txt","乙.txt"],"mentions":7,"name":"安康驿站","type":"programme","id":"programme:安康驿站@330102","kind":"entity","aliases":["驿站","安康驿站"]}"#
        )
        try Self.expectAgreement(#"  { "kind" : "entity" , "id" : "person:周明" ,\#t"type":"person", "name" : "周明" }  "#)
        try Self.expectAgreement(
            #"{"evidence":[{}, {"confidence":5e-1,"end":9}],"object":"place:330102","subject":"programme:安康驿站@330102","relation":"located_in","kind":"edge"}"#)
        try Self.expectAgreement(#"{"kind":"edge","relation":"member_of","subject":"org:甲商会","object":"org:乙联盟","support":0}"#)
    }

    /// Lines the fast parser does not take: the general reader gives them their meaning or error.
    @Test func unusualLinesAreHandedToTheGeneralReader() {
        let handedOn = [
            #"{"kind":"graph","version":2,"offset_unit":"codepoint"}"#,
            #"{"kind":"end","entities":1,"edges":0,"documents":0,"checksum":"fnv1a64:0000000000000000"}"#,
            #"{"kind":"entity","id":"org:甲","type":"org","name":"甲","extra":1}"#,  // an unknown key
            #"{"kind":"entity","id":"org:甲","type":"org","name":"甲","attrs":null}"#,  // null
            #"{"kind":"entity","id":"org:甲","type":"org","name":"甲","mentions":1.0}"#,  // a whole number as a fraction
            #"{"kind":"entity","id":"org:甲","type":"org","name":"甲","mentions":-1}"#,  // negative
            #"{"kind":"entity","id":"org:甲","type":"org","name":"甲","mentions":"3"}"#,  // a string for a number
            #"{"kind":"entity","id":"org:甲","id":"org:乙","type":"org","name":"甲"}"#,  // a key twice
            #"{"kind":"entity","id":"org:\ud800","type":"org","name":"甲"}"#,  // a lone surrogate
            "{\"kind\":\"entity\",\"id\":\"org:\u{1}\",\"type\":\"org\",\"name\":\"甲\"}",  // a raw control character
            #"{"kind":"entity","id":"org:甲","type":"town","name":"甲"}"#,  // an unknown type
            #"{"kind":"entity","id":"org:甲","type":"org","name":"甲"} x"#,  // more after the object
            #"{"kind":"edge","relation":"runs","subject":"a","object":"b","evidence":[{"start":5,"end":2}]}"#,
            #"{"kind":"edge","relation":"runs","subject":"a","object":"b","evidence":[{"confidence":1.5}]}"#,
            #"{"kind":"edge","relation":"runs","subject":"a","object":"b","evidence":[{"start":01}]}"#,
            #"{"kind":"later","id":"x"}"#,
            #"[1,2]"#
        ]
        for line in handedOn { #expect(Self.fast(line) == nil, "\(line)") }
        // Bytes that are not UTF-8 inside a string.
        var bytes = Array(#"{"kind":"entity","id":"org:"#.utf8) + [0xE4, 0xB8] + Array(#"","type":"org","name":"甲"}"#.utf8)
        var parser = GraphLineParser()
        #expect(bytes.withUnsafeMutableBytes { parser.parse(UnsafeRawBufferPointer($0)) } == nil)
    }

    /// A file of lines both readers take, and some only the general one takes, across many
    /// small batches: the same graph, written back byte for byte.
    @Test func aFileReadInSmallBatchesIsTheGraphWritten() throws {
        var graph = Graph()
        for i in 0..<700 {
            graph.add(
                Entity(
                    id: "org:第\(i)合作社", type: .org, name: "第\(i)合作社", aliases: i % 7 == 0 ? ["该社"] : [],
                    attrs: ["kind": "cooperative"], docs: ["\(i % 13).txt"], mentions: 1 + i % 3))
        }
        for i in 0..<699 {
            let e = Evidence(
                doc: "\(i % 13).txt", start: i, end: i + 5, sentence: "第\(i)合作社与第\(i + 1)合作社“结对”。\\",
                rule: "partner.with-verb", confidence: 0.75)
            graph.add(Edge(relation: .partner, subject: "org:第\(i + 1)合作社", object: "org:第\(i)合作社", evidence: [e], support: 2))
        }
        var written = Data()
        GraphFile.write(graph) { written.append(contentsOf: $0) }
        for batchBytes in [1, 300, 5000, 1 << 22] {
            let back = try GraphFile.parse(written, path: "g.jsonl", batchBytes: batchBytes)
            var again = Data()
            GraphFile.write(back) { again.append(contentsOf: $0) }
            #expect(again == written, "batches of \(batchBytes) bytes")
        }
        // A changed byte in a late batch is still caught by the checksum.
        var changed = written
        let position = changed.count - 400
        changed[position] = changed[position] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        #expect(throws: GraphFile.ReadError.self) { try GraphFile.parse(changed, path: "g.jsonl", batchBytes: 300) }
    }
}
