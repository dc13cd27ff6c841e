import TupuKit

/// Finds every occurrence of many patterns at once (Aho–Corasick) over Unicode scalars.
///
/// The speed does not depend on the number of patterns: scalars are first mapped to a dense
/// alphabet (a table lookup for the Basic Multilingual Plane), and the trie is packed as a
/// double array, so each transition is two array reads (`base[state] + symbol`, then a check that
/// the cell belongs to `state`). Base and check share a cell, so following an edge reads the next
/// state's base from the cache line already loaded. Failure links make the scan linear; output
/// links list every pattern ending at a position, longest first.
public final class ScalarMatcher: Sendable {
    public struct Match: Sendable, Hashable {
        /// Scalar offsets: the match is `start..<end`.
        public let start: Int
        public let end: Int
        /// Index of the pattern in the list given to `init`.
        public let pattern: Int

        public init(start: Int, end: Int, pattern: Int) {
            self.start = start
            self.end = end
            self.pattern = pattern
        }
    }

    struct Cell {
        var base: Int32
        var check: Int32
    }

    /// What the scan reads of a state, in one 16-byte cell: a transition lands on the target's cell
    /// and finds there its check, the output to report and (on the next scalar) its base and
    /// failure link, one cache line where three arrays cost three.
    struct ScanCell {
        var base: Int32
        var check: Int32
        var firstOutput: Int32
        var failure: Int32
    }

    /// Symbol of each BMP scalar (0: occurs in no pattern). Two bytes a scalar: the table is read
    /// at every scalar of every text, and at 128 KB it crowds the caches half as much.
    private let symbolOfBMP: [UInt16]
    /// Symbols of scalars beyond the BMP (rare in Chinese text).
    private let symbolOfAstral: [UInt32: Int32]
    /// Per state: base and check of the double array; the state itself if a pattern ends there, else
    /// the nearest failure ancestor where one does (-1 none); the failure link.
    private let cells: [ScanCell]
    /// For a state with a pattern: the next shorter state with a pattern (-1 none).
    private let nextOutput: [Int32]
    /// Pattern ending at each state (-1 none); duplicates of a pattern chain through `samePattern`.
    private let patternAt: [Int32]
    private let samePattern: [Int32]
    private let depth: [Int32]
    /// A bit per hashed pair of scalars that starts some pattern, 2^20 of them (128 KB, which stays
    /// in the cache); and, if some pattern is a single scalar, a bit per such scalar's low 16 bits.
    /// Both may say yes wrongly (the trie walk settles it), never no wrongly.
    private let startingPairs: [UInt64]
    private let singleScalars: [UInt64]

    public let patternCount: Int

    /// Cells of the double array, free ones included (how tightly the trie is packed).
    var cellCount: Int { cells.count }

