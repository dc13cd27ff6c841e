import Testing

@testable import tupu

/// The REPL's line editor without a terminal: keys from bytes, edits, and where the cursor is drawn.

private func keys(_ bytes: [UInt8]) -> [EditKey] {
    var decoder = KeyDecoder()
    decoder.feed(bytes)
    var found: [EditKey] = []
    while let key = decoder.next() { found.append(key) }
    return found
}

@Test func chineseTypedAsUTF8BytesArrivesAsCharacters() {
    #expect(keys(Array("湖州".utf8)) == [.insert("湖"), .insert("州")])
}

@Test func aCharacterSplitAcrossTwoReadsWaitsForItsLastByte() {
    var decoder = KeyDecoder()
    let bytes = Array("医".utf8)
    decoder.feed(bytes[..<2])
    #expect(decoder.next() == nil)
    decoder.feed(bytes[2...])
    #expect(decoder.next() == .insert("医"))
}

@Test func arrowsHomeEndAndDeleteComeFromEscapeSequences() {
    let sequence = Array("\u{1B}[D\u{1B}[C\u{1B}[A\u{1B}[B\u{1B}[H\u{1B}[F\u{1B}OH\u{1B}[3~\u{1B}[1;5D".utf8)
    #expect(keys(sequence) == [.left, .right, .up, .down, .home, .end, .home, .deleteForward, .wordLeft])
}

@Test func controlKeysAreEditingCommands() {
    #expect(
        keys([0x01, 0x05, 0x03, 0x04, 0x0B, 0x15, 0x17, 0x12, 0x09, 0x0D, 0x7F]) == [
            .home, .end, .interrupt, .endOfInputOrDelete, .killToEnd, .killToStart, .killWordBefore,
            .searchHistory, .tab, .enter, .backspace
        ])
}

@Test func aLoneEscapeIsDroppedWhenNothingFollows() {
    var decoder = KeyDecoder()
    decoder.feed([0x1B])
    #expect(decoder.next() == nil)
    #expect(decoder.flushIncomplete() == .ignored)
    decoder.feed(Array("a".utf8))
    #expect(decoder.next() == .insert("a"))
}

@Test func backspaceAfterMovingLeftDeletesTheCharacterBeforeTheCursor() {
    var line = EditLine(#"?- runs("海塘市第三医院", P)."#)
    for _ in 0..<8 { line.moveLeft() }
    line.deleteBackward()
    #expect(line.text == #"?- runs("海塘市第医院", P)."#)
    #expect(line.textBeforeCursor == #"?- runs("海塘市第"#)
}

@Test func wordCommandsTreatChineseAsWordsAndPunctuationAsBreaks() {
    var line = EditLine("within(X, 湖州市)")
    line.moveLeft()
    line.killWordBefore()
    #expect(line.text == "within(X, )")
    line.moveWordLeft()
    #expect(line.textBeforeCursor == "within(")
    line.moveWordRight()
    #expect(line.textBeforeCursor == "within(X")
    line.killToStart()
    #expect(line.text == ", )")
    line.killToEnd()
    #expect(line.isEmpty)
}

/// The column a frame leaves the cursor on: it ends with a carriage return and a move right.
private func cursorColumn(after frame: LineRendering.Frame) -> Int {
    let tail = frame.output.split(separator: "\r", omittingEmptySubsequences: false).last ?? ""
    guard tail.hasPrefix("\u{1B}["), tail.hasSuffix("C") else { return 0 }
    return Int(tail.dropFirst(2).dropLast()) ?? -1
}

@Test func theCursorIsDrawnAfterWideCharactersNotInsideThem() {
    var line = EditLine(#"?- runs("海塘市第三医院", P)."#)
    for _ in 0..<8 { line.moveLeft() }
    line.deleteBackward()
    let frame = LineRendering.redraw(prompt: "tupu> ", line: line, cursorRow: 0, columns: 80)
    // "tupu> " 6 + `?- runs("` 9 + 海塘市第 8 columns.
    #expect(cursorColumn(after: frame) == 23)
    #expect(frame.cursorRow == 0)
    #expect(frame.output.hasPrefix("\r\u{1B}[J" + "tupu> " + line.text))
}

@Test func aWideCharacterThatDoesNotFitStartsTheNextRow() {
    var layout = TerminalLayout(columns: 10)
    for scalar in "tupu> 1234".unicodeScalars { layout.place(scalar) }
    #expect(layout.next == (row: 1, column: 0))
    var odd = TerminalLayout(columns: 10)
    for scalar in "tupu> 123".unicodeScalars { odd.place(scalar) }
    let drawn = odd.place("湖")  // two columns, one left on the row
    #expect(drawn == (row: 1, column: 0))
}

@Test func aWrappedLineIsRedrawnFromItsFirstRow() {
    let line = EditLine("within(X, 湖州市吴兴区某某街道某某社区)")
    let first = LineRendering.redraw(prompt: "tupu> ", line: line, cursorRow: 0, columns: 20)
    #expect(first.cursorRow == 2)
    let again = LineRendering.redraw(prompt: "tupu> ", line: line, cursorRow: first.cursorRow, columns: 20)
    #expect(again.output.hasPrefix("\u{1B}[2A\r\u{1B}[J"))
}
