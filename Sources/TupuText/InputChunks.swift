import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A piece of input small enough to hold while the rest is still unread: a UTF-8 JSON Lines file
/// comes in runs of whole lines, so that a corpus of any size is read in a fixed window; any other
/// input (a `.txt` file, standard input, a JSON Lines file in UTF-16, a graph file) is one piece.
public enum InputChunk: Sendable {
    /// An input read whole when its documents are made.
    case file(InputFile)
    /// Consecutive lines of a JSON Lines file, the first numbered `firstLine`. A line too long to
    /// read is left empty here, its problem in `problems` (with any that concern the whole file).
    case lines(InputFile, firstLine: Int, Data, problems: [ReadProblem])

    /// How many bytes of input the chunk stands for (a whole file's size for `.file`).
    public var inputBytes: Int {
        switch self {
        case .file(let file): return DocumentReader.fileSize(file.path) ?? 0
        case .lines(_, _, let data, _): return data.count
        }
    }

    /// The chunk's documents and problems (a bad line is `path:line`), in line order. A document
    /// id given twice within the chunk's lines is a warning only when `reportingRepeatedIDs`: a
    /// build finds repeats across chunks itself.
    public func documents(
        maximumBytes: Int = DocumentReader.defaultMaximumBytes,
        reportingRepeatedIDs: Bool = false
    ) -> (documents: [Document], problems: [ReadProblem]) {
        switch self {
        case .file(let file):
            return DocumentReader.read(file, maximumBytes: maximumBytes)
        case .lines(let file, let firstLine, let data, let problems):
            var lines = JSONLinesReader.Collector(file: file, reportingRepeatedIDs: reportingRepeatedIDs)
            data.withUnsafeBytes { bytes in
                var start = 0
                var number = firstLine
                while start < bytes.count {
                    let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                    lines.add(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), number: number)
                    start = end + 1
                    number += 1
                }
            }
            // Each line has one problem at most; those of the whole file come last.
            let all = (problems + lines.problems).sorted { ($0.line ?? .max) < ($1.line ?? .max) }
            return (lines.documents, all)
        }
    }
}

extension DocumentReader {
    /// About this many bytes of lines a chunk (a longer line makes a longer chunk).
    public static let defaultChunkBytes = 1 << 21

    /// Cuts `file` into chunks, reading it front to back once, and hands them to `body` in order.
    /// A line longer than `maximumBytes` is skipped with a problem, so memory stays bounded.
    public static func chunks(
        of file: InputFile, maximumBytes: Int = defaultMaximumBytes,
        chunkBytes: Int = defaultChunkBytes, _ body: (InputChunk) -> Void
    ) {
        let path = file.path
        guard path != "-", path.hasSuffix(".jsonl"), !isGraphFile(path) else { return body(.file(file)) }
        let descriptor = open(path, O_RDONLY)
        // The whole-file reader names the reason a file cannot be read.
        guard descriptor >= 0 else { return body(.file(file)) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return body(.file(file)) }
        // UTF-16 (with its byte-order mark) is decoded whole.
        var prefix = [UInt8](repeating: 0, count: 2)
        if pread(descriptor, &prefix, 2, 0) == 2, prefix == [0xFF, 0xFE] || prefix == [0xFE, 0xFF] { return body(.file(file)) }
        var lines = Data()
        var firstLine = 1
        var problems: [ReadProblem] = []
        var sawContent = false
        let failure = ByteLines(descriptor: descriptor, maximumLength: maximumBytes).forEach { item in
            let number: Int
            switch item {
            case .line(let lineNumber, let bytes):
                number = lineNumber
                if !sawContent { sawContent = !isBlank(Data(bytes)) }
                lines.append(contentsOf: bytes)
            case .tooLong(let lineNumber):
                number = lineNumber
                sawContent = true
                problems.append(
                    ReadProblem(
                        path: path, line: number,
                        message: "line longer than the \(megabytes(maximumBytes)) limit for one document, skipped (--max-document-mb raises it)"))
            }
            lines.append(0x0A)
            if lines.count >= chunkBytes {
                body(.lines(file, firstLine: firstLine, lines, problems: problems))
                (lines, problems, firstLine) = (Data(), [], number + 1)
            }
        }
        if let failure { problems.append(ReadProblem(path: path, message: systemMessage(failure))) }
        if !sawContent && problems.isEmpty { problems.append(ReadProblem(path: path, message: "empty file, skipped")) }
        if !lines.isEmpty || !problems.isEmpty { body(.lines(file, firstLine: firstLine, lines, problems: problems)) }
    }

    /// The warning for a document id given again in one JSON Lines file.
    public static func repeatedID(_ id: String, in path: String, at line: Int, firstAt first: Int) -> ReadProblem {
        ReadProblem(path: path, line: line, message: "document id \"\(id)\" is also that of line \(first); both are read as one document's", severity: .warning)
    }

    /// The size of a file, nil for standard input or a file that cannot be examined.
    public static func fileSize(_ path: String) -> Int? {
        guard path != "-" else { return nil }
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : nil
    }
}
