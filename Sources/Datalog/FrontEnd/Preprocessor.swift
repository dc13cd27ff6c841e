// The part of the C preprocessor Soufflé programs use (Soufflé runs its input through one):
// `#include "file"`, `#define NAME text` (no parameters), `#undef`, `#ifdef`, `#ifndef`, `#else`,
// `#endif`. Anything else on a `#` line is an error that says it is not supported.
import Foundation

public struct Preprocessor {
    /// Where the lines of the expanded text came from: `expandedLine` (1-based) onwards is
    /// `file` from `originalLine`, line for line, until the next segment.
    struct Segment {
        var expandedLine: Int
        var file: String
        var originalLine: Int
    }

    /// Reads an included file's bytes by its path; nil when it cannot be read.
    var read: (String) -> [UInt8]?
    /// Refuses an include outside the including program's folder, as `.input` stays inside -F.
    var confinesIncludes: Bool
    private var macros: [String: String] = [:]
    private var lines: [String] = []
    private var segments: [Segment] = []
    private var includeDepth = 0
    static let maximumIncludeDepth = 32

    public init(
        confinesIncludes: Bool = true,
        read: @escaping (String) -> [UInt8]? = { path in
            FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }
    ) {
        self.read = read
        self.confinesIncludes = confinesIncludes
    }

    /// True when the source has a line starting with `#` (only then is preprocessing needed).
    public static func isNeeded(_ source: String) -> Bool {
        source.hasPrefix("#") || source.contains("\n#")
    }

    /// The expanded text, and a map from its lines back to the files they came from.
    public mutating func expand(_ source: String, file: String) throws -> (text: String, lineMap: LineMap) {
        lines = []
        segments = []
        try process(source, file: file)
        return (lines.joined(separator: "\n") + "\n", LineMap(segments: segments))
    }

    private mutating func process(_ source: String, file: String) throws {
        var skipping: [Bool] = []  // one entry per open #ifdef: true while its branch is skipped
        let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
        segments.append(Segment(expandedLine: lines.count + 1, file: file, originalLine: 1))
        for (index, rawLine) in sourceLines.enumerated() {
            let lineNumber = index + 1
            let trimmed = rawLine.drop { $0 == " " || $0 == "\t" }
            let isSkipped = skipping.contains(true)
            guard trimmed.hasPrefix("#") else {
                lines.append(isSkipped ? "" : expandMacros(String(rawLine)))
                continue
            }
            lines.append("")  // the directive's line stays, empty, so later lines keep their numbers
            let words = trimmed.dropFirst().split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" })
            let keyword = words.first.map(String.init) ?? ""
            let at = SourceLocation(file: file, line: lineNumber, column: rawLine.count - trimmed.count + 1, length: keyword.count + 1)
            let argument = words.count > 1 ? String(words[1]) : ""
            switch keyword {
            case "ifdef", "ifndef":
                skipping.append((macros[argument] != nil) != (keyword == "ifdef"))
            case "else":
                guard let last = skipping.popLast() else { throw DatalogError("#else without #ifdef", at: at) }
                skipping.append(!last)
            case "endif":
                guard skipping.popLast() != nil else { throw DatalogError("#endif without #ifdef", at: at) }
            case _ where isSkipped:
                continue
            case "define":
                guard !argument.isEmpty else { throw DatalogError("#define needs a name", at: at) }
                if argument.contains("(") {
                    throw DatalogError("not supported: #define with parameters", at: at, hint: "only `#define NAME text` is supported")
                }
                macros[argument] = words.count > 2 ? expandMacros(String(words[2])) : ""
            case "undef":
                macros[argument] = nil
            case "include":
                let rest = trimmed.dropFirst().dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
                guard rest.count >= 2, rest.hasPrefix("\""), rest.hasSuffix("\"") else {
                    throw DatalogError("#include needs a quoted file name", at: at, hint: "write #include \"file.dl\"")
                }
                try include(String(rest.dropFirst().dropLast()), from: file, at: at)
                segments.append(Segment(expandedLine: lines.count + 1, file: file, originalLine: lineNumber + 1))
            default:
                throw DatalogError(
                    "not supported: the preprocessor directive #\(keyword)", at: at,
                    hint: "supported: #include \"file\", #define NAME text, #undef, #ifdef, #ifndef, #else, #endif")
            }
        }
        if !skipping.isEmpty {
            throw DatalogError("#ifdef without #endif", at: SourceLocation(file: file, line: sourceLines.count, column: 1))
        }
    }

    private mutating func include(_ name: String, from file: String, at: SourceLocation) throws {
        let folder = (file as NSString).deletingLastPathComponent
        let path = name.hasPrefix("/") || folder.isEmpty ? name : folder + "/" + name
        if confinesIncludes {
            let root = URL(fileURLWithPath: folder.isEmpty ? "." : folder).standardizedFileURL.resolvingSymlinksInPath().path
            let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            guard target.hasPrefix(root == "/" ? "/" : root + "/") else {
                throw DatalogError(
                    "#include: the file \(Value.symbol(name)) is outside the program's folder", at: at,
                    hint: "include files beside the program, or allow any path with --allow-paths")
            }
        }
        guard includeDepth < Preprocessor.maximumIncludeDepth else {
            throw DatalogError("#include nested more than \(Preprocessor.maximumIncludeDepth) deep (does a file include itself?)", at: at)
        }
        guard let data = read(path) else {
            throw DatalogError("#include: cannot read \(path)", at: at)
        }
        includeDepth += 1
        defer { includeDepth -= 1 }
        try process(Program.decode(data, file: path), file: path)
    }

    /// Replaces defined names outside strings and comments (a name defined as itself stays).
    private func expandMacros(_ line: String, depth: Int = 0) -> String {
        guard !macros.isEmpty, depth < 16 else { return line }
        let scalars = Array(line.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var changed = false
        while i < scalars.count {
            let u = scalars[i]
            if u == "\"" {
                var j = i + 1
                while j < scalars.count && scalars[j] != "\"" { j += scalars[j] == "\\" ? 2 : 1 }
                j = min(j + 1, scalars.count)
                out.append(contentsOf: scalars[i..<j])
                i = j
            } else if u == "/", i + 1 < scalars.count, scalars[i + 1] == "/" {
                out.append(contentsOf: scalars[i...])
                break
            } else if isIdentifierStart(u) {
                var j = i
                while j < scalars.count && isIdentifierContinue(scalars[j]) { j += 1 }
                let word = makeString(scalars[i..<j])
                if let replacement = macros[word], replacement != word {
                    out.append(contentsOf: replacement.unicodeScalars)
                    changed = true
                } else {
                    out.append(contentsOf: scalars[i..<j])
                }
                i = j
            } else {
                out.append(u)
                i += 1
            }
        }
        let expanded = String(out)
        return changed ? expandMacros(expanded, depth: depth + 1) : expanded
    }
}

/// Maps positions in preprocessed text back to the files and lines they came from.
public struct LineMap: Sendable {
    fileprivate var segments: [(expandedLine: Int, file: String, originalLine: Int)]

    fileprivate init(segments: [Preprocessor.Segment]) {
        self.segments = segments.map { ($0.expandedLine, $0.file, $0.originalLine) }
    }

    /// The original position of a location in the expanded text.
    public func original(_ l: SourceLocation) -> SourceLocation {
        guard let s = segments.last(where: { $0.expandedLine <= l.line }) else { return l }
        var mapped = l
        mapped.file = s.file
        mapped.line = s.originalLine + l.line - s.expandedLine
        mapped.offset = nil  // an offset into the expanded text, not into the file
        return mapped
    }
}
