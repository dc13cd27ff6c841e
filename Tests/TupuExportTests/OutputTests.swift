import Foundation
import Testing
import TupuGraph

@testable import TupuExport

#if canImport(Glibc)
    import Glibc
#endif

@Test func aFailedExportLeavesNoFileBehind() throws {
    let folder = NSTemporaryDirectory() + "tupu-atomic-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    struct Boom: Error {}
    #expect(throws: Boom.self) {
        try ExportTarget.withFile(folder + "/graph.dot") { out in
            try out.write(String(repeating: "半", count: 100_000))
            throw Boom()
        }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
}

@Test func anOutputInAMissingFolderIsAClearError() {
    do {
        try ExportTarget.withFile("/nonexistent-tupu/out/graph.nt") { _ in }
        Issue.record("expected an error")
    } catch {
        #expect("\(error)" == "cannot write /nonexistent-tupu/out/graph.nt: the folder /nonexistent-tupu/out does not exist")
    }
}

@Test func aFolderExportReplacesItsOwnBundleButNeverOtherFiles() throws {
    let folder = try exportFolder(.csv)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try Exporter.write(Sample.starAndChain(spokes: 2, chain: 0), as: .csv, to: folder)
    #expect(try read(folder, "nodes.csv").split(separator: "\n").count == 4)
    #expect(FileManager.default.createFile(atPath: folder + "/笔记.txt", contents: Data("mine".utf8)))
    #expect(throws: ExportError.self) { try Exporter.write(Sample.graph, as: .csv, to: folder) }
    #expect(try read(folder, "笔记.txt") == "mine")
    let parent = (folder as NSString).deletingLastPathComponent
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent).filter {
        $0.contains(".tmp-") && $0.contains((folder as NSString).lastPathComponent)
    }
    #expect(leftovers.isEmpty)
}

@Test func writingToAClosedPipeIsABrokenPipeNotACrash() throws {
    signal(SIGPIPE, SIG_IGN)
    var ends: [Int32] = [0, 0]
    #expect(pipe(&ends) == 0)
    close(ends[0])
    defer { close(ends[1]) }
    let writer = BufferedWriter(fileDescriptor: ends[1])
    try writer.write("海塘市第三医院\n")
    #expect(throws: BrokenPipe.self) { try writer.flush() }
}
