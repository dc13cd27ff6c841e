// The versions of a relation during semi-naive evaluation, as Datafrog's `Variable` keeps them
// (stable, recent, to add), here as ranges of the relation's append-only store.

/// Tuples `[0, stableEnd)` are stable (known before the previous round), `[stableEnd, recentEnd)`
/// recent (new in the previous round); the tuples from `recentEnd` to the store's count are the
/// ones added in the current round (Datafrog's to-add, already deduplicated). A round's plans
/// read stable and recent tuples only; between rounds `advance` moves each part down one version.
struct SemiNaiveVersions: Sendable {
    private(set) var stableEnd = 0
    private(set) var recentEnd = 0

    /// Whether the last round added tuples, so another round is needed.
    var hasRecent: Bool { recentEnd > stableEnd }

    /// Before evaluation, or after the non-recursive rules: every tuple is recent, so the first
    /// recursive round joins all of them.
    mutating func makeAllRecent(count: Int) {
        stableEnd = 0
        recentEnd = count
    }

    /// After a round: the recent tuples become stable, the added ones (up to `count`) recent.
    mutating func advance(to count: Int) {
        stableEnd = recentEnd
        recentEnd = count
    }

    /// Evaluation of the relation is over: every tuple is stable.
    mutating func makeAllStable(count: Int) {
        stableEnd = count
        recentEnd = count
    }

    /// Explanations: plans see only the tuples before `end` (those of earlier steps).
    mutating func showOnly(before end: Int) {
        recentEnd = end
    }

    /// After tuples were removed (subsumption): each boundary moves to its new position.
    mutating func renumber(_ position: (Int) -> Int) {
        stableEnd = position(stableEnd)
        recentEnd = position(recentEnd)
    }
}
