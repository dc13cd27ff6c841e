import Foundation

/// Byte strings (codes, names, composite keys) numbered in the order they were first added,
/// found again by hashing their bytes. The gazetteer's loaders make ~300k lookups by code and
/// by Chinese name; `String` keys pay SipHash plus a normalisation check on every non-ASCII
/// key and grapheme-aware equality, where this pays a multiply per 8 bytes and a `memcmp`.
/// Deterministic: nothing here depends on a random seed.
struct ByteKeyTable {
    /// Key `k` is `pool[keyEnd[k - 1]..<keyEnd[k]]` (from 0 for the first).
    private var pool: [UInt8] = []
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
        let hash = Self.hash(key)
        let mask = slotKey.count - 1
        var slot = Int(truncatingIfNeeded: hash >> shift)
        let tag = UInt32(truncatingIfNeeded: hash)
        while true {
            let entry = Int(slotKey[slot])
            if entry == 0 { return nil }
            if slotHash[slot] == tag && keyEquals(entry - 1, key) { return entry - 1 }
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
        let mask = slotKey.count - 1
        var slot = Int(truncatingIfNeeded: hash >> shift)
        let tag = UInt32(truncatingIfNeeded: hash)
        while true {
            let entry = Int(slotKey[slot])
            if entry == 0 { break }
            if slotHash[slot] == tag && keyEquals(entry - 1, key) { return (entry - 1, false) }
            slot = (slot + 1) & mask
        }
        let number = keyEnd.count
        pool.append(contentsOf: key.assumingMemoryBound(to: UInt8.self))  // a typed buffer is copied with memcpy
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

    private func keyEquals(_ number: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        let start = number == 0 ? 0 : Int(keyEnd[number - 1]), end = Int(keyEnd[number])
        guard end - start == key.count else { return false }
        guard let bytes = key.baseAddress, key.count > 0 else { return true }
        return pool.withUnsafeBytes { memcmp($0.baseAddress! + start, bytes, key.count) == 0 }
    }

    private mutating func rehash() {
        let size = slotKey.count * 2
        shift -= 1
        slotKey = [Int32](repeating: 0, count: size)
        slotHash = [UInt32](repeating: 0, count: size)
        pool.withUnsafeBytes { pool in
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

    /// Eight bytes at a time, each word mixed in by a multiply; the slot is taken from the
    /// top bits, which depend on every input bit.
    static func hash(_ key: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(truncatingIfNeeded: key.count) &* 0xC2B2_AE3D_27D4_EB4F
        var i = 0
        let count = key.count
        while i + 8 <= count {
            hash = (hash ^ key.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* multiplier
            hash ^= hash >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < count {
            tail |= UInt64(key[i]) << shift
            shift += 8
            i += 1
        }
        hash = (hash ^ tail) &* multiplier
        return hash ^ (hash >> 32)
    }
}
