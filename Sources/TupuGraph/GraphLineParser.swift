import Foundation
import TupuKit

/// Reads the graph file's own entity and edge lines straight from their UTF-8 bytes, keys in any
/// order, where `JSONSerialization` built a dictionary of Foundation objects for every line and
/// took most of the time of loading a large graph. It knows only what the writer writes: a line
/// with anything else (an unknown key, a `null`, a number where a string belongs, a value the
/// general reader would refuse, bytes that are not UTF-8) is not read here but handed back,
/// so the general reader gives it its usual meaning or its usual error.
struct GraphLineParser {
    /// Repeated strings (documents, rules, attribute keys and values) made once and shared.
    private var pool = StringPool()
    /// Unescaped bytes of a string that has escapes.
    private var scratch: [UInt8] = []

    enum Line {
        case entity(Entity)
        case edge(Edge)
    }

    /// The entity or edge on the line, or nil when the general reader must read it.
    mutating func parse(_ line: UnsafeRawBufferPointer) -> Line? {
        guard let base = line.baseAddress else { return nil }
        var cursor = Cursor(base: base.assumingMemoryBound(to: UInt8.self), end: line.count)
        return parseObject(&cursor)
    }

    /// Reads the top-level object, then checks nothing but blanks follow it.
    private mutating func parseObject(_ c: inout Cursor) -> Line? {
        guard c.skipBlanks(), c.take(UInt8(ascii: "{")) else { return nil }
        var fields = Fields()
        if c.skipBlanks(), c.peek == UInt8(ascii: "}") { return nil }
        repeat {
            guard c.skipBlanks(), let key = c.key(), c.skipBlanks(), c.take(UInt8(ascii: ":")), c.skipBlanks() else { return nil }
            guard fields.note(key) else { return nil }  // a key given twice
            switch key {
            case .kind:
                guard let value = string(&c, shared: true) else { return nil }
                fields.kind = value
            case .id:
                guard let value = string(&c, shared: false) else { return nil }
                fields.id = value
            case .type:
                guard let value = string(&c, shared: true), let type = EntityType(rawValue: value) else { return nil }
                fields.type = type
            case .name:
                guard let value = string(&c, shared: false) else { return nil }
                fields.name = value
            case .aliases:
                guard let value = strings(&c, shared: false) else { return nil }
                fields.aliases = value
            case .attrs:
                guard let value = attributes(&c) else { return nil }
                fields.attrs = value
            case .docs:
                guard let value = documents(&c) else { return nil }
                fields.docs = value
            case .mentions:
                guard let value = c.wholeNumber() else { return nil }
                fields.mentions = value
            case .relation:
                guard let value = string(&c, shared: true), let relation = Relation(rawValue: value) else { return nil }
                fields.relation = relation
            case .subject:
                guard let value = string(&c, shared: false) else { return nil }
                fields.subject = value
            case .object:
                guard let value = string(&c, shared: false) else { return nil }
                fields.object = value
            case .support:
                guard let value = c.wholeNumber() else { return nil }
                fields.support = value
            case .evidence:
                guard let value = evidenceList(&c) else { return nil }
                fields.evidence = value
            default: return nil
            }
            guard c.skipBlanks() else { return nil }
        } while c.take(UInt8(ascii: ","))
        guard c.take(UInt8(ascii: "}")), c.skipBlanks(), c.atEnd else { return nil }
        return fields.line()
    }

    /// The keys of entity and edge lines (and of evidence), recognised by their bytes.
    enum Key: Int {
        case kind, id, type, name, aliases, attrs, docs, mentions
        case relation, subject, object, support, evidence
        case doc, start, end, sentence, rule, confidence
    }

    /// What one line gave, checked against what an entity or an edge needs.
    struct Fields {
        var seen: UInt32 = 0
        var kind: String?
        var id: String?, type: EntityType?, name: String?, aliases: [String]?, attrs: [String: String]?
        var docs: DocumentList?, mentions: Int?
        var relation: Relation?, subject: String?, object: String?, support: Int?, evidence: [Evidence]?

        mutating func note(_ key: Key) -> Bool {
            let bit = UInt32(1) << key.rawValue
            defer { seen |= bit }
            return seen & bit == 0
        }

