import Foundation
import Testing

@testable import TupuText

@Suite struct ByteLinesTests {
    /// The items ByteLines gives for `bytes`: a line's text, or "TOO LONG" for one over the limit.
    static func items(_ bytes: [UInt8], maximumLength: Int) throws -> [(Int, String)] {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write(bytes, to: folder + "/lines.txt")
        let descriptor = open(folder + "/lines.txt", O_RDONLY)
        defer { close(descriptor) }
        var items: [(Int, String)] = []
        let failure = ByteLines(descriptor: descriptor, maximumLength: maximumLength).forEach { item in
            switch item {
            case .line(let number, let bytes): items.append((number, String(decoding: bytes, as: UTF8.self)))
            case .tooLong(let number): items.append((number, "TOO LONG"))
            }
        }
        #expect(failure == nil)
        return items
    }

    @Test func linesAcrossChunkBoundariesComeWholeAndOverlongOnesAreSkippedByNumber() throws {
        // Lines around the 1 MB chunk: each is kept whole or, over the limit, named and skipped.
        let lengths = [0, 5, 1 << 20, (1 << 20) - 3, 7, 3 << 20, 2, 1_500_000, 4]
        let lines = lengths.enumerated().map { String(repeating: $0.offset % 2 == 0 ? "青" : "禾", count: $0.element / 3) }
        let text = lines.joined(separator: "\n")  // no final line break
        let limit = 1_200_000
        let got = try Self.items(Array(text.utf8), maximumLength: limit)
        let expected = lines.enumerated().map { ($0.offset + 1, $0.element.utf8.count > limit ? "TOO LONG" : $0.element) }
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
    }

    @Test func aFinalLineBreakEndsTheLastLineAndAddsNone() throws {
        let got = try Self.items(Array("明湖村\n\n青禾社区\n".utf8), maximumLength: 100)
        #expect(got.map(\.0) == [1, 2, 3])
        #expect(got.map(\.1) == ["明湖村", "", "青禾社区"])
    }
}
