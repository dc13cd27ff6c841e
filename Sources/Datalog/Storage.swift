// Relation storage: append-only flat tuple arrays with incrementally maintained hash indexes.
//
// Tuples are never removed during evaluation, so "the tuples of iteration k" is an index range;
// semi-naive evaluation reads delta, old and full versions of a relation as ranges of one array.

@inline(__always) func hashKey(_ key: UnsafePointer<Int>, _ count: Int) -> UInt32 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(count)
    for i in 0..<count {
        h = (h ^ UInt64(bitPattern: Int64(key[i]))) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
    }
    h = h &* 0x94D0_49BB_1331_11EB
    return UInt32(truncatingIfNeeded: h ^ (h >> 32))
}

/// A hash index on a set of key columns. Each distinct key has one slot holding the newest tuple
/// with that key; `next` chains older tuples with the same key (newest first), so a lookup restricted
/// to an index range can skip the newest and stop at the first tuple below the range.
final class HashIndex {
    let columns: [Int]
    /// True for the index on all columns (the set's deduplication): chains have length one.
    let isUnique: Bool
    private(set) var heads: UnsafeMutablePointer<Int32>
    private(set) var hashes: UnsafeMutablePointer<UInt32>
    private(set) var mask: Int
    private var used = 0
    private(set) var next: UnsafeMutablePointer<Int32>
    private var nextCapacity = 0

    init(columns: [Int], isUnique: Bool) {
        self.columns = columns
        self.isUnique = isUnique
        mask = 15
        heads = .allocate(capacity: 16)
        heads.initialize(repeating: -1, count: 16)
        hashes = .allocate(capacity: 16)
        hashes.initialize(repeating: 0, count: 16)
        next = .allocate(capacity: 1)
    }

    deinit {
        heads.deallocate()
        hashes.deallocate()
        next.deallocate()
    }

    func clear() {
        heads.initialize(repeating: -1, count: mask + 1)
        used = 0
    }

    /// The newest tuple whose key columns equal `key` (in `columns` order), or -1.
    @inline(__always)
    func find(_ key: UnsafePointer<Int>, hash: UInt32, data: UnsafePointer<Int>, arity: Int) -> Int32 {
        var slot = Int(hash) & mask
        let width = columns.count
        while true {
            let h = heads[slot]
            if h < 0 { return -1 }
            if hashes[slot] == hash {
                let tuple = data + Int(h) * arity
                var equal = true
                for k in 0..<width where tuple[columns[k]] != key[k] { equal = false; break }
                if equal { return h }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds tuple `t` (already stored in `data`).
    func insert(_ t: Int, data: UnsafePointer<Int>, arity: Int, scratch: UnsafeMutablePointer<Int>) {
        let width = columns.count
        let tuple = data + t * arity
        for k in 0..<width { scratch[k] = tuple[columns[k]] }
        let hash = hashKey(scratch, width)
        if !isUnique && t >= nextCapacity { growNext(to: t + 1) }
        var slot = Int(hash) & mask
        while true {
            let h = heads[slot]
            if h < 0 { break }
            if hashes[slot] == hash {
                let other = data + Int(h) * arity
                var equal = true
                for k in 0..<width where other[columns[k]] != scratch[k] { equal = false; break }
                if equal {
                    if !isUnique { next[t] = h }
                    heads[slot] = Int32(t)
                    return
                }
            }
            slot = (slot + 1) & mask
        }
        heads[slot] = Int32(t)
        hashes[slot] = hash
        if !isUnique { next[t] = -1 }
        used += 1
        if used * 2 > mask { grow() }
    }

    private func growNext(to minimum: Int) {
        let capacity = max(minimum, nextCapacity * 2, 64)
        let fresh = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        if nextCapacity > 0 { fresh.moveInitialize(from: next, count: nextCapacity) }
        next.deallocate()
        next = fresh
        nextCapacity = capacity
    }

    private func grow() {
        let oldHeads = heads, oldHashes = hashes, oldSize = mask + 1
        let size = oldSize * 2
        mask = size - 1
        heads = .allocate(capacity: size)
        heads.initialize(repeating: -1, count: size)
        hashes = .allocate(capacity: size)
        for s in 0..<oldSize where oldHeads[s] >= 0 {
            var slot = Int(oldHashes[s]) & mask
            while heads[slot] >= 0 { slot = (slot + 1) & mask }
            heads[slot] = oldHeads[s]
            hashes[slot] = oldHashes[s]
        }
        oldHeads.deallocate()
        oldHashes.deallocate()
    }
}

/// A set of tuples of one arity, stored flat in insertion order.
final class TupleStore {
    let arity: Int
    private(set) var data: UnsafeMutablePointer<Int>
    private var capacity: Int
    private(set) var count = 0
    /// `indexes[0]` is the unique index on all columns (absent for arity 0).
    private(set) var indexes: [HashIndex] = []
    private let scratch: UnsafeMutablePointer<Int>

    init(arity: Int) {
        self.arity = arity
        capacity = 16
        data = .allocate(capacity: max(1, capacity * arity))
        scratch = .allocate(capacity: max(1, arity))
        if arity > 0 { indexes.append(HashIndex(columns: Array(0..<arity), isUnique: true)) }
    }

    deinit {
        data.deallocate()
        scratch.deallocate()
    }

    /// Index of the tuple equal to `values`, or -1.
    @inline(__always)
    func find(_ values: UnsafePointer<Int>) -> Int {
        if arity == 0 { return count > 0 ? 0 : -1 }
        return Int(indexes[0].find(values, hash: hashKey(values, arity), data: data, arity: arity))
    }

    /// Adds the tuple unless present; returns whether it was new.
    @discardableResult
    func insert(_ values: UnsafePointer<Int>) -> Bool {
        if arity == 0 {
            if count > 0 { return false }
            count = 1
            return true
        }
        if find(values) >= 0 { return false }
        if count == capacity { growData() }
        (data + count * arity).update(from: values, count: arity)
        for index in indexes { index.insert(count, data: data, arity: arity, scratch: scratch) }
        count += 1
        return true
    }

    func insert(_ values: [Int]) -> Bool {
        values.withUnsafeBufferPointer { insert($0.baseAddress!) }
    }

    /// The index on `columns` (sorted), created and filled on first request.
    func index(on columns: [Int]) -> HashIndex {
        if let existing = indexes.first(where: { $0.columns == columns }) { return existing }
        let index = HashIndex(columns: columns, isUnique: false)
        for t in 0..<count { index.insert(t, data: data, arity: arity, scratch: scratch) }
        indexes.append(index)
        return index
    }

    /// Drops tuples from `newCount` on (used to re-evaluate from the base facts).
    func truncate(to newCount: Int) {
        guard newCount < count else { return }
        count = newCount
        for index in indexes {
            index.clear()
            for t in 0..<count { index.insert(t, data: data, arity: arity, scratch: scratch) }
        }
    }

    @inline(__always) func tuple(_ i: Int) -> UnsafeMutablePointer<Int> { data + i * arity }

    private func growData() {
        let newCapacity = capacity * 2
        let fresh = UnsafeMutablePointer<Int>.allocate(capacity: max(1, newCapacity * arity))
        fresh.moveInitialize(from: data, count: count * arity)
        data.deallocate()
        data = fresh
        capacity = newCapacity
    }
}