        func line() -> Line? {
            switch kind {
            case "entity":
                guard let id, let type, let name, relation == nil, subject == nil, object == nil, support == nil,
                    evidence == nil
                else { return nil }
                return .entity(
                    Entity(
                        id: id, type: type, name: name, aliases: aliases ?? [], attrs: attrs ?? [:],
                        documents: docs ?? [], mentions: mentions ?? 1))
            case "edge":
                guard let relation, let subject, let object, id == nil, type == nil, name == nil, aliases == nil,
                    docs == nil, mentions == nil
                else { return nil }
                let evidence = evidence ?? []
                return .edge(
                    Edge(
                        relation: relation, subject: subject, object: object, attrs: attrs ?? [:],
                        evidence: evidence, support: support ?? evidence.count))
            default:
                return nil
            }
        }
    }

    private mutating func evidenceList(_ c: inout Cursor) -> [Evidence]? {
        guard c.take(UInt8(ascii: "[")), c.skipBlanks() else { return nil }
        var list: [Evidence] = []
        if c.take(UInt8(ascii: "]")) { return list }
        repeat {
            guard c.skipBlanks(), let piece = evidence(&c), c.skipBlanks() else { return nil }
            list.append(piece)
        } while c.take(UInt8(ascii: ","))
        return c.take(UInt8(ascii: "]")) ? list : nil
    }

    private mutating func evidence(_ c: inout Cursor) -> Evidence? {
        guard c.take(UInt8(ascii: "{")), c.skipBlanks() else { return nil }
        var seen: UInt32 = 0
        var doc = ""
        var sentence = ""
        var rule = ""
        var start = 0
        var end = 0
        var confidence = 1.0
        if c.take(UInt8(ascii: "}")) { return Evidence(doc: doc, start: start, end: end, sentence: sentence, rule: rule, confidence: confidence) }
        repeat {
            guard c.skipBlanks(), let key = c.key(), c.skipBlanks(), c.take(UInt8(ascii: ":")), c.skipBlanks() else { return nil }
            let bit = UInt32(1) << key.rawValue
            guard seen & bit == 0 else { return nil }
            seen |= bit
            switch key {
            case .doc:
                guard let value = string(&c, shared: true) else { return nil }
                doc = value
            case .sentence:
                guard let value = string(&c, shared: false) else { return nil }
                sentence = value
            case .rule:
                guard let value = string(&c, shared: true) else { return nil }
                rule = value
            case .start:
                guard let value = c.wholeNumber() else { return nil }
                start = value
            case .end:
                guard let value = c.wholeNumber() else { return nil }
                end = value
            case .confidence:
                guard let value = c.fraction(), (0...1).contains(value) else { return nil }
                confidence = value
            default: return nil
            }
            guard c.skipBlanks() else { return nil }
        } while c.take(UInt8(ascii: ","))
        guard c.take(UInt8(ascii: "}")), start <= end else { return nil }
        return Evidence(doc: doc, start: start, end: end, sentence: sentence, rule: rule, confidence: confidence)
    }

    private mutating func strings(_ c: inout Cursor, shared: Bool) -> [String]? {
        guard c.take(UInt8(ascii: "[")), c.skipBlanks() else { return nil }
        var list: [String] = []
        if c.take(UInt8(ascii: "]")) { return list }
        repeat {
            guard c.skipBlanks(), let value = string(&c, shared: shared), c.skipBlanks() else { return nil }
            list.append(value)
        } while c.take(UInt8(ascii: ","))
        return c.take(UInt8(ascii: "]")) ? list : nil
    }

    /// A list of document ids, as their numbers (`DocumentIDs`): each id looked up once a parser.
    private mutating func documents(_ c: inout Cursor) -> DocumentList? {
        guard c.take(UInt8(ascii: "[")), c.skipBlanks() else { return nil }
        var numbers: [UInt32] = []
        if c.take(UInt8(ascii: "]")) { return DocumentList() }
        repeat {
            guard c.skipBlanks(), let raw = c.stringBytes() else { return nil }
            let number: UInt32?
            if raw.hasEscapes {
                guard unescape(raw.bytes) else { return nil }
                number = scratch.withUnsafeBufferPointer { pool.documentNumber($0) }
            } else {
                number = pool.documentNumber(raw.bytes)
            }
            guard let number, c.skipBlanks() else { return nil }
            numbers.append(number)
        } while c.take(UInt8(ascii: ","))
        return c.take(UInt8(ascii: "]")) ? DocumentList(numbers: numbers) : nil
    }

