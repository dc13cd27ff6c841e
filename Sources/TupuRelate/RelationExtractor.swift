import TupuGazetteer
import TupuGraph
import TupuRecognise
import TupuResolve
import TupuText

/// A relation read from one sentence, between two resolved entities of the document.
public struct RelationCandidate: Sendable {
    public var relation: Relation
    public var subject: Int
    public var object: Int
    /// View offsets covering both mentions (or the mention that carries the fact).
    public var span: Range<Int>
    public var sentence: Int
    public var rule: String
    public var confidence: Double
    public var attrs: [String: String] = [:]
}

/// Sentence-level patterns for the six relations (see GUIDELINES: runs, located_in,
/// part_of, partner, member_of, role). Each pattern is a small function; the rule name
/// it leaves on the evidence says which one fired.
public struct RelationExtractor: Sendable {
    let gazetteer: PlaceGazetteer
    /// The gazetteer's parent links, shared with the graph builder.
    let chains: AdministrativeChains
    static let runVerbs = WordSet(Lexicon.runVerbs)
    static let transitivePartner = WordSet(["联合", "携手", "牵手", "联手"])
    static let mutualPartner = WordSet(["合作", "共建", "结对", "签订", "联动", "联建", "协同", "对接", "共同举办", "共同"])
    /// Both lists at once: most positions start neither, and one lookup tells.
    static let partnerVerbs = WordSet(transitivePartner.words.union(mutualPartner.words))
    static let with = WordSet(["与", "和", "同", "跟"])
    static let gapWords = WordSet(["还", "积极", "共同", "并", "已", "也", "正式", "率先", "主动", "再次", "将", "已经", "不断", "持续", "深入", "又", "先后", "分别"])
    static let membershipVerbs = WordSet(["组建", "成立", "加入", "组成", "发起", "共建", "联合"])

    public init(gazetteer: PlaceGazetteer) {
        self.gazetteer = gazetteer
        self.chains = AdministrativeChains(gazetteer: gazetteer)
    }

    /// Mentions of one sentence that are not inside another mention, in text order.
    struct SentenceView {
        let index: Int
        let range: Range<Int>
        let top: [Int]
    }

    public func relate(_ doc: ResolvedDocument) -> [RelationCandidate] {
        var out: [RelationCandidate] = []
        let text = doc.segmented.view.scalars
        // Closures below read this array, not `doc`: capturing the document copied it per call.
        let mentions = doc.mentions
        // Mentions with an entity by sentence, then start, longest first (then index, as the stable
        // sort per sentence this replaces left them): each sentence reads its run of one list.
        var placed: [(sentence: Int, mention: Int)] = []
        for i in mentions.indices where doc.entityOf[i] != nil {
            if let s = doc.segmented.sentenceIndex(at: mentions[i].range.lowerBound) { placed.append((s, i)) }
        }
        // On one span an organisation comes first: a list member composed over its place (A区|及B区民政局)
        // is what the sentence lists.
        placed.sort { a, b in
            (a.sentence, mentions[a.mention].range.lowerBound, -mentions[a.mention].range.count,
             mentions[a.mention].kind == .org ? 0 : 1, a.mention)
                < (b.sentence, mentions[b.mention].range.lowerBound, -mentions[b.mention].range.count,
                   mentions[b.mention].kind == .org ? 0 : 1, b.mention)
        }
        let ordered = placed.map(\.mention)
        // Offsets where a partner verb may start, from one tight pass over the text: nearly none.
        var partnerVerbStarts: [Int] = []
        var start = RelationExtractor.partnerVerbs.nextPossibleFirst(from: 0, in: text)
        while start < text.count {
            partnerVerbStarts.append(start)
            start = RelationExtractor.partnerVerbs.nextPossibleFirst(from: start + 1, in: text)
        }
        var runStart = 0
        // By article: the entity index of the last sentence subject.
        let articleCount = doc.segmented.sentences.reduce(0) { max($0, $1.article + 1) }
        var topic = [Int?](repeating: nil, count: articleCount)
        for (s, sentence) in doc.segmented.sentences.enumerated() {
            while runStart < placed.count && placed[runStart].sentence < s { runStart += 1 }
            var runEnd = runStart
            while runEnd < placed.count && placed[runEnd].sentence == s { runEnd += 1 }
            guard sentence.kind != .byline else { continue }
            let inSentence = ordered[runStart..<runEnd]
            // Pathological "sentences" (a 50 MB line without a full stop) are read in windows.
            for window in Windows(sentence.range, text) {
                let here = window == sentence.range ? inSentence : inSentence.filter { window.contains(mentions[$0].range.lowerBound) }[...]
                let view = SentenceView(index: s, range: window, top: outermost(here, doc))
                let articleTopic = topic[sentence.article]
                runs(view, doc, text, topic: articleTopic, &out)
                partners(view, doc, text, verbStarts: partnerVerbStarts, topic: articleTopic, &out)
                memberships(view, here, doc, text, &out)
                roles(view, here, doc, text, &out)
                locatedIn(view, here, doc, text, topic: articleTopic, &out)
                if let subject = view.top.first(where: { isActor(doc, $0) }), doc.mentions[subject].range.lowerBound - window.lowerBound <= 8 {
                    topic[sentence.article] = doc.entityOf[subject]!
                }
            }
        }
        partOf(doc, &out)
        return out
    }

