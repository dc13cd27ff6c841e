import Foundation
import TupuText

/// The graph file is the JSON Lines export: a header line, one entity or edge a line, and (from
/// version 2) an end line with the counts and a checksum of everything before it, so a file cut
/// short at a line boundary, an empty one or a header alone is not taken for a graph. The scorer
/// and other tools read the same lines (see README, "The graph file").
public enum GraphFile {
    public static let formatVersion = 2
    /// Versions this reader understands: 1 had no end line.
    static let readableVersions = 1...2

    public struct ReadError: Error, CustomStringConvertible {
        public let path: String
        public let line: Int
        public let message: String
        public var isWarning = false

        public init(path: String, line: Int, message: String, isWarning: Bool = false) {
            self.path = path
            self.line = line
            self.message = message
            self.isWarning = isWarning
        }

        public var description: String { "\(path):\(line): \(isWarning ? "warning" : "error"): \(message)" }
    }

    // MARK: Writing

    /// Writes every line of the graph to `sink` in chunks of about a megabyte, entities first,
    /// in stable order: entities by id, edges by (relation, subject, object), then one `document`
    /// line per share (in build order; `DocumentLedger.swift`), all before the end line.
    public static func write(
        _ graph: Graph, shares: [DocumentShare] = [], header: [String: String] = [:],
        to sink: (UnsafeRawBufferPointer) throws -> Void
    ) rethrows {
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
        // Every byte before the end line goes through the checksum on its way out.
        var checksum = FNV1a64()
        var documents = DocumentSet()
        // Through buffers: each entity and edge is read in place, where an array subscript
        // would copy it out (and retain every string and array in it).
        let entityOrder = graph.entityOrder()
        try graph.entities.withUnsafeBufferPointer { entities in
            for i in entityOrder {
                documents.formUnion(entities[i].docs)
                appendLine(for: entities[i], to: &out)
                out.append("\n")
                if out.count >= chunkSize {
                    checksum.add(out.bytes)
                    try out.drain(into: sink)
                }
            }
        }
        let edgeOrder = graph.edgeOrder(entityOrder: entityOrder)
        try graph.edges.withUnsafeBufferPointer { edges in
            for i in edgeOrder {
                appendLine(for: edges[i], to: &out)
                out.append("\n")
                if out.count >= chunkSize {
                    checksum.add(out.bytes)
                    try out.drain(into: sink)
                }
            }
        }
        if !shares.isEmpty {
            // A share names entities and edges by their places among the file's entity and edge lines.
            var entityLine = [Int](repeating: 0, count: graph.entities.count)
            for (line, position) in entityOrder.enumerated() { entityLine[position] = line }
            var edgeLine = [Int](repeating: 0, count: graph.edges.count)
            for (line, position) in edgeOrder.enumerated() { edgeLine[position] = line }
            for share in shares {
                appendLine(for: share, in: graph, entityLine: entityLine, edgeLine: edgeLine, to: &out)
                out.append("\n")
                if out.count >= chunkSize {
                    checksum.add(out.bytes)
                    try out.drain(into: sink)
                }
            }
        }
        checksum.add(out.bytes)
        try out.drain(into: sink)
        out.append("{\"kind\":\"end\",\"entities\":")
        out.append(graph.entities.count)
        out.append(",\"edges\":")
        out.append(graph.edges.count)
        out.append(",\"documents\":")
        out.append(documents.count)
        out.append(",\"checksum\":\"")
        out.appendRaw(checksum.text)
        out.append("\"}\n")
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

    // Inlined into the writer's loop, which reads entities and edges in place: a call would copy
    // the element out of its buffer first (retaining every string and array in it).
    @inline(__always)
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

    @inline(__always)
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
        // Read in place: a subscript would copy each piece out (and retain its strings).
        edge.evidence.withUnsafeBufferPointer { evidence in
            for i in evidence.indices {
                if i > 0 { out.append(",") }
                out.append("{\"doc\":")
                out.appendQuoted(evidence[i].doc)
                out.append(",\"start\":")
                out.append(evidence[i].start)
                out.append(",\"end\":")
                out.append(evidence[i].end)
                out.append(",\"sentence\":")
                out.appendQuoted(evidence[i].sentence)
                out.append(",\"rule\":")
                out.appendQuoted(evidence[i].rule)
                out.append(",\"confidence\":")
                out.append(evidence[i].confidence)
                out.append("}")
            }
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

    /// The longest line read; a longer one is an error at its line.
    public static let maximumLineBytes = ByteLines.defaultMaximumLength

    /// Reads a graph file a line at a time (memory grows with the graph, not the file). Every
    /// error names the file and line; `warn` hears of what loads but looks wrong (a version 1
    /// file without an end line, an id given twice).
    ///
    /// With `index`, the graph comes from the file's sidecar (`GraphIndex`) when it was made from
    /// this very file; else the file is read, and (`.readAndWrite`) a sidecar made of it for the next
    /// time when the file read without a warning (a sidecar that cannot be written is simply not written).
    public static func load(_ path: String, index: GraphIndex.Use = .off, warn: (ReadError) -> Void = { _ in }) throws -> Graph {
        try load(path, keepingShares: false, index: index, warn: warn).graph
    }

    /// `load`, with the document shares (none when the graph was built without them).
    public static func loadWithShares(
        _ path: String, index: GraphIndex.Use = .off, warn: (ReadError) -> Void = { _ in }
    ) throws -> (graph: Graph, shares: [DocumentShare]) {
        try load(path, keepingShares: true, index: index, warn: warn)
    }

    private static func load(
        _ path: String, keepingShares: Bool, index: GraphIndex.Use, warn: (ReadError) -> Void
    ) throws -> (graph: Graph, shares: [DocumentShare]) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ReadError(path: path, line: 0, message: "cannot read the graph file (does it exist? build one with `tupu build -o \(path)`)")
        }
        defer { close(descriptor) }
        guard index != .off, let stamp = GraphIndex.stamp(ofOpen: descriptor) else {
            return try read(descriptor: descriptor, path: path, keepingShares: keepingShares, warn: warn)
        }
        let indexPath = GraphIndex.path(for: path)
        if case .success(let loaded) = GraphIndex.read(indexPath, for: stamp, graphPath: path, keepingShares: keepingShares) {
            return loaded
        }
        guard index == .readAndWrite else { return try read(descriptor: descriptor, path: path, keepingShares: keepingShares, warn: warn) }
        var warned = false
        let loaded = try read(
            descriptor: descriptor, path: path, maximumLineBytes: maximumLineBytes, keepingShares: keepingShares, keepingDocumentLines: true
        ) {
            warned = true
            warn($0)
        }
        // Only the reading of a file that did not change while it was read, and said nothing.
        if !warned, GraphIndex.stamp(ofOpen: descriptor) == stamp {
            try? GraphIndex.write(loaded.graph, documentLines: loaded.documentLines, stamp: stamp, to: indexPath)
        }
        return (loaded.graph, loaded.shares)
    }