    private mutating func attributes(_ c: inout Cursor) -> [String: String]? {
        guard c.take(UInt8(ascii: "{")), c.skipBlanks() else { return nil }
        var attrs: [String: String] = [:]
        if c.take(UInt8(ascii: "}")) { return attrs }
        repeat {
            guard c.skipBlanks(), let key = string(&c, shared: true), c.skipBlanks(), c.take(UInt8(ascii: ":")), c.skipBlanks(),
                let value = string(&c, shared: true), c.skipBlanks()
            else { return nil }
            // A key given twice: left to the general reader.
            guard attrs.updateValue(value, forKey: key) == nil else { return nil }
        } while c.take(UInt8(ascii: ","))
        return c.take(UInt8(ascii: "}")) ? attrs : nil
    }

    /// A JSON string: its bytes as they stand when it has no escapes, else unescaped; nil for
    /// what JSON does not allow (a control character, a lone surrogate, bytes that are not UTF-8).
    private mutating func string(_ c: inout Cursor, shared: Bool) -> String? {
        guard let (raw, hasEscapes) = c.stringBytes() else { return nil }
        if !hasEscapes { return shared ? pool.string(raw) : makeString(raw) }
        guard unescape(raw) else { return nil }
        return scratch.withUnsafeBufferPointer { shared ? pool.string($0) : makeString($0) }
    }

    /// The escapes of `raw` resolved into `scratch`.
    private mutating func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        scratch.removeAll(keepingCapacity: true)
        var i = 0
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var value: UInt32 = 0
            for byte in raw[at..<(at + 4)] {
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while i < raw.count {
            let byte = raw[i]
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                i += 1
                continue
            }
            guard i + 1 < raw.count else { return false }
            switch raw[i + 1] {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                guard var value = hex4(i + 2) else { return false }
                i += 6
                if (0xD800..<0xDC00).contains(value) {
                    guard i + 1 < raw.count, raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u"),
                        let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
                    else { return false }
                    value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
                    i += 6
                } else if (0xDC00..<0xE000).contains(value) {
                    return false
                }
                guard let scalar = Unicode.Scalar(value) else { return false }
                scratch.append(contentsOf: UTF8.encode(scalar)!)
                continue
            default:
                return false
            }
            i += 2
        }
        return true
    }

    /// A `String` of valid UTF-8, else nil.
    fileprivate static func validString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        // ASCII needs no look at its sequences.
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return String(decoding: bytes, as: UTF8.self)
            case .error: return nil
            }
        }
    }

    private func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { GraphLineParser.validString(bytes) }
}

/// A position in a line's bytes.
private struct Cursor {
    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0

