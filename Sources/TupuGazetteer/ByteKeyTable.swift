import Foundation
import TupuKit

/// Byte strings (codes, names, composite keys) numbered in the order they were first added,
/// found again by hashing their bytes. The gazetteer's loaders make ~300k lookups by code and
/// by Chinese name; `String` keys pay SipHash plus a normalisation check on every non-ASCII
/// key and grapheme-aware equality, where this pays a multiply per 8 bytes and a `memcmp`.
/// Deterministic: nothing here depends on a random seed.
struct ByteKeyTable {
    /// Key `k` is `pool[keyEnd[k - 1]..<keyEnd[k]]` (from 0 for the first).
    private var pool = ByteBuffer()
    private var keyEnd: [Int32] = []
    private var slots: HashSlots

    init(minimumCapacity: Int = 16) {
        slots = HashSlots(minimumCapacity: minimumCapacity)
        keyEnd.reserveCapacity(minimumCapacity)
        pool.reserveCapacity(minimumCapacity * 12)
    }

    var count: Int { keyEnd.count }

    /// The number of `key`, or nil when it was never added.
    func find(_ key: UnsafeRawBufferPointer) -> Int? {
        keyEnd.withUnsafeBufferPointer { ends in
            pool.withBytes { pool in slots.find(hash: ByteHash.hash(key)) { Self.key($0, ends, pool, equals: key) } }
        }
    }

    func find(_ key: String) -> Int? {
        key.withUTF8Bytes { find(UnsafeRawBufferPointer($0)) }
    }

    /// Adds `key` unless present; returns its number and whether it is new.
    @discardableResult
    mutating func add(_ key: UnsafeRawBufferPointer) -> (number: Int, inserted: Bool) {
        let number = keyEnd.count
        let found = keyEnd.withUnsafeBufferPointer { ends in
            pool.withBytes { pool in
                slots.findOrInsert(hash: ByteHash.hash(key), position: number) { Self.key($0, ends, pool, equals: key) }
            }
        }
        guard found == number else { return (found, false) }
        pool.append(key)
        keyEnd.append(Int32(pool.count))
        return (number, true)
    }

    @discardableResult
    mutating func add(_ key: String) -> (number: Int, inserted: Bool) {
        key.withUTF8Bytes { add(UnsafeRawBufferPointer($0)) }
    }

    @inline(__always)
    private static func key(_ number: Int, _ keyEnd: UnsafeBufferPointer<Int32>, _ pool: UnsafeRawBufferPointer, equals key: UnsafeRawBufferPointer) -> Bool {
        let start = number == 0 ? 0 : Int(keyEnd[number - 1])
        return ByteHash.equal(UnsafeRawBufferPointer(rebasing: pool[start..<Int(keyEnd[number])]), key)
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
