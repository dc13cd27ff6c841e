// Relation storage: one flat array of tuples, in positions that only grow during evaluation, so
// "the tuples of iteration k" is an index range and semi-naive evaluation reads the delta, old and
// full versions of a relation as ranges of one array.
//
// Cells are 4 bytes while every value of the relation fits (8 bytes from the first that does not).
// Two layouts:
// - indexed: a hash on all columns (deduplication) and hash indexes on the column sets plans probe;
//   tuples stay in insertion order, so evaluation ranks (provenance) are ranges;
// - sorted runs: what a recursive relation that is only scanned needs, as Datafrog's `Variable`
//   keeps it. Each batch of derived tuples is sorted, deduplicated and cleared of known tuples by
//   galloping through the existing runs, then appended as a new sorted run; runs of the past
//   (before the delta) merge in place when they grow similar in size, so there are O(log n) of
//   them. A derived tuple then costs its cells, not a hash entry. The base facts before the runs
//   keep their hash (and their insertion order, which `truncate` relies on).

import Foundation
import TupuKit

/// The integer types tuple cells are stored in.
protocol TupleCell: FixedWidthInteger, SignedInteger {}
extension Int32: TupleCell {}
extension Int: TupleCell {}

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

    /// Empties the index and gives its memory back.
    func reset() {
        slots = HashSlots()
    }

    /// The newest tuple whose key columns equal `key` (in `columns` order), or -1.
    @inline(__always)
    func find<C: TupleCell>(_ key: UnsafePointer<Int>, hash: UInt64, data: UnsafePointer<C>, arity: Int) -> Int32 {
        columns.withUnsafeBufferPointer { columns in
            let found = slots.find(hash: hash) { h in
                let tuple = data + h * arity
                for k in 0..<columns.count where Int(tuple[columns[k]]) != key[k] { return false }
                return true
            }
            return found.map { Int32($0) } ?? -1
        }
    }

    /// Adds tuple `t` (already stored in `data`).
    func insert<C: TupleCell>(_ t: Int, data: UnsafePointer<C>, arity: Int, scratch: UnsafeMutablePointer<Int>) {
        let width = columns.count
        let tuple = data + t * arity
        for k in 0..<width { scratch[k] = Int(tuple[columns[k]]) }
        let hash = hashKey(scratch, width)
        if !isUnique && t >= nextCapacity { growNext(to: t + 1) }
        let previous = columns.withUnsafeBufferPointer { columns in
            slots.replace(hash: hash, with: t) { h in
                let other = data + h * arity
                for k in 0..<width where Int(other[columns[k]]) != scratch[k] { return false }
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

/// A set of tuples of one arity, stored flat (see the top of the file for the two layouts).
final class TupleStore {
    let arity: Int
    /// `count * arity` cells: `Int32` or, when `isWide`, `Int`.
    private(set) var cells: UnsafeMutableRawPointer
    private(set) var isWide = false
    private var capacity: Int
    private(set) var count = 0
    /// The index on all columns that keeps the set duplicate-free (nil for arity 0). It covers the
    /// tuples before `hashedEnd`: all of them in the indexed layout, the base facts in the other.
    let unique: HashIndex?
    private(set) var hashedEnd = 0
    /// Indexes on column subsets, created by plans that look tuples up by those columns.
    private(set) var secondary: [HashIndex] = []
    /// True in the sorted-runs layout; the runs are `[hashedEnd, runEnds[0])`, `[runEnds[0], runEnds[1])`, ….
    private(set) var keepsRuns = false
    private(set) var runEnds: [Int] = []
    /// Once the store holds this many tuples, `add` switches to sorted runs (nil: stays indexed).
    /// Small relations keep the hash: probing it beats galloping through runs.
    private var runsFrom: Int?
    /// The tuples before it (the base facts) keep their hash and order when the store switches.
    private var runsFloor = 0
    /// Room to sort and merge runs in.
    private let spare = SpareBuffer()
    private let scratch: UnsafeMutablePointer<Int>

    init(arity: Int) {
        self.arity = arity
        capacity = 16
        cells = malloc(max(1, capacity * arity) * MemoryLayout<Int32>.stride)!
        cells.bindMemory(to: Int32.self, capacity: max(1, capacity * arity))
        scratch = .allocate(capacity: max(1, arity))
        unique = arity > 0 ? HashIndex(columns: Array(0..<arity), isUnique: true) : nil
    }

    deinit {
        free(cells)
        for part in setAside { free(part.cells) }
        scratch.deallocate()
    }

    @inline(__always) var narrowCells: UnsafeMutablePointer<Int32> { cells.assumingMemoryBound(to: Int32.self) }
    @inline(__always) var wideCells: UnsafeMutablePointer<Int> { cells.assumingMemoryBound(to: Int.self) }

    /// Column `c` of tuple `t`.
    @inline(__always) func value(_ t: Int, _ c: Int) -> Int {
        isWide ? wideCells[t * arity + c] : Int(narrowCells[t * arity + c])
    }

    /// The values of tuple `t`.
    func values(_ t: Int) -> [Int] { (0..<arity).map { value(t, $0) } }

    /// Index of the tuple equal to `values`, or -1.
    @inline(__always)
    func find(_ values: UnsafePointer<Int>) -> Int {
        guard let unique else { return count > 0 ? 0 : -1 }
        if isWide {
            let t = Int(unique.find(values, hash: hashKey(values, arity), data: wideCells, arity: arity))
            return t >= 0 || !keepsRuns ? t : findInRuns(values, wideCells)
        }
        let t = Int(unique.find(values, hash: hashKey(values, arity), data: narrowCells, arity: arity))
        return t >= 0 || !keepsRuns ? t : findInRuns(values, narrowCells)
    }

    private func findInRuns<C: TupleCell>(_ values: UnsafePointer<Int>, _ data: UnsafePointer<C>) -> Int {
        var start = hashedEnd
        for end in runEnds {
            let t = SortedRuns.gallop(data, arity: arity, from: start, to: end, target: values)
            if t < end && SortedRuns.compare(data + t * arity, values, arity) == 0 { return t }
            start = end
        }
        return -1
    }

    /// Adds the tuple unless present; returns whether it was new. Switches to the indexed layout.
    @discardableResult
    func insert(_ values: UnsafePointer<Int>) -> Bool {
        guard unique != nil else {
            if count > 0 { return false }
            count = 1
            return true
        }
        if keepsRuns { useIndexes() }
        if find(values) >= 0 { return false }
        if !isWide && !SortedRuns.fitNarrow(values, count: arity) { widen() }
        reserve(count + 1)
        if isWide {
            (wideCells + count * arity).update(from: values, count: arity)
            addToIndexes(count, wideCells)
        } else {
            let tuple = narrowCells + count * arity
            for c in 0..<arity { tuple[c] = Int32(truncatingIfNeeded: values[c]) }
            addToIndexes(count, narrowCells)
        }
        count += 1
        hashedEnd = count
        return true
    }

    func insert(_ values: [Int]) -> Bool {
        values.withUnsafeBufferPointer { insert($0.baseAddress!) }
    }

    private func addToIndexes<C: TupleCell>(_ t: Int, _ data: UnsafePointer<C>) {
        unique?.insert(t, data: data, arity: arity, scratch: scratch)
        for index in secondary { index.insert(t, data: data, arity: arity, scratch: scratch) }
    }

    /// Adds `pending` (tuples of `arity` values, flat, duplicates allowed) and the tuples set aside
    /// since the last call, and empties `pending`; returns how many were new. In the sorted-runs
    /// layout the new ones become one sorted run after the existing tuples.
    func add(_ pending: inout [Int]) -> Int {
        defer { pending.removeAll(keepingCapacity: true) }
        guard keepsRuns else {
            let width = max(1, arity)
            return pending.withUnsafeBufferPointer { buffer in
                var added = 0
                var i = 0
                while i < buffer.count {
                    if insert(buffer.baseAddress! + i) { added += 1 }
                    i += width
                }
                return added
            }
        }
        setAside(&pending)
        // Values too wide for the cells: widen them now that no plan reads them.
        if !isWide && setAside.contains(where: \.isWide) { widen() }
        let total = setAside.reduce(0) { $0 + $1.count }
        guard total > 0 else { return 0 }
        reserve(count + total)
        let added = isWide ? appendSetAside(wideCells) : appendSetAside(narrowCells)
        if added > 0 {
            count += added
            runEnds.append(count)
        }
        return added
    }

    /// Moves the set-aside batches (each sorted, without duplicates, none stored yet) after the
    /// last tuple and merges them into one run.
    private func appendSetAside<C: TupleCell>(_ data: UnsafeMutablePointer<C>) -> Int {
        let batch = data + count * arity
        let parts = setAside.count
        let n = moveSetAside(into: batch)
        setAside = []
        setAsideValues = 0
        guard parts > 1 else { return n }
        SortedRuns.sort(batch, count: n, arity: arity, spare: spare)
        return SortedRuns.deduplicate(batch, count: n, arity: arity)
    }

    /// Sorts and deduplicates `n` tuples at `batch`, then removes those already stored; returns how
    /// many remain (at the start of `batch`). The stored tuples are read from `data`.
    private func distinctNew<B: TupleCell, C: TupleCell>(_ batch: UnsafeMutablePointer<B>, _ n: Int, _ data: UnsafePointer<C>) -> Int {
        SortedRuns.sort(batch, count: n, arity: arity, spare: spare)
        var kept = SortedRuns.deduplicate(batch, count: n, arity: arity)
        var start = hashedEnd
        for end in runEnds {
            kept = SortedRuns.remove(batch, count: kept, arity: arity, present: data, from: start, to: end)
            start = end
        }
        if hashedEnd > 0, let unique {
            var w = 0
            for r in 0..<kept {
                let tuple = batch + r * arity
                for c in 0..<arity { scratch[c] = Int(tuple[c]) }
                if unique.find(scratch, hash: hashKey(scratch, arity), data: data, arity: arity) >= 0 { continue }
                if w != r { (batch + w * arity).update(from: tuple, count: arity) }
                w += 1
            }
            kept = w
        }
        return kept
    }

    /// In the sorted-runs layout, while a plan runs: shrinks `pending` (flat tuples) to its distinct
    /// tuples not yet stored and moves them into a batch of the store's cell width, set aside for
    /// `add` (Datafrog's `to_add`), so the pending buffer stays small.
    func setAside(_ pending: inout [Int]) {
        guard keepsRuns, arity > 0, !pending.isEmpty else { return }
        let n = pending.count / arity
        let kept = pending.withUnsafeMutableBufferPointer { buffer in
            isWide ? distinctNew(buffer.baseAddress!, n, wideCells) : distinctNew(buffer.baseAddress!, n, narrowCells)
        }
        pending.removeLast((n - kept) * arity)
        guard kept > 0 else { return }
        // A value too wide for the cells makes a wide batch: the cells cannot widen while a plan reads them.
        let wide = pending.withUnsafeBufferPointer { isWide || !SortedRuns.fitNarrow($0.baseAddress!, count: $0.count) }
        let cells = malloc(kept * arity * (wide ? MemoryLayout<Int>.stride : MemoryLayout<Int32>.stride))!
        pending.withUnsafeBufferPointer { values in
            if wide {
                SortedRuns.convert(values.baseAddress!, values.count, into: cells.bindMemory(to: Int.self, capacity: values.count))
            } else {
                SortedRuns.convert(values.baseAddress!, values.count, into: cells.bindMemory(to: Int32.self, capacity: values.count))
            }
        }
        setAside.append((cells, kept, wide))
        setAsideValues += kept * arity
        pending.removeAll(keepingCapacity: true)
    }

    /// Merges the set-aside batches into one without duplicates, so `setAsideValues` is exact.
    func consolidateSetAside() {
        guard setAside.count > 1 else { return }
        let wide = setAside.contains { $0.isWide }
        let tuples = setAside.reduce(0) { $0 + $1.count }
        let cells = malloc(tuples * arity * (wide ? MemoryLayout<Int>.stride : MemoryLayout<Int32>.stride))!
        let values = tuples * arity
        let kept: Int
        if wide {
            kept = merged(into: cells.bindMemory(to: Int.self, capacity: values))
        } else {
            kept = merged(into: cells.bindMemory(to: Int32.self, capacity: values))
        }
        setAside = [(cells, kept, wide)]
        setAsideValues = kept * arity
    }

    /// Copies the set-aside batches, one after another, to `target` in its cell width and frees
    /// them; returns how many tuples were copied (the list itself is left to the caller).
    private func moveSetAside<C: TupleCell>(into target: UnsafeMutablePointer<C>) -> Int {
        var n = 0
        for part in setAside {
            if part.isWide {
                SortedRuns.convert(part.cells.assumingMemoryBound(to: Int.self), part.count * arity, into: target + n * arity)
            } else {
                SortedRuns.convert(part.cells.assumingMemoryBound(to: Int32.self), part.count * arity, into: target + n * arity)
            }
            n += part.count
            free(part.cells)
        }
        return n
    }

    private func merged<C: TupleCell>(into target: UnsafeMutablePointer<C>) -> Int {
        let n = moveSetAside(into: target)
        SortedRuns.sort(target, count: n, arity: arity, spare: spare)
        return SortedRuns.deduplicate(target, count: n, arity: arity)
    }

    /// Values set aside since the last `add` (batches may share tuples: an upper bound).
    private(set) var setAsideValues = 0
    private var setAside: [(cells: UnsafeMutableRawPointer, count: Int, isWide: Bool)] = []

    /// Lets `settle` switch to the sorted-runs layout once the store holds `threshold` tuples; the
    /// tuples stored now (the base facts) keep their hash and their order, which `truncate` needs.
    /// Nothing changes for a relation that plans probe by some columns.
    func useSortedRuns(from threshold: Int) {
        guard arity > 0, secondary.isEmpty, !keepsRuns else { return }
        runsFrom = threshold
        runsFloor = count
    }

    /// The switch: the derived tuples become sorted runs, one per semi-naive range (old, delta),
    /// and leave the hash, which keeps the base facts only.
    private func sortIntoRuns(stableEnd: Int, deltaEnd: Int) {
        var ends: [Int] = []
        for end in [stableEnd, deltaEnd, count] where end > (ends.last ?? runsFloor) { ends.append(end) }
        var start = runsFloor
        for end in ends {
            if isWide {
                SortedRuns.sort(wideCells + start * arity, count: end - start, arity: arity, spare: spare)
            } else {
                SortedRuns.sort(narrowCells + start * arity, count: end - start, arity: arity, spare: spare)
            }
            start = end
        }
        runEnds = ends
        keepsRuns = true
        hashedEnd = runsFloor
        guard let unique else { return }
        unique.reset()
        for t in 0..<hashedEnd {
            if isWide {
                unique.insert(t, data: wideCells, arity: arity, scratch: scratch)
            } else {
                unique.insert(t, data: narrowCells, arity: arity, scratch: scratch)
            }
        }
    }

    /// Switches to the indexed layout: hashes the tuples of the runs, in their current positions.
    func useIndexes() {
        runsFrom = nil
        spare.release()
        guard keepsRuns else { return }
        for t in hashedEnd..<count {
            if isWide { addToIndexes(t, wideCells) } else { addToIndexes(t, narrowCells) }
        }
        hashedEnd = count
        keepsRuns = false
        runEnds = []
    }

    /// Frees the memory kept for sorting (evaluation of the relation is over).
    func releaseSpare() { spare.release() }

    /// After the semi-naive versions moved (see `settle(stableEnd:deltaEnd:)`).
    func settle(_ versions: SemiNaiveVersions) {
        settle(stableEnd: versions.stableEnd, deltaEnd: versions.recentEnd)
    }

    /// After the semi-naive ranges moved: the runs of the delta `[stableEnd, deltaEnd)` merge into
    /// one, and the last runs before `stableEnd` merge while the older is at most twice the newer.
    func settle(stableEnd: Int, deltaEnd: Int) {
        if let runsFrom, !keepsRuns, count >= runsFrom, secondary.isEmpty {
            sortIntoRuns(stableEnd: stableEnd, deltaEnd: deltaEnd)
        }
        guard keepsRuns, runEnds.count > 1 else { return }
        /// Merges the run ending at `end` with the ones before it that start at or after `floor`,
        /// while `condition(older size, newer size)` holds.
        func mergeLast(endingAt end: Int, floor: Int, while condition: (_ older: Int, _ newer: Int) -> Bool) {
            guard var k = runEnds.firstIndex(of: end) else { return }
            while k >= 1 {
                let newerStart = runEnds[k - 1]
                let olderStart = k >= 2 ? runEnds[k - 2] : hashedEnd
                guard olderStart >= floor, condition(newerStart - olderStart, end - newerStart) else { break }
                if isWide {
                    SortedRuns.mergeAdjacent(wideCells, arity: arity, olderStart, newerStart, end, spare: spare)
                } else {
                    SortedRuns.mergeAdjacent(narrowCells, arity: arity, olderStart, newerStart, end, spare: spare)
                }
                runEnds.remove(at: k - 1)
                k -= 1
            }
        }
        if deltaEnd > stableEnd { mergeLast(endingAt: deltaEnd, floor: stableEnd) { _, _ in true } }
        if stableEnd > hashedEnd { mergeLast(endingAt: stableEnd, floor: hashedEnd) { older, newer in older <= 2 * newer } }
    }

    /// The index on `columns` (sorted), created and filled on first request.
    func index(on columns: [Int]) -> HashIndex {
        useIndexes()
        if let unique, columns == unique.columns { return unique }
        if let existing = secondary.first(where: { $0.columns == columns }) { return existing }
        let index = HashIndex(columns: columns, isUnique: false)
        for t in 0..<count {
            if isWide {
                index.insert(t, data: wideCells, arity: arity, scratch: scratch)
            } else {
                index.insert(t, data: narrowCells, arity: arity, scratch: scratch)
            }
        }
        secondary.append(index)
        return index
    }

    /// Drops tuples from `newCount` on (used to re-evaluate from the base facts).
    func truncate(to newCount: Int) {
        // Batches of a run that failed.
        for part in setAside { free(part.cells) }
        setAside = []
        setAsideValues = 0
        guard newCount < count else { return }
        if keepsRuns && newCount >= hashedEnd && (newCount == hashedEnd || runEnds.contains(newCount)) {
            count = newCount
            runEnds.removeAll { $0 > newCount }
            return
        }
        useIndexes()
        count = newCount
        hashedEnd = newCount
        for index in (unique.map { [$0] } ?? []) + secondary {
            index.clear()
            for t in 0..<count {
                if isWide {
                    index.insert(t, data: wideCells, arity: arity, scratch: scratch)
                } else {
                    index.insert(t, data: narrowCells, arity: arity, scratch: scratch)
                }
            }
        }
    }

    /// Room for `tuples` tuples. `realloc` moves large blocks by remapping pages, without a copy.
    private func reserve(_ tuples: Int) {
        guard tuples > capacity else { return }
        let newCapacity = max(tuples, capacity * 2)
        let size = isWide ? MemoryLayout<Int>.stride : MemoryLayout<Int32>.stride
        cells = realloc(cells, max(1, newCapacity * arity) * size)!
        capacity = newCapacity
    }

    /// Switches to 8-byte cells (a value does not fit in 32 bits), converting in place from the end:
    /// cell i moves to bytes 8i…8i+7, which only hold cells at or after i.
    private func widen() {
        let narrow = count * arity
        cells = realloc(cells, max(1, capacity * arity) * MemoryLayout<Int>.stride)!
        for i in stride(from: narrow - 1, through: 0, by: -1) {
            let v = cells.load(fromByteOffset: i * MemoryLayout<Int32>.stride, as: Int32.self)
            cells.storeBytes(of: Int(v), toByteOffset: i * MemoryLayout<Int>.stride, as: Int.self)
        }
        cells.bindMemory(to: Int.self, capacity: max(1, capacity * arity))
        isWide = true
    }
}

/// Memory for sorting and merging, kept between batches: allocating it each time costs page faults.
final class SpareBuffer {
    private var memory: UnsafeMutableRawPointer?
    private var bytes = 0

    deinit { free(memory) }

    /// Room for `count` values of type `C` (contents undefined).
    func take<C: TupleCell>(_ count: Int, as type: C.Type) -> UnsafeMutablePointer<C> {
        let needed = max(1, count) * MemoryLayout<C>.stride
        if needed > bytes {
            free(memory)
            bytes = max(needed, bytes + bytes / 2)
            memory = malloc(bytes)!
        }
        return memory!.bindMemory(to: C.self, capacity: max(1, count))
    }

    func release() {
        free(memory)
        memory = nil
        bytes = 0
    }
}

/// Sorted batches of flat tuples: lexicographic order on the cells' signed values.
enum SortedRuns {
    @inline(__always) static func fitNarrow(_ values: UnsafePointer<Int>, count: Int) -> Bool {
        for i in 0..<count where Int(Int32(truncatingIfNeeded: values[i])) != values[i] { return false }
        return true
    }

    static func convert<A: TupleCell, B: TupleCell>(_ source: UnsafePointer<A>, _ count: Int, into target: UnsafeMutablePointer<B>) {
        for i in 0..<count { target[i] = B(truncatingIfNeeded: source[i]) }
    }

    @inline(__always)
    static func compare<A: TupleCell, B: TupleCell>(_ a: UnsafePointer<A>, _ b: UnsafePointer<B>, _ arity: Int) -> Int {
        for c in 0..<arity {
            let x = Int(a[c])
            let y = Int(b[c])
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// The first position in `[from, to)` of sorted `data` whose tuple is not below `target`:
    /// exponential steps from `from`, then a binary search, so a sorted sequence of targets costs
    /// little more than the distance it moves.
    @inline(__always)
    static func gallop<C: TupleCell, T: TupleCell>(
        _ data: UnsafePointer<C>, arity: Int, from: Int, to: Int, target: UnsafePointer<T>
    ) -> Int {
        var lo = from
        if lo >= to || compare(data + lo * arity, target, arity) >= 0 { return lo }
        var step = 1
        while lo + step < to && compare(data + (lo + step) * arity, target, arity) < 0 {
            lo += step
            step <<= 1
        }
        var low = lo + 1
        var high = min(lo + step, to)
        while low < high {
            let mid = (low + high) >> 1
            if compare(data + mid * arity, target, arity) < 0 { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Sorts `count` tuples in place: least significant digit radix sort over the cells, one byte
    /// at a time, skipping the bytes that are the same in every tuple (most, for small values).
    static func sort<C: TupleCell>(_ data: UnsafeMutablePointer<C>, count n: Int, arity: Int, spare: SpareBuffer) {
        guard n > 1, arity > 0 else { return }
        if n <= 32 {
            insertionSort(data, count: n, arity: arity)
            return
        }
        let bias = Int64(C.min)
        @inline(__always) func key(_ x: C) -> UInt64 { UInt64(bitPattern: Int64(x) &- bias) }
        // A byte varies when some tuple has a 1 bit there that another lacks.
        let seen = UnsafeMutablePointer<UInt64>.allocate(capacity: 2 * arity)
        defer { seen.deallocate() }
        for c in 0..<arity {
            seen[2 * c] = 0
            seen[2 * c + 1] = ~0
        }
        for r in 0..<n {
            for c in 0..<arity {
                let u = key(data[r * arity + c])
                seen[2 * c] |= u
                seen[2 * c + 1] &= u
            }
        }
        var passes: [(column: Int, shift: UInt64)] = []
        for c in (0..<arity).reversed() {
            let varying = seen[2 * c] ^ seen[2 * c + 1]
            for d in 0..<(C.bitWidth / 8) where (varying >> UInt64(8 * d)) & 255 != 0 { passes.append((c, UInt64(8 * d))) }
        }
        guard !passes.isEmpty else { return }
        let temp = spare.take(n * arity, as: C.self)
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 256)
        defer { counts.deallocate() }
        var source = data
        var target = temp
        for (c, shift) in passes {
            counts.initialize(repeating: 0, count: 256)
            for r in 0..<n { counts[Int((key(source[r * arity + c]) >> shift) & 255)] += 1 }
            var sum = 0
            for b in 0..<256 {
                let k = counts[b]
                counts[b] = sum
                sum += k
            }
            for r in 0..<n {
                let tuple = source + r * arity
                let b = Int((key(tuple[c]) >> shift) & 255)
                (target + counts[b] * arity).update(from: tuple, count: arity)
                counts[b] += 1
            }
            swap(&source, &target)
        }
        if source != data { data.update(from: source, count: n * arity) }
    }

    private static func insertionSort<C: TupleCell>(_ data: UnsafeMutablePointer<C>, count n: Int, arity: Int) {
        let held = UnsafeMutablePointer<C>.allocate(capacity: arity)
        defer { held.deallocate() }
        for i in 1..<n {
            held.update(from: data + i * arity, count: arity)
            var j = i
            while j > 0 && compare(data + (j - 1) * arity, held, arity) > 0 {
                (data + j * arity).update(from: data + (j - 1) * arity, count: arity)
                j -= 1
            }
            (data + j * arity).update(from: held, count: arity)
        }
    }

    /// Drops repeated tuples of a sorted batch; returns the new count.
    static func deduplicate<C: TupleCell>(_ data: UnsafeMutablePointer<C>, count n: Int, arity: Int) -> Int {
        guard n > 1 else { return n }
        var w = 1
        for r in 1..<n where compare(data + r * arity, data + (w - 1) * arity, arity) != 0 {
            if w != r { (data + w * arity).update(from: data + r * arity, count: arity) }
            w += 1
        }
        return w
    }

    /// Drops from the sorted `batch` the tuples of the sorted run `present[from..<to]`; returns the new count.
    static func remove<B: TupleCell, C: TupleCell>(
        _ batch: UnsafeMutablePointer<B>, count n: Int, arity: Int, present: UnsafePointer<C>, from: Int, to: Int
    ) -> Int {
        var position = from
        var w = 0
        for r in 0..<n {
            let tuple = batch + r * arity
            position = gallop(present, arity: arity, from: position, to: to, target: tuple)
            if position < to && compare(present + position * arity, tuple, arity) == 0 { continue }
            if w != r { (batch + w * arity).update(from: tuple, count: arity) }
            w += 1
        }
        return w
    }

    /// Merges the adjacent sorted runs `[a, b)` and `[b, c)` (disjoint sets) into one sorted run
    /// `[a, c)`, with a copy of the smaller run only.
    static func mergeAdjacent<C: TupleCell>(
        _ data: UnsafeMutablePointer<C>, arity: Int, _ a: Int, _ b: Int, _ c: Int, spare: SpareBuffer
    ) {
        guard c > b, b > a else { return }
        // Already in order: nothing moves.
        if compare(data + (b - 1) * arity, data + b * arity, arity) < 0 { return }
        if c - b <= b - a {
            // The newer run is copied out; merging from the end writes at or after what is left to read.
            let newer = c - b
            let copy = spare.take(newer * arity, as: C.self)
            copy.update(from: data + b * arity, count: newer * arity)
            var i = b - 1
            var j = newer - 1
            var w = c - 1
            while j >= 0 {
                if i >= a && compare(data + i * arity, copy + j * arity, arity) > 0 {
                    (data + w * arity).update(from: data + i * arity, count: arity)
                    i -= 1
                } else {
                    (data + w * arity).update(from: copy + j * arity, count: arity)
                    j -= 1
                }
                w -= 1
            }
        } else {
            // The older run is copied out; merging from the start writes at or before what is left to read.
            let older = b - a
            let copy = spare.take(older * arity, as: C.self)
            copy.update(from: data + a * arity, count: older * arity)
            var i = 0
            var j = b
            var w = a
            while i < older {
                if j < c && compare(data + j * arity, copy + i * arity, arity) < 0 {
                    (data + w * arity).update(from: data + j * arity, count: arity)
                    j += 1
                } else {
                    (data + w * arity).update(from: copy + i * arity, count: arity)
                    i += 1
                }
                w += 1
            }
        }
    }
}
