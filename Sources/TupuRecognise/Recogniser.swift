import TupuGazetteer
import TupuKit
import TupuText

/// What the stages share while they read one document: the view, its sentences,
/// and the mentions found so far (later stages avoid and build on earlier ones).
public struct RecognitionState {
    public let segmented: SegmentedText
    public let text: [Unicode.Scalar]
    public private(set) var mentions: [Mention] = []
    /// Mentions by end and by start offset, as linked lists through `nextSameEnd`/`nextSameStart`
    /// (−1 ends a list), and which offsets some mention covers: every lookup is O(1) and allocation-free.
    private var lastEndingAt: [Int32]
    private var lastStartingAt: [Int32]
    private var nextSameEnd: [Int32] = []
    private var nextSameStart: [Int32] = []
    private var covered: [Bool]
    /// The running stage's scan points (the recogniser finds every stage's in one pass).
    public internal(set) var scanPoints = ScanPoints(all: ScalarClasses.Offsets(), first: 0)

    public init(segmented: SegmentedText) {
        self.segmented = segmented
        self.text = segmented.view.scalars
        self.covered = [Bool](repeating: false, count: segmented.view.scalars.count)
        self.lastEndingAt = [Int32](repeating: -1, count: segmented.view.scalars.count + 1)
        self.lastStartingAt = [Int32](repeating: -1, count: segmented.view.scalars.count + 1)
        // Room for the mentions a document of this length usually has (about one in thirty-six
        // scalars), so the list is not grown one reallocation at a time.
        let expected = segmented.view.scalars.count / 32 + 16
        mentions.reserveCapacity(expected)
        nextSameEnd.reserveCapacity(expected)
        nextSameStart.reserveCapacity(expected)
    }

    public func string(_ range: Range<Int>) -> String { Scalars.string(text[range]) }

    /// The sentence kind at an offset; by-lines are never read for names.
    public func kind(at offset: Int) -> SentenceKind? {
        segmented.sentenceIndex(at: offset).map { segmented.sentences[$0].kind }
    }

    /// Whether the offset lies in a by-line (the stages ask only where they found something).
    public func isByline(at offset: Int) -> Bool { kind(at: offset) == .byline }

    public func article(at offset: Int) -> Int {
        segmented.sentenceIndex(at: offset).map { segmented.sentences[$0].article } ?? 0
    }

    /// True when the span overlaps a mention already found.
    public func isTaken(_ range: Range<Int>) -> Bool {
        range.contains { covered[$0] }
    }

    /// The mention of one of `kinds` that ends exactly at `offset`, the longest first.
    public func mention(endingAt offset: Int, kinds: Mention.Kinds) -> Mention? {
        guard offset >= 0, offset < lastEndingAt.count else { return nil }
        return longest(from: lastEndingAt[offset], through: nextSameEnd, kinds: kinds).map { mentions[$0] }
    }

    /// The mention of one of `kinds` that starts exactly at `offset`, the longest first.
    public func mention(startingAt offset: Int, kinds: Mention.Kinds) -> Mention? {
        guard offset >= 0, offset < lastStartingAt.count else { return nil }
        return longest(from: lastStartingAt[offset], through: nextSameStart, kinds: kinds).map { mentions[$0] }
    }

    /// The span of the mention `mention(endingAt:kinds:)` returns, without copying the mention.
    public func rangeOfMention(endingAt offset: Int, kinds: Mention.Kinds) -> Range<Int>? {
        guard offset >= 0, offset < lastEndingAt.count else { return nil }
        return longest(from: lastEndingAt[offset], through: nextSameEnd, kinds: kinds).map { mentions[$0].range }
    }

    /// The span of the mention `mention(startingAt:kinds:)` returns, without copying the mention.
    public func rangeOfMention(startingAt offset: Int, kinds: Mention.Kinds) -> Range<Int>? {
        guard offset >= 0, offset < lastStartingAt.count else { return nil }
        return longest(from: lastStartingAt[offset], through: nextSameStart, kinds: kinds).map { mentions[$0].range }
    }

    /// The index of the longest mention of `kinds` on one linked list; only the winner is copied out.
    private func longest(from head: Int32, through next: [Int32], kinds: Mention.Kinds) -> Int? {
        var best: Int? = nil
        var i = head
        while i >= 0 {
            let candidate = Int(i)
            if kinds.contains(Mention.Kinds(mentions[candidate].kind)),
                best == nil || mentions[candidate].range.count > mentions[best!].range.count
            {
                best = candidate
            }
            i = next[candidate]
        }
        return best
    }

    /// Takes the mention over: stages hand in one they built and are done with, and a copy
    /// would retain and release every string in it.
    public mutating func add(_ mention: consuming Mention) {
        let index = Int32(mentions.count)
        nextSameEnd.append(lastEndingAt[mention.range.upperBound])
        lastEndingAt[mention.range.upperBound] = index
        nextSameStart.append(lastStartingAt[mention.range.lowerBound])
        lastStartingAt[mention.range.lowerBound] = index
        for i in mention.range { covered[i] = true }
        mentions.append(consume mention)
    }

