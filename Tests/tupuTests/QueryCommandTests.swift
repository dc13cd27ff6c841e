import Foundation
import Testing

/// The repository's own seed articles and bundled gazetteer, so a fresh clone runs these tests.
/// The seeds graph is built once per test run (the first `tupu query` fills a private cache).
enum SeedsWorkspace {
    static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = repository.appendingPathComponent("seeds").path
    static let gazetteer = repository.appendingPathComponent("Sources/TupuGazetteer/Resources").path

    /// A folder holding a `seeds` link, and the cache folder every test here shares.
    static let folder: (path: String, cache: String) = {
        let path = try! TupuProcess.temporaryFolder()
        try! FileManager.default.createSymbolicLink(atPath: path + "/seeds", withDestinationPath: seeds)
        let cache = path + "/cache"
        _ = try? TupuProcess.run(["query", "-e", "?- entity(X, _, _)."], in: path, environment: ["XDG_CACHE_HOME": cache])
        return (path, cache)
    }()

    static func tupu(_ arguments: [String], input: String = "") throws -> TupuProcess.Result {
        try TupuProcess.run(arguments, in: folder.path, input: input, environment: ["XDG_CACHE_HOME": folder.cache])
    }

    static func queryFile(_ name: String) -> String { repository.appendingPathComponent("queries/" + name).path }

    /// TSV blocks of `tupu query` output: each a header and rows of cells.
    static func blocks(_ tsv: String) -> [[[String]]] {
        tsv.components(separatedBy: "\n\n").map { block in
            block.split(separator: "\n").map { $0.components(separatedBy: "\t") }
        }.filter { !$0.isEmpty }
    }

