import Foundation

/// One document per line `{"id": …, "text": …}`; blank lines are skipped and a bad line is
/// a problem with its line number while the other lines are still read. An id given twice is a
/// warning at the later line (both documents are read, under the one id).
enum JSONLinesReader {
    /// The documents of a text already decoded (standard input, UTF-16 files).
    static func documents(in text: String, file: InputFile) -> (documents: [Document], problems: [ReadProblem]) {
        var lines = Collector(file: file)
        var utf8 = Array(text.utf8)
        utf8.withUnsafeMutableBytes { bytes in
            var lineStart = 0
            var lineNumber = 1
            while lineStart <= bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
                lines.add(UnsafeRawBufferPointer(rebasing: bytes[lineStart..<lineEnd]), number: lineNumber)
                lineStart = lineEnd + 1
                lineNumber += 1
            }
        }
        return (lines.documents, lines.problems)
    }

    /// Documents and problems of one file, a line at a time.
    struct Collector {
        let file: InputFile
        var documents: [Document] = []
        var problems: [ReadProblem] = []
        /// The line of each id met so far, when repeats are reported.
        var lineOfID: [String: Int]?

        init(file: InputFile, reportingRepeatedIDs: Bool = true) {
            self.file = file
            if reportingRepeatedIDs { lineOfID = [:] }
        }

        mutating func add(_ raw: UnsafeRawBufferPointer, number: Int) {
            var line = raw.bindMemory(to: UInt8.self)
            if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = UnsafeBufferPointer(rebasing: line.dropFirst(3)) }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
            switch parse(line) {
            case .success(let (givenID, body)):
                let id = givenID ?? "\(file.documentID):\(number)"
                if let first = lineOfID?[id] {
                    problems.append(DocumentReader.repeatedID(id, in: file.path, at: number, firstAt: first))
                } else {
                    lineOfID?[id] = number
                }
                documents.append(Document(id: id, source: "\(file.path):\(number)", text: body))
            case .failure(let problem):
                problems.append(ReadProblem(path: file.path, line: number, message: problem.message))
            }
        }
    }

    struct LineProblem: Error { let message: String }

    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<(String?, String), LineProblem> {
        // JSON text is UTF-8 (RFC 8259); a line in GB18030 is read as the rest of a file is.
        var data = Data(line)
        if TextDecoding.firstInvalidUTF8(line) != nil {
            guard case .success(let decoded) = TextDecoding.decodeOrExplain(data) else {
                return .failure(LineProblem(message: "not valid JSON (not UTF-8 text)"))
            }
            data = Data(decoded.text.utf8)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            return .failure(LineProblem(message: "not valid JSON"))
        }
        guard let record = object as? [String: Any] else { return .failure(LineProblem(message: "expected a JSON object {\"id\": …, \"text\": …}")) }
        guard let body = record["text"] as? String else { return .failure(LineProblem(message: "missing \"text\" string")) }
        switch record["id"] {
        case nil, is NSNull: return .success((nil, body))
        case let id as String: return .success((id, body))
        case let id as NSNumber: return .success((id.stringValue, body))
        default: return .failure(LineProblem(message: "\"id\" must be a string or a number"))
        }
    }
}
