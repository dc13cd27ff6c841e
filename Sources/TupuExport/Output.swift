#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif

/// The reader went away (`tupu export … | head`). Not a failure: the command stops quietly.
public struct BrokenPipe: Error {}

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
            case EPIPE: buffer.removeAll(); offset = 0; throw BrokenPipe()
            default: throw ExportError("cannot write \(label): \(String(cString: strerror(errno)))")
            }
        }
    }
}

/// Where an export goes. Files and folders appear whole or not at all: everything is
/// written to a temporary sibling and renamed into place at the end.
public enum ExportTarget {
    /// Writes one file (or standard output for `-`) through `body`.
    public static func withFile(_ path: String, _ body: (BufferedWriter) throws -> Void) throws {
        if path == "-" {
            let out = BufferedWriter(fileDescriptor: STDOUT_FILENO)
            try body(out)
            try out.flush()
            return
        }
        let folder = try existingFolder(of: path)
        let temporary = folder + "/." + lastComponent(path) + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw ExportError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        do {
            let out = BufferedWriter(fileDescriptor: descriptor, label: path)
            try body(out)
            try out.flush()
            close(descriptor)
            guard rename(temporary, path) == 0 else {
                throw ExportError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
    }

    /// Writes a bundle of files into the folder `path` (created). `files` are the names the
    /// bundle may contain: an existing folder holding anything else is refused rather than
    /// replaced, so `-o .` cannot wipe a working directory.
    public static func withFolder(_ path: String, files: [String], _ body: (_ open: (String) throws -> BufferedWriter) throws -> Void) throws {
        guard path != "-" else { throw ExportError("this format writes a folder of files; give one with -o FOLDER") }
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let parent = try existingFolder(of: trimmed)
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        let exists = manager.fileExists(atPath: trimmed, isDirectory: &isFolder)
        if exists {
            guard isFolder.boolValue else { throw ExportError("cannot write \(trimmed): it is a file, not a folder") }
            let present = (try? manager.contentsOfDirectory(atPath: trimmed)) ?? []
            let foreign = present.filter { !files.contains($0) }.sorted()
            guard foreign.isEmpty else {
                throw ExportError("will not replace \(trimmed): it holds files this export does not write (\(foreign.prefix(3).joined(separator: ", "))); choose another folder")
            }
        }
        let temporary = parent + "/." + lastComponent(trimmed) + ".tmp-\(getpid())"
        try? manager.removeItem(atPath: temporary)
        guard mkdir(temporary, 0o777) == 0 else {
            throw ExportError("cannot create \(trimmed): \(String(cString: strerror(errno)))")
        }
        var openDescriptors: [Int32] = []
        do {
            var writers: [BufferedWriter] = []
            try body { name in
                precondition(files.contains(name), "\(name) is not declared in the bundle's files")
                let descriptor = open(temporary + "/" + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
                guard descriptor >= 0 else {
                    throw ExportError("cannot write \(trimmed)/\(name): \(String(cString: strerror(errno)))")
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
                let aside = parent + "/." + lastComponent(trimmed) + ".old-\(getpid())"
                guard rename(trimmed, aside) == 0 else {
                    throw ExportError("cannot replace \(trimmed): \(String(cString: strerror(errno)))")
                }
                guard rename(temporary, trimmed) == 0 else {
                    let reason = String(cString: strerror(errno))
                    rename(aside, trimmed)
                    throw ExportError("cannot replace \(trimmed): \(reason)")
                }
                try? manager.removeItem(atPath: aside)
            } else if rename(temporary, trimmed) != 0 {
                throw ExportError("cannot create \(trimmed): \(String(cString: strerror(errno)))")
            }
        } catch {
            for descriptor in openDescriptors { close(descriptor) }
            try? manager.removeItem(atPath: temporary)
            throw error
        }
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// The folder that will hold `path`; it must exist (exports do not invent parent folders).
    private static func existingFolder(of path: String) throws -> String {
        let folder: String
        if let slash = path.lastIndex(of: "/") {
            folder = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            folder = "."
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ExportError("cannot write \(path): the folder \(folder) does not exist")
        }
        return folder
    }
}
