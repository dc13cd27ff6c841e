import Foundation
import TupuText

/// Administrative level, from province down to village; `area` is a named non-administrative
/// unit (小区, 片区, 景区, 园区 …).
public enum PlaceLevel: String, Sendable, CaseIterable {
    case province, city, county, township, village, area
}

public struct Place: Sendable, Hashable {
    public let code: String
    public let name: String
    public let parentCode: String?
    public let level: PlaceLevel
    /// A town-level unit that is not a 街道, 镇 or 乡 (开发区, 农场, 林场, 保税区, 围垦区 …).
    public let isSpecialUnit: Bool
    /// A division of another province (pairing news names them): its townships are read only
    /// beside their county or prefecture, and a Zhejiang namesake wins without such context.
    public let isOutsideZhejiang: Bool

    public init(
        code: String, name: String, parentCode: String?, level: PlaceLevel, isSpecialUnit: Bool = false,
        isOutsideZhejiang: Bool = false
    ) {
        self.code = code
        self.name = name
        self.parentCode = parentCode
        self.level = level
        self.isSpecialUnit = isSpecialUnit
        self.isOutsideZhejiang = isOutsideZhejiang
    }
}

/// A division's position in its gazetteer's `places`: readers of a name, the resolver and the
/// graph builder find a place by this number, not by hashing its code.
public struct PlaceIndex: Hashable, Comparable, Sendable {
    /// Four bytes: a place name and every mention's readings carry one.
    let value: Int32

    public init(_ position: Int) { value = Int32(position) }

    public var position: Int { Int(value) }

    public static func < (a: PlaceIndex, b: PlaceIndex) -> Bool { a.value < b.value }
}

/// How a surface form names a place: its full official name, a short form made by rule
/// (海宁 for 海宁市), or a name found only in the 2016 list (before the village mergers).
public enum NameForm: Sendable, Hashable { case full, short, historic }

public struct PlaceName: Sendable, Hashable {
    public let name: String
    public let code: String
    public let form: NameForm
    /// The division the code names (the first with that code, as `placeIndex(code:)` answers;
    /// nil: none, or not yet taken in by a gazetteer).
    public internal(set) var place: PlaceIndex? = nil
    /// A short form that names its place wherever it stands (海宁, 四川, 凉山州); the others
    /// (a town's, most of another province's) only abbreviate a name the document wrote in full.
    public internal(set) var standsAlone = false

    public init(name: String, code: String, form: NameForm) {
        self.name = name
        self.code = code
        self.form = form
    }
}

/// How common a word is in general Chinese text (the jieba dictionary's counts), used to keep
/// town short forms that are everyday words (建设, 前进, 花园 …) out of the names.
public struct WordFrequency: Sendable, Hashable {
    public let word: String
    /// The dictionary's count for the word itself (0 when absent).
    public let frequency: Int
    /// The dictionary's part of speech (`ns` place name, `n` noun, `v` verb …; `-` when absent).
    public let partOfSpeech: String
    /// Summed counts of longer dictionary words that contain it (前所 inside 前所未有).
    public let inside: Int

    public init(word: String, frequency: Int, partOfSpeech: String, inside: Int) {
        self.word = word
        self.frequency = frequency
        self.partOfSpeech = partOfSpeech
        self.inside = inside
    }

    /// Too common to stand for a town: frequent in any sense, a frequent word that is not a place
    /// name, or mostly seen inside longer words.
    public var isCommonWord: Bool {
        frequency >= 150 || (partOfSpeech != "ns" && frequency >= 50) || (inside >= 200 && inside > 2 * frequency)
    }
}

/// A problem with a gazetteer file (a missing resource, a malformed row) is reported like any
/// other input problem: `file:line: message`.
public typealias GazetteerProblem = ReadProblem

extension String {
    /// Suffix test on UTF-8 bytes: `hasSuffix` compares grapheme clusters, far slower for the
    /// ~60k names read at start-up.
    func hasUTF8Suffix(_ suffix: String) -> Bool {
        var text = self
        var suffix = suffix
        return text.withUTF8 { bytes in
            suffix.withUTF8 { tail in
                guard let text = bytes.baseAddress, let end = tail.baseAddress else { return tail.isEmpty }
                return bytes.count >= tail.count && memcmp(text + (bytes.count - tail.count), end, tail.count) == 0
            }
        }
    }

    /// Byte equality: `==` checks canonical equivalence, a normalisation pass on Chinese text.
    func hasSameUTF8(as other: String) -> Bool {
        var text = self
        var other = other
        return text.withUTF8 { bytes in
            other.withUTF8 { otherBytes in
                bytes.count == otherBytes.count
                    && (bytes.isEmpty || memcmp(bytes.baseAddress!, otherBytes.baseAddress!, bytes.count) == 0)
            }
        }
    }

    func droppingUTF8Suffix(_ suffix: String) -> String {
        String(decoding: utf8.dropLast(suffix.utf8.count), as: UTF8.self)
    }
}
