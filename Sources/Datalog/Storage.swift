import TupuKit

// Relation storage: append-only flat tuple arrays with incrementally maintained hash indexes.
//
// Tuples are never removed during evaluation, so "the tuples of iteration k" is an index range;
// semi-naive evaluation reads delta, old and full versions of a relation as ranges of one array.

@inline(__always) func hashKey(_ key: UnsafePointer<Int>, _ count: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(count)
    for i in 0..<count {
        h = (h ^ UInt64(bitPattern: Int64(key[i]))) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
    }
    return h &* 0x94D0_49BB_1331_11EB
}

/// A hash index on a set of key columns. Each distinct key has one slot (`HashSlots`) holding the
/// newest tuple with that key; `next` chains older tuples with the same key (newest first), so a
/// lookup restricted to an index range can skip the newest and stop at the first tuple below the range.
final class HashIndex {
    let columns: [Int]
    /// True for the index on all columns (the set's deduplication): chains have length one.
    let isUnique: Bool
    private var slots = HashSlots()
    private(set) var next: UnsafeMutablePointer<Int32>
    private var nextCapacity = 0

    init(columns: [Int], isUnique: Bool) {
        self.columns = columns
        self.isUnique = isUnique
        next = .allocate(capacity: 1)
    }

    deinit {
        next.deallocate()
    }

    func clear() {
        slots.removeAll()
    }

    /// The newest tuple whose key columns equal `key` (in `columns` order), or -1.
    @inline(__always)
    func find(_ key: UnsafePointer<Int>, hash: UInt64, data: UnsafePointer<Int>, arity: Int) -> Int32 {
        columns.withUnsafeBufferPointer { columns in
            let found = slots.find(hash: hash) { h in
                let tuple = data + h * arity
                for k in 0..<columns.count where tuple[columns[k]] != key[k] { return false }
                return true
            }
            return found.map { Int32($0) } ?? -1
        }
    }

    /// Adds tuple `t` (already stored in `data`).
    func insert(_ t: Int, data: UnsafePointer<Int>, arity: Int, scratch: UnsafeMutablePointer<Int>) {
        let width = columns.count
        let tuple = data + t * arity
        for k in 0..<width { scratch[k] = tuple[columns[k]] }
        let hash = hashKey(scratch, width)
        if !isUnique && t >= nextCapacity { growNext(to: t + 1) }
        let previous = columns.withUnsafeBufferPointer { columns in
            slots.replace(hash: hash, with: t) { h in
                let other = data + h * arity
                for k in 0..<width where other[columns[k]] != scratch[k] { return false }
                return true
            }
        }
        if !isUnique { next[t] = previous.map { Int32($0) } ?? -1 }
    }

    private func growNext(to minimum: Int) {
        let capacity = max(minimum, nextCapacity * 2, 64)
        let fresh = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        if nextCapacity > 0 { fresh.moveInitialize(from: next, count: nextCapacity) }
        next.deallocate()
        next = fresh
        nextCapacity = capacity
    }
}

/// A set of tuples of one arity, stored flat in insertion order.
final class TupleStore {
    let arity: Int
    private(set) var data: UnsafeMutablePointer<Int>
    private var capacity: Int
    private(set) var count = 0
    /// The index on all columns that keeps the set duplicate-free (nil for arity 0).
    let unique: HashIndex?
    /// Indexes on column subsets, created by plans that look tuples up by those columns.
    private(set) var secondary: [HashIndex] = []
    private let scratch: UnsafeMutablePointer<Int>

    init(arity: Int) {
        self.arity = arity
        capacity = 16
        data = .allocate(capacity: max(1, capacity * arity))
        scratch = .allocate(capacity: max(1, arity))
        unique = arity > 0 ? HashIndex(columns: Array(0..<arity), isUnique: true) : nil
    }

    deinit {
        data.deallocate()
        scratch.deallocate()
    }

    /// Index of the tuple equal to `values`, or -1.
    @inline(__always)
    func find(_ values: UnsafePointer<Int>) -> Int {
        guard let unique else { return count > 0 ? 0 : -1 }
        return Int(unique.find(values, hash: hashKey(values, arity), data: data, arity: arity))
    }

    /// Adds the tuple unless present; returns whether it was new.
    @discardableResult
    func insert(_ values: UnsafePointer<Int>) -> Bool {
        guard let unique else {
            if count > 0 { return false }
            count = 1
            return true
        }
        if find(values) >= 0 { return false }
        if count == capacity { growData() }
        (data + count * arity).update(from: values, count: arity)
        unique.insert(count, data: data, arity: arity, scratch: scratch)
        if !secondary.isEmpty {
            for index in secondary { index.insert(count, data: data, arity: arity, scratch: scratch) }
        }
        count += 1
        return true
    }

    func insert(_ values: [Int]) -> Bool {
        values.withUnsafeBufferPointer { insert($0.baseAddress!) }
    }

    /// The index on `columns` (sorted), created and filled on first request.
    func index(on columns: [Int]) -> HashIndex {
        if let unique, columns == unique.columns { return unique }
        if let existing = secondary.first(where: { $0.columns == columns }) { return existing }
        let index = HashIndex(columns: columns, isUnique: false)
        for t in 0..<count { index.insert(t, data: data, arity: arity, scratch: scratch) }
        secondary.append(index)
        return index
    }

    /// Drops tuples from `newCount` on (used to re-evaluate from the base facts).
    func truncate(to newCount: Int) {
        guard newCount < count else { return }
        count = newCount
        for index in (unique.map { [$0] } ?? []) + secondary {
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
