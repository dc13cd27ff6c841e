import Foundation

/// The graph file is the JSON Lines export: a header line, then one entity or
/// edge a line. The scorer and other tools read the same lines (see README, "Graph schema").
public enum GraphFile {
    public static let formatVersion = 1

    public struct ReadError: Error, CustomStringConvertible {
        public let path: String
        public let line: Int
        public let message: String
        public var description: String { "\(path):\(line): error: \(message)" }
    }

    // MARK: Writing

    /// Writes every line of the graph to `sink` in chunks of about a megabyte, entities first,
    /// in stable order: entities by id, edges by (relation, subject, object).
    public static func write(_ graph: Graph, header: [String: String] = [:],
                             to sink: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var out = JSONBuffer(capacity: chunkSize + (1 << 16))
        out.append("{\"kind\":\"graph\",\"version\":")
        out.append(formatVersion)
        out.append(",\"offset_unit\":\"codepoint\"")
        for key in header.keys.sorted() {
            out.append(",")
            out.appendQuoted(key)
            out.append(":")
            out.appendQuoted(header[key]!)
        }
        out.append("}\n")
        // Through buffers: each entity and edge is read in place, where an array subscript
        // would copy it out (and retain every string and array in it).
        let entityOrder = graph.entityOrder()
        try graph.entities.withUnsafeBufferPointer { entities in
            for i in entityOrder {
                appendLine(for: entities[i], to: &out)
                out.append("\n")
                if out.count >= chunkSize { try out.drain(into: sink) }
            }
        }
        try graph.edges.withUnsafeBufferPointer { edges in
            for i in graph.edgeOrder(entityOrder: entityOrder) {
                appendLine(for: edges[i], to: &out)
                out.append("\n")
                if out.count >= chunkSize { try out.drain(into: sink) }
            }
        }
        try out.drain(into: sink)
    }

    static let chunkSize = 1 << 20

    public static func line(for entity: Entity) -> String {
        var out = JSONBuffer()
        appendLine(for: entity, to: &out)
        return out.string
    }

    public static func line(for edge: Edge) -> String {
        var out = JSONBuffer()
        appendLine(for: edge, to: &out)
        return out.string
    }

    static func appendLine(for entity: Entity, to out: inout JSONBuffer) {
        out.append("{\"kind\":\"entity\",\"id\":")
        out.appendQuoted(entity.id)
        out.append(",\"type\":\"")
        out.appendRaw(entity.type.rawValue)
        out.append("\",\"name\":")
        out.appendQuoted(entity.name)
        out.append(",\"aliases\":")
        out.appendArray(entity.aliases)
        out.append(",\"attrs\":")
        out.appendObject(entity.attrs)
        out.append(",\"docs\":")
        out.appendArray(entity.docs)
        out.append(",\"mentions\":")
        out.append(entity.mentions)
        out.append("}")
    }

    static func appendLine(for edge: Edge, to out: inout JSONBuffer) {
        out.append("{\"kind\":\"edge\",\"relation\":\"")
        out.appendRaw(edge.relation.rawValue)
        out.append("\",\"subject\":")
        out.appendQuoted(edge.subject)
        out.append(",\"object\":")
        out.appendQuoted(edge.object)
        if !edge.attrs.isEmpty {
            out.append(",\"attrs\":")
            out.appendObject(edge.attrs)
        }
        out.append(",\"support\":")
        out.append(edge.support)
        out.append(",\"evidence\":[")
        for i in edge.evidence.indices {
            if i > 0 { out.append(",") }
            out.append("{\"doc\":")
            out.appendQuoted(edge.evidence[i].doc)
            out.append(",\"start\":")
            out.append(edge.evidence[i].start)
            out.append(",\"end\":")
            out.append(edge.evidence[i].end)
            out.append(",\"sentence\":")
            out.appendQuoted(edge.evidence[i].sentence)
            out.append(",\"rule\":")
            out.appendQuoted(edge.evidence[i].rule)
            out.append(",\"confidence\":")
            out.append(edge.evidence[i].confidence)
            out.append("}")
        }
        out.append("]}")
    }

    /// Writes the graph to `path` atomically: a temporary file in the same folder, written
    /// chunk by chunk as it is produced, then renamed over the target.
    public static func save(_ graph: Graph, to path: String, header: [String: String] = [:]) throws {
        try AtomicFile.write(to: path) { handle in
            try write(graph, header: header) { chunk in try handle.write(contentsOf: chunk) }
        }
    }

    // MARK: Reading

