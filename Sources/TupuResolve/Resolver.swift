import Foundation
import TupuGazetteer
import TupuKit
import TupuRecognise
import TupuText

/// One thing the document talks about, with every mention that names it.
public struct ResolvedEntity: Sendable {
    public var kind: Mention.Kind
    /// Canonical name: a place's official name, an org's fullest form, a programme as quoted.
    public var name: String
    /// Other names it goes by, each once: a handful, where a `Set` hashed every Chinese form again.
    public var aliases: [String] = []
    /// A place's administrative level (a listed place's from its list, else from its suffix).
    public var level: PlaceLevel? = nil
    /// What an organisation or programme is.
    public var subkind: NameKind? = nil
    /// A person's title, when a mention names the person right after it.
    public var role: String? = nil
    /// A place's division code; for a place no list holds, `<parent code>/<name>`.
    public var code: String? = nil
    /// The code of the enclosing place: for places, the administrative parent.
    public var parentCode: String? = nil
    /// A listed place's index in the gazetteer (nil: a place no list holds, or no place).
    public var place: PlaceIndex? = nil
    /// Where an org or programme is, from its name (嵊泗|农商银行 → 嵊泗县).
    public var placeCode: String? = nil
    public var mentions: [Int] = []

    mutating func addAlias(_ alias: String) {
        if !aliases.contains(alias) { aliases.append(alias) }
    }

    mutating func removeAlias(_ alias: String) {
        aliases.removeAll { $0 == alias }
    }
}

public struct ResolvedDocument: Sendable {
    public let segmented: SegmentedText
    public private(set) var mentions: [Mention]
    /// Entity index of each mention, or nil for a mention that names nothing (a dangling reference).
    public private(set) var entityOf: [Int?]
    public let entities: [ResolvedEntity]
    /// Place entities by division code (hashed by its bytes); listed ones also by gazetteer index, sorted by it.
    let placeByCode: [TextKey: Int]
    let placeByIndex: [(place: PlaceIndex, entity: Int)]

    public init(segmented: SegmentedText, mentions: [Mention], entityOf: [Int?], entities: [ResolvedEntity]) {
        self.segmented = segmented
        self.mentions = mentions
        self.entityOf = entityOf
        self.entities = entities
        var byCode: [TextKey: Int] = [:]
        var byIndex: [(place: PlaceIndex, entity: Int)] = []
        // By index: enumerating copied every entity (its name, aliases, attributes …) to read two fields.
        for i in entities.indices where entities[i].kind == .place {
            if let code = entities[i].code { byCode[TextKey(code)] = i }
            if let place = entities[i].place { byIndex.append((place, i)) }
        }
        self.placeByCode = byCode
        self.placeByIndex = byIndex.sorted { $0.place < $1.place }
    }

    /// The place entity of a division code, if the document names it.
    public func placeEntity(code: String) -> Int? { placeByCode[TextKey(code)] }

    /// The document with more mentions, each of one of its entities or of none (references read
    /// after resolving): the entities are the same, and so are the indexes made of them.
    public func adding(mentions more: [Mention], entityOf moreEntityOf: [Int?]) -> ResolvedDocument {
        var document = self
        document.mentions += more
        document.entityOf += moreEntityOf
        return document
    }

    /// The place entity of a listed division, by its gazetteer index: a binary search over
    /// the few the document names, where the code would be hashed.
    public func placeEntity(place: PlaceIndex) -> Int? {
        var low = 0
        var high = placeByIndex.count
        while low < high {
            let middle = (low + high) / 2
            if placeByIndex[middle].place < place { low = middle + 1 } else { high = middle }
        }
        return low < placeByIndex.count && placeByIndex[low].place == place ? placeByIndex[low].entity : nil
    }
}

/// Mentions → entities: picks the division an ambiguous place name means from the places
/// around it, folds short forms and prefixed forms into one entity, turns references
/// (街道党工委, 该村党支部) into the named organisation of the article, and merges a short
/// programme name into its full form (邻里汇 → 阳光·邻里汇).
public struct Resolver: Sendable {
    public let gazetteer: PlaceGazetteer

    public init(gazetteer: PlaceGazetteer) {
        self.gazetteer = gazetteer
    }

    /// Takes the mentions over: resolving lowers some confidences, and a caller still holding
    /// the array would make that a copy of every mention.
    public func resolve(_ segmented: SegmentedText, _ mentions: consuming [Mention]) -> ResolvedDocument {
        var work = Work(segmented: segmented, mentions: mentions, gazetteer: gazetteer)
        work.resolvePlaces()
        work.resolveOrganisations()
        work.resolveProgrammes()
        work.resolvePeople()
        return ResolvedDocument(segmented: segmented, mentions: work.mentions, entityOf: work.entityOf, entities: work.entities)
    }
}

