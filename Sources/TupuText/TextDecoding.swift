import Foundation

/// Turns raw bytes into text: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order
/// mark (or without one, recognised by its NUL bytes), else GB18030 when that reads as Chinese;
/// binary data is refused.
public enum TextDecoding {
    /// Why bytes could not be read as text.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case binary
        /// Not UTF-8, and not plausible GB18030 either; the offset is the first bad UTF-8 byte.
        case invalidUTF8(byteOffset: Int)
        /// NUL bytes at every other position, yet not readable as UTF-16 text.
        case utf16WithoutBOM(littleEndian: Bool)

        public var description: String {
            switch self {
            case .binary: return "binary or unreadable"
            case .utf16WithoutBOM(let littleEndian):
                return "looks like UTF-16\(littleEndian ? "LE" : "BE") without a byte-order mark, and does not read as text; save it as UTF-8"
            case .invalidUTF8(let offset): return "invalid UTF-8 at byte \(offset) (and not GB18030 text)"
            }
        }
    }

    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// The text and the name of its encoding (`UTF-8`, `UTF-8 BOM`, `UTF-16LE BOM`, `GB18030` …), or nil.
    public static func decode(_ data: Data) -> (text: String, encoding: String)? {
        if case .success(let decoded) = decodeOrExplain(data) { return decoded }
        return nil
    }

    /// Like `decode`, but says why it failed.
    public static func decodeOrExplain(_ data: Data) -> Result<(text: String, encoding: String), Failure> {
        decodeScalarsOrExplain(data).map { (String(scalars: $0.scalars), $0.encoding) }
    }

    /// The text as Unicode scalars, its length in UTF-8 and the name of its encoding, or why it
    /// could not be read.
    static func decodeScalarsOrExplain(_ data: Data) -> Result<(scalars: [Unicode.Scalar], utf8Count: Int, encoding: String), Failure> {
        data.withUnsafeBytes { raw -> Result<(scalars: [Unicode.Scalar], utf8Count: Int, encoding: String), Failure> in
            let all = raw.bindMemory(to: UInt8.self)
            if all.count >= 2, (all[0], all[1]) == (0xFF, 0xFE) || (all[0], all[1]) == (0xFE, 0xFF) {
                let littleEndian = all[0] == 0xFF
                let encoded = Data(UnsafeBufferPointer(rebasing: all.dropFirst(2)))
                guard let text = String(data: encoded, encoding: littleEndian ? .utf16LittleEndian : .utf16BigEndian) else {
                    return .failure(.binary)
                }
                return .success((TextView.scalars(of: text), text.utf8.count, littleEndian ? "UTF-16LE BOM" : "UTF-16BE BOM"))
            }
            var bytes = all[...]
            var encoding = "UTF-8"
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                bytes = bytes.dropFirst(3)
                encoding = "UTF-8 BOM"
            }
            let body = UnsafeBufferPointer(rebasing: bytes)
            if encoding == "UTF-8", let zeros = nulBytes(body) {
                // The byte order with NULs at odd offsets first: ASCII's high byte is NUL.
                for littleEndian in zeros.odd >= zeros.even ? [true, false] : [false, true] {
                    if let text = String(data: Data(body), encoding: littleEndian ? .utf16LittleEndian : .utf16BigEndian),
                        readsAsText(text)
                    {
                        return .success((TextView.scalars(of: text), text.utf8.count, littleEndian ? "UTF-16LE" : "UTF-16BE"))
                    }
                }
                if zeros.odd >= 4, zeros.even * 4 <= zeros.odd { return .failure(.utf16WithoutBOM(littleEndian: true)) }
                if zeros.even >= 4, zeros.odd * 4 <= zeros.even { return .failure(.utf16WithoutBOM(littleEndian: false)) }
            }
            if looksBinary(body) { return .failure(.binary) }
            // Validating and decoding is one pass; the slower scan for the bad byte runs only on failure.
            if let scalars = scalars(validatingUTF8: body) { return .success((scalars, body.count, encoding)) }
            if let text = String(data: Data(body), encoding: gb18030), mostlyChinese(text) {
                return .success((TextView.scalars(of: text), text.utf8.count, "GB18030"))
            }
            return .failure(.invalidUTF8(byteOffset: (firstInvalidUTF8(body) ?? 0) + (encoding == "UTF-8 BOM" ? 3 : 0)))
        }
    }

    /// The scalars of `bytes`, or nil unless they are well-formed UTF-8 (Unicode 3.9, table 3-7:
    /// no overlong forms, no surrogates, nothing above U+10FFFF).
    static func scalars(validatingUTF8 bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar]? {
        // Each scalar takes one byte that is not a continuation byte, and only continuation
        // bytes after it: this many fit, whatever the bytes hold.
        let capacity = bytes.count - TextView.continuationBytes(in: bytes)
        var wellFormed = true
        let scalars = [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { scalars, initialized in
            let count = bytes.count
            var i = 0
            var n = 0
            @inline(__always) func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
            guard let raw = UnsafeRawPointer(bytes.baseAddress), let out = scalars.baseAddress else { return }
            while i < count {
                var value: UInt32
                // Two three-byte scalars (CJK) at once, read as one little-endian word of eight
                // bytes: both lead bytes 1110xxxx and their four continuation bytes tested at once.
                while i &+ 8 <= count {
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    guard word & 0xC0C0_F0C0_C0F0 == 0x8080_E080_80E0 else { break }
                    let first = UInt32(truncatingIfNeeded: word)
                    let second = UInt32(truncatingIfNeeded: word >> 24)
                    let a = (first & 0x0F) << 12 | (first & 0x3F00) >> 2 | (first & 0x3F_0000) >> 16
                    let b = (second & 0x0F) << 12 | (second & 0x3F00) >> 2 | (second & 0x3F_0000) >> 16
                    guard a >= 0x800, a & 0xF800 != 0xD800, b >= 0x800, b & 0xF800 != 0xD800 else { break }
                    (out + n).initialize(to: unsafeBitCast(a, to: Unicode.Scalar.self))
                    (out + n + 1).initialize(to: unsafeBitCast(b, to: Unicode.Scalar.self))
                    n &+= 2
                    i &+= 6
                }
                // Then one, read as one little-endian word of four bytes.
                while i &+ 4 <= count {
                    let word = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
                    guard word & 0x00C0_C0F0 == 0x0080_80E0 else { break }
                    value = (word & 0x0F) << 12 | (word & 0x3F00) >> 2 | (word & 0x3F_0000) >> 16
                    guard value >= 0x800, value & 0xF800 != 0xD800 else { break }
                    (out + n).initialize(to: unsafeBitCast(value, to: Unicode.Scalar.self))
                    n &+= 1
                    i &+= 3
                }
                guard i < count else { break }
                let lead = UInt32(bytes[i])
                if lead & 0xF0 == 0xE0 {
                    guard i + 2 < count, isContinuation(bytes[i + 1]), isContinuation(bytes[i + 2]) else { break }
                    value = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    guard value >= 0x800, value & 0xF800 != 0xD800 else { break }
                    i += 3
                } else if lead < 0x80 {
                    value = lead
                    i += 1
                } else if lead < 0xC2 {
                    break
                } else if lead < 0xE0 {
                    guard i + 1 < count, isContinuation(bytes[i + 1]) else { break }
                    value = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if lead < 0xF5 {
                    guard i + 3 < count, isContinuation(bytes[i + 1]), isContinuation(bytes[i + 2]),
                        isContinuation(bytes[i + 3])
                    else { break }
                    value =
                        (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                        | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                    guard value >= 0x10000, value <= 0x10FFFF else { break }
                    i += 4
                } else {
                    break
                }
                // Checked above: the value is a Unicode scalar.
                scalars.initializeElement(at: n, to: unsafeBitCast(value, to: Unicode.Scalar.self))
                n += 1
            }
            wellFormed = i == count
            initialized = n
        }
        return wellFormed ? scalars : nil
    }

    /// NUL bytes, or many C0 control characters other than tab/newline/CR/form feed, mean binary.
    static func looksBinary(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var controls = 0
        var i = 0
        while i < bytes.count {
            // Eight bytes at once when none is below 0x20, the usual case (line breaks are sparse):
            // `(w - 0x20…) & ~w & 0x80…` is nonzero when some byte is below 0x20.
            if i + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let byte = bytes[i]
            i += 1
            guard byte < 0x20 else { continue }
            switch byte {
            case 0: return true
            case 0x09, 0x0A, 0x0D, 0x0C, 0x1B: continue
            default: controls += 1
            }
        }
        return controls > 8 && controls * 100 > bytes.count
    }

    /// NUL bytes at even and odd offsets of the first 64 KB, when there are a few (nil otherwise).
    /// UTF-16 without a byte-order mark shows itself by them: ASCII (line breaks, digits) has a
    /// NUL high byte, and a few Chinese characters (一 U+4E00, 开 U+5F00) a NUL low byte.
    static func nulBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (even: Int, odd: Int)? {
        let sample = min(bytes.count, 1 << 16)
        guard let base = bytes.baseAddress, memchr(base, 0, sample) != nil else { return nil }
        var zeros = (even: 0, odd: 0)
        for i in 0..<sample where bytes[i] == 0 {
            if i & 1 == 0 { zeros.even += 1 } else { zeros.odd += 1 }
        }
        // A few NULs prove nothing (a short binary file); a line break every line or two does.
        return zeros.even + zeros.odd >= 4 ? zeros : nil
    }

    /// Decoded UTF-16 that is text: no control characters but line breaks and tabs, and nearly
    /// all of it Chinese, ASCII or common punctuation.
    static func readsAsText(_ text: String) -> Bool {
        var usual = 0
        var total = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            total += 1
            if v < 0x20, v != 0x09, v != 0x0A, v != 0x0D, v != 0x0C { return false }
            if v < 0x7F || (0x4E00...0x9FFF).contains(v) || (0x3000...0x303F).contains(v)
                || (0xFF00...0xFFEF).contains(v) || (0x2000...0x206F).contains(v) || v == 0xFEFF
            {
                usual += 1
            }
        }
        return total > 0 && usual * 10 >= total * 9
    }

    /// Offset of the first byte that does not start a well-formed UTF-8 sequence, or nil.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        var i = 0
        while i < count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
            default: return i
            }
            if i + length > count { return i }
            let second = bytes[i + 1]
            if second < low || second > high { return i }
            var k = 2
            while k < length {
                if bytes[i + k] & 0xC0 != 0x80 { return i }
                k += 1
            }
            i += length
        }
        return nil
    }

    /// GB18030 decodes almost any byte string; accept it only when the letters are mostly CJK.
    static func mostlyChinese(_ text: String) -> Bool {
        var cjk = 0
        var otherLetters = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0x4E00...0x9FFF).contains(v) || (0x3000...0x303F).contains(v) || (0xFF00...0xFFEF).contains(v) {
                cjk += 1
            } else if v >= 0x80 {
                otherLetters += 1
            }
        }
        return cjk > 0 && cjk >= 4 * otherLetters
    }
}
