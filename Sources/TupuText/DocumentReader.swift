import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// `read` names the C call on each platform; `Glibc.read` alone would not compile on macOS.
#if canImport(Glibc)
    private let systemRead = Glibc.read
#else
    private let systemRead = Darwin.read
#endif

/// Finds input files and reads them into documents. Every bad input becomes a `ReadProblem`
/// naming the file (and line); the other inputs are still read.
public enum DocumentReader {
    /// The largest document (a file, standard input or one JSON Lines line) read by default.
    public static let defaultMaximumBytes = ByteLines.defaultMaximumLength

    /// Expands paths: a file as named, a folder recursively (its `*.txt` and `*.jsonl`, hidden
    /// entries skipped, sorted by name), `-` for standard input. Symbolic-link loops are reported.
    /// A file named twice (or also found in a folder named) is read once, with a warning. A file
    /// found in a folder is the document named by its path below that folder (`a/news.txt`); two
    /// inputs that would have one id keep the first, the later one is named by its path as given.
    public static func inputs(for paths: [String]) -> (files: [InputFile], problems: [ReadProblem]) {
        var walker = FolderWalker()
        for path in paths {
            if path == "-" {
                if walker.namedStandardInput {
                    walker.problems.append(ReadProblem(path: "-", message: "standard input named twice, read once", severity: .warning))
                } else {
                    walker.namedStandardInput = true
                    walker.files.append(InputFile(path: "-"))
                }
            } else {
                walker.visit(path, named: true, relative: nil, ancestors: [])
            }
        }
        return (uniquelyNamed(walker.files, problems: &walker.problems), walker.problems)
    }

    /// Gives each file a document id no earlier file has: the path as given, then `#2`, `#3` ….
    static func uniquelyNamed(_ files: [InputFile], problems: inout [ReadProblem]) -> [InputFile] {
        var owner: [String: String] = [:]
        return files.map { file in
            guard let first = owner[file.documentID] else {
                owner[file.documentID] = file.path
                return file
            }
            var id = file.path.hasPrefix("./") ? String(file.path.dropFirst(2)) : file.path
            var n = 2
            while owner[id] != nil {
                id = "\(file.path)#\(n)"
                n += 1
            }
            owner[id] = file.path
            problems.append(
                ReadProblem(
                    path: file.path, message: "document id \"\(file.documentID)\" is already that of \(first); recorded as \"\(id)\"", severity: .warning))
            return InputFile(path: file.path, named: file.named, documentID: id)
        }
    }

    /// Reads one input: `.jsonl` (or standard input starting with `{`) gives one document per
    /// line `{"id": …, "text": …}`; anything else gives one document. A document (a file,
    /// standard input, a line) longer than `maximumBytes` is skipped with a problem. A graph
    /// file `tupu build` wrote is not news: found in a folder it is skipped quietly (rebuilding
    /// where the last graph was written), named it is a problem.
    public static func read(_ file: InputFile, maximumBytes: Int = defaultMaximumBytes) -> (documents: [Document], problems: [ReadProblem]) {
        let path = file.path
        // Looked at before reading, so a large graph is not read whole; `.txt` inputs (nearly all)
        // are caught by the same test after reading, without a second open.
        if path.hasSuffix(".jsonl"), isGraphFile(path) { return ([], file.named ? [graphFileProblem(path)] : []) }
        if path != "-" && path.hasSuffix(".jsonl") {
            // A UTF-8 file a line at a time (memory holds the documents, not the file); in one
            // chunk, so that an id given twice is found here.
            var lines: (documents: [Document], problems: [ReadProblem])?
            chunks(of: file, maximumBytes: maximumBytes, chunkBytes: .max) { chunk in
                if case .lines = chunk { lines = chunk.documents(reportingRepeatedIDs: true) }
            }
            if let lines { return lines }
        }
        let data: Data
        switch readAll(path, maximumBytes: maximumBytes) {
        case .success(let bytes): data = bytes
        case .failure(let problem): return ([], [problem])
        }
        if isBlank(data) { return ([], [ReadProblem(path: path, message: "empty file, skipped")]) }
        if startsWithGraphHeader(data) { return ([], file.named ? [graphFileProblem(path)] : []) }
        let decoded: (scalars: [Unicode.Scalar], utf8Count: Int, encoding: String)
        switch TextDecoding.decodeScalarsOrExplain(data) {
        case .success(let text): decoded = text
        case .failure(let failure): return ([], [ReadProblem(path: path, message: failure.description)])
        }
        if decoded.scalars.allSatisfy(\.properties.isWhitespace) {
            return ([], [ReadProblem(path: path, message: "empty file, skipped")])
        }
        // A JSON Lines file in UTF-16, or standard input that is JSON Lines.
        if path.hasSuffix(".jsonl") || path == "-" && startsWithBrace(decoded.scalars) {
            return JSONLinesReader.documents(in: String(scalars: decoded.scalars), file: file)
        }
        return ([Document(id: file.documentID, source: path, scalars: decoded.scalars, utf8Count: decoded.utf8Count)], [])
    }