    /// Rows (without the header) of the first block of a query.
    static func rows(_ arguments: [String]) throws -> [[String]] {
        let result = try tupu(["query", "--format", "tsv"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return Array((blocks(result.stdout).first ?? []).dropFirst())
    }

    /// Names of the gazetteer's divisions whose parent has this name.
    static func gazetteerChildren(of parent: String, in file: String) throws -> Set<String> {
        let parents = try String(contentsOfFile: gazetteer + "/cities.tsv", encoding: .utf8)
            .split(separator: "\n").map { $0.components(separatedBy: "\t") }
        guard let code = parents.first(where: { $0.count > 1 && $0[1] == parent })?[0] else { return [] }
        let rows = try String(contentsOfFile: gazetteer + "/" + file, encoding: .utf8)
            .split(separator: "\n").map { $0.components(separatedBy: "\t") }
        return Set(rows.filter { $0.count > 2 && $0[2] == code }.map { $0[1] })
    }
}

@Suite
struct QueriesOnTheSeedsGraph {
    @Test func everySavedQueryAsksItsQuestionInChineseAndEnglishAndRuns() throws {
        let folder = SeedsWorkspace.repository.appendingPathComponent("queries").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".dl") }.sorted()
        #expect(files.count >= 12)
        var answered = 0
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let lines = text.split(separator: "\n").map(String.init)
            #expect(
                lines[0].hasPrefix("% ") && lines[0].unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF },
                "\(file) should open with the question in Chinese")
            #expect(lines[1].hasPrefix("% ") && lines[1].contains("?"), "\(file) should ask it in English next")
            let result = try SeedsWorkspace.tupu(["query", "--format", "tsv", folder + "/" + file])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            if SeedsWorkspace.blocks(result.stdout).contains(where: { $0.count > 1 }) { answered += 1 }
        }
        #expect(answered >= 12, "saved queries with answers: \(answered)")
    }

    @Test func programmesWithin湖州市ComeThroughTheWholePlaceChain() throws {
        let rows = try SeedsWorkspace.rows([SeedsWorkspace.queryFile("02_programmes_in_huzhou.dl")])
        #expect(rows.count >= 10)
        // Some of them are placed by the chain alone: neither they nor their runner are located in 湖州市 itself.
        let indirect = try SeedsWorkspace.rows([
            "-e",
            """
            ?- programme_in(G, "湖州市"), !located_in(G, "湖州市"), runs(R, G), R != "湖州市", !located_in(R, "湖州市").
            """
        ])
        #expect(!indirect.isEmpty)
    }

    @Test func countiesWithin湖州市AreTheGazetteersCountiesOf湖州市() throws {
        let counties = try SeedsWorkspace.rows(["-e", #"?- within(X, "湖州市"), place(X, "county", _)."#]).map { $0[0] }
        let expected = try SeedsWorkspace.gazetteerChildren(of: "湖州市", in: "counties.tsv")
        #expect(!counties.isEmpty)
        #expect(Set(counties).isSubset(of: expected), "\(counties) ⊄ \(expected)")
    }

    @Test func negationSplitsProgrammesIntoRunAndUnrun() throws {
        let unrun = Set(try SeedsWorkspace.rows([SeedsWorkspace.queryFile("06_programmes_without_runner.dl")]).map { $0[0] })
        let run = Set(try SeedsWorkspace.rows(["--ids", "-e", "?- runs(_, G)."]).map { $0[0] })
        let all = Set(try SeedsWorkspace.rows(["--ids", "-e", #"?- entity(G, "programme", _)."#]).map { $0[0] })
        let unrunIds = Set(try SeedsWorkspace.rows(["--ids", SeedsWorkspace.queryFile("06_programmes_without_runner.dl")]).map { $0[0] })
        #expect(!unrun.isEmpty && !run.isEmpty)
        #expect(unrunIds.isDisjoint(with: run))
        #expect(unrunIds.union(run) == all)
    }

    @Test func theBusiestPlaceOfEachLevelHasTheLargestCount() throws {
        let result = try SeedsWorkspace.tupu(["query", "--format", "tsv", SeedsWorkspace.queryFile("05_places_with_most_programmes.dl")])
        let blocks = SeedsWorkspace.blocks(result.stdout)
        try #require(blocks.count == 2)
        var largest: [String: Int] = [:]
        for row in blocks[1].dropFirst() { largest[row[1]] = max(largest[row[1]] ?? 0, Int(row[2]) ?? 0) }
        let winners = blocks[0].dropFirst()
        #expect(Set(winners.map { $0[1] }) == Set(largest.keys))
        for row in winners { #expect(Int(row[2]) == largest[row[1]], "\(row)") }
        #expect((largest["city"] ?? 0) >= 10)
    }

    @Test func idsAreOpaqueAndNamesAreWhatPrintsByDefault() throws {
        let named = try SeedsWorkspace.rows(["-e", #"?- place(X, "city", _)."#]).map { $0[0] }
        let ids = try SeedsWorkspace.rows(["--ids", "-e", #"?- place(X, "city", _)."#]).map { $0[0] }
        #expect(named.contains("湖州市"))
        #expect(ids.allSatisfy { $0.hasPrefix("place:") })
        #expect(named.count == ids.count)
    }

    @Test func explainShowsARuleTreeDownToMarkedSentences() throws {
        let result = try SeedsWorkspace.tupu(["explain", #"programme_in(G, "湖州市")"#, "--answer", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("answer 1: G = "))
        #expect(result.stdout.contains("⇐ programme_in(G, P) :- "))
        #expect(result.stdout.contains("graph edge, "))
        #expect(result.stdout.contains(".txt @"))
        #expect(result.stdout.contains("【"))

        let json = try SeedsWorkspace.tupu(["explain", #"programme_in(G, "湖州市")"#, "--format", "json", "--max-answers", "2"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["holds"] as? Bool == true)
        #expect((object["answers"] as? [Any])?.count == 2)
        #expect((object["total_answers"] as? Int ?? 0) >= 10)
    }

    @Test func explainSaysNotDerivedForAFactThatDoesNotHold() throws {
        let result = try SeedsWorkspace.tupu(["explain", #"within("湖州市", "杭州市")"#])
        #expect(result.status == 0)
        #expect(result.stdout.contains("not derived: the goal does not hold."))
        #expect(result.stdout.contains("is not derived by within(X, P) :- "))
    }
}

// MARK: On a small invented graph

private func sampleFolder() throws -> String {
    let folder = try TupuProcess.temporaryFolder()
    try SampleGraphFile.write(in: folder)
    return folder
}

@Test func queryPrintsNamesAsTSVInAPipeAndAlignsATable() throws {
    let folder = try sampleFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let tsv = try TupuProcess.run(["query", "-e", #"?- runs(Org, P), located_in(P, "青溪街道")."#], in: folder)
    #expect(tsv.status == 0, "\(tsv.stderr)")
    #expect(tsv.stdout == "Org\tP\n海塘市第三医院\t银发食堂\n")
    let table = try TupuProcess.run(["query", "-e", "?- runs(Org, P).", "--format", "table"], in: folder)
    #expect(table.stdout.contains("海塘市第三医院  银发食堂\n"))  // 14 columns wide + 2 spaces
    #expect(table.stdout.contains("Org             P\n"))
    let jsonl = try TupuProcess.run(["query", "-e", #"?- runs("市三院", P)."#, "--format", "jsonl", "--ids"], in: folder)
    #expect(jsonl.stdout == #"{"query": 1, "values": {"P": "programme:银发食堂"}}"# + "\n")
}

@Test func aQueryErrorPointsAtTheSpotAndExitsOne() throws {
    let folder = try sampleFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try "% 测试\n?- runs(X, Y),\n   locatd_in(Y, \"青溪街道\").\n".write(toFile: folder + "/bad.dl", atomically: true, encoding: .utf8)
    let result = try TupuProcess.run(["query", "bad.dl"], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("bad.dl:3:4: error: unknown relation 'locatd_in'"))
    #expect(result.stderr.contains("   locatd_in(Y, \"青溪街道\").\n   ^~~~~~~~~\n"))
    #expect(result.stderr.contains("did you mean 'located_in'?"))
    let usage = try TupuProcess.run(["query"], in: folder)
    #expect(usage.status == 64)
}

@Test func aScriptPipedIntoTheReplRunsStatementByStatementWithoutPrompts() throws {
    let folder = try sampleFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let script = """
        % rules stay for the session; a statement may span lines
        .decl hospital_runs(h: symbol, p: symbol)
        hospital_runs(H, P) :-
            org_kind(H, "hospital"), runs(H, P).
        ?- hospital_runs(H, P).
        :mode csv
        ?- hospital_runs(H, "银发食堂").
        :relations
        """
    let result = try TupuProcess.run(["repl"], in: folder, input: script)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stdout.contains("tupu>"))
    #expect(result.stdout.hasPrefix("H\tP\n海塘市第三医院\t银发食堂\nH\r\n海塘市第三医院\r\n"))
    #expect(result.stdout.contains("hospital_runs,2,1\r\n"))
}

@Test func theFirstErrorInAPipedScriptStopsItWithStatusOne() throws {
    let folder = try sampleFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try TupuProcess.run(["repl"], in: folder, input: "?- runs(X, Y).\n\n?- runs(X,\n  Y, Z).\n?- entity(X, _, _).\n")
    #expect(result.status == 1)
    #expect(result.stdout == "X\tY\n海塘市第三医院\t银发食堂\n")  // the third statement never ran
    #expect(result.stderr.hasPrefix("<stdin>:3:4: error: "))
    let typo = try TupuProcess.run(["repl"], in: folder, input: ":relatoins\n")
    #expect(typo.status == 1)
    #expect(typo.stderr.contains("did you mean :relations?"))
}

@Test func anErrorAfterANameInThePipedReplPointsAtTheColumnAsTyped() throws {
    let folder = try sampleFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try TupuProcess.run(["repl"], in: folder, input: "?- runs(X, Y).\n?- located_in(P, \"青溪街道\"), runz(P).\n")
    #expect(result.status == 1)
    #expect(result.stderr.hasPrefix("<stdin>:2:27: error: unknown relation 'runz'"))
    // The caret sits under `runz` at display width: each of the four CJK characters takes two columns.
    #expect(result.stderr.contains("?- located_in(P, \"青溪街道\"), runz(P).\n" + String(repeating: " ", count: 30) + "^~~~\n"))
}

@Test func replExplainAndDotWorkOnTheLastAnswer() throws {
    let folder = try sampleFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let input = ":explain runs(X, \"银发食堂\")\n?- runs(X, Y).\n:dot\n"
    let result = try TupuProcess.run(["repl"], in: folder, input: input)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("» 【海塘市第三医院】开设“【银发食堂】”，每天供应午餐。\n"))
    #expect(result.stdout.contains("graph edge, 2 mentions"))
    #expect(result.stdout.contains("digraph"))
    #expect(result.stdout.contains("\"org:海塘市第三医院\" -> \"programme:银发食堂\""))
}

@Test func aNameSharedByTwoEntitiesIsAnErrorThatListsThem() throws {
    let folder = try TupuProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let graph = SampleGraphFile.sealed(
        SampleGraphFile.lines + """
            {"kind":"entity","id":"place:330888001","type":"place","name":"青溪街道","aliases":[],"attrs":{"level":"township"},"docs":["b.txt"],"mentions":1}

            """, entities: 4, edges: 2, documents: 2)
    try graph.write(toFile: folder + "/graph.jsonl", atomically: true, encoding: .utf8)
    let result = try TupuProcess.run(["query", "-e", #"?- located_in(P, "青溪街道")."#], in: folder)
    #expect(result.status == 1)
    #expect(result.stderr.contains("“青溪街道” names 2 entities: place:330888001, place:330999001"))
    let byName = try TupuProcess.run(["query", "-e", #"?- located_in(P, T), name(T, "青溪街道")."#], in: folder)
    #expect(byName.stdout == "P\tT\n银发食堂\t青溪街道\n")
}

@Test func dotAfterAQueryWithAConstantDrawsThatEntityToo() throws {
    let folder = try sampleFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = try TupuProcess.run(["repl"], in: folder, input: "?- runs(\"海塘市第三医院\", P).\n:dot\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"org:海塘市第三医院\" -> \"programme:银发食堂\""))
}

@Test func schemaIsStaticAndNeverRunsTheRules() throws {
    let folder = try sampleFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // A rule whose evaluation would take minutes: :schema must answer at once all the same.
    let heavy = ".decl big(n: number)\nbig(0).\nbig(N + 1) :- big(N), N < 100000000.\n"
    let started = Date()
    let result = try TupuProcess.run(["repl"], in: folder, input: heavy + ":schema within\n:schema big\n")
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("within("))
    #expect(result.stdout.contains("big(") && result.stdout.contains("size not computed yet"))
}