    static let window = 400

    /// The sentence itself, or pieces of at most `window` scalars cut after a comma. Cut as they
    /// are read: nearly every sentence is one piece, and an array for it cost more than reading it.
    struct Windows: Sequence, IteratorProtocol {
        let range: Range<Int>
        let text: [Unicode.Scalar]
        /// Where the next piece starts; nil once the last is out.
        var start: Int?

        init(_ range: Range<Int>, _ text: [Unicode.Scalar]) {
            self.range = range
            self.text = text
            self.start = range.lowerBound
        }

        mutating func next() -> Range<Int>? {
            guard let start else { return nil }
            var end = Swift.min(start + RelationExtractor.window, range.upperBound)
            if end < range.upperBound, let comma = (start..<end).last(where: { text[$0] == "，" || text[$0] == "," }), comma > start {
                end = comma + 1
            }
            self.start = end < range.upperBound ? end : nil
            return start..<end
        }
    }

    /// Mentions not inside a longer one (given sorted by start, longest first).
    func outermost(_ sorted: ArraySlice<Int>, _ doc: ResolvedDocument) -> [Int] {
        var top: [Int] = []
        top.reserveCapacity(sorted.count)
        var reach = -1
        for i in sorted {
            let r = doc.mentions[i].range
            if r.upperBound <= reach { continue }
            top.append(i)
            reach = max(reach, r.upperBound)
        }
        return top
    }

    func isActor(_ doc: ResolvedDocument, _ i: Int) -> Bool {
        let kind = doc.mentions[i].kind
        return kind == .org || (kind == .place && doc.mentions[i].level != .area) || (kind == .place && doc.mentions[i].discovered)
    }

    func entity(_ doc: ResolvedDocument, _ i: Int) -> Int { doc.entityOf[i]! }

    /// Text between two offsets without quote marks and spaces, read in place (no string is built).
    func between(_ a: Int, _ b: Int, _ text: [Unicode.Scalar]) -> Gap {
        Gap(text: text, range: a..<max(a, b))
    }

    static let coordinators = ["、", "和", "与", "及", "以及", "联合", "携手"].map { Array($0.unicodeScalars) }
    static let listSeparators = ["、", "和", "及", "以及", "与"].map { Array($0.unicodeScalars) }

    func span(_ a: Mention, _ b: Mention) -> Range<Int> {
        min(a.range.lowerBound, b.range.lowerBound)..<max(a.range.upperBound, b.range.upperBound)
    }

    func span(_ a: Range<Int>, _ b: Range<Int>) -> Range<Int> {
        min(a.lowerBound, b.lowerBound)..<max(a.upperBound, b.upperBound)
    }

    /// Actors listed together right before `end` (A、B和C), nearest last.
    func coordinated(endingAt index: Int, in view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> [Int] {
        var group = [view.top[index]]
        var k = index
        while k > 0 {
            let previous = view.top[k - 1]
            guard isActor(doc, previous) else { break }
            let gap = between(doc.mentions[previous].range.upperBound, doc.mentions[view.top[k]].range.lowerBound, text)
            guard gap.isOne(of: RelationExtractor.coordinators) else { break }
            group.insert(previous, at: 0)
            k -= 1
        }
        return group
    }

    /// Actors listed right after `start` (联合|A、B).
    func listed(from start: Int, in view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], until limit: Int) -> [Int] {
        var out: [Int] = []
        var position = start
        for i in view.top where doc.mentions[i].range.lowerBound >= position && doc.mentions[i].range.upperBound <= limit {
            let gap = between(position, doc.mentions[i].range.lowerBound, text)
            guard gap.isEmpty || (!out.isEmpty && gap.isOne(of: RelationExtractor.listSeparators)) else { break }
            if isActor(doc, i) { out.append(i) } else { break }
            position = doc.mentions[i].range.upperBound
        }
        return out
    }