    /// `64 MB`, or the bytes when it is not a whole number of megabytes.
    static func megabytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes)-byte"
    }

    /// Whether `path` starts with the header line of a graph file (`{"kind":"graph",…}`).
    public static func isGraphFile(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return false }
        var head = Data(count: 64)
        let count = head.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
        guard count > 0 else { return false }
        head.count = count
        return startsWithGraphHeader(head)
    }

    static func startsWithGraphHeader(_ data: Data) -> Bool {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let compact = bytes.prefix(48).filter { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }
        return compact.starts(with: Array(#"{"kind":"graph""#.utf8))
    }

    static func graphFileProblem(_ path: String) -> ReadProblem {
        ReadProblem(path: path, message: "a graph file written by tupu, not news; skipped")
    }

    /// The base name with its extension (the export contract and the gold scorer key on it); `stdin` for `-`.
    static func documentID(for path: String) -> String {
        if path == "-" { return "stdin" }
        let bytes = Array(path.utf8)
        let nameStart = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
        return String(decoding: bytes[nameStart...], as: UTF8.self)
    }

    static func isBlank(_ data: Data) -> Bool {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        return bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    static func startsWithBrace(_ scalars: [Unicode.Scalar]) -> Bool {
        for scalar in scalars {
            if scalar == "{" { return true }
            if !scalar.properties.isWhitespace { return false }
        }
        return false
    }

    /// Whole-file read with the system's reason on failure (permission denied, is a folder …),
    /// of at most `maximumBytes`: a larger file, or a device or pipe that goes on (/dev/zero),
    /// is a problem after that many bytes.
    static func readAll(_ path: String, maximumBytes: Int) -> Result<Data, ReadProblem> {
        let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY)
        if descriptor < 0 { return .failure(ReadProblem(path: path, message: systemMessage(errno))) }
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var info = stat()
        let known = fstat(descriptor, &info) == 0
        if known, (info.st_mode & S_IFMT) == S_IFDIR {
            return .failure(ReadProblem(path: path, message: "is a folder"))
        }
        let tooLarge = ReadProblem(
            path: path, message: "larger than the \(megabytes(maximumBytes)) limit for one document, skipped (--max-document-mb raises it)")
        let isRegular = known && (info.st_mode & S_IFMT) == S_IFREG
        if isRegular, Int(info.st_size) > maximumBytes { return .failure(tooLarge) }
        // Read straight into the data's storage, sized by the file and grown if the file grows
        // (or is a pipe or a special file that reports no size), up to one byte past the limit.
        var data = Data(count: min(max(1 << 12, isRegular ? Int(info.st_size) + 1 : 0), maximumBytes + 1))
        var filled = 0
        while true {
            if filled == data.count {
                if filled > maximumBytes { return .failure(tooLarge) }
                data.count = min(data.count * 2, maximumBytes + 1)
            }
            let room = data.count - filled
            let count = data.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress! + filled, room) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadProblem(path: path, message: systemMessage(errno)))
            }
            if count == 0 { break }
            filled += count
        }
        data.count = filled
        return .success(data)
    }

    static func systemMessage(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or folder"
        case EACCES, EPERM: return "permission denied"
        case ELOOP: return "symbolic link loop"
        default: return String(cString: strerror(code)).lowercased()
        }
    }
}

/// Depth-first walk over named paths; remembers the folders on the current path (by device
/// and inode) so a link back to an ancestor is reported instead of followed forever.
struct FolderWalker {
    struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    var files: [InputFile] = []
    var problems: [ReadProblem] = []
    /// Each file and folder met so far, with the path it was first met by.
    var seenFiles: [FileIdentity: String] = [:]
    var seenFolders: [FileIdentity: String] = [:]
    var namedStandardInput = false

    /// `relative`: the path below the folder named on the command line (nil for a path named there).
    mutating func visit(_ path: String, named: Bool, relative: String?, ancestors: Set<FileIdentity>) {
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            var linkInfo = stat()
            if code == ENOENT, lstat(path, &linkInfo) == 0 {
                problems.append(ReadProblem(path: path, message: "broken symbolic link"))
            } else {
                problems.append(ReadProblem(path: path, message: DocumentReader.systemMessage(code)))
            }
            return
        }
        let identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        if (info.st_mode & S_IFMT) == S_IFDIR {
            if ancestors.contains(identity) {
                problems.append(ReadProblem(path: path, message: "symbolic link loop (leads back to an enclosing folder), not followed"))
                return
            }
            // A folder reached twice through different links is read once.
            if let first = seenFolders[identity] {
                if named { problems.append(ReadProblem(path: path, message: "already read as \(first), read once", severity: .warning)) }
                return
            }
            seenFolders[identity] = path
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
            } catch {
                let code = access(path, R_OK | X_OK) != 0 ? errno : EIO
                problems.append(ReadProblem(path: path, message: DocumentReader.systemMessage(code)))
                return
            }
            var inner = ancestors
            inner.insert(identity)
            for entry in entries where !entry.hasPrefix(".") {
                let child = path.hasSuffix("/") ? path + entry : path + "/" + entry
                var childInfo = stat()
                let found = stat(child, &childInfo) == 0
                let childIsFolder = found && (childInfo.st_mode & S_IFMT) == S_IFDIR
                // A link loop could have been a folder: report it rather than skip it silently.
                let isLinkLoop = !found && errno == ELOOP
                if childIsFolder || isLinkLoop || entry.hasSuffix(".txt") || entry.hasSuffix(".jsonl") {
                    visit(child, named: false, relative: relative.map { $0 + "/" + entry } ?? entry, ancestors: inner)
                }
            }
            return
        }
        // The same file named twice, or named and found in a folder, would count everything twice.
        if let first = seenFiles[identity] {
            if named {
                let message = first == path ? "named twice, read once" : "the same file as \(first), read once"
                problems.append(ReadProblem(path: path, message: message, severity: .warning))
            }
            return
        }
        seenFiles[identity] = path
        files.append(InputFile(path: path, named: named, documentID: relative))
    }
}
