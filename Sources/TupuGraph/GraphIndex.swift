import Foundation
import TupuKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The graph file's binary sidecar, `FILE.tupuidx`: the graph a load of FILE gives (entities and
/// edges in file order, evidence, the document lines), read back without parsing a line of JSON.
/// The JSON Lines file stays the graph; the sidecar is a cache of its reading, made the first time
/// the file is read and trusted only while the file is the one it was made from (same size, same
/// modification and change times to the nanosecond, same first and last 64 KB, where the header
/// and the end line with its checksum of every line sit). Deleting it is always safe.
///
/// Layout, native byte order (the magic number tells a machine of the other order), 80-byte header:
/// magic, version, the graph file's size, modification and change times and head-and-tail hash,
/// then the body's length and hash. The body: the distinct strings (offsets into one UTF-8 blob), the
/// distinct lists of string numbers (aliases, documents, attributes as key, value, …), then
/// entities, edges and evidence as fixed-width records of 32-bit words, and the document lines.
public enum GraphIndex {
    public static let suffix = ".tupuidx"

    /// How a reading of a graph file uses its sidecar.
    public enum Use: Sendable {
        /// Not at all: the file alone.
        case off
        /// The sidecar when it is good; none made (the file is about to be written over).
        case readOnly
        /// The sidecar when it is good; else one made of the file read.
        case readAndWrite
    }

    /// Where the sidecar of the graph file at `graphPath` lives.
    public static func path(for graphPath: String) -> String { graphPath + suffix }

    /// Removes the sidecar of a graph file just written over: it could only be stale. The next
    /// reading makes a new one (a build does not, where the sidecar's memory would add to the build's).
    public static func removeSidecar(of graphPath: String) {
        unlink(path(for: graphPath))
    }

    /// "TUPUIDX1" read as a native 64-bit word.
    static let magic = UInt64(littleEndian: 0x3158_4449_5550_5554)
    static let version: UInt32 = 1
    static let headerBytes = 80
    /// The body is hashed a megabyte at a time (`hash(of:)`).
    static let hashChunk = 1 << 20
    /// Bytes hashed at each end of the graph file for its stamp.
    static let stampBytes = 1 << 16

    /// What the sidecar checks the graph file against.
    struct Stamp: Equatable {
        var size: UInt64
        /// Last modified: set by every write (and by `touch -d`, which is why `changed` is there too).
        var modified: Time
        /// Last changed (written, renamed, `chmod`ed): set by the system only.
        var changed: Time
        /// `ByteHash` of the first and the last `stampBytes` of the file.
        var ends: UInt64
    }

    /// The stamp of the open file, or nil when it is not a regular file or cannot be read.
    static func stamp(ofOpen descriptor: Int32) -> Stamp? {
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        let span = min(size, stampBytes)
        var head = [UInt8](repeating: 0, count: span)
        var tail = [UInt8](repeating: 0, count: span)
        guard readFully(descriptor, into: &head, at: 0), readFully(descriptor, into: &tail, at: size - span) else { return nil }
        let ends = tail.withUnsafeBytes { tail in head.withUnsafeBytes { ByteHash.hash($0, seed: ByteHash.hash(tail)) } }
        #if canImport(Darwin)
            let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
            let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        return Stamp(
            size: UInt64(size), modified: Time(seconds: Int64(modified.tv_sec), nanoseconds: Int64(modified.tv_nsec)),
            changed: Time(seconds: Int64(changed.tv_sec), nanoseconds: Int64(changed.tv_nsec)), ends: ends)
    }

    struct Time: Equatable {
        var seconds: Int64
        var nanoseconds: Int64
    }

