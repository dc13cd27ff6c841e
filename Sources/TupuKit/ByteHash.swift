#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A hash of bytes for the tables of names and ids: eight bytes at a time, each word mixed in by
/// a multiply, the last (or only) word read overlapping the previous one rather than byte by
/// byte. Several times cheaper than `Hasher` on ids of a few dozen bytes, and the same on every
/// run (the graph's tables and the gazetteer's do not depend on a random seed). Not keyed per
/// process like `Hasher`: the keys come from the text being read, and a text crafted to collide
/// would only slow its own build down.
public enum ByteHash {
    /// The hash of `bytes`, mixed into `seed` (to hash a key of several parts, each part's hash
    /// seeds the next; the length goes in too, so ("ab","c") and ("a","bc") differ).
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        let count = bytes.count
        var hash = (seed ^ UInt64(truncatingIfNeeded: count)) &* 0xC2B2_AE3D_27D4_EB4F
        let last: UInt64
        if count >= 8 {
            var i = 0
            while i + 8 < count {
                hash = (hash ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* multiplier
                hash ^= hash >> 31
                i += 8
            }
            last = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            last =
                UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
                | UInt64(bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
        } else if count > 0 {
            last = UInt64(bytes[0]) | UInt64(bytes[count / 2]) << 8 | UInt64(bytes[count - 1]) << 16
        } else {
            last = 0
        }
        hash = (hash ^ last) &* multiplier
        return hash ^ (hash >> 29)
    }

    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64 = 0) -> UInt64 {
        hash(UnsafeRawBufferPointer(bytes), seed: seed)
    }

    /// A well-mixed hash of one integer (the high bits depend on every bit of `value`).
    @inlinable @inline(__always)
    public static func hash(_ value: UInt64) -> UInt64 {
        var z = value &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 32)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 29)
    }

    /// Whether two runs of bytes are equal.
    @inlinable @inline(__always)
    public static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > 0, let x = a.baseAddress, let y = b.baseAddress else { return true }
        return x == y || memcmp(x, y, a.count) == 0
    }
}

extension String {
    /// The UTF-8 bytes, read in place (a native string's are contiguous): `withUTF8` needs a
    /// mutable copy, a retain and a release on every call.
    @inlinable @inline(__always)
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = self
        return text.withUTF8(body)
    }

    /// `ByteHash` of the UTF-8 bytes.
    @inlinable
    public var byteHash: UInt64 { byteHash(seed: 0) }

    @inlinable
    public func byteHash(seed: UInt64) -> UInt64 {
        withUTF8Bytes { ByteHash.hash($0, seed: seed) }
    }

    /// Equal UTF-8 bytes: `==` for the NFC text names and ids are made of, without `String`'s
    /// scalar-by-scalar normalising comparison of Chinese.
    @inlinable
    public func sameBytes(as other: String) -> Bool {
        // The lengths first: a native string knows its own.
        guard utf8.count == other.utf8.count else { return false }
        return withUTF8Bytes { a in other.withUTF8Bytes { b in ByteHash.equal(UnsafeRawBufferPointer(a), UnsafeRawBufferPointer(b)) } }
    }

    /// Whether the UTF-8 bytes end with `suffix`'s: `hasSuffix` for names, whose words end on a
    /// character boundary, without `String`'s character-by-character comparison of Chinese.
    @inlinable
    public func endsWithBytes(of suffix: String) -> Bool {
        withUTF8Bytes { text in
            suffix.withUTF8Bytes { suffix in
                guard text.count >= suffix.count else { return false }
                let tail = UnsafeBufferPointer(rebasing: text[(text.count - suffix.count)...])
                return ByteHash.equal(UnsafeRawBufferPointer(tail), UnsafeRawBufferPointer(suffix))
            }
        }
    }

    /// Byte order of the UTF-8: `String`'s own order for NFC text, without its normalising comparison.
    @inlinable
    public func precedesByUTF8(_ other: String) -> Bool {
        withUTF8Bytes { a in
            other.withUTF8Bytes { b in
                let common = min(a.count, b.count)
                let order = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                return order != 0 ? order < 0 : a.count < b.count
            }
        }
    }
}

/// A string with its byte hash worked out once, equal by its bytes: a `Dictionary` or `Set` key
/// for Chinese names and ids, where `String` keys would run `Hasher` and a normalisation check
/// over every name on every lookup.
public struct TextKey: Hashable, Sendable {
    public let string: String
    public let hash: UInt64

    public init(_ string: String) {
        self.string = string
        self.hash = string.byteHash
    }

    public static func == (a: TextKey, b: TextKey) -> Bool { a.hash == b.hash && a.string.sameBytes(as: b.string) }
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}
