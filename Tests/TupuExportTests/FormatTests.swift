import Foundation
import Testing
import TupuGraph
import TupuQuery

@testable import TupuExport

@Test func jsonLinesExportOfALoadedGraphIsByteForByteTheGraphFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tupu-\(UUID().uuidString).jsonl").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try GraphFile.save(Sample.graph, to: path)
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    let exported = try exportText { try JSONLinesExport.write(try GraphFile.load(path), to: $0) }
    #expect(exported == expected)
    #expect(exported.contains("\"rule\":\"runs.open\""))
}

@Test func csvQuotesFieldsWithCommasQuotesAndLineBreaksPerRFC4180() {
    #expect(CSVExport.row(["a", "海塘,县", "说\"好\"", "两\n行", ""]) == "a,\"海塘,县\",\"说\"\"好\"\"\",\"两\n行\",\n")
}

@Test func csvBundleHasNodesEdgesAndEveryPieceOfEvidence() throws {
    let folder = try exportFolder(.csv)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let nodes = try read(folder, "nodes.csv").split(separator: "\n")
    #expect(nodes[0] == "id,type,name,aliases,docs,mentions,code,kind,level")
    #expect(nodes.contains("org:海塘市第三医院,org,海塘市第三医院,市三院,a.txt|b.txt,4,,hospital,"))
    let edges = try read(folder, "edges.csv").split(separator: "\n")
    #expect(edges[0] == "src,dst,rel,doc,start,end,confidence,sentence,rule,support,evidence_count,title")
    #expect(edges.count == 1 + 5)
    // The runs edge: its first evidence inline, two pieces in all. A full-width ， needs no quoting.
    #expect(edges.contains("org:海塘市第三医院,programme:银发食堂,runs,a.txt,12,35,0.9,海塘市第三医院开设“银发食堂”，每天供应午餐。,runs.open,2,2,"))
    #expect(edges.contains("place:330999001,place:330999,part_of,,,,,,,0,0,"))
    #expect(edges.contains { $0.hasPrefix("person:林晓雯,org:海塘市第三医院,role,") && $0.hasSuffix(",主任") })
    let evidence = try read(folder, "evidence.csv").split(separator: "\n")
    #expect(evidence[0] == "src,dst,rel,doc,start,end,confidence,sentence,rule")
    #expect(evidence.count == 1 + 5)
    #expect(evidence.contains("org:海塘市志愿者协会,org:海塘市第三医院,partner,b.txt,60,80,0.9,\"医院与志愿者协会携手，共建\"\"爱心\"\"驿站。\",test.rule"))
}

@Test(.enabled(if: pythonHas("duckdb"), "needs python3 with duckdb (pip install duckdb)"))
func duckDBReadsTheCSVBundle() throws {
    let folder = try exportFolder(.csv)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let script = """
        import duckdb, sys
        e = duckdb.sql("select src, rel, doc, start, sentence from read_csv('\(folder)/edges.csv', header=true) where rel = 'partner'").fetchall()
        n = duckdb.sql("select count(*) from read_csv('\(folder)/nodes.csv', header=true)").fetchall()[0][0]
        print(n, e)
        """
    let (status, out, err) = try runTool(["python3", "-c", script])
    #expect(status == 0, "\(err)")
    #expect(out.contains("6 [('org:海塘市志愿者协会', 'partner', 'b.txt', 60, '医院与志愿者协会携手，共建\"爱心\"驿站。')]"))
}

@Test func neo4jBundleUsesAdminImportHeaders() throws {
    let folder = try exportFolder(.neo4j)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let nodes = try read(folder, "nodes.csv").split(separator: "\n")
    #expect(nodes[0] == "id:ID,:LABEL,name,aliases:string[],docs:string[],mentions:int,code,kind,level")
    #expect(nodes.contains("org:海塘市第三医院,Org,海塘市第三医院,市三院,a.txt;b.txt,4,,hospital,"))
    let relationships = try read(folder, "relationships.csv").split(separator: "\n")
    #expect(
        relationships[0] == ":START_ID,:END_ID,:TYPE,support:int,evidence_count:int,doc,start:int,end:int,confidence:float,sentence,rule,docs:string[],title")
    #expect(relationships.contains { $0.hasPrefix("org:海塘市第三医院,programme:银发食堂,RUNS,2,2,a.txt,12,35,0.9,") && $0.hasSuffix(",runs.open,a.txt;b.txt,") })
}

@Test func souffleFactsAreExactlyTheRelationsTupuQueryUses() throws {
    let graph = Sample.graph
    let folder = try exportFolder(.souffle, graph)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let relations = GraphRelations(graph)
    for schema in GraphRelations.schemas {
        let expected = (relations.facts[schema.name] ?? []).map { row in
            row.map { SouffleExport.clean($0.text) }.joined(separator: "\t")
        }.sorted()
        let exported = try read(folder, "\(schema.name).facts").split(separator: "\n").map(String.init).sorted()
        #expect(exported == expected, "\(schema.name).facts")
    }
    #expect(try read(folder, "partner.facts") == "org:海塘市志愿者协会\torg:海塘市第三医院\norg:海塘市第三医院\torg:海塘市志愿者协会\n")
    #expect(try read(folder, "role.facts") == "person:林晓雯\torg:海塘市第三医院\t主任\n")
    #expect(
        try read(folder, "tupu.dl").contains(
            ".decl evidence(subject: symbol, relation: symbol, object: symbol, doc: symbol, start: number, end: number)\n.input evidence"))
}

@Test func souffleValuesLoseTabsAndLineBreaks() {
    #expect(SouffleExport.clean("市三院的银发食堂\t今年\n扩建") == "市三院的银发食堂 今年 扩建")
}

