import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The reader went away (`tupu export … | head`). Not a failure: the command stops quietly.
public struct BrokenPipe: Error {
    public init() {}
}

/// Where a command writes a file (`-o PATH`), and how, so that an output never destroys what
/// the path points at:
///
/// - `-` and `/dev/stdout` are standard output.
/// - A character device (`/dev/null`, a terminal) or a FIFO is opened and written through,
///   never replaced; a block device, a socket or a folder is refused.
/// - A regular file (or a new one) is written to a temporary file beside it and renamed over it
///   at the end, so readers see the old content or the new; the old file's mode (and, for root,
///   its owner) is kept. A file that cannot be written (no write permission, or no write bit at
///   all) is refused.
/// - A symbolic link is followed: its final target is replaced, the link stays.
/// - Temporary files are removed when writing fails, on SIGINT, SIGTERM and SIGHUP, and those a
///   killed run left beside the output (`.NAME.tmp-PID` of a process that is gone) on the next run.
public enum OutputFile {
    /// Why an output cannot be written; the message names the path and the system's reason.
    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }

    /// How `path` will be written, found before any work is done.
    public enum Destination: Equatable {
        case standardOutput
        /// Opened and written in place: a character device or a FIFO.
        case writeThrough(String)
        /// Written beside and renamed over: `path` is the link's final target; `mode` the
        /// existing file's permissions (nil for a new file).
        case replace(path: String, mode: mode_t?)
    }

    /// Where `path` leads, or why it cannot be written.
    public static func destination(of path: String) throws -> Destination {
        if path == "-" || path == "/dev/stdout" { return .standardOutput }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw Failure("cannot write \(path): \(reason(errno))") }
            try requireFolder(of: path, for: path)
            return .replace(path: path, mode: nil)
        }
        var target = path
        if info.st_mode & S_IFMT == S_IFLNK {
            target = try finalTarget(of: path)
            guard stat(target, &info) == 0 else {
                guard errno == ENOENT else { throw Failure("cannot write \(path): \(reason(errno))") }
                try requireFolder(of: target, for: path)
                return .replace(path: target, mode: nil)  // a dangling link: its target is created
            }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            if access(target, W_OK) != 0 { throw Failure("cannot write \(path): \(reason(errno))") }
            // Root may write anything; a file without any write bit was still meant to stay as it is.
            if info.st_mode & 0o222 == 0 { throw Failure("cannot write \(path): \(reason(EACCES)) (the file is read-only)") }
            return .replace(path: target, mode: info.st_mode & 0o7777)
        case S_IFCHR, S_IFIFO:
            return .writeThrough(path)
        case S_IFDIR:
            throw Failure("cannot write \(path): \(reason(EISDIR)); give a file name")
        case S_IFBLK:
            throw Failure("will not write \(path): it is a block device (a disk), not a file")
        default:
            throw Failure("will not write \(path): it is a socket or another special file, not a file")
        }
    }

    /// Refuses an output that is the same file (device and inode) as one of `inputs`, before
    /// anything is read, so `tupu build news.txt -o news.txt` cannot overwrite the article.
    public static func refuse(_ path: String, ifSameAs inputs: [String]) throws {
        guard let output = identity(of: path) else { return }
        for input in inputs where input != "-" && identity(of: input) == output {
            throw Failure("will not write \(path): it is also an input (\(input)); choose another output file")
        }
    }

    /// Device and inode of the file `path` leads to, or nil when there is none.
    public static func identity(of path: String) -> FileIdentity? {
        guard path != "-" else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    public struct FileIdentity: Hashable, Sendable {
        public let device: UInt64
        public let inode: UInt64
    }

    /// Writes `path` through `produce`, which gets an open descriptor to write to.
    public static func write(to path: String, _ produce: (Int32) throws -> Void) throws {
        switch try destination(of: path) {
        case .standardOutput:
            try produce(STDOUT_FILENO)
        case .writeThrough(let device):
            let descriptor = open(device, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Failure("cannot write \(path): \(reason(errno))") }
            do {
                try produce(descriptor)
            } catch {
                close(descriptor)
                throw error
            }
            guard close(descriptor) == 0 else { throw Failure("cannot write \(path): \(reason(errno))") }
        case .replace(let target, let mode):
            removeStaleTemporaries(of: target)
            let temporary = temporaryPath(for: target)
            let slot = TemporaryFiles.register(temporary, isFolder: false)
            defer { TemporaryFiles.unregister(slot) }
            unlink(temporary)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard descriptor >= 0 else { throw Failure("cannot create \(path): \(reason(errno))") }
            var isOpen = true
            do {
                // Root keeps the owner; the umask does not apply to a file that already had its mode
                // (set after the owner, which clears set-user-ID bits).
                if let mode {
                    var old = stat()
                    if geteuid() == 0, stat(target, &old) == 0 { fchown(descriptor, old.st_uid, old.st_gid) }
                    fchmod(descriptor, mode)
                }
                try produce(descriptor)
                isOpen = false
                guard close(descriptor) == 0 else { throw Failure("cannot write \(path): \(reason(errno))") }
            } catch {
                if isOpen { close(descriptor) }
                unlink(temporary)
                throw error
            }
            guard rename(temporary, target) == 0 else {
                let code = errno
                unlink(temporary)
                throw Failure("cannot replace \(path): \(reason(code))")
            }
        }
    }

    /// Writes all of `bytes` to `descriptor` (retrying short writes); `path` names it in errors.
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw BrokenPipe() }
                throw Failure("cannot write \(path): \(reason(errno))")
            }
            next += written
            left -= written
        }
    }

    /// `.NAME.tmp-PID` beside the target: hidden, so folder reads skip it.
    public static func temporaryPath(for target: String, kind: String = "tmp") -> String {
        let (folder, name) = split(target)
        return folder + "/." + name + ".\(kind)-\(getpid())"
    }

    /// Removes `.NAME.tmp-PID` and `.NAME.old-PID` left beside `target` by runs that were killed
    /// (their process is gone). A bundle set aside while being replaced is put back if the
    /// target is missing.
    public static func removeStaleTemporaries(of target: String) {
        let (folder, name) = split(target)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let prefix = "." + name + "."
        for entry in entries where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            let isOld = rest.hasPrefix("old-")
            guard isOld || rest.hasPrefix("tmp-"), let pid = Int32(rest.dropFirst(4)), pid != getpid(),
                kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            let stale = folder + "/" + entry
            if isOld, identity(of: target) == nil, rename(stale, target) == 0 { continue }
            try? FileManager.default.removeItem(atPath: stale)
        }
    }

    /// The folder a new output goes into must exist (outputs do not invent parent folders).
    public static func requireFolder(of target: String, for path: String) throws {
        let folder = split(target).folder
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw Failure("cannot write \(path): the folder \(folder) does not exist")
        }
    }

    /// Follows a chain of symbolic links to the path it ends at (which may not exist).
    public static func finalTarget(of path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw Failure("cannot write \(path): \(reason(errno))") }
            let link = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : split(current).folder + "/" + link
        }
        throw Failure("cannot write \(path): \(reason(ELOOP))")
    }

    public static func split(_ path: String) -> (folder: String, name: String) {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return (".", trimmed) }
        let folder = slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
        return (folder, String(trimmed[trimmed.index(after: slash)...]))
    }

    /// The system's text for an error number: `Permission denied`, `No space left on device`.
    public static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Temporary files and folders being written, removed by a signal handler if the process is