    /// The same from an open file (standard input), which may never end: a line longer than
    /// `maximumLineBytes` stops it with an error.
    public static func read(
        descriptor: Int32, path: String, maximumLineBytes: Int = maximumLineBytes,
        warn: (ReadError) -> Void = { _ in }
    ) throws -> Graph {
        try read(descriptor: descriptor, path: path, maximumLineBytes: maximumLineBytes, keepingShares: false, warn: warn).graph
    }

    /// `read`, with the document shares when `keepingShares`.
    public static func read(
        descriptor: Int32, path: String, maximumLineBytes: Int = maximumLineBytes, keepingShares: Bool,
        warn: (ReadError) -> Void = { _ in }
    ) throws -> (graph: Graph, shares: [DocumentShare]) {
        let loaded = try read(
            descriptor: descriptor, path: path, maximumLineBytes: maximumLineBytes, keepingShares: keepingShares, keepingDocumentLines: false,
            warn: warn)
        return (loaded.graph, loaded.shares)
    }

    /// `read`, with the text of the document lines when `keepingDocumentLines` (for the sidecar).
    static func read(
        descriptor: Int32, path: String, maximumLineBytes: Int, keepingShares: Bool, keepingDocumentLines: Bool,
        warn: (ReadError) -> Void
    ) throws -> (graph: Graph, shares: [DocumentShare], documentLines: [String]) {
        var reader = Reader(path: path)
        if keepingShares { reader.documentLines = [] }
        if keepingDocumentLines { reader.documentLineTexts = [] }
        var batch = LineBatch()
        let failure = try ByteLines(descriptor: descriptor, maximumLength: maximumLineBytes).forEach { item in
            switch item {
            case .line(let number, let bytes):
                batch.append(bytes, line: number)
                if batch.isFull { try reader.read(&batch) }
            case .tooLong(let number):
                try reader.read(&batch)
                throw ReadError(path: path, line: number, message: "line longer than \(maximumLineBytes >> 20) MB; not a graph file")
            }
        }
        try reader.read(&batch)
        if let failure {
            throw ReadError(path: path, line: reader.lastLine, message: "cannot read on: \(String(cString: strerror(failure)))")
        }
        let graph = try reader.finish(warn: warn)
        let shares = try (reader.documentLines ?? []).map { try share(from: $0.object, in: graph, path: path, line: $0.line) }
        return (graph, shares, reader.documentLineTexts ?? [])
    }

