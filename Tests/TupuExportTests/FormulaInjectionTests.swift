import Foundation
import Testing
import TupuGraph

@testable import TupuExport

/// Names that a spreadsheet would run as formulas are written as text (OWASP: a leading `'`).
@Suite struct FormulaInjectionTests {
    static let hostile = "=HYPERLINK(\"http://example.invalid\",\"点击\")青溪社区"

    static var graph: Graph {
        var g = Graph()
        g.add(Entity(id: "org:恶意", type: .org, name: hostile, aliases: ["+1+2海塘", "@SUM(A1)"], docs: ["-新闻.txt"]))
        g.add(Entity(id: "place:330999001", type: .place, name: "青溪街道", docs: ["-新闻.txt"]))
        g.add(
            Edge(
                relation: .locatedIn, subject: "org:恶意", object: "place:330999001",
                evidence: [
                    Evidence(doc: "-新闻.txt", start: 0, end: 9, sentence: "=1+1 青溪街道的社区", rule: "located.in", confidence: 0.8)
                ]))
        return g
    }

    @Test(arguments: ["=1+2", "+海塘", "-新闻.txt", "@SUM(A1)", "\t=1", "\r=1"])
    func cellsStartingWithAFormulaMarkGetAQuote(_ field: String) {
        #expect(SpreadsheetCell.neutralised(field) == "'" + field)
    }

    @Test(arguments: ["青溪街道", "-3", "+1.5", "0.8", "", "a=b", "'=已引用"])
    func otherCellsAndPlainNumbersAreLeftAsTheyAre(_ field: String) {
        #expect(SpreadsheetCell.neutralised(field) == field)
    }

    @Test func theCSVBundleNeutralisesNamesAliasesDocumentsAndSentences() throws {
        let folder = try exportFolder(.csv, Self.graph)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let nodes = try read(folder, "nodes.csv")
        #expect(nodes.contains(",\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"点击\"\")青溪社区\","))
        #expect(nodes.contains(",'+1+2海塘|@SUM(A1),'-新闻.txt,"))
        let evidence = try read(folder, "evidence.csv")
        #expect(evidence.contains(",'-新闻.txt,0,9,0.8,'=1+1 青溪街道的社区,located.in"))
        for line in (nodes + evidence).split(separator: "\n") {
            for cell in line.split(separator: ",", omittingEmptySubsequences: false) {
                #expect(!"=+-@".contains(cell.first ?? " "), "a cell starts a formula: \(cell)")
            }
        }
    }

    @Test func theNeo4jFilesNeutraliseNamesToo() throws {
        let folder = try exportFolder(.neo4j, Self.graph)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let nodes = try read(folder, "nodes.csv")
        #expect(nodes.contains("\"'=HYPERLINK("))
        #expect(nodes.contains(",'+1+2海塘;@SUM(A1),'-新闻.txt,"))
        #expect(try read(folder, "relationships.csv").contains(",'-新闻.txt,0,9,0.8,'=1+1 青溪街道的社区,"))
    }
}