struct Work {
    let segmented: SegmentedText
    var mentions: [Mention]
    let gazetteer: PlaceGazetteer
    var entityOf: [Int?]
    var entities: [ResolvedEntity] = []
    /// Chosen division code of each place mention (by mention index).
    var placeCode: [String?]
    /// Keyed by `TextKey`: ids are Chinese, and `String` hashing re-checks their normalisation every time.
    var entityByKey: [TextKey: Int] = [:]
    /// Article of each mention, so every lookup below is O(1).
    let articleOfMention: [Int]
    /// Place mentions in text order.
    let placeOrder: [Int]
    /// The name each place mention resolved to (its division's, else as written), once places are resolved.
    var placeNames: [String?] = []
    /// Org entities without a place in their key, and those with one, by bare name.
    var placedOrgs: [TextKey: [Int]] = [:]
    /// Place mentions of one article whose name ends in one level word (`levelWords`), in text
    /// order; made when a back-reference first asks.
    var placesOfLevelWord: [Int: [Int]] = [:]

    /// How many place mentions on each side of a mention serve as its context. An article names
    /// far fewer; the bound keeps a text of megabytes without paragraphs linear.
    static let contextWindow = 256

    init(segmented: SegmentedText, mentions: [Mention], gazetteer: PlaceGazetteer) {
        self.segmented = segmented
        self.mentions = mentions
        self.gazetteer = gazetteer
        self.entityOf = Array(repeating: nil, count: mentions.count)
        self.placeCode = Array(repeating: nil, count: mentions.count)
        // Articles are disjoint and in text order: a mention's is the last one starting at or
        // before it, if that one reaches it (article 0 otherwise).
        let articles = segmented.articles
        self.articleOfMention = mentions.map { m in
            var low = 0
            var high = articles.count
            while low < high {
                let middle = (low + high) / 2
                if articles[middle].range.lowerBound <= m.range.lowerBound { low = middle + 1 } else { high = middle }
            }
            return low > 0 && articles[low - 1].range.contains(m.range.lowerBound) ? articles[low - 1].index : 0
        }
        self.placeOrder = mentions.indices.filter { mentions[$0].kind == .place }.sorted { mentions[$0].range.lowerBound < mentions[$1].range.lowerBound }
    }

    func article(of mentionIndex: Int) -> Int { articleOfMention[mentionIndex] }

    mutating func entity(key: String, make: () -> ResolvedEntity) -> Int {
        let key = TextKey(key)
        if let index = entityByKey[key] { return index }
        entityByKey[key] = entities.count
        entities.append(make())
        return entities.count - 1
    }

    mutating func attach(_ mentionIndex: Int, to entityIndex: Int) {
        entityOf[mentionIndex] = entityIndex
        entities[entityIndex].mentions.append(mentionIndex)
        let surface = mentions[mentionIndex].text
        if surface != entities[entityIndex].name { entities[entityIndex].addAlias(surface) }
        // The text's own form of the name, where the view reads it otherwise (常山縣 for 常山县,
        // ＡＢ驿站 for AB驿站), is kept as an alias: evidence quotes the text as read.
        if let asWritten = segmented.view.originalStringIfDifferent(mentions[mentionIndex].range),
            asWritten != entities[entityIndex].name
        {
            entities[entityIndex].addAlias(asWritten)
        }
    }

    // MARK: Places

