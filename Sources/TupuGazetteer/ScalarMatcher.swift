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
    }

    struct Cell {
        var base: Int32
        var check: Int32
    }

    /// Symbol of each BMP scalar (0: occurs in no pattern). Two bytes a scalar: the table is read
    /// at every scalar of every text, and at 128 KB it crowds the caches half as much.
    private let symbolOfBMP: [UInt16]
    /// Symbols of scalars beyond the BMP (rare in Chinese text).
    private let symbolOfAstral: [UInt32: Int32]
    private let cells: [Cell]
    private let failure: [Int32]
    /// The state itself if a pattern ends there, else the nearest failure ancestor where one does; -1 none.
    private let firstOutput: [Int32]
    /// For a state with a pattern: the next shorter state with a pattern (-1 none).
    private let nextOutput: [Int32]
    /// Pattern ending at each state (-1 none); duplicates of a pattern chain through `samePattern`.
    private let patternAt: [Int32]
    private let samePattern: [Int32]
    private let depth: [Int32]

    public let patternCount: Int

    public init(patterns: [String]) {
        let words = patterns.map { Array($0.unicodeScalars) }
        patternCount = words.count

        // Dense alphabet, most frequent scalar first so busy states pack tightly; BMP scalars
        // before the others, so that their symbols (at most 63,488 of them) fit in two bytes.
        var frequency: [UInt32: Int] = [:]
        for word in words { for scalar in word { frequency[scalar.value, default: 0] += 1 } }
        let alphabet = frequency.sorted { a, b in
            if (a.key < 0x10000) != (b.key < 0x10000) { return a.key < 0x10000 }
            return a.value != b.value ? a.value > b.value : a.key < b.key
        }.map(\.key)
        var symbolOfBMP = [UInt16](repeating: 0, count: 0x10000)
        var symbolOfAstral: [UInt32: Int32] = [:]
        for (index, value) in alphabet.enumerated() {
            if value < 0x10000 { symbolOfBMP[Int(value)] = UInt16(index + 1) } else { symbolOfAstral[value] = Int32(index + 1) }
        }
        func symbol(_ scalar: Unicode.Scalar) -> Int32 {
            scalar.value < 0x10000 ? Int32(symbolOfBMP[Int(scalar.value)]) : symbolOfAstral[scalar.value] ?? 0
        }

        // 1. A plain trie (children in a hash map keyed by parent and symbol).
        var trieChildren: [[(symbol: Int32, node: Int32)]] = [[]]
        var childIndex: [Int64: Int32] = [:]
        var triePattern: [Int32] = [-1]
        var samePattern = [Int32](repeating: -1, count: words.count)
        var trieDepth: [Int32] = [0]
        for (patternIndex, word) in words.enumerated() where !word.isEmpty {
            var node: Int32 = 0
            for scalar in word {
                let s = symbol(scalar)
                let key = Int64(node) << 32 | Int64(s)
                if let child = childIndex[key] {
                    node = child
                } else {
                    let child = Int32(trieChildren.count)
                    trieChildren.append([])
                    triePattern.append(-1)
                    trieDepth.append(trieDepth[Int(node)] + 1)
                    trieChildren[Int(node)].append((s, child))
                    childIndex[key] = child
                    node = child
                }
            }
            let existing = triePattern[Int(node)]
            if existing < 0 {
                triePattern[Int(node)] = Int32(patternIndex)
            } else {
                var last = Int(existing)
                while samePattern[last] >= 0 { last = Int(samePattern[last]) }
                samePattern[last] = Int32(patternIndex)
            }
        }

        // 2. Pack into a double array, breadth first; `stateOf[trie node]` is its cell.
        var packer = DoubleArrayPacker(alphabetSize: alphabet.count)
        var stateOf = [Int32](repeating: -1, count: trieChildren.count)
        stateOf[0] = 0
        var queue: [Int32] = [0]
        var head = 0
        while head < queue.count {
            let node = Int(queue[head]); head += 1
            let children = trieChildren[node].sorted { $0.symbol < $1.symbol }
            guard !children.isEmpty else { continue }
            let state = Int(stateOf[node])
            let base = packer.place(children.map(\.symbol), parent: state)
            for child in children {
                stateOf[Int(child.node)] = base + child.symbol
                queue.append(child.node)
            }
        }
        var cells = packer.cells
        let stateCount = cells.count
        var patternAt = [Int32](repeating: -1, count: stateCount)
        var depth = [Int32](repeating: 0, count: stateCount)
        for node in 0..<trieChildren.count {
            let state = Int(stateOf[node])
            patternAt[state] = triePattern[node]
            depth[state] = trieDepth[node]
        }

        // 3. Failure and output links, breadth first over the trie.
        func next(_ state: Int32, _ s: Int32) -> Int32 {
            let target = Int(cells[Int(state)].base + s)
            return target < stateCount && cells[target].check == state ? Int32(target) : -1
        }
        var failure = [Int32](repeating: 0, count: stateCount)
        var firstOutput = [Int32](repeating: -1, count: stateCount)
        var nextOutput = [Int32](repeating: -1, count: stateCount)
        for node in queue {
            let state = stateOf[Int(node)]
            for child in trieChildren[Int(node)] {
                let childState = stateOf[Int(child.node)]
                var fallback: Int32 = 0
                if state != 0 {
                    var f = failure[Int(state)]
                    while true {
                        let t = next(f, child.symbol)
                        if t >= 0 { fallback = t; break }
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
        // Free cells must never pass the check: -1 is no state.
        for i in 0..<stateCount where cells[i].check == DoubleArrayPacker.free { cells[i].check = -1 }

        self.symbolOfBMP = symbolOfBMP
        self.symbolOfAstral = symbolOfAstral
        self.cells = cells
        self.failure = failure
        self.firstOutput = firstOutput
        self.nextOutput = nextOutput
        self.patternAt = patternAt
        self.samePattern = samePattern
        self.depth = depth
    }

    /// Every occurrence of every pattern (overlapping), ordered by end, then start.
    public func forEachMatch(in text: UnsafeBufferPointer<Unicode.Scalar>, _ body: (Match) -> Void) {
        cells.withUnsafeBufferPointer { cells in
        failure.withUnsafeBufferPointer { failure in
        firstOutput.withUnsafeBufferPointer { firstOutput in
        symbolOfBMP.withUnsafeBufferPointer { symbolOfBMP in
            let cellCount = cells.count
            var state: Int32 = 0
            for position in 0..<text.count {
                let value = text[position].value
                let s = value < 0x10000 ? Int32(symbolOfBMP[Int(value)]) : (symbolOfAstral[value] ?? 0)
                if s == 0 { state = 0; continue }
                while true {
                    let target = Int(cells[Int(state)].base + s)
                    if target < cellCount, cells[target].check == state { state = Int32(target); break }
                    if state == 0 { break }
                    state = failure[Int(state)]
                }
                var output = firstOutput[Int(state)]
                while output >= 0 {
                    report(output, end: position + 1, body)
                    output = nextOutput[Int(output)]
                }
            }
        }
        }
        }
        }
    }

    private func report(_ state: Int32, end: Int, _ body: (Match) -> Void) {
        let start = end - Int(depth[Int(state)])
        var pattern = patternAt[Int(state)]
        while pattern >= 0 {
            body(Match(start: start, end: end, pattern: Int(pattern)))
            pattern = samePattern[Int(pattern)]
        }
    }

    public func matches(in scalars: [Unicode.Scalar]) -> [Match] {
        var result: [Match] = []
        scalars.withUnsafeBufferPointer { buffer in
            forEachMatch(in: buffer) { result.append($0) }
        }
        return result
    }

    public func matches(in text: String) -> [Match] {
        matches(in: Array(text.unicodeScalars))
    }
}

/// Finds, for each parent state, a base where all its children's cells are free. Free cells form
/// a doubly linked list, so the search visits only free cells and taking one is O(1).
struct DoubleArrayPacker {
    static let free: Int32 = Int32.min
    /// Failed tries before a node is placed past the end instead (keeps wide nodes from scanning a dense prefix).
    static let patience = 256

    var cells: [ScalarMatcher.Cell]
    private var nextFree: [Int32] = []
    private var previousFree: [Int32] = []
    private var firstFree: Int32 = -1
    private var lastFree: Int32 = -1

    init(alphabetSize: Int) {
        cells = [ScalarMatcher.Cell(base: 0, check: 0)]  // the root's own cell
        nextFree = [-1]
        previousFree = [-1]
        grow(to: alphabetSize + 2)
    }

    private mutating func grow(to size: Int) {
        for cell in cells.count..<max(size, cells.count) {
            cells.append(ScalarMatcher.Cell(base: 0, check: Self.free))
            nextFree.append(-1)
            previousFree.append(lastFree)
            if lastFree >= 0 { nextFree[Int(lastFree)] = Int32(cell) } else { firstFree = Int32(cell) }
            lastFree = Int32(cell)
        }
    }

    private mutating func take(_ cell: Int, parent: Int) {
        let previous = previousFree[cell], next = nextFree[cell]
        if previous >= 0 { nextFree[Int(previous)] = next } else { firstFree = next }
        if next >= 0 { previousFree[Int(next)] = previous } else { lastFree = previous }
        cells[cell].check = Int32(parent)
    }

    /// Places sorted `symbols` under `parent`; returns the base.
    mutating func place(_ symbols: [Int32], parent: Int) -> Int32 {
        let first = Int(symbols[0]), span = Int(symbols[symbols.count - 1])
        var candidate = Int(firstFree)
        var attempts = 0
        while true {
            if candidate < 0 || attempts > Self.patience {
                candidate = cells.count + first
                grow(to: candidate - first + span + 1)
            }
            let base = candidate - first
            if base >= 0 {
                if base + span >= cells.count { grow(to: base + span + 1) }
                if symbols.allSatisfy({ cells[base + Int($0)].check == Self.free }) {
                    for symbol in symbols { take(base + Int(symbol), parent: parent) }
                    cells[parent].base = Int32(base)
                    return Int32(base)
                }
            }
            attempts += 1
            candidate = Int(nextFree[candidate])
        }
    }
}
