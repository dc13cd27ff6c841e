import Foundation
import Testing

@testable import TupuText

/// A fresh folder under the system's temporary folder, removed by the caller.
func makeTemporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "tupu-text-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func write(_ bytes: [UInt8], to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
}

func write(_ text: String, to path: String) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

@Suite struct DocumentReaderTests {
    @Test func aFolderIsReadRecursivelyTakingTextAndJSONLinesFilesInNameOrder() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/inner", withIntermediateDirectories: true)
        write("乙", to: folder + "/b.txt")
        write("甲", to: folder + "/a.txt")
        write("丙", to: folder + "/inner/c.txt")
        write("{\"id\":\"x\",\"text\":\"丁\"}", to: folder + "/d.jsonl")
        write("隐藏", to: folder + "/.hidden.txt")
        write("图片", to: folder + "/photo.png")

        let (files, problems) = DocumentReader.inputs(for: [folder])
        #expect(problems.isEmpty)
        #expect(files.map { ($0.path as NSString).lastPathComponent } == ["a.txt", "b.txt", "d.jsonl", "c.txt"])
    }

    @Test func aTextFileIsOneDocumentNamedByItsBaseName() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write("明湖社区开展志愿服务。", to: folder + "/新闻.txt")
        let (documents, problems) = DocumentReader.read(InputFile(path: folder + "/新闻.txt"))
        #expect(problems.isEmpty)
        #expect(documents.count == 1)
        #expect(documents.first?.id == "新闻.txt")
        #expect(documents.first?.source == folder + "/新闻.txt")
        #expect(documents.first?.text == "明湖社区开展志愿服务。")
    }

    @Test func theByteOrderMarkIsRemovedAndNothingElseChanges() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write([0xEF, 0xBB, 0xBF] + Array("\u{3000}全角ＡＢＣ\r\n".utf8), to: folder + "/bom.txt")
        let documents = DocumentReader.read(InputFile(path: folder + "/bom.txt")).documents
        #expect(documents.first?.text == "\u{3000}全角ＡＢＣ\r\n")
    }

    @Test func gb18030TextIsDecoded() {
        // "明湖社区开展活动" in GB18030 (GBK range).
        let bytes: [UInt8] = [0xC3, 0xF7, 0xBA, 0xFE, 0xC9, 0xE7, 0xC7, 0xF8, 0xBF, 0xAA, 0xD5, 0xB9, 0xBB, 0xEE, 0xB6, 0xAF]
        let decoded = TextDecoding.decode(Data(bytes))
        #expect(decoded?.text == "明湖社区开展活动")
        #expect(decoded?.encoding == "GB18030")
    }

    @Test func utf16WithAByteOrderMarkIsDecoded() {
        let littleEndian: [UInt8] = [0xFF, 0xFE] + "青禾社区".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(TextDecoding.decode(Data(littleEndian))?.text == "青禾社区")
        #expect(TextDecoding.decode(Data(littleEndian))?.encoding == "UTF-16LE BOM")
    }

    @Test func wellFormedUTF8IsDecodedToTheSameScalarsAsAString() {
        // One, two, three and four bytes, a three-byte scalar at the very end.
        let text = "1号楼·é 青禾社区\n𠀀“党建+”驿"
        let decoded = Array(text.utf8).withUnsafeBufferPointer { TextDecoding.scalars(validatingUTF8: $0) }
        #expect(decoded == Array(text.unicodeScalars))
    }

    @Test func malformedUTF8IsRefusedWhereverItIs() {
        let cases: [[UInt8]] = [
            [0xE9, 0x9D, 0x92, 0xC0, 0xAF],  // overlong '/' after 青
            [0xE0, 0x80, 0xAF, 0xE9, 0x9D, 0x92],  // overlong three-byte form
            [0xED, 0xA0, 0x80, 0xE9, 0x9D, 0x92],  // a surrogate, U+D800
            [0xE9, 0x9D, 0x92, 0xE9, 0x9D],  // cut off at the end
            [0xE9, 0x9D, 0x92, 0x92, 0x41],  // a continuation byte with no lead
            [0xF4, 0x90, 0x80, 0x80]  // above U+10FFFF
        ]
        for bytes in cases {
            #expect(bytes.withUnsafeBufferPointer { TextDecoding.scalars(validatingUTF8: $0) } == nil, "\(bytes)")
            #expect(String(validating: bytes, as: UTF8.self) == nil, "the standard library agrees: \(bytes)")
        }
    }

    /// Texts of every width, Chinese in long runs (read two scalars at a time) at every alignment,
    /// with the edges of the three-byte range (U+0800, U+D7FF, U+E000, U+FFFF): decoded as a
    /// `String` decodes them; and with a malformed sequence put in anywhere, refused as it refuses.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func textsOfEveryWidthDecodeAsAStringDoes(seed: UInt64) {
        let alphabet: [Unicode.Scalar] = ["a", "\n", "é", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "青", "禾", "社", "区", "“", "𠀀"]
        let malformed: [[UInt8]] = [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0x92], [0xE9, 0x9D], [0xF4, 0x90, 0x80, 0x80]]
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: (state >> 33) % UInt64(bound))
        }
        func utf8(_ scalars: some Sequence<Unicode.Scalar>) -> [UInt8] {
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            return Array(String(text).utf8)
        }
        for _ in 0..<300 {
            // Mostly Chinese, so that runs of many three-byte scalars start at every offset.
            let scalars = (0..<next(40)).map { _ in next(3) == 0 ? alphabet[next(alphabet.count)] : alphabet[7 + next(4)] }
            let bytes = utf8(scalars)
            #expect(bytes.withUnsafeBufferPointer { TextDecoding.scalars(validatingUTF8: $0) } == scalars)
            // A malformed sequence at a scalar boundary.
            let before = utf8(scalars[..<next(scalars.count + 1)])
            let broken = before + malformed[next(malformed.count)] + bytes[before.count...]
            #expect(broken.withUnsafeBufferPointer { TextDecoding.scalars(validatingUTF8: $0) } == nil, "\(broken)")
            #expect(String(validating: broken, as: UTF8.self) == nil)
        }
    }

    @Test func invalidUTF8ThatIsNotChineseNamesTheFirstBadByte() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write(Array("caf".utf8) + [0xE9] + Array(" au lait, ".utf8) + [0xFF, 0xFE], to: folder + "/latin1.txt")
        let (documents, problems) = DocumentReader.read(InputFile(path: folder + "/latin1.txt"))
        #expect(documents.isEmpty)
        #expect(problems.map { $0.description } == ["\(folder)/latin1.txt: invalid UTF-8 at byte 3 (and not GB18030 text)"])
    }

    @Test func binaryFilesAreRefused() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D], to: folder + "/image.txt")
        let problems = DocumentReader.read(InputFile(path: folder + "/image.txt")).problems
        #expect(problems.map(\.message) == ["binary or unreadable"])
    }

    @Test func anEmptyFileIsSkippedWithAProblem() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write("", to: folder + "/empty.txt")
        write(" \n\n", to: folder + "/blank.txt")
        for name in ["empty.txt", "blank.txt"] {
            let (documents, problems) = DocumentReader.read(InputFile(path: folder + "/" + name))
            #expect(documents.isEmpty)
            #expect(problems.map(\.message) == ["empty file, skipped"])
        }
    }

    @Test func aMissingFileIsAProblemNamingIt() {
        let problems = DocumentReader.read(InputFile(path: "/nonexistent/新闻.txt")).problems
        #expect(problems.map { $0.description } == ["/nonexistent/新闻.txt: no such file or folder"])
        let expanded = DocumentReader.inputs(for: ["/nonexistent/folder"])
        #expect(expanded.files.isEmpty)
        #expect(expanded.problems.map { $0.description } == ["/nonexistent/folder: no such file or folder"])
    }

    @Test func systemErrorsReadAsShortReasons() {
        // The reasons a user sees; the permission case itself cannot be provoked as root.
        #expect(DocumentReader.systemMessage(EACCES) == "permission denied")
        #expect(DocumentReader.systemMessage(ENOENT) == "no such file or folder")
        #expect(DocumentReader.systemMessage(ELOOP) == "symbolic link loop")
    }

    @Test func standardInputIsJSONLinesWhenItStartsWithABrace() {
        #expect(DocumentReader.startsWithBrace(Array("\n  {\"id\": 1, \"text\": \"青禾\"}".unicodeScalars)))
        #expect(!DocumentReader.startsWithBrace(Array("青禾社区 {不是JSON}".unicodeScalars)))
    }

    @Test(.enabled(if: geteuid() != 0, "root reads any file"))
    func anUnreadableFileIsAProblemAndTheOthersAreStillRead() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write("秘密", to: folder + "/locked.txt")
        chmod(folder + "/locked.txt", 0)
        write("公开。", to: folder + "/open.txt")
        let files = DocumentReader.inputs(for: [folder]).files
        let results = files.map { DocumentReader.read($0) }
        #expect(results.flatMap(\.problems).map(\.message) == ["permission denied"])
        #expect(results.flatMap(\.documents).map(\.text) == ["公开。"])
    }

    @Test func aSymbolicLinkLoopIsReportedNotFollowed() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/news", withIntermediateDirectories: true)
        write("新闻。", to: folder + "/news/a.txt")
        symlink(folder, folder + "/news/back")  // news/back → its own parent
        symlink(folder + "/self.txt", folder + "/self.txt")  // a link to itself
        symlink(folder + "/missing.png", folder + "/photo.png")  // broken, but not text: ignored

        let (files, problems) = DocumentReader.inputs(for: [folder])
        #expect(files.map { ($0.path as NSString).lastPathComponent } == ["a.txt"])
        #expect(problems.count == 2)
        #expect(problems.contains { $0.path == folder + "/news/back" && $0.message.contains("symbolic link loop") })
        #expect(problems.contains { $0.path == folder + "/self.txt" && $0.message.contains("symbolic link loop") })
    }

    @Test func jsonLinesGiveOneDocumentPerLineAndABadLineIsAProblemWithItsNumber() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = [
            #"{"id": "a1", "text": "明湖社区成立志愿队。"}"#,
            #"{"id": 7, "text": "青禾村举办活动。"}"#,
            #"{"id": "a3", "text": 不是JSON}"#,
            "",
            #"{"text": "没有编号。"}"#,
            #"["列表"]"#
        ]
        write(lines.joined(separator: "\n") + "\n", to: folder + "/batch.jsonl")
        let (documents, problems) = DocumentReader.read(InputFile(path: folder + "/batch.jsonl"))
        #expect(documents.map(\.id) == ["a1", "7", "batch.jsonl:5"])
        #expect(documents.map(\.source) == ["\(folder)/batch.jsonl:1", "\(folder)/batch.jsonl:2", "\(folder)/batch.jsonl:5"])
        #expect(documents.first?.text == "明湖社区成立志愿队。")
        #expect(problems.map(\.line) == [3, 6])
        #expect(problems.first?.description == "\(folder)/batch.jsonl:3: not valid JSON")
    }

    @Test func aLongSingleLineIsReadInLinearTime() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 6 MB without a line break (the 50 MB case is measured in release: see Benchmarks/build).
        let sentence = Array("青禾村志愿者走进明湖社区开展服务，".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(6_000_000)
        while bytes.count < 6_000_000 { bytes.append(contentsOf: sentence) }
        write(bytes, to: folder + "/long.txt")
        let clock = ContinuousClock()
        let start = clock.now
        let (documents, problems) = DocumentReader.read(InputFile(path: folder + "/long.txt"))
        let segmented = Segmenter.segment(documents[0].text)
        #expect(problems.isEmpty)
        // No 。！？ anywhere: the paragraph is cut into sentences of bounded length.
        #expect(segmented.sentences.allSatisfy { $0.range.count <= Segmenter.maximumSentenceLength })
        #expect(clock.now - start < .seconds(30))
    }

    @Test func aDocumentLargerThanTheLimitIsSkippedWithAProblemEvenFromAnEndlessDevice() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write(String(repeating: "青禾社区开展志愿服务。", count: 200), to: folder + "/big.txt")
        write("明湖村举办活动。", to: folder + "/small.txt")
        let big = DocumentReader.read(InputFile(path: folder + "/big.txt"), maximumBytes: 4096)
        #expect(big.documents.isEmpty)
        #expect(
            big.problems.map { $0.description } == [
                "\(folder)/big.txt: larger than the 4096-byte limit for one document, skipped (--max-document-mb raises it)"
            ])
        #expect(DocumentReader.read(InputFile(path: folder + "/small.txt"), maximumBytes: 4096).documents.count == 1)
        // /dev/zero never ends: reading stops one byte past the limit.
        let endless = DocumentReader.read(InputFile(path: "/dev/zero"), maximumBytes: 1 << 20)
        #expect(endless.documents.isEmpty)
        #expect(endless.problems.map(\.message) == ["larger than the 1 MB limit for one document, skipped (--max-document-mb raises it)"])
    }

    @Test func aJSONLinesLineLongerThanTheLimitIsSkippedByNumberAndTheNextLinesAreRead() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let long = #"{"id": "long", "text": ""# + String(repeating: "青", count: 3000) + #""}"#
        let lines = [#"{"id": "a", "text": "明湖村举办活动。"}"#, long, long + long, #"{"id": "b", "text": "青禾社区成立志愿队。"}"#]
        write(lines.joined(separator: "\n"), to: folder + "/batch.jsonl")
        let (documents, problems) = DocumentReader.read(InputFile(path: folder + "/batch.jsonl"), maximumBytes: 4096)
        #expect(documents.map(\.id) == ["a", "b"])
        #expect(documents.map(\.source) == ["\(folder)/batch.jsonl:1", "\(folder)/batch.jsonl:4"])
        #expect(problems.map(\.line) == [2, 3])
        #expect(problems.allSatisfy { $0.message.hasPrefix("line longer than the 4096-byte limit") && $0.severity == .skipped })
    }

    @Test func aJSONLinesIdGivenTwiceIsAWarningAtTheLaterLine() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write(#"{"id": "a", "text": "明湖村举办活动。"}"# + "\n" + #"{"id": "a", "text": "青禾社区成立志愿队。"}"# + "\n", to: folder + "/batch.jsonl")
        let (documents, problems) = DocumentReader.read(InputFile(path: folder + "/batch.jsonl"))
        #expect(documents.map(\.id) == ["a", "a"])
        #expect(problems.map { $0.description } == [#"\#(folder)/batch.jsonl:2: document id "a" is also that of line 1; both are read as one document's"#])
        #expect(problems.map(\.severity) == [.warning])
    }

    @Test func filesInAFolderAreNamedByTheirPathBelowItAndAClashOfNamedFilesIsResolved() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for sub in ["a", "b"] {
            try FileManager.default.createDirectory(atPath: "\(folder)/root/\(sub)", withIntermediateDirectories: true)
            write("明湖村举办活动。", to: "\(folder)/root/\(sub)/news.txt")
        }
        let walked = DocumentReader.inputs(for: [folder + "/root"])
        #expect(walked.files.map(\.documentID) == ["a/news.txt", "b/news.txt"])
        #expect(walked.problems.isEmpty)
        #expect(DocumentReader.read(walked.files[1]).documents.map(\.id) == ["b/news.txt"])

        let named = DocumentReader.inputs(for: [folder + "/root/a/news.txt", folder + "/root/b/news.txt"])
        #expect(named.files.map(\.documentID) == ["news.txt", folder + "/root/b/news.txt"])
        #expect(
            named.problems.map(\.message) == [
                #"document id "news.txt" is already that of \#(folder)/root/a/news.txt; recorded as "\#(folder)/root/b/news.txt""#
            ])
        #expect(named.problems.map(\.severity) == [.warning])
    }

    @Test func theSameFileNamedTwiceIsReadOnce() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write("明湖村举办活动。", to: folder + "/news.txt")
        symlink(folder + "/news.txt", folder + "/link.txt")
        let (files, problems) = DocumentReader.inputs(for: [folder + "/news.txt", folder + "/link.txt", folder + "/news.txt", folder])
        #expect(files.map(\.path) == [folder + "/news.txt"])
        #expect(problems.map(\.message) == ["the same file as \(folder)/news.txt, read once", "named twice, read once"])
        #expect(problems.allSatisfy { $0.severity == .warning })
    }
}