    /// Unambiguous places first; then each ambiguous one takes the reading that sits
    /// inside (or above) the places named next to it and around it in the article.
    mutating func resolvePlaces() {
        let placeIndices = mentions.indices.filter { mentions[$0].kind == .place && !mentions[$0].discovered }
        let articles = Dictionary(grouping: placeIndices, by: { article(of: $0) })
        /// The gazetteer index of each place mention's chosen reading, beside its code.
        var chosenPlace = [PlaceIndex?](repeating: nil, count: mentions.count)
        func choose(_ reading: PlaceName, for i: Int) {
            placeCode[i] = reading.code
            chosenPlace[i] = reading.place
        }
        for i in placeIndices {
            let readings = mentions[i].readings
            if let first = readings.first, readings.allSatisfy({ $0.code == first.code }) { choose(first, for: i) }
        }
        // Codes become their gazetteer index and a chain a run of indices (a handful):
        // comparing them is the inner loop, and comparing code strings cost more than the rest.
        let places = gazetteer.places
        var chains = PlaceChains(gazetteer: gazetteer)
        /// The chain of each place mention resolved so far, once it serves as context.
        var contextChain = [Range<Int>?](repeating: nil, count: mentions.count)
        var positionInArticle = [Int](repeating: 0, count: mentions.count)
        for members in articles.values {
            for (position, j) in members.enumerated() { positionInArticle[j] = position }
        }
        for _ in 0..<2 {
            for i in placeIndices where placeCode[i] == nil {
                // The article's places resolved so far, up to `contextWindow` on each side, are the context.
                let all = articles[article(of: i)] ?? []
                let position = positionInArticle[i]
                let members = all[max(0, position - Work.contextWindow)..<min(all.count, position + Work.contextWindow + 1)]
                for j in members where j != i && contextChain[j] == nil {
                    if placeCode[j] != nil { contextChain[j] = chains.chain(of: chosenPlace[j]) }
                }
                let start = mentions[i].range.lowerBound
                var best: (score: Double, reading: PlaceName)? = nil
                for reading in mentions[i].readings {
                    let above = chains.chain(of: reading.place)
                    let store = chains.store
                    var score = reading.form == .full ? 0.5 : 0
                    // A bare short form means the county or city more often than a township (余杭).
                    if reading.form == .short, let place = reading.place, places[place.position].level == .city || places[place.position].level == .county {
                        score += 0.3
                    }
                    for j in members where j != i {
                        // A chain starts with its place; an empty one (a code no list holds) matches nothing.
                        guard let chain = contextChain[j], let context = store[chain].first,
                            store[above].contains(context) || store[chain].contains(where: { $0 == reading.place })
                        else { continue }
                        let adjacent = mentions[j].range.upperBound == start
                        score += adjacent ? 10 : 1 + 200 / (Double(abs(mentions[j].range.lowerBound - start)) + 200)
                    }
                    if best == nil || score > best!.score || (score == best!.score && isPreferred(reading, over: best!.reading)) {
                        best = (score, reading)
                    }
                }
                if let best, best.score >= 1 || mentions[i].readings.count == 1 { choose(best.reading, for: i) }
            }
        }
        // Still ambiguous without any context: Zhejiang's reading, else the first, at lower confidence.
        for i in placeIndices where placeCode[i] == nil {
            if let first = mentions[i].readings.min(by: { isPreferred($0, over: $1) }) {
                choose(first, for: i)
                mentions[i].confidence *= 0.6
            }
        }
        keepOtherProvincesReadings(&chosenPlace)
        // Listed places are keyed by gazetteer index: no "place:" key to build and hash per mention.
        var entityOfPlace: [PlaceIndex: Int] = [:]
        for i in placeIndices {
            guard let code = placeCode[i], let placeIndex = chosenPlace[i] else { continue }
            let index: Int
            if let known = entityOfPlace[placeIndex] {
                index = known
            } else {
                let place = places[placeIndex.position]
                var e = ResolvedEntity(kind: .place, name: place.name)
                e.code = code
                e.parentCode = place.parentCode
                e.place = placeIndex
                e.level = place.level
                index = entities.count
                entities.append(e)
                entityOfPlace[placeIndex] = index
            }
            attach(i, to: index)
        }
        // Places no list holds: the parent is the place right before, else the nearest above it in the article.
        for i in mentions.indices where mentions[i].kind == .place && mentions[i].discovered {
            let m = mentions[i]
            // 某县乔庄镇 … 乔庄镇党委: another province's town, named with its county before, is no new place.
            if let earlier = listedEarlier(named: m.text, before: i), let index = entityOf[earlier] {
                placeCode[i] = placeCode[earlier]
                attach(i, to: index)
                continue
            }
            let parent = enclosingPlace(before: i, level: m.level ?? .area)
            let code = (parent ?? "") + "/" + m.text
            let index = entity(key: "place:" + code) {
                var e = ResolvedEntity(kind: .place, name: m.text)
                e.code = code
                e.parentCode = parent
                e.level = m.level ?? .area
                return e
            }
            placeCode[i] = code
            attach(i, to: index)
        }
        // A place mention's entity bears its division's name (or, unlisted, the name as first written).
        var names = [String?](repeating: nil, count: mentions.count)
        for j in mentions.indices where mentions[j].kind == .place {
            names[j] = entityOf[j].map { entities[$0].name } ?? mentions[j].text
        }
        placeNames = names
    }

