import Foundation

/// Runs the built `tupu` binary the way a user would, for CLI tests. Standard output and error
/// go to temporary files (no pipe can fill up and stall the child).
enum TupuProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The `tupu` executable next to the test bundle in the build folder.
    static let binary: URL = {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("tupu")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tupu")
    }()

    /// Runs `tupu ARGUMENTS…` in `directory` with `input` on standard input.
    static func run(
        _ arguments: [String], in directory: String? = nil, input: String = "",
        environment: [String: String] = [:]
    ) throws -> Result {
        try shell("\"$TUPU\" \"$@\"", arguments: arguments, in: directory, input: input, environment: environment)
    }

    /// Runs a bash script with `$TUPU` set to the binary and `$@` to `arguments`.
    static func shell(
        _ script: String, arguments: [String] = [], in directory: String? = nil, input: String = "",
        environment: [String: String] = [:]
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tupu-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        let inURL = scratch.appendingPathComponent("in")
        try Data(input.utf8).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, "tupu-test"] + arguments
        var env = ProcessInfo.processInfo.environment
        env["TUPU"] = binary.path
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tupu-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// A small graph file in JSON Lines (invented names, in the order `GraphFile.write` uses),
/// for commands that read `--graph`.
enum SampleGraphFile {
    static let text = sealed(lines, entities: 3, edges: 2, documents: 1)

    /// The lines before the end line.
    static let lines = """
        {"kind":"graph","version":2,"offset_unit":"codepoint"}
        {"kind":"entity","id":"org:海塘市第三医院","type":"org","name":"海塘市第三医院","aliases":["市三院"],"attrs":{"kind":"hospital"},"docs":["a.txt"],"mentions":3}
        {"kind":"entity","id":"place:330999001","type":"place","name":"青溪街道","aliases":[],"attrs":{"code":"330999001","level":"township"},"docs":["a.txt"],"mentions":1}
        {"kind":"entity","id":"programme:银发食堂","type":"programme","name":"银发食堂","aliases":[],"attrs":{},"docs":["a.txt"],"mentions":1}
        {"kind":"edge","relation":"located_in","subject":"programme:银发食堂","object":"place:330999001","support":1,"evidence":[{"doc":"a.txt","start":40,"end":49,"sentence":"食堂位于青溪街道。","rule":"located.in","confidence":0.8}]}
        {"kind":"edge","relation":"runs","subject":"org:海塘市第三医院","object":"programme:银发食堂","support":2,"evidence":[{"doc":"a.txt","start":12,"end":35,"sentence":"海塘市第三医院开设“银发食堂”，每天供应午餐。","rule":"runs.open","confidence":0.9}]}

        """

    /// The lines followed by the end line a graph file of version 2 closes with (counts and the
    /// FNV-1a 64 checksum of every byte before it).
    static func sealed(_ lines: String, entities: Int, edges: Int, documents: Int) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in lines.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let digits = String(hash, radix: 16)
        let checksum = String(repeating: "0", count: 16 - digits.count) + digits
        return lines + "{\"kind\":\"end\",\"entities\":\(entities),\"edges\":\(edges),\"documents\":\(documents),\"checksum\":\"fnv1a64:\(checksum)\"}\n"
    }

    /// Writes the sample as `graph.jsonl` in `folder`.
    static func write(in folder: String, name: String = "graph.jsonl") throws {
        try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
    }

    /// A graph big enough to overflow a pipe buffer: `count` programmes run by one org.
    static func big(count: Int) -> String {
        var lines = [
            "{\"kind\":\"graph\",\"version\":2,\"offset_unit\":\"codepoint\"}",
            "{\"kind\":\"entity\",\"id\":\"org:中心\",\"type\":\"org\",\"name\":\"中心\"}"
        ]
        for i in 0..<count {
            lines.append("{\"kind\":\"entity\",\"id\":\"programme:项目\(i)\",\"type\":\"programme\",\"name\":\"社区服务项目第\(i)号\"}")
            lines.append(
                "{\"kind\":\"edge\",\"relation\":\"runs\",\"subject\":\"org:中心\",\"object\":\"programme:项目\(i)\",\"evidence\":[{\"doc\":\"d\(i).txt\",\"start\":0,\"end\":9,\"sentence\":\"中心开展社区服务项目。\",\"rule\":\"r\",\"confidence\":1}]}"
            )
        }
        return sealed(lines.joined(separator: "\n") + "\n", entities: count + 1, edges: count, documents: 0)
    }
}
