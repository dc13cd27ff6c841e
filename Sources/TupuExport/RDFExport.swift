import TupuGraph

/// `ntriples` and `nquads`: RDF, one statement a line, UTF-8.
///
/// IRIs (one spelling, opaque ASCII): entity `BASE entity/ID`, document `BASE doc/NAME`, with
/// the id or name percent-encoded byte by byte (only `A–Z a–z 0–9 - . _ ~` stay as they are),
/// so `org:海塘市第三医院` → `BASE entity/org%3A%E6%B5%B7…`. Vocabulary `BASE ontology#…`:
/// classes `Place`, `Org`, `Programme`, `Person`; relation predicates by their names (`runs`,
/// `located_in`, …; `partner` written in both directions); `mentions`, `mentionedIn`, and one
/// predicate per attribute key (`level`, `code`, …). Names are `rdfs:label "…"@zh`, aliases
/// `skos:altLabel "…"@zh`.
///
/// Provenance by RDF reification: each edge is an `rdf:Statement` `BASE edge/HASH` (FNV-1a of
/// relation, subject, object) with `support`, and each piece of evidence `BASE edge/HASH/evidence/N`
/// is an `Evidence` with `supports`, `doc`, `start`, `end` (code points, end exclusive),
/// `sentence`, `rule`, `confidence`. `nquads` writes the same lines and, in addition, each edge
/// triple once more in the named graph of every document that supports it.
public enum RDFExport {
    public static let defaultBase = "https://tupu.example/"

    static let rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    static let altLabel = "<http://www.w3.org/2004/02/skos/core#altLabel>"
    static let xsd = "http://www.w3.org/2001/XMLSchema#"

    /// Why `base` cannot prefix IRIs, or nil when it can (absolute, ASCII, ends in `/` or `#`).
    public static func problem(withBase base: String) -> String? {
        guard let colon = base.firstIndex(of: ":"), colon != base.startIndex,
            base[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else {
            return "the base IRI must be absolute, like \(defaultBase)"
        }
        guard base.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"<>\"{}|^`\\".unicodeScalars.contains($0) }) else {
            return "the base IRI must be ASCII without spaces or any of <>\"{}|^`\\"
        }
        guard base.hasSuffix("/") || base.hasSuffix("#") else { return "the base IRI must end with / or #" }
        return nil
    }

    public static func write(_ graph: Graph, base: String = defaultBase, quads: Bool = false, to out: BufferedWriter) throws {
        let ontology = base + "ontology#"
        func term(_ local: String) -> String { "<\(ontology)\(local)>" }
        func entityIRI(_ id: String) -> String { "<\(base)entity/\(percentEncoded(id))>" }
        func docIRI(_ doc: String) -> String { "<\(base)doc/\(percentEncoded(doc))>" }
        func integer(_ n: Int) -> String { "\"\(n)\"^^<\(xsd)integer>" }

        for index in graph.entityOrder() {
            let e = graph.entities[index]
            let s = entityIRI(e.id)
            try out.write("\(s) \(rdfType) \(term(className(of: e.type))) .\n")
            try out.write("\(s) \(label) \(literal(e.name, language: "zh")) .\n")
            for alias in e.aliases { try out.write("\(s) \(altLabel) \(literal(alias, language: "zh")) .\n") }
            for key in e.attrs.keys.sorted() {
                try out.write("\(s) \(term(percentEncoded(key))) \(literal(e.attrs[key]!)) .\n")
            }
            try out.write("\(s) \(term("mentions")) \(integer(e.mentions)) .\n")
            for doc in e.docs { try out.write("\(s) \(term("mentionedIn")) \(docIRI(doc)) .\n") }
        }
        for index in graph.edgeOrder() {
            let edge = graph.edges[index]
            let s = entityIRI(edge.subject)
            let o = entityIRI(edge.object)
            let p = term(edge.relation.rawValue)
            try out.write("\(s) \(p) \(o) .\n")
            if edge.relation.isSymmetric && edge.subject != edge.object { try out.write("\(o) \(p) \(s) .\n") }
            let statement = "\(base)edge/\(hash(edge.key))"
            let st = "<\(statement)>"
            try out.write("\(st) \(rdfType) <\(rdf)Statement> .\n")
            try out.write("\(st) <\(rdf)subject> \(s) .\n")
            try out.write("\(st) <\(rdf)predicate> \(p) .\n")
            try out.write("\(st) <\(rdf)object> \(o) .\n")
            try out.write("\(st) \(term("support")) \(integer(edge.support)) .\n")
            for key in edge.attrs.keys.sorted() {
                try out.write("\(st) \(term(percentEncoded(key))) \(literal(edge.attrs[key]!)) .\n")
            }
            var graphsWritten = Set<String>()
            for (n, piece) in edge.evidence.enumerated() {
                let ev = "<\(statement)/evidence/\(n)>"
                try out.write("\(ev) \(rdfType) \(term("Evidence")) .\n")
                try out.write("\(ev) \(term("supports")) \(st) .\n")
                try out.write("\(ev) \(term("doc")) \(docIRI(piece.doc)) .\n")
                try out.write("\(ev) \(term("start")) \(integer(piece.start)) .\n")
                try out.write("\(ev) \(term("end")) \(integer(piece.end)) .\n")
                try out.write("\(ev) \(term("sentence")) \(literal(piece.sentence.string, language: "zh")) .\n")
                try out.write("\(ev) \(term("rule")) \(literal(piece.rule)) .\n")
                try out.write("\(ev) \(term("confidence")) \"\(JSON.number(piece.confidence))\"^^<\(xsd)decimal> .\n")
                if quads && graphsWritten.insert(piece.doc).inserted {
                    try out.write("\(s) \(p) \(o) \(docIRI(piece.doc)) .\n")
                }
            }
        }
    }

    static func className(of type: EntityType) -> String {
        switch type {
        case .place: "Place"
        case .org: "Org"
        case .programme: "Programme"
        case .person: "Person"
        }
    }

    /// Percent-encoding of the UTF-8 bytes; only unreserved ASCII is left as is.
    public static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                bytes.append(byte)
            default:
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An N-Triples string literal: `"` `\` and line breaks escaped, other controls as `\uXXXX`.
    static func literal(_ text: String, language: String? = nil) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let digits = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\"" + (language.map { "@\($0)" } ?? "")
    }

    /// FNV-1a 64 of relation, subject and object: a stable, opaque edge name.
    static func hash(_ key: EdgeKey) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(key.relation.rawValue)\u{0}\(key.subject)\u{0}\(key.object)".utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
