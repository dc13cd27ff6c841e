import Foundation
import TupuGraph

/// A folder's graph, built once and kept in a cache folder. The key covers every file's relative
/// path, size and modification time and a stamp of the extractor (the caller passes the
/// executable), so an edited article or a rebuilt extractor never serves a stale graph.
public struct BuildCache: Sendable {
    public let folder: String
    public let toolStamp: String

    public init(folder: String, toolStamp: String) {
        self.folder = folder
        self.toolStamp = toolStamp
    }

    /// The cached graph of `source`, built with `builder` when missing or unreadable. A cache
    /// that cannot be written only costs time on the next run, so that failure is silent.
    public func graph(of source: String, builder: CorpusBuilder) -> (graph: Graph, report: CorpusBuilder.Report?) {
        let file = folder + "/" + (source as NSString).lastPathComponent + "-" + fingerprint(of: source) + ".graph.jsonl"
        if FileManager.default.fileExists(atPath: file), let graph = try? GraphFile.load(file) {
            return (graph, nil)
        }
        let report = builder.build([source])
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? OutputFile.write(to: file) { descriptor in
            try GraphFile.write(report.graph) { try OutputFile.writeAll($0, to: descriptor, path: file) }
        }
        return (report.graph, report)
    }

    /// FNV-1a over every file's relative path, size and modification time, and the tool's stamp.
    public func fingerprint(of source: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        func stamp(_ path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return }
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            mix("\(path)\t\(size)\t\(modified)\n")
        }
        for file in (FileManager.default.subpaths(atPath: source) ?? []).sorted() { stamp(source + "/" + file) }
        stamp(toolStamp)
        return String(hash, radix: 16)
    }

    /// `$XDG_CACHE_HOME/tupu`, else `~/.cache/tupu`.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let cache = environment["XDG_CACHE_HOME"], !cache.isEmpty { return cache + "/tupu" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/tupu"
    }
}