    public init(patterns: [String]) {
        patternCount = patterns.count
        // Every pattern's scalars in one pool, decoded once: pattern i is
        // `scalars[wordStart[i]..<wordStart[i + 1]]` (no array per pattern).
        var scalars: [UInt32] = []
        scalars.reserveCapacity(patterns.count * 4)
        var wordStart: [Int32] = [0]
        wordStart.reserveCapacity(patterns.count + 1)
        for pattern in patterns {
            var pattern = pattern
            pattern.withUTF8 { Self.appendScalars(of: $0, to: &scalars) }
            wordStart.append(Int32(scalars.count))
        }

        // Dense alphabet, most frequent scalar first so busy states pack tightly; BMP scalars
        // before the others, so that their symbols (at most 63,488 of them) fit in two bytes.
        var countOfBMP = [Int32](repeating: 0, count: 0x10000)
        var countOfAstral: [UInt32: Int32] = [:]
        for value in scalars {
            if value < 0x10000 { countOfBMP[Int(value)] += 1 } else { countOfAstral[value, default: 0] += 1 }
        }
        var used: [(value: UInt32, count: Int32)] = []
        for value in 0..<0x10000 where countOfBMP[value] > 0 { used.append((UInt32(value), countOfBMP[value])) }
        for (value, count) in countOfAstral { used.append((value, count)) }
        let alphabet = used.sorted { a, b in
            if (a.value < 0x10000) != (b.value < 0x10000) { return a.value < 0x10000 }
            return a.count != b.count ? a.count > b.count : a.value < b.value
        }.map(\.value)
        var startingPairs = [UInt64](repeating: 0, count: 1 << 14)
        var singleScalars: [UInt64] = []
        for i in patterns.indices {
            let start = Int(wordStart[i])
            let end = Int(wordStart[i + 1])
            if end - start >= 2 {
                let bit = Self.pairBit(scalars[start], scalars[start + 1])
                startingPairs[bit >> 6] |= 1 << UInt64(bit & 63)
            } else if end - start == 1 {
                if singleScalars.isEmpty { singleScalars = [UInt64](repeating: 0, count: 1 << 10) }
                singleScalars[Int(scalars[start] & 0xFFFF) >> 6] |= 1 << UInt64(scalars[start] & 63)
            }
        }
        self.startingPairs = startingPairs
        self.singleScalars = singleScalars

        var symbolOfBMP = [UInt16](repeating: 0, count: 0x10000)
        var symbolOfAstral: [UInt32: Int32] = [:]
        for (index, value) in alphabet.enumerated() {
            if value < 0x10000 { symbolOfBMP[Int(value)] = UInt16(index + 1) } else { symbolOfAstral[value] = Int32(index + 1) }
        }

        // The build's loops run once per trie node or edge; they work on buffers allocated here
        // and freed on return, where arrays would check bounds and uniqueness at every access.

        // 1. A plain trie: nodes numbered as created, each found as its parent's child by the
        //    hash of (parent, symbol), the node itself holding both.
        var edges = HashSlots(minimumCapacity: scalars.count + 1)
        let nodes = UnsafeMutableBufferPointer<TrieNode>.allocate(capacity: scalars.count + 1)
        defer { nodes.deallocate() }
        nodes[0] = TrieNode(parent: -1, symbol: 0, pattern: -1, depth: 0)
        var nodeCount = 1
        var samePattern = [Int32](repeating: -1, count: patterns.count)
        scalars.withUnsafeBufferPointer { scalars in
            symbolOfBMP.withUnsafeBufferPointer { symbolOfBMP in
                for patternIndex in patterns.indices where wordStart[patternIndex] < wordStart[patternIndex + 1] {
                    var node: Int32 = 0
                    for position in Int(wordStart[patternIndex])..<Int(wordStart[patternIndex + 1]) {
                        let value = scalars[position]
                        let s = value < 0x10000 ? Int32(symbolOfBMP[Int(value)]) : symbolOfAstral[value] ?? 0
                        let key = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: s))
                        let child = Int32(
                            edges.findOrInsert(hash: ByteHash.hash(key), position: nodeCount) { nodes[$0].parent == node && nodes[$0].symbol == s })
                        if child == nodeCount {
                            nodes[nodeCount] = TrieNode(parent: node, symbol: s, pattern: -1, depth: nodes[Int(node)].depth + 1)
                            nodeCount += 1
                        }
                        node = child
                    }
                    let existing = nodes[Int(node)].pattern
                    if existing < 0 {
                        nodes[Int(node)].pattern = Int32(patternIndex)
                    } else {
                        var last = Int(existing)
                        while samePattern[last] >= 0 { last = Int(samePattern[last]) }
                        samePattern[last] = Int32(patternIndex)
                    }
                }
            }
        }

        // Children of each node, sorted by symbol: node n's are `children[childStart[n]..<childStart[n + 1]]`.
        let childStart = UnsafeMutableBufferPointer<Int32>.allocate(capacity: nodeCount + 1)
        defer { childStart.deallocate() }
        childStart.initialize(repeating: 0)
        for node in 1..<nodeCount { childStart[Int(nodes[node].parent) + 1] += 1 }
        for node in 0..<nodeCount { childStart[node + 1] += childStart[node] }
        let children = UnsafeMutableBufferPointer<Int32>.allocate(capacity: nodeCount)
        defer { children.deallocate() }
        let childSymbols = UnsafeMutableBufferPointer<Int32>.allocate(capacity: nodeCount)
        defer { childSymbols.deallocate() }
        do {
            let filled = UnsafeMutableBufferPointer<Int32>.allocate(capacity: nodeCount)
            defer { filled.deallocate() }
            for node in 0..<nodeCount { filled[node] = childStart[node] }
            for node in 1..<nodeCount {
                let parent = Int(nodes[node].parent)
                children[Int(filled[parent])] = Int32(node)
                filled[parent] += 1
            }
        }
        for node in 0..<nodeCount where childStart[node + 1] - childStart[node] > 1 {
            let group = Int(childStart[node])..<Int(childStart[node + 1])
            if group.count <= 16 {
                // Insertion sort: nearly every node has a handful of children.
                for i in group.dropFirst() {
                    let child = children[i]
                    let symbol = nodes[Int(child)].symbol
                    var j = i
                    while j > group.lowerBound, nodes[Int(children[j - 1])].symbol > symbol {
                        children[j] = children[j - 1]
                        j -= 1
                    }
                    children[j] = child
                }
            } else {
                var members = UnsafeMutableBufferPointer(rebasing: children[group])
                members.sort { nodes[Int($0)].symbol < nodes[Int($1)].symbol }
            }
        }
        for i in 0..<(nodeCount - 1) { childSymbols[i] = nodes[Int(children[i])].symbol }

        // 2. Pack into a double array, breadth first; `stateOf[trie node]` is its cell.
        var packer = DoubleArrayPacker(alphabetSize: alphabet.count, expectedStates: nodeCount)
        let stateOf = UnsafeMutableBufferPointer<Int32>.allocate(capacity: nodeCount)
        defer { stateOf.deallocate() }
        let queue = UnsafeMutableBufferPointer<Int32>.allocate(capacity: nodeCount)
        defer { queue.deallocate() }
        stateOf[0] = 0
        queue[0] = 0
        var queued = 1
        for head in 0..<nodeCount {  // every node is queued once, parents first
            let node = Int(queue[head])
            let group = Int(childStart[node])..<Int(childStart[node + 1])
            guard !group.isEmpty else { continue }
            let base = packer.place(UnsafeBufferPointer(rebasing: childSymbols[group]), parent: Int(stateOf[node]))
            for i in group {
                stateOf[Int(children[i])] = base + childSymbols[i]
                queue[queued] = children[i]
                queued += 1
            }
        }
        // Free cells must never pass the check: -1 is no state.
        let cells = packer.finishedCells()
        let stateCount = cells.count
        var patternAt = [Int32](repeating: -1, count: stateCount)
        var depth = [Int32](repeating: 0, count: stateCount)
        patternAt.withUnsafeMutableBufferPointer { patternAt in
            depth.withUnsafeMutableBufferPointer { depth in
                for node in 0..<nodeCount {
                    let state = Int(stateOf[node])
                    patternAt[state] = nodes[node].pattern
                    depth[state] = nodes[node].depth
                }
            }
        }

        // 3. Failure and output links, breadth first over the trie.
        var failure = [Int32](repeating: 0, count: stateCount)
        var firstOutput = [Int32](repeating: -1, count: stateCount)
        var nextOutput = [Int32](repeating: -1, count: stateCount)
        cells.withUnsafeBufferPointer { cells in
            patternAt.withUnsafeBufferPointer { patternAt in
                failure.withUnsafeMutableBufferPointer { failure in
                    firstOutput.withUnsafeMutableBufferPointer { firstOutput in
                        nextOutput.withUnsafeMutableBufferPointer { nextOutput in
                            for head in 0..<nodeCount {
                                let node = Int(queue[head])
                                let state = stateOf[node]
                                for i in Int(childStart[node])..<Int(childStart[node + 1]) {
                                    let childState = stateOf[Int(children[i])]
                                    var fallback: Int32 = 0
                                    if state != 0 {
                                        var f = failure[Int(state)]
                                        while true {
                                            let target = Int(cells[Int(f)].base + childSymbols[i])
                                            if target < stateCount && cells[target].check == f {
                                                fallback = Int32(target)
                                                break
                                            }
                                            if f == 0 { break }
                                            f = failure[Int(f)]
                                        }
                                    }
                                    failure[Int(childState)] = fallback
                                    let inherited = firstOutput[Int(fallback)]
                                    if patternAt[Int(childState)] >= 0 {
                                        firstOutput[Int(childState)] = childState
                                        nextOutput[Int(childState)] = inherited
                                    } else {
                                        firstOutput[Int(childState)] = inherited
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        self.symbolOfBMP = symbolOfBMP
        self.symbolOfAstral = symbolOfAstral
        self.cells = cells.indices.map {
            ScanCell(
                base: cells[$0].base, check: cells[$0].check,
                firstOutput: firstOutput[$0], failure: failure[$0])
        }
        self.nextOutput = nextOutput
        self.patternAt = patternAt
        self.samePattern = samePattern
        self.depth = depth
    }

    /// Appends the scalars of well-formed UTF-8 (a `String`'s storage).
    private static func appendScalars(of bytes: UnsafeBufferPointer<UInt8>, to scalars: inout [UInt32]) {
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = UInt32(bytes[i])
            if lead < 0x80 {
                scalars.append(lead)
                i += 1
            } else if lead < 0xE0 {
                scalars.append((lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F))
                i += 2
            } else if lead < 0xF0 {
                scalars.append((lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F))
                i += 3
            } else {
                scalars.append(
                    (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                        | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F))
                i += 4
            }
        }
    }

    /// Every occurrence of every pattern (overlapping), ordered by end, then start.
    public func forEachMatch(in text: UnsafeBufferPointer<Unicode.Scalar>, _ body: (Match) -> Void) {
        cells.withUnsafeBufferPointer { cells in
            symbolOfBMP.withUnsafeBufferPointer { symbolOfBMP in
                let cellCount = cells.count
                var state: Int32 = 0
                for position in 0..<text.count {
                    let value = text[position].value
                    let s = value < 0x10000 ? Int32(symbolOfBMP[Int(value)]) : (symbolOfAstral[value] ?? 0)
                    if s == 0 {
                        state = 0
                        continue
                    }
                    while true {
                        let target = Int(cells[Int(state)].base + s)
                        if target < cellCount, cells[target].check == state {
                            state = Int32(target)
                            break
                        }
                        if state == 0 { break }
                        state = cells[Int(state)].failure
                    }
                    var output = cells[Int(state)].firstOutput
                    while output >= 0 {
                        report(output, start: position + 1 - Int(depth[Int(output)]), end: position + 1, body)
                        output = nextOutput[Int(output)]
                    }
                }
            }
        }
    }

    /// Every occurrence of every pattern, the same as `forEachMatch`'s, ordered by start, then end.
    /// The trie is walked from each offset where a pattern can start, and few can: the pair of
    /// scalars there starts no pattern, which a bit in `startingPairs` tells. The automaton's scan
    /// instead reads a cell of the trie at every scalar, and a large gazetteer's cells do not fit
    /// in the cache: for it this is several times faster.
    public func forEachMatchByStart(in text: UnsafeBufferPointer<Unicode.Scalar>, _ body: (Match) -> Void) {
        cells.withUnsafeBufferPointer { cells in
            symbolOfBMP.withUnsafeBufferPointer { symbolOfBMP in
                startingPairs.withUnsafeBufferPointer { startingPairs in
                    singleScalars.withUnsafeBufferPointer { singleScalars in
                        let cellCount = cells.count
                        for start in 0..<text.count {
                            let first = text[start].value
                            var mayStart = false
                            if start + 1 < text.count {
                                let bit = Self.pairBit(first, text[start + 1].value)
                                mayStart = startingPairs[bit >> 6] & 1 << UInt64(bit & 63) != 0
                            }
                            if !mayStart && !singleScalars.isEmpty {
                                mayStart = singleScalars[Int(first & 0xFFFF) >> 6] & 1 << UInt64(first & 63) != 0
                            }
                            guard mayStart else { continue }
                            var state: Int32 = 0
                            var end = start
                            while end < text.count {
                                let value = text[end].value
                                let s = value < 0x10000 ? Int32(symbolOfBMP[Int(value)]) : (symbolOfAstral[value] ?? 0)
                                let target = Int(cells[Int(state)].base + s)
                                guard s != 0, target < cellCount, cells[target].check == state else { break }
                                state = Int32(target)
                                end += 1
                                // A state's first output is itself exactly when a pattern ends there.
                                if cells[target].firstOutput == state { report(state, start: start, end: end, body) }
                            }
                        }
                    }
                }
            }
        }
    }

    public func matchesByStart(in scalars: [Unicode.Scalar]) -> [Match] {
        collect(scalars, forEachMatchByStart)
    }

    /// Where a pair of scalars falls in `startingPairs`: a multiplicative hash to 20 bits.
    @inline(__always)
    static func pairBit(_ first: UInt32, _ second: UInt32) -> Int {
        Int(truncatingIfNeeded: ((UInt64(first) << 21 | UInt64(second)) &* 0x9E37_79B9_7F4A_7C15) >> 44)
    }

    /// Every pattern that ends at `state` (duplicates in the order given), found at `start..<end`.
    private func report(_ state: Int32, start: Int, end: Int, _ body: (Match) -> Void) {
        var pattern = patternAt[Int(state)]
        while pattern >= 0 {
            body(Match(start: start, end: end, pattern: Int(pattern)))
            pattern = samePattern[Int(pattern)]
        }
    }

    public func matches(in scalars: [Unicode.Scalar]) -> [Match] {
        collect(scalars, forEachMatch)
    }

    private func collect(
        _ scalars: [Unicode.Scalar],
        _ scan: (UnsafeBufferPointer<Unicode.Scalar>, (Match) -> Void) -> Void
    ) -> [Match] {
        var result: [Match] = []
        scalars.withUnsafeBufferPointer { buffer in scan(buffer) { result.append($0) } }
        return result
    }

    public func matches(in text: String) -> [Match] {
        matches(in: Array(text.unicodeScalars))
    }
}

/// Finds, for each parent state, a base where all its children's cells are free. Free cells form
/// a doubly linked list, so the search visits only free cells and taking one is O(1).
/// A node with one child takes the first free cell. A node with several children starts its
/// search where the last such node that searched long found room: the prefix behind that point
/// is too full to hold a spread of symbols, and searching it again for every node (or giving up
/// and appending, as this did before) left six empty cells for each used one.
struct DoubleArrayPacker {
    typealias Cell = ScalarMatcher.Cell
    static let free: Int32 = Int32.min
    /// Failed tries for a one-child node before it is placed past the end instead.
    static let patience = 256
    /// Failed tries after which the search for nodes with several children starts further on.
    static let widePatience = 16

    /// Storage sized ahead: cells from `layout.size` on are free and not yet in the free list,
    /// so that growing the layout only links cells, and a placement runs on raw buffers.
    private var cells: [Cell]
    private var nextFree: [Int32]
    private var previousFree: [Int32]
    private var layout = Layout()

    private struct Layout {
        /// Cells in the layout: taken, or free and linked.
        var size = 0
        var firstFree: Int32 = -1
        var lastFree: Int32 = -1
        /// Where nodes with several children start looking (the first free cell from here on).
        var wideStart = 0
    }

    /// `expectedStates`: the number of states to place, to size the storage once.
    init(alphabetSize: Int, expectedStates: Int = 0) {
        let capacity = expectedStates + expectedStates / 2 + 2 * alphabetSize + 16
        cells = [Cell](repeating: Cell(base: 0, check: Self.free), count: capacity)
        nextFree = [Int32](repeating: -1, count: capacity)
        previousFree = [Int32](repeating: -1, count: capacity)
        cells[0].check = 0  // the root's own cell
        layout.size = 1
        nextFree.withUnsafeMutableBufferPointer { next in
            previousFree.withUnsafeMutableBufferPointer { previous in
                _ = Self.grow(to: alphabetSize + 2, next, previous, &layout)
            }
        }
    }

    /// The cells, free ones marked with check -1 so that they never pass a transition's check.
    func finishedCells() -> [Cell] {
        var finished = Array(cells[0..<layout.size])
        finished.withUnsafeMutableBufferPointer { cells in
            for i in cells.indices where cells[i].check == Self.free { cells[i].check = -1 }
        }
        return finished
    }

    /// Places sorted `symbols` under `parent`; returns the base.
    mutating func place(_ symbols: UnsafeBufferPointer<Int32>, parent: Int) -> Int32 {
        while true {
            let base = cells.withUnsafeMutableBufferPointer { cells in
                nextFree.withUnsafeMutableBufferPointer { next in
                    previousFree.withUnsafeMutableBufferPointer { previous in
                        Self.place(symbols, parent: parent, cells, next, previous, &layout)
                    }
                }
            }
            if let base { return base }
            // Out of storage: more, and the search again (the cells added so far stay free).
            let extra = cells.count
            cells.append(contentsOf: repeatElement(Cell(base: 0, check: Self.free), count: extra))
            nextFree.append(contentsOf: repeatElement(-1, count: extra))
            previousFree.append(contentsOf: repeatElement(-1, count: extra))
        }
    }

    /// A base for `symbols` where all their cells are free, taken for `parent`; nil when the
    /// storage is too small.
    private static func place(
        _ symbols: UnsafeBufferPointer<Int32>, parent: Int, _ cells: UnsafeMutableBufferPointer<Cell>,
        _ next: UnsafeMutableBufferPointer<Int32>, _ previous: UnsafeMutableBufferPointer<Int32>,
        _ layout: inout Layout
    ) -> Int32? {
        let first = Int(symbols[0])
        let span = Int(symbols[symbols.count - 1])
        let wide = symbols.count > 1
        var candidate: Int
        if wide {
            // Cells are only ever taken, so the start moves forward and the scan stays linear overall.
            while layout.wideStart < layout.size, cells[layout.wideStart].check != free { layout.wideStart += 1 }
            candidate = layout.wideStart < layout.size ? layout.wideStart : -1
        } else {
            candidate = Int(layout.firstFree)
        }
        var attempts = 0
        while true {
            if candidate < 0 || (!wide && attempts > patience) {
                candidate = layout.size + first
                guard grow(to: candidate - first + span + 1, next, previous, &layout) else { return nil }
            }
            let base = candidate - first
            if base >= 0 {
                guard grow(to: base + span + 1, next, previous, &layout) else { return nil }
                if symbols.allSatisfy({ cells[base + Int($0)].check == free }) {
                    for symbol in symbols {
                        let cell = base + Int(symbol)
                        let before = previous[cell]
                        let after = next[cell]
                        if before >= 0 { next[Int(before)] = after } else { layout.firstFree = after }
                        if after >= 0 { previous[Int(after)] = before } else { layout.lastFree = before }
                        cells[cell].check = Int32(parent)
                    }
                    cells[parent].base = Int32(base)
                    if wide && attempts > widePatience { layout.wideStart = candidate }
                    return Int32(base)
                }
            }
            attempts += 1
            candidate = Int(next[candidate])
        }
    }

    /// Adds cells to the layout up to `size`, linked in order after the last free cell;
    /// false when the storage is too small.
    private static func grow(
        to size: Int, _ next: UnsafeMutableBufferPointer<Int32>,
        _ previous: UnsafeMutableBufferPointer<Int32>, _ layout: inout Layout
    ) -> Bool {
        guard size > layout.size else { return true }
        guard size <= next.count else { return false }
        let old = layout.size
        for cell in old..<size {
            next[cell] = cell + 1 < size ? Int32(cell + 1) : -1
            previous[cell] = cell == old ? layout.lastFree : Int32(cell - 1)
        }
        if layout.lastFree >= 0 { next[Int(layout.lastFree)] = Int32(old) } else { layout.firstFree = Int32(old) }
        layout.lastFree = Int32(size - 1)
        layout.size = size
        return true
    }
}

/// A trie node while the matcher is built.
private struct TrieNode {
    var parent: Int32
    var symbol: Int32
    /// The first pattern ending here, -1 none.
    var pattern: Int32
    var depth: Int32
}
