import TupuGazetteer
import TupuGraph
import TupuKit
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
    public var rule: RelationRule
    public var confidence: Double
    /// A role's title as the sentence writes it (党委书记).
    public var title: String? = nil
}

/// The pattern that read a relation: its name (`runs.passive`) is written as the evidence's rule.
public enum RelationRule: String, Sendable, CaseIterable {
    case locatedInArticleTopic = "located_in.article-topic"
    case locatedInFieldLabel = "located_in.field-label"
    case locatedInTableColumn = "located_in.table-column"
    case locatedInLocative = "located_in.locative"
    case locatedInNamePrefix = "located_in.name-prefix"
    case locatedInReference = "located_in.reference"
    case locatedInRunner = "located_in.runner"
    case locatedInSentencePlace = "located_in.sentence-place"
    case memberOfAlliance = "member_of.alliance"
    case memberOfBareDepartment = "member_of.bare-department"
    case memberOfFormedBy = "member_of.formed-by"
    case memberOfJoins = "member_of.joins"
    case memberOfMemberList = "member_of.member-list"
    case memberOfMemberListArticle = "member_of.member-list-article"
    case memberOfName = "member_of.name"
    case memberOfSubUnitName = "member_of.sub-unit-name"
    case memberOfSubsidiary = "member_of.subsidiary"
    case partOfAdjacent = "part_of.adjacent"
    case partOfGazetteerChain = "part_of.gazetteer-chain"
    case partnerGroup = "partner.group"
    case partnerLevelPair = "partner.level-pair"
    case partnerJointVerb = "partner.joint-verb"
    case partnerLedGroup = "partner.led-group"
    case partnerRespectively = "partner.respectively"
    case partnerWithVerb = "partner.with-verb"
    case roleChainBody = "role.chain-body"
    case roleDepartment = "role.department"
    case rolePlaceTitle = "role.place-title"
    case roleTitle = "role.title"
    case roleTitleChain = "role.title-chain"
    case runsActorVerb = "runs.actor-verb"
    case runsAllParties = "runs.all-parties"
    case runsArticleTopic = "runs.article-topic"
    case runsBasedOn = "runs.based-on"
    case runsBracketedUnit = "runs.bracketed-unit"
    case runsField = "runs.field"
    case runsOperator = "runs.operator"
    case runsPersonFounder = "runs.person-founder"
    case runsBothParties = "runs.both-parties"
    case runsFieldLabel = "runs.field-label"
    case runsTableColumn = "runs.table-column"
    case runsListItem = "runs.list-item"
    case runsClauseSubject = "runs.clause-subject"
    case runsPassive = "runs.passive"
    case runsPassiveClause = "runs.passive-clause"
    case runsPassiveReference = "runs.passive-reference"
    case runsPossessive = "runs.possessive"
    case runsSameSentence = "runs.same-sentence"
    case runsSentenceSubject = "runs.sentence-subject"
}

/// Sentence-level patterns for the six relations (see GUIDELINES: runs, located_in,
/// part_of, partner, member_of, role). Each pattern is a small function; the rule name
/// it leaves on the evidence says which one fired.
public struct RelationExtractor: Sendable {
    let gazetteer: PlaceGazetteer
    /// The gazetteer's parent links, shared with the graph builder.
    let chains: AdministrativeChains
    // The cue words (Resources/relation-cues.tsv), each family its own stored set: read in the
    // scans, where a dictionary lookup per use showed.
    let runVerbs: WordSet
    let runVerbNouns: WordSet
    /// Labels of a 公示 list's fields: who runs the item's programme (承接单位：), where it is (实施地点：).
    let runnerFields: WordSet
    let placeFields: WordSet
    /// Between a programme and the 由 naming its runner (“P”交由X运营, “P”则由X…).
    let passiveLeads: WordSet
    let locatives: WordSet
    let locativesAfter: WordSet
    let transitivePartner: WordSet
    let mutualPartner: WordSet
    let partnerNouns: WordSet
    /// Both partner lists at once: most positions start neither, and one lookup tells.
    let partnerVerbs: WordSet
    let with: WordSet
    let bothParties: WordSet
    let pronouns: WordSet
    let gapWords: WordSet
    let membershipVerbs: WordSet
    let founderWords: WordSet
    let memberLists: WordSet
    let memberListModifiers: WordSet
    /// A list of bodies before these joins a collective (A、B正式加入联盟, 将A、B纳入其中, A、B成为联盟成员单位).
    let joinVerbs: WordSet
    let memberCopulas: WordSet
    let memberWords: WordSet
    let collectiveWords: WordSet
    let subUnits: WordSet
    let departmentEnds: WordSet
    let placeTitles: WordSet
    let meansMarkers: WordSet
    let personalTitles: WordSet
    let titlePrefixes: WordSet
    let partnerModifiers: WordSet
    let placeReferences: WordSet
    let groupNouns: WordSet
    let chainBodies: WordSet
    let subsidiaryMarkers: WordSet
    let destinations: WordSet
    let localPlaces: WordSet
    /// Level words standing alone as a clause's actor (社区还联合…, 镇里正与…合作): the article's last place of that level.
    let actorPlaces: WordSet
    let settingOpens: WordSet
    let settingCloses: WordSet
    /// A body's category between 由 and its name (由社会组织X承接).
    let agentCategories: WordSet
    /// A body that only guides (由A指导，B主办): no runner, the chain goes on.
    let guideVerbs: WordSet
    /// A programme's operation (“P”的日常运营由X负责).
    let operationNouns: WordSet
    /// A body's role towards a programme (主办单位, 运营方).
    let operatorNouns: WordSet
    let memberNouns: WordSet
    /// Verbs by which a body holds the units a counted list names (设有A、B等12个科室, 划分为A、B5个党支部).
    let unitListVerbs = WordSet(["现有", "设有", "下设", "划分为", "分为", "拥有"])
    /// The verb of having after a subsidiary marker (旗下|有|A、B).
    let holdingVerbs = WordSet(["有", "拥有", "包括", "包含"])
    /// Adverbs that open a clause of their own before what it adds (另控股…, 此外还…).
    let clauseAdverbs = WordSet(["另", "另外", "此外", "同时"])
    /// Bare type words that, standing alone, refer back to a named organisation (联盟推出…, 服务队队长…).
    let referringTypeWords: WordSet
    /// Where the document's scans may find a word: the first scalars of the partner verbs and the
    /// last of each list the type-word references read, all found in one pass over the text.
    let scanScalars: ScalarClasses
    let stops = Lexicon.stops
    let counted = WordSet(Lexicon.counted)
    let programmeCueWords = WordSet(Lexicon.programmeCues.map(\.word))
    /// Words that name every party of a partnership of three or more (三方还将共同推出…).
    let allParties = WordSet(["三方", "四方", "五方", "多方", "各方"])
    /// What opens a clause that refers back to a programme by its type word (该品牌由…, 这家工坊由…,
    /// 本届大赛由…: the edition just named).
    let referenceDeterminers = WordSet(["该", "这个", "这家", "这座", "这一", "此", "本届", "本次"])
    let programmeTypeWords = WordSet(
        ["品牌", "项目", "驿站", "工坊", "服务", "活动", "行动", "平台", "课堂", "食堂", "议事厅", "调解室", "专区", "基地", "站点", "计划", "工程"])

    /// The cues shipped with the package, read once.
    public static let bundledCues: RelationCues = {
        do { return try RelationCues.bundled() } catch { fatalError("\(error)") }
    }()

    public init(gazetteer: PlaceGazetteer, cues: RelationCues = RelationExtractor.bundledCues) {
        self.gazetteer = gazetteer
        self.chains = AdministrativeChains(gazetteer: gazetteer)
        runVerbs = cues[.runVerb]
        runVerbNouns = cues[.runVerbNoun]
        runnerFields = cues[.runnerField]
        placeFields = cues[.placeField]
        passiveLeads = cues[.passiveLead]
        locatives = cues[.locative]
        locativesAfter = cues[.locativeAfter]
        transitivePartner = cues[.partnerTransitive]
        mutualPartner = cues[.partnerMutual]
        partnerNouns = cues[.partnerNoun]
        partnerVerbs = WordSet(transitivePartner.words.union(mutualPartner.words))
        with = cues[.partnerWith]
        bothParties = cues[.bothParties]
        pronouns = cues[.pronoun]
        gapWords = cues[.gapWord]
        membershipVerbs = cues[.membershipVerb]
        founderWords = cues[.founderWord]
        memberLists = cues[.memberList]
        memberListModifiers = cues[.memberListModifier]
        joinVerbs = cues[.joinVerb]
        memberCopulas = cues[.memberCopula]
        memberWords = cues[.memberWord]
        collectiveWords = cues[.collectiveWord]
        subUnits = cues[.subUnit]
        departmentEnds = cues[.departmentEnd]
        placeTitles = cues[.placeTitle]
        meansMarkers = cues[.meansMarker]
        personalTitles = cues[.personalTitle]
        titlePrefixes = cues[.titlePrefix]
        partnerModifiers = cues[.partnerModifier]
        placeReferences = cues[.placeReference]
        groupNouns = cues[.groupNoun]
        chainBodies = cues[.chainBody]
        subsidiaryMarkers = cues[.subsidiaryMarker]
        destinations = cues[.destination]
        localPlaces = cues[.localPlace]
        actorPlaces = cues[.actorPlace]
        settingOpens = cues[.settingOpen]
        settingCloses = cues[.settingClose]
        agentCategories = cues[.agentCategory]
        guideVerbs = cues[.guideVerb]
        operationNouns = cues[.operationNoun]
        operatorNouns = cues[.operatorNoun]
        memberNouns = cues[.memberNoun]
        referringTypeWords = cues[.referringTypeWord]
        var keys = [ScalarSet](repeating: ScalarSet([]), count: ScanPoint.allCases.count)
        keys[ScanPoint.partnerVerbStart.rawValue] = partnerVerbs.byFirst.keys
        keys[ScanPoint.typeWordEnd.rawValue] = referringTypeWords.byLast.keys
        keys[ScanPoint.placeReferenceEnd.rawValue] = placeReferences.byLast.keys
        keys[ScanPoint.localPlaceEnd.rawValue] = localPlaces.byLast.keys
        keys[ScanPoint.actorPlaceEnd.rawValue] = actorPlaces.byLast.keys
        keys[ScanPoint.memberNounEnd.rawValue] = memberNouns.byLast.keys
        keys[ScanPoint.memberListStart.rawValue] = memberLists.byFirst.keys
        keys[ScanPoint.joinVerbStart.rawValue] = ScalarSet(joinVerbs.words.union(memberCopulas.words).compactMap(\.unicodeScalars.first))
        keys[ScanPoint.clauseBreak.rawValue] = ScalarSet("，,；;：:。")
        keys[ScanPoint.operatorNounStart.rawValue] = operatorNouns.byFirst.keys
        keys[ScanPoint.memberWordStart.rawValue] = memberWords.byFirst.keys
        keys[ScanPoint.unitListVerbStart.rawValue] = unitListVerbs.byFirst.keys
        scanScalars = ScalarClasses(keys)
    }

    /// The offsets a scan reads: where a word of its list may start or end.
    enum ScanPoint: Int, CaseIterable {
        case partnerVerbStart, typeWordEnd, placeReferenceEnd, localPlaceEnd, actorPlaceEnd, memberNounEnd, memberListStart
        /// Where a join verb or a member copula may start.
        case joinVerbStart
        /// `isClauseBreak`'s scalars.
        case clauseBreak
        case operatorNounStart, memberWordStart, unitListVerbStart
    }

    /// A document's offsets of each kind of scan point, ascending.
    struct ScanPoints {
        let offsets: ScalarClasses.Offsets
        /// Per kind, where the last range asked of it ended: sentences are read in text order, so
        /// each asks on from there, and every offset is passed once in all.
        private var next: [Int]

        init(offsets: ScalarClasses.Offsets) {
            self.offsets = offsets
            next = (0..<offsets.count).map { offsets[$0].startIndex }
        }

        subscript(_ point: ScanPoint) -> ArraySlice<Int> { offsets[point.rawValue] }

        /// Those inside `range` (a sentence's); a range before the last one asked starts over.
        mutating func of(_ point: ScanPoint, in range: Range<Int>) -> ArraySlice<Int> {
            let all = self[point]
            var start = next[point.rawValue]
            if start > all.startIndex && all[start - 1] >= range.lowerBound { start = all.startIndex }
            while start < all.endIndex && all[start] < range.lowerBound { start += 1 }
            var end = start
            while end < all.endIndex && all[end] < range.upperBound { end += 1 }
            next[point.rawValue] = end
            return all[start..<end]
        }
    }

    /// Mentions of one sentence that are not inside another mention, in text order.
    struct SentenceView {
        let index: Int
        let range: Range<Int>
        let top: [Int]
    }

