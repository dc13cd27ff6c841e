import Foundation
import Testing
import TupuGraph

@testable import TupuExport

@Test func dotQuotesEveryIdAndEscapesQuotesBackslashesAndLineBreaks() {
    #expect(DotExport.quote("place:330999") == "\"place:330999\"")
    #expect(DotExport.quote("org:\"爱心\"\\站\n二") == "\"org:\\\"爱心\\\"\\\\站\\n二\"")
}

@Test func dotSetsTheCJKFontOnGraphNodesAndEdgesAndColoursRelations() throws {
    let graph = Sample.graph
    let text = try exportText { try DotExport.write(graph, .all(graph), to: $0) }
    for element in ["graph [", "node [", "edge ["] {
        #expect(text.contains("\(element)") && text.split(separator: "\n").contains { $0.contains(element) && $0.contains("fontname=\"Noto Sans CJK SC,") })
    }
    #expect(text.contains("\"org:海塘市第三医院\" [label=\"海塘市第三医院\", shape=box"))
    #expect(text.contains("\"org:海塘市第三医院\" -> \"programme:银发食堂\" [color=\"#2e7d32\", rel=\"runs\", support=2, label=\"runs\""))
    #expect(text.contains("dir=none"))  // partner has no direction
    #expect(text.contains("label=\"role 主任\""))
    #expect(text.contains("doc=\"a.txt\", start=12, end=35, confidence=0.9"))
    #expect(text.contains("\"tupu:legend\" [shape=plaintext"))
}

@Test func bigDrawingsLoseTheirEdgeLabels() throws {
    let graph = Sample.starAndChain(spokes: DotExport.labelledEdgeLimit + 1, chain: 0)
    let text = try exportText { try DotExport.write(graph, .all(graph), to: $0) }
    #expect(!text.contains("label=\"runs\""))
    #expect(text.contains("color=\"#2e7d32\""))
}

@Test(.enabled(if: toolExists("dot"), "needs Graphviz (apt-get install graphviz)"))
func graphvizRendersTheDrawingWithoutWarnings() throws {
    let graph = Sample.graph
    let text = try exportText { try DotExport.write(graph, .all(graph), to: $0) }
    let (status, svg, warnings) = try runTool(["dot", "-Tsvg"], input: text)
    #expect(status == 0)
    #expect(warnings.isEmpty, "\(warnings)")
    #expect(svg.contains(">海塘市第三医院</text>"))
}

@Test(.enabled(if: toolExists("dot") && toolExists("fc-list"), "needs Graphviz and fontconfig"))
func aChineseFontIsInstalledSoDrawingsShowHanziNotBoxes() throws {
    // Without one, `dot` still exits 0 but draws boxes: CI installs fonts-noto-cjk.
    let (_, fonts, _) = try runTool(["fc-list", ":lang=zh", "family"])
    #expect(fonts.contains("Noto Sans CJK SC"), "install fonts-noto-cjk")
}