    /// 叙永县分水镇 … 在分水镇: a place the article read in another province (its county or prefecture
    /// written with it) keeps that reading when the article names it again bare, though Zhejiang has a
    /// place of the name; written again after a Zhejiang place, it is Zhejiang's from there on.
    mutating func keepOtherProvincesReadings(_ chosenPlace: inout [PlaceIndex?]) {
        var outside: [TextKey: (article: Int, mention: Int)] = [:]
        var previousEnd = -1
        for i in placeOrder where !mentions[i].discovered {
            defer { previousEnd = mentions[i].range.upperBound }
            guard let chosen = chosenPlace[i] else { continue }
            let key = TextKey(mentions[i].text)
            if gazetteer.isOutsideZhejiang(chosen) {
                outside[key] = (article(of: i), i)
            } else if let earlier = outside[key] {
                if mentions[i].range.lowerBound == previousEnd {
                    outside[key] = nil
                } else if earlier.article == article(of: i) {
                    placeCode[i] = placeCode[earlier.mention]
                    chosenPlace[i] = chosenPlace[earlier.mention]
                }
            }
        }
    }

    /// The last listed place mention of the same article before `i` that writes `name`.
    func listedEarlier(named name: String, before i: Int) -> Int? {
        let art = article(of: i)
        let start = mentions[i].range.lowerBound
        return placeOrder[..<firstPlace(startingAtOrAfter: start)].last { j in
            article(of: j) == art && !mentions[j].discovered && entityOf[j] != nil && mentions[j].text == name
        }
    }

    /// Between readings the context cannot tell apart: a Zhejiang division before another
    /// province's namesake (普陀区, 西湖区), then the smaller code.
    func isPreferred(_ a: PlaceName, over b: PlaceName) -> Bool {
        let aOutside = a.place.map(gazetteer.isOutsideZhejiang) ?? false
        let bOutside = b.place.map(gazetteer.isOutsideZhejiang) ?? false
        if aOutside != bOutside { return !aOutside }
        return a.code < b.code
    }

    /// Each place with its parents, up to eight, as gazetteer indices stored end to end: asked
    /// for every reading and every context place, so each chain is walked once per document.
    struct PlaceChains {
        let gazetteer: PlaceGazetteer
        let places: [Place]
        private(set) var store: [PlaceIndex] = []
        private var chainOfPlace: [PlaceIndex: Range<Int>] = [:]

        init(gazetteer: PlaceGazetteer) {
            self.gazetteer = gazetteer
            self.places = gazetteer.places
        }

        /// The chain of a gazetteer index, as a range of `store`; empty for nil (a code no list holds).
        mutating func chain(of index: PlaceIndex?) -> Range<Int> {
            guard let index else { return 0..<0 }
            if let known = chainOfPlace[index] { return known }
            let start = store.count
            var current = index
            store.append(current)
            while store.count - start < 8, let parent = places[current.position].parentCode.flatMap(gazetteer.placeIndex(code:)) {
                store.append(parent)
                current = parent
            }
            chainOfPlace[index] = start..<store.count
            return start..<store.count
        }
    }

    /// Province 0 … area 5: asked for each place before a mention, so a switch, not a dictionary.
    static func rank(_ level: PlaceLevel) -> Int {
        switch level {
        case .province: return 0
        case .city: return 1
        case .county: return 2
        case .township: return 3
        case .village: return 4
        case .area: return 5
        }
    }

    /// The code of the closest place above `level`: adjacent first, then earlier in the article
    /// (among the `contextWindow` place mentions before it).
    func enclosingPlace(before i: Int, level: PlaceLevel) -> String? {
        // Ranges and levels are read in place: a copy of a mention or a place retains its strings.
        let start = mentions[i].range.lowerBound
        let myRank = Work.rank(level)
        let art = article(of: i)
        var best: (distance: Int, code: String)? = nil
        let before = firstPlace(startingAtOrAfter: start)
        for j in placeOrder[max(0, before - Work.contextWindow)..<before].reversed()
        where mentions[j].range.upperBound <= start && !mentions[j].discovered {
            let otherEnd = mentions[j].range.upperBound
            if article(of: j) < art { break }
            if best != nil && start - otherEnd > best!.distance { break }
            guard let code = placeCode[j], let placeLevel = gazetteer.level(code: code), Work.rank(placeLevel) < myRank,
                article(of: j) == art
            else { continue }
            let distance = start - otherEnd
            if best == nil || distance < best!.distance { best = (distance, code) }
        }
        return best?.code
    }

    /// The most specific place named inside a mention's span (its place prefix).
    func finestPlace(inside range: Range<Int>) -> String? {
        var best: (rank: Int, code: String)? = nil
        for j in placesStarting(in: range) where mentions[j].range.upperBound <= range.upperBound {
            guard let code = placeCode[j] else { continue }
            let level = gazetteer.level(code: code) ?? mentions[j].level ?? .area
            let r = Work.rank(level)
            if best == nil || r > best!.rank { best = (r, code) }
        }
        return best?.code
    }

    func placeName(_ code: String) -> String? {
        if let place = gazetteer.place(code: code) { return place.name }
        return entityByKey[TextKey("place:" + code)].map { entities[$0].name }
    }

