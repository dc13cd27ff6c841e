import Foundation

/// Tab-separated rows read straight from UTF-8 bytes: one pass that records where each field
/// lies; strings are made only for the fields a reader asks for. `#` comment lines and blank
/// lines are skipped; each row keeps its 1-based line number.
struct TSVFile {
    struct Row {
        let line: Int
        let fields: [String]
    }

    private struct RowBounds {
        var line: Int32
        /// Number of the row's first field; the next row's is one past its last.
        var firstField: Int32
    }

    private struct FieldBounds {
        var start: Int32
        var end: Int32
    }

    let path: String
    /// The file's bytes; fields are ranges of it.
    let bytes: [UInt8]
    /// One entry per row, then one that only closes the last row's fields.
    private let rowBounds: [RowBounds]
    private let fieldBounds: [FieldBounds]

    /// `keep`: fields read per row; the rest of the line is ignored.
    init(path: String, data: Data, keep: Int = .max) {
        self.path = path
        let bytes = [UInt8](data)
        self.bytes = bytes
        var rowBounds: [RowBounds] = []
        var fieldBounds: [FieldBounds] = []
        bytes.withUnsafeBufferPointer { bytes in
            // A row takes at least one byte and a field at most one more than its bytes: the
            // arrays are sized for the worst case and written in place (untouched capacity
            // costs no memory).
            let count = bytes.count
            rowBounds = [RowBounds](unsafeUninitializedCapacity: count + 2) { rows, rowCount in
                fieldBounds = [FieldBounds](unsafeUninitializedCapacity: 2 * count + 2) { fields, fieldCount in
                    rowCount = 0
                    fieldCount = 0
                    defer {
                        rows[rowCount] = RowBounds(line: 0, firstField: Int32(fieldCount))
                        rowCount += 1
                    }
                    guard let base = bytes.baseAddress else { return }
                    /// Offset of the first `byte` in `from..<to`, else `to`.
                    func find(_ byte: Int32, from: Int, to: Int) -> Int {
                        memchr(base + from, byte, to - from).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? to
                    }
                    var position = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
                    var line: Int32 = 1
                    while position < count {
                        let end = find(0x0A, from: position, to: count)
                        var lineEnd = end
                        if lineEnd > position, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                        if lineEnd > position, bytes[position] != 0x23 {  // `#`
                            rows[rowCount] = RowBounds(line: line, firstField: Int32(fieldCount))
                            rowCount += 1
                            var start = position
                            var kept = 0
                            while kept < keep {
                                let tab = find(0x09, from: start, to: lineEnd)
                                fields[fieldCount] = FieldBounds(start: Int32(start), end: Int32(tab))
                                fieldCount += 1
                                kept += 1
                                if tab == lineEnd { break }
                                start = tab + 1
                            }
                        }
                        position = end + 1
                        line += 1
                    }
                }
            }
        }
        self.rowBounds = rowBounds
        self.fieldBounds = fieldBounds
    }

    static func load(_ path: String, keep: Int = .max) throws(GazetteerProblem) -> TSVFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GazetteerProblem(path: path, message: "cannot read the file")
        }
        return TSVFile(path: path, data: data, keep: keep)
    }

    var rowCount: Int { rowBounds.count - 1 }

    func line(_ row: Int) -> Int { Int(rowBounds[row].line) }

    func fieldCount(_ row: Int) -> Int { Int(rowBounds[row + 1].firstField - rowBounds[row].firstField) }

    /// Byte range of a field in `bytes`.
    func range(_ row: Int, _ field: Int) -> Range<Int> {
        let bounds = fieldBounds[Int(rowBounds[row].firstField) + field]
        return Int(bounds.start)..<Int(bounds.end)
    }

    func string(_ row: Int, _ field: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(row, field)]), as: UTF8.self) }
    }

    /// Every row with all its fields as strings (for the small files).
    var rows: [Row] {
        (0..<rowCount).map { row in Row(line: line(row), fields: (0..<fieldCount(row)).map { string(row, $0) }) }
    }
}
