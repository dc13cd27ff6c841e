import TupuKit

/// The pure parts of the REPL's line editor: keys decoded from terminal bytes, the line being
/// edited, and the bytes that draw it. Kept apart from the terminal so each is tested alone.

/// A key as the line editor acts on it.
enum EditKey: Equatable {
    case insert(Unicode.Scalar)
    case enter
    case backspace
    case deleteForward
    /// Ctrl-D: end of input on an empty line, else delete forward.
    case endOfInputOrDelete
    case left, right, home, end
    case wordLeft, wordRight
    case up, down
    case killToEnd, killToStart, killWordBefore
    case tab
    case interrupt
    case clearScreen
    case searchHistory
    /// Keys the editor does not use (function keys, bracketed-paste markers, a lone Escape).
    case ignored
}

/// Turns bytes read from a terminal into keys: UTF-8 characters, control keys and the escape
/// sequences xterm-like terminals send. Bytes of an unfinished key wait for the next read.
struct KeyDecoder {
    private var pending: [UInt8] = []
    private var start = 0

    var hasPending: Bool { start < pending.count }

    mutating func feed<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        if start > 0 {
            pending.removeFirst(start)
            start = 0
        }
        pending.append(contentsOf: bytes)
    }

    /// The next complete key, or nil when more bytes are needed.
    mutating func next() -> EditKey? {
        guard start < pending.count else { return nil }
        let byte = pending[start]
        if byte == 0x1B { return escapeSequence() }
        if byte < 0x80 {
            start += 1
            return KeyDecoder.controlOrASCII(byte)
        }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        guard start + length <= pending.count else { return nil }
        let bytes = pending[start..<(start + length)]
        start += length
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return .insert(scalar) }
        return .ignored
    }

    /// What is left of an unfinished key when no more bytes came: a lone Escape press.
    mutating func flushIncomplete() -> EditKey? {
        guard hasPending else { return nil }
        start = pending.count
        return .ignored
    }

    private static func controlOrASCII(_ byte: UInt8) -> EditKey {
        switch byte {
        case 0x01: return .home
        case 0x02: return .left
        case 0x03: return .interrupt
        case 0x04: return .endOfInputOrDelete
        case 0x05: return .end
        case 0x06: return .right
        case 0x08, 0x7F: return .backspace
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x0B: return .killToEnd
        case 0x0C: return .clearScreen
        case 0x0E: return .down
        case 0x10: return .up
        case 0x12: return .searchHistory
        case 0x15: return .killToStart
        case 0x17: return .killWordBefore
        case 0x20...0x7E: return .insert(Unicode.Scalar(byte))
        default: return .ignored
        }
    }

    /// ESC [ … final, ESC O x, or Alt-x (ESC x).
    private mutating func escapeSequence() -> EditKey? {
        guard start + 1 < pending.count else { return nil }
        let second = pending[start + 1]
        switch second {
        case UInt8(ascii: "["):
            var end = start + 2
            while end < pending.count, !(0x40...0x7E).contains(pending[end]) { end += 1 }
            guard end < pending.count else { return nil }
            let parameters = String(decoding: pending[(start + 2)..<end], as: UTF8.self)
            let final = pending[end]
            start = end + 1
            return KeyDecoder.csi(parameters: parameters, final: final)
        case UInt8(ascii: "O"):
            guard start + 2 < pending.count else { return nil }
            let final = pending[start + 2]
            start += 3
            return KeyDecoder.csi(parameters: "", final: final)
        case UInt8(ascii: "b"):
            start += 2
            return .wordLeft
        case UInt8(ascii: "f"):
            start += 2
            return .wordRight
        case 0x7F, 0x08:
            start += 2
            return .killWordBefore
        default:
            start += 2
            return .ignored
        }
    }

    private static func csi(parameters: String, final: UInt8) -> EditKey {
        let modified = parameters.hasSuffix(";5") || parameters.hasSuffix(";3")
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return modified ? .wordRight : .right
        case UInt8(ascii: "D"): return modified ? .wordLeft : .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "~"):
            switch parameters {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .deleteForward
            default: return .ignored
            }
        default: return .ignored
        }
    }
}

/// The line being edited, as Unicode scalars with a cursor between them.
struct EditLine: Equatable {
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var cursor = 0

    init(_ text: String = "") {
        scalars = Array(text.unicodeScalars)
        cursor = scalars.count
    }

    var text: String { EditLine.string(scalars[...]) }
    var textBeforeCursor: String { EditLine.string(scalars[..<cursor]) }
    var isEmpty: Bool { scalars.isEmpty }