    // MARK: Organisations

    mutating func resolveOrganisations() {
        let named = mentions.indices.filter { mentions[$0].kind == .org && !mentions[$0].isReference }
        // Named forms: the same name after its place prefix, in the same place, is one org.
        var placeless: [Int] = []
        for i in named {
            let m = mentions[i]
            let bare = bareName(m)
            guard let code = m.placePrefixEnd.flatMap({ finestPlace(inside: m.range.lowerBound..<$0) }) else {
                placeless.append(i)
                continue
            }
            let entityCount = entities.count
            // 某港能源集团有限公司 and the 某港能源集团 inside or beside it are one company.
            let key = Work.fullTypeWord(Work.withoutLegalForm(bare) ?? bare)
            let fullName = Work.fullTypeWord(m.text)
            let index = entity(key: "org:" + key + "@" + code) {
                var e = ResolvedEntity(kind: .org, name: fullName)
                e.placeCode = code
                e.subkind = m.subkind ?? .org(.other)
                return e
            }
            if index == entityCount { placedOrgs[TextKey(key), default: []].append(index) }  // made just now
            if fullName.unicodeScalars.count > entities[index].name.unicodeScalars.count {
                let shorter = entities[index].name
                entities[index].addAlias(shorter)
                entities[index].name = fullName
                entities[index].removeAlias(fullName)
            }
            attach(i, to: index)
            if (m.core ?? "").isEmpty { entities[index].addAlias(bare) }
        }
        // A name without place joins the placed org of the same name, if there is exactly one.
        // Registered names come first: the short form a text also uses (某港燃气) finds them.
        let registered = placeless.filter { Work.hasLegalForm(mentions[$0].text) }
        // A group's short form (瑞泉水务 of 某市瑞泉水务集团有限公司) is the group the recogniser read it as, once that is made.
        let shortForms = placeless.filter { mentions[$0].canonical != nil }
        for i in registered + placeless.filter({ !Work.hasLegalForm(mentions[$0].text) && mentions[$0].canonical == nil }) + shortForms {
            if let full = mentions[i].canonical,
                let group = entities.indices.first(where: { entities[$0].kind == .org && (entities[$0].name == full || entities[$0].aliases.contains(full)) })
            {
                attach(i, to: group)
                continue
            }
            let bare = bareName(mentions[i])
            var candidates = placedOrgs[TextKey(Work.withoutLegalForm(bare) ?? bare)] ?? []
            // A short form of one longer name (产业链党建联盟 of 某镇汽摩配产业链党建联盟) is that body;
            // so is a company's name without its legal form (某港能源集团 of 某市某港能源集团有限公司).
            if candidates.isEmpty, bare.unicodeScalars.count >= 4, !(mentions[i].core ?? "").isEmpty {
                // A name ending in the bytes of `bare` is longer in scalars exactly when it is in bytes.
                candidates = entities.indices.filter { e in
                    guard entities[e].kind == .org, entities[e].name.utf8.count > bare.utf8.count else { return false }
                    return entities[e].name.endsWithBytes(of: bare) || Work.endsWithoutLegalForm(entities[e].name, in: bare)
                }
                if candidates.isEmpty { candidates = namesWithAQualifierDropped(bare) }
            }
            let index: Int
            if candidates.count == 1 {
                index = candidates[0]
            } else {
                let m = mentions[i]
                index = entity(key: "org:" + bare) {
                    var e = ResolvedEntity(kind: .org, name: m.text)
                    e.subkind = m.subkind ?? .org(.other)
                    return e
                }
            }
            attach(i, to: index)
        }
        // Back-references name the org of the place they point to (街道党工委 → 府山街道党工委).
        for i in mentions.indices where mentions[i].kind == .org && mentions[i].isReference {
            guard let index = referent(of: i) else { continue }
            attach(i, to: index)
        }
        joinBranchesToTheirFullNames()
        for index in entities.indices where entities[index].kind == .org && !entities[index].aliases.isEmpty {
            let name = entities[index].name
            entities[index].removeAlias(name)
        }
    }

    /// A branch named again by its town alone (某市农商银行某镇支行 … 某镇支行, 某县人民法院某镇人民法庭 …
    /// 某镇人民法庭) is that branch: placed by its town, the short form found no entity of its name, so
    /// it joins the one longer name that is a parent body's name followed by it.
    mutating func joinBranchesToTheirFullNames() {
        let orgs = entities.indices.filter { entities[$0].kind == .org && !entities[$0].mentions.isEmpty }
        for short in orgs where entities[short].placeCode != nil && entities[short].name.unicodeScalars.count >= 4 {
            let name = entities[short].name
            let full = orgs.filter { e in
                guard e != short, !entities[e].mentions.isEmpty, entities[e].name.utf8.count > name.utf8.count,
                    entities[e].name.endsWithBytes(of: name)
                else { return false }
                let parent = String(decoding: entities[e].name.utf8.dropLast(name.utf8.count), as: UTF8.self)
                return Work.orgTypeWords.contains { parent.endsWithBytes(of: $0) }
            }
            guard full.count == 1 else { continue }
            for i in entities[short].mentions { attach(i, to: full[0]) }
            for alias in entities[short].aliases { entities[full[0]].addAlias(alias) }
            entities[short].mentions = []
        }
    }