    /// Hands the mentions over, leaving none: the recogniser reorders them in place rather than
    /// copying each. The state is done with after this.
    mutating func takeMentions() -> [Mention] {
        var taken: [Mention] = []
        swap(&taken, &mentions)
        return taken
    }

    /// Changes the mention of `kind` spanning exactly `range`, if there is one (its span stays).
    public mutating func updateMention(at range: Range<Int>, kind: Mention.Kind, _ change: (inout Mention) -> Void) {
        var i = lastStartingAt[range.lowerBound]
        while i >= 0 {
            if mentions[Int(i)].kind == kind && mentions[Int(i)].range == range {
                change(&mentions[Int(i)])
                return
            }
            i = nextSameStart[Int(i)]
        }
    }

    /// Drops mentions the predicate rejects (a later stage overruling an earlier guess).
    public mutating func removeAll(where reject: (Mention) -> Bool) {
        let kept = mentions.filter { !reject($0) }
        mentions = []
        nextSameEnd = []
        nextSameStart = []
        for i in lastEndingAt.indices {
            lastEndingAt[i] = -1
            lastStartingAt[i] = -1
        }
        covered = [Bool](repeating: false, count: covered.count)
        for m in kept { add(m) }
    }
}

/// A stage's scan points: `[k]` are the offsets whose scalar is in its `scanKeys[k]`, ascending.
public struct ScanPoints: Sendable {
    let all: ScalarClasses.Offsets
    /// The stage's first set among all of them.
    let first: Int

    public subscript(_ k: Int) -> ArraySlice<Int> { all[first + k] }
}

/// One ordered, separately testable step of recognition (in the manner of spaCy's EntityRuler).
public protocol RecognitionStage: Sendable {
    var name: String { get }
    /// The scalars each of the stage's scans looks at (where a word of its list starts or ends):
    /// the recogniser finds every stage's in one pass over the document, where a pass per scan
    /// cost as much each, and hands them to `run` as `state.scanPoints`.
    var scanKeys: [ScalarSet] { get }
    func run(_ state: inout RecognitionState)
}

extension RecognitionStage {
    public var scanKeys: [ScalarSet] { [] }
}

/// The recogniser: places, then quoted names, then named events of a year, then organisations known by name and those and
/// named facilities found by their type word, hospital departments, the members of lists that share one head, then
/// people, then repeats of names already found. Build it once; it is thread-safe.
public struct Recogniser: Sendable {
    public let stages: [RecognitionStage]
    /// Every stage's scan keys, in stage order: stage `s` reads classes `firstKey[s] ..< firstKey[s + 1]`.
    let scanScalars: ScalarClasses
    let firstKey: [Int]

    /// `organisations`: names known beyond the bundled ones (a user's `--gazetteer` file).
    public init(places: PlaceGazetteer, brands: [BrandEntry] = [], organisations: [OrgName] = []) {
        self.init(stages: [
            PlaceStage(gazetteer: places),
            QuoteStage(),
            EventStage(),
            NameBySuffixStage(names: Lexicon.orgNames + organisations),
            DepartmentStage(),
            SharedHeadStage(),
            BrandStage(brands: brands),
            PersonStage(),
            RepeatStage()
        ])
    }

    public init(stages: [RecognitionStage]) {
        self.stages = stages
        var keys: [ScalarSet] = []
        var firstKey: [Int] = []
        for stage in stages {
            firstKey.append(keys.count)
            keys += stage.scanKeys
        }
        firstKey.append(keys.count)
        self.scanScalars = ScalarClasses(keys)
        self.firstKey = firstKey
    }

    /// The same recogniser with more brand-list entries after its own (the names learned from a
    /// corpus): only the brand stage is made again.
    public func adding(brands more: [BrandEntry]) -> Recogniser {
        Recogniser(
            stages: stages.map { stage in
                (stage as? BrandStage).map { BrandStage(brands: $0.entries + more) } ?? stage
            })
    }

    public func recognise(_ segmented: SegmentedText) -> [Mention] {
        var state = RecognitionState(segmented: segmented)
        let points = scanScalars.offsets(in: state.text)
        for (s, stage) in stages.enumerated() {
            state.scanPoints = ScanPoints(all: points, first: firstKey[s])
            stage.run(&state)
        }
        var mentions = state.takeMentions()
        // By start, the longest first: sorted through their indices (moving whole mentions in the
        // sort cost more than comparing them), on keys that hold start and length in one number.
        let keys = mentions.map { UInt64($0.range.lowerBound) << 32 | UInt64(UInt32.max - UInt32($0.range.count)) }
        let order = mentions.indices.sorted { keys[$0] < keys[$1] }
        // Then moved into that order along the permutation's cycles, by pointer swaps: they move
        // the mentions, where copies would retain and release every string in them.
        var placed = [Bool](repeating: false, count: mentions.count)
        mentions.withUnsafeMutableBufferPointer { mentions in
            for start in mentions.indices where !placed[start] {
                var position = start
                while order[position] != start {
                    mentions.swapAt(position, order[position])
                    placed[position] = true
                    position = order[position]
                }
                placed[position] = true
            }
        }
        return mentions
    }
}
