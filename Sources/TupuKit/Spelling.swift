/// "Did you mean": the closest candidate by edit distance over Unicode scalars, so that a
/// Chinese name one character off (海塘市第三医院 / 海塘第三医院) counts as one edit.
public enum Spelling {
    /// Edit distance over Unicode scalars: insertions, deletions, substitutions and swaps of
    /// two neighbours (`dto` → `dot` is one edit), each costing one.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `word`, if it is near enough to be a plausible typo:
    /// at most a third of the longer string's scalars (and at least one edit) apart.
    /// Ties go to the candidate listed first.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        closest(to: word, among: candidates, limit: 1).first
    }

    /// Up to `limit` plausible candidates, nearest first.
    public static func closest(to word: String, among candidates: some Sequence<String>, limit: Int) -> [String] {
        let length = word.unicodeScalars.count
        var scored: [(distance: Int, order: Int, candidate: String)] = []
        for (order, candidate) in candidates.enumerated() {
            let d = distance(word, candidate)
            let allowed = max(1, max(length, candidate.unicodeScalars.count) / 3)
            if d <= allowed { scored.append((d, order, candidate)) }
        }
        scored.sort { ($0.distance, $0.order) < ($1.distance, $1.order) }
        return scored.prefix(limit).map(\.candidate)
    }
}