    /// The placed bodies whose name is `bare` with a word of one or two characters before its
    /// type word (飞鹰救援队 of 某市飞鹰应急救援队), when what comes before the type word is two
    /// characters or more: the same head and type word with a qualifier the text drops.
    func namesWithAQualifierDropped(_ bare: String) -> [Int] {
        let scalars = Array(bare.unicodeScalars)
        guard scalars.count >= 4,
            let typeLength = (2..<scalars.count - 1).reversed().first(where: {
                Work.orgTypeWords.contains(Scalars.string(scalars[(scalars.count - $0)...]))
            })
        else { return [] }
        let head = scalars[..<(scalars.count - typeLength)]
        let typeWord = scalars[(scalars.count - typeLength)...]
        return entities.indices.filter { e in
            guard entities[e].kind == .org, entities[e].placeCode != nil else { return false }
            let name = Array(entities[e].name.unicodeScalars)
            guard name.count > scalars.count, name.suffix(typeLength).elementsEqual(typeWord) else { return false }
            let rest = name.dropLast(typeLength)
            return (1...2).contains { rest.dropLast($0).suffix(head.count).elementsEqual(head) && rest.count - $0 > head.count }
        }
    }

    /// A company's legal form, which a text drops when it names the company again (某港燃气有限公司 → 某港燃气).
    static let legalForms = ["股份有限公司", "有限责任公司", "有限公司"]