    // MARK: runs

    func runs(_ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], topic: Int?, _ out: inout [RelationCandidate]) {
        for (n, p) in view.top.enumerated() where doc.mentions[p].kind == .programme {
            let programme = doc.mentions[p]
            var runners: [(Int, String, Double)] = []
            // 嘉兴市第二医院的“天使爱·红色驿”
            if n > 0, isActor(doc, view.top[n - 1]),
               between(doc.mentions[view.top[n - 1]].range.upperBound, programme.range.lowerBound, text).is("的") {
                runners.append((view.top[n - 1], "runs.possessive", 0.8))
            }
            // “惠民贷”由温岭市总工会联合温岭农商银行推出
            if runners.isEmpty, n + 1 < view.top.count {
                let next = doc.mentions[view.top[n + 1]]
                if between(programme.range.upperBound, next.range.lowerBound, text).is("由") {
                    let named = listed(from: next.range.lowerBound, in: view, doc, text, until: view.range.upperBound)
                    let all = named + partnersOf(named.last, in: view, doc, text)
                    if let last = all.last, verbFollows(doc.mentions[last].range.upperBound, before: view.range.upperBound, text) {
                        for g in all { runners.append((g, "runs.passive", 0.85)) }
                    }
                }
            }
            // The nearest actor before, if a running verb follows it (温岭市总工会率先在台州市推出“…”);
            // else the sentence's subject (闸弄口街道依托“…联盟”，开展“…”); else the nearest actor.
            // A place after 在 is where things happen, not who does them (在台州市推出), unless nothing else acts.
            let nearest = view.top[..<n].lastIndex(where: { isActor(doc, $0) && !isLocative(doc, $0, text) })
                ?? view.top[..<n].lastIndex(where: { isActor(doc, $0) })
            if runners.isEmpty, let k = nearest {
                let actor = doc.mentions[view.top[k]]
                let actsItself = verbFollows(actor.range.upperBound, before: programme.range.lowerBound, text)
                let subject = subjectOf(view, before: k, doc, text)
                var group: [Int]
                var rule: String
                var confidence: Double
                if actsItself {
                    (group, rule, confidence) = (coordinated(endingAt: k, in: view, doc, text), "runs.actor-verb", 0.75)
                } else if let subject, subject != view.top[k] {
                    (group, rule, confidence) = ([subject], "runs.sentence-subject", 0.6)
                } else {
                    let verb = containsRunVerb(actor.range.upperBound, programme.range.lowerBound, text)
                    (group, rule, confidence) = (coordinated(endingAt: k, in: view, doc, text), verb ? "runs.actor-verb" : "runs.same-sentence", verb ? 0.65 : 0.55)
                }
                for g in group + partnersOf(group.last, in: view, doc, text) where !runners.contains(where: { $0.0 == g }) {
                    runners.append((g, rule, confidence))
                }
            }
            if runners.isEmpty, let topic {
                let confidence = containsRunVerb(view.range.lowerBound, programme.range.lowerBound, text) ? 0.5 : 0.4
                out.append(RelationCandidate(relation: .runs, subject: topic, object: entity(doc, p), span: programme.range,
                                             sentence: view.index, rule: "runs.article-topic", confidence: confidence))
                continue
            }
            for (r, rule, confidence) in runners where entity(doc, r) != entity(doc, p) {
                out.append(RelationCandidate(relation: .runs, subject: entity(doc, r), object: entity(doc, p),
                                             span: span(doc.mentions[r], programme), sentence: view.index, rule: rule, confidence: confidence))
            }
        }
    }

    func isLocative(_ doc: ResolvedDocument, _ i: Int, _ text: [Unicode.Scalar]) -> Bool {
        let start = doc.mentions[i].range.lowerBound
        return doc.mentions[i].kind == .place && start > 0 && (text[start - 1] == "在" || text[start - 1] == "于")
    }

    /// The sentence's first actor if it opens the sentence (its grammatical subject); of a
    /// chain of places (杭州|建德市) the last, most specific one.
    func subjectOf(_ view: SentenceView, before k: Int, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        guard var index = view.top[...k].firstIndex(where: { isActor(doc, $0) }) else { return nil }
        let lead = between(view.range.lowerBound, doc.mentions[view.top[index]].range.lowerBound, text)
        guard lead.count(upTo: 9) <= 8, !lead.contains("在") else { return nil }
        while index + 1 < view.top.count, doc.mentions[view.top[index]].kind == .place,
              doc.mentions[view.top[index + 1]].kind == .place,
              doc.mentions[view.top[index + 1]].range.lowerBound == doc.mentions[view.top[index]].range.upperBound {
            index += 1
        }
        return view.top[index]
    }

    /// The entity of the sentence's subject, if an actor opens the sentence.
    func subjectOf(_ view: SentenceView, _ doc: ResolvedDocument) -> Int? {
        guard let k = view.top.firstIndex(where: { isActor(doc, $0) }) else { return nil }
        return subjectOf(view, before: k, doc, doc.segmented.view.scalars).map { entity(doc, $0) }
    }

    /// Actors joined to `actor` by 联合/携手 right after it (A联合B推出…): they run it too.
    func partnersOf(_ actor: Int?, in view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> [Int] {
        guard let actor else { return [] }
        let end = doc.mentions[actor].range.upperBound
        guard let length = RelationExtractor.transitivePartner.longest(startingAt: end, in: text) else { return [] }
        return listed(from: end + length, in: view, doc, text, until: view.range.upperBound)
    }

    /// A running verb within a few characters after the actor, before any comma (X率先在台州市推出).
    func verbFollows(_ start: Int, before limit: Int, _ text: [Unicode.Scalar]) -> Bool {
        var i = start
        while i < limit && i - start <= 12 {
            if text[i] == "，" || text[i] == "," || text[i] == "；" || text[i] == "。" { return false }
            if RelationExtractor.runVerbs.longest(startingAt: i, in: text) != nil { return true }
            i += 1
        }
        return false
    }

    func containsRunVerb(_ a: Int, _ b: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard a < b else { return false }
        for end in (a + 1)...b where RelationExtractor.runVerbs.longest(endingAt: end, in: text) != nil { return true }
        return false
    }

    // MARK: partner

    /// `verbStarts`: the offsets of the text where a partner verb may start, in order.
    func partners(_ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], verbStarts: [Int], topic: Int?,
                  _ out: inout [RelationCandidate]) {
        var position = view.range.lowerBound
        var low = 0, high = verbStarts.count
        while low < high {
            let middle = (low + high) / 2
            if verbStarts[middle] < position { low = middle + 1 } else { high = middle }
        }
        for candidate in verbStarts[low...] {
            guard candidate < view.range.upperBound else { break }
            guard candidate >= position else { continue }   // inside a verb read already
            position = candidate
            guard RelationExtractor.partnerVerbs.longest(startingAt: position, in: text) != nil else { continue }
            if let length = RelationExtractor.transitivePartner.longest(startingAt: position, in: text),
               !insideMention(position, view, doc) {
                // A联合B
                let right = listed(from: position + length, in: view, doc, text, until: view.range.upperBound)
                if let left = actorBefore(position, view, doc, text) ?? topic, !right.isEmpty {
                    for r in right { addPartner(left, entity(doc, r), view, doc, position..<(position + length), "partner.joint-verb", 0.75, &out) }
                } else if right.isEmpty, let withAt = withMarker(before: position, view, text) {
                    // 与拱墅区妇联、拱墅团区委等联合推出
                    let partners = listed(from: withAt + 1, in: view, doc, text, until: position)
                    if let left = actorBefore(withAt, view, doc, text) ?? subjectOf(view, doc) ?? topic {
                        for r in partners { addPartner(left, entity(doc, r), view, doc, withAt..<(position + length), "partner.with-verb", 0.7, &out) }
                    }
                }
                position += length
                continue
            }
            if let length = RelationExtractor.mutualPartner.longest(startingAt: position, in: text), !insideMention(position, view, doc) {
                // A与B合作, A和B共同举办
                if let withAt = withMarker(before: position, view, text) {
                    let right = listed(from: withAt + 1, in: view, doc, text, until: position)
                    if let left = actorBefore(withAt, view, doc, text) ?? subjectOf(view, doc) ?? topic {
                        for r in right { addPartner(left, entity(doc, r), view, doc, withAt..<(position + length), "partner.with-verb", 0.7, &out) }
                    }
                }
                position += length
            }
        }
    }

    func insideMention(_ offset: Int, _ view: SentenceView, _ doc: ResolvedDocument) -> Bool {
        view.top.contains { doc.mentions[$0].range.contains(offset) }
    }

    /// The 与/和 that opens the partner list before a mutual verb, in the same clause.
    func withMarker(before end: Int, _ view: SentenceView, _ text: [Unicode.Scalar]) -> Int? {
        var i = end - 1
        while i >= view.range.lowerBound && end - i <= 40 {
            if text[i] == "，" || text[i] == "," || text[i] == "；" { return nil }
            if RelationExtractor.with.longest(startingAt: i, in: text) != nil { return i }
            i -= 1
        }
        return nil
    }

    /// The actor right before an offset (only adverbs between), as an entity index.
    func actorBefore(_ offset: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        guard let k = view.top.lastIndex(where: { doc.mentions[$0].range.upperBound <= offset }) else { return nil }
        let m = view.top[k]
        guard isActor(doc, m) else { return nil }
        // Adverbs are skipped longest first (已经 before 已), so the reading does not depend on set order.
        let gap = Array(between(doc.mentions[m].range.upperBound, offset, text))
        var start = 0
        while let length = RelationExtractor.gapWords.longest(startingAt: start, in: gap) { start += length }
        return start == gap.count ? entity(doc, m) : nil
    }

    func addPartner(_ a: Int, _ b: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ where: Range<Int>, _ rule: String, _ confidence: Double, _ out: inout [RelationCandidate]) {
        guard a != b else { return }
        out.append(RelationCandidate(relation: .partner, subject: a, object: b, span: `where`, sentence: view.index, rule: rule, confidence: confidence))
    }

    // MARK: member_of

    func memberships(_ view: SentenceView, _ all: ArraySlice<Int>, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], _ out: inout [RelationCandidate]) {
        // A sub-unit named inside its parent's name: 绍兴市人民医院|心内科党支部.
        for i in all where doc.mentions[i].kind == .org {
            for j in all where j != i && doc.mentions[j].kind == .org {
                let outer = doc.mentions[i], inner = doc.mentions[j]
                if outer.range.lowerBound <= inner.range.lowerBound && outer.range.upperBound > inner.range.upperBound,
                   entity(doc, i) != entity(doc, j) {
                    out.append(RelationCandidate(relation: .memberOf, subject: entity(doc, i), object: entity(doc, j),
                                                 span: outer.range, sentence: view.index, rule: "member_of.name", confidence: 0.7))
                }
            }
        }
        // Members listed before the alliance they form or join.
        for (k, a) in view.top.enumerated() where doc.mentions[a].kind == .org && doc.mentions[a].subkind == "alliance" {
            let before = view.range.lowerBound..<doc.mentions[a].range.lowerBound
            guard before.contains(where: { RelationExtractor.membershipVerbs.longest(startingAt: $0, in: text) != nil }) else { continue }
            for m in view.top[..<k] where doc.mentions[m].kind == .org && entity(doc, m) != entity(doc, a) {
                out.append(RelationCandidate(relation: .memberOf, subject: entity(doc, m), object: entity(doc, a),
                                             span: span(doc.mentions[m], doc.mentions[a]), sentence: view.index, rule: "member_of.alliance", confidence: 0.6))
            }
        }
    }

    // MARK: role

    func roles(_ view: SentenceView, _ all: ArraySlice<Int>, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], _ out: inout [RelationCandidate]) {
        for p in all where doc.mentions[p].kind == .person {
            guard var titleStart = doc.mentions[p].titleStart, var title = doc.mentions[p].title else { continue }
            // 府山街道商会会长、云峰机械有限公司董事长张建国: walk the chain of titles leftwards.
            while true {
                var anchor = titleStart
                if anchor > 0, text[anchor - 1] == "的" { anchor -= 1 }
                guard let holder = all.filter({ doc.mentions[$0].range.upperBound == anchor && isActor(doc, $0) })
                    .max(by: { doc.mentions[$0].range.count < doc.mentions[$1].range.count }) else { break }
                var candidate = RelationCandidate(relation: .role, subject: entity(doc, p), object: entity(doc, holder),
                                                  span: span(doc.mentions[holder], doc.mentions[p]), sentence: view.index,
                                                  rule: "role.title", confidence: 0.75)
                candidate.attrs["title"] = title
                out.append(candidate)
                let before = doc.mentions[holder].range.lowerBound
                guard before > 0, text[before - 1] == "、", let length = PersonStage.titles.longest(endingAt: before - 1, in: text) else { break }
                titleStart = before - 1 - length
                title = Scalars.string(text[titleStart..<(before - 1)])
            }
        }
    }

    // MARK: located_in

    static let rank: [PlaceLevel: Int] = [.province: 0, .city: 1, .county: 2, .township: 3, .village: 4, .area: 5]

    func level(_ doc: ResolvedDocument, entity e: Int) -> Int {
        doc.entities[e].attrs["level"].flatMap(PlaceLevel.init(rawValue:)).flatMap { RelationExtractor.rank[$0] } ?? 0
    }

    /// The sentence's places are read in place, by index, once per org or programme: filtering
    /// them into arrays for every sentence, or copying candidates to search them, would cost more than the search.
    func locatedIn(_ view: SentenceView, _ all: ArraySlice<Int>, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], topic: Int?, _ out: inout [RelationCandidate]) {
        func isPlace(_ j: Int) -> Bool { doc.mentions[j].kind == .place }
        for i in view.top where doc.mentions[i].kind == .org || doc.mentions[i].kind == .programme {
            let kind = doc.mentions[i].kind, range = doc.mentions[i].range
            let e = entity(doc, i)
            // The place the name starts with: 温岭|农商银行, 城东街道|残疾人之家. The finest, the first of equals.
            if let prefixEnd = doc.mentions[i].placePrefixEnd {
                var finest: (mention: Int, level: Int)? = nil
                for j in all where isPlace(j) && range.contains(doc.mentions[j].range.lowerBound) && doc.mentions[j].range.upperBound <= prefixEnd {
                    let level = level(doc, entity: entity(doc, j))
                    if finest == nil || level > finest!.level { finest = (j, level) }
                }
                if let finest {
                    out.append(RelationCandidate(relation: .locatedIn, subject: e, object: entity(doc, finest.mention), span: range,
                                                 sentence: view.index, rule: "located_in.name-prefix", confidence: 0.8))
                    continue
                }
            }
            if kind == .org, let code = doc.entities[e].placeCode, let placeEntity = doc.placeEntity(code: code) {
                out.append(RelationCandidate(relation: .locatedIn, subject: e, object: placeEntity, span: range,
                                             sentence: view.index, rule: "located_in.reference", confidence: 0.7))
                continue
            }
            guard kind == .programme else { continue }
            func isOutside(_ j: Int) -> Bool { isPlace(j) && !range.contains(doc.mentions[j].range.lowerBound) }
            // 在龙坞茶镇，…: a place the sentence puts things in (the last).
            if let locative = all.reversed().first(where: { isOutside($0) && doc.mentions[$0].range.lowerBound > view.range.lowerBound
                    && text[doc.mentions[$0].range.lowerBound - 1] == "在" }) {
                out.append(RelationCandidate(relation: .locatedIn, subject: e, object: entity(doc, locative), span: span(doc.mentions[locative].range, range),
                                             sentence: view.index, rule: "located_in.locative", confidence: 0.7))
                continue
            }
            // Where its runner (the last found) is: the runner itself if a place, else the runner's place.
            if let runner = out.indices.reversed().first(where: { out[$0].relation == .runs && out[$0].object == e && out[$0].sentence == view.index }) {
                let subject = out[runner].subject
                let place: Int? = doc.entities[subject].kind == .place ? subject : doc.entities[subject].placeCode.flatMap { doc.placeEntity(code: $0) }
                if let place {
                    out.append(RelationCandidate(relation: .locatedIn, subject: e, object: place, span: out[runner].span,
                                                 sentence: view.index, rule: "located_in.runner", confidence: 0.65))
                    continue
                }
            }
            // Else the most specific place named with it, the nearest of equals (the first of those).
            var finest: (mention: Int, level: Int, distance: Int)? = nil
            for j in all where isOutside(j) {
                let level = level(doc, entity: entity(doc, j)), distance = abs(doc.mentions[j].range.lowerBound - range.lowerBound)
                if finest == nil || level > finest!.level || (level == finest!.level && distance < finest!.distance) { finest = (j, level, distance) }
            }
            if let finest {
                out.append(RelationCandidate(relation: .locatedIn, subject: e, object: entity(doc, finest.mention), span: span(doc.mentions[finest.mention].range, range),
                                             sentence: view.index, rule: "located_in.sentence-place", confidence: 0.6))
            } else if let topic, doc.entities[topic].kind == .place {
                out.append(RelationCandidate(relation: .locatedIn, subject: e, object: topic, span: range,
                                             sentence: view.index, rule: "located_in.article-topic", confidence: 0.5))
            }
        }
    }

    // MARK: part_of

    /// A place's parent is the nearest place above it that the document names; the
    /// gazetteer says which (外桐坞村 → 西湖区 when the text never names its 街道).
    func partOf(_ doc: ResolvedDocument, _ out: inout [RelationCandidate]) {
        // Entities are read in place: a copy of each (name, aliases, attributes) would retain every string in it.
        /// Where each parent's mentions end, made once per parent (a city is the parent of many).
        var mentionEnds: [Int: Set<Int>] = [:]
        for i in doc.entities.indices where doc.entities[i].kind == .place {
            guard let first = doc.entities[i].mentions.first else { continue }
            var parent: Int? = nil
            if doc.entities[i].place >= 0, let node = chains.node(place: Int(doc.entities[i].place)) {
                // The nearest division above it that the document names (by gazetteer index, not code).
                var above = node.parent
                while let ancestor = above, parent == nil {
                    parent = doc.placeEntity(place: ancestor.place)
                    above = ancestor.parent
                }
            } else if let p = doc.entities[i].parentCode {
                parent = doc.placeEntity(code: p)
            }
            guard let parent else { continue }
            // Evidence: a mention of the child right after its parent if there is one.
            let mentions = doc.mentions
            let parentEnds = mentionEnds[parent] ?? Set(doc.entities[parent].mentions.map { mentions[$0].range.upperBound })
            mentionEnds[parent] = parentEnds
            let adjacent = doc.entities[i].mentions.first { parentEnds.contains(mentions[$0].range.lowerBound) }
            let m = doc.mentions[adjacent ?? first]
            let sentence = doc.segmented.sentenceIndex(at: m.range.lowerBound) ?? 0
            out.append(RelationCandidate(relation: .partOf, subject: i, object: parent, span: m.range, sentence: sentence,
                                         rule: adjacent != nil ? "part_of.adjacent" : "part_of.gazetteer-chain",
                                         confidence: adjacent != nil ? 0.95 : 0.85))
        }
    }
}