    public static func parse(_ data: Data, path: String = "<graph>", warn: (ReadError) -> Void = { _ in }) throws -> Graph {
        try parse(data, path: path, batchBytes: LineBatch.size, warn: warn)
    }

    /// `parse` in batches of about `batchBytes`: small ones let tests cross batch boundaries.
    static func parse(_ data: Data, path: String, batchBytes: Int, warn: (ReadError) -> Void = { _ in }) throws -> Graph {
        var reader = Reader(path: path)
        var batch = LineBatch(size: batchBytes)
        try data.withUnsafeBytes { bytes in
            var start = 0
            var number = 1
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                batch.append(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), line: number)
                if batch.isFull { try reader.read(&batch) }
                start = end + 1
                number += 1
            }
        }
        try reader.read(&batch)
        return try reader.finish(warn: warn)
    }

    /// Lines gathered to be read together: parsed in parallel, then taken in order.
    struct LineBatch {
        var bytes: [UInt8] = []
        var lines: [(start: Int, end: Int, number: Int)] = []
        /// About this many bytes a batch: enough to keep both cores busy, small beside a graph.
        static let size = 4 << 20
        var size = LineBatch.size

        var isFull: Bool { bytes.count >= size }

        mutating func append(_ line: UnsafeRawBufferPointer, line number: Int) {
            let start = bytes.count
            bytes.append(contentsOf: line)
            lines.append((start, bytes.count, number))
        }
    }

    /// What a line holds, worked out apart from the lines around it (so on any core).
    enum ParsedLine {
        case blank
        case entity(Entity)
        case edge(Edge)
        /// Any other object (the header, the end line, kinds this version does not know).
        case object([String: Any])
        /// An entity or edge line the general reader refused, with its error.
        case refused(kind: String, ReadError)
        /// Not a JSON object.
        case invalid(ReadError)
    }

    /// Reads lines in order and checks them against the header and the end line.
    struct Reader {
        let path: String
        var graph = Graph()
        var version: Int?
        var endLine: Int?
        var lastLine = 0
        var checksum = FNV1a64()
        var entityLines = 0, edgeLines = 0
        var documents = DocumentSet()
        /// Edges whose ends were not known when they were read: checked at the end.
        var unresolvedEnds: [(line: Int, id: String)] = []
        /// The `document` lines, when they are wanted (nil: skipped like any kind not known).
        var documentLines: [(line: Int, object: [String: Any])]?
        /// The text of the `document` lines, when it is wanted (for the sidecar).
        var documentLineTexts: [String]?
        /// The first `warningLimit` warnings, and how many more there were.
        var warnings: [ReadError] = []
        var warningsLeftOut = 0
        static let warningLimit = 20
        /// One fast parser per slice of a batch, each keeping its pool of shared strings.
        var parsers: [GraphLineParser] = []

        mutating func note(_ line: Int, _ message: String) {
            if warnings.count < Reader.warningLimit {
                warnings.append(ReadError(path: path, line: line, message: message, isWarning: true))
            } else {
                warningsLeftOut += 1
            }
        }

        init(path: String) { self.path = path }

        func error(_ line: Int, _ message: String) -> ReadError { ReadError(path: path, line: line, message: message) }

        /// Reads the batch's lines and empties it. They are parsed on all cores, in slices, while
        /// one more task runs the checksum over them; then they are taken in order.
        mutating func read(_ batch: inout LineBatch) throws {
            guard !batch.lines.isEmpty else { return }
            defer {
                batch.bytes.removeAll(keepingCapacity: true)
                batch.lines.removeAll(keepingCapacity: true)
            }
            let slices = batch.lines.count < 256 ? 1 : 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)
            while parsers.count < slices { parsers.append(GraphLineParser()) }
            var parsed = [ParsedLine](repeating: .blank, count: batch.lines.count)
            let before = checksum
            var after = checksum
            let path = self.path
            let lines = batch.lines
            batch.bytes.withUnsafeBytes { bytes in
                parsed.withUnsafeMutableBufferPointer { parsedSlots in
                    parsers.withUnsafeMutableBufferPointer { parserSlots in
                        let parsed = parsedSlots
                        let parsers = parserSlots
                        func task(_ index: Int) {
                            if index == slices {
                                for line in lines {
                                    after.add(UnsafeRawBufferPointer(rebasing: bytes[line.start..<line.end]))
                                    after.add(byte: 0x0A)
                                }
                                return
                            }
                            let from = lines.count * index / slices
                            let to = lines.count * (index + 1) / slices
                            for i in from..<to {
                                let line = lines[i]
                                parsed[i] = Reader.parse(
                                    UnsafeRawBufferPointer(rebasing: bytes[line.start..<line.end]),
                                    line: line.number, path: path, with: &parsers[index])
                            }
                        }
                        if slices == 1 {
                            task(0)
                            task(1)
                        } else {
                            // Each task writes its own slots (and the checksum task its own value).
                            let work = UncheckedTask(run: task)
                            DispatchQueue.concurrentPerform(iterations: slices + 1) { work.run(slices - $0) }
                        }
                    }
                }
            }
            let endBefore = endLine
            // Each line is moved out of `parsed` and taken: a copy would retain every string in it.
            for i in parsed.indices {
                let line = lines[i]
                lastLine = line.number
                let taken = parsed.withUnsafeMutableBufferPointer { slots in
                    let moved = (slots.baseAddress! + i).move()
                    (slots.baseAddress! + i).initialize(to: .blank)
                    return moved
                }
                if endLine == nil, case .object(let object) = taken, version != nil, object["kind"] as? String == "end" {
                    // The checksum stops before the end line.
                    checksum = before
                    batch.bytes.withUnsafeBytes { bytes in
                        for earlier in lines[..<i] {
                            checksum.add(UnsafeRawBufferPointer(rebasing: bytes[earlier.start..<earlier.end]))
                            checksum.add(byte: 0x0A)
                        }
                    }
                }
                if documentLineTexts != nil, case .object(let object) = taken, object["kind"] as? String == "document" {
                    documentLineTexts!.append(
                        batch.bytes.withUnsafeBytes { String(decoding: UnsafeRawBufferPointer(rebasing: $0[line.start..<line.end]), as: UTF8.self) })
                }
                try take(taken, line: line.number)
            }
            if endBefore == nil && endLine == nil { checksum = after }
        }

        /// The line's meaning: by the fast parser when it can, else by the general one.
        static func parse(_ bytes: UnsafeRawBufferPointer, line: Int, path: String, with parser: inout GraphLineParser) -> ParsedLine {
            if bytes.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) { return .blank }
            switch parser.parse(bytes) {
            case .entity(let entity): return .entity(entity)
            case .edge(let edge): return .edge(edge)
            case nil: break
            }
            func error(_ message: String) -> ReadError { ReadError(path: path, line: line, message: message) }
            let object: [String: Any]
            do {
                guard let parsed = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
                    return .invalid(error("a line must be a JSON object"))
                }
                object = parsed
            } catch {
                return .invalid(ReadError(path: path, line: line, message: "not JSON: \(error.localizedDescription)"))
            }
            do {
                switch object["kind"] as? String {
                case "entity": return .entity(try GraphFile.entity(from: object, path: path, line: line))
                case "edge": return .edge(try GraphFile.edge(from: object, path: path, line: line))
                default: return .object(object)
                }
            } catch let failure as ReadError {
                return .refused(kind: object["kind"] as? String ?? "", failure)
            } catch {
                return .invalid(ReadError(path: path, line: line, message: "\(error)"))
            }
        }

        /// Takes one parsed line, in file order.
        mutating func take(_ parsed: consuming ParsedLine, line: Int) throws {
            if case .blank = parsed { return }
            if let endLine {
                throw error(line, "a line after the end line (line \(endLine)); the file was changed after it was written")
            }
            let kind: String?
            switch parsed {
            case .blank: return
            case .invalid(let failure): throw failure
            case .entity: kind = "entity"
            case .edge: kind = "edge"
            case .refused(let refusedKind, _): kind = refusedKind
            case .object(let object): kind = object["kind"] as? String
            }
            if version == nil {
                guard kind == "graph", case .object(let object) = parsed else {
                    throw error(line, "not a Tupu graph file: the first line must be the header {\"kind\":\"graph\",\"version\":\(formatVersion),…}")
                }
                guard let number = object["version"] as? NSNumber, let given = Int(exactly: number.doubleValue),
                    readableVersions.contains(given)
                else {
                    throw error(
                        line,
                        "unknown graph file version \(object["version"].map { "\($0)" } ?? "(none)"); this Tupu reads versions \(readableVersions.lowerBound)–\(readableVersions.upperBound)"
                    )
                }
                self.version = given
                return
            }
            switch parsed {
            case .entity(let entity):
                entityLines += 1
                documents.formUnion(entity.docs)
                let before = graph.entities.count
                let id = entity.id
                graph.add(entity)
                if graph.entities.count == before {
                    note(line, "entity id \"\(id)\" given again; merged with the earlier line")
                }
            case .edge(var edge):
                edgeLines += 1
                // The ends share the strings of the entities' ids (a large graph holds each once).
                if let id = graph.entityID(sameAs: edge.subject) { edge.subject = id } else { unresolvedEnds.append((line, edge.subject)) }
                if let id = graph.entityID(sameAs: edge.object) { edge.object = id } else { unresolvedEnds.append((line, edge.object)) }
                let before = graph.edges.count
                let key = edge.key
                graph.add(edge)
                if graph.edges.count == before {
                    note(line, "edge \(key.relation.rawValue)(\(key.subject), \(key.object)) given again; merged with the earlier line")
                }
            case .refused(_, let failure):
                throw failure
            case .object(let object):
                switch kind {
                case "end":
                    endLine = line
                    try checkEnd(object, line: line)
                case "graph":
                    throw error(line, "a second header line")
                case "document":
                    documentLines?.append((line, object))
                default:
                    break  // lines of kinds this version does not know
                }
            case .blank, .invalid:
                break
            }
        }

        func checkEnd(_ object: [String: Any], line: Int) throws {
            func count(_ key: String) throws -> Int {
                guard let number = object[key] as? NSNumber, let value = Int(exactly: number.doubleValue), value >= 0 else {
                    throw error(line, "the end line needs \"\(key)\", a whole number ≥ 0")
                }
                return value
            }
            let read = [("entities", entityLines), ("edges", edgeLines), ("documents", documents.count)]
            for (key, found) in read {
                let written = try count(key)
                if written != found {
                    throw error(line, "the end line says \(written) \(key), the lines before it hold \(found): the file was cut or changed")
                }
            }
            guard let written = object["checksum"] as? String else { throw error(line, "the end line needs \"checksum\"") }
            if written != checksum.text {
                throw error(line, "checksum \(checksum.text) of the lines before the end line, the end line says \(written): the file was changed")
            }
        }

        /// The graph, once every line is read: a version 2 file must have ended with its end
        /// line, and every edge must join entities of the file.
        mutating func finish(warn: (ReadError) -> Void) throws -> Graph {
            guard let version else {
                throw error(max(lastLine, 1), lastLine == 0 ? "empty graph file" : "not a Tupu graph file: no header line")
            }
            for (line, id) in unresolvedEnds where graph.entity(id: id) == nil {
                throw error(line, "an edge to \"\(id)\", which is no entity of the file")
            }
            if endLine == nil {
                if version >= 2 {
                    throw error(lastLine + 1, "no end line: the file was cut short (\(entityLines) entities and \(edgeLines) edges read)")
                }
                warn(
                    ReadError(
                        path: path, line: lastLine,
                        message: "a version 1 graph file has no end line, so a file cut short cannot be told apart; rebuild it to check", isWarning: true))
            }
            for warning in warnings { warn(warning) }
            if warningsLeftOut > 0 {
                warn(ReadError(path: path, line: lastLine, message: "\(warningsLeftOut) more ids given again, not listed", isWarning: true))
            }
            return graph
        }
    }

    static func entity(from o: [String: Any], path: String, line: Int) throws -> Entity {
        func fail(_ message: String) -> ReadError { ReadError(path: path, line: line, message: message) }
        guard let id = o["id"] as? String, let typeName = o["type"] as? String,
            let type = EntityType(rawValue: typeName), let name = o["name"] as? String
        else {
            throw fail("an entity needs \"id\", \"type\" (place|org|programme|person) and \"name\"")
        }
        return Entity(
            id: id, type: type, name: name,
            aliases: try strings(o["aliases"], "aliases", fail),
            attrs: try attributes(o["attrs"], fail),
            docs: try strings(o["docs"], "docs", fail),
            mentions: try wholeNumber(o["mentions"], "mentions", fail) ?? 1)
    }

    static func edge(from o: [String: Any], path: String, line: Int) throws -> Edge {
        func fail(_ message: String) -> ReadError { ReadError(path: path, line: line, message: message) }
        guard let relationName = o["relation"] as? String, let relation = Relation(rawValue: relationName),
            let subject = o["subject"] as? String, let object = o["object"] as? String
        else {
            throw fail("an edge needs \"relation\" (\(Relation.allCases.map(\.rawValue).joined(separator: "|"))), \"subject\" and \"object\"")
        }
        var evidence: [Evidence] = []
        guard let items = o["evidence"] as? [Any] ?? (o["evidence"] == nil ? [] : nil) else {
            throw fail("\"evidence\" must be a list")
        }
        for case let item in items {
            guard let item = item as? [String: Any] else { throw fail("each piece of \"evidence\" must be an object") }
            let start = try wholeNumber(item["start"], "start", fail) ?? 0
            let end = try wholeNumber(item["end"], "end", fail) ?? 0
            guard start <= end else { throw fail("evidence \"start\" \(start) is after its \"end\" \(end)") }
            guard let confidence = item["confidence"].map({ $0 as? NSNumber }) ?? NSNumber(value: 1),
                (0...1).contains(confidence.doubleValue)
            else {
                throw fail("evidence \"confidence\" must be a number from 0 to 1")
            }
            guard let doc = item["doc"].map({ $0 as? String }) ?? "", let sentence = item["sentence"].map({ $0 as? String }) ?? "",
                let rule = item["rule"].map({ $0 as? String }) ?? ""
            else {
                throw fail("evidence \"doc\", \"sentence\" and \"rule\" must be strings")
            }
            evidence.append(
                Evidence(
                    doc: doc, start: start, end: end, sentence: sentence, rule: rule,
                    confidence: confidence.doubleValue))
        }
        return Edge(
            relation: relation, subject: subject, object: object,
            attrs: try attributes(o["attrs"], fail), evidence: evidence,
            support: try wholeNumber(o["support"], "support", fail) ?? evidence.count)
    }

    /// nil when absent; an error unless a whole number ≥ 0 (offsets, counts).
    private static func wholeNumber(_ value: Any?, _ key: String, _ fail: (String) -> ReadError) throws -> Int? {
        guard let value else { return nil }
        guard let number = value as? NSNumber, !(value is String), let whole = Int(exactly: number.doubleValue), whole >= 0 else {
            throw fail("\"\(key)\" must be a whole number ≥ 0, not \(value)")
        }
        return whole
    }

    private static func strings(_ value: Any?, _ key: String, _ fail: (String) -> ReadError) throws -> [String] {
        guard let value else { return [] }
        guard let list = value as? [String] else { throw fail("\"\(key)\" must be a list of strings") }
        return list
    }

    private static func attributes(_ value: Any?, _ fail: (String) -> ReadError) throws -> [String: String] {
        guard let value else { return [:] }
        guard let attrs = value as? [String: String] else { throw fail("\"attrs\" must be an object of strings") }
        return attrs
    }
}

