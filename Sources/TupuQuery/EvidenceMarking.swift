import TupuGraph

/// Marks where two entities are named in an evidence sentence: `【婺城区】联合【某某医院】…`.
/// The spans are found by searching each entity's name and aliases (longest first) in the
/// sentence; offsets are code points into the sentence.
public enum EvidenceMarking {
    public struct Span: Sendable, Hashable {
        public let start: Int
        public let end: Int
    }

    /// The first occurrence of the longest surface form of `entity` in `sentence`, avoiding `taken`.
    public static func span(of entity: Entity?, in sentence: [Unicode.Scalar], avoiding taken: Span? = nil) -> Span? {
        guard let entity else { return nil }
        let forms = ([entity.name] + entity.aliases).filter { !$0.isEmpty }
            .map { Array($0.unicodeScalars) }
            .sorted { $0.count > $1.count }
        for form in forms {
            var start = 0
            while let found = find(form, in: sentence, from: start) {
                let span = Span(start: found, end: found + form.count)
                if let taken, span.start < taken.end && taken.start < span.end {
                    start = found + 1
                    continue
                }
                return span
            }
        }
        return nil
    }

    static func find(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for i in start...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }

    /// Every occurrence of any surface form of `entity` (longest form first at each place).
    static func occurrences(of entity: Entity?, in sentence: [Unicode.Scalar]) -> [Span] {
        guard let entity else { return [] }
        let forms = ([entity.name] + entity.aliases).filter { !$0.isEmpty }
            .map { Array($0.unicodeScalars) }
            .sorted { $0.count > $1.count }
        var spans: [Span] = []
        for form in forms {
            var start = 0
            while let found = find(form, in: sentence, from: start) {
                let span = Span(start: found, end: found + form.count)
                if !spans.contains(where: { $0.start < span.end && span.start < $0.end }) { spans.append(span) }
                start = found + 1
            }
        }
        return spans
    }

    /// The sentence with the subject's and the object's spans wrapped in 【】. When a name occurs
    /// more than once, the two occurrences nearest each other are taken: that is where the
    /// sentence relates them.
    public static func marked(_ sentence: String, subject: Entity?, object: Entity?) -> (text: String, subject: Span?, object: Span?) {
        let scalars = Array(sentence.unicodeScalars)
        let subjects = occurrences(of: subject, in: scalars)
        let objects = occurrences(of: object, in: scalars)
        var s = subjects.first
        var o = objects.first(where: { span in !(s.map { $0.start < span.end && span.start < $0.end } ?? false) })
        var best = Int.max
        for a in subjects {
            for b in objects where !(a.start < b.end && b.start < a.end) {
                let gap = max(a.start, b.start) - min(a.end, b.end)
                if gap < best {
                    best = gap
                    s = a
                    o = b
                }
            }
        }
        var view = String.UnicodeScalarView()
        let opens = Set([s?.start, o?.start].compactMap { $0 })
        let closes = Set([s?.end, o?.end].compactMap { $0 })
        for (i, scalar) in scalars.enumerated() {
            if closes.contains(i) { view.append("】") }
            if opens.contains(i) { view.append("【") }
            view.append(scalar)
        }
        if closes.contains(scalars.count) { view.append("】") }
        return (String(view), s, o)
    }
}
