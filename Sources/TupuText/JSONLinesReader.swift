import Foundation

/// One document per line `{"id": "…", "text": "…"}`; blank lines are skipped and a bad line is
/// a problem with its line number while the other lines are still read.
enum JSONLinesReader {
    static func documents(in text: String, path: String) -> (documents: [Document], problems: [ReadProblem]) {
        var documents: [Document] = []
        var problems: [ReadProblem] = []
        let utf8 = Array(text.utf8)
        utf8.withUnsafeBufferPointer { bytes in
            var lineStart = 0
            var lineNumber = 1
            let count = bytes.count
            while lineStart <= count {
                var lineEnd = lineStart
                while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    switch parse(line) {
                    case .success(let (id, body)):
                        documents.append(Document(id: id ?? "\(DocumentReader.documentID(for: path)):\(lineNumber)",
                                                  source: "\(path):\(lineNumber)", text: body))
                    case .failure(let problem):
                        problems.append(ReadProblem(path: path, line: lineNumber, message: problem.message))
                    }
                }
                lineStart = lineEnd + 1
                lineNumber += 1
            }
        }
        return (documents, problems)
    }

    struct LineProblem: Error { let message: String }

    static func parse(_ line: UnsafeBufferPointer<UInt8>) -> Result<(String?, String), LineProblem> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line), options: [])
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
