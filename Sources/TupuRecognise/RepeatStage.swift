import TupuGazetteer
import TupuText

/// Programmes from brand lists (the bundled one, `--gazetteer FILE`, the names learned from the
/// corpus): every name and alias matched as written, quoted or not. A short form keeps what the
/// text wrote and names the list's full form as its canonical name.
public struct BrandStage: RecognitionStage {
    public let name = "brands"
    let entries: [BrandEntry]
    /// Every form's scalars in one pool: form `f` is `pool[formStart[f] ..< formStart[f + 1]]`,
    /// of entry `formEntry[f]`. A brand list is short: the forms are found as the repeat stage
    /// finds a document's names, by their first scalar.
    let pool: [Unicode.Scalar]
    let formStart: [Int]
    let formEntry: [Int]
    /// Each entry's kind, read once from the list's string.
    let kinds: [NameKind]

    public init(brands: [BrandEntry]) {
        var pool: [Unicode.Scalar] = []
        var formStart = [0]
        var formEntry: [Int] = []
        for (index, entry) in brands.enumerated() where !entry.isRejection {
            for form in entry.surfaceForms where form.unicodeScalars.count >= 2 {
                pool.append(contentsOf: form.unicodeScalars)
                formStart.append(pool.count)
                formEntry.append(index)
            }
        }
        self.entries = brands
        self.kinds = brands.map { NameKind(brandKind: $0.kind) }
        self.pool = pool
        self.formStart = formStart
        self.formEntry = formEntry
    }

    public func run(_ state: inout RecognitionState) {
        guard !formEntry.isEmpty else { return }
        var found = RepeatStage.occurrences(of: pool, nameStart: formStart, in: state.text)
        // Longest first, in text order among equals.
        found.sort { ($0.range.count, $1.range.lowerBound) > ($1.range.count, $0.range.lowerBound) }
        for (range, form) in found where !state.isTaken(range) && !state.isByline(at: range.lowerBound) {
            let entry = entries[formEntry[form]]
            let surface = state.string(range)
            var mention = Mention(kind: .programme, range: range, text: surface, rule: .programmeBrandGazetteer, confidence: 0.9)
            mention.subkind = kinds[formEntry[form]]
            if surface != entry.name { mention.canonical = entry.name }
            state.add(mention)
        }
    }
}

/// A name found once (quoted, titled, by suffix) is found again wherever the document
/// repeats it unquoted, so later sentences can relate it.
public struct RepeatStage: RecognitionStage {
    public let name = "repeats"

    public init() {}

    public func run(_ state: inout RecognitionState) {
        // The first mention of each name is the one copied. Names are read by index, not
        // copied out, and their scalars kept in one pool: `names[n]` is `pool[nameStart[n] ..< nameStart[n + 1]]`.
        var seen = Set<TextKey>(minimumCapacity: state.mentions.count)
        var originals: [Int] = []
        var nameStart: [Int] = [0]
        var pool: [Unicode.Scalar] = []
        for k in state.mentions.indices where !state.mentions[k].isReference && state.mentions[k].kind != .place {
            let text = state.mentions[k].text
            guard seen.insert(TextKey(text)).inserted else { continue }
            for scalar in text.unicodeScalars { pool.append(scalar) }
            if pool.count - nameStart[nameStart.count - 1] < 3 {
                pool.removeLast(pool.count - nameStart[nameStart.count - 1])
                continue
            }
            originals.append(k)
            nameStart.append(pool.count)
        }
        guard !originals.isEmpty else { return }
        let found = Self.occurrences(of: pool, nameStart: nameStart, in: state.text)
        // Longest first, in text order among equals: one number per occurrence sorts without a closure.
        let order = found.indices.map { UInt64(UInt32.max - UInt32(found[$0].range.count)) << 32 | UInt64($0) }.sorted()
        for key in order {
            let (range, n) = found[Int(key & 0xFFFF_FFFF)]
            guard !state.isTaken(range) && !state.isByline(at: range.lowerBound) else { continue }
            var copy = state.mentions[originals[n]]
            let originalStart = copy.range.lowerBound
            copy.range = range
            copy.isRepeat = true
            copy.confidence *= 0.9
            copy.titleStart = nil
            copy.placePrefixEnd = copy.placePrefixEnd.map { $0 - originalStart + range.lowerBound }
            state.add(copy)
        }
    }

    /// Every place the text writes one of the names (`pool[nameStart[n] ..< nameStart[n + 1]]`).
    /// A document names few things: names are chained by the low bits of their first scalar,
    /// so most positions are rejected by one table read and none is hashed.
    static func occurrences(of pool: [Unicode.Scalar], nameStart: [Int], in text: [Unicode.Scalar]) -> [(range: Range<Int>, name: Int)] {
        let slotMask = 4095
        let nameCount = nameStart.count - 1
        var firstInSlot = [Int32](repeating: -1, count: slotMask + 1)
        var nextInSlot = [Int32](repeating: -1, count: nameCount)
        for n in (0..<nameCount).reversed() {
            let slot = Int(pool[nameStart[n]].value) & slotMask
            nextInSlot[n] = firstInSlot[slot]
            firstInSlot[slot] = Int32(n)
        }
        var found: [(range: Range<Int>, name: Int)] = []
        text.withUnsafeBufferPointer { text in
            firstInSlot.withUnsafeBufferPointer { firstInSlot in
                for i in 0..<text.count {
                    var n = Int(firstInSlot[Int(text[i].value) & slotMask])
                    next: while n >= 0 {
                        let name = n
                        n = Int(nextInSlot[name])
                        let length = nameStart[name + 1] - nameStart[name]
                        guard i + length <= text.count else { continue }
                        // Slots are shared: even the first scalar may differ.
                        for j in 0..<length where text[i + j] != pool[nameStart[name] + j] { continue next }
                        found.append((i..<(i + length), name))
                    }
                }
            }
        }
        return found
    }
}
