import Foundation
import Testing
import TupuKit

@testable import TupuGraph

/// Slices of one shared buffer behave as the strings of their bytes (the naive version).
@Suite struct TextSliceTests {
    static let sentences = [
        "青禾社区党委推出“邻里互助站”。", "明岚科技有限公司与青溪街道签约共建，", "", "a\"b\\c\td", "远山村（节假日除外）：全天开放！",
        "“青禾社区”", "𠀀汉字扩展B", "青禾社区党委推出“邻里互助站”。"
    ]

    /// The sentences' bytes in one buffer, and each sentence's range of it.
    static func shared() -> (bytes: [UInt8], ranges: [Range<Int>]) {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for sentence in sentences {
            let start = bytes.count
            bytes.append(contentsOf: sentence.utf8)
            ranges.append(start..<bytes.count)
        }
        return (bytes, ranges)
    }

    @Test func aSliceOfASharedBufferIsTheStringOfItsBytes() {
        let (bytes, ranges) = Self.shared()
        for (sentence, range) in zip(Self.sentences, ranges) {
            let slice = TextSlice(sharing: bytes, range: range)
            #expect(slice.string == sentence)
            #expect(slice.description == sentence)
            #expect(slice == TextSlice(sentence))
            #expect(slice.hashValue == TextSlice(sentence).hashValue)
            #expect(slice.withUTF8Bytes { Array($0) } == Array(sentence.utf8))
        }
    }

    @Test func slicesAreEqualExactlyWhenTheirStringsAre() {
        let (bytes, ranges) = Self.shared()
        let slices = ranges.map { TextSlice(sharing: bytes, range: $0) }
        for i in slices.indices {
            for j in slices.indices {
                #expect((slices[i] == slices[j]) == (Self.sentences[i] == Self.sentences[j]))
                #expect((slices[i] == TextSlice(Self.sentences[j])) == (Self.sentences[i] == Self.sentences[j]))
            }
        }
        // The two equal sentences are one member of a set, as their strings are.
        #expect(Set(slices).count == Set(Self.sentences).count)
    }

    @Test func theWriterWritesASliceAsItWritesItsString() {
        let (bytes, ranges) = Self.shared()
        for (sentence, range) in zip(Self.sentences, ranges) {
            func line(_ text: TextSlice) -> String {
                let piece = Evidence(doc: "甲.txt", start: 0, end: 3, sentence: text, rule: "runs.推出", confidence: 0.9)
                return GraphFile.line(for: Edge(relation: .runs, subject: "org:青禾社区党委", object: "programme:邻里互助站", evidence: [piece]))
            }
            #expect(line(TextSlice(sharing: bytes, range: range)) == line(TextSlice(sentence)))
        }
    }

    @Test func mergingFindsAPieceOfEvidenceAlreadyKeptWhateverHoldsItsSentence() {
        let (bytes, ranges) = Self.shared()
        func edge(_ sentence: TextSlice) -> Edge {
            Edge(
                relation: .runs, subject: "org:青禾社区党委", object: "programme:邻里互助站",
                evidence: [Evidence(doc: "甲.txt", start: 0, end: 3, sentence: sentence, rule: "runs.推出", confidence: 0.9)])
        }
        var graph = Graph()
        graph.add(edge(TextSlice(Self.sentences[0])))
        graph.add(edge(TextSlice(sharing: bytes, range: ranges[7])))
        #expect(graph.edges[0].evidence.count == 1)
        #expect(graph.edges[0].support == 2)
    }
}
