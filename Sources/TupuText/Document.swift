import Foundation

/// One news text to read: a whole `.txt` file, standard input, or one line of a JSON Lines file.
public struct Document: Sendable {
    /// The file's base name with its extension (`001_x.txt`; below a folder named, its path there:
    /// `2024/001_x.txt`), or the JSON Lines record's `"id"` (`batch.jsonl:LINE` when it has none).
    public let id: String
    /// Where it came from: a path, `-` for standard input, or `path:LINE` for a JSON Lines record.
    public let source: String
    /// The text as read (byte-order mark removed), never normalised, as Unicode scalars:
    /// evidence offsets index them.
    public let scalars: [Unicode.Scalar]
    /// The text's length in UTF-8 bytes.
    public let utf8Count: Int

    public init(id: String, source: String, text: String) {
        self.init(id: id, source: source, scalars: TextView.scalars(of: text), utf8Count: text.utf8.count)
    }

    /// A file's text is decoded straight into scalars: the pipeline reads nothing else, and
    /// making a `String` first would validate and copy every byte once more.
    init(id: String, source: String, scalars: [Unicode.Scalar], utf8Count: Int) {
        self.id = id
        self.source = source
        self.scalars = scalars
        self.utf8Count = utf8Count
    }

    /// The text as read, made on demand.
    public var text: String { String(scalars: scalars) }
}

/// Why an input (or one line of it) was skipped, or, as a warning, what looks wrong in one that
/// was read. The rest of the input still goes on.
public struct ReadProblem: Error, Sendable, CustomStringConvertible {
    public enum Severity: Sendable { case skipped, warning }

    public let path: String
    public let line: Int?
    public let message: String
    public let severity: Severity

    public init(path: String, line: Int? = nil, message: String, severity: Severity = .skipped) {
        self.path = path
        self.line = line
        self.message = message
        self.severity = severity
    }

    /// `path:line: message`, or `path: message` when the whole file is concerned.
    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

/// A file to read, found by `DocumentReader.inputs(for:)`; `-` is standard input.
public struct InputFile: Sendable, Hashable {
    public let path: String
    /// Named on the command line, rather than found in a folder.
    public let named: Bool
    /// The id of its document (of a JSON Lines record without an id, before `:LINE`): the base
    /// name of a file named, the path below the folder named for a file found in it.
    public let documentID: String

    public init(path: String, named: Bool = true, documentID: String? = nil) {
        self.path = path
        self.named = named
        self.documentID = documentID ?? DocumentReader.documentID(for: path)
    }
}
