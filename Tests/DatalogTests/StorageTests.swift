import Testing
import TupuKit

@testable import Datalog

// The sorted-runs layout of `TupleStore` checked against a plain `Set` on random inputs, and the
// engine with every derived relation in that layout against naive evaluation.

/// A random tuple: small values mostly, now and then one that needs 8-byte cells or is negative.
private func randomTuple(arity: Int, wide: Bool, using rng: inout SplitMix64) -> [Int] {
    (0..<arity).map { _ in
        switch Int.random(in: 0..<20, using: &rng) {
        case 0 where wide: return Int.random(in: Int(Int32.max)...(Int(Int32.max) * 4), using: &rng)
        case 1: return -Int.random(in: 0...50, using: &rng)
        default: return Int.random(in: 0...30, using: &rng)
        }
    }
}

private func contents(_ store: TupleStore) -> Set<[Int]> {
    Set((0..<store.count).map { store.values($0) })
}

@Test(arguments: [1, 2, 3])
func sortedRunsHoldTheSameSetAsASetOfTuples(arity: Int) {
    var rng = SplitMix64(seed: UInt64(arity) * 7919)
    for round in 0..<40 {
        let wide = round % 4 == 3
        let store = TupleStore(arity: arity)
        var expected = Set<[Int]>()
        for _ in 0..<Int.random(in: 0...20, using: &rng) {
            let tuple = randomTuple(arity: arity, wide: false, using: &rng)
            #expect(store.insert(tuple) == expected.insert(tuple).inserted)
        }
        let base = store.count
        let baseTuples = (0..<base).map { store.values($0) }
        store.useSortedRuns(from: 0)
        var stableEnd = 0
        var deltaEnd = store.count
        store.settle(stableEnd: stableEnd, deltaEnd: deltaEnd)
        #expect(store.keepsRuns)
        for _ in 0..<Int.random(in: 1...25, using: &rng) {
            // One iteration: batches with duplicates, some set aside while "a plan runs".
            var pending: [Int] = []
            var fresh = Set<[Int]>()
            for _ in 0..<Int.random(in: 0...120, using: &rng) {
                let tuple = randomTuple(arity: arity, wide: wide, using: &rng)
                pending += tuple
                if !expected.contains(tuple) { fresh.insert(tuple) }
                if Int.random(in: 0..<40, using: &rng) == 0 { store.setAside(&pending) }
            }
            #expect(store.add(&pending) == fresh.count)
            #expect(pending.isEmpty)
            expected.formUnion(fresh)
            #expect(store.count == expected.count)
            stableEnd = deltaEnd
            deltaEnd = store.count
            store.settle(stableEnd: stableEnd, deltaEnd: deltaEnd)
            // The delta range holds exactly the new tuples, through merging.
            #expect(Set((stableEnd..<deltaEnd).map { store.values($0) }) == fresh)
            for _ in 0..<30 {
                let probe = randomTuple(arity: arity, wide: wide, using: &rng)
                let found = probe.withUnsafeBufferPointer { store.find($0.baseAddress!) }
                #expect((found >= 0) == expected.contains(probe))
                if found >= 0 { #expect(store.values(found) == probe) }
            }
        }
        #expect(contents(store) == expected)
        // Every run is sorted, the base facts kept their order, and there are few runs.
        var start = store.hashedEnd
        for end in store.runEnds {
            for t in (start + 1)..<max(start + 1, end) {
                #expect(store.values(t - 1).lexicographicallyPrecedes(store.values(t)))
            }
            start = end
        }
        #expect((0..<base).map { store.values($0) } == baseTuples)
        store.truncate(to: base)
        #expect(contents(store) == Set(baseTuples))
        // Back to the indexed layout: single inserts still deduplicate.
        store.useIndexes()
        if let tuple = baseTuples.first { #expect(!store.insert(tuple)) }
    }
}

@Test func radixSortOrdersAndDeduplicatesLikeTheStandardLibrary() {
    var rng = SplitMix64(seed: 424_242)
    let spare = SpareBuffer()
    for round in 0..<60 {
        let arity = Int.random(in: 1...3, using: &rng)
        let n = Int.random(in: 0...400, using: &rng)
        let tuples = (0..<n).map { _ in randomTuple(arity: arity, wide: round % 2 == 0, using: &rng) }
        var flat = tuples.flatMap { $0 }
        let kept = flat.withUnsafeMutableBufferPointer { buffer -> Int in
            guard let base = buffer.baseAddress else { return 0 }
            SortedRuns.sort(base, count: n, arity: arity, spare: spare)
            return SortedRuns.deduplicate(base, count: n, arity: arity)
        }
        let expected = Array(Set(tuples)).sorted { $0.lexicographicallyPrecedes($1) }
        let got = (0..<kept).map { Array(flat[($0 * arity)..<(($0 + 1) * arity)]) }
        #expect(got == expected)
    }
}

@Test func mergingAdjacentRunsGivesTheirSortedUnion() {
    var rng = SplitMix64(seed: 99)
    let spare = SpareBuffer()
    for _ in 0..<80 {
        let values = Array(Set((0..<Int.random(in: 2...200, using: &rng)).map { _ in Int32.random(in: -500...500, using: &rng) }))
        let split = Int.random(in: 0...values.count, using: &rng)
        var cells = Array(values[..<split]).sorted() + Array(values[split...]).sorted()
        cells.withUnsafeMutableBufferPointer { buffer in
            SortedRuns.mergeAdjacent(buffer.baseAddress!, arity: 1, 0, split, values.count, spare: spare)
        }
        #expect(cells == values.sorted())
    }
}

@Test func galloppingFindsTheFirstTupleNotBelowTheTarget() {
    var rng = SplitMix64(seed: 5)
    for _ in 0..<100 {
        let run = Array(Set((0..<Int.random(in: 0...100, using: &rng)).map { _ in Int.random(in: 0...300, using: &rng) })).sorted()
        let target = [Int.random(in: -5...305, using: &rng)]
        let from = Int.random(in: 0...run.count, using: &rng)
        let got = run.withUnsafeBufferPointer { data in
            target.withUnsafeBufferPointer { SortedRuns.gallop(data.baseAddress!, arity: 1, from: from, to: run.count, target: $0.baseAddress!) }
        }
        let expected = run[from...].firstIndex { $0 >= target[0] } ?? run.count
        #expect(got == expected)
    }
}

@Test func randomProgramsGiveTheSameAnswersWithDerivedRelationsInSortedRuns() throws {
    var rng = SplitMix64(seed: 31_337)
    for _ in 0..<200 {
        let program = RandomProgram(using: &rng)
        let expected = program.naive()
        let engine = Engine()
        engine.sortedRunsThreshold = 0
        try engine.load(Program.parse(program.source))
        for relation in ["p", "q", "r"] {
            let got = Set(try engine.tuples(of: relation).map { $0.map { if case .number(let n) = $0 { n } else { -1 } } })
            #expect(got == expected[relation]!, "\(relation) differs for:\n\(program.source)")
        }
    }
}

@Test func transitiveClosureInSortedRunsMatchesReachability() throws {
    var rng = SplitMix64(seed: 2026)
    for _ in 0..<10 {
        let nodes = Int.random(in: 5...60, using: &rng)
        var edges = Set<[Int]>()
        for _ in 0..<Int.random(in: 1...(2 * nodes), using: &rng) {
            edges.insert([Int.random(in: 0..<nodes, using: &rng), Int.random(in: 0..<nodes, using: &rng)])
        }
        var closure = edges
        var grew = true
        while grew {
            grew = false
            for p in closure { for e in edges where e[0] == p[1] && closure.insert([p[0], e[1]]).inserted { grew = true } }
        }
        let source =
            edges.map { "edge(\($0[0]), \($0[1])).\n" }.joined()
            + "path(x, y) :- edge(x, y).\npath(x, z) :- path(x, y), edge(y, z).\n"
        let engine = Engine()
        engine.sortedRunsThreshold = 0
        try engine.load(Program.parse(source))
        let got = Set(try engine.tuples(of: "path").map { $0.map { if case .number(let n) = $0 { n } else { -1 } } })
        #expect(got == closure)
    }
}

@Test func explainingAfterSortedRunsReevaluatesInInsertionOrder() throws {
    let engine = Engine()
    engine.sortedRunsThreshold = 0
    try engine.load(
        Program.parse(
            """
            路(\"杭州\", \"宁波\"). 路(\"宁波\", \"舟山\"). 路(\"舟山\", \"台州\").
            通(x, y) :- 路(x, y).
            通(x, z) :- 通(x, y), 路(y, z).
            """))
    #expect(try engine.tuples(of: "通").count == 6)
    let tree = try #require(try engine.explain(relation: "通", tuple: [.symbol("杭州"), .symbol("台州")]))
    #expect(tree.kind == .rule)
    #expect(tree.children.map(\.fact) == ["通(\"杭州\", \"舟山\")", "路(\"舟山\", \"台州\")"])
    #expect(try engine.tuples(of: "通").count == 6)
}

@Test func tooManyTuplesStillStopsARunawayRuleInSortedRuns() throws {
    let engine = Engine()
    engine.sortedRunsThreshold = 0
    engine.options.maxTuples = 1000
    try engine.load(Program.parse("n(0).\nn(x + 1) :- n(x), x < 100000.\npair(x, y) :- n(x), n(y)."))
    #expect(throws: DatalogError.self) { try engine.evaluate() }
}