    /// The bytes between a string's quotes, escapes unresolved; nil where JSON allows no string.
    mutating func stringBytes() -> (bytes: UnsafeBufferPointer<UInt8>, hasEscapes: Bool)? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        var hasEscapes = false
        while true {
            guard position < end else { return nil }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                position += 2
            } else {
                position += 1
            }
        }
        let raw = UnsafeBufferPointer(start: base + start, count: position - start)
        position += 1
        return (raw, hasEscapes)
    }

    init(base: UnsafePointer<UInt8>, end: Int) {
        self.base = base
        self.end = end
    }

    var atEnd: Bool { position == end }
    var peek: UInt8? { position < end ? base[position] : nil }

    /// Skips JSON whitespace; always true, so it can stand in a `guard` chain.
    mutating func skipBlanks() -> Bool {
        while position < end {
            switch base[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return true
            }
        }
        return true
    }

    mutating func take(_ byte: UInt8) -> Bool {
        guard position < end, base[position] == byte else { return false }
        position += 1
        return true
    }

    /// A quoted key the parser knows (keys have no escapes in the files it reads).
    mutating func key() -> GraphLineParser.Key? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < end, base[position] != UInt8(ascii: "\""), base[position] != UInt8(ascii: "\\") { position += 1 }
        guard position < end, base[position] == UInt8(ascii: "\"") else { return nil }
        let key = UnsafeBufferPointer(start: base + start, count: position - start)
        position += 1
        func equals(_ literal: StaticString) -> Bool {
            literal.utf8CodeUnitCount == key.count && memcmp(literal.utf8Start, key.baseAddress!, key.count) == 0
        }
        switch key.count {
        case 2: return equals("id") ? .id : nil
        case 3: return equals("doc") ? .doc : equals("end") ? .end : nil
        case 4: return equals("kind") ? .kind : equals("type") ? .type : equals("name") ? .name : equals("docs") ? .docs : equals("rule") ? .rule : nil
        case 5: return equals("attrs") ? .attrs : equals("start") ? .start : nil
        case 6: return equals("object") ? .object : nil
        case 7: return equals("aliases") ? .aliases : equals("subject") ? .subject : equals("support") ? .support : nil
        case 8: return equals("mentions") ? .mentions : equals("relation") ? .relation : equals("evidence") ? .evidence : equals("sentence") ? .sentence : nil
        case 10: return equals("confidence") ? .confidence : nil
        default: return nil
        }
    }

    /// Digits without a sign, a fraction or a leading zero, up to 18 of them: other numbers go
    /// to the general reader, which also says what is wrong with a negative one.
    mutating func wholeNumber() -> Int? {
        let start = position
        var value = 0
        while position < end, base[position] >= 0x30, base[position] <= 0x39 {
            value = value &* 10 &+ Int(base[position] - 0x30)  // more than 18 digits are refused below
            position += 1
        }
        let digits = position - start
        guard digits > 0, digits <= 18, digits == 1 || base[start] != 0x30 else { return nil }
        if position < end, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(base[position]) { return nil }
        return value
    }

    /// A plain number (`0.85`, `1`, `5e-1`) as `strtod` reads it, correctly rounded; no sign.
    mutating func fraction() -> Double? {
        let start = position
        func digits() -> Int {
            let from = position
            while position < end, base[position] >= 0x30, base[position] <= 0x39 { position += 1 }
            return position - from
        }
        let whole = digits()
        guard whole > 0, whole == 1 || base[start] != 0x30 else { return nil }
        if take(UInt8(ascii: ".")) { guard digits() > 0 else { return nil } }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            _ = take(UInt8(ascii: "+")) || take(UInt8(ascii: "-"))
            guard digits() > 0 else { return nil }
        }
        let count = position - start
        guard count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { text in
            for i in 0..<count { text[i] = CChar(bitPattern: base[start + i]) }
            text[count] = 0
            return strtod(text.baseAddress!, nil)
        }
    }
}

/// Strings by their bytes, each made once: a large graph names the same documents, rules and
/// attribute values hundreds of thousands of times.
struct StringPool {
    private var strings: [String] = []
    /// The document number of each pooled string used as a document id (`UInt32.max`: not yet).
    private var documentNumbers: [UInt32] = []
    private var index = HashSlots()

    /// The pooled string with these bytes, nil when they are not UTF-8.
    mutating func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        position(bytes).map { strings[$0] }
    }

    /// The number (`DocumentIDs`) of the document id with these bytes, nil when they are not UTF-8.
    mutating func documentNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard let found = position(bytes) else { return nil }
        if documentNumbers[found] == .max { documentNumbers[found] = DocumentIDs.shared.number(of: strings[found]) }
        return documentNumbers[found]
    }

    private mutating func position(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = ByteHash.hash(bytes)
        func matches(_ found: Int) -> Bool {
            strings[found].withUTF8Bytes { $0.count == bytes.count && (bytes.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0) }
        }
        if let found = index.find(hash: hash, matches: matches) { return found }
        guard let made = GraphLineParser.validString(bytes) else { return nil }
        _ = index.findOrInsert(hash: hash, position: strings.count) { _ in false }
        strings.append(made)
        documentNumbers.append(.max)
        return strings.count - 1
    }
}
