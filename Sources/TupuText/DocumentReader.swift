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
    /// Expands paths: a file as named, a folder recursively (its `*.txt` and `*.jsonl`, hidden
    /// entries skipped, sorted by name), `-` for standard input. Symbolic-link loops are reported.
    public static func inputs(for paths: [String]) -> (files: [InputFile], problems: [ReadProblem]) {
        var walker = FolderWalker()
        for path in paths {
            if path == "-" {
                walker.files.append(InputFile(path: "-"))
            } else {
                walker.visit(path, named: true, ancestors: [])
            }
        }
        return (walker.files, walker.problems)
    }

    /// Reads one input: `.jsonl` (or standard input starting with `{`) gives one document per
    /// line `{"id": …, "text": …}`; anything else gives one document.
    public static func read(_ file: InputFile) -> (documents: [Document], problems: [ReadProblem]) {
        let path = file.path
        switch readAll(path) {
        case .success(let data): return read(path: path, data: data)
        case .failure(let problem): return ([], [problem])
        }
    }

    /// `read(_:)` for an input already read.
    static func read(path: String, data: Data) -> (documents: [Document], problems: [ReadProblem]) {
        if isBlank(data) { return ([], [ReadProblem(path: path, message: "empty file, skipped")]) }
        let decoded: (scalars: [Unicode.Scalar], utf8Count: Int, encoding: String)
        switch TextDecoding.decodeScalarsOrExplain(data) {
        case .success(let text): decoded = text
        case .failure(let failure): return ([], [ReadProblem(path: path, message: failure.description)])
        }
        if decoded.scalars.allSatisfy(\.properties.isWhitespace) {
            return ([], [ReadProblem(path: path, message: "empty file, skipped")])
        }
        let isJSONLines = path.hasSuffix(".jsonl") || (path == "-" && startsWithBrace(decoded.scalars))
        if isJSONLines { return JSONLinesReader.documents(in: String(scalars: decoded.scalars), path: path) }
        return ([Document(id: documentID(for: path), source: path, scalars: decoded.scalars, utf8Count: decoded.utf8Count)], [])
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

    /// Whole-file read with the system's reason on failure (permission denied, is a folder …).
    static func readAll(_ path: String) -> Result<Data, ReadProblem> {
        if path == "-" { return .success(FileHandle.standardInput.readDataToEndOfFile()) }
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 { return .failure(ReadProblem(path: path, message: systemMessage(errno))) }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            return .failure(ReadProblem(path: path, message: "is a folder"))
        }
        // Read straight into the data's storage, sized by the file and grown if the file grows
        // (or is a pipe or a special file that reports no size).
        var data = Data(count: max(1 << 12, Int(info.st_size) + 1))
        var filled = 0
        while true {
            if filled == data.count { data.count = data.count * 2 }
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
    struct FileIdentity: Hashable { let device: UInt64; let inode: UInt64 }

    var files: [InputFile] = []
    var problems: [ReadProblem] = []
    var seenFiles: Set<FileIdentity> = []
    var seenFolders: Set<FileIdentity> = []

    mutating func visit(_ path: String, named: Bool, ancestors: Set<FileIdentity>) {
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
            guard seenFolders.insert(identity).inserted else { return }
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
                    visit(child, named: false, ancestors: inner)
                }
            }
            return
        }
        if seenFiles.insert(identity).inserted || named {
            files.append(InputFile(path: path))
        }
    }
}
