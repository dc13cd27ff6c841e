import Foundation
import Testing
import TupuGraph

@testable import TupuRelate

/// The graph built from the repository's own `seeds/` (as `tupu build seeds` builds it), byte for
/// byte against `Tests/Golden/seeds.graph.jsonl`: a change in extraction becomes a reviewed diff
/// of that file, not a surprise. After an intended change, rewrite it with `updateCommand`.
@Suite struct SeedsGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let golden = root.appendingPathComponent("Tests/Golden/seeds.graph.jsonl")
    static let updateCommand = "TUPU_UPDATE_GOLDEN=1 swift test --filter SeedsGoldenTests"

    @Test func theSeedsGraphIsTheGoldenOne() throws {
        let (builder, gazetteerProblems, _) = try CorpusBuilder.standard()
        #expect(gazetteerProblems.isEmpty)
        let report = builder.build([Self.root.appendingPathComponent("seeds").path])
        #expect(report.problems.isEmpty)
        try #require(report.documents > 0, "no seeds read from \(Self.root.path)/seeds")
        var built = Data()
        GraphFile.write(report.graph) { built.append(contentsOf: $0) }

        if ProcessInfo.processInfo.environment["TUPU_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try built.write(to: Self.golden)
            print("rewrote \(Self.golden.path) (\(built.count) bytes)")
            return
        }
        guard let expected = FileManager.default.contents(atPath: Self.golden.path) else {
            Issue.record("no golden graph at \(Self.golden.path); make it with: \(Self.updateCommand)")
            return
        }
        if expected != built {
            Issue.record(Comment(rawValue: Self.differences(expected: expected, built: built)))
        }
    }

    /// A short summary of how two graph files differ: the lines only in each, the first few of each.
    static func differences(expected: Data, built: Data, show: Int = 8) -> String {
        let old = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let new = String(decoding: built, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let oldSet = Set(old)
        let newSet = Set(new)
        let removed = old.filter { !newSet.contains($0) }
        let added = new.filter { !oldSet.contains($0) }
        func clip(_ line: Substring) -> String { line.count > 160 ? line.prefix(160) + "…" : String(line) }
        var out =
            "the seeds graph differs from \(golden.path): \(old.count) → \(new.count) lines, "
            + "\(removed.count) only in the golden file, \(added.count) only in the new graph"
        if removed.isEmpty && added.isEmpty { out += " (same lines, another order)" }
        for line in removed.prefix(show) { out += "\n  - " + clip(line) }
        if removed.count > show { out += "\n  - … \(removed.count - show) more" }
        for line in added.prefix(show) { out += "\n  + " + clip(line) }
        if added.count > show { out += "\n  + … \(added.count - show) more" }
        out += "\nIf the change is intended, rewrite the golden file and commit it with the change:\n  \(updateCommand)"
        return out
    }

    @Test func theSummaryNamesTheChangedLinesAndTheUpdateCommand() {
        let summary = Self.differences(expected: Data("a\nb\nc\n".utf8), built: Data("a\nc\nd\n".utf8))
        #expect(summary.contains("1 only in the golden file, 1 only in the new graph"))
        #expect(summary.contains("\n  - b"))
        #expect(summary.contains("\n  + d"))
        #expect(summary.contains(Self.updateCommand))
    }
}