/// interrupted. The handler may only call async-signal-safe functions, so paths live in
/// preallocated C buffers and are removed with `unlink` and `rmdir`.
public enum TemporaryFiles {
    private static let slots = 64
    private static let pathCapacity = Int(PATH_MAX) + 1
    nonisolated(unsafe) private static let paths = UnsafeMutablePointer<CChar>.allocate(capacity: slots * pathCapacity)
    /// 0: free, 1: a file, 2: a folder (removed after the files in it).
    nonisolated(unsafe) private static let kinds: UnsafeMutablePointer<sig_atomic_t> = {
        let kinds = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: slots)
        kinds.initialize(repeating: 0, count: slots)
        return kinds
    }()
    private static let lock = NSLock()
    nonisolated(unsafe) private static var handlersInstalled = false

    /// Remembers `path` until `unregister`; returns its slot (nil when all are taken or the path
    /// is too long, which only means it is not removed on a signal).
    public static func register(_ path: String, isFolder: Bool) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        installHandlers()
        let bytes = Array(path.utf8)
        guard bytes.count < pathCapacity, let slot = (0..<slots).first(where: { kinds[$0] == 0 }) else { return nil }
        let start = paths + slot * pathCapacity
        for (i, byte) in bytes.enumerated() { start[i] = CChar(bitPattern: byte) }
        start[bytes.count] = 0
        kinds[slot] = isFolder ? 2 : 1
        return slot
    }

    public static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        kinds[slot] = 0
        lock.unlock()
    }

    /// SIGINT, SIGTERM and SIGHUP remove the registered paths, then end the process as the
    /// signal would have. A signal someone else handles (the REPL's Ctrl-C) or ignores is left alone.
    private static func installHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            var previous = sigaction()
            sigaction(signalNumber, nil, &previous)
            #if canImport(Glibc)
                guard previous.__sigaction_handler.sa_handler == nil else { continue }
                var action = sigaction()
                action.__sigaction_handler.sa_handler = removeAndDie
            #else
                guard previous.__sigaction_u.__sa_handler == nil else { continue }
                var action = sigaction()
                action.__sigaction_u.__sa_handler = removeAndDie
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
    }

    private static let removeAndDie: @convention(c) (Int32) -> Void = { signalNumber in
        TemporaryFiles.removeAll()
        signal(signalNumber, SIG_DFL)
        raise(signalNumber)
    }

    /// Files first, then the folders that held them. Async-signal-safe.
    static func removeAll() {
        for kind in sig_atomic_t(1)...2 {
            for slot in 0..<slots where kinds[slot] == kind {
                let path = paths + slot * pathCapacity
                if kind == 1 { unlink(path) } else { rmdir(path) }
            }
        }
    }
}
