extension Hasher {
    /// Feeds `text` exactly as `combine(text)` would, so hashes stay equal to `String`'s, but
    /// skips `String`'s check for Unicode normalisation when every scalar is one that is in NFC
    /// whatever surrounds it (ASCII, CJK ideographs, CJK and general punctuation): such text
    /// is its own NFC form, which `String` hashes as its UTF-8 bytes and a 0xFF terminator.
    /// That check on Chinese names and ids costs several percent of a build.
    public mutating func combine(text: String) {
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard isOwnNFC(bytes) else { return false }
            combine(bytes: UnsafeRawBufferPointer(bytes))
            combine(0xFF as UInt8)
            return true
        }
        if done != true { combine(text) }
    }
}

extension String {
    /// Equal to `hashValue`, computed as `Hasher.combine(text:)` does.
    public var quickHashValue: Int {
        var hasher = Hasher()
        hasher.combine(text: self)
        return hasher.finalize()
    }
}

/// Whether these (well-formed) UTF-8 bytes hold only scalars with no canonical decomposition,
/// combining class 0 and no composition with a neighbour.
private func isOwnNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let count = bytes.count
    while i < count {
        let lead = bytes[i]
        if lead < 0x80 {
            i += 1
            continue
        }
        switch lead {
        case 0xE4...0xE9:  // U+4000–U+9FFF: CJK ideographs (and the Yijing hexagrams)
            break
        case 0xE3 where bytes[i + 1] == 0x80 && bytes[i + 2] <= 0xA9:  // U+3000–U+3029: 、。《》「」【】…
            break
        case 0xEF where bytes[i + 1] == 0xBC || (bytes[i + 1] == 0xBD && bytes[i + 2] <= 0x9E):  // U+FF00–U+FF5E: ，：（）…
            break
        case 0xE2 where bytes[i + 1] == 0x80 && (0x90...0xA7).contains(bytes[i + 2]):  // U+2010–U+2027: —“”…
            break
        case 0xC2 where bytes[i + 1] == 0xB7:  // U+00B7 ·
            i += 2
            continue
        default:
            return false
        }
        i += 3
    }
    return true
}

/// A string with its hash worked out once, for dictionaries keyed by Chinese names and ids.
public struct TextKey: Hashable, Sendable {
    public let string: String
    public let hash: Int

    public init(_ string: String) {
        self.string = string
        self.hash = string.quickHashValue
    }

    public static func == (a: TextKey, b: TextKey) -> Bool { a.hash == b.hash && a.string == b.string }
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