/// The scalars of `text[range]` other than quote marks and spaces: what a pattern sees between
/// two mentions. Tests walk the text in place and stop at the first difference.
struct Gap: Sequence {
    let text: [Unicode.Scalar]
    let range: Range<Int>

    struct Iterator: IteratorProtocol {
        let text: [Unicode.Scalar]
        var position: Int
        let end: Int

        mutating func next() -> Unicode.Scalar? {
            while position < end {
                let scalar = text[position]
                position += 1
                if scalar != " " && !QuoteStage.isQuoteMark(scalar) { return scalar }
            }
            return nil
        }
    }

    func makeIterator() -> Iterator { Iterator(text: text, position: range.lowerBound, end: range.upperBound) }

    var isEmpty: Bool {
        var iterator = makeIterator()
        return iterator.next() == nil
    }

    func `is`(_ scalar: Unicode.Scalar) -> Bool {
        var iterator = makeIterator()
        return iterator.next() == scalar && iterator.next() == nil
    }

    func isOne(of words: [[Unicode.Scalar]]) -> Bool {
        words.contains { elementsEqual($0) }
    }

    /// How many scalars, counting no further than `limit`.
    func count(upTo limit: Int) -> Int {
        var iterator = makeIterator()
        var n = 0
        while n < limit, iterator.next() != nil { n += 1 }
        return n
    }
}
