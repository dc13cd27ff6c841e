import Testing

@testable import Datalog

let sample = Answer(query: 2, variables: ["Org", "N"], rows: [[.symbol("街道办"), .number(3)], [.symbol("a,\"b\""), .number(10)]])

@Test func jsonLinesCarryTheQueryNumber() {
    let text = AnswerFormatter(format: .jsonl).render(.answer(sample))
    #expect(
        text == """
            {"query": 2, "values": {"Org": "街道办", "N": 3}}
            {"query": 2, "values": {"Org": "a,\\"b\\"", "N": 10}}

            """)
    let yes = Answer(query: 1, variables: [], rows: [[]])
    #expect(AnswerFormatter(format: .jsonl).render(.answer(yes)) == "{\"query\": 1, \"values\": {}}\n")
}

@Test func tableAlignsByDisplayWidth() {
    let text = AnswerFormatter(format: .table).render(.answer(sample))
    #expect(
        text == """
            Org     N
            ------  --
            街道办  3
            a,"b"   10

            """)
}

@Test func csvQuotesLikeRFC4180AndTSVDoesNot() {
    #expect(AnswerFormatter(format: .csv).render(.answer(sample)) == "Org,N\r\n街道办,3\r\n\"a,\"\"b\"\"\",10\r\n")
    #expect(AnswerFormatter(format: .tsv).render(.answer(sample)) == "Org\tN\n街道办\t3\na,\"b\"\t10\n")
}

@Test func jsonIsAnArrayOfObjectsAndPrintSizeIsTheSameEverywhere() {
    #expect(
        AnswerFormatter(format: .json).render(.answer(sample)) == """
            [
              {"Org": "街道办", "N": 3},
              {"Org": "a,\\"b\\"", "N": 10}
            ]

            """)
    for format in OutputFormat.allCases {
        #expect(AnswerFormatter(format: format).render(.size(name: "path", count: 42)) == "path\t42\n")
    }
}

@Test func aRunPrintsEachQueryAsItsOwnBlock() throws {
    var options = RunOptions()
    options.format = .jsonl
    var printed = ""
    try Runner(options: options, output: { printed += $0 }).run(
        source: """
            e("甲", 1). e("乙", 2).
            ?- e(X, _).
            ?- e("甲", 1).
            ?- e(_, N), N > 1.
            """, file: "q.dl")
    #expect(
        printed == """
            {"query": 1, "values": {"X": "乙"}}
            {"query": 1, "values": {"X": "甲"}}
            {"query": 2, "values": {}}
            {"query": 3, "values": {"N": 2}}

            """)
}

@Test func blocksAreSeparatedByBlankLinesButSizesAreNot() {
    let blocks: [OutputBlock] = [.size(name: "a", count: 1), .size(name: "b", count: 2), .answer(sample), .answer(sample)]
    #expect(AnswerFormatter(format: .tsv).render(blocks) == "a\t1\nb\t2\nOrg\tN\n街道办\t3\na,\"b\"\t10\n\nOrg\tN\n街道办\t3\na,\"b\"\t10\n")
}

@Test func aRelationTableIsTitledWithItsName() {
    let block = OutputBlock.relation(name: "位于", columns: ["a", "b"], rows: [[.symbol("社区"), .symbol("街道")]])
    #expect(AnswerFormatter(format: .table).render(block) == "位于\na     b\n----  ----\n社区  街道\n")
    #expect(AnswerFormatter(format: .tsv).render(block) == "a\tb\n社区\t街道\n")
    #expect(AnswerFormatter(format: .jsonl).render(block) == "{\"relation\": \"位于\", \"values\": {\"a\": \"社区\", \"b\": \"街道\"}}\n")
}