    public static func load(_ path: String) throws -> Graph {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReadError(path: path, line: 0, message: "cannot read the graph file (does it exist? build one with `tupu build -o \(path)`)")
        }
        return try parse(data, path: path)
    }

    public static func parse(_ data: Data, path: String = "<graph>") throws -> Graph {
        var graph = Graph()
        var lineNumber = 0
        for lineBytes in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if lineBytes.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) { continue }
            let object: [String: Any]
            do {
                guard let parsed = try JSONSerialization.jsonObject(with: Data(lineBytes)) as? [String: Any] else {
                    throw ReadError(path: path, line: lineNumber, message: "a line must be a JSON object")
                }
                object = parsed
            } catch let error as ReadError {
                throw error
            } catch {
                throw ReadError(path: path, line: lineNumber, message: "not JSON: \(error.localizedDescription)")
            }
            switch object["kind"] as? String {
            case "entity": graph.add(try entity(from: object, path: path, line: lineNumber))
            case "edge": graph.add(try edge(from: object, path: path, line: lineNumber))
            default: continue  // header and lines of kinds this version does not know
            }
        }
        return graph
    }

    private static func entity(from o: [String: Any], path: String, line: Int) throws -> Entity {
        guard let id = o["id"] as? String, let typeName = o["type"] as? String,
              let type = EntityType(rawValue: typeName), let name = o["name"] as? String else {
            throw ReadError(path: path, line: line, message: "an entity needs \"id\", \"type\" (place|org|programme|person) and \"name\"")
        }
        return Entity(id: id, type: type, name: name,
                      aliases: o["aliases"] as? [String] ?? [],
                      attrs: o["attrs"] as? [String: String] ?? [:],
                      docs: o["docs"] as? [String] ?? [],
                      mentions: (o["mentions"] as? NSNumber)?.intValue ?? 1)
    }

    private static func edge(from o: [String: Any], path: String, line: Int) throws -> Edge {
        guard let relationName = o["relation"] as? String, let relation = Relation(rawValue: relationName),
              let subject = o["subject"] as? String, let object = o["object"] as? String else {
            throw ReadError(path: path, line: line, message: "an edge needs \"relation\" (\(Relation.allCases.map(\.rawValue).joined(separator: "|"))), \"subject\" and \"object\"")
        }
        var evidence: [Evidence] = []
        for item in o["evidence"] as? [[String: Any]] ?? [] {
            evidence.append(Evidence(doc: item["doc"] as? String ?? "",
                                     start: (item["start"] as? NSNumber)?.intValue ?? 0,
                                     end: (item["end"] as? NSNumber)?.intValue ?? 0,
                                     sentence: item["sentence"] as? String ?? "",
                                     rule: item["rule"] as? String ?? "",
                                     confidence: (item["confidence"] as? NSNumber)?.doubleValue ?? 1))
        }
        return Edge(relation: relation, subject: subject, object: object,
                    attrs: o["attrs"] as? [String: String] ?? [:], evidence: evidence,
                    support: (o["support"] as? NSNumber)?.intValue ?? evidence.count)
    }
}

/// Writes a file so that readers see the old content or the new, never half of it.
public enum AtomicFile {
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { try $0.write(contentsOf: data) }
    }

    /// Lets `produce` write a temporary file beside `path`, then renames it over `path`;
    /// if `produce` throws, the temporary file is removed and `path` is untouched.
    public static func write(to path: String, _ produce: (FileHandle) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: folder.path,
                NSLocalizedDescriptionKey: "the folder \(folder.path) does not exist"])
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
                  let handle = FileHandle(forWritingAtPath: temporary.path) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path,
                    NSLocalizedDescriptionKey: "cannot create \(temporary.path)"])
            }
            do {
                try produce(handle)
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
            // rename(2) replaces the target in one step (Foundation's replaceItemAt is not reliable on Linux).
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                    NSLocalizedDescriptionKey: "cannot replace \(url.path): \(String(cString: strerror(errno)))"])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

/// Minimal JSON writing: strings escaped per RFC 8259, UTF-8 kept as is.
public enum JSON {
    /// The same escaping the graph file uses (`JSONBuffer.appendQuoted`), as a `String`.
    public static func quote(_ s: String) -> String {
        var out = JSONBuffer(capacity: s.utf8.count + 2)
        out.appendQuoted(s)
        return out.string
    }

    public static func array(_ items: [String]) -> String {
        var out = JSONBuffer()
        out.appendArray(items)
        return out.string
    }

    public static func object(_ dict: [String: String]) -> String {
        var out = JSONBuffer()
        out.appendObject(dict)
        return out.string
    }

    /// Whole numbers as integers, others to three significant digits (printf's `%.3g`).
    public static func number(_ x: Double) -> String {
        var out = JSONBuffer(capacity: 8)
        out.append(x)
        return out.string
    }
}