    public func relate(_ resolved: ResolvedDocument) -> [RelationCandidate] {
        var out: [RelationCandidate] = []
        // The type-word references add mentions, not text: the scan points hold for both documents.
        var points = ScanPoints(offsets: scanScalars.offsets(in: resolved.segmented.view.scalars))
        let doc = withTypeWordReferences(resolved, points)
        let text = doc.segmented.view.scalars
        // Closures below read this array, not `doc`: capturing the document copied it per call.
        let mentions = doc.mentions
        // Mentions with an entity by sentence, then start, longest first (then index, as the stable
        // sort per sentence this replaces left them): each sentence reads its run of one list.
        // On one span an organisation comes first: a list member composed over its place (A区|及B区民政局)
        // is what the sentence lists. The sort keys are spelled out once, not read from the mentions at each comparison.
        var placed: [(sentence: Int, start: Int, longest: Int, orgFirst: Int, mention: Int)] = []
        for i in mentions.indices where doc.entityOf[i] != nil {
            let range = mentions[i].range
            if let s = doc.segmented.sentenceIndex(at: range.lowerBound) {
                placed.append((s, range.lowerBound, -range.count, mentions[i].kind == .org ? 0 : 1, i))
            }
        }
        // The mention index last makes every key distinct.
        placed.sort { a, b in (a.sentence, a.start, a.longest, a.orgFirst, a.mention) < (b.sentence, b.start, b.longest, b.orgFirst, b.mention) }
        let ordered = placed.map(\.mention)
        let partnerVerbStarts = Array(points[.partnerVerbStart])
        let alone = namedAlone(doc)
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
                // Partners first: 双方/两地 in a running clause name the pair just made partners.
                partners(view, doc, text, verbStarts: partnerVerbStarts, topic: articleTopic, &out)
                runs(view, doc, text, topic: articleTopic, &out)
                runsByReference(view, doc, text, clauseBreaks: points.of(.clauseBreak, in: window), &out)
                runsByOperatorNoun(view, doc, text, nounStarts: points.of(.operatorNounStart, in: window), &out)
                memberships(view, here, doc, text, alone: alone, &out)
                memberLists(view, doc, text, listStarts: points.of(.memberListStart, in: window), &out)
                joins(view, doc, text, verbStarts: points.of(.joinVerbStart, in: window), &out)
                memberRoll(view, doc, text, wordStarts: points.of(.memberWordStart, in: window), &out)
                formedBy(view, doc, text, &out)
                subsidiaries(view, doc, text, unitVerbStarts: points.of(.unitListVerbStart, in: window), &out)
                roles(view, here, doc, text, &out)
                locatedIn(view, here, doc, text, topic: articleTopic, &out)
                if let subject = view.top.first(where: { isActor(doc, $0) }), doc.mentions[subject].range.lowerBound - window.lowerBound <= 8,
                    !isLocative(subject, in: view, doc, text)
                {
                    topic[sentence.article] = doc.entityOf[subject]!
                }
            }
        }
        partOf(doc, &out)
        labelledFields(doc, &out)
        tableColumns(doc, &out)
        subUnitsByName(doc, &out)
        bareDepartments(doc, &out)
        keepMostSpecificPlaces(doc, &out)
        keepStatedRunners(&out)
        return out
    }

    // MARK: references by type word

    /// A bare type word standing alone as a clause's actor or a title's body (联盟推出“…”,
    /// 服务队队长…, 该公司与…合作) refers to the last organisation of the article named with that
    /// word. Each joins the document as a reference mention of that organisation, so that every
    /// pattern reads it as it reads a name (its entity's own mentions are left as they were).
    func withTypeWordReferences(_ doc: ResolvedDocument, _ points: ScanPoints) -> ResolvedDocument {
        let text = doc.segmented.view.scalars
        let mentions = doc.mentions
        let orgs = mentions.indices.filter { mentions[$0].kind == .org && doc.entityOf[$0] != nil }
            .sorted { mentions[$0].range.lowerBound < mentions[$1].range.lowerBound }
        // Place references (该镇, 村里, 社区还…) need no organisation: a document without one still reads them.
        guard
            !orgs.isEmpty || !points[.placeReferenceEnd].isEmpty || !points[.localPlaceEnd].isEmpty
                || !points[.actorPlaceEnd].isEmpty
        else { return doc }
        var added: [Mention] = []
        var referents: [Int?] = []
        // Mentions by start, with the furthest end reached so far: whether a word overlaps one is a binary search.
        // A reference the resolver could not place (a bare 支部) names nothing and is no obstacle.
        let byStart = mentions.indices.filter { doc.entityOf[$0] != nil }.sorted { mentions[$0].range.lowerBound < mentions[$1].range.lowerBound }
        var reach: [Int] = []
        reach.reserveCapacity(byStart.count)
        for i in byStart { reach.append(max(reach.last ?? 0, mentions[i].range.upperBound)) }
        func overlapsMention(_ range: Range<Int>) -> Bool {
            var low = 0
            var high = byStart.count
            while low < high {
                let middle = (low + high) / 2
                if mentions[byStart[middle]].range.lowerBound < range.upperBound { low = middle + 1 } else { high = middle }
            }
            return low > 0 && reach[low - 1] > range.lowerBound
        }
        /// The org mentions starting before `offset`, nearest first, while they stay in `article`.
        func orgsBefore(_ offset: Int, inArticle article: Int) -> some Sequence<Int> {
            var low = 0
            var high = orgs.count
            while low < high {
                let middle = (low + high) / 2
                if mentions[orgs[middle]].range.lowerBound < offset { low = middle + 1 } else { high = middle }
            }
            return orgs[..<low].reversed().lazy.prefix { i in
                doc.segmented.sentenceIndex(at: mentions[i].range.lowerBound).map { doc.segmented.sentences[$0].article == article } ?? false
            }
        }
        /// Words found (`words(_:endingAt:in:)`) standing alone, each referring to the last org before it in its
        /// article that `refers` accepts.
        func scan(_ found: [(last: Int, length: Int)], _ refers: (_ org: Int, _ word: ArraySlice<Unicode.Scalar>) -> Bool) {
            for (last, length) in found {
                let range = (last + 1 - length)..<(last + 1)
                guard opensReference(at: range.lowerBound, text), closesReference(at: range.upperBound, text),
                    !overlapsMention(range), let sentence = doc.segmented.sentenceIndex(at: range.lowerBound)
                else { continue }
                let article = doc.segmented.sentences[sentence].article
                guard
                    let referent = orgsBefore(range.lowerBound, inArticle: article).first(where: { i in
                        mentions[i].range.upperBound <= range.lowerBound && refers(i, text[range])
                    })
                else { continue }
                var mention = Mention(kind: .org, range: range, text: Scalars.string(text[range]), rule: .orgTypeWordReference, confidence: 0.5)
                mention.isReference = true
                mention.subkind = mentions[referent].subkind
                added.append(mention)
                referents.append(doc.entityOf[referent])
            }
        }
        // 联盟推出…: the last organisation named with that type word.
        // The type words found once, for this scan and the next.
        let typeWords = RelationExtractor.words(referringTypeWords, endingAt: points[.typeWordEnd], in: text)
        scan(typeWords) { org, word in
            let m = mentions[org]
            func ends(with tail: ArraySlice<Unicode.Scalar>) -> Bool {
                m.range.count > tail.count && text[(m.range.upperBound - tail.count)..<m.range.upperBound].elementsEqual(tail)
            }
            // 集团旗下… after …集团有限公司: the company's legal ending is no part of the word.
            return ends(with: word) || RelationExtractor.legalEndings.contains { ends(with: word + $0) }
        }
        // 乡贤联谊会 after 某镇乡贤联谊会, 陆埠支行 after 某银行陆埠支行: a body's name without what opens it,
        // ending with a type word, refers to it where no mention stands (合作社还和乡贤联谊会结成…).
        for (last, length) in typeWords {
            let end = last + 1
            let wordStart = end - length
            guard !opensReference(at: wordStart, text),
                closesReference(at: end, text) || mutualPartner.longest(startingAt: end, in: text) != nil,
                let sentence = doc.segmented.sentenceIndex(at: wordStart)
            else { continue }
            let article = doc.segmented.sentences[sentence].article
            var start = wordStart - 1
            while start >= max(0, wordStart - 6), Chinese.isNameScalar(text[start]) {
                defer { start -= 1 }
                let range = start..<end
                guard opensReference(at: start, text), !overlapsMention(range) else { continue }
                let short = text[range]
                guard
                    let referent = orgsBefore(start, inArticle: article).first(where: { i in
                        let e = doc.entityOf[i]!
                        return RelationExtractor.name(doc.entities[e].name, endsWith: short)
                            || doc.entities[e].aliases.contains { RelationExtractor.name($0, endsWith: short) }
                    })
                else { continue }
                var mention = Mention(kind: .org, range: range, text: Scalars.string(short), rule: .orgTypeWordReference, confidence: 0.5)
                mention.isReference = true
                mention.subkind = mentions[referent].subkind
                added.append(mention)
                referents.append(doc.entityOf[referent])
                break
            }
        }
        // 该区/该镇 …: the last place of that level (a county, a town) the article named; 村里 …
        // (开进了村里, 村里的“…”): the last village.
        let places = mentions.indices.filter { mentions[$0].kind == .place && doc.entityOf[$0] != nil }
            .sorted { mentions[$0].range.lowerBound < mentions[$1].range.lowerBound }
        for (words, form, ends) in [
            (placeReferences, PlaceReferenceForm.determiner, points[.placeReferenceEnd]), (localPlaces, .local, points[.localPlaceEnd]),
            (actorPlaces, .actor, points[.actorPlaceEnd])
        ] {
            for last in ends {
                guard let length = words.longest(endingAt: last + 1, in: text) else { continue }
                let range = (last + 1 - length)..<(last + 1)
                // The word after 该 (该镇), before 里 (村里, 镇里), or the word itself (社区).
                let level: ArraySlice<Unicode.Scalar>
                switch form {
                case .determiner: level = text[(range.lowerBound + 1)..<range.upperBound]
                case .local: level = text[range.lowerBound..<(range.upperBound - 1)]
                case .actor: level = text[range.last!] == "里" ? text[range.lowerBound..<(range.upperBound - 1)] : text[range]
                }
                // 村里的某村 says where a partner is (与村里的某村结对), as partner-modifier reads it.
                if form == .local, range.upperBound + 1 < text.count, text[range.upperBound] == "的",
                    places.contains(where: { mentions[$0].range.lowerBound == range.upperBound + 1 })
                {
                    continue
                }
                if form == .actor, !opensClause(at: range.lowerBound, text) || !actsAfter(range.upperBound, text) { continue }
                guard !overlapsMention(range), let sentence = doc.segmented.sentenceIndex(at: range.lowerBound) else { continue }
                let article = doc.segmented.sentences[sentence].article
                guard
                    let referent = places.last(where: { i in
                        guard mentions[i].range.upperBound <= range.lowerBound,
                            let s = doc.segmented.sentenceIndex(at: mentions[i].range.lowerBound),
                            doc.segmented.sentences[s].article == article
                        else { return false }
                        return RelationExtractor.name(doc.entities[doc.entityOf[i]!].name, endsWith: level)
                    })
                else { continue }
                var mention = Mention(
                    kind: .place, range: range, text: Scalars.string(text[range]), rule: form.rule,
                    confidence: 0.5)
                mention.isReference = true
                mention.level = mentions[referent].level
                added.append(mention)
                referents.append(doc.entityOf[referent])
            }
        }
        // 队员们开展…: the last team or association.
        scan(RelationExtractor.words(memberNouns, endingAt: points[.memberNounEnd], in: text)) { org, _ in
            let kind = mentions[org].subkind
            return kind == .org(.team) || kind == .org(.association) || kind == .org(.alliance)
        }
        guard !added.isEmpty else { return doc }
        return doc.adding(mentions: added, entityOf: referents)
    }

    /// The longest word of `words` ending at each of `ends` (the offsets of last scalars) where one does.
    static func words(_ words: WordSet, endingAt ends: ArraySlice<Int>, in text: [Unicode.Scalar]) -> [(last: Int, length: Int)] {
        ends.compactMap { last in words.longest(endingAt: last + 1, in: text).map { (last, $0) } }
    }

    /// Whether `name` ends with `tail` and holds more before it, read from its end in place (no array of its scalars).
    static func name(_ name: String, endsWith tail: ArraySlice<Unicode.Scalar>) -> Bool {
        var scalars = name.unicodeScalars.reversed().makeIterator()
        for scalar in tail.reversed() where scalars.next() != scalar { return false }
        return scalars.next() != nil
    }

    /// How a place reference names its place: 该镇, 村里, or a level word standing as a clause's actor (社区还联合…).
    enum PlaceReferenceForm {
        case determiner, local, actor

        var rule: MentionRule {
            switch self {
            case .determiner: return .placeReference
            case .local: return .placeLocalReference
            case .actor: return .placeActorReference
            }
        }
    }

    /// Whether `start` opens a clause: the text's start, or right after a clause break or a quote.
    func opensClause(at start: Int, _ text: [Unicode.Scalar]) -> Bool {
        start == 0 || RelationExtractor.isClauseBreak(text[start - 1]) || text[start - 1] == "\n" || QuoteStage.isQuoteMark(text[start - 1])
    }

    /// Whether what follows `end` is what an actor does: adverbs (还, 正), then 与/和, a partner verb or a running verb.
    func actsAfter(_ end: Int, _ text: [Unicode.Scalar]) -> Bool {
        var at = end
        while at < text.count {
            if let length = gapWords.longest(startingAt: at, in: text) {
                at += length
            } else if text[at] == "正" {
                at += 1
            } else {
                break
            }
        }
        guard at < text.count else { return false }
        if with.longest(startingAt: at, in: text) != nil || partnerVerbs.longest(startingAt: at, in: text) != nil || runVerb(at: at, text) != nil {
            return true
        }
        // 街道还在某站内建成“…”: where it acts, then the verb, in the same clause.
        guard text[at] == "在" else { return false }
        return runVerbEnd(after: at + 1, before: min(text.count, at + 24), text) != nil
    }

    /// The endings a company's full name adds after its type word (…集团|有限公司).
    static let legalEndings: [[Unicode.Scalar]] = ["有限公司", "股份有限公司", "有限责任公司"].map { Array($0.unicodeScalars) }

    /// A reference starts a clause, or follows a function word or 该 (该公司), never a count (一家公司).
    func opensReference(at start: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard start > 0, Chinese.isNameScalar(text[start - 1]) else { return true }
        if text[start - 1] == "该" { return true }
        return (stops.longest(endingAt: start, in: text) != nil || gapWords.longest(endingAt: start, in: text) != nil)
            && counted.longest(endingAt: start, in: text) == nil
    }

    /// …and goes on with what an actor does: a title, a running or partner verb, an adverb, a member list.
    func closesReference(at end: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard end < text.count else { return false }
        var at = end
        if let length = memberListModifiers.longest(startingAt: at, in: text) { at += length }
        return PersonStage.titles.longest(startingAt: end, in: text) != nil
            || (runVerbs.longest(startingAt: end, in: text) != nil && runVerbNouns.longest(startingAt: end, in: text) == nil)
            || gapWords.longest(startingAt: end, in: text) != nil
            || with.longest(startingAt: end, in: text) != nil
            || transitivePartner.longest(startingAt: end, in: text) != nil
            || memberLists.longest(startingAt: at, in: text) != nil
            || subsidiaryMarkers.longest(startingAt: end, in: text) != nil
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
    /// A chain of places (丽水市|莲都区|紫金街道) is one party, the last; a place whose name runs on into a
    /// body no rule named (柯桥|仁和医院) is where that body sits, not a party.
    func listed(from start: Int, in view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], until limit: Int) -> [Int] {
        var out: [Int] = []
        var position = start
        for i in view.top where doc.mentions[i].range.lowerBound >= position && doc.mentions[i].range.upperBound <= limit {
            let gap = between(position, doc.mentions[i].range.lowerBound, text)
            // 与大碶街道的|九峰山社区、坝头社区: the places the town holds are the parties, not the town.
            if let last = out.last, doc.mentions[last].kind == .place, doc.mentions[i].kind == .place, gap.is("的") {
                out.removeLast()
                out.append(i)
                position = doc.mentions[i].range.upperBound
                continue
            }
            guard
                gap.isEmpty || (!out.isEmpty && gap.isOne(of: RelationExtractor.listSeparators))
                    || (out.isEmpty && partnerModifiers.contains(position..<doc.mentions[i].range.lowerBound, in: text))
            else { break }
            guard isActor(doc, i) else { break }
            if let last = out.last, doc.mentions[last].kind == .place, doc.mentions[last].range.upperBound == doc.mentions[i].range.lowerBound {
                out.removeLast()
            }
            out.append(i)
            position = doc.mentions[i].range.upperBound
        }
        if let last = out.last, doc.mentions[last].kind == .place, continuesName(after: doc.mentions[last], text) { out.removeLast() }
        return out
    }

    /// A place followed by two name characters and a running verb (海塘|体彩|开展): the place starts the name
    /// of a body no rule named.
    func namesUnnamedBody(after m: Mention, _ text: [Unicode.Scalar]) -> Bool {
        let end = m.range.upperBound
        guard continuesName(after: m, text), end + 2 < text.count, Chinese.isCharacter(text[end + 1]),
            stops.longest(startingAt: end + 1, in: text) == nil
        else { return false }
        return runVerb(at: end + 2, text) != nil
    }

    /// The text goes on from the mention into more name (普陀区|红十字会): no break, verb or function word follows.
    /// A village's collective (某村|村集体出资) is the village acting, no other body.
    func continuesName(after m: Mention, _ text: [Unicode.Scalar]) -> Bool {
        let end = m.range.upperBound
        guard end < text.count, Chinese.isCharacter(text[end]) else { return false }
        if m.kind == .place, RelationExtractor.collectives.longest(startingAt: end, in: text) != nil { return false }
        return stops.longest(startingAt: end, in: text) == nil && partnerVerbs.longest(startingAt: end, in: text) == nil
            && runVerbs.longest(startingAt: end, in: text) == nil && gapWords.longest(startingAt: end, in: text) == nil
            && with.longest(startingAt: end, in: text) == nil && PersonStage.titles.longest(startingAt: end, in: text) == nil
            && placeTitles.longest(startingAt: end, in: text) == nil && locativesAfter.longest(startingAt: end, in: text) == nil
    }

    // MARK: runs

    /// Who runs each programme of the sentence. An actor must be named in the sentence: the
    /// article's subject alone was wrong more often than right (a runner guessed from afar).
    func runs(_ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], topic: Int?, _ out: inout [RelationCandidate]) {
        for (n, p) in view.top.enumerated() where doc.mentions[p].kind == .programme {
            let programme = doc.mentions[p]
            var runners: [(Int, RelationRule, Double)] = []
            // 某医院的“…”驿站; a place's only when it is no venue (…社区的“…”里, 在…村的“…”, 某村的纪念馆, 村里的“…”).
            if n > 0, isActor(doc, view.top[n - 1]), !isLocative(view.top[n - 1], in: view, doc, text),
                doc.mentions[view.top[n - 1]].rule != .placeLocalReference,
                doc.mentions[view.top[n - 1]].kind == .org || (!isInside(programme, text) && programme.subkind != .programme(.facility)),
                between(doc.mentions[view.top[n - 1]].range.upperBound, programme.range.lowerBound, text).is("的")
            {
                runners.append((view.top[n - 1], .runsPossessive, 0.8))
            }
            // 优秀项目：某社区“P”、某村“Q”巡河行动: the place or body that opens a list's item runs its programme.
            if runners.isEmpty, let opener = listItemOpener(n, view, doc, text) {
                runners.append((opener, .runsListItem, 0.7))
            }
            // “安心贷”由嵊泗县总工会联合嵊泗农商银行推出; “…”位于…，由社区党委负责日常运营.
            // A later clause's 由 (某镇党委打造“…”，由某合作社负责运营) adds its runners to the one who made it.
            var passiveClause = false
            var passiveDirect = false
            if runners.isEmpty, let (by, rule) = passiveMarker(after: n, view, doc, text) {
                runners = passiveRunners(by: by, view, doc, text, rule: rule, confidence: rule == .runsPassive ? 0.85 : 0.7)
                passiveClause = rule == .runsPassiveClause && !runners.isEmpty
                passiveDirect = rule == .runsPassive && !runners.isEmpty
            }
            // 在…推广“…”模式: the programme is held up as a model; whoever spreads it does not run it.
            if runners.isEmpty, isModel(programme, text) { continue }
            // “…”依托某卫生院开设: the body the programme is based on runs it.
            if runners.isEmpty {
                runners = basedOnRunners(after: programme.range.upperBound, view, doc, text)
            }
            // 乡贤某某创办的“…”: a person who founds it runs it.
            if runners.isEmpty, n > 0, doc.mentions[view.top[n - 1]].kind == .person,
                foundedBy(from: doc.mentions[view.top[n - 1]].range.upperBound, to: programme.range.lowerBound, text)
            {
                runners = [(view.top[n - 1], .runsPersonFounder, 0.7)]
            }
            // A list's item “…”亲子阅读项目（某街道某社区）: the unit in brackets carries it out.
            if runners.isEmpty, let unit = bracketedUnit(after: programme.range.upperBound, view, doc, text) {
                runners = [(unit, .runsBracketedUnit, 0.75)]
            }
            // 三方还将共同推出“…”: every party of the article's last partnership.
            if runners.isEmpty, let parties = partiesNamedByCount(before: programme.range.lowerBound, view, doc, text, out) {
                for e in parties where e != entity(doc, p) {
                    out.append(
                        RelationCandidate(
                            relation: .runs, subject: e, object: entity(doc, p), span: programme.range,
                            sentence: view.index, rule: .runsAllParties, confidence: 0.65))
                }
                continue
            }
            // 双方联合开展“…”, 两地共同推出“…”: the pair the article has just made partners.
            if runners.isEmpty, let pair = pairNamedByBothParties(before: programme.range.lowerBound, view, doc, text, out) {
                for e in [pair.0, pair.1] where e != entity(doc, p) {
                    out.append(
                        RelationCandidate(
                            relation: .runs, subject: e, object: entity(doc, p), span: programme.range,
                            sentence: view.index, rule: .runsBothParties, confidence: 0.7))
                }
                continue
            }
            // The nearest actor before, if a running verb follows it (嵊泗县总工会率先在舟山市推出“…”);
            // else the sentence's subject (闸弄口街道依托“…联盟”，开展“…”); else the nearest org.
            // A place where things happen (在台州市推出, 在A、B等地建成) never runs anything.
            // A place whose name runs on into a body no rule named (海塘|体彩开展…) is where that body is, not the actor.
            // A body after 在 with an actor before it in the clause (团委在某实践所开设“…”) is the venue.
            let nearest = view.top[..<n].lastIndex(where: {
                isActor(doc, $0) && !isLocative($0, in: view, doc, text) && !isSupporting($0, doc, text) && !isMeans($0, doc, text)
                    && !(doc.mentions[$0].kind == .place && namesUnnamedBody(after: doc.mentions[$0], text))
                    && !isVenueBody($0, view, doc, text)
            })
            // 该服务队由某团委组建，将开展“…”: past the passive's clause, the one formed goes on acting.
            if runners.isEmpty, let k = nearest, let formed = subjectOfPassive(agent: k, before: programme.range.lowerBound, view, doc, text) {
                runners.append((formed, .runsClauseSubject, 0.65))
            }
            if let k = nearest,
                runners.isEmpty
                    || (passiveClause && doc.mentions[view.top[k]].kind == .org
                        && verbFollows(doc.mentions[view.top[k]].range.upperBound, before: programme.range.lowerBound, text))
                    // 村里打造的“…”夜游项目由X负责运营: the maker before the programme runs it too.
                    || (passiveDirect && between(doc.mentions[view.top[k]].range.upperBound, programme.range.lowerBound, text).endsWith("的")
                        && containsRunVerb(doc.mentions[view.top[k]].range.upperBound, programme.range.lowerBound, text))
            {
                let actor = doc.mentions[view.top[k]]
                let isPlace = actor.kind == .place
                let actsItself = verbFollows(actor.range.upperBound, before: programme.range.lowerBound, text)
                let subject = subjectOf(view, before: k, doc, text)
                var found: (group: [Int], rule: RelationRule, confidence: Double)? = nil
                if actsItself {
                    var group = coordinated(endingAt: k, in: view, doc, text)
                    // X牵头，联合A、B打造“…”: the body that leads runs it with them.
                    if let first = group.first, let lead = lead(joining: first, view, doc, text) { group.insert(lead, at: 0) }
                    // X还与Y合作推出“…”: the one who cooperates with Y runs it too.
                    if let first = group.first, let with = withActor(before: first, after: group.last!, view, doc, text) { group.insert(with, at: 0) }
                    // 由A主办、B承办的“…”: every body of the chain that 由 opens runs it.
                    for r in passiveChain(reaching: k, view, doc, text) where !group.contains(r) { group.insert(r, at: 0) }
                    found = (group, .runsActorVerb, 0.75)
                } else if opensClause(actor, view, text), continuesClause(before: programme.range.lowerBound, view, text) {
                    // 医院每周派医生坐诊，并推出“…”: the subject of the clause before goes on acting.
                    found = ([view.top[k]], .runsClauseSubject, 0.65)
                } else if let subject, subject != view.top[k] {
                    found = ([subject], .runsSentenceSubject, 0.6)
                } else if !isVenue(programme, text) {
                    // A place named near a programme, neither its sentence's subject nor with a verb, is where it is.
                    let verb = containsRunVerb(actor.range.upperBound, programme.range.lowerBound, text)
                    let possessive = between(actor.range.upperBound, programme.range.lowerBound, text).is("的")
                    if !isPlace || verb || (subject == view.top[k] && !possessive) {
                        found = (coordinated(endingAt: k, in: view, doc, text), verb ? .runsActorVerb : .runsSameSentence, verb ? 0.65 : 0.55)
                    }
                }
                if let (group, rule, confidence) = found {
                    // …与Y合作，在某镇设立“…”: Y runs it too, unless another actor stands between or the
                    // programme's own clause names its runner (…，由Z牵头打造的“…”).
                    var cooperating = cooperators(of: group.last, in: view, doc, text)
                    if let last = cooperating.last {
                        let between = doc.mentions[last].range.upperBound..<programme.range.lowerBound
                        var clause = programme.range.lowerBound
                        while clause > between.lowerBound, !RelationExtractor.isClauseBreak(text[clause - 1]) { clause -= 1 }
                        if (clause..<programme.range.lowerBound).contains(where: { text[$0] == "由" })
                            || view.top.contains(where: { m in
                                between.contains(doc.mentions[m].range.lowerBound) && isActor(doc, m) && !isLocative(m, in: view, doc, text)
                            })
                        {
                            cooperating = []
                        }
                    }
                    let partners = partnersOf(group.last, in: view, doc, text) + cooperating
                    for g in group + partners
                    where !runners.contains(where: { $0.0 == g }) && !isLocative(g, in: view, doc, text) {
                        runners.append((g, rule, confidence))
                    }
                }
            }
            // A sentence that names no actor and goes on with 还/并 and a verb (还通过“…”“…”三大行动): the
            // article's subject, the last sentence's, goes on acting.
            if runners.isEmpty, !view.top.contains(where: { isActor(doc, $0) }), let topic, !isVenue(programme, text),
                continuesSentence(before: programme.range.lowerBound, view, text)
            {
                out.append(
                    RelationCandidate(
                        relation: .runs, subject: topic, object: entity(doc, p), span: programme.range,
                        sentence: view.index, rule: .runsArticleTopic, confidence: 0.5))
                continue
            }
            for (r, rule, confidence) in runners where entity(doc, r) != entity(doc, p) {
                out.append(
                    RelationCandidate(
                        relation: .runs, subject: entity(doc, r), object: entity(doc, p),
                        span: span(doc.mentions[r], programme), sentence: view.index, rule: rule, confidence: confidence))
            }
        }
    }

    /// The actor that opens a list's item written ACTOR“P”[descriptor] (…项目：某社区“P”、某村“Q”巡河行动), the item
    /// opening after a colon or 、 and closing at 、 or the sentence's end, one of the two a 、: a list of such items
    /// names who runs each there. Elsewhere a place glued to a programme is where it is (走进某村“…”工坊).
    func listItemOpener(_ n: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        guard n > 0 else { return nil }
        let programme = doc.mentions[view.top[n]].range
        var first = n - 1
        let opener = view.top[first]
        let end = doc.mentions[opener].range.upperBound
        guard isActor(doc, opener), doc.mentions[opener].kind == .org || doc.entities[entity(doc, opener)].level == .village,
            end < programme.lowerBound, QuoteStage.isQuoteMark(text[end]), between(end, programme.lowerBound, text).isEmpty
        else { return nil }
        // A chain of places (某街道|某社区) opens the item as one.
        while first > 0, doc.mentions[view.top[first - 1]].kind == .place,
            doc.mentions[view.top[first - 1]].range.upperBound == doc.mentions[view.top[first]].range.lowerBound
        {
            first -= 1
        }
        let start = doc.mentions[view.top[first]].range.lowerBound
        guard start > view.range.lowerBound, RelationExtractor.itemOpenings.contains(text[start - 1]) else { return nil }
        var close = programme.upperBound
        while close < view.range.upperBound, QuoteStage.isQuoteMark(text[close]) { close += 1 }
        let descriptorEnd = close
        while close < view.range.upperBound, close - descriptorEnd < 10, Chinese.isCharacter(text[close]), text[close] != "、" { close += 1 }
        let closing: Unicode.Scalar = close < view.range.upperBound ? text[close] : "。"
        guard RelationExtractor.itemClosings.contains(closing), text[start - 1] == "、" || closing == "、" else { return nil }
        return opener
    }

    static let itemOpenings = ScalarSet("：:、")
    static let itemClosings = ScalarSet("、。；;")

    /// The actor right before 由 whose agent is `view.top[k]` (A由B组建), when a clause break lies between
    /// the agent and `end`: the later clause goes on about A.
    func subjectOfPassive(agent k: Int, before end: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        let agent = doc.mentions[view.top[k]]
        guard k > 0, agent.range.lowerBound > 0, text[agent.range.lowerBound - 1] == "由",
            (agent.range.upperBound..<end).contains(where: { RelationExtractor.isClauseBreak(text[$0]) }),
            actorBefore(agent.range.lowerBound - 1, view, doc, text) != nil, doc.mentions[view.top[k - 1]].kind == .org
        else { return nil }
        return view.top[k - 1]
    }

    /// The mention opens its clause (right after a comma or the sentence start).
    func opensClause(_ m: Mention, _ view: SentenceView, _ text: [Unicode.Scalar]) -> Bool {
        let start = m.range.lowerBound
        return start == view.range.lowerBound || RelationExtractor.isClauseBreak(text[start - 1])
    }

    /// The sentence opens (after a time phrase and a comma at most) with 还/并/也 and a running verb or 通过.
    func continuesSentence(before start: Int, _ view: SentenceView, _ text: [Unicode.Scalar]) -> Bool {
        var clause = view.range.lowerBound
        while clause < start, QuoteStage.isQuoteMark(text[clause]) { clause += 1 }
        var i = clause
        while let length = gapWords.longest(startingAt: i, in: text) { i += length }
        guard i > clause, i < start, RelationExtractor.continuers.contains(text[clause]) else { return false }
        return runVerb(at: i, text) != nil || meansMarkers.longest(startingAt: i, in: text) != nil
    }

    static let continuers: Set<Unicode.Scalar> = ["还", "并", "也", "又"]

    /// The bodies named after the 由 at `by` with a running verb (由X推出, 由X联合Y推出), and those of
    /// the clauses that go on with their own verbs (由X主导，Y承办，Z具体实施).
    func passiveRunners(
        by: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], rule: RelationRule, confidence: Double
    ) -> [(Int, RelationRule, Double)] {
        var runners: [(Int, RelationRule, Double)] = []
        var named = listed(from: by + 1, in: view, doc, text, until: view.range.upperBound)
        // 由社会组织X承接: the category word before the body is no part of the list.
        if named.isEmpty, let length = agentCategories.longest(startingAt: by + 1, in: text) {
            named = listed(from: by + 1 + length, in: view, doc, text, until: view.range.upperBound)
        }
        let all = named + partnersOf(named.last, in: view, doc, text)
        guard let last = all.last else { return runners }
        var verbEnd: Int
        if let end = runVerbEnd(after: doc.mentions[last].range.upperBound, before: view.range.upperBound, text) {
            verbEnd = end
            for g in all { runners.append((g, rule, confidence)) }
        } else if let end = guideEnd(after: doc.mentions[last].range.upperBound, text) {
            // 由A指导，B主办，C承办: A guides; the bodies after it, each with its verb, run it.
            verbEnd = end
        } else {
            return runners
        }
        // 由X主办、Y承办: each body with its own verb after the first.
        while verbEnd < view.range.upperBound, text[verbEnd] == "、" || text[verbEnd] == "," || text[verbEnd] == "，" {
            // …，日常运营由Y负责; …，交给Y管理: the operator of the same programme.
            var from = verbEnd + 1
            if let length = operationNouns.longest(startingAt: from, in: text), from + length < text.count, text[from + length] == "由" {
                from += length + 1
            } else if let length = RelationExtractor.handOver.longest(startingAt: from, in: text) {
                from += length
            }
            let more = listed(from: from, in: view, doc, text, until: view.range.upperBound)
            guard let next = more.last, let end = runVerbEnd(after: doc.mentions[next].range.upperBound, before: view.range.upperBound, text),
                end - doc.mentions[next].range.upperBound <= 4
            else { break }
            for g in more { runners.append((g, rule, confidence)) }
            verbEnd = end
        }
        return runners
    }

    /// A programme spread as an example (推广“…”模式, 复制“…”经验) is not what the sentence runs (推行“…”做法 is).
    func isModel(_ programme: Mention, _ text: [Unicode.Scalar]) -> Bool {
        var start = programme.range.lowerBound
        if start > 0, QuoteStage.isQuoteMark(text[start - 1]) { start -= 1 }
        var end = programme.range.upperBound
        if end < text.count, QuoteStage.isQuoteMark(text[end]) { end += 1 }
        return RelationExtractor.spreadVerbs.longest(endingAt: start, in: text) != nil
            && RelationExtractor.modelWords.longest(startingAt: end, in: text) != nil
    }

    static let modelWords = WordSet(["模式", "经验", "做法"])
    static let spreadVerbs = WordSet(["推广", "复制", "借鉴", "学习", "推介"])

    /// An organisation right after 在 with an actor before it in the same clause: where the actor acts.
    func isVenueBody(_ i: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Bool {
        let start = doc.mentions[i].range.lowerBound
        guard doc.mentions[i].kind == .org, start > view.range.lowerBound, text[start - 1] == "在" else { return false }
        return view.top.contains { j in
            let m = doc.mentions[j].range
            return j != i && m.upperBound < start && isActor(doc, j)
                && !(m.upperBound..<start).contains { RelationExtractor.isClauseBreak(text[$0]) }
        }
    }

    /// The bodies of a chain opened by 由 before the actor at `k` (由A主办、B|承办的), when the chain reaches it.
    func passiveChain(reaching k: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> [Int] {
        let actor = doc.mentions[view.top[k]].range
        for j in stride(from: k, through: 0, by: -1) {
            let start = doc.mentions[view.top[j]].range.lowerBound
            guard actor.lowerBound - start <= 60 else { break }
            guard start > view.range.lowerBound, text[start - 1] == "由", isActor(doc, view.top[j]) else { continue }
            let chain = passiveRunners(by: start - 1, view, doc, text, rule: .runsPassive, confidence: 0).map(\.0)
            return chain.contains(view.top[k]) ? chain : []
        }
        return []
    }

    /// The one body or place (a chain of places counts as its last) that fills a bracket right after a
    /// programme and its short description: “…”技能帮扶项目（某县妇女联合会）.
    func bracketedUnit(after end: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        var i = end
        if i < text.count, QuoteStage.isQuoteMark(text[i]) { i += 1 }
        let description = i
        while i < view.range.upperBound, i - description <= 12, Chinese.isCharacter(text[i]) { i += 1 }
        guard i < view.range.upperBound, text[i] == "(" || text[i] == "（" else { return nil }
        guard let close = (i + 1..<min(view.range.upperBound, i + 40)).first(where: { text[$0] == ")" || text[$0] == "）" }) else { return nil }
        let named = listed(from: i + 1, in: view, doc, text, until: close)
        guard named.count == 1, let unit = named.last, doc.mentions[unit].range.upperBound == close else { return nil }
        return unit
    }

    /// The bodies named after 依托 right after a programme, with a running verb (“…”依托X开设).
    func basedOnRunners(after end: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> [(Int, RelationRule, Double)] {
        var i = end
        if i < text.count, QuoteStage.isQuoteMark(text[i]) { i += 1 }
        guard i + 2 < view.range.upperBound, text[i] == "依", text[i + 1] == "托" else { return [] }
        let named = listed(from: i + 2, in: view, doc, text, until: view.range.upperBound)
        guard let last = named.last, doc.mentions[last].kind == .org,
            runVerbEnd(after: doc.mentions[last].range.upperBound, before: view.range.upperBound, text) != nil
        else { return [] }
        return named.map { ($0, .runsBasedOn, 0.7) }
    }

    /// Whether only a founding verb (and 的 or 了) stands between a person and a programme (某某创办的“…”).
    func foundedBy(from start: Int, to end: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard let length = RelationExtractor.founding.longest(startingAt: start, in: text) else { return false }
        let rest = between(start + length, end, text)
        return rest.isEmpty || rest.is("的") || rest.is("了")
    }

    static let founding = WordSet(["创办", "创建", "创立", "发起", "开办", "发起成立"])

    /// Handing a programme over to its operator (交给X管理).
    static let handOver = WordSet(["交给", "交由", "委托"])

    /// What a village acts through (村集体, 两委): the village itself.
    static let collectives = WordSet(["村集体", "集体", "村两委", "两委", "村民委员会"])

    /// Where a guiding verb right after a body ends (A|指导，), when a clause mark follows it.
    func guideEnd(after start: Int, _ text: [Unicode.Scalar]) -> Int? {
        var i = start
        while let length = gapWords.longest(startingAt: i, in: text) { i += length }
        guard let length = guideVerbs.longest(startingAt: i, in: text), i + length < text.count,
            text[i + length] == "，" || text[i + length] == "," || text[i + length] == "、"
        else { return nil }
        return i + length
    }

    /// 该品牌由X打造, 驿站由X牵头…, 这家工坊由X与Y合作建设: a clause that opens with a programme's
    /// type word (after 该/这家/此 at most) and 由 names who runs the article's last programme of
    /// that type (else its last programme), named in an earlier clause or sentence.
    /// `clauseBreaks`: the sentence's offsets of clause breaks, in order.
    func runsByReference(
        _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], clauseBreaks: ArraySlice<Int>, _ out: inout [RelationCandidate]
    ) {
        var breaks = clauseBreaks.makeIterator()
        var clause = view.range.lowerBound
        while clause < view.range.upperBound {
            var i = clause
            if let length = referenceDeterminers.longest(startingAt: i, in: text) { i += length }
            var referred: (programme: Int, by: Int)? = nil
            if let length = programmeTypeWords.longest(startingAt: i, in: text), i + length < view.range.upperBound, text[i + length] == "由",
                !view.top.contains(where: { doc.mentions[$0].kind == .programme && (clause..<i + length).contains(doc.mentions[$0].range.lowerBound) }),
                let programme = programmeReferred(before: clause, typeWord: i..<(i + length), view, doc, text)
            {
                referred = (programme, i + length)
            } else if let length = (2...4).first(where: { i + $0 < view.range.upperBound && text[i + $0] == "由" }),
                (i..<i + length).allSatisfy({ Chinese.isCharacter(text[$0]) }),
                !view.top.contains(where: { (clause..<i + length).contains(doc.mentions[$0].range.lowerBound) }),
                let programme = programmeNamed(by: i..<(i + length), before: clause, view, doc, text)
            {
                // 该综合体由…, 记忆馆由…: a word the article wrote in or right after a programme's name.
                referred = (programme, i + length)
            }
            if let (programme, by) = referred {
                for (r, rule, confidence) in passiveRunners(by: by, view, doc, text, rule: .runsPassiveReference, confidence: 0.8)
                where entity(doc, r) != programme {
                    out.append(
                        RelationCandidate(
                            relation: .runs, subject: entity(doc, r), object: programme, span: doc.mentions[r].range,
                            sentence: view.index, rule: rule, confidence: confidence))
                }
            }
            // The next clause, after the next break at or after this one's start.
            var next = breaks.next()
            while let b = next, b < clause { next = breaks.next() }
            clause = (next ?? view.range.upperBound) + 1
        }
    }

    /// A body's role towards a programme: a field (主办单位为X, 承接单位：X, “…”的运营方是X) names the bodies after
    /// it; a predicate (X是综合体的运营方) the body before 是. The programme is the one the field follows
    /// (its own sentence's last before, else the article's last), or the one the predicate names.
    /// `nounStarts`: the sentence's offsets where an operator noun may start, in order.
    func runsByOperatorNoun(
        _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], nounStarts: ArraySlice<Int>, _ out: inout [RelationCandidate]
    ) {
        // A noun read ends the search for the next one before its end.
        var notBefore = view.range.lowerBound
        for i in nounStarts where i >= notBefore {
            guard let length = operatorNouns.longest(startingAt: i, in: text) else { continue }
            let end = i + length
            var runners: [Int] = []
            var programme: Int? = nil
            var rule = RelationRule.runsField
            var after = end
            while let gap = gapWords.longest(startingAt: after, in: text) { after += gap }
            if after < view.range.upperBound, "为是：:".unicodeScalars.contains(text[after]) {
                runners = listed(from: after + 1, in: view, doc, text, until: view.range.upperBound)
                programme = programmeBefore(i, view, doc, text)
            } else if i > view.range.lowerBound, text[i - 1] == "的",
                let copula = (max(view.range.lowerBound, i - 14)..<(i - 1)).last(where: { text[$0] == "是" }),
                let k = view.top.lastIndex(where: { doc.mentions[$0].range.upperBound <= copula }), isActor(doc, view.top[k]),
                between(doc.mentions[view.top[k]].range.upperBound, copula, text).isEmpty
                    || gapWords.contains(doc.mentions[view.top[k]].range.upperBound..<copula, in: text)
            {
                // X是|综合体|的运营方, X也是“…”的承办方.
                runners = [view.top[k]]
                rule = .runsOperator
                let named = copula + 1..<(i - 1)
                if let p = view.top.first(where: { doc.mentions[$0].kind == .programme && named.contains(doc.mentions[$0].range.lowerBound) }) {
                    programme = entity(doc, p)
                } else if !named.isEmpty, named.allSatisfy({ Chinese.isCharacter(text[$0]) }) {
                    programme = programmeNamed(by: named, before: view.range.lowerBound, view, doc, text)
                }
            }
            if let programme {
                for r in runners where doc.mentions[r].kind != .programme && entity(doc, r) != programme {
                    out.append(
                        RelationCandidate(
                            relation: .runs, subject: entity(doc, r), object: programme, span: doc.mentions[r].range,
                            sentence: view.index, rule: rule, confidence: 0.75))
                }
            }
            notBefore = end
        }
    }

    /// The programme a field at `offset` belongs to: its sentence's last programme before it, else the
    /// article's last programme before the sentence.
    func programmeBefore(_ offset: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        if let p = view.top.last(where: { doc.mentions[$0].kind == .programme && doc.mentions[$0].range.upperBound <= offset }) {
            return entity(doc, p)
        }
        guard !view.top.contains(where: { doc.mentions[$0].kind == .programme }) else { return nil }
        let article = doc.segmented.sentences[view.index].article
        var last: (start: Int, entity: Int)? = nil
        for (i, m) in doc.mentions.enumerated() where m.kind == .programme && m.range.upperBound <= view.range.lowerBound {
            guard let e = doc.entityOf[i], let s = doc.segmented.sentenceIndex(at: m.range.lowerBound),
                doc.segmented.sentences[s].article == article, last.map({ m.range.lowerBound > $0.start }) ?? true
            else { continue }
            last = (m.range.lowerBound, e)
        }
        return last?.entity
    }

    /// The article's last programme before `offset` whose name ends with the word at `word` (记忆馆 for
    /// “紫菜记忆馆”) or whose clause goes on with it right after the name (“…”社区服务综合体 for 综合体).
    func programmeNamed(
        by word: Range<Int>, before offset: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]
    ) -> Int? {
        let article = doc.segmented.sentences[view.index].article
        let written = text[word]
        var found: (start: Int, entity: Int)? = nil
        // Mentions read in place: a copy of each retains its strings and readings.
        let mentions = doc.mentions
        for i in mentions.indices where mentions[i].kind == .programme && mentions[i].range.upperBound <= offset {
            let range = mentions[i].range
            guard let e = doc.entityOf[i], let s = doc.segmented.sentenceIndex(at: range.lowerBound),
                doc.segmented.sentences[s].article == article, found.map({ range.lowerBound > $0.start }) ?? true
            else { continue }
            var named = RelationExtractor.name(mentions[i].text, endsWith: written)
            if !named {
                // The description after the name, up to the clause's end or ten scalars.
                var j = range.upperBound
                if j < text.count, QuoteStage.isQuoteMark(text[j]) { j += 1 }
                let end = min(text.count, j + 10)
                while j + written.count <= end, !RelationExtractor.isClauseBreak(text[j]) {
                    if text[j..<(j + written.count)].elementsEqual(written) {
                        named = true
                        break
                    }
                    j += 1
                }
            }
            if named { found = (range.lowerBound, e) }
        }
        return found?.entity
    }

    /// The article's last programme mentioned before `offset` whose name ends with the type word, else its last programme.
    func programmeReferred(
        before offset: Int, typeWord: Range<Int>, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]
    ) -> Int? {
        let article = doc.segmented.sentences[view.index].article
        var last: (start: Int, entity: Int)? = nil
        var lastOfType: (start: Int, entity: Int)? = nil
        // Mentions read in place: a copy of each would retain every string in it.
        for i in doc.mentions.indices where doc.mentions[i].kind == .programme && doc.mentions[i].range.upperBound <= offset {
            let start = doc.mentions[i].range.lowerBound
            guard let e = doc.entityOf[i], let s = doc.segmented.sentenceIndex(at: start), doc.segmented.sentences[s].article == article
            else { continue }
            if last.map({ start > $0.start }) ?? true { last = (start, e) }
            let name = doc.mentions[i].text.unicodeScalars
            if name.count >= typeWord.count, name.suffix(typeWord.count).elementsEqual(text[typeWord]),
                lastOfType.map({ start > $0.start }) ?? true
            {
                lastOfType = (start, e)
            }
        }
        return (lastOfType ?? last)?.entity
    }

    /// The programme's clause has no subject of its own: it opens with 并/还/也 (adverbs) and a running verb.
    func continuesClause(before start: Int, _ view: SentenceView, _ text: [Unicode.Scalar]) -> Bool {
        var clause = start
        while clause > view.range.lowerBound, !RelationExtractor.isClauseBreak(text[clause - 1]) { clause -= 1 }
        guard clause > view.range.lowerBound else { return false }
        var i = clause
        while let length = gapWords.longest(startingAt: i, in: text) { i += length }
        return i > clause && (runVerb(at: i, text) != nil || meansMarkers.longest(startingAt: i, in: text) != nil)
    }

    /// Whether only a programme's type word stands between a quoted name and `end` (“…”互助站|由), with a
    /// short modifier before it (“…”助老服务项目|由, “…”夜游项目|由).
    func namesKind(from start: Int, to end: Int, _ text: [Unicode.Scalar]) -> Bool {
        var i = start
        while i < end, QuoteStage.isQuoteMark(text[i]) { i += 1 }
        guard i < end else { return false }
        if programmeCueWords.longest(startingAt: i, in: text) == end - i { return true }
        return end - i <= 8 && programmeCueWords.longest(endingAt: end, in: text) != nil
            && (i..<end).allSatisfy { Chinese.isCharacter(text[$0]) && !RelationExtractor.clauseParticles.contains(text[$0]) }
    }

    /// Characters that never stand inside a programme's type phrase: they open a clause of their own.
    static let clauseParticles: Set<Unicode.Scalar> = ["的", "在", "由", "是", "为", "将", "已", "于"]

    /// Whether only a passive lead or the programme's operation, after its type word at most, stands
    /// between a quoted name and its 由 (“…”项目交|由, “…”则|由, “…”的日常运营|由).
    func leadsPassive(from start: Int, to end: Int, _ text: [Unicode.Scalar]) -> Bool {
        var i = start
        while i < end, QuoteStage.isQuoteMark(text[i]) { i += 1 }
        if let length = programmeCueWords.longest(startingAt: i, in: text), i + length < end { i += length }
        if passiveLeads.contains(i..<end, in: text) { return true }
        return i < end && text[i] == "的" && operationNouns.longest(startingAt: i + 1, in: text) == end - i - 1
    }

    /// The 由 that names who runs the programme at `n`: right after it (“…”由X推出, rule `runs.passive`),
    /// or opening a later clause before any other programme (“…”位于…，由X负责运营, `runs.passive-clause`).
    func passiveMarker(after n: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> (Int, RelationRule)? {
        let end = doc.mentions[view.top[n]].range.upperBound
        let limit = view.top[(n + 1)...].first { doc.mentions[$0].kind == .programme }.map { doc.mentions[$0].range.lowerBound } ?? view.range.upperBound
        var i = end
        while i < limit && i - end <= 40 {
            if text[i] == "由" {
                let lead = between(end, i, text)
                if lead.isEmpty || leadsPassive(from: end, to: i, text) || namesKind(from: end, to: i, text) { return (i, .runsPassive) }
                if RelationExtractor.isClauseBreak(text[i - 1]) { return (i, .runsPassiveClause) }
                // “…”，课程由X开设: a later clause opening with the programme's type word.
                if let comma = (end..<i).first(where: { RelationExtractor.isClauseBreak(text[$0]) }), comma + 1 < i,
                    between(end, comma, text).isEmpty || namesKind(from: end, to: comma, text),
                    programmeCueWords.longest(startingAt: comma + 1, in: text) == i - comma - 1
                {
                    return (i, .runsPassiveClause)
                }
            }
            // “…”项目，今年起交由X接手; …，整体移交给X承接: a later clause that hands the programme over.
            if text[i] == "由" || text[i] == "给", handsOver(to: i, after: end, text) { return (i, .runsPassiveClause) }
            i += 1
        }
        return nil
    }

    /// Whether a hand-over word ends at `marker` (交由, 移交给) and opens a clause after `end`, a few
    /// words of time or manner between (今年起, 整体).
    func handsOver(to marker: Int, after end: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard let length = RelationExtractor.handOverLeads.longest(endingAt: marker, in: text) else { return false }
        var start = marker - length
        var words = 0
        while start > end, Chinese.isCharacter(text[start - 1]), words < RelationExtractor.handOverLeadIn {
            start -= 1
            words += 1
        }
        return start > end && RelationExtractor.isClauseBreak(text[start - 1])
    }

    /// What hands a programme over before its new runner's 由 or 给.
    static let handOverLeads = WordSet(["交", "移交", "转交"])
    /// How many characters may stand between a clause's start and its hand-over word (今年起|交由).
    static let handOverLeadIn = 5

    /// 双方/两地 opening the programme's clause (only adverbs and a running verb between): the two
    /// parties of the article's last partner edge, if there is one in this or an earlier sentence.
    func pairNamedByBothParties(
        before start: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar],
        _ out: [RelationCandidate]
    ) -> (Int, Int)? {
        var clause = start
        while clause > view.range.lowerBound, !RelationExtractor.isClauseBreak(text[clause - 1]) { clause -= 1 }
        var i = clause
        while let length = gapWords.longest(startingAt: i, in: text) { i += length }
        // The last partner edge of this or the sentence before (candidates come in sentence order)
        // whose two ends are of the kind asked.
        func lastPair(of kind: Mention.Kind? = nil) -> RelationCandidate? {
            for candidate in out.reversed() {
                // Two places (两地) stay the article's pair; other pairs reach one sentence back.
                if candidate.sentence < view.index - 1 && kind != .place { return nil }
                if candidate.relation == .partner,
                    kind.map({ doc.entities[candidate.subject].kind == $0 && doc.entities[candidate.object].kind == $0 }) ?? true
                {
                    return candidate
                }
            }
            return nil
        }
        if let length = bothParties.longest(startingAt: i, in: text), containsRunVerb(i + length, start, text) {
            // 双方 reaches back one sentence at most, within the article, to a pair named before it;
            // 两地/两村/两镇 name two places, 两家 two bodies.
            let article = doc.segmented.sentences[view.index].article
            let kind: Mention.Kind? =
                switch text[i + length - 1] {
                case "地", "村", "镇": .place
                case "家": .org
                default: nil
                }
            guard let last = lastPair(of: kind), doc.segmented.sentences[last.sentence].article == article,
                last.sentence < view.index || last.span.upperBound <= i
            else { return nil }
            return (last.subject, last.object)
        }
        // A与B签订协议，共同推出“…”: a clause with no actor of its own, right after the pair is made.
        guard i > clause, runVerb(at: i, text) != nil,
            !view.top.contains(where: { (clause..<start).contains(doc.mentions[$0].range.lowerBound) }),
            let last = lastPair(), last.sentence == view.index, last.span.upperBound <= clause,
            !view.top.contains(where: { isActor(doc, $0) && (last.span.upperBound..<clause).contains(doc.mentions[$0].range.lowerBound) })
        else { return nil }
        return (last.subject, last.object)
    }

    /// 三方/多方/各方 opening the programme's clause (adverbs and a running verb between): the parties of
    /// the partner edges of the article's last sentence that made any.
    func partiesNamedByCount(
        before start: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], _ out: [RelationCandidate]
    ) -> [Int]? {
        var clause = start
        while clause > view.range.lowerBound, !RelationExtractor.isClauseBreak(text[clause - 1]) { clause -= 1 }
        var i = clause
        while let length = gapWords.longest(startingAt: i, in: text) { i += length }
        guard let length = allParties.longest(startingAt: i, in: text), containsRunVerb(i + length, start, text) else { return nil }
        let article = doc.segmented.sentences[view.index].article
        guard let last = out.last(where: { $0.relation == .partner && doc.segmented.sentences[$0.sentence].article == article }) else { return nil }
        var parties: [Int] = []
        for c in out where c.relation == .partner && c.sentence == last.sentence {
            for e in [c.subject, c.object] where !parties.contains(e) { parties.append(e) }
        }
        return parties.count >= 3 ? parties : nil
    }

    static func isClauseBreak(_ scalar: Unicode.Scalar) -> Bool {
        // The view folds full-width punctuation to ASCII (，→ , ；→ ;), except the ideographic 。 and 、.
        scalar == "，" || scalar == "," || scalar == "；" || scalar == ";" || scalar == "：" || scalar == ":" || scalar == "。"
    }

    /// A programme right after 到/在 (到“邻里汇”服务点坐诊) is a venue the sentence goes to, not one it runs.
    func isVenue(_ programme: Mention, _ text: [Unicode.Scalar]) -> Bool {
        var start = programme.range.lowerBound
        if start > 0, QuoteStage.isQuoteMark(text[start - 1]) { start -= 1 }
        return locatives.longest(endingAt: start, in: text) != nil
    }

    /// A body after 依托/借助/通过 is the means (韩田社区党委依托社区党群服务中心开办“…”), not the actor.
    func isMeans(_ i: Int, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Bool {
        meansMarkers.longest(endingAt: doc.mentions[i].range.lowerBound, in: text) != nil
    }

    /// An organisation in 在…支持下/指导下 helps the actor; it is not the actor.
    func isSupporting(_ i: Int, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Bool {
        let range = doc.mentions[i].range
        guard range.lowerBound > 0, text[range.lowerBound - 1] == "在" else { return false }
        var j = range.upperBound
        while j < text.count && j - range.upperBound <= 8 {
            if RelationExtractor.isClauseBreak(text[j]) { return false }
            if text[j] == "下" { return true }
            j += 1
        }
        return false
    }

    /// A programme followed by 里/内/门口 …: the sentence is inside it, a venue.
    /// A type word may come between (“…”服务站里，).
    func isInside(_ programme: Mention, _ text: [Unicode.Scalar]) -> Bool {
        let end = programme.range.upperBound
        var j = end
        while j < text.count && j - end <= 5 && !RelationExtractor.isClauseBreak(text[j]) {
            if let length = locativesAfter.longest(startingAt: j, in: text),
                j + length == text.count || RelationExtractor.isClauseBreak(text[j + length])
            {
                return true
            }
            j += 1
        }
        return false
    }

    /// A place that is where things happen: after 在/到/家住 …, itself or the chain or list it ends
    /// (在丽水市|莲都区, 在A、B等地), or a list followed by 等地.
    func isLocative(_ i: Int, in view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Bool {
        guard let k = view.top.firstIndex(of: i) else { return false }
        return isLocative(k, view, doc, text)
    }

    func isLocative(_ k: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Bool {
        guard doc.mentions[view.top[k]].kind == .place else { return false }
        func joined(_ a: Int, _ b: Int) -> Bool {
            guard doc.mentions[view.top[a]].kind == .place else { return false }
            let gap = between(doc.mentions[view.top[a]].range.upperBound, doc.mentions[view.top[b]].range.lowerBound, text)
            return gap.isEmpty || gap.isOne(of: RelationExtractor.listSeparators)
        }
        var first = k
        while first > 0, joined(first - 1, first) { first -= 1 }
        var last = k
        while last + 1 < view.top.count, doc.mentions[view.top[last + 1]].kind == .place, joined(last, last + 1) { last += 1 }
        let start = doc.mentions[view.top[first]].range.lowerBound
        return locatives.longest(endingAt: start, in: text) != nil
            || locativesAfter.longest(startingAt: doc.mentions[view.top[last]].range.upperBound, in: text) != nil
    }

    /// The sentence's first actor if it opens the sentence (its grammatical subject); of a
    /// chain of places (杭州|建德市) the last, most specific one.
    func subjectOf(_ view: SentenceView, before k: Int, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        // A semicolon (A与B签约；C携手D，共同推出…) closes one statement: the subject is the next one's.
        let before = doc.mentions[view.top[k]].range.lowerBound
        let opening = (view.range.lowerBound..<before).last(where: { text[$0] == "；" || text[$0] == ";" }).map { $0 + 1 }
        var start = opening ?? headingEnd(view, text) ?? view.range.lowerBound
        // 某镇党委书记X表示，下一步，镇里将联合…: what is said has its own subject, when one opens it.
        if let said = saidClauseStart(from: start, before: before, text),
            let first = view.top[...k].first(where: { doc.mentions[$0].range.lowerBound >= said && isActor(doc, $0) }),
            !between(said, doc.mentions[first].range.lowerBound, text).contains(where: { RelationExtractor.joiningScalars.contains($0) })
        {
            start = said
        }
        guard var index = view.top[...k].firstIndex(where: { doc.mentions[$0].range.lowerBound >= start && isActor(doc, $0) }) else { return nil }
        let lead = between(start, doc.mentions[view.top[index]].range.lowerBound, text)
        guard lead.count(upTo: 9) <= 8, !lead.contains("在") else { return nil }
        while index + 1 < view.top.count, doc.mentions[view.top[index]].kind == .place,
            doc.mentions[view.top[index + 1]].kind == .place,
            doc.mentions[view.top[index + 1]].range.lowerBound == doc.mentions[view.top[index]].range.upperBound
        {
            index += 1
        }
        // A place that names the spot (在…, 家住…) or whose name runs on into an unnamed body is not the subject.
        if isLocative(index, view, doc, text) || continuesName(after: doc.mentions[view.top[index]], text) { return nil }
        return view.top[index]
    }

    /// Where a sentence's opening heading in brackets (【某镇】…, a digest's item) ends: what it names is no subject.
    func headingEnd(_ view: SentenceView, _ text: [Unicode.Scalar]) -> Int? {
        let start = view.range.lowerBound
        guard start < text.count, text[start] == "【" else { return nil }
        return (start + 1..<min(view.range.upperBound, start + 16)).first { text[$0] == "】" }.map { $0 + 1 }
    }

    static let speechCues = WordSet(["表示", "说", "介绍", "指出", "透露", "认为"])
    /// What joins an actor to another (联合, 携手, 与, 和, 同): an actor after them is a partner, no subject.
    static let joiningScalars = ScalarSet("联携与和同跟")

    /// Where the words a speaker says start (…表示，|…), between `start` and `before`.
    func saidClauseStart(from start: Int, before end: Int, _ text: [Unicode.Scalar]) -> Int? {
        guard end - start >= 3 else { return nil }
        for i in stride(from: end - 2, through: start, by: -1) where text[i + 1] == "，" || text[i + 1] == "," || text[i + 1] == "：" {
            if let length = RelationExtractor.speechCues.longest(endingAt: i + 1, in: text), length > 0 { return i + 2 }
        }
        return nil
    }

    /// The entity of the sentence's subject, if an actor opens the sentence.
    func subjectOf(_ view: SentenceView, _ doc: ResolvedDocument) -> Int? {
        guard let k = view.top.firstIndex(where: { isActor(doc, $0) }) else { return nil }
        return subjectOf(view, before: k, doc, doc.segmented.view.scalars).map { entity(doc, $0) }
    }

    /// Actors joined to `actor` by 联合/携手 right after it (A联合B推出…): they run it too.
    func partnersOf(_ actor: Int?, in view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> [Int] {
        guard let actor else { return [] }
        var end = doc.mentions[actor].range.upperBound
        while let length = gapWords.longest(startingAt: end, in: text) { end += length }  // 甘霖镇还携手…
        // X牵头，联合Y…: the body that leads joins the others it names.
        if end + 2 < view.range.upperBound, text[end] == "牵", text[end + 1] == "头" {
            end += 2
            if RelationExtractor.isClauseBreak(text[end]) { end += 1 }
            while let length = gapWords.longest(startingAt: end, in: text) { end += length }
        }
        guard let length = transitivePartner.longest(startingAt: end, in: text) else { return [] }
        return listed(from: end + length, in: view, doc, text, until: view.range.upperBound)
    }

    /// Y in X与Y合作，…推出“…”: the parties named after the actor with 与/和 before a mutual verb, who run
    /// with it what the sentence goes on to launch.
    func cooperators(of actor: Int?, in view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> [Int] {
        guard let actor else { return [] }
        var end = doc.mentions[actor].range.upperBound
        while let length = gapWords.longest(startingAt: end, in: text) { end += length }
        guard end < view.range.upperBound, let length = with.longest(startingAt: end, in: text) else { return [] }
        let parties = listed(from: end + length, in: view, doc, text, until: view.range.upperBound)
        guard let last = parties.last else { return [] }
        var after = doc.mentions[last].range.upperBound
        while let length = gapWords.longest(startingAt: after, in: text) { after += length }
        return mutualPartner.longest(startingAt: after, in: text) != nil ? parties : []
    }

    /// X与|first…last合作: the actor X before 与/同/跟 (adverbs between), when a mutual verb follows `last`.
    func withActor(before first: Int, after last: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        let start = doc.mentions[first].range.lowerBound
        guard start > 0, text[start - 1] == "与" || text[start - 1] == "同" || text[start - 1] == "跟",
            let k = view.top.firstIndex(of: first), k > 0, isActor(doc, view.top[k - 1])
        else { return nil }
        var end = doc.mentions[last].range.upperBound
        while let length = gapWords.longest(startingAt: end, in: text) { end += length }
        guard mutualPartner.longest(startingAt: end, in: text) != nil else { return nil }
        let x = view.top[k - 1]
        var i = doc.mentions[x].range.upperBound
        while let length = gapWords.longest(startingAt: i, in: text) { i += length }
        return i == start - 1 ? x : nil
    }

    /// The actor before 联合/携手 (and 牵头，) right before the mention `first`: X(牵头，)联合|first.
    func lead(joining first: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        var i = doc.mentions[first].range.lowerBound
        guard let length = transitivePartner.longest(endingAt: i, in: text) else { return nil }
        i -= length
        while let length = gapWords.longest(endingAt: i, in: text), i - length > view.range.lowerBound { i -= length }
        if i - 1 > view.range.lowerBound, RelationExtractor.isClauseBreak(text[i - 1]) { i -= 1 }
        if i - 2 > view.range.lowerBound, text[i - 2] == "牵", text[i - 1] == "头" { i -= 2 }
        guard let k = view.top.lastIndex(where: { doc.mentions[$0].range.upperBound == i }), isActor(doc, view.top[k]),
            !isLocative(view.top[k], in: view, doc, text)
        else { return nil }
        return view.top[k]
    }

    /// A running verb at `i`, not the start of a noun (负责人, 组织部).
    func runVerb(at i: Int, _ text: [Unicode.Scalar]) -> Int? {
        guard let length = runVerbs.longest(startingAt: i, in: text), runVerbNouns.longest(startingAt: i, in: text) == nil else { return nil }
        return length
    }

    /// A running verb within a few characters after the actor, before any comma (X率先在台州市推出).
    func verbFollows(_ start: Int, before limit: Int, _ text: [Unicode.Scalar]) -> Bool {
        runVerbEnd(after: start, before: limit, text) != nil
    }

    /// Where that verb ends.
    func runVerbEnd(after start: Int, before limit: Int, _ text: [Unicode.Scalar]) -> Int? {
        var i = start
        while i < limit && i - start <= 12 {
            if RelationExtractor.isClauseBreak(text[i]) { return nil }
            if let length = runVerb(at: i, text) { return i + length }
            i += 1
        }
        return nil
    }

    func containsRunVerb(_ a: Int, _ b: Int, _ text: [Unicode.Scalar]) -> Bool {
        guard a < b else { return false }
        for i in a..<b where runVerb(at: i, text).map({ i + $0 <= b }) == true { return true }
        return false
    }

    // MARK: partner

    /// `verbStarts`: the offsets of the text where a partner verb may start, in order.
    func partners(
        _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], verbStarts: [Int], topic: Int?,
        _ out: inout [RelationCandidate]
    ) {
        var position = view.range.lowerBound
        var low = 0
        var high = verbStarts.count
        while low < high {
            let middle = (low + high) / 2
            if verbStarts[middle] < position { low = middle + 1 } else { high = middle }
        }
        var lastVerbEnd: Int? = nil
        for candidate in verbStarts[low...] {
            guard candidate < view.range.upperBound else { break }
            guard candidate >= position else { continue }  // inside a verb read already
            position = candidate
            guard partnerVerbs.longest(startingAt: position, in: text) != nil else { continue }
            // 合作社, 联合会: a noun that starts like the verb.
            if let length = partnerNouns.longest(startingAt: position, in: text) {
                position += length
                continue
            }
            if let length = transitivePartner.longest(startingAt: position, in: text),
                !insideMention(position, view, doc)
            {
                // A联合B
                let right = listed(from: position + length, in: view, doc, text, until: view.range.upperBound)
                if !right.isEmpty, let left = actorBefore(position, view, doc, text) ?? clauseSubject(before: position, view, doc, text, topic: topic) {
                    for r in right { addPartner(left, entity(doc, r), view, doc, position..<(position + length), .partnerJointVerb, 0.75, &out) }
                } else if right.isEmpty, let withAt = withMarker(before: position, view, doc, text) {
                    // 与拱墅区妇联、拱墅团区委等联合推出
                    let partners = listed(from: withAt + 1, in: view, doc, text, until: position)
                    let leftGroup = group(endingBefore: withAt, view, doc, text)
                    if text[withAt] == "和" || text[withAt] == "及", leftGroup.count >= 2, !partners.isEmpty {
                        // 由A、B和C三家单位联合发起: one group, each with each.
                        addPairwise(leftGroup + partners, view, doc, withAt..<(position + length), &out)
                    } else if let left = actorBefore(withAt, view, doc, text) ?? clauseSubject(before: withAt, view, doc, text, topic: topic) {
                        for r in partners { addPartner(left, entity(doc, r), view, doc, withAt..<(position + length), .partnerWithVerb, 0.7, &out) }
                    }
                } else if right.isEmpty, membershipVerbs.longest(startingAt: position + length, in: text) == nil {
                    // A、B联合发布…: the group before the verb, each with each (联手成立 a body makes them its members).
                    let members = group(endingBefore: position, view, doc, text)
                    if members.count >= 2 { addPairwise(members, view, doc, position..<(position + length), &out) }
                }
                position += length
                lastVerbEnd = position
                continue
            }
            if let length = mutualPartner.longest(startingAt: position, in: text), !insideMention(position, view, doc) {
                // …分别签订村企结对协议: a second partner word of the predicate just read adds nobody.
                if let previous = lastVerbEnd, previous <= position,
                    !(previous..<position).contains(where: { RelationExtractor.isClauseBreak(text[$0]) }),
                    !view.top.contains(where: { (previous..<position).contains(doc.mentions[$0].range.lowerBound) })
                {
                    position += length
                    continue
                }
                lastVerbEnd = position + length
                // A与B合作, A和B共同举办
                if let pairs = respectivePairs(before: position, view, doc, text) {
                    // A与B、C与D分别结成对子: each pair by itself.
                    for (a, b) in pairs {
                        addPartner(entity(doc, a), entity(doc, b), view, doc, position..<(position + length), .partnerRespectively, 0.7, &out)
                    }
                } else if let withAt = withMarker(before: position, view, doc, text) {
                    let right = listed(from: withAt + 1, in: view, doc, text, until: position)
                    let leftGroup = group(endingBefore: withAt, view, doc, text)
                    if text[withAt] == "和" || text[withAt] == "及", leftGroup.count >= 2, !right.isEmpty {
                        // A、B和C签订…: one group, each with each.
                        addPairwise(leftGroup + right, view, doc, withAt..<(position + length), &out)
                    } else if leftGroup.count >= 2, leftGroup.count == right.count,
                        containsWord("分别", from: doc.mentions[leftGroup.last!].range.upperBound, to: withAt, text)
                    {
                        // A、B分别与C、D结对: each with its own partner, in order.
                        for (l, r) in zip(leftGroup, right) {
                            addPartner(entity(doc, l), entity(doc, r), view, doc, withAt..<(position + length), .partnerRespectively, 0.7, &out)
                        }
                    } else if leftGroup.count >= 2 {
                        // A、B与C合作: each of the list with each partner.
                        for l in leftGroup {
                            for r in right {
                                addPartner(entity(doc, l), entity(doc, r), view, doc, withAt..<(position + length), .partnerWithVerb, 0.7, &out)
                            }
                        }
                    } else if let left = actorBefore(withAt, view, doc, text) ?? clauseSubject(before: withAt, view, doc, text, topic: topic) {
                        for r in right { addPartner(left, entity(doc, r), view, doc, withAt..<(position + length), .partnerWithVerb, 0.7, &out) }
                    }
                } else {
                    // A、B、C三方共同签订协议: a group before the verb, each with each (联合|A、B共同举办: the
                    // partners of the one who joins them, read with 联合).
                    let members = group(endingBefore: position, view, doc, text)
                    if members.count >= 2, transitivePartner.longest(endingAt: doc.mentions[members[0]].range.lowerBound, in: text) == nil {
                        addPairwise(members, view, doc, position..<(position + length), &out)
                    } else if members.isEmpty, let (a, b) = placesNamedByLevel(before: position, view, doc, text) {
                        // 两县签订…协议: the two counties the article has just named.
                        addPartner(a, b, view, doc, position..<(position + length), .partnerLevelPair, 0.6, &out)
                    }
                }
                position += length
            }
        }
    }

    /// A与B、C与D分别…: the pairs of a clause that lists two or more of them before 分别 and the verb at `end`
    /// (a chain of places is one party, its last: 某县|某镇).
    func respectivePairs(before end: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> [(Int, Int)]? {
        func respectively(_ i: Int) -> Bool { i >= 2 && text[i - 2] == "分" && text[i - 1] == "别" }
        var i = end
        while !respectively(i), let length = gapWords.longest(endingAt: i, in: text), i - length > view.range.lowerBound { i -= length }
        guard respectively(i) else { return nil }
        let clause = clauseOf(i - 2, view, text)
        let named = view.top.filter { clause.contains(doc.mentions[$0].range.lowerBound) && doc.mentions[$0].range.upperBound <= i - 2 }
        // Each party with where its chain of places starts.
        var parties: [Int] = []
        var starts: [Int] = []
        for (n, m) in named.enumerated() {
            let chained = n > 0 && doc.mentions[named[n - 1]].kind == .place && doc.mentions[named[n - 1]].range.upperBound == doc.mentions[m].range.lowerBound
            if chained {
                parties[parties.count - 1] = m
            } else {
                parties.append(m)
                starts.append(doc.mentions[m].range.lowerBound)
            }
        }
        guard parties.count >= 4, parties.count % 2 == 0, parties.allSatisfy({ isActor(doc, $0) }),
            doc.mentions[parties.last!].range.upperBound == i - 2
        else { return nil }
        var pairs: [(Int, Int)] = []
        for n in stride(from: 0, to: parties.count, by: 2) {
            let (a, b) = (parties[n], parties[n + 1])
            guard with.longest(startingAt: doc.mentions[a].range.upperBound, in: text) == starts[n + 1] - doc.mentions[a].range.upperBound
            else { return nil }
            if n + 2 < parties.count, !between(doc.mentions[b].range.upperBound, starts[n + 2], text).is("、") {
                return nil
            }
            pairs.append((a, b))
        }
        return pairs
    }

    /// 两县/两区/两镇/两村 opening the clause of a partner verb at `end`: the last two places of the article
    /// named before the clause whose names end with that level's character (两县 → 某县, 某县); 两地: the
    /// last two whose names end alike (某县, 某县 — not a prefecture and its county).
    func placesNamedByLevel(before end: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> (Int, Int)? {
        let clause = clauseOf(end, view, text)
        guard clause.count >= 2, text[clause.lowerBound] == "两",
            RelationExtractor.levelCharacters.contains(text[clause.lowerBound + 1]) || text[clause.lowerBound + 1] == "地"
        else { return nil }
        var level: Unicode.Scalar? = text[clause.lowerBound + 1] == "地" ? nil : text[clause.lowerBound + 1]
        let article = doc.segmented.sentences[view.index].article
        var pair: [Int] = []
        // Mentions read in place: enumerating them reversed made an array of copies.
        let mentions = doc.mentions
        for m in mentions.indices.reversed()
        where mentions[m].kind == .place && mentions[m].range.upperBound <= clause.lowerBound && doc.entityOf[m] != nil {
            guard let s = doc.segmented.sentenceIndex(at: mentions[m].range.lowerBound), doc.segmented.sentences[s].article == article else { continue }
            let e = entity(doc, m)
            guard let last = doc.entities[e].name.unicodeScalars.last, RelationExtractor.levelCharacters.contains(last),
                level == nil || last == level, !pair.contains(e)
            else { continue }
            level = last
            pair.append(e)
            if pair.count == 2 { return (pair[1], pair[0]) }
        }
        return nil
    }

    static let levelCharacters = ScalarSet("县区市镇乡村")

    /// Whether `word` is written between two offsets.
    func containsWord(_ word: String, from start: Int, to end: Int, _ text: [Unicode.Scalar]) -> Bool {
        let scalars = Array(word.unicodeScalars)
        guard end - start >= scalars.count else { return false }
        return (start...(end - scalars.count)).contains { text[$0..<($0 + scalars.count)].elementsEqual(scalars) }
    }

    /// Who acts in a clause that names no actor before `offset` (；联合某街道总工会…, 他们还与…合作):
    /// the sentence's subject, else the article's; nil when something unnamed stands there
    /// (某县综合行政执法大队与…: a body the recogniser missed is the party, not the subject).
    func clauseSubject(before offset: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], topic: Int?) -> Int? {
        var clause = offset
        while clause > view.range.lowerBound, !RelationExtractor.isClauseBreak(text[clause - 1]) { clause -= 1 }
        var i = clause
        var pronoun = false
        while i < offset {
            if let length = pronouns.longest(startingAt: i, in: text) {
                pronoun = true
                i += length
            } else if let length = gapWords.longest(startingAt: i, in: text) {
                i += length
            } else {
                break
            }
        }
        guard i >= offset else { return nil }
        // The sentence's subject if it stands before the clause (a sentence may open with the clause itself).
        if let k = view.top.firstIndex(where: { isActor(doc, $0) }), doc.mentions[view.top[k]].range.upperBound <= offset,
            let subject = subjectOf(view, before: k, doc, text)
        {
            return entity(doc, subject)
        }
        // The article's subject only through a pronoun, the clause's or the sentence's first word
        // (他们还与…合作, “我们…，与…联合推出): a bare 另外，还与… may follow anyone.
        var start = view.range.lowerBound
        while start < offset, QuoteStage.isQuoteMark(text[start]) { start += 1 }
        return pronoun || pronouns.longest(startingAt: start, in: text) != nil ? topic : nil
    }

    /// The actors listed right before `offset` (A、B和C|三方党组织共同…): only adverbs, a count, 等 and a
    /// group noun between the last and the offset. Nearest last; empty when something else stands there.
    func group(endingBefore offset: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> [Int] {
        guard let k = view.top.lastIndex(where: { doc.mentions[$0].range.upperBound <= offset }), isActor(doc, view.top[k]) else { return [] }
        var i = doc.mentions[view.top[k]].range.upperBound
        while i < offset {
            if let length = gapWords.longest(startingAt: i, in: text) ?? bothParties.longest(startingAt: i, in: text)
                ?? counted.longest(startingAt: i, in: text) ?? groupNouns.longest(startingAt: i, in: text)
            {
                i += length
            } else if text[i] == "等" || text[i].properties.numericType != nil || QuoteStage.isQuoteMark(text[i]) {
                i += 1
            } else {
                return []
            }
        }
        var members = [view.top[k]]
        var j = k
        while j > 0, isActor(doc, view.top[j - 1]),
            between(doc.mentions[view.top[j - 1]].range.upperBound, doc.mentions[view.top[j]].range.lowerBound, text)
                .isOne(of: RelationExtractor.groupSeparators)
        {
            members.insert(view.top[j - 1], at: 0)
            j -= 1
        }
        // A chain of places names one party (丽水市|莲都区): its last.
        return members.enumerated().filter { n, m in
            n + 1 >= members.count || doc.mentions[m].kind != .place
                || doc.mentions[members[n + 1]].range.lowerBound != doc.mentions[m].range.upperBound
        }.map(\.element)
    }

    /// The body of a clause 由X牵头 (由X主办, …) ending right before `offset` with a clause break.
    func leader(ofClauseBefore offset: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        guard offset - 1 > view.range.lowerBound, RelationExtractor.isClauseBreak(text[offset - 1]) else { return nil }
        var clause = offset - 1
        while clause > view.range.lowerBound, !RelationExtractor.isClauseBreak(text[clause - 1]) { clause -= 1 }
        guard text[clause] == "由" else { return nil }
        let named = listed(from: clause + 1, in: view, doc, text, until: offset - 1)
        guard named.count == 1, let end = runVerbEnd(after: doc.mentions[named[0]].range.upperBound, before: offset, text),
            end == offset - 1
        else { return nil }
        return entity(doc, named[0])
    }

    static let groupSeparators = ["、", "和", "及", "以及"].map { Array($0.unicodeScalars) }

    func addPairwise(_ members: [Int], _ view: SentenceView, _ doc: ResolvedDocument, _ where: Range<Int>, _ out: inout [RelationCandidate]) {
        let text = doc.segmented.view.scalars
        if let first = members.first, let leader = leader(ofClauseBefore: doc.mentions[first].range.lowerBound, view, doc, text) {
            // 由X牵头，A、B和C共同参与: each joins the one who leads, not each other.
            for m in members where entity(doc, m) != leader {
                addPartner(leader, entity(doc, m), view, doc, `where`, .partnerLedGroup, 0.65, &out)
            }
            return
        }
        for (n, a) in members.enumerated() {
            for b in members[(n + 1)...] {
                addPartner(entity(doc, a), entity(doc, b), view, doc, `where`, .partnerGroup, 0.65, &out)
            }
        }
    }

    func insideMention(_ offset: Int, _ view: SentenceView, _ doc: ResolvedDocument) -> Bool {
        view.top.contains { doc.mentions[$0].range.contains(offset) }
    }

    /// The 与/和 that opens the partner list before a mutual verb, in the same clause.
    func withMarker(before end: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Int? {
        var i = end - 1
        while i >= view.range.lowerBound && end - i <= 40 {
            if RelationExtractor.isClauseBreak(text[i]) { return nil }
            // 同 of 同镇的 says where the partner is, 同 of “…同心” is part of a name: neither is 与.
            if with.longest(startingAt: i, in: text) != nil && partnerModifiers.longest(startingAt: i, in: text) == nil
                && !insideMention(i, view, doc)
            {
                return i
            }
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
        while let length = gapWords.longest(startingAt: start, in: gap) { start += length }
        return start == gap.count ? entity(doc, m) : nil
    }

    func addPartner(
        _ a: Int, _ b: Int, _ view: SentenceView, _ doc: ResolvedDocument, _ where: Range<Int>, _ rule: RelationRule, _ confidence: Double,
        _ out: inout [RelationCandidate]
    ) {
        guard a != b else { return }
        out.append(RelationCandidate(relation: .partner, subject: a, object: b, span: `where`, sentence: view.index, rule: rule, confidence: confidence))
    }

    // MARK: member_of

    func memberships(
        _ view: SentenceView, _ all: ArraySlice<Int>, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], alone: Set<Int>,
        _ out: inout [RelationCandidate]
    ) {
        // A sub-unit named inside its parent's name: 某市人民医院|心内科党支部, when the text names the parent
        // on its own too (an organisation only ever read inside another is part of a name, not a body talked about).
        for i in all where doc.mentions[i].kind == .org {
            for j in all where j != i && doc.mentions[j].kind == .org {
                let outer = doc.mentions[i]
                let inner = doc.mentions[j]
                if outer.range.lowerBound <= inner.range.lowerBound && outer.range.upperBound > inner.range.upperBound,
                    entity(doc, i) != entity(doc, j), alone.contains(entity(doc, j))
                {
                    out.append(
                        RelationCandidate(
                            relation: .memberOf, subject: entity(doc, i), object: entity(doc, j),
                            span: outer.range, sentence: view.index, rule: .memberOfName, confidence: 0.7))
                }
            }
        }
        // Members listed before the alliance they form or join; not the body that leads the founding (X牵头成立…联盟).
        for (k, a) in view.top.enumerated() where doc.mentions[a].kind == .org && doc.mentions[a].subkind == .org(.alliance) && !doc.mentions[a].isReference {
            let before = view.range.lowerBound..<doc.mentions[a].range.lowerBound
            guard before.contains(where: { membershipVerbs.longest(startingAt: $0, in: text) != nil }) else { continue }
            for m in view.top[..<k]
            where doc.mentions[m].kind == .org && entity(doc, m) != entity(doc, a) && !leadsFounding(m, doc, text)
                && !isFounded(m, doc, text)
            {
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: entity(doc, m), object: entity(doc, a),
                        span: span(doc.mentions[m], doc.mentions[a]), sentence: view.index, rule: .memberOfAlliance, confidence: 0.6))
            }
        }
    }

    /// The organisations with a mention inside no other organisation's mention, found in one sweep
    /// over the org mentions by start (longest first): one is nested when an earlier one reaches as far.
    func namedAlone(_ doc: ResolvedDocument) -> Set<Int> {
        let orgs = doc.mentions.indices.filter { doc.mentions[$0].kind == .org && doc.entityOf[$0] != nil }.sorted {
            (doc.mentions[$0].range.lowerBound, -doc.mentions[$0].range.count) < (doc.mentions[$1].range.lowerBound, -doc.mentions[$1].range.count)
        }
        var alone = Set<Int>()
        var reach = -1
        for m in orgs {
            if doc.mentions[m].range.upperBound > reach { alone.insert(doc.entityOf[m]!) }
            reach = max(reach, doc.mentions[m].range.upperBound)
        }
        return alone
    }

    /// A founder word right after the body (only adverbs between): 牵头成立, 指导组建.
    func leadsFounding(_ m: Int, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Bool {
        var i = doc.mentions[m].range.upperBound
        while let length = gapWords.longest(startingAt: i, in: text) { i += length }
        return founderWords.longest(startingAt: i, in: text) != nil
    }

    /// A body right after a founding verb is what was founded (抱团成立|强村公司), not a member.
    func isFounded(_ m: Int, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Bool {
        var start = doc.mentions[m].range.lowerBound
        if start > 0, text[start - 1] == "了" { start -= 1 }
        return membershipVerbs.longest(endingAt: start, in: text) != nil
    }

    /// 联盟首批成员单位包括A、B和C等11家单位: each listed organisation is a member of the alliance or
    /// association named last before the cue (by name or by its bare type word).
    /// `listStarts`: the sentence's offsets where a member-list word may start, in order.
    func memberLists(
        _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], listStarts: ArraySlice<Int>, _ out: inout [RelationCandidate]
    ) {
        // A list word found is passed over whole.
        var next = view.range.lowerBound
        for i in listStarts where i >= next {
            guard let length = memberLists.longest(startingAt: i, in: text) else { continue }
            next = i + length
            var body = view.top.last(where: { doc.mentions[$0].kind == .org && doc.mentions[$0].range.upperBound <= i && isCollective(doc.mentions[$0]) })
            var rule = RelationRule.memberOfMemberList
            if body == nil, !view.top.contains(where: { isActor(doc, $0) && clauseOf(i, view, text).contains(doc.mentions[$0].range.lowerBound) }) {
                // 联盟由某镇党委牵头，首批成员包括…: a clause naming no body lists the members of the
                // alliance or association the article named last.
                body = lastCollective(before: view.range.lowerBound, inArticleOf: view, doc)
                rule = .memberOfMemberListArticle
            }
            guard let body else { continue }
            for m in listed(from: i + length, in: view, doc, text, until: view.range.upperBound)
            where doc.mentions[m].kind == .org && entity(doc, m) != entity(doc, body) {
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: entity(doc, m), object: entity(doc, body),
                        span: doc.mentions[body].range.upperBound <= view.range.lowerBound ? doc.mentions[m].range : span(doc.mentions[body], doc.mentions[m]),
                        sentence: view.index, rule: rule, confidence: 0.65))
            }
        }
    }

    /// Adverbs between a list of members and the verb by which they join (A、B首批加入…, A、B均为…).
    static let joinAdverbs = WordSet(["首批", "均", "都", "陆续", "全部", "一并", "一同", "相继", "同时", "当天", "近日", "日前"])

    /// A、B和C等5家单位正式加入联盟, 将A、B纳入其中, A、B成为联盟成员单位, A、B均为联盟成员: each body of the list
    /// is a member of the collective the verb names (a collective mention after it) or refers to (联盟, 其中:
    /// the article's last alliance or association before the list).
    /// `verbStarts`: the sentence's offsets where a join verb or member copula may start, in order.
    func joins(
        _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], verbStarts: ArraySlice<Int>, _ out: inout [RelationCandidate]
    ) {
        // A verb found is passed over whole.
        var next = view.range.lowerBound
        for i in verbStarts where i >= next {
            let verb: Int
            let copula: Bool
            if let length = joinVerbs.longest(startingAt: i, in: text) {
                (verb, copula) = (length, false)
            } else if let length = memberCopulas.longest(startingAt: i, in: text) {
                (verb, copula) = (length, true)
            } else {
                continue
            }
            next = i + verb
            guard !insideMention(i, view, doc) else { continue }
            // What is joined: a collective named after the verb (加入“某某”联盟), or a word referring to one.
            var after = i + verb
            if after < view.range.upperBound, text[after] == "了" { after += 1 }
            if after < view.range.upperBound, text[after] == "该" { after += 1 }
            var unquoted = after
            while unquoted < view.range.upperBound, QuoteStage.isQuoteMark(text[unquoted]) { unquoted += 1 }
            var collective: Int? = nil
            var word: ArraySlice<Unicode.Scalar>? = nil
            var end = unquoted
            if let named = view.top.first(where: { (after...unquoted).contains(doc.mentions[$0].range.lowerBound) }) {
                guard doc.mentions[named].kind == .org, isCollective(doc.mentions[named]) else { continue }
                collective = named
                end = doc.mentions[named].range.upperBound
            } else if let length = collectiveWords.longest(startingAt: unquoted, in: text) {
                end = unquoted + length
                word = text[unquoted..<end]
            } else if !copula && unquoted < view.range.upperBound && !RelationExtractor.isClauseBreak(text[unquoted]) {
                // A join verb closing its clause (A、B等陆续加入。) joins the collective named last.
                continue
            }
            // 成为/均为 say membership only with a member word (成员单位, 会员): 成为联盟成员单位.
            if copula {
                var at = end
                while at < view.range.upperBound, QuoteStage.isQuoteMark(text[at]) || text[at] == "的" { at += 1 }
                if let length = memberListModifiers.longest(startingAt: at, in: text) { at += length }
                guard memberWords.longest(startingAt: at, in: text) != nil else { continue }
            }
            var listEnd = i
            while let length = RelationExtractor.joinAdverbs.longest(endingAt: listEnd, in: text), listEnd - length > view.range.lowerBound {
                listEnd -= length
            }
            let members = group(endingBefore: listEnd, view, doc, text).filter { doc.mentions[$0].kind == .org }
            guard let first = members.first else { continue }
            if collective == nil {
                // 联盟, 协会: the last collective named with that word; 其中: the last, named in the same sentence.
                let within = word.map { $0.elementsEqual("其中".unicodeScalars) } ?? false
                collective = lastCollective(before: doc.mentions[first].range.lowerBound, inArticleOf: view, doc) { m in
                    if within { return doc.segmented.sentenceIndex(at: doc.mentions[m].range.lowerBound) == view.index }
                    let name = doc.entities[entity(doc, m)].name.unicodeScalars
                    return word.map { name.count > $0.count && name.suffix($0.count).elementsEqual($0) } ?? true
                }
            }
            guard let collective else { continue }
            for m in members where entity(doc, m) != entity(doc, collective) && !leadsFounding(m, doc, text) {
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: entity(doc, m), object: entity(doc, collective),
                        span: span(doc.mentions[m].range, i..<(i + verb)), sentence: view.index, rule: .memberOfJoins, confidence: 0.65))
            }
        }
    }

    /// A line of a member roll (名单如下：…理事单位：A、B): a member word and a colon opening a clause list
    /// members of the alliance or association the article named last.
    /// `wordStarts`: the sentence's offsets where a member word may start, in order.
    func memberRoll(
        _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], wordStarts: ArraySlice<Int>, _ out: inout [RelationCandidate]
    ) {
        for i in wordStarts where opensClause(at: i, text) || (i > 0 && text[i - 1] == "\n") {
            guard let length = memberWords.longest(startingAt: i, in: text), i + length < view.range.upperBound,
                text[i + length] == "：" || text[i + length] == ":",
                let collective = lastCollective(before: i, inArticleOf: view, doc)
            else { continue }
            for m in listed(from: i + length + 1, in: view, doc, text, until: view.range.upperBound)
            where doc.mentions[m].kind == .org && entity(doc, m) != entity(doc, collective) {
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: entity(doc, m), object: entity(doc, collective),
                        span: span(doc.mentions[m].range, i..<(i + length)), sentence: view.index, rule: .memberOfJoins, confidence: 0.6))
            }
        }
    }

    /// Whether an entity is an alliance or association by any of its mentions (a bare 联盟 refers to one).
    func isCollective(entity e: Int, _ doc: ResolvedDocument) -> Bool {
        doc.entities[e].mentions.contains { isCollective(doc.mentions[$0]) }
    }

    /// The clause around an offset: from the clause break before it to the offset.
    func clauseOf(_ offset: Int, _ view: SentenceView, _ text: [Unicode.Scalar]) -> Range<Int> {
        var start = offset
        while start > view.range.lowerBound, !RelationExtractor.isClauseBreak(text[start - 1]) { start -= 1 }
        return start..<offset
    }

    /// The last alliance or association mention of the article before an offset.
    func lastCollective(
        before offset: Int, inArticleOf view: SentenceView, _ doc: ResolvedDocument, where accepts: (Int) -> Bool = { _ in true }
    ) -> Int? {
        let article = doc.segmented.sentences[view.index].article
        var best: Int? = nil
        // Mentions read in place: a copy of each would retain every string in it.
        for m in doc.mentions.indices
        where doc.mentions[m].kind == .org && doc.entityOf[m] != nil && doc.mentions[m].range.upperBound <= offset
            && isCollective(doc.mentions[m]) && (best == nil || doc.mentions[m].range.lowerBound > doc.mentions[best!].range.lowerBound)
            && accepts(m)
        {
            guard let s = doc.segmented.sentenceIndex(at: doc.mentions[m].range.lowerBound), doc.segmented.sentences[s].article == article
            else { continue }
            best = m
        }
        return best
    }

    /// …党建联盟由A、B、C三方党组织共同组建: the bodies that form the alliance are its members.
    /// A team formed by one body (服务队由某镇团委组建) is that body's own: a member of it.
    func formedBy(_ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], _ out: inout [RelationCandidate]) {
        for a in view.top where doc.mentions[a].kind == .org && doc.mentions[a].subkind == .org(.team) {
            let by = doc.mentions[a].range.upperBound
            guard by < view.range.upperBound, text[by] == "由" else { continue }
            let formers = listed(from: by + 1, in: view, doc, text, until: view.range.upperBound)
            guard formers.count == 1, let former = formers.first, doc.mentions[former].kind == .org, entity(doc, former) != entity(doc, a)
            else { continue }
            var i = doc.mentions[former].range.upperBound
            while let length = gapWords.longest(startingAt: i, in: text) { i += length }
            guard membershipVerbs.longest(startingAt: i, in: text) != nil else { continue }
            out.append(
                RelationCandidate(
                    relation: .memberOf, subject: entity(doc, a), object: entity(doc, former),
                    span: span(doc.mentions[a], doc.mentions[former]), sentence: view.index, rule: .memberOfFormedBy, confidence: 0.6))
        }
        for a in view.top where doc.mentions[a].kind == .org && isCollective(entity: entity(doc, a), doc) {
            var by = doc.mentions[a].range.upperBound
            while by < view.range.upperBound, QuoteStage.isQuoteMark(text[by]) { by += 1 }
            var laterClause = false
            // …联盟成立于2024年，由X牵头: a later clause of the sentence opening with 由 and one body that leads.
            if by >= view.range.upperBound || text[by] != "由",
                let clause = (by..<view.range.upperBound).first(where: { text[$0] == "由" && opensClause(at: $0, text) }),
                !view.top.contains(where: { $0 != a && isCollective(doc.mentions[$0]) && (by..<clause).contains(doc.mentions[$0].range.lowerBound) })
            {
                by = clause
                laterClause = true
            }
            guard by < view.range.upperBound, text[by] == "由" else { continue }
            let members = listed(from: by + 1, in: view, doc, text, until: view.range.upperBound)
            // 由X牵头(组建): one body that leads the founding is no member; the alliance is that body's own.
            if members.count == 1, let leader = members.first, doc.mentions[leader].kind == .org, leadsFounding(leader, doc, text),
                entity(doc, leader) != entity(doc, a)
            {
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: entity(doc, a), object: entity(doc, leader),
                        span: span(doc.mentions[a], doc.mentions[leader]), sentence: view.index, rule: .memberOfFormedBy, confidence: 0.6))
                continue
            }
            guard !laterClause, doc.mentions[a].subkind == .org(.alliance), let last = members.last else { continue }
            // The forming verb closes the list, a count or 共同 at most before it (三方党组织共同组建).
            let after = doc.mentions[last].range.upperBound
            guard (after..<min(after + 12, view.range.upperBound)).contains(where: { membershipVerbs.longest(startingAt: $0, in: text) != nil })
            else { continue }
            for m in members where doc.mentions[m].kind == .org && entity(doc, m) != entity(doc, a) {
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: entity(doc, m), object: entity(doc, a),
                        span: span(doc.mentions[a], doc.mentions[m]), sentence: view.index,
                        rule: .memberOfFormedBy, confidence: 0.65))
            }
        }
    }

    /// 某集团旗下的A、B等企业: the listed organisations belong to the one before the marker.
    /// `unitVerbStarts`: the sentence's offsets where a verb of holding a unit list may start, in order.
    func subsidiaries(
        _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], unitVerbStarts: ArraySlice<Int>, _ out: inout [RelationCandidate]
    ) {
        func add(_ parent: Int, holdingFrom start: Int) {
            var i = start
            if i < text.count, text[i] == "的" { i += 1 }
            // 旗下有A、B, 下设包括A、B: the verb of having between the marker and the list.
            if let length = holdingVerbs.longest(startingAt: i, in: text) { i += length }
            for m in listed(from: i, in: view, doc, text, until: view.range.upperBound)
            where doc.mentions[m].kind == .org && entity(doc, m) != entity(doc, parent) {
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: entity(doc, m), object: entity(doc, parent),
                        span: span(doc.mentions[parent], doc.mentions[m]), sentence: view.index,
                        rule: .memberOfSubsidiary, confidence: 0.65))
            }
        }
        for (k, parent) in view.top.enumerated() where doc.mentions[parent].kind == .org && k + 1 < view.top.count {
            var i = doc.mentions[parent].range.upperBound
            if i < text.count, text[i] == "的" { i += 1 }
            guard let length = subsidiaryMarkers.longest(startingAt: i, in: text) else { continue }
            add(parent, holdingFrom: i + length)
        }
        unitLists(view, doc, text, verbStarts: unitVerbStarts, &out)
        // 某联合会成立于2021年，下设A、B、C: a clause opening with the marker holds the units of the sentence's
        // subject, when that is an organisation.
        guard let subject = view.top.first, doc.mentions[subject].kind == .org, isActor(doc, subject) else { return }
        var i = doc.mentions[subject].range.upperBound
        while i < view.range.upperBound {
            // An adverb may open the clause before the marker (另控股A, 还下设B).
            var marker = i
            if opensClause(at: i, text) {
                while let length = gapWords.longest(startingAt: marker, in: text) ?? clauseAdverbs.longest(startingAt: marker, in: text) {
                    marker += length
                }
            }
            if opensClause(at: i, text), let length = subsidiaryMarkers.longest(startingAt: marker, in: text) {
                add(subject, holdingFrom: marker + length)
                return
            }
            i += 1
        }
    }

    /// 某医院党委将…党员划分为A、B、C5个党支部, 某学院现有A、B3个院系: inside a clause, a verb of holding and a
    /// list its count closes name the units of the clause's first body.
    /// `verbStarts`: the sentence's offsets where such a verb may start, in order.
    func unitLists(
        _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], verbStarts: ArraySlice<Int>, _ out: inout [RelationCandidate]
    ) {
        for i in verbStarts {
            guard !opensClause(at: i, text), !insideMention(i, view, doc), let length = unitListVerbs.longest(startingAt: i, in: text)
            else { continue }
            let units = listed(from: i + length, in: view, doc, text, until: view.range.upperBound).filter { doc.mentions[$0].kind == .org }
            guard units.count >= 2, let last = units.last, countFollows(doc.mentions[last].range.upperBound, text),
                let parent = view.top.first(where: {
                    doc.mentions[$0].kind == .org && clauseOf(i, view, text).contains(doc.mentions[$0].range.lowerBound)
                })
            else { continue }
            for m in units where entity(doc, m) != entity(doc, parent) {
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: entity(doc, m), object: entity(doc, parent),
                        span: span(doc.mentions[parent], doc.mentions[m]), sentence: view.index, rule: .memberOfSubsidiary,
                        confidence: 0.65))
            }
        }
    }

    /// A count and its classifier right after `end`, 等 at most before (…等12个, …3家, …5个); one more
    /// item no rule named may close the list first (、健康管理系|3个).
    func countFollows(_ end: Int, _ text: [Unicode.Scalar]) -> Bool {
        var i = end
        if i < text.count, text[i] == "、" {
            i += 1
            let item = i
            while i < text.count, i - item < 8, Chinese.isCharacter(text[i]), !RelationExtractor.numerals.contains(text[i]), text[i] != "等" {
                i += 1
            }
            guard i - item >= 2 else { return false }
        }
        if i < text.count, text[i] == "等" { i += 1 }
        let digits = i
        while i < text.count, RelationExtractor.numerals.contains(text[i]) { i += 1 }
        return i > digits && i < text.count && RelationExtractor.classifiers.contains(text[i])
    }

    static let numerals = ScalarSet("0123456789一二三四五六七八九十两几")
    static let classifiers = ScalarSet("个家所支")

    /// A body that has members: an alliance, an association, a chamber.
    func isCollective(_ m: Mention) -> Bool {
        m.subkind == .org(.alliance) || m.subkind == .org(.association)
    }

    /// A sub-unit named after its parent (…有限公司党支部, 明湖医院骨科党支部 of 某区明湖医院),
    /// read from the entities' names once per document: the parent need not be named in the same
    /// sentence, nor the child's name hold the parent's as a mention of its own.
    func subUnitsByName(_ doc: ResolvedDocument, _ out: inout [RelationCandidate]) {
        let orgs = doc.entities.indices.filter { doc.entities[$0].kind == .org && !doc.entities[$0].mentions.isEmpty }
        guard orgs.count > 1 else { return }
        // Each org's name and aliases as scalars, spelled once into one pool (`forms[formStart[k]]`
        // is org k's name): every org is a parent to try for every other.
        var pool: [Unicode.Scalar] = []
        var forms: [Range<Int>] = []
        var formStart: [Int] = []
        formStart.reserveCapacity(orgs.count)
        for org in orgs {
            formStart.append(forms.count)
            for k in -1..<doc.entities[org].aliases.count {
                let start = pool.count
                pool.append(contentsOf: (k < 0 ? doc.entities[org].name : doc.entities[org].aliases[k]).unicodeScalars)
                forms.append(start..<pool.count)
            }
        }
        formStart.append(forms.count)
        // …and whether it is a department's, asked of every pair.
        let isDepartmentName = orgs.map { isDepartment(doc.entities[$0].name) }
        // …and whether it is a school's college or department (某大学|外国语学院, 某学院|康复治疗系).
        let isCollegeName = orgs.map { org in
            doc.entities[org].subkind == .org(.school) && (doc.entities[org].name.endsWithBytes(of: "学院") || doc.entities[org].name.endsWithBytes(of: "系"))
        }
        // Every place a parent's form may open a name at (`parentForm`'s cores), in the order of
        // orgs, forms and places, with the scalar it starts with: a child tries only those opening
        // with its own first scalar.
        // …医院心内科党支部 belongs to the hospital, not to the department its name runs through.
        var cores: [(first: Unicode.Scalar, org: Int, form: Int, start: Int)] = []
        for k in orgs.indices where !isDepartmentName[k] {
            for f in formStart[k]..<formStart[k + 1] {
                for drop in RelationExtractor.parentCoreStarts(pool[forms[f]]) {
                    let start = forms[f].lowerBound + drop
                    cores.append((pool[start], k, f, start))
                }
            }
        }
        for (c, child) in orgs.enumerated() {
            let name = forms[formStart[c]]
            // A department (…医院内分泌科) is a sub-unit by its own name: all of it follows the parent's.
            guard
                let unit = subUnits.longest(endingAt: name.upperBound, in: pool, notBefore: name.lowerBound)
                    ?? (isDepartmentName[c] || isCollegeName[c] ? 0 : nil)
            else { continue }
            let remainder = RelationExtractor.droppingOrdinal(pool[name.lowerBound..<(name.upperBound - unit)])
            if unit > 0, let parent = parentByTypeWord(of: child, unit: unit, doc), let first = doc.entities[child].mentions.first,
                let sentence = doc.segmented.sentenceIndex(at: doc.mentions[first].range.lowerBound)
            {
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: child, object: parent, span: doc.mentions[first].range,
                        sentence: sentence, rule: .memberOfSubUnitName, confidence: 0.6))
                continue
            }
            guard remainder.count >= 3 else { continue }
            var best: (parent: Int, length: Int)? = nil
            // The first place a form opens the remainder at is its answer (as `parentForm` gives it).
            var answered = -1
            for core in cores where core.first == remainder[0] && core.org != c && core.form != answered {
                guard let length = opening(pool[core.start..<forms[core.form].upperBound], of: remainder) else { continue }
                answered = core.form
                if length > (best?.length ?? 0) { best = (orgs[core.org], length) }
            }
            guard let best, let first = doc.entities[child].mentions.first,
                let sentence = doc.segmented.sentenceIndex(at: doc.mentions[first].range.lowerBound)
            else { continue }
            out.append(
                RelationCandidate(
                    relation: .memberOf, subject: child, object: best.parent, span: doc.mentions[first].range,
                    sentence: sentence, rule: .memberOfSubUnitName, confidence: 0.7))
        }
    }

    /// A department named bare (设有心内科、骨科等科室, 设有酒店管理系、建筑工程系等5个系) belongs to the
    /// hospital or 院区, or the school, the article named last before its first mention.
    func bareDepartments(_ doc: ResolvedDocument, _ out: inout [RelationCandidate]) {
        var hospital: (mention: Int, article: Int)? = nil
        var school: (mention: Int, article: Int)? = nil
        var placed = Set<Int>()
        let byStart = doc.mentions.indices.sorted { doc.mentions[$0].range.lowerBound < doc.mentions[$1].range.lowerBound }
        // A school's department named after it (某大学|康复治疗系) starts where the school does: no bare one.
        let schoolStarts = Set(
            doc.mentions.filter { $0.kind == .org && $0.subkind == .org(.school) && $0.rule != .orgDepartment }.map(\.range.lowerBound))
        for m in byStart where doc.mentions[m].kind == .org && doc.entityOf[m] != nil {
            let mention = doc.mentions[m]
            guard let sentence = doc.segmented.sentenceIndex(at: mention.range.lowerBound) else { continue }
            let article = doc.segmented.sentences[sentence].article
            if mention.rule == .orgDepartment && mention.subkind == .org(.school) {
                guard !schoolStarts.contains(mention.range.lowerBound), placed.insert(entity(doc, m)).inserted, let parent = school,
                    parent.article == article, entity(doc, parent.mention) != entity(doc, m)
                else { continue }
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: entity(doc, m), object: entity(doc, parent.mention), span: mention.range,
                        sentence: sentence, rule: .memberOfBareDepartment, confidence: 0.6))
            } else if mention.subkind == .org(.school) {
                school = (m, article)
            } else if mention.rule == .orgDepartment && !mention.text.contains("院") {
                guard placed.insert(entity(doc, m)).inserted, let parent = hospital, parent.article == article,
                    entity(doc, parent.mention) != entity(doc, m)
                else { continue }
                out.append(
                    RelationCandidate(
                        relation: .memberOf, subject: entity(doc, m), object: entity(doc, parent.mention), span: mention.range,
                        sentence: sentence, rule: .memberOfBareDepartment, confidence: 0.6))
            } else if mention.subkind == .org(.hospital) && mention.rule != .orgDepartment {
                hospital = (m, article)
            }
        }
    }

    /// A school's colleges and departments end with these (外国语学院, 康复治疗系).
    let collegeEnds = WordSet(["学院", "系"])

    /// Whether a name is a hospital department's (…医院心内科, …医院科室).
    func isDepartment(_ name: String) -> Bool {
        name.endsWithBytes(of: "科") || name.endsWithBytes(of: "科室")
    }

    /// How much of `remainder` (a sub-unit's name without its unit word) the parent's name `form` gives:
    /// the whole, or the start with a department after it (…医院|心血管内科); the parent's name may have a
    /// place before (某区|明湖医院). Nil when it does not open the remainder.
    func parentForm(_ form: String, opens remainder: [Unicode.Scalar]) -> Int? {
        parentForm(Array(form.unicodeScalars), opens: remainder)
    }

    func parentForm(_ scalars: [Unicode.Scalar], opens remainder: [Unicode.Scalar]) -> Int? {
        for drop in RelationExtractor.parentCoreStarts(scalars[...]) {
            if let length = opening(scalars[drop...], of: remainder) { return length }
        }
        return nil
    }

    /// Where a parent's name may start in a sub-unit's name: the parent's name, or what is left of it once
    /// a leading place is dropped (at least four scalars), or once the place's name is dropped before its
    /// level word (磐安|县中医院 is named 县中医院党委's parent).
    static func parentCoreStarts(_ scalars: ArraySlice<Unicode.Scalar>) -> [Int] {
        guard scalars.count >= 3 else { return [] }
        let base = scalars.startIndex
        return (0...max(0, scalars.count - 4)).filter { drop in
            drop == 0 || endsWithPlaceWord(scalars[base..<(base + drop)]) || endsWithPlaceWord(scalars[base..<(base + drop + 1)])
        }
    }

    /// The length of `core` when `remainder` is it, or it and a department after it.
    func opening(_ core: ArraySlice<Unicode.Scalar>, of remainder: [Unicode.Scalar]) -> Int? {
        guard remainder.count >= core.count, remainder[..<core.count].elementsEqual(core) else { return nil }
        let rest = remainder[core.count...]
        if rest.isEmpty { return core.count }
        guard rest.count <= 8 else { return nil }
        let restArray = Array(rest)
        if departmentEnds.longest(endingAt: restArray.count, in: restArray) != nil { return core.count }
        // 某大学|外国语学院: a college or department of a school, named after it.
        return rest.count >= 3 && collegeEnds.longest(endingAt: restArray.count, in: restArray) != nil ? core.count : nil
    }

    static let ordinalDigits = Set("一二三四五六七八九十0123456789".unicodeScalars)

    /// A branch's name without the ordinal before its unit word (…有限公司|第二|党支部).
    static func droppingOrdinal(_ name: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var end = name.endIndex
        while end > name.startIndex, ordinalDigits.contains(name[end - 1]) { end -= 1 }
        guard end < name.endIndex, end > name.startIndex, name[end - 1] == "第" else { return Array(name) }
        return Array(name[..<(end - 1)])
    }

    static let placeWordEnds: [Unicode.Scalar] = ["省", "市", "区", "县", "镇", "乡", "道", "村"]

    static func endsWithPlaceWord(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        scalars.last.map { placeWordEnds.contains($0) } ?? false
    }

    // MARK: role

    /// Each title before a person gives a role in the body the title belongs to: the organisation
    /// that ends right before it or inside it (某镇党委|书记 is the 党委's, not the town's), through a
    /// department (…医院急诊科主任) or a bare type word (服务队队长); a place only when the title is the
    /// place's own (镇长) or no body is named. Chains (党委副书记、纪委书记、工会主席某某) give one each;
    /// a place title in a chain without a body (…村党支部书记、村委会主任) goes to the chain's place.
    func roles(_ view: SentenceView, _ all: ArraySlice<Int>, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], _ out: inout [RelationCandidate]) {
        let firstOfSentence = out.count
        for p in all where doc.mentions[p].kind == .person {
            copulaRole(p, all, doc, text, view, firstOfSentence, &out)
            guard var titleStart = doc.mentions[p].titleStart, var title = doc.mentions[p].title,
                !personalTitles.contains(title)
            else { continue }  // 某村村民, 老党员: what one is, not a post
            // 副院长, 常务副主任: the prefix belongs to the title, the body stands before it.
            while let length = titlePrefixes.longest(endingAt: titleStart, in: text) {
                titleStart -= length
                title = Scalars.string(text[titleStart..<(titleStart + length)]) + title
            }
            // The title before the name (书记张某), or after a copula (张某是…的队长).
            let person = doc.mentions[p].range
            // A title before the name ends where the name starts, or before the list it opens (副镇长A、|B).
            var titleEnd = titleStart + title.unicodeScalars.count
            if titleStart < person.lowerBound { titleEnd = min(person.lowerBound, titleEnd) }
            var placeTitlesWaiting: [String] = []
            var bodyTitlesWaiting: [String] = []
            var sameBodyTitlesWaiting: [String] = []
            var chained = false
            while true {
                var next = titleStart
                if let (holder, rule) = holder(ofTitleAt: titleStart..<titleEnd, all, doc, text) {
                    let holds = span(doc.mentions[holder].range, doc.mentions[p].range)
                    addRole(p, entity(doc, holder), title, holds, chained ? .roleTitleChain : rule, 0.75, view, doc, firstOfSentence, &out)
                    if let place = placeOf(holder, all, doc) {
                        for waiting in placeTitlesWaiting {
                            addRole(p, place, waiting, holds, .rolePlaceTitle, 0.65, view, doc, firstOfSentence, &out)
                        }
                    }
                    // 纪委书记、工会主席 after …公司党委副书记: bodies of the company the party committee belongs to.
                    if !bodyTitlesWaiting.isEmpty, let parent = parentOrganisation(of: entity(doc, holder), doc) {
                        for waiting in bodyTitlesWaiting {
                            addRole(p, parent, waiting, holds, .roleChainBody, 0.6, view, doc, firstOfSentence, &out)
                        }
                    }
                    // …局党组书记、局长某某: a title with no body of its own is held in the next body named.
                    for waiting in sameBodyTitlesWaiting {
                        let body = bodyOfTitle(waiting, namedWith: entity(doc, holder), doc)
                        addRole(p, body, waiting, holds, .roleTitleChain, 0.7, view, doc, firstOfSentence, &out)
                    }
                    placeTitlesWaiting = []
                    bodyTitlesWaiting = []
                    sameBodyTitlesWaiting = []
                    next = doc.mentions[holder].range.lowerBound
                } else if placeTitles.contains(titleStart..<titleEnd, in: text) {
                    placeTitlesWaiting.append(title)
                } else if let body = chainBodies.longest(endingAt: titleStart, in: text), titleStart - body > 0 {
                    let bodyTitle = Scalars.string(text[(titleStart - body)..<titleEnd])
                    if let (holder, _) = holder(ofTitleAt: (titleStart - body)..<titleEnd, all, doc, text), doc.mentions[holder].kind == .org {
                        // 某局|党组书记: the body of the organisation named right before it.
                        let holds = span(doc.mentions[holder].range, doc.mentions[p].range)
                        addRole(p, entity(doc, holder), bodyTitle, holds, .roleChainBody, 0.7, view, doc, firstOfSentence, &out)
                        for waiting in sameBodyTitlesWaiting {
                            let body = bodyOfTitle(waiting, namedWith: entity(doc, holder), doc)
                            addRole(p, body, waiting, holds, .roleTitleChain, 0.7, view, doc, firstOfSentence, &out)
                        }
                        sameBodyTitlesWaiting = []
                        next = doc.mentions[holder].range.lowerBound
                    } else if RelationExtractor.joinsTitles(text[titleStart - body - 1]) {
                        bodyTitlesWaiting.append(bodyTitle)
                        next = titleStart - body
                    } else {
                        break
                    }
                } else if titleStart > 0, RelationExtractor.joinsTitles(text[titleStart - 1]) {
                    sameBodyTitlesWaiting.append(title)
                } else if let committee = RelationExtractor.residentsCommittee.longest(endingAt: titleStart, in: text),
                    titleStart - committee > 0, RelationExtractor.joinsTitles(text[titleStart - committee - 1])
                {
                    // …社区党委书记、居委会主任某某: the committee is named by its word alone (no edge); the chain goes on.
                    next = titleStart - committee
                } else {
                    break
                }
                guard next > 0, RelationExtractor.joinsTitles(text[next - 1]),
                    let length = PersonStage.titles.longest(endingAt: next - 1, in: text)
                        ?? placeTitles.longest(endingAt: next - 1, in: text)
                else { break }
                titleEnd = next - 1
                titleStart = titleEnd - length
                title = Scalars.string(text[titleStart..<titleEnd])
                chained = true
            }
        }
    }

    /// What joins two titles of one person: a list's 、 or 兼 (党支部书记兼村委会主任).
    static func joinsTitles(_ c: Unicode.Scalar) -> Bool { c == "、" || c == "兼" }

    /// The body a title of a chain is held in when the chain names `body` after it: a title that is no
    /// party post (院长, 副总经理) after a party body (…医院党委书记、院长) is held in the organisation
    /// the party body belongs to, when the document names it.
    func bodyOfTitle(_ title: String, namedWith body: Int, _ doc: ResolvedDocument) -> Int {
        let name = doc.entities[body].name
        guard !title.contains("书记"), !title.hasSuffix("委员"), RelationExtractor.partyBodyEnds.contains(where: { name.hasSuffix($0) }),
            let parent = parentOrganisation(of: body, doc)
        else { return body }
        return parent
    }

    static let partyBodyEnds = ["党委", "党总支", "党支部", "支部", "党组", "党工委"]
    /// A community's committee named by its word alone inside a chain of titles (…书记、居委会|主任).
    static let residentsCommittee = WordSet(["居委会", "居民委员会"])

    /// 某某是某村党支部委员: a title after 是 and a body, held in that body (a title after the name
    /// alone, 某某是一名委员, names none).
    func copulaRole(
        _ p: Int, _ all: ArraySlice<Int>, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], _ view: SentenceView, _ firstOfSentence: Int,
        _ out: inout [RelationCandidate]
    ) {
        let at = doc.mentions[p].range.upperBound
        guard at + 1 < text.count, text[at] == "是",
            let body = all.filter({ doc.mentions[$0].range.lowerBound == at + 1 && isActor(doc, $0) })
                .max(by: { doc.mentions[$0].range.count < doc.mentions[$1].range.count })
        else { return }
        let start = doc.mentions[body].range.upperBound
        var end = start
        while let prefix = titlePrefixes.longest(startingAt: end, in: text) { end += prefix }
        guard let word = PersonStage.titles.longest(startingAt: end, in: text) else { return }
        end += word
        let title = Scalars.string(text[start..<end])
        guard !personalTitles.contains(title) else { return }
        addRole(p, entity(doc, body), title, doc.mentions[p].range.lowerBound..<end, .roleTitle, 0.7, view, doc, firstOfSentence, &out)
    }

    func addRole(
        _ person: Int, _ body: Int, _ title: String, _ span: Range<Int>, _ rule: RelationRule, _ confidence: Double,
        _ view: SentenceView, _ doc: ResolvedDocument, _ firstOfSentence: Int, _ out: inout [RelationCandidate]
    ) {
        guard !out[firstOfSentence...].contains(where: { $0.relation == .role && $0.subject == entity(doc, person) && $0.object == body })
        else { return }
        var candidate = RelationCandidate(
            relation: .role, subject: entity(doc, person), object: body, span: span, sentence: view.index,
            rule: rule, confidence: confidence)
        candidate.title = title
        out.append(candidate)
    }

    /// The body of the title at `title`: the actor ending right before it (or before 的), or inside it
    /// (the title's first word is the body's type word, 党委|书记), the one reaching furthest and, of those,
    /// an organisation before a place; else an organisation before a department (…医院|急诊科|主任).
    func holder(ofTitleAt title: Range<Int>, _ all: ArraySlice<Int>, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> (Int, RelationRule)? {
        var anchor = title.lowerBound
        if anchor > 0, text[anchor - 1] == "的" { anchor -= 1 }
        var best: Int? = nil
        func rank(_ i: Int) -> (Int, Int, Int) {
            (doc.mentions[i].range.upperBound, doc.mentions[i].kind == .org ? 1 : 0, doc.mentions[i].range.count)
        }
        // A hospital's department holds no title itself (…医院急诊科|主任 is the hospital's): the fallback below finds
        // the hospital. A bureau's section does (市卫健局医政科|科长某某): the section is the body its head heads;
        // so does a department named alone (骨科|护士长某某).
        for i in all
        where isActor(doc, i) && doc.mentions[i].range.lowerBound < title.lowerBound
            && (doc.mentions[i].rule != .orgDepartment || doc.mentions[i].subkind == .org(.government)
                || !doc.mentions[i].text.contains("院"))
        {
            let end = doc.mentions[i].range.upperBound
            guard end == anchor || (end > title.lowerBound && end < title.upperBound) else { continue }
            if best == nil || rank(i) > rank(best!) { best = i }
        }
        // A place holds a title only if it is the place's own, or nothing narrower is named.
        if let b = best, doc.mentions[b].kind == .place, doc.mentions[b].range.upperBound > title.lowerBound { best = nil }
        if let best { return (best, .roleTitle) }
        // …医院急诊科主任: a department of a few characters between the body and the title.
        guard departmentEnds.longest(endingAt: title.lowerBound, in: text) != nil else { return nil }
        for i in all where doc.mentions[i].kind == .org {
            let end = doc.mentions[i].range.upperBound
            guard end < title.lowerBound, title.lowerBound - end <= 6,
                (end..<title.lowerBound).allSatisfy({ Chinese.isCharacter(text[$0]) }),
                !(end..<title.lowerBound).contains(where: { stops.longest(startingAt: $0, in: text) != nil })
            else { continue }
            return (i, .roleDepartment)
        }
        return nil
    }

    /// The organisation a sub-unit is named after (…有限公司|党委 → …有限公司), if the document names it.
    func parentOrganisation(of e: Int, _ doc: ResolvedDocument) -> Int? {
        let name = Array(doc.entities[e].name.unicodeScalars)
        guard let unit = subUnits.longest(endingAt: name.count, in: name) else { return nil }
        if let parent = parentByTypeWord(of: e, unit: unit, doc) { return parent }
        guard name.count - unit >= 3 else { return nil }
        let parent = Array(name[..<(name.count - unit)])
        // Its name, or its name after a place (桐乡市|惠民农业集团), is the sub-unit's name without the unit word.
        return doc.entities.indices.first { i in
            i != e && doc.entities[i].kind == .org && !doc.entities[i].mentions.isEmpty
                && ([doc.entities[i].name] + doc.entities[i].aliases).contains { parentForm($0, opens: parent) == parent.count }
        }
    }

    /// 学院党委, 公司党支部: a sub-unit named by its parent's type word alone belongs to the last
    /// organisation named before it with that type word.
    func parentByTypeWord(of e: Int, unit: Int, _ doc: ResolvedDocument) -> Int? {
        let name = Array(doc.entities[e].name.unicodeScalars)
        let word = name[..<(name.count - unit)]
        guard !word.isEmpty, referringTypeWords.longest(startingAt: 0, in: Array(word)) == word.count,
            let first = doc.entities[e].mentions.map({ doc.mentions[$0].range.lowerBound }).min()
        else { return nil }
        var best: (entity: Int, at: Int)? = nil
        for i in doc.entities.indices where i != e && doc.entities[i].kind == .org {
            let other = Array(doc.entities[i].name.unicodeScalars)
            guard other.count > word.count, other[(other.count - word.count)...].elementsEqual(word) else { continue }
            for m in doc.entities[i].mentions {
                let start = doc.mentions[m].range.lowerBound
                let latest = best?.at ?? -1
                if start < first && start > latest { best = (i, start) }
            }
        }
        return best?.entity
    }

    /// The place a body is in: the body itself if a place, else the finest place its name starts with.
    func placeOf(_ holder: Int, _ all: ArraySlice<Int>, _ doc: ResolvedDocument) -> Int? {
        let m = doc.mentions[holder]
        if m.kind == .place { return entity(doc, holder) }
        let inside = all.filter {
            doc.mentions[$0].kind == .place && m.range.contains(doc.mentions[$0].range.lowerBound) && doc.mentions[$0].range.upperBound <= m.range.upperBound
        }
        return inside.max { level(doc, entity: entity(doc, $0)) < level(doc, entity: entity(doc, $1)) }.map { entity(doc, $0) }
    }

    /// 县委常委、宣传部部长: a department of a party committee the document names (…县委|宣传部) is where
    /// its committee is, which the committee's own located_in says; named alone (区委组织部), it is placed itself.
    func isCommitteeBody(_ e: Int, _ doc: ResolvedDocument) -> Bool {
        // Most bodies end otherwise (党委 too): the parent is looked for only behind a department's word.
        let name = doc.entities[e].name
        guard name.unicodeScalars.last == "部" || name.endsWithBytes(of: "政法委"), let parent = parentOrganisation(of: e, doc)
        else { return false }
        return doc.entities[parent].name.unicodeScalars.last == "委"
    }

    // MARK: located_in

    static let rank: [PlaceLevel: Int] = [.province: 0, .city: 1, .county: 2, .township: 3, .village: 4, .area: 5]

    func level(_ doc: ResolvedDocument, entity e: Int) -> Int {
        doc.entities[e].level.flatMap { RelationExtractor.rank[$0] } ?? 0
    }

    /// The sentence's places are read in place, by index, once per org or programme: filtering
    /// them into arrays for every sentence, or copying candidates to search them, would cost more than the search.
    func locatedIn(
        _ view: SentenceView, _ all: ArraySlice<Int>, _ doc: ResolvedDocument, _ text: [Unicode.Scalar], topic: Int?, _ out: inout [RelationCandidate]
    ) {
        func isPlace(_ j: Int) -> Bool { doc.mentions[j].kind == .place }
        for i in view.top where doc.mentions[i].kind == .org || doc.mentions[i].kind == .programme {
            let kind = doc.mentions[i].kind
            let range = doc.mentions[i].range
            let e = entity(doc, i)
            // The place the name starts with: 嵊泗|农商银行, 某街道|残疾人之家. The finest, the first of equals.
            // An organisation's branch named after a finer place inside the name is there (某市公安局|某镇|派出所,
            // 某农商银行|某镇|支行, 某医院|某区|院区).
            if let prefixEnd = doc.mentions[i].placePrefixEnd {
                let placesEnd = kind == .org ? range.upperBound : prefixEnd
                var finest: (mention: Int, level: Int)? = nil
                for j in all where isPlace(j) && range.contains(doc.mentions[j].range.lowerBound) && doc.mentions[j].range.upperBound <= placesEnd {
                    let level = level(doc, entity: entity(doc, j))
                    if finest == nil || level > finest!.level { finest = (j, level) }
                }
                if let finest {
                    out.append(
                        RelationCandidate(
                            relation: .locatedIn, subject: e, object: entity(doc, finest.mention), span: range,
                            sentence: view.index, rule: .locatedInNamePrefix, confidence: 0.8))
                    continue
                }
            }
            if kind == .org, let code = doc.entities[e].placeCode, let placeEntity = doc.placeEntity(code: code), !isCommitteeBody(e, doc) {
                out.append(
                    RelationCandidate(
                        relation: .locatedIn, subject: e, object: placeEntity, span: range,
                        sentence: view.index, rule: .locatedInReference, confidence: 0.7))
                continue
            }
            guard kind == .programme else { continue }
            func isOutside(_ j: Int) -> Bool { isPlace(j) && !range.contains(doc.mentions[j].range.lowerBound) }
            // 在龙坞茶镇，…: a place the sentence puts things in (the last), in the programme's own
            // clause: after a ；the 在 is another clause's (…“P”行动，…；…“Q”在某社区开讲).
            func sameClause(_ j: Int) -> Bool {
                let place = doc.mentions[j].range
                let from = min(place.upperBound, range.upperBound)
                let to = max(place.lowerBound, range.lowerBound)
                return !(from..<max(from, to)).contains { text[$0] == "；" || text[$0] == ";" }
            }
            if var locative = all.reversed().first(where: {
                isOutside($0) && doc.mentions[$0].range.lowerBound > view.range.lowerBound
                    && text[doc.mentions[$0].range.lowerBound - 1] == "在" && sameClause($0)
            }) {
                // 在宁海县黄坛镇: the last of a chain of places written together is the place meant.
                while let next = all.first(where: { isOutside($0) && doc.mentions[$0].range.lowerBound == doc.mentions[locative].range.upperBound }) {
                    locative = next
                }
                out.append(
                    RelationCandidate(
                        relation: .locatedIn, subject: e, object: entity(doc, locative), span: span(doc.mentions[locative].range, range),
                        sentence: view.index, rule: .locatedInLocative, confidence: 0.7))
                continue
            }
            // Where its runners of this sentence are: a runner itself if a place, else the runner's place.
            // Candidates come in sentence order: the scan stops at the sentence before.
            let runners = out.indices.reversed().prefix(while: { out[$0].sentence >= view.index })
                .filter { out[$0].relation == .runs && out[$0].object == e }
            let runnerPlaces = runners.compactMap { placeOf(entity: out[$0].subject, doc) }
            let sharedPlaces = Set(runnerPlaces).count > 1
            if let last = runners.first, let place = runnerPlaces.first {
                // Bodies of several places running it together (两镇, three communities with a
                // company each): it is where they all are, if that is a town or finer.
                let common = sharedPlaces ? commonPlace(Array(Set(runnerPlaces)), doc) : place
                // A body's place says where its programme is only for a local body: a county's or a
                // city's bureau runs things across its whole area (a place acting is its own place).
                if let common,
                    (!sharedPlaces && runners.contains { out[$0].subject == common }) || level(doc, entity: common) >= RelationExtractor.rank[.township]!
                {
                    out.append(
                        RelationCandidate(
                            relation: .locatedIn, subject: e, object: common, span: out[last].span,
                            sentence: view.index, rule: .locatedInRunner, confidence: 0.65))
                    continue
                }
            }
            // Else the most specific place named with it, the nearest of equals (the first of those).
            // A place that is only the start of a body's name (桐乡市|民政局) is that body's, not the programme's.
            func isInName(_ j: Int) -> Bool {
                view.top.contains {
                    doc.mentions[$0].kind == .org && doc.mentions[$0].range.count > doc.mentions[j].range.count
                        && doc.mentions[$0].range.contains(doc.mentions[j].range.lowerBound)
                }
            }
            var finest: (mention: Int, level: Int, distance: Int)? = nil
            // A place the sentence gives for something else (推出“…”，打造某村“…”): the programme's place
            // is not stated, and the article's subject is no better a guess.
            var placedElsewhere = false
            // Runners of several places: neither their places nor the places holding them say where it is.
            let runnersChains = sharedPlaces ? Set(runnerPlaces.flatMap { placeChain($0, doc) }) : []
            for j in all where isOutside(j) && !isInName(j) && !runnersChains.contains(entity(doc, j)) {
                guard sameClause(j), saysWhere(j, of: range, view, doc, text) else {
                    placedElsewhere = true
                    continue
                }
                let level = level(doc, entity: entity(doc, j))
                let distance = abs(doc.mentions[j].range.lowerBound - range.lowerBound)
                if finest == nil || level > finest!.level || (level == finest!.level && distance < finest!.distance) { finest = (j, level, distance) }
            }
            if let finest {
                out.append(
                    RelationCandidate(
                        relation: .locatedIn, subject: e, object: entity(doc, finest.mention), span: span(doc.mentions[finest.mention].range, range),
                        sentence: view.index, rule: .locatedInSentencePlace, confidence: 0.6))
            } else if let topic, let place = placeOf(entity: topic, doc),
                !sharedPlaces, !placedElsewhere, runnerPlaces.allSatisfy({ placeChain(place, doc).contains($0) })
            {
                // The article's subject is not taken as the runner, but where it is says where the
                // programme is, unless its runners are elsewhere (两地联合举办…, a county's body in another county).
                out.append(
                    RelationCandidate(
                        relation: .locatedIn, subject: e, object: place, span: range,
                        sentence: view.index, rule: .locatedInArticleTopic, confidence: 0.5))
            }
        }
    }

    /// A place entity, or where an organisation or programme is by its name (嵊泗|农商银行 → 嵊泗县).
    func placeOf(entity e: Int, _ doc: ResolvedDocument) -> Int? {
        doc.entities[e].kind == .place ? e : doc.entities[e].placeCode.flatMap { doc.placeEntity(code: $0) }
    }

    /// A place entity and the places above it that the document names, nearest first.
    func placeChain(_ e: Int, _ doc: ResolvedDocument) -> [Int] {
        var chain = [e]
        func addNamed(_ division: PlaceIndex) -> Bool {
            if let named = doc.placeEntity(place: division) { chain.append(named) }
            return true
        }
        if let place = doc.entities[e].place {
            chains.forEachDivision(from: place) { $0 == place || addNamed($0) }
        } else if let parent = doc.entities[e].parentCode.flatMap(gazetteer.placeIndex(code:)) {
            chains.forEachDivision(from: parent, addNamed)
        }
        return chain
    }

    /// The nearest place the document names that holds all of `places`.
    func commonPlace(_ places: [Int], _ doc: ResolvedDocument) -> Int? {
        guard let first = places.first else { return nil }
        let others = places.dropFirst().map { Set(placeChain($0, doc)) }
        return placeChain(first, doc).first { p in others.allSatisfy { $0.contains(p) } }
    }

    /// Whether a place named in a programme's sentence says where the programme is: a place before it
    /// (the sentence's subject, 某村的“…”), or after it in its own clause, unless it is where something
    /// goes (推广到某镇, 带到某社区) or the start of another name (杭州|马拉松). A later clause's place
    /// only when the programme's clause sets the scene (在打造“…”的同时，某镇…; 自开展“…”以来，某街道…)
    /// and the place opens the clause after it.
    func saysWhere(_ j: Int, of programme: Range<Int>, _ view: SentenceView, _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> Bool {
        let place = doc.mentions[j].range
        if place.upperBound <= programme.lowerBound { return true }
        if let clauseEnd = (programme.upperBound..<place.lowerBound).first(where: { RelationExtractor.isClauseBreak(text[$0]) }) {
            var clauseStart = programme.lowerBound
            while clauseStart > view.range.lowerBound, !RelationExtractor.isClauseBreak(text[clauseStart - 1]) { clauseStart -= 1 }
            while clauseStart < programme.lowerBound, QuoteStage.isQuoteMark(text[clauseStart]) { clauseStart += 1 }
            return clauseStart == view.range.lowerBound || clauseStart == programme.lowerBound
                ? settingOpens.longest(startingAt: clauseStart, in: text) != nil
                    && settingCloses.longest(endingAt: clauseEnd, in: text) != nil && place.lowerBound == clauseEnd + 1
                : false
        }
        // The start of the run of places it ends (推广到某镇、某乡): what stands before the run.
        var start = place.lowerBound
        if let k = view.top.firstIndex(of: j) {
            var first = k
            while first > 0, doc.mentions[view.top[first - 1]].kind == .place,
                between(doc.mentions[view.top[first - 1]].range.upperBound, doc.mentions[view.top[first]].range.lowerBound, text).isEmpty
                    || between(doc.mentions[view.top[first - 1]].range.upperBound, doc.mentions[view.top[first]].range.lowerBound, text)
                        .isOne(of: RelationExtractor.listSeparators)
            {
                first -= 1
            }
            start = doc.mentions[view.top[first]].range.lowerBound
        }
        return destinations.longest(endingAt: start, in: text) == nil && !continuesName(after: doc.mentions[j], text)
    }

    /// A body merely named in a sentence with a programme (runs.same-sentence: no verb, not the
    /// subject) is its runner only when the document says of no one else that they run it:
    /// the speaker's body (某镇党委书记某某表示，“…”将…) or a body visiting it is no runner. So is the place
    /// opening a list's item (某社区“P”、…): where the programme is, unless no one is said to run it.
    func keepStatedRunners(_ out: inout [RelationCandidate]) {
        func isGuess(_ c: RelationCandidate) -> Bool { c.rule == .runsSameSentence || c.rule == .runsListItem }
        var stated = Set<Int>()
        // Candidates are read in place: a copy of each retains its title.
        for i in out.indices where out[i].relation == .runs && !isGuess(out[i]) { stated.insert(out[i].object) }
        guard !stated.isEmpty else { return }
        out.removeAll { $0.relation == .runs && isGuess($0) && stated.contains($0.object) }
    }

    /// A programme's located_in is the most specific place the text gives for it (GUIDELINES):
    /// a place guessed from its runner or from the article's subject counts only when the text
    /// states none, and a place that encloses another one stated for it says nothing more.
    func keepMostSpecificPlaces(_ doc: ResolvedDocument, _ out: inout [RelationCandidate]) {
        func isFallback(_ c: RelationCandidate) -> Bool { c.rule == .locatedInRunner || c.rule == .locatedInArticleTopic }
        var stated: [Int: Set<Int>] = [:]
        var guessed: [Int: Set<Int>] = [:]
        // Candidates are read in place: a copy of each retains its title.
        for i in out.indices where out[i].relation == .locatedIn && doc.entities[out[i].subject].kind == .programme {
            if isFallback(out[i]) {
                guessed[out[i].subject, default: []].insert(out[i].object)
            } else {
                stated[out[i].subject, default: []].insert(out[i].object)
            }
        }
        guard !stated.isEmpty || !guessed.isEmpty else { return }
        // Each named place's nearest named parent, as part_of gives it.
        var parent: [Int: Int] = [:]
        for i in out.indices where out[i].relation == .partOf { parent[out[i].subject] = out[i].object }
        func encloses(_ outer: Int, _ inner: Int) -> Bool {
            var seen = 0
            var current = parent[inner]
            while let p = current, seen < 8 {
                if p == outer { return true }
                current = parent[p]
                seen += 1
            }
            return false
        }
        // A guess stays when every place stated for the programme encloses it (温州市 stated, the
        // runner's 某镇 finer): it is then the most specific place known.
        func isOverruled(_ guess: Int, _ subject: Int) -> Bool {
            stated[subject]?.contains { $0 != guess && !encloses($0, guess) } ?? false
        }
        var places = stated
        for (subject, guesses) in guessed {
            places[subject, default: []].formUnion(guesses.filter { !isOverruled($0, subject) })
        }
        out.removeAll { c in
            guard c.relation == .locatedIn, doc.entities[c.subject].kind == .programme else { return false }
            if isFallback(c), isOverruled(c.object, c.subject) { return true }
            return places[c.subject]?.contains { $0 != c.object && encloses(c.object, $0) } ?? false
        }
    }

    // MARK: labelled fields

    static let colons = ScalarSet("：:")

    /// 公示 and 公益创投 lists give each item's facts as labelled fields (“P”项目，承接单位：X，实施地点：某镇某村；
    /// 申报单位：X，项目名称：“P”; or one field a line): the body after a runner's label runs the item's programme,
    /// the place after a place's label is where it is (the last of a chain, each of a list). What the fields state
    /// overrules what the other patterns read of that programme in that sentence (the list's heading body, the
    /// first item's place).
    func labelledFields(_ doc: ResolvedDocument, _ out: inout [RelationCandidate]) {
        let text = doc.segmented.view.scalars
        var colon = RelationExtractor.colons.firstMember(from: 0, in: text)
        var labels: [(range: Range<Int>, relation: Relation)] = []
        while colon < text.count {
            if let length = runnerFields.longest(endingAt: colon, in: text) {
                labels.append(((colon - length)..<(colon + 1), .runs))
            } else if let length = placeFields.longest(endingAt: colon, in: text) {
                labels.append(((colon - length)..<(colon + 1), .locatedIn))
            }
            colon = RelationExtractor.colons.firstMember(from: colon + 1, in: text)
        }
        guard !labels.isEmpty else { return }
        let placed = doc.mentions.indices.filter { doc.entityOf[$0] != nil }.sorted { a, b in
            let (x, y) = (doc.mentions[a], doc.mentions[b])
            return (x.range.lowerBound, -x.range.count, x.kind == .org ? 0 : 1, a) < (y.range.lowerBound, -y.range.count, y.kind == .org ? 0 : 1, b)
        }
        let top = outermost(placed[...], doc)
        let programmes = top.filter { doc.mentions[$0].kind == .programme }
        var stated: [RelationCandidate] = []
        for (n, (label, relation)) in labels.enumerated() {
            // Each item states its own: its programme lies between the labels of the same field before and after.
            let previous = labels[..<n].last { $0.relation == relation }?.range.upperBound ?? 0
            let next = labels[(n + 1)...].first { $0.relation == relation }?.range.lowerBound ?? text.count
            var valueStart = label.upperBound
            while valueStart < text.count, text[valueStart] == " " || text[valueStart] == "\u{3000}" || text[valueStart] == "\t" { valueStart += 1 }
            guard let sentence = doc.segmented.sentenceIndex(at: label.lowerBound),
                let programme = itemProgramme(of: label, between: previous..<next, programmes, doc, text)
            else { continue }
            for v in fieldValues(from: valueStart, top, doc, text) {
                let value = doc.mentions[v]
                switch relation {
                case .runs where isActor(doc, v): break
                case .locatedIn where value.kind == .place: break
                default: continue
                }
                guard entity(doc, v) != entity(doc, programme) else { continue }
                stated.append(
                    RelationCandidate(
                        relation: relation, subject: relation == .runs ? entity(doc, v) : entity(doc, programme),
                        object: relation == .runs ? entity(doc, programme) : entity(doc, v),
                        span: span(doc.mentions[programme].range, value.range), sentence: sentence,
                        rule: relation == .runs ? .runsFieldLabel : .locatedInFieldLabel, confidence: 0.85))
            }
        }
        overrule(with: stated, &out)
    }

    /// What a labelled field or a table's row states of a programme overrules what the other patterns read of
    /// its runner and its place in that sentence.
    func overrule(with stated: [RelationCandidate], _ out: inout [RelationCandidate]) {
        guard !stated.isEmpty else { return }
        let settled = Set(stated.map { c in [c.relation == .runs ? 0 : 1, c.relation == .runs ? c.object : c.subject, c.sentence] })
        out.removeAll { c in
            (c.relation == .runs && settled.contains([0, c.object, c.sentence]))
                || (c.relation == .locatedIn && settled.contains([1, c.subject, c.sentence]))
        }
        out += stated
    }

    // MARK: table columns

    /// What sets a table's cells apart on a line: a tab, an ideographic space, or two spaces or more.
    static let cellGaps = ScalarSet(" \t\u{3000}")

    /// A notice's table as text, one row a line and cells set apart by spaces (序号  项目名称  牵头单位  责任单位
    /// 实施地点): under a header line whose cells include a runner's label (牵头单位, 责任单位, 承办单位) or a place's
    /// (实施地点), each following line with as many cells is a row; the row's programme is run by the bodies of its
    /// runner cells and located in the places of its place cells (the last of a chain, each of a list). What the
    /// row states overrules what the other patterns read of that programme in that sentence.
    func tableColumns(_ doc: ResolvedDocument, _ out: inout [RelationCandidate]) {
        let text = doc.segmented.view.scalars
        var gap = RelationExtractor.cellGaps.firstMember(from: 0, in: text)
        guard gap < text.count else { return }
        let placed = doc.mentions.indices.filter { doc.entityOf[$0] != nil }.sorted { a, b in
            let (x, y) = (doc.mentions[a], doc.mentions[b])
            return (x.range.lowerBound, -x.range.count, x.kind == .org ? 0 : 1, a) < (y.range.lowerBound, -y.range.count, y.kind == .org ? 0 : 1, b)
        }
        let top = outermost(placed[...], doc)
        var stated: [RelationCandidate] = []
        while gap < text.count {
            var lineStart = gap
            while lineStart > 0, text[lineStart - 1] != "\n" { lineStart -= 1 }
            var lineEnd = gap
            while lineEnd < text.count, text[lineEnd] != "\n" { lineEnd += 1 }
            let header = cells(lineStart..<lineEnd, text)
            let columns: [Relation?] = header.map { cell in
                if runnerFields.longest(startingAt: cell.lowerBound, in: text) == cell.count { return .runs }
                if placeFields.longest(startingAt: cell.lowerBound, in: text) == cell.count { return .locatedIn }
                return nil
            }
            guard header.count >= 2, columns.contains(where: { $0 != nil }) else {
                gap = RelationExtractor.cellGaps.firstMember(from: lineEnd, in: text)
                continue
            }
            var rowStart = lineEnd + 1
            while rowStart < text.count {
                var rowEnd = rowStart
                while rowEnd < text.count, text[rowEnd] != "\n" { rowEnd += 1 }
                let row = cells(rowStart..<rowEnd, text)
                guard row.count == header.count else { break }
                stated += tableRow(row, columns, top, doc, text)
                rowStart = rowEnd + 1
            }
            gap = RelationExtractor.cellGaps.firstMember(from: max(rowStart, lineEnd), in: text)
        }
        overrule(with: stated, &out)
    }

    /// The cells of a table's line: the spans between tabs, ideographic spaces and runs of two spaces or more.
    func cells(_ line: Range<Int>, _ text: [Unicode.Scalar]) -> [Range<Int>] {
        var cells: [Range<Int>] = []
        var start = line.lowerBound
        var i = line.lowerBound
        while i < line.upperBound {
            var end = i
            while end < line.upperBound, RelationExtractor.cellGaps.contains(text[end]) { end += 1 }
            let isGap = end > i && (end - i >= 2 || text[i] != " ")
            if isGap {
                if i > start { cells.append(start..<i) }
                start = end
                i = end
            } else {
                i = max(end, i + 1)
            }
        }
        if line.upperBound > start { cells.append(start..<line.upperBound) }
        return cells
    }

    /// What one row of a table states: the programme of its other cells run by its runner cells' bodies and
    /// located in its place cells' places.
    func tableRow(
        _ row: [Range<Int>], _ columns: [Relation?], _ top: [Int], _ doc: ResolvedDocument, _ text: [Unicode.Scalar]
    ) -> [RelationCandidate] {
        func inside(_ cell: Range<Int>) -> [Int] {
            top.filter { cell.lowerBound <= doc.mentions[$0].range.lowerBound && doc.mentions[$0].range.upperBound <= cell.upperBound }
        }
        guard
            let programme = zip(row, columns).lazy.filter({ $0.1 == nil }).compactMap({ cell, _ in
                inside(cell).first { doc.mentions[$0].kind == .programme }
            }).first,
            let sentence = doc.segmented.sentenceIndex(at: doc.mentions[programme].range.lowerBound)
        else { return [] }
        var stated: [RelationCandidate] = []
        for (cell, relation) in zip(row, columns) {
            guard let relation else { continue }
            var values: [Int] = []
            for v in inside(cell) {
                let value = doc.mentions[v]
                switch relation {
                case .runs where isActor(doc, v): values.append(v)
                case .locatedIn where value.kind == .place:
                    // A chain of places (某镇|某村) is one value, its last.
                    if let last = values.last, doc.mentions[last].range.upperBound == value.range.lowerBound { values.removeLast() }
                    values.append(v)
                default: continue
                }
            }
            for v in values where entity(doc, v) != entity(doc, programme) {
                stated.append(
                    RelationCandidate(
                        relation: relation, subject: relation == .runs ? entity(doc, v) : entity(doc, programme),
                        object: relation == .runs ? entity(doc, programme) : entity(doc, v),
                        span: span(doc.mentions[programme].range, doc.mentions[v].range), sentence: sentence,
                        rule: relation == .runs ? .runsTableColumn : .locatedInTableColumn, confidence: 0.85))
            }
        }
        return stated
    }

    /// The programme of a labelled field's item: the last named before the label or the first after it, within
    /// `bounds` (the same field's labels before and after) and 120 scalars. The one less cut off from the label
    /// wins (nothing between, then a line break or ；, then a blank line or 。), then the nearer: “P”项目，承接单位：X
    /// takes P before, 申报单位：X，项目名称：“P” the P after.
    func itemProgramme(
        of label: Range<Int>, between bounds: Range<Int>, _ programmes: [Int], _ doc: ResolvedDocument, _ text: [Unicode.Scalar]
    ) -> Int? {
        /// How far text cuts a programme off from the label: 0, 1 (a line break, ；), 2 (a blank line, 。).
        func cut(_ gap: Range<Int>) -> Int {
            var level = 0
            for i in gap {
                switch text[i] {
                case "。": return 2
                case "\n":
                    if gap.contains(i + 1),
                        (i + 1..<gap.upperBound).prefix(while: { text[$0] == " " || text[$0] == "\u{3000}" || text[$0] == "\n" })
                            .contains(where: { text[$0] == "\n" })
                    {
                        return 2
                    }
                    level = 1
                case "；", ";": level = 1
                default: break
                }
            }
            return level
        }
        var best: (cut: Int, distance: Int, programme: Int)? = nil
        let before = programmes.last { m in
            let r = doc.mentions[m].range
            return r.upperBound <= label.lowerBound && r.lowerBound >= bounds.lowerBound
        }
        let after = programmes.first { m in
            let r = doc.mentions[m].range
            return r.lowerBound >= label.upperBound && r.upperBound <= bounds.upperBound
        }
        for (m, gap) in [
            before.map { ($0, doc.mentions[$0].range.upperBound..<label.lowerBound) }, after.map { ($0, label.upperBound..<doc.mentions[$0].range.lowerBound) }
        ].compactMap({ $0 }) where gap.count <= 120 {
            let candidate = (cut: cut(gap), distance: gap.count, programme: m)
            if best.map({ (candidate.cut, candidate.distance) < ($0.cut, $0.distance) }) ?? true { best = candidate }
        }
        return best?.programme
    }

    /// The mentions a field's value names from `start` (X; A、B; 某镇某村 → 某村), when the value ends there:
    /// at a clause break, a space, a line's end or the text's end. Empty when the value goes on into text no
    /// mention covers (承接单位：某镇联合…).
    func fieldValues(from start: Int, _ top: [Int], _ doc: ResolvedDocument, _ text: [Unicode.Scalar]) -> [Int] {
        guard var k = top.firstIndex(where: { doc.mentions[$0].range.lowerBound >= start }) else { return [] }
        var values: [Int] = []
        var position = start
        while k < top.count {
            let m = doc.mentions[top[k]]
            let gap = between(position, m.range.lowerBound, text)
            guard gap.isEmpty || (!values.isEmpty && gap.isOne(of: RelationExtractor.listSeparators)) else { break }
            // A chain of places (某镇|某村) is one value, its last.
            if let last = values.last, doc.mentions[last].kind == .place, m.kind == .place, doc.mentions[last].range.upperBound == m.range.lowerBound {
                values.removeLast()
            }
            values.append(top[k])
            position = m.range.upperBound
            k += 1
        }
        guard position > start else { return [] }
        var end = position
        while end < text.count, QuoteStage.isQuoteMark(text[end]) { end += 1 }
        guard end >= text.count || RelationExtractor.fieldEnds.contains(text[end]) else { return [] }
        return values
    }

    /// What may close a field's value: a clause break, a space, a line's end, a bracket opening a note.
    static let fieldEnds = ScalarSet("，,；;：:。 \u{3000}\n（(")

    // MARK: part_of

    /// A place's parent is the nearest place above it that the document names; the
    /// gazetteer says which (外桐坞村 → 西湖区 when the text never names its 街道).
    func partOf(_ doc: ResolvedDocument, _ out: inout [RelationCandidate]) {
        // Entities are read in place: a copy of each (name, aliases, attributes) would retain every string in it.
        /// Where each parent's mentions end, sorted, made once per parent (a city is the parent of
        /// many): by entity index and searched by halves, where a dictionary of sets hashed each.
        var mentionEnds = [[Int]?](repeating: nil, count: doc.entities.count)
        for i in doc.entities.indices where doc.entities[i].kind == .place {
            guard let first = doc.entities[i].mentions.first else { continue }
            var parent: Int? = nil
            if let place = doc.entities[i].place {
                // The nearest division above it that the document names (by gazetteer index, not code).
                chains.forEachDivision(from: place) { division in
                    if division != place { parent = doc.placeEntity(place: division) }
                    return parent == nil
                }
            } else if let p = doc.entities[i].parentCode {
                parent = doc.placeEntity(code: p)
            }
            guard let parent else { continue }
            // Evidence: a mention of the child right after its parent if there is one.
            let mentions = doc.mentions
            let parentEnds = mentionEnds[parent] ?? doc.entities[parent].mentions.map { mentions[$0].range.upperBound }.sorted()
            mentionEnds[parent] = parentEnds
            let adjacent = doc.entities[i].mentions.first { RelationExtractor.sorted(parentEnds, contains: mentions[$0].range.lowerBound) }
            let m = doc.mentions[adjacent ?? first]
            let sentence = doc.segmented.sentenceIndex(at: m.range.lowerBound) ?? 0
            out.append(
                RelationCandidate(
                    relation: .partOf, subject: i, object: parent, span: m.range, sentence: sentence,
                    rule: adjacent != nil ? .partOfAdjacent : .partOfGazetteerChain,
                    confidence: adjacent != nil ? 0.95 : 0.85))
        }
    }
}

extension RelationExtractor {
    /// Whether the sorted array holds `value`.
    static func sorted(_ values: [Int], contains value: Int) -> Bool {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < values.count && values[low] == value
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

    /// Whether the last scalar (quote marks and spaces aside) is `scalar`.
    func endsWith(_ scalar: Unicode.Scalar) -> Bool {
        var last: Unicode.Scalar? = nil
        for s in self { last = s }
        return last == scalar
    }

    /// How many scalars, counting no further than `limit`.
    func count(upTo limit: Int) -> Int {
        var iterator = makeIterator()
        var n = 0
        while n < limit, iterator.next() != nil { n += 1 }
        return n
    }
}
