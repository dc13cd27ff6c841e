import Foundation
import TupuGraph

/// Loading the graph file for commands that read one (`--graph FILE`, default `graph.jsonl`).
enum GraphInput {
    static let defaultPath = "graph.jsonl"

    /// The `--graph` option, shared so every command spells it the same way.
    static let option = OptionSpec.option("-g", "--graph", value: "FILE",
                                          help: "The graph file (JSON Lines); - for standard input. Default: \(defaultPath).")

    /// Loads the graph at `path` (`-` reads standard input). A missing file is a runtime error
    /// that says how to make one.
    static func load(_ path: String?) throws -> Graph {
        let path = path ?? defaultPath
        // Read a line at a time: standard input may never end, and a line is bounded.
        let warn = { (warning: GraphFile.ReadError) in CLIOutput.note("\(warning)") }
        if path == "-" {
            return try GraphFile.read(descriptor: 0, path: "<stdin>", warn: warn)
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw RuntimeError("no graph file at \(path); build one with `tupu build SOURCES -o \(path)` or pass --graph FILE")
        }
        guard !isFolder.boolValue else { throw RuntimeError("\(path) is a folder; --graph wants a graph file (JSON Lines)") }
        return try GraphFile.load(path, warn: warn)
    }
}
