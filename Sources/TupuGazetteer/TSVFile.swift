import Foundation

/// Tab-separated rows read straight from UTF-8 bytes: one pass that records where each field
/// lies; strings are made only for the fields a reader asks for. `#` comment lines and blank
/// lines are skipped; each row keeps its 1-based line number.
struct TSVFile {
    struct Row {
        let line: Int
        let fields: [String]
    }

    let path: String
    /// The file's bytes; fields are ranges of it.
    let bytes: [UInt8]
    private let lineOfRow: [Int32]
    /// Row r's fields are numbers `firstField[r]..<firstField[r + 1]`.
    private let firstField: [Int32]
    private let fieldStart: [Int32]
    private let fieldEnd: [Int32]

    /// `keep`: fields read per row; the rest of the line is ignored.
    init(path: String, data: Data, keep: Int = .max) {
        self.init(path: path, bytes: [UInt8](data), keep: keep)
    }

    init(path: String, bytes: [UInt8], keep: Int = .max) {
        self.path = path
        self.bytes = bytes
        var lineOfRow: [Int32] = [], firstField: [Int32] = [0], fieldStart: [Int32] = [], fieldEnd: [Int32] = []
        // The gazetteer's rows run 40–60 bytes over four or five fields.
        lineOfRow.reserveCapacity(bytes.count / 32)
        firstField.reserveCapacity(bytes.count / 32)
        fieldStart.reserveCapacity(bytes.count / 8)
        fieldEnd.reserveCapacity(bytes.count / 8)
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            /// Offset of the first `byte` in `from..<to`, else `to`.
            func find(_ byte: Int32, from: Int, to: Int) -> Int {
                memchr(base + from, byte, to - from).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? to
            }
            let count = bytes.count
            var position = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            var line = 1
            while position < count {
                let end = find(0x0A, from: position, to: count)
                var lineEnd = end
                if lineEnd > position, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd > position, bytes[position] != 0x23 {  // `#`
                    var start = position, fields = 0
                    while fields < keep {
                        let tab = find(0x09, from: start, to: lineEnd)
                        fieldStart.append(Int32(start))
                        fieldEnd.append(Int32(tab))
                        fields += 1
                        if tab == lineEnd { break }
                        start = tab + 1
                    }
                    lineOfRow.append(Int32(line))
                    firstField.append(Int32(fieldStart.count))
                }
                position = end + 1
                line += 1
            }
        }
        self.lineOfRow = lineOfRow
        self.firstField = firstField
        self.fieldStart = fieldStart
        self.fieldEnd = fieldEnd
    }

    static func load(_ path: String, keep: Int = .max) throws(GazetteerProblem) -> TSVFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GazetteerProblem(path: path, message: "cannot read the file")
        }
        return TSVFile(path: path, data: data, keep: keep)
    }

    var rowCount: Int { lineOfRow.count }

    func line(_ row: Int) -> Int { Int(lineOfRow[row]) }

    func fieldCount(_ row: Int) -> Int { Int(firstField[row + 1] - firstField[row]) }

    /// Byte range of a field in `bytes`.
    func range(_ row: Int, _ field: Int) -> Range<Int> {
        let number = Int(firstField[row]) + field
        return Int(fieldStart[number])..<Int(fieldEnd[number])
    }

    func string(_ row: Int, _ field: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range(row, field)]), as: UTF8.self) }
    }

    /// Every row with all its fields as strings (for the small files).
    var rows: [Row] {
        (0..<rowCount).map { row in Row(line: line(row), fields: (0..<fieldCount(row)).map { string(row, $0) }) }
    }
}