    /// The name without its legal form, nil when it has none or too little is left to be a name.
    static func withoutLegalForm(_ name: String) -> String? {
        name.withUTF8Bytes { bytes in
            nameLengthWithoutLegalForm(bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[..<$0]), as: UTF8.self) }
        }
    }

    /// Whether `withoutLegalForm` finds a name: without making it.
    static func hasLegalForm(_ name: String) -> Bool {
        name.withUTF8Bytes { nameLengthWithoutLegalForm($0) != nil }
    }

    /// Whether `name` without its legal form ends with `suffix`, without making the shorter name:
    /// asked of every organisation of a document for each name that found no place.
    static func endsWithoutLegalForm(_ name: String, in suffix: String) -> Bool {
        name.withUTF8Bytes { bytes in
            suffix.withUTF8Bytes { suffix in
                guard let length = nameLengthWithoutLegalForm(bytes), length >= suffix.count else { return false }
                let tail = UnsafeBufferPointer(rebasing: bytes[(length - suffix.count)..<length])
                return ByteHash.equal(UnsafeRawBufferPointer(tail), UnsafeRawBufferPointer(suffix))
            }
        }
    }

    /// How many bytes of the name come before its legal form (the first of `legalForms` it ends
    /// with), nil when it has none or fewer than four scalars are left.
    private static func nameLengthWithoutLegalForm(_ name: UnsafeBufferPointer<UInt8>) -> Int? {
        for form in legalForms {
            let matched = form.withUTF8Bytes { form in
                name.count >= form.count
                    && ByteHash.equal(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: name[(name.count - form.count)...])), UnsafeRawBufferPointer(form))
            }
            guard matched else { continue }
            let length = name.count - form.utf8.count
            // Scalars are counted by their first bytes (a continuation byte is 10xxxxxx).
            let scalars = name[..<length].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            return scalars >= 4 ? length : nil
        }
        return nil
    }

    /// The name after its place prefix: 衢州市柯城区府山街道党工委 → 党工委 is too bare, so the
    /// innermost place stays: 府山街道党工委.
    func bareName(_ m: Mention) -> String {
        guard let prefixEnd = m.placePrefixEnd, prefixEnd > m.range.lowerBound else { return m.text }
        // From the mention's text, not the view: a list member's name is composed (A区|民政局).
        let rest = Scalars.string(Array(m.text.unicodeScalars.dropFirst(prefixEnd - m.range.lowerBound)))
        if (m.core ?? "").isEmpty, let last = lastPlace(endingAt: prefixEnd, within: m.range) {
            return placeNames[last]! + rest
        }
        return rest
    }

    func lastPlace(endingAt end: Int, within range: Range<Int>) -> Int? {
        placesStarting(in: range).first { mentions[$0].range.upperBound == end }
    }

    /// The position in `placeOrder` of the first place mention starting at or after `offset`.
    func firstPlace(startingAtOrAfter offset: Int) -> Int {
        var low = 0
        var high = placeOrder.count
        while low < high {
            let middle = (low + high) / 2
            if mentions[placeOrder[middle]].range.lowerBound < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Place mentions whose start lies in `range`, found by binary search over `placeOrder`.
    func placesStarting(in range: Range<Int>) -> ArraySlice<Int> {
        var low = 0
        var high = placeOrder.count
        while low < high {
            let middle = (low + high) / 2
            if mentions[placeOrder[middle]].range.lowerBound < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < placeOrder.count && mentions[placeOrder[end]].range.lowerBound < range.upperBound { end += 1 }
        return placeOrder[low..<end]
    }

    static let levelWords: [(word: String, suffixes: [String])] = [
        ("街道", ["街道"]), ("社区", ["社区"]), ("镇", ["镇"]), ("乡", ["乡"]), ("村", ["村"]),
        ("区", ["区"]), ("县", ["县"]), ("市", ["市"])
    ]

    /// The Youth League committee of a level, as news names it (团市委), and that level.
    static let leagueCommittees = ["团市委": "市", "团县委": "县", "团区委": "区"]

    /// Short type words news uses for a bureau or commission and their full forms: 某市卫健局 and
    /// 某市卫生健康局 are one body, named in full.
    static let shortTypeWords: [(short: String, full: String)] = [
        ("卫健局", "卫生健康局"), ("卫健委", "卫生健康委员会"), ("卫生健康委", "卫生健康委员会"),
        ("住建局", "住房和城乡建设局"), ("人社局", "人力资源和社会保障局"), ("市场监管局", "市场监督管理局"),
        ("发改局", "发展和改革局"), ("发改委", "发展和改革委员会"), ("经信局", "经济和信息化局"),
        ("资规局", "自然资源和规划局"), ("应急局", "应急管理局"), ("农业农村局", "农业农村局"),
        ("文广旅体局", "文化和广电旅游体育局"), ("生态环境局", "生态环境局"), ("社工站", "社会工作站")
    ].filter { $0.short != $0.full }
    static let shortTypeWordEnds = ScalarSet(shortTypeWords.compactMap { $0.short.unicodeScalars.last })

    /// The name with a short type word at its end written in full (桐乡市卫健局 → 桐乡市卫生健康局).
    static func fullTypeWord(_ name: String) -> String {
        // Most names end with none of their last characters: one test, not one suffix test per word.
        guard let last = name.unicodeScalars.last, shortTypeWordEnds.contains(last) else { return name }
        for (short, full) in shortTypeWords where name.endsWithBytes(of: short) {
            return String(decoding: name.utf8.dropLast(short.utf8.count), as: UTF8.self) + full
        }
        return name
    }

    /// `Lexicon.orgTypeWords` as a set: asked for every reference, a hundred string comparisons each.
    static let orgTypeWords = Set(Lexicon.orgTypeWords.map(\.word))

    /// 该街道党工委 / 街道党工委 → the named org whose place is the 街道 the article talks about,
    /// made from that place's name when the article never writes it in full.
    mutating func referent(of i: Int) -> Int? {
        let m = mentions[i]
        // Prefixes are tested on the UTF-8 (see `hasSuffix` below): these words are whole characters.
        var text = m.text.utf8[...]
        if text.starts(with: "该".utf8) {
            text = text.dropFirst("该".utf8.count)
            // 该服务队: the last body of the article named with that type word, in short or in full
            // (该社工站 of 某街道社会工作站).
            let typeWord = String(decoding: text, as: UTF8.self)
            if Work.orgTypeWords.contains(typeWord) {
                let art = article(of: i)
                let fullTypeWord = Work.fullTypeWord(typeWord)
                return mentions.indices.last { j in
                    mentions[j].kind == .org && !mentions[j].isReference && mentions[j].range.upperBound <= m.range.lowerBound
                        && article(of: j) == art && entityOf[j] != nil
                        && (mentions[j].text.hasSuffix(typeWord) || mentions[j].text.hasSuffix(fullTypeWord))
                }.flatMap { entityOf[$0] }
            }
        }
        // 团市委, 团县委: the Youth League committee of the city or county, named 共青团某某市委.
        let leagueLevel = Work.leagueCommittees[m.text]
        if let leagueLevel { text = leagueLevel.utf8[...] }
        let league = leagueLevel != nil
        guard let levelNumber = Work.levelWords.firstIndex(where: { text.starts(with: $0.word.utf8) }) else { return nil }
        let level = Work.levelWords[levelNumber]
        let typeWord = Work.fullTypeWord(String(decoding: text.dropFirst(level.word.utf8.count), as: UTF8.self))
        // 县委, 县委宣传部: the place's party committee, or a department of it.
        let committee = typeWord.hasPrefix("委") && (typeWord == "委" || Work.orgTypeWords.contains(String(typeWord.dropFirst())))
        guard league || committee || Work.orgTypeWords.contains(typeWord) else { return nil }
        // The nearest place of that level before the reference in the same article (else the first after it).
        let art = article(of: i)
        let key = art * Work.levelWords.count + levelNumber
        let candidates =
            placesOfLevelWord[key]
            ?? {
                let found = placeOrder.filter { article(of: $0) == art && placeNames[$0]!.endsWithBytes(of: level.word) }
                placesOfLevelWord[key] = found
                return found
            }()
        // Place mentions do not overlap: their ends are in text order too.
        var low = 0
        var high = candidates.count
        while low < high {
            let middle = (low + high) / 2
            if mentions[candidates[middle]].range.upperBound <= m.range.lowerBound { low = middle + 1 } else { high = middle }
        }
        let lastBefore = low > 0 ? candidates[low - 1] : nil
        guard let p = lastBefore ?? candidates.first, let code = placeCode[p], let name = placeName(code) else { return nil }
        let orgName = league ? "共青团" + name + "委" : name + typeWord
        // 区委组织部 after 中共某某市某某区委组织部: the body named in full, with its party's or city's name before.
        if committee, let named = organisation(endingWith: orgName, at: code) { return named }
        return entity(key: "org:" + orgName + "@" + code) {
            var e = ResolvedEntity(kind: .org, name: orgName)
            e.placeCode = code
            e.subkind = m.subkind ?? .org(.party)
            return e
        }
    }

    /// The organisation of the place `code` whose name ends with `name`.
    func organisation(endingWith name: String, at code: String) -> Int? {
        entities.indices.first { entities[$0].kind == .org && entities[$0].placeCode == code && entities[$0].name.endsWithBytes(of: name) }
    }

    // MARK: Programmes and people

    /// One entity per name; a short form (邻里汇, 读书一小时) joins the full one that ends with it.
    mutating func resolveProgrammes() {
        let indices = mentions.indices.filter { mentions[$0].kind == .programme }
        // Each distinct name is hashed once (first sighting first); mentions then go by its number.
        var numberOfName: [TextKey: Int] = [:]
        var names: [(text: String, scalars: [Unicode.Scalar])] = []
        let nameOf = indices.map { i -> Int in
            let text = mentions[i].canonical ?? mentions[i].text
            let key = TextKey(text)
            if let n = numberOfName[key] { return n }
            numberOfName[key] = names.count
            names.append((text, Array(text.unicodeScalars)))
            return names.count - 1
        }
        // The full form of a name: the shortest longer name ending with it (ties by name, so it is stable).
        let byLength = names.indices.sorted { (names[$0].scalars.count, names[$0].text) < (names[$1].scalars.count, names[$1].text) }
        var fullName = Array(names.indices)
        for (k, n) in byLength.enumerated() where names[n].scalars.count >= 3 {
            let name = names[n]
            let full = byLength[(k + 1)...].first { l in
                let longer = names[l]
                return longer.scalars.count > name.scalars.count
                    && Scalars.word(name.scalars, endsAt: longer.scalars.count, in: longer.scalars) && longer.text.endsWithBytes(of: name.text)
            }
            if let full { fullName[n] = full }
        }
        var entityOfName = [Int?](repeating: nil, count: names.count)
        for (i, n) in zip(indices, nameOf) {
            let m = mentions[i]
            let canonical = fullName[n]
            let index: Int
            if let known = entityOfName[canonical] {
                index = known
            } else {
                // Names are numbered by their key above: each canonical name makes its own entity.
                var e = ResolvedEntity(kind: .programme, name: names[canonical].text)
                e.subkind = m.subkind ?? .programme(.brand)
                index = entities.count
                entities.append(e)
                entityOfName[canonical] = index
            }
            if let prefixEnd = m.placePrefixEnd, entities[index].placeCode == nil {
                entities[index].placeCode = finestPlace(inside: m.range.lowerBound..<prefixEnd)
            }
            attach(i, to: index)
        }
    }

    mutating func resolvePeople() {
        for i in mentions.indices where mentions[i].kind == .person {
            let m = mentions[i]
            let index = entity(key: "person:" + m.text) { ResolvedEntity(kind: .person, name: m.text) }
            if let title = m.title, entities[index].role == nil, m.rule == .personAfterTitle {
                entities[index].role = title
            }
            attach(i, to: index)
        }
    }
}
