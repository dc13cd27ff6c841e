import Foundation
import Testing

@testable import TupuGraph

#if canImport(Glibc)
    import Glibc
#endif

/// Outputs never destroy what their path points at: devices and FIFOs are written through,
/// links keep pointing where they did, modes stay, read-only files and inputs are refused.
@Suite final class OutputFileTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tupu-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func write(_ text: String, to path: String) throws {
        try OutputFile.write(to: path) { descriptor in
            try Array(text.utf8).withUnsafeBytes { try OutputFile.writeAll($0, to: descriptor, path: path) }
        }
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        lstat(path, &info)
        return info.st_mode & S_IFMT
    }

    /// A null device of the test's own (as root), else `/dev/null` itself: other programs on a
    /// shared machine must not be able to turn this test's device into a file, nor it theirs.
    func nullDevice() -> String {
        let own = folder + "/null"
        return mknod(own, S_IFCHR | 0o666, 1 << 8 | 3) == 0 ? own : "/dev/null"
    }

    @Test func dashAndDevStdoutAreStandardOutputAndACharacterDeviceIsWrittenThrough() throws {
        #expect(try OutputFile.destination(of: "-") == .standardOutput)
        #expect(try OutputFile.destination(of: "/dev/stdout") == .standardOutput)
        let null = nullDevice()
        #expect(try OutputFile.destination(of: null) == .writeThrough(null))
        try write("{\"kind\":\"graph\"}\n青溪街道\n", to: null)
        #expect(fileType(null) == S_IFCHR)
    }

    @Test func aFullDeviceGivesTheSystemsReason() throws {
        let failure = #expect(throws: OutputFile.Failure.self) { try write("海塘市第三医院\n", to: "/dev/full") }
        #expect(failure?.message == "cannot write /dev/full: No space left on device")
    }

    @Test func aFIFOIsWrittenThroughNotReplaced() throws {
        let fifo = folder + "/管道"
        #expect(mkfifo(fifo, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let done = DispatchSemaphore(value: 0)
        Thread {
            received = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            done.signal()
        }.start()
        try write("银发食堂\n", to: fifo)
        done.wait()
        #expect(String(decoding: received, as: UTF8.self) == "银发食堂\n")
        #expect(fileType(fifo) == S_IFIFO)
    }

    @Test func aSymbolicLinksTargetIsReplacedAndTheLinkStays() throws {
        try FileManager.default.createDirectory(atPath: folder + "/真", withIntermediateDirectories: true)
        try "旧图谱".write(toFile: folder + "/真/图谱.jsonl", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/链接.jsonl", withDestinationPath: "真/图谱.jsonl")
        try write("新图谱\n", to: folder + "/链接.jsonl")
        #expect(fileType(folder + "/链接.jsonl") == S_IFLNK)
        #expect(try String(contentsOfFile: folder + "/真/图谱.jsonl", encoding: .utf8) == "新图谱\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/真") == ["图谱.jsonl"])
    }

    @Test func aDanglingLinkCreatesItsTarget() throws {
        try FileManager.default.createSymbolicLink(atPath: folder + "/链接.jsonl", withDestinationPath: "新.jsonl")
        try write("青溪街道\n", to: folder + "/链接.jsonl")
        #expect(fileType(folder + "/链接.jsonl") == S_IFLNK)
        #expect(try String(contentsOfFile: folder + "/新.jsonl", encoding: .utf8) == "青溪街道\n")
    }

    @Test func anExistingFilesModeIsKept() throws {
        let path = folder + "/图谱.jsonl"
        try "旧".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o640)
        try write("新\n", to: path)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o640)
    }

    @Test(.enabled(if: geteuid() == 0, "only root can give a file to another owner"))
    func rootRewritingSomeoneElsesFileKeepsItsOwner() throws {
        let path = folder + "/他人的图谱.jsonl"
        try "旧".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(chown(path, 4321, 4321) == 0)
        try write("新\n", to: path)
        var info = stat()
        stat(path, &info)
        #expect((info.st_uid, info.st_gid) == (4321, 4321))
    }

    @Test func aReadOnlyFileIsRefusedWithTheReasonAndKept() throws {
        let path = folder + "/只读.jsonl"
        try "旧图谱".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o444)
        let failure = #expect(throws: OutputFile.Failure.self) { try write("新\n", to: path) }
        #expect(failure?.message.hasPrefix("cannot write \(path): Permission denied") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "旧图谱")
    }

    @Test func aFolderAndAMissingParentFolderAreRefused() throws {
        #expect(throws: OutputFile.Failure.self) { try write("x", to: folder) }
        let failure = #expect(throws: OutputFile.Failure.self) { try write("x", to: folder + "/无/图谱.jsonl") }
        #expect(failure?.message.contains("the folder \(folder)/无 does not exist") == true)
    }

    @Test func anOutputThatIsAnInputIsRefusedEvenThroughALink() throws {
        let article = folder + "/新闻.txt"
        try "青溪街道开设银发食堂。".write(toFile: article, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/别名.txt", withDestinationPath: article)
        #expect(throws: OutputFile.Failure.self) { try OutputFile.refuse(article, ifSameAs: [article]) }
        #expect(throws: OutputFile.Failure.self) { try OutputFile.refuse(folder + "/别名.txt", ifSameAs: [article]) }
        try OutputFile.refuse(folder + "/图谱.jsonl", ifSameAs: [article])
    }

    @Test func temporaryFilesOfDeadRunsAreRemovedAndLiveOnesKept() throws {
        let path = folder + "/图谱.jsonl"
        let dead = folder + "/.图谱.jsonl.tmp-2147483646"
        let live = folder + "/.图谱.jsonl.tmp-1"  // init, always running
        let other = folder + "/.其他.jsonl.tmp-2147483646"
        for file in [dead, live, other] { try "半".write(toFile: file, atomically: false, encoding: .utf8) }
        try write("新\n", to: path)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
        #expect(left == ["图谱.jsonl", ".图谱.jsonl.tmp-1", ".其他.jsonl.tmp-2147483646"])
    }

    @Test func theSignalHandlersCleanupRemovesFilesThenTheirFolder() throws {
        let bundle = folder + "/.导出.tmp-7"
        try FileManager.default.createDirectory(atPath: bundle, withIntermediateDirectories: false)
        try "节点".write(toFile: bundle + "/nodes.csv", atomically: false, encoding: .utf8)
        let folderSlot = TemporaryFiles.register(bundle, isFolder: true)
        let fileSlot = TemporaryFiles.register(bundle + "/nodes.csv", isFolder: false)
        TemporaryFiles.removeAll()
        TemporaryFiles.unregister(fileSlot)
        TemporaryFiles.unregister(folderSlot)
        #expect(!FileManager.default.fileExists(atPath: bundle))
        // Registering installed the handler for SIGTERM (the default was in place before).
        var action = sigaction()
        sigaction(SIGTERM, nil, &action)
        #expect(action.__sigaction_handler.sa_handler != nil)
    }
}
