import Foundation

/// Byte strings (codes, names, composite keys) numbered in the order they were first added,
/// found again by hashing their bytes. The gazetteer's loaders make ~300k lookups by code and
/// by Chinese name; `String` keys pay SipHash plus a normalisation check on every non-ASCII
/// key and grapheme-aware equality, where this pays a multiply per 8 bytes and a `memcmp`.
/// Deterministic: nothing here depends on a random seed.
struct ByteKeyTable {
    /// Key `k` is `pool[keyEnd[k - 1]..<keyEnd[k]]` (from 0 for the first).
    private var pool = ByteBuffer()
    private var keyEnd: [Int32] = []
    /// Per slot: key number + 1, 0 when empty; and that key's hash, to skip most `memcmp`s.
    private var slotKey: [Int32]
    private var slotHash: [UInt32]
    private var shift: UInt64

    init(minimumCapacity: Int = 16) {
        var bits = 4
        while 1 << bits < 2 * minimumCapacity { bits += 1 }
        slotKey = [Int32](repeating: 0, count: 1 << bits)
        slotHash = [UInt32](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        keyEnd.reserveCapacity(minimumCapacity)
        pool.reserveCapacity(minimumCapacity * 12)
    }

    var count: Int { keyEnd.count }

    /// The number of `key`, or nil when it was never added.
    func find(_ key: UnsafeRawBufferPointer) -> Int? {
        probe(key, hash: Self.hash(key)).number
    }

    /// Where `key` is, or the free slot where it would go.
    @inline(__always)
    private func probe(_ key: UnsafeRawBufferPointer, hash: UInt64) -> (slot: Int, number: Int?) {
        let mask = slotKey.count - 1
        var slot = Int(truncatingIfNeeded: hash >> shift)
        let tag = UInt32(truncatingIfNeeded: hash)
        while true {
            let entry = Int(slotKey[slot])
            if entry == 0 { return (slot, nil) }
            if slotHash[slot] == tag && keyEquals(entry - 1, key) { return (slot, entry - 1) }
            slot = (slot + 1) & mask
        }
    }

    func find(_ key: String) -> Int? {
        var key = key
        return key.withUTF8 { find(UnsafeRawBufferPointer($0)) }
    }

    /// Adds `key` unless present; returns its number and whether it is new.
    @discardableResult
    mutating func add(_ key: UnsafeRawBufferPointer) -> (number: Int, inserted: Bool) {
        let hash = Self.hash(key)
        let (slot, existing) = probe(key, hash: hash)
        if let existing { return (existing, false) }
        let tag = UInt32(truncatingIfNeeded: hash)
        let number = keyEnd.count
        pool.append(key)
        keyEnd.append(Int32(pool.count))
        slotKey[slot] = Int32(number + 1)
        slotHash[slot] = tag
        if 2 * keyEnd.count > slotKey.count { rehash() }
        return (number, true)
    }

    @discardableResult
    mutating func add(_ key: String) -> (number: Int, inserted: Bool) {
        var key = key
        return key.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    private func keyEquals(_ number: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = number == 0 ? 0 : Int(keyEnd[number - 1])
        let end = Int(keyEnd[number])
        guard end - start == key.count else { return false }
        guard let bytes = key.baseAddress, key.count > 0 else { return true }
        return pool.withBytes { memcmp($0.baseAddress! + start, bytes, key.count) == 0 }
    }

    private mutating func rehash() {
        let size = slotKey.count * 2
        shift -= 1
        slotKey = [Int32](repeating: 0, count: size)
        slotHash = [UInt32](repeating: 0, count: size)
        pool.withBytes { pool in
            var start = 0
            for number in keyEnd.indices {
                let end = Int(keyEnd[number])
                let hash = Self.hash(UnsafeRawBufferPointer(rebasing: pool[start..<end]))
                var slot = Int(truncatingIfNeeded: hash >> shift)
                while slotKey[slot] != 0 { slot = (slot + 1) & (size - 1) }
                slotKey[slot] = Int32(number + 1)
                slotHash[slot] = UInt32(truncatingIfNeeded: hash)
                start = end
            }
        }
    }

    /// Eight bytes at a time, each word mixed in by a multiply; the last (or only) word is read
    /// overlapping the previous one rather than byte by byte. The slot is taken from the top
    /// bits, which depend on every input bit.
    @inline(__always)
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        let count = key.count
        var hash = UInt64(truncatingIfNeeded: count) &* 0xC2B2_AE3D_27D4_EB4F
        let last: UInt64
        if count >= 8 {
            var i = 0
            while i + 8 < count {
                hash = (hash ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* multiplier
                hash ^= hash >> 31
                i += 8
            }
            last = key.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            last =
                UInt64(key.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
                | UInt64(key.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
        } else if count > 0 {
            last = UInt64(key[0]) | UInt64(key[count / 2]) << 8 | UInt64(key[count - 1]) << 16
        } else {
            last = 0
        }
        hash = (hash ^ last) &* multiplier
        return hash ^ (hash >> 32)
    }
}

/// A growable run of bytes written with `memcpy`: `Array.append(contentsOf:)` costs about a
/// hundred instructions even for a short name, and the loaders append ~200k of them.
struct ByteBuffer {
    private var storage = [UInt8](repeating: 0, count: 64)
    private(set) var count = 0

    mutating func reserveCapacity(_ capacity: Int) {
        if storage.count < capacity { storage.append(contentsOf: repeatElement(0, count: capacity - storage.count)) }
    }

    mutating func removeAll() { count = 0 }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        let length = bytes.count
        if count + length > storage.count { reserveCapacity(max(2 * storage.count, count + length)) }
        storage.withUnsafeMutableBytes { storage in
            let target = storage.baseAddress! + count
            if length >= 8 && length <= 16 {
                // Most names and codes: two overlapping words instead of a call to `memcpy`.
                target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
                (target + length - 8).storeBytes(of: source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self), as: UInt64.self)
            } else {
                memcpy(target, source, length)
            }
        }
        count += length
    }

    mutating func append<Value>(bytesOf value: Value) {
        withUnsafeBytes(of: value) { append($0) }
    }

    func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    }
}
