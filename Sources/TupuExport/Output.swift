import Foundation
import TupuGraph

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

#if canImport(Glibc)
    private let systemWrite = Glibc.write
#else
    private let systemWrite = Darwin.write
#endif

/// A failure while writing an export: the message names the path and the reason.
public struct ExportError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Buffered UTF-8 output on a file descriptor. Exports stream through it line by line, so
/// the whole output never exists as one string. Not thread-safe: one writer per stream.
///
/// Writing to a closed pipe throws `BrokenPipe` (the process must ignore SIGPIPE, as `tupu`
/// does), any other failure throws `ExportError`.
public final class BufferedWriter {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    private let label: String

    public init(fileDescriptor: Int32, label: String = "standard output", capacity: Int = 1 << 16) {
        self.descriptor = fileDescriptor
        self.capacity = capacity
        self.label = label
        buffer.reserveCapacity(capacity)
    }

    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    public func flush() throws {
        var offset = 0
        defer { buffer.removeFirst(offset) }
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { bytes in
                systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            }
            if written >= 0 {
                offset += written
                continue
            }
            switch errno {
            case EINTR: continue
            case EPIPE:
                buffer.removeAll()
                offset = 0
                throw BrokenPipe()
            default: throw ExportError("cannot write \(label): \(String(cString: strerror(errno)))")
            }
        }
    }
}

/// Where an export goes. Files and folders appear whole or not at all: everything is
/// written to a temporary sibling and renamed into place at the end (see `OutputFile` for
/// standard output, devices, links and modes).
public enum ExportTarget {
    /// Writes one file (or standard output for `-`) through `body`.
    public static func withFile(_ path: String, _ body: (BufferedWriter) throws -> Void) throws {
        do {
            try OutputFile.write(to: path) { descriptor in
                let out = BufferedWriter(fileDescriptor: descriptor, label: descriptor == STDOUT_FILENO ? "standard output" : path)
                try body(out)
                try out.flush()
            }
        } catch let failure as OutputFile.Failure {
            throw ExportError(failure.message)
        }
    }

    /// Writes a bundle of files into the folder `path` (created). `files` are the names the
    /// bundle may contain: an existing folder holding anything else is refused rather than
    /// replaced, so `-o .` cannot wipe a working directory. A link to a folder is followed (the
    /// folder is replaced, the link stays), and an existing folder's mode is kept.
    public static func withFolder(_ path: String, files: [String], _ body: (_ open: (String) throws -> BufferedWriter) throws -> Void) throws {
        guard path != "-" else { throw ExportError("this format writes a folder of files; give one with -o FOLDER") }
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let target: String
        do {
            target = try OutputFile.finalTarget(of: trimmed)
            try OutputFile.requireFolder(of: target, for: trimmed)
        } catch let failure as OutputFile.Failure {
            throw ExportError(failure.message)
        }
        let parent = OutputFile.split(target).folder
        let manager = FileManager.default
        var info = stat()
        let exists = stat(target, &info) == 0
        if exists {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw ExportError("cannot write \(trimmed): it is a file, not a folder") }
            let present = (try? manager.contentsOfDirectory(atPath: target)) ?? []
            let foreign = present.filter { !files.contains($0) }.sorted()
            guard foreign.isEmpty else {
                throw ExportError(
                    "will not replace \(trimmed): it holds files this export does not write (\(foreign.prefix(3).joined(separator: ", "))); choose another folder"
                )
            }
            guard access(target, W_OK) == 0, access(parent, W_OK) == 0 else {
                throw ExportError("cannot replace \(trimmed): \(OutputFile.reason(errno))")
            }
        }
        OutputFile.removeStaleTemporaries(of: target)
        let temporary = OutputFile.temporaryPath(for: target)
        try? manager.removeItem(atPath: temporary)
        guard mkdir(temporary, exists ? info.st_mode & 0o7777 : 0o777) == 0 else {
            throw ExportError("cannot create \(trimmed): \(OutputFile.reason(errno))")
        }
        if exists { chmod(temporary, info.st_mode & 0o7777) }
        var slots = [TemporaryFiles.register(temporary, isFolder: true)]
        defer { slots.forEach(TemporaryFiles.unregister) }
        var openDescriptors: [Int32] = []
        do {
            var writers: [BufferedWriter] = []
            try body { name in
                precondition(files.contains(name), "\(name) is not declared in the bundle's files")
                slots.append(TemporaryFiles.register(temporary + "/" + name, isFolder: false))
                let descriptor = open(temporary + "/" + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
                guard descriptor >= 0 else {
                    throw ExportError("cannot create \(trimmed)/\(name): \(OutputFile.reason(errno))")
                }
                openDescriptors.append(descriptor)
                let writer = BufferedWriter(fileDescriptor: descriptor, label: "\(trimmed)/\(name)")
                writers.append(writer)
                return writer
            }
            for writer in writers { try writer.flush() }
            for descriptor in openDescriptors { close(descriptor) }
            openDescriptors.removeAll()
            if exists {
                // Swap: the old bundle moves aside, the new one takes its name, the old one goes.
                let aside = OutputFile.temporaryPath(for: target, kind: "old")
                guard rename(target, aside) == 0 else {
                    throw ExportError("cannot replace \(trimmed): \(OutputFile.reason(errno))")
                }
                guard rename(temporary, target) == 0 else {
                    let reason = OutputFile.reason(errno)
                    rename(aside, target)
                    throw ExportError("cannot replace \(trimmed): \(reason)")
                }
                try? manager.removeItem(atPath: aside)
            } else if rename(temporary, target) != 0 {
                throw ExportError("cannot create \(trimmed): \(OutputFile.reason(errno))")
            }
        } catch {
            for descriptor in openDescriptors { close(descriptor) }
            try? manager.removeItem(atPath: temporary)
            throw error
        }
    }
}
