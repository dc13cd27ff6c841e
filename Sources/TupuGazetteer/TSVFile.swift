import Foundation

/// Tab-separated rows read straight from UTF-8 bytes: one pass, no per-line Foundation calls.
/// `#` comment lines and blank lines are skipped; each row keeps its 1-based line number.
struct TSVFile {
    struct Row {
        let line: Int
        let fields: [String]
    }

    let path: String
    let rows: [Row]

    /// `keep`: fields read per row; the rest of the line is ignored (saves building unused strings).
    init(path: String, data: Data, keep: Int = .max) {
        self.path = path
        var rows: [Row] = []
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var position = 0
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { position = 3 }
            var line = 1
            let count = bytes.count
            var fields: [String] = []
            while position < count {
                var end = position
                while end < count, bytes[end] != 0x0A { end += 1 }
                var lineEnd = end
                if lineEnd > position, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd > position, bytes[position] != 0x23 {  // `#`
                    fields.removeAll(keepingCapacity: true)
                    var fieldStart = position
                    for i in position...lineEnd where i == lineEnd || bytes[i] == 0x09 {
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<i]), as: UTF8.self))
                        fieldStart = i + 1
                        if fields.count == keep { break }
                    }
                    rows.append(Row(line: line, fields: fields))
                }
                position = end + 1
                line += 1
            }
        }
        self.rows = rows
    }

    static func load(_ path: String, keep: Int = .max) throws(GazetteerProblem) -> TSVFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GazetteerProblem(path: path, message: "cannot read the file")
        }
        return TSVFile(path: path, data: data, keep: keep)
    }
}