@Test func rdfIdsArePercentEncodedASCII() {
    #expect(RDFExport.percentEncoded("org:海塘 A-1_b.~") == "org%3A%E6%B5%B7%E5%A1%98%20A-1_b.~")
}

@Test func nTriplesHaveChineseLabelsTypesAndReifiedEvidence() throws {
    let text = try exportText { try RDFExport.write(Sample.graph, base: "https://example.org/t/", to: $0) }
    let lines = text.split(separator: "\n")
    #expect(lines.allSatisfy { $0.hasSuffix(" .") })
    let hospital = "<https://example.org/t/entity/\(RDFExport.percentEncoded(Sample.hospital))>"
    #expect(lines.contains("\(hospital) <http://www.w3.org/2000/01/rdf-schema#label> \"海塘市第三医院\"@zh ."))
    #expect(lines.contains("\(hospital) <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://example.org/t/ontology#Org> ."))
    #expect(lines.contains { $0.hasSuffix("<https://example.org/t/ontology#sentence> \"医院与志愿者协会携手，共建\\\"爱心\\\"驿站。\"@zh .") })
    #expect(lines.contains { $0.hasSuffix("<https://example.org/t/ontology#sentence> \"市三院的银发食堂\\t今年扩建\"@zh .") })
    // IRIs are ASCII: every non-ASCII character sits inside a literal.
    for line in lines {
        let iris = line.split(separator: " ").filter { $0.hasPrefix("<") && $0.hasSuffix(">") }
        #expect(iris.count >= 2 && iris.allSatisfy { $0.allSatisfy(\.isASCII) }, "\(line)")
    }
}

@Test func aBaseIRIMustBeAbsoluteAndEndInASeparator() {
    #expect(RDFExport.problem(withBase: "https://tupu.example/") == nil)
    #expect(RDFExport.problem(withBase: "urn:tupu#") == nil)
    #expect(RDFExport.problem(withBase: "tupu/") != nil)
    #expect(RDFExport.problem(withBase: "https://tupu.example") != nil)
    #expect(RDFExport.problem(withBase: "https://图谱.example/") != nil)
}

@Test(.enabled(if: pythonHas("rdflib"), "needs python3 with rdflib (pip install rdflib)"))
func rdflibParsesTheNTriplesAndNQuads() throws {
    for quads in [false, true] {
        let path = NSTemporaryDirectory() + "tupu-\(UUID().uuidString)." + (quads ? "nq" : "nt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ExportTarget.withFile(path) { try RDFExport.write(Sample.graph, quads: quads, to: $0) }
        let script =
            quads
            ? "import rdflib; d = rdflib.Dataset(); d.parse('\(path)', format='nquads'); print(len(list(d.graphs())))"
            : "import rdflib; g = rdflib.Graph(); g.parse('\(path)', format='nt'); print(len(set(g.objects(predicate=rdflib.RDFS.label))))"
        let (status, out, err) = try runTool(["python3", "-c", script])
        #expect(status == 0, "\(err)")
        // Six entity labels; for quads, the default graph plus the named graphs a.txt and b.txt.
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == (quads ? "3" : "6"))
    }
}

@Test(.enabled(if: pythonHas("kuzu"), "needs python3 with kuzu (pip install kuzu)"))
func kuzuLoadsTheCSVBundleByPosition() throws {
    let folder = try exportFolder(.csv)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // One node table for every entity, one relationship table whose columns follow src,dst in file order.
    let script = """
        import kuzu
        folder = '\(folder)'
        c = kuzu.Connection(kuzu.Database(folder + '/db'))
        types = {'mentions': 'INT64', 'start': 'INT64', 'end': 'INT64', 'confidence': 'DOUBLE', 'support': 'INT64', 'evidence_count': 'INT64'}
        def columns(path, skip):
            names = open(path, encoding='utf-8').readline().strip().split(',')[skip:]
            return ', '.join('`%s` %s' % (n, types.get(n, 'STRING')) for n in names)
        c.execute('CREATE NODE TABLE Entity(%s, PRIMARY KEY(id))' % columns(folder + '/nodes.csv', 0))
        c.execute('CREATE REL TABLE Edge(FROM Entity TO Entity, %s)' % columns(folder + '/edges.csv', 2))
        c.execute("COPY Entity FROM '%s/nodes.csv' (HEADER=true)" % folder)
        c.execute("COPY Edge FROM '%s/edges.csv' (HEADER=true)" % folder)
        r = c.execute("MATCH (a:Entity)-[e:Edge]->(b:Entity) WHERE e.rel = 'runs' RETURN a.name, b.name, e.doc, e.start, e.support")
        print(r.get_next())
        """
    let (status, out, err) = try runTool(["python3", "-c", script])
    #expect(status == 0, "\(err)")
    #expect(out == "['海塘市第三医院', '银发食堂', 'a.txt', 12, 2]\n")
}

@Test(.enabled(if: pythonHas("duckdb"), "needs python3 with duckdb (pip install duckdb)"))
func duckDBReadsTheJSONLinesExport() throws {
    let path = NSTemporaryDirectory() + "tupu-\(UUID().uuidString).jsonl"
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Exporter.write(Sample.graph, as: .jsonl, to: path)
    let script = """
        import duckdb
        rows = duckdb.sql("select kind, count(*) from read_json('\(path)') group by kind order by kind").fetchall()
        first = duckdb.sql("select evidence[1].doc, evidence[1].start from read_json('\(path)') where relation = 'runs'").fetchall()
        print(rows, first)
        """
    let (status, out, err) = try runTool(["python3", "-c", script])
    #expect(status == 0, "\(err)")
    #expect(out == "[('edge', 5), ('end', 1), ('entity', 6), ('graph', 1)] [('a.txt', 12)]\n")
}
