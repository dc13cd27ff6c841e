import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A piece of input small enough to hold while the rest is still unread: a JSON Lines input
/// comes in runs of whole lines, so that a corpus of any size is read in a fixed window; any
/// other file is one piece.
public enum InputChunk: Sendable {
    /// A file read whole when its documents are made (a `.txt` file, or a JSON Lines file whose
    /// first bytes are not UTF-8, read as today: UTF-16 or GB18030).
    case file(InputFile)
    /// Standard input that is not JSON Lines, already read.
    case data(path: String, Data)
    /// Whole lines of a UTF-8 JSON Lines input, the first of them numbered `firstLine`.
    case lines(path: String, firstLine: Int, Data)

    /// How many bytes of input the chunk stands for (a whole file's size for `.file`).
    public var inputBytes: Int {
        switch self {
        case .file(let file): return DocumentReader.fileSize(file.path) ?? 0
        case .data(_, let data), .lines(_, _, let data): return data.count
        }
    }

    /// The chunk's documents and the problems met reading them (a bad line is `path:line`).
    public func documents() -> (documents: [Document], problems: [ReadProblem]) {
        switch self {
        case .file(let file): return DocumentReader.read(file)
        case .data(let path, let data): return DocumentReader.read(path: path, data: data)
        case .lines(let path, let firstLine, let data): return JSONLinesReader.documents(inLines: data, path: path, firstLine: firstLine)
        }
    }
}

/// Cuts one input into chunks, reading it front to back once (standard input included).
public struct InputChunker {
    /// About this many bytes a chunk (a longer line makes a longer chunk).
    public static let defaultChunkSize = 1 << 21

    private let file: InputFile
    private let chunkSize: Int
    private var descriptor: Int32 = -1
    private var state = State.start
    private var carry = Data()
    private var nextLine = 1

    private enum State { case start, lines, done }

    public init(_ file: InputFile, chunkSize: Int = InputChunker.defaultChunkSize) {
        self.file = file
        self.chunkSize = chunkSize
    }

    /// The next chunk, nil when the input is used up.
    public mutating func next() -> InputChunk? {
        switch state {
        case .done: return nil
        case .start: return first()
        case .lines: return nextLines()
        }
    }

    private var isStandardInput: Bool { file.path == "-" }

    private mutating func first() -> InputChunk? {
        state = .done
        guard isStandardInput || file.path.hasSuffix(".jsonl") else { return .file(file) }
        descriptor = isStandardInput ? 0 : open(file.path, O_RDONLY)
        if descriptor < 0 { return .file(file) }  // the whole-file reader names the reason
        var info = stat()
        if !isStandardInput, fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return closing(.file(file)) }
        var head = Data()
        let ended = fill(&head, toAtLeast: chunkSize)
        // UTF-8 JSON Lines are read line by line; anything else is read whole, as before.
        let body = head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head[...]
        guard Self.startsWithBrace(body) && Self.firstLineIsUTF8(body) else {
            if isStandardInput {
                if !ended { _ = fill(&head, toAtLeast: .max) }
                return closing(.data(path: "-", head))
            }
            return closing(.file(file))
        }
        carry = Data(body)
        if ended { return closing(cut(final: true)) }
        state = .lines
        return cut(final: false)
    }

    private mutating func nextLines() -> InputChunk? {
        let ended = fill(&carry, toAtLeast: chunkSize)
        if ended {
            state = .done
            return carry.isEmpty ? closing(nil) : closing(cut(final: true))
        }
        return cut(final: false)
    }

    /// The whole lines gathered so far (all that is left at the end of input).
    private mutating func cut(final: Bool) -> InputChunk? {
        var end = carry.endIndex
        if !final {
            guard let newline = carry.lastIndex(of: 0x0A) else {
                // One line longer than a chunk: read on until it ends.
                let ended = fill(&carry, toAtLeast: carry.count + chunkSize)
                if ended { state = .done; return closing(cut(final: true)) }
                return cut(final: false)
            }
            end = newline + 1
        }
        let lines = Data(carry[carry.startIndex..<end])
        carry = Data(carry[end...])
        let chunk = InputChunk.lines(path: file.path, firstLine: nextLine, lines)
        nextLine += lines.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return chunk
    }

    /// Reads until `data` holds `minimum` bytes or the input ends; true when it ended.
    private func fill(_ data: inout Data, toAtLeast minimum: Int) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while data.count < minimum {
            let wanted = min(buffer.count, minimum - data.count)
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, wanted) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return true }
            data.append(contentsOf: buffer[0..<count])
        }
        return false
    }

    private mutating func closing(_ chunk: InputChunk?) -> InputChunk? {
        if descriptor > 0 { close(descriptor) }
        descriptor = -1
        return chunk
    }

    static func startsWithBrace(_ bytes: Data.SubSequence) -> Bool {
        for byte in bytes {
            if byte == UInt8(ascii: "{") { return true }
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return false }
        }
        return false
    }

    /// Whether the first line is well-formed UTF-8 and not binary: a JSON Lines file in another
    /// encoding (GB18030) fails at once. A bad line further on is a problem of its own.
    static func firstLineIsUTF8(_ bytes: Data.SubSequence) -> Bool {
        let end = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        return Data(bytes[bytes.startIndex..<end]).withUnsafeBytes { raw in
            let line = raw.bindMemory(to: UInt8.self)
            return !TextDecoding.looksBinary(line) && TextDecoding.firstInvalidUTF8(line) == nil
        }
    }
}

extension DocumentReader {
    /// The size of a file, nil for standard input or a file that cannot be examined.
    public static func fileSize(_ path: String) -> Int? {
        guard path != "-" else { return nil }
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }
}

extension JSONLinesReader {
    /// The documents of whole UTF-8 lines; a line that is not UTF-8 is a problem of its own.
    static func documents(inLines data: Data, path: String, firstLine: Int) -> (documents: [Document], problems: [ReadProblem]) {
        var documents: [Document] = []
        var problems: [ReadProblem] = []
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0, lineNumber = firstLine
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if let bad = TextDecoding.firstInvalidUTF8(line) {
                        problems.append(ReadProblem(path: path, line: lineNumber, message: "invalid UTF-8 at byte \(bad) of the line"))
                    } else {
                        switch parse(line) {
                        case .success(let (id, body)):
                            documents.append(Document(id: id ?? "\(DocumentReader.documentID(for: path)):\(lineNumber)",
                                                      source: "\(path):\(lineNumber)", text: body))
                        case .failure(let problem):
                            problems.append(ReadProblem(path: path, line: lineNumber, message: problem.message))
                        }
                    }
                }
                lineStart = lineEnd + 1
                lineNumber += 1
            }
        }
        return (documents, problems)
    }
}