/// A task whose runs touch disjoint memory, for `concurrentPerform`.
private struct UncheckedTask: @unchecked Sendable {
    let run: (Int) -> Void
}

/// FNV-1a, 64 bits: the graph file's checksum (a guard against cut and changed files, not against
/// forgery), written as `fnv1a64:` and sixteen hex digits.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
    }

    mutating func add(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        value = hash
    }

    var text: String {
        let digits = String(value, radix: 16)
        return "fnv1a64:" + String(repeating: "0", count: 16 - digits.count) + digits
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
            throw CocoaError(
                .fileNoSuchFile,
                userInfo: [
                    NSFilePathErrorKey: folder.path,
                    NSLocalizedDescriptionKey: "the folder \(folder.path) does not exist"
                ])
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        do {
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
                let handle = FileHandle(forWritingAtPath: temporary.path)
            else {
                throw CocoaError(
                    .fileWriteNoPermission,
                    userInfo: [
                        NSFilePathErrorKey: temporary.path,
                        NSLocalizedDescriptionKey: "cannot create \(temporary.path)"
                    ])
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
                throw CocoaError(
                    .fileWriteUnknown,
                    userInfo: [
                        NSFilePathErrorKey: url.path,
                        NSLocalizedDescriptionKey: "cannot replace \(url.path): \(String(cString: strerror(errno)))"
                    ])
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