    private static func readFully(_ descriptor: Int32, into buffer: inout [UInt8], at offset: Int) -> Bool {
        buffer.withUnsafeMutableBytes { bytes in
            var done = 0
            while done < bytes.count {
                let count = pread(descriptor, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                done += count
            }
            return true
        }
    }

    // MARK: Reading

    /// Why a sidecar was not used (the graph file is read instead).
    public enum Refusal: Error, Equatable {
        case missing
        /// Made from another version of the graph file.
        case stale
        /// Not a sidecar this version reads, or damaged.
        case unreadable(String)
    }

    /// The graph (and, when `keepingShares`, its document shares) from the sidecar at `indexPath`,
    /// when it was made from the graph file stamped `stamp` (`graphPath` names it in errors).
    static func read(
        _ indexPath: String, for stamp: Stamp, graphPath: String, keepingShares: Bool
    ) -> Result<(graph: Graph, shares: [DocumentShare]), Refusal> {
        let descriptor = open(indexPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.missing) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) >= headerBytes else {
            return .failure(.unreadable("shorter than its header"))
        }
        let size = Int(info.st_size)
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            return .failure(.unreadable("cannot map it"))
        }
        defer { munmap(mapped, size) }
        let file = UnsafeRawBufferPointer(start: UnsafeRawPointer(mapped), count: size)
        func word(_ offset: Int) -> UInt64 { file.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        guard word(0) == magic, word(8) == UInt64(version) else {
            return .failure(.unreadable("not a sidecar of this version"))
        }
        let made = Stamp(
            size: word(16), modified: Time(seconds: Int64(bitPattern: word(24)), nanoseconds: Int64(bitPattern: word(32))),
            changed: Time(seconds: Int64(bitPattern: word(40)), nanoseconds: Int64(bitPattern: word(48))), ends: word(56))
        guard made == stamp else { return .failure(.stale) }
        guard word(64) == UInt64(size - headerBytes) else { return .failure(.unreadable("cut short or grown")) }
        let body = UnsafeRawBufferPointer(rebasing: file[headerBytes...])
        guard hash(of: body) == word(72) else { return .failure(.unreadable("its content does not match its hash")) }
        do {
            var reader = BodyReader(body: body)
            let (graph, documentLines) = try reader.graph()
            guard keepingShares else { return .success((graph, [])) }
            var shares: [DocumentShare] = []
            shares.reserveCapacity(documentLines.count)
            for line in documentLines {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    throw Refusal.unreadable("a document line that is not an object")
                }
                shares.append(try GraphFile.share(from: object, in: graph, path: graphPath, line: 0))
            }
            return .success((graph, shares))
        } catch let refusal as Refusal {
            return .failure(refusal)
        } catch {
            return .failure(.unreadable("\(error)"))
        }
    }

    /// The body's hash: `ByteHash` of each megabyte, on all cores, then of those hashes in order.
    static func hash(of body: UnsafeRawBufferPointer) -> UInt64 {
        let chunk = hashChunk
        let chunks = (body.count + chunk - 1) / chunk
        var hashes = [UInt64](repeating: 0, count: chunks)
        hashes.withUnsafeMutableBufferPointer { slots in
            let slots = SendableSlots(base: slots.baseAddress)
            let body = SendableBytes(bytes: body)
            DispatchQueue.concurrentPerform(iterations: chunks) { i in
                let piece = UnsafeRawBufferPointer(rebasing: body.bytes[(i * chunk)..<min(body.bytes.count, (i + 1) * chunk)])
                slots.base![i] = ByteHash.hash(piece, seed: UInt64(i))
            }
        }
        return hashes.withUnsafeBytes { ByteHash.hash($0, seed: UInt64(body.count)) }
    }

    /// Reads the body, checking every count, offset and number against what is there: a damaged
    /// sidecar is refused, never trusted past its end.
    struct BodyReader {
        let body: UnsafeRawBufferPointer
        var offset = 0
        /// The strings' offsets (`readStrings` checked them) and UTF-8 blob, to hash them in place.
        var stringOffsets = UnsafeRawBufferPointer(start: nil, count: 0)
        var stringBlob = UnsafeRawBufferPointer(start: nil, count: 0)

        init(body: UnsafeRawBufferPointer) { self.body = body }

        mutating func count(_ what: String) throws -> Int {
            guard offset + 8 <= body.count else { throw Refusal.unreadable("cut short before the \(what)") }
            let value = body.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
            guard value <= UInt64(body.count) else { throw Refusal.unreadable("an impossible count of \(what)") }
            return Int(value)
        }

        mutating func take(_ byteCount: Int, _ what: String) throws -> UnsafeRawBufferPointer {
            guard byteCount >= 0, offset + byteCount <= body.count else { throw Refusal.unreadable("cut short in the \(what)") }
            defer { offset += byteCount }
            return UnsafeRawBufferPointer(rebasing: body[offset..<(offset + byteCount)])
        }

        mutating func graph() throws -> (Graph, documentLines: [String]) {
            let strings = try readStrings()
            // Read through a buffer: each string taken from it costs one retain, and no bounds check twice.
            return try strings.withUnsafeBufferPointer { try graph(strings: $0) }
        }

        mutating func graph(strings: UnsafeBufferPointer<String>) throws -> (Graph, documentLines: [String]) {
            let lists = try Lists(&self, stringCount: strings.count)

            let entityCount = try count("entities")
            let entityRecords = Words(try take(entityCount * Record.entityWords * 4, "entities"))
            let edgeCount = try count("edges")
            let edgeRecords = Words(try take(edgeCount * Record.edgeWords * 4, "edges"))
            let evidenceCount = try count("evidence")
            let evidenceRecords = Words(try take(evidenceCount * Record.evidenceWords * 4, "evidence"))
            let documentLineCount = try count("document lines")
            let documentLineWords = Words(try take(documentLineCount * 4, "document lines"))
            guard offset == body.count else { throw Refusal.unreadable("bytes after the document lines") }

            func string(_ number: UInt32) throws -> String {
                guard Int(number) < strings.count else { throw Refusal.unreadable("a string number out of range") }
                return strings[Int(number)]
            }
            var aliasLists = [[String]?](repeating: nil, count: lists.count)
            var attributeLists = [[String: String]?](repeating: nil, count: lists.count)
            var documentLists = [DocumentList?](repeating: nil, count: lists.count)
            var documentNumbers = [UInt32](repeating: .max, count: strings.count)
            var evidenceDocuments = DocumentSet()

            // Ids and edge keys hashed on all cores first: hashing them one by one as the graph
            // takes them in was most of the reading. A number out of range hashes as 0 (and is refused below).
            // Hashed from the blob's bytes: the strings made of them, copied out, would each be retained.
            let shared = SendableRecords(offsets: stringOffsets, blob: stringBlob, entities: entityRecords, edges: edgeRecords)
            let stringCount = strings.count
            let idHashes = GraphIndex.onAllCores(count: entityCount) { i in
                let id = Int(shared.entities[i * Record.entityWords])
                return id < stringCount ? shared.hash(ofString: id, seed: 0) : 0
            }
            let relationCount = UInt32(Relation.allCases.count)
            let keyHashes = GraphIndex.onAllCores(count: edgeCount) { i in
                let word = i * Record.edgeWords
                let (relation, subject, object) = (shared.edges[word], Int(shared.edges[word + 1]), Int(shared.edges[word + 2]))
                guard relation < relationCount, subject < entityCount, object < entityCount else { return 0 }
                let subjectID = Int(shared.entities[subject * Record.entityWords])
                let objectID = Int(shared.entities[object * Record.entityWords])
                guard subjectID < stringCount, objectID < stringCount else { return 0 }
                return shared.hash(ofString: objectID, seed: shared.hash(ofString: subjectID, seed: UInt64(relation)))
            }

            var graph = Graph()
            graph.reserveCapacity(entities: entityCount, edges: edgeCount)
            // The entities' ids by position, for the edges' ends (shared, as a reading of the file shares them).
            var ids: [String] = []
            ids.reserveCapacity(entityCount)
            let types = EntityType.allCases
            for i in 0..<entityCount {
                let word = i * Record.entityWords
                let type = Int(entityRecords[word + 2])
                guard type < types.count else { throw Refusal.unreadable("an unknown entity type") }
                let aliases = try lists.cached(entityRecords[word + 3], in: &aliasLists) { items in try items.map(string) }
                let attrs = try lists.cached(entityRecords[word + 4], in: &attributeLists) { items in
                    guard items.count % 2 == 0 else { throw Refusal.unreadable("attributes that are not pairs") }
                    var attrs: [String: String] = [:]
                    attrs.reserveCapacity(items.count / 2)
                    for pair in stride(from: 0, to: items.count, by: 2) { attrs[try string(items[pair])] = try string(items[pair + 1]) }
                    return attrs
                }
                let docs = try lists.cached(entityRecords[word + 5], in: &documentLists) { items in
                    var numbers: [UInt32] = []
                    numbers.reserveCapacity(items.count)
                    for item in items {
                        guard Int(item) < strings.count else { throw Refusal.unreadable("a document number out of range") }
                        if documentNumbers[Int(item)] == .max { documentNumbers[Int(item)] = DocumentIDs.shared.number(of: strings[Int(item)]) }
                        numbers.append(documentNumbers[Int(item)])
                    }
                    return DocumentList(numbers: numbers)
                }
                let id = try string(entityRecords[word])
                ids.append(id)
                graph.add(
                    Entity(
                        id: id, type: types[type], name: try string(entityRecords[word + 1]),
                        aliases: aliases, attrs: attrs, documents: docs, mentions: try whole(entityRecords.wide(word + 6))),
                    idHash: idHashes[i])
            }
            guard graph.entities.count == entityCount else { throw Refusal.unreadable("an entity id given twice") }

            let relations = Relation.allCases
            for i in 0..<edgeCount {
                let word = i * Record.edgeWords
                let relation = Int(edgeRecords[word])
                let subject = Int(edgeRecords[word + 1])
                let object = Int(edgeRecords[word + 2])
                let first = Int(edgeRecords[word + 4])
                let pieces = Int(edgeRecords[word + 5])
                guard relation < relations.count, subject < entityCount, object < entityCount, first + pieces <= evidenceCount else {
                    throw Refusal.unreadable("an edge out of range")
                }
                let attrs = try lists.cached(edgeRecords[word + 3], in: &attributeLists) { items in
                    guard items.count % 2 == 0 else { throw Refusal.unreadable("attributes that are not pairs") }
                    var attrs: [String: String] = [:]
                    for pair in stride(from: 0, to: items.count, by: 2) { attrs[try string(items[pair])] = try string(items[pair + 1]) }
                    return attrs
                }
                var evidence: [Evidence] = []
                evidence.reserveCapacity(pieces)
                for piece in first..<(first + pieces) {
                    let at = piece * Record.evidenceWords
                    let document = Int(evidenceRecords[at])
                    guard document < strings.count else { throw Refusal.unreadable("a string number out of range") }
                    if documentNumbers[document] == .max { documentNumbers[document] = DocumentIDs.shared.number(of: strings[document]) }
                    evidenceDocuments.insert(documentNumbers[document])
                    evidence.append(
                        Evidence(
                            doc: try string(evidenceRecords[at]), start: try whole(evidenceRecords.wide(at + 4)),
                            end: try whole(evidenceRecords.wide(at + 6)),
                            sentence: try string(evidenceRecords[at + 1]), rule: try string(evidenceRecords[at + 2]),
                            confidence: Double(bitPattern: evidenceRecords.wide(at + 8))))
                }
                graph.add(
                    distinct: Edge(
                        relation: relations[relation], subject: ids[subject], object: ids[object],
                        attrs: attrs, evidence: evidence, support: try whole(edgeRecords.wide(word + 6))),
                    keyHash: keyHashes[i], subject: subject, object: object)
            }
            guard graph.edges.count == edgeCount else { throw Refusal.unreadable("an edge given twice") }
            graph.evidenceDocuments = evidenceDocuments
            let documentLines = try (0..<documentLineCount).map { try string(documentLineWords[$0]) }
            return (graph, documentLines)
        }

        /// A count or offset, which the writer wrote from an `Int` ≥ 0.
        func whole(_ value: UInt64) throws -> Int {
            guard let whole = Int(exactly: value) else { throw Refusal.unreadable("a number out of range") }
            return whole
        }

        /// Every distinct string, made on all cores.
        mutating func readStrings() throws -> [String] {
            let count = try self.count("strings")
            let offsets = try take((count + 1) * 8, "string offsets")
            let blobCount = Int(offsets.loadUnaligned(fromByteOffset: count * 8, as: UInt64.self))
            let blob = try take(blobCount, "strings")
            (stringOffsets, stringBlob) = (offsets, blob)
            let parts = count < 4096 ? 1 : 4 * max(1, ProcessInfo.processInfo.activeProcessorCount)
            var damaged = [Bool](repeating: false, count: parts)
            let strings = [String](unsafeUninitializedCapacity: count) { slots, initialized in
                let slots = SendableStrings(base: slots.baseAddress)
                let shared = (offsets: SendableBytes(bytes: offsets), blob: SendableBytes(bytes: blob))
                damaged.withUnsafeMutableBufferPointer { damaged in
                    let damaged = SendableFlags(base: damaged.baseAddress)
                    DispatchQueue.concurrentPerform(iterations: parts) { part in
                        for i in (count * part / parts)..<(count * (part + 1) / parts) {
                            let start = Int(shared.offsets.bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
                            let end = Int(shared.offsets.bytes.loadUnaligned(fromByteOffset: i * 8 + 8, as: UInt64.self))
                            guard start <= end, end <= blobCount else {
                                damaged.base![part] = true
                                (slots.base! + i).initialize(to: "")
                                continue
                            }
                            (slots.base! + i).initialize(to: String(decoding: UnsafeRawBufferPointer(rebasing: shared.blob.bytes[start..<end]), as: UTF8.self))
                        }
                    }
                }
                initialized = count
            }
            guard !damaged.contains(true) else { throw Refusal.unreadable("a string outside the strings") }
            return strings
        }
    }

    /// `hash(i)` for each `i` in `0..<count`, worked out on all cores.
    static func onAllCores(count: Int, _ hash: @Sendable (Int) -> UInt64) -> [UInt64] {
        let parts = count < 4096 ? 1 : 4 * max(1, ProcessInfo.processInfo.activeProcessorCount)
        return [UInt64](unsafeUninitializedCapacity: count) { slots, initialized in
            let slots = SendableSlots(base: slots.baseAddress)
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                for i in (count * part / parts)..<(count * (part + 1) / parts) { (slots.base! + i).initialize(to: hash(i)) }
            }
            initialized = count
        }
    }

    /// Lists of string numbers: `offsets[i]..<offsets[i + 1]` of `items` is list `i`.
    struct Lists {
        let offsets: Words
        let items: Words
        let count: Int

        init(_ reader: inout BodyReader, stringCount: Int) throws {
            count = try reader.count("lists")
            offsets = Words(try reader.take((count + 1) * 4, "list offsets"))
            let itemCount = count == 0 ? 0 : Int(offsets[count])
            items = Words(try reader.take(itemCount * 4, "lists"))
        }

        /// List `number` made into a value once, then shared by everything naming it.
        func cached<Value>(_ number: UInt32, in cache: inout [Value?], make: ([UInt32]) throws -> Value) throws -> Value {
            let list = Int(number)
            guard list < count else { throw Refusal.unreadable("a list number out of range") }
            if let value = cache[list] { return value }
            let start = Int(offsets[list])
            let end = Int(offsets[list + 1])
            guard start <= end, end <= items.count else { throw Refusal.unreadable("a list outside the lists") }
            let value = try make((start..<end).map { items[$0] })
            cache[list] = value
            return value
        }
    }

    /// 32-bit words read in place.
    struct Words {
        let bytes: UnsafeRawBufferPointer
        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
        var count: Int { bytes.count / 4 }
        subscript(_ i: Int) -> UInt32 { bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self) }
        /// The 64-bit value in words `i` and `i + 1`.
        func wide(_ i: Int) -> UInt64 { UInt64(self[i]) | UInt64(self[i + 1]) << 32 }
    }

    /// Words a record takes. Entity: id, name, type, aliases list, attributes list, documents
    /// list, mentions (2 words). Edge: relation, subject and object (entity positions), attributes
    /// list, first piece of evidence, pieces, support (2). Evidence: document, sentence, rule, 0,
    /// start (2), end (2), confidence (2, the Double's bits).
    enum Record {
        static let entityWords = 8
        static let edgeWords = 8
        static let evidenceWords = 10
    }

    // MARK: Writing

    /// Writes the sidecar of the graph file stamped `stamp`, for `graph` as read from it (entities
    /// and edges in the file's order) with its document lines as they are written there.
    /// Atomic: a reader sees the old sidecar or the new one, never half of one.
    static func write(_ graph: Graph, documentLines: [String], stamp: Stamp, to indexPath: String) throws {
        var body = BodyWriter()
        // Entities and edges are read in place (a copy would retain each of their parts), and each
        // list gathered in one scratch array.
        var scratch: [UInt32] = []
        // The string number of each document number met: a document is hashed once, not per mention.
        var documentStrings: [UInt32: UInt32] = [:]
        var entityRecords: [UInt32] = []
        entityRecords.reserveCapacity(graph.entities.count * Record.entityWords)
        let types = EntityType.allCases
        try graph.entities.withUnsafeBufferPointer { entities in
            for i in entities.indices {
                entityRecords.append(body.strings.number(entities[i].id))
                entityRecords.append(body.strings.number(entities[i].name))
                entityRecords.append(UInt32(types.firstIndex(of: entities[i].type)!))
                scratch.removeAll(keepingCapacity: true)
                for alias in entities[i].aliases { scratch.append(body.strings.number(alias)) }
                entityRecords.append(body.list(scratch))
                entityRecords.append(body.list(attributes: entities[i].attrs, scratch: &scratch))
                scratch.removeAll(keepingCapacity: true)
                for number in entities[i].docs.numbers {
                    if let known = documentStrings[number] {
                        scratch.append(known)
                    } else {
                        let string = body.strings.number(DocumentIDs.shared.id(number))
                        documentStrings[number] = string
                        scratch.append(string)
                    }
                }
                entityRecords.append(body.list(scratch))
                try appendWide(entities[i].mentions, to: &entityRecords)
            }
        }
        var edgeRecords: [UInt32] = []
        edgeRecords.reserveCapacity(graph.edges.count * Record.edgeWords)
        var evidenceRecords: [UInt32] = []
        let relations = Relation.allCases
        try graph.edges.withUnsafeBufferPointer { edges in
            for i in edges.indices {
                guard let subject = graph.position(ofEntity: edges[i].subject), let object = graph.position(ofEntity: edges[i].object) else {
                    throw Refusal.unreadable("an edge end that is no entity")
                }
                edgeRecords.append(UInt32(relations.firstIndex(of: edges[i].relation)!))
                edgeRecords.append(UInt32(subject))
                edgeRecords.append(UInt32(object))
                edgeRecords.append(body.list(attributes: edges[i].attrs, scratch: &scratch))
                edgeRecords.append(UInt32(evidenceRecords.count / Record.evidenceWords))
                edgeRecords.append(UInt32(edges[i].evidence.count))
                try appendWide(edges[i].support, to: &edgeRecords)
                try edges[i].evidence.withUnsafeBufferPointer { evidence in
                    for piece in evidence.indices {
                        evidenceRecords.append(body.strings.number(evidence[piece].doc))
                        evidenceRecords.append(body.strings.number(evidence[piece].sentence.string))
                        evidenceRecords.append(body.strings.number(evidence[piece].rule))
                        evidenceRecords.append(0)
                        try appendWide(evidence[piece].start, to: &evidenceRecords)
                        try appendWide(evidence[piece].end, to: &evidenceRecords)
                        let bits = evidence[piece].confidence.bitPattern
                        evidenceRecords.append(UInt32(truncatingIfNeeded: bits))
                        evidenceRecords.append(UInt32(truncatingIfNeeded: bits >> 32))
                    }
                }
            }
        }
        let documentLineNumbers = documentLines.map { body.strings.number($0) }
        guard body.strings.count < Int(UInt32.max), evidenceRecords.count / Record.evidenceWords < Int(UInt32.max) else {
            throw Refusal.unreadable("too large for 32-bit numbers")
        }

        // Streamed out a megabyte at a time, hashed on the way; the header, which holds the hash, last.
        try AtomicFile.write(to: indexPath) { handle in
            try handle.write(contentsOf: Data(count: headerBytes))
            var sink = BodySink(handle: handle)
            try body.strings.write(to: &sink)
            try body.writeLists(to: &sink)
            try sink.write(count: graph.entities.count, words: entityRecords)
            try sink.write(count: graph.edges.count, words: edgeRecords)
            try sink.write(count: evidenceRecords.count / Record.evidenceWords, words: evidenceRecords)
            try sink.write(count: documentLineNumbers.count, words: documentLineNumbers)
            let (length, bodyHash) = try sink.finish()
            let header: [UInt64] = [
                magic, UInt64(version), stamp.size, UInt64(bitPattern: stamp.modified.seconds), UInt64(bitPattern: stamp.modified.nanoseconds),
                UInt64(bitPattern: stamp.changed.seconds), UInt64(bitPattern: stamp.changed.nanoseconds), stamp.ends, UInt64(length), bodyHash
            ]
            try handle.seek(toOffset: 0)
            try handle.write(contentsOf: header.withUnsafeBytes { Data($0) })
        }
    }

    /// Bytes on their way to the file, in chunks of `hashChunk` hashed as `hash(of:)` hashes them.
    struct BodySink {
        let handle: FileHandle
        var chunk: [UInt8] = []
        var hashes: [UInt64] = []
        var length = 0

        init(handle: FileHandle) {
            self.handle = handle
            chunk.reserveCapacity(GraphIndex.hashChunk)
        }

        mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
            var rest = bytes
            while !rest.isEmpty {
                let taken = min(rest.count, GraphIndex.hashChunk - chunk.count)
                chunk.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest.prefix(taken)))
                rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(taken))
                if chunk.count == GraphIndex.hashChunk { try flush() }
            }
        }

        mutating func write(count: Int, words: [UInt32]) throws {
            try Swift.withUnsafeBytes(of: UInt64(count)) { try write($0) }
            try words.withUnsafeBytes { try write($0) }
        }

        mutating func flush() throws {
            guard !chunk.isEmpty else { return }
            hashes.append(chunk.withUnsafeBytes { ByteHash.hash($0, seed: UInt64(hashes.count)) })
            length += chunk.count
            try handle.write(contentsOf: chunk)
            chunk.removeAll(keepingCapacity: true)
        }

        /// The body's length and hash.
        mutating func finish() throws -> (Int, UInt64) {
            try flush()
            return (length, hashes.withUnsafeBytes { ByteHash.hash($0, seed: UInt64(length)) })
        }
    }

    private static func appendWide(_ value: Int, to words: inout [UInt32]) throws {
        guard value >= 0 else { throw Refusal.unreadable("a negative count") }
        words.append(UInt32(truncatingIfNeeded: value))
        words.append(UInt32(truncatingIfNeeded: value >> 32))
    }

    /// The distinct strings and lists as they are met, each given the next number.
    struct BodyWriter {
        var strings = StringTable()
        var listOffsets: [UInt32] = [0, 0]
        var listItems: [UInt32] = []
        /// List 0 is the empty list.
        var listIndex = HashSlots()

        mutating func list(_ items: [UInt32]) -> UInt32 {
            if items.isEmpty { return 0 }
            let hash = items.withUnsafeBytes { ByteHash.hash($0) }
            let count = listOffsets.count - 1
            let number = listIndex.findOrInsert(hash: hash, position: count) { existing in
                let start = Int(listOffsets[existing])
                return Int(listOffsets[existing + 1]) - start == items.count && items.indices.allSatisfy { listItems[start + $0] == items[$0] }
            }
            if number == count {
                listItems += items
                listOffsets.append(UInt32(listItems.count))
            }
            return UInt32(number)
        }

        /// Attributes as a list of key, value, … in key order (the same attributes, the same list).
        mutating func list(attributes: [String: String], scratch items: inout [UInt32]) -> UInt32 {
            if attributes.isEmpty { return 0 }
            items.removeAll(keepingCapacity: true)
            if attributes.count == 1, let (key, value) = attributes.first {
                items.append(strings.number(key))
                items.append(strings.number(value))
            } else {
                for key in attributes.keys.sorted(by: { $0.precedesByUTF8($1) }) {
                    items.append(strings.number(key))
                    items.append(strings.number(attributes[key]!))
                }
            }
            return list(items)
        }

        func writeLists(to sink: inout BodySink) throws {
            try sink.write(count: listOffsets.count - 1, words: listOffsets)
            try listItems.withUnsafeBytes { try sink.write($0) }
        }
    }

    /// Strings numbered in the order met, each held once in one UTF-8 blob.
    struct StringTable {
        private var blob: [UInt8] = []
        private var offsets: [UInt64] = [0]
        private var index = HashSlots()

        var count: Int { offsets.count - 1 }

        mutating func number(_ string: String) -> UInt32 {
            string.withUTF8Bytes { bytes in
                let position = index.findOrInsert(hash: ByteHash.hash(bytes), position: count) { existing in
                    let start = Int(offsets[existing])
                    let end = Int(offsets[existing + 1])
                    return end - start == bytes.count
                        && blob.withUnsafeBytes { ByteHash.equal(UnsafeRawBufferPointer(rebasing: $0[start..<end]), UnsafeRawBufferPointer(bytes)) }
                }
                if position == count {
                    blob.append(contentsOf: bytes)
                    offsets.append(UInt64(blob.count))
                }
                return UInt32(position)
            }
        }

        func write(to sink: inout BodySink) throws {
            try Swift.withUnsafeBytes(of: UInt64(count)) { try sink.write($0) }
            try offsets.withUnsafeBytes { try sink.write($0) }
            try blob.withUnsafeBytes { try sink.write($0) }
        }
    }
}

// Pointers handed to `concurrentPerform`, whose tasks each touch their own slots.
private struct SendableSlots: @unchecked Sendable { let base: UnsafeMutablePointer<UInt64>? }
private struct SendableStrings: @unchecked Sendable { let base: UnsafeMutablePointer<String>? }
private struct SendableFlags: @unchecked Sendable { let base: UnsafeMutablePointer<Bool>? }
private struct SendableBytes: @unchecked Sendable { let bytes: UnsafeRawBufferPointer }
private struct SendableRecords: @unchecked Sendable {
    let offsets: UnsafeRawBufferPointer
    let blob: UnsafeRawBufferPointer
    let entities: GraphIndex.Words
    let edges: GraphIndex.Words

    /// `String.byteHash(seed:)` of string `i`, from its bytes.
    func hash(ofString i: Int, seed: UInt64) -> UInt64 {
        let start = Int(offsets.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
        let end = Int(offsets.loadUnaligned(fromByteOffset: i * 8 + 8, as: UInt64.self))
        return ByteHash.hash(UnsafeRawBufferPointer(rebasing: blob[start..<end]), seed: seed)
    }
}