/// Rebuilding where the last graph was written, and text saved as UTF-16 without a byte-order mark.
@Suite struct OwnOutputsAndUTF16Tests {
    static let graphHeader = "{\"kind\":\"graph\",\"version\":1,\"offset_unit\":\"codepoint\"}\n"

    @Test func aGraphFileInAnInputFolderIsSkippedQuietlyAndANamedOneIsAProblem() throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write("青溪街道开设银发食堂。", to: folder + "/新闻.txt")
        write(
            Self.graphHeader + "{\"kind\":\"entity\",\"id\":\"org:海塘市第三医院\",\"type\":\"org\",\"name\":\"海塘市第三医院\"}\n",
            to: folder + "/graph.jsonl")
        let files = DocumentReader.inputs(for: [folder]).files
        let read = files.map { DocumentReader.read($0) }
        #expect(read.flatMap(\.documents).map(\.id) == ["新闻.txt"])
        #expect(read.flatMap(\.problems).isEmpty)
        let named = DocumentReader.read(InputFile(path: folder + "/graph.jsonl"))
        #expect(named.documents.isEmpty)
        #expect(named.problems.map(\.message) == ["a graph file written by tupu, not news; skipped"])
    }

    @Test(arguments: [true, false])
    func chineseTextInUTF16WithoutAByteOrderMarkIsRead(littleEndian: Bool) throws {
        // 开 (U+5F00) and 一 (U+4E00) put NULs on the other side too.
        let text = "# 海塘市第三医院开设银发食堂\n\n近日，青溪街道开展一项活动，老人一起吃上了午饭。\n"
        let units = text.utf16.flatMap { unit in
            littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        write(units, to: folder + "/utf16.txt")
        let (documents, problems) = DocumentReader.read(InputFile(path: folder + "/utf16.txt"))
        #expect(problems.isEmpty)
        #expect(documents.map(\.text) == [text])
        #expect(TextDecoding.decode(Data(units))?.encoding == (littleEndian ? "UTF-16LE" : "UTF-16BE"))
    }

    @Test func utf16ThatDoesNotReadAsTextIsNamedAsSuch() {
        // ASCII-like units with NULs at odd offsets, but full of control characters.
        let bytes: [UInt8] = Array(repeating: [0x01, 0x00, 0x41, 0x00, 0x02, 0x00], count: 8).flatMap { $0 }
        let result = TextDecoding.decodeOrExplain(Data(bytes))
        guard case .failure(let failure) = result else {
            Issue.record("decoded \(result)")
            return
        }
        #expect(failure.description.hasPrefix("looks like UTF-16LE without a byte-order mark"))
    }
}
