import Foundation
import TupuGraph

@testable import TupuExport

/// A small invented graph: a hospital runs a canteen programme in a street (街道) of a
/// county, cooperates with a volunteers' association, and has a director.
enum Sample {
    static let hospital = "org:海塘市第三医院"
    static let programme = "programme:银发食堂"
    static let street = "place:330999001"
    static let county = "place:330999"
    static let volunteers = "org:海塘市志愿者协会"
    static let director = "person:林晓雯"

    static func evidence(_ doc: String, _ start: Int, _ sentence: String, rule: String = "test.rule", confidence: Double = 0.9) -> Evidence {
        Evidence(doc: doc, start: start, end: start + sentence.unicodeScalars.count, sentence: sentence, rule: rule, confidence: confidence)
    }

    static var graph: Graph {
        var g = Graph()
        g.add(Entity(id: hospital, type: .org, name: "海塘市第三医院", aliases: ["市三院"], attrs: ["kind": "hospital"], docs: ["a.txt", "b.txt"], mentions: 4))
        g.add(Entity(id: programme, type: .programme, name: "银发食堂", docs: ["a.txt"]))
        g.add(Entity(id: street, type: .place, name: "青溪街道", attrs: ["level": "township", "code": "330999001"], docs: ["a.txt"]))
        g.add(Entity(id: county, type: .place, name: "海塘县", attrs: ["level": "county"], docs: ["a.txt"]))
        g.add(Entity(id: volunteers, type: .org, name: "海塘市志愿者协会", docs: ["b.txt"]))
        g.add(Entity(id: director, type: .person, name: "林晓雯", docs: ["b.txt"]))
        g.add(
            Edge(
                relation: .runs, subject: hospital, object: programme,
                evidence: [
                    evidence("a.txt", 12, "海塘市第三医院开设“银发食堂”，每天供应午餐。", rule: "runs.open"),
                    evidence("b.txt", 3, "市三院的银发食堂\t今年扩建", rule: "runs.possessive", confidence: 0.75)
                ]))
        g.add(Edge(relation: .locatedIn, subject: programme, object: street, evidence: [evidence("a.txt", 40, "食堂位于青溪街道。")]))
        g.add(Edge(relation: .partOf, subject: street, object: county))
        g.add(Edge(relation: .partner, subject: volunteers, object: hospital, evidence: [evidence("b.txt", 60, "医院与志愿者协会携手，共建\"爱心\"驿站。")]))
        g.add(Edge(relation: .role, subject: director, object: hospital, attrs: ["title": "主任"], evidence: [evidence("b.txt", 90, "林晓雯主任介绍")]))
        return g
    }

    /// A star and a chain: `hub` with `spokes` neighbours, plus a separate chain of `chain` entities.
    static func starAndChain(spokes: Int, chain: Int) -> Graph {
        var g = Graph()
        g.add(Entity(id: "org:中心", type: .org, name: "中心"))
        for i in 0..<spokes {
            g.add(Entity(id: "programme:项目\(i)", type: .programme, name: "项目\(i)"))
            g.add(Edge(relation: .runs, subject: "org:中心", object: "programme:项目\(i)"))
        }
        for i in 0..<chain {
            g.add(Entity(id: "place:村\(i)", type: .place, name: "村\(i)"))
            if i > 0 { g.add(Edge(relation: .partOf, subject: "place:村\(i)", object: "place:村\(i - 1)")) }
        }
        return g
    }
}

/// Runs an export into memory through a pipe-free writer: a temporary file, read back.
func exportText(_ body: (BufferedWriter) throws -> Void) throws -> String {
    let path = NSTemporaryDirectory() + "tupu-export-test-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try ExportTarget.withFile(path, body)
    return try String(contentsOfFile: path, encoding: .utf8)
}

/// Runs a folder export into a fresh temporary folder and returns its path.
func exportFolder(_ format: ExportFormat, _ graph: Graph = Sample.graph) throws -> String {
    let path = NSTemporaryDirectory() + "tupu-export-test-\(UUID().uuidString)"
    try Exporter.write(graph, as: format, to: path)
    return path
}

func read(_ folder: String, _ file: String) throws -> String {
    try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
}

/// A tool on PATH, for tests that validate output with real parsers when they are installed.
func toolExists(_ name: String) -> Bool {
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
}

/// Runs a program and returns (status, stdout, stderr).
@discardableResult
func runTool(_ arguments: [String], input: String? = nil) throws -> (Int32, String, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    let inp = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inp
    try process.run()
    if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
    try inp.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

/// Whether `python3 -c "import MODULE"` works.
func pythonHas(_ module: String) -> Bool {
    guard toolExists("python3") else { return false }
    return (try? runTool(["python3", "-c", "import \(module)"]).0) == 0
}