    mutating func insert(_ text: String) {
        let inserted = Array(text.unicodeScalars)
        scalars.insert(contentsOf: inserted, at: cursor)
        cursor += inserted.count
    }

    mutating func deleteBackward() {
        guard cursor > 0 else { return }
        cursor -= 1
        scalars.remove(at: cursor)
    }

    mutating func deleteForward() {
        guard cursor < scalars.count else { return }
        scalars.remove(at: cursor)
    }

    mutating func moveLeft() { cursor = max(0, cursor - 1) }
    mutating func moveRight() { cursor = min(scalars.count, cursor + 1) }
    mutating func moveHome() { cursor = 0 }
    mutating func moveEnd() { cursor = scalars.count }

    mutating func killToEnd() { scalars.removeSubrange(cursor...) }

    mutating func killToStart() {
        scalars.removeSubrange(..<cursor)
        cursor = 0
    }

    /// Ctrl-W: the word before the cursor and the spaces after it.
    mutating func killWordBefore() {
        let from = wordStart(before: cursor)
        scalars.removeSubrange(from..<cursor)
        cursor = from
    }

    mutating func moveWordLeft() { cursor = wordStart(before: cursor) }

    mutating func moveWordRight() {
        var i = cursor
        while i < scalars.count, !EditLine.isWordScalar(scalars[i]) { i += 1 }
        while i < scalars.count, EditLine.isWordScalar(scalars[i]) { i += 1 }
        cursor = i
    }

    private func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0, !EditLine.isWordScalar(scalars[i - 1]) { i -= 1 }
        while i > 0, EditLine.isWordScalar(scalars[i - 1]) { i -= 1 }
        return i
    }

    /// Letters, digits, `_` and CJK characters make words; spaces and punctuation separate them.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: slice)
        return String(view)
    }
}

/// Where text lands on a terminal `columns` wide, as the terminal itself wraps it: a wide
/// character that does not fit in the last column starts the next row.
struct TerminalLayout {
    let columns: Int
    private(set) var row = 0
    private(set) var column = 0

    init(columns: Int) { self.columns = max(columns, 2) }

    /// Places one scalar; returns where it was drawn.
    @discardableResult
    mutating func place(_ scalar: Unicode.Scalar) -> (row: Int, column: Int) {
        let width = DisplayWidth.of(scalar)
        if column + width > columns {
            row += 1
            column = 0
        }
        let drawnAt = (row, column)
        column += width
        return drawnAt
    }

    /// Where the next character goes, a full row counting as the start of the next.
    var next: (row: Int, column: Int) { column >= columns ? (row + 1, 0) : (row, column) }
}

/// The bytes that redraw the prompt and the line and put the cursor where it belongs.
enum LineRendering {
    struct Frame: Equatable {
        let output: String
        /// The row, counted from the prompt's row, the cursor is left on.
        let cursorRow: Int
    }

    /// `cursorRow` is the row (counted from the prompt's row) the cursor is on before drawing.
    static func redraw(prompt: String, line: EditLine, cursorRow: Int, columns: Int) -> Frame {
        var output = cursorRow > 0 ? "\u{1B}[\(cursorRow)A" : ""
        output += "\r\u{1B}[J" + prompt + line.text
        var layout = TerminalLayout(columns: columns)
        for scalar in prompt.unicodeScalars { layout.place(scalar) }
        var cursorAt = layout.next
        for (index, scalar) in line.scalars.enumerated() {
            let drawnAt = layout.place(scalar)
            if index == line.cursor { cursorAt = drawnAt }
        }
        if line.cursor == line.scalars.count { cursorAt = layout.next }
        var endRow = layout.row
        if layout.column >= layout.columns {
            // The terminal waits at the last column; a new row makes the cursor's row certain.
            output += "\r\n"
            endRow += 1
        }
        if endRow > cursorAt.row { output += "\u{1B}[\(endRow - cursorAt.row)A" }
        output += "\r"
        if cursorAt.column > 0 { output += "\u{1B}[\(cursorAt.column)C" }
        return Frame(output: output, cursorRow: cursorAt.row)
    }

    /// From the cursor's row to the start of a fresh row below the whole line.
    static func moveBelow(prompt: String, line: EditLine, cursorRow: Int, columns: Int) -> String {
        var layout = TerminalLayout(columns: columns)
        for scalar in (prompt + line.text).unicodeScalars { layout.place(scalar) }
        // A line that fills its last row already left the cursor's row below it (see `redraw`).
        let full = layout.column >= layout.columns
        let lastRow = layout.row + (full ? 1 : 0)
        let down = lastRow - cursorRow
        return (down > 0 ? "\u{1B}[\(down)B" : "") + (full ? "\r" : "\r\n")
    }
}
