import TupuGazetteer
import TupuKit
import TupuText

/// Places: every gazetteer name (full, historic and generated short forms) matched at once,
/// then the longest non-overlapping readings kept, a full name always beating a short form.
/// A short town form (织里 for 织里镇) counts only when the article names a place above it.
/// Then 社区/村/街道/镇/乡 that no list holds, found by suffix right after a known place
/// (浦阳镇江西俞村) or right before a party branch (青石村党支部).
public struct PlaceStage: RecognitionStage {
    public let name = "places"
    let gazetteer: PlaceGazetteer
    let patterns: [String]
    let readings: [[PlaceName]]
    /// Per pattern, worked out once rather than per match: whether a reading is a full form.
    let hasFullReading: [Bool]
    /// The gazetteer's divisions, where a reading's place index points.
    let places: [Place]
    let matcher: ScalarMatcher

    // The word lists are the stage's own stored properties: read inside the scans, where a
    // `static let` costs a lazy-initialisation check at every use.
    let stops = Lexicon.stops
    let unitSuffixes = WordSet(["社区", "村", "街道", "镇", "乡"])
    let branchAfterUnit = WordSet(["党支部", "党总支", "党委", "居委会", "村委会", "经济合作社", "支部"])
    /// A unit suffix followed by these is a word, not a name (村民, 社区居民, 镇级).
    let notAfterUnit = WordSet(["民", "委", "干", "级", "集", "里", "内", "口", "落", "庄", "务", "情", "貌", "镇"])
    /// A unit suffix with the character before it forming a common word (农村, 故乡, 城镇).
    let commonUnitWords = WordSet([
        "农村", "乡村", "山村", "渔村", "全村", "本村", "该村", "新村", "各村", "村村",
        "自然村", "城中村", "行政村", "中心村", "城郊村",
        "故乡", "家乡", "城乡", "下乡", "老乡", "同乡", "水乡", "全乡", "本乡", "该乡",
        "城镇", "小镇", "乡镇", "古镇", "全镇", "该镇", "本镇", "各镇", "集镇", "重镇",
        "该社区", "本社区", "各社区", "全社区", "新社区"
    ])
    let runVerbs = WordSet(Lexicon.runVerbs + ["实施", "推进", "推动", "建设", "振兴", "发展", "举行", "签订", "签约"])
    let genericUnitNames = WordSet([
        "新农", "农", "乡", "全", "各", "本", "该", "美丽", "未来", "示范", "和美",
        "数字", "智慧", "文明", "周边", "所在", "相关", "城乡", "邻近", "毗邻",
        // A count of places (某镇与某镇两地|村社): the places just named, no unit's name.
        "两地", "三地", "多地", "两镇", "两县", "两村"
    ])

    /// Where a unit suffix may start (社区, 村 …), and where 自然村 may.
    public var scanKeys: [ScalarSet] { [unitSuffixes.byFirst.keys, ScalarSet([naturalVillageWord[0]])] }

    public init(gazetteer: PlaceGazetteer) {
        self.gazetteer = gazetteer
        let places = gazetteer.places
        let surfaceOfName = gazetteer.surfaceOfName
        // Readings grouped by surface form, groups in first-seen order: the matcher finds the
        // same matches whatever the order of its patterns. The gazetteer has numbered the
        // surface forms and found each name's place already: no hashing or lookup by code here.
        var groupOfSurface = [Int32](repeating: -1, count: gazetteer.surfaceCount)
        var patterns: [String] = []
        var readings: [[PlaceName]] = []
        var hasFullReading: [Bool] = []
        for (index, entry) in gazetteer.allNames.enumerated() {
            let place = entry.place.map { gazetteer[$0] }
            // Two-character village names (东村) fire inside ordinary words; a list cannot tell.
            // (Nine bytes or more hold at least three scalars.)
            if place?.level == .village,
                entry.name.utf8.count < 9, entry.name.unicodeScalars.count < 3
            {
                continue
            }
            if place?.isSpecialUnit == true, entry.form != .full { continue }
            let surface = Int(surfaceOfName[index])
            if groupOfSurface[surface] < 0 {
                groupOfSurface[surface] = Int32(patterns.count)
                patterns.append(entry.name)
                readings.append([])
                hasFullReading.append(false)
            }
            let group = Int(groupOfSurface[surface])
            readings[group].append(entry)
            if entry.form != .short { hasFullReading[group] = true }
        }
        self.patterns = patterns
        self.readings = readings
        self.hasFullReading = hasFullReading
        self.places = places
        let generic = genericVillageNames
        // Three or four characters, nine or twelve bytes: the only names hashed to be looked up.
        self.isGenericVillageName = patterns.map { ($0.utf8.count == 9 || $0.utf8.count == 12) && generic.contains($0) }
        self.matcher = ScalarMatcher(patterns: patterns)
    }

    /// A reading's level; nil for a name whose code no list holds.
    func level(of reading: PlaceName) -> PlaceLevel? {
        reading.place.map { places[$0.position].level }
    }

    public func run(_ state: inout RecognitionState) {
        struct Candidate {
            var range: Range<Int>
            var pattern: Int
            var full: Bool
        }
        var candidates: [Candidate] = []
        do {
            // By start: the order does not matter here (the sort below is total), and for the
            // gazetteer's many names that scan is the fast one.
            let matches = matcher.matchesByStart(in: state.text)
            candidates.reserveCapacity(matches.count)
            for m in matches where state.kind(at: m.start) != .byline {
                candidates.append(Candidate(range: m.start..<m.end, pattern: m.pattern, full: hasFullReading[m.pattern]))
            }
        }
        // Longest first, full before short, leftmost first; keep what does not overlap.
        candidates.sort { a, b in
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            if a.full != b.full { return a.full }
            return a.range.lowerBound < b.range.lowerBound
        }
        var taken = [Bool](repeating: false, count: state.text.count)
        var kept: [Candidate] = []
        for c in candidates where !c.range.contains(where: { taken[$0] }) {
            kept.append(c)
            for i in c.range { taken[i] = true }
        }
        // A short town form (织里 for 织里镇) is an abbreviation of a name the document wrote
        // in full; alone it is more often a word (建设, 前进). City and county forms stand alone.
        // Places as gazetteer indices: hashing their code strings cost more than the rest.
        var writtenInFull = Set<PlaceIndex>()
        for c in kept where c.full {
            for reading in readings[c.pattern] where reading.form != .short { if let place = reading.place { writtenInFull.insert(place) } }
        }
        /// Readings of other provinces' divisions: what their names bring along is read after the scan.
        var otherProvinces: [(place: PlaceIndex, range: Range<Int>, full: Bool)] = []
        for c in kept.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            var options = readings[c.pattern]
            if !c.full {
                options = options.filter { reading in
                    guard let place = reading.place else { return false }
                    if writtenInFull.contains(place) { return true }
                    // Another province's 四川, 广元 read alone only where a word can start (not 浙|江西|部, 推|广西|瓜).
                    return reading.standsAlone && (!gazetteer.isOutsideZhejiang(place) || startsAWord(c.range.lowerBound, state))
                }
                if options.isEmpty { continue }
            }
            // 城中村, 自然村, 中心村 are words before they are some village's name: a name only right after its town (…镇中心村).
            if c.full, isGenericVillageName[c.pattern],
                state.mention(endingAt: c.range.lowerBound, kinds: [.place]) == nil
            {
                continue
            }
            // A village name that starts with a verb and hangs off a word (…党工委|联合社区) is that verb.
            if c.full, c.range.lowerBound > 0, Chinese.isCharacter(state.text[c.range.lowerBound - 1]),
                options.allSatisfy({ level(of: $0) == .village }),  // a full match keeps every reading
                stops.longest(startingAt: c.range.lowerBound, in: state.text) != nil,
                state.mention(endingAt: c.range.lowerBound, kinds: [.place]) == nil
            {
                continue
            }
            for reading in options {
                if let place = reading.place, gazetteer.isOutsideZhejiang(place) {
                    otherProvinces.append((place, c.range, c.full && reading.form == .full))
                }
            }
            var mention = Mention(
                kind: .place, range: c.range, text: patterns[c.pattern],
                rule: c.full ? .placeGazetteer : .placeShortForm,
                confidence: c.full ? 0.95 : 0.7)
            mention.readings = options
            state.add(mention)
        }
        if !otherProvinces.isEmpty { readBesideOtherProvinces(otherProvinces, &state) }
        discoverUnits(&state)
        naturalVillages(&state)
    }

    /// Village names that are also the words for kinds of village (街道社区: a street's communities, as in
    /// 街道社区卫生服务中心).
    let genericVillageNames: Set<String> = ["城中村", "自然村", "行政村", "中心村", "城郊村", "新农村", "街道社区"]
    /// Per pattern: whether it is one of them.
    let isGenericVillageName: [Bool]
    /// Last characters of natural village names (王家|浜, 竹|坞, 石|岙, 横|桥, 下|宅 …).
    let naturalVillageEnds: Set<Unicode.Scalar> = [
        "浜", "坞", "岙", "桥", "湾", "塘", "岭", "坑", "垟", "头", "庄", "家",
        "里", "埠", "墩", "畈", "岗", "坂", "圩", "兜", "浦", "港", "坪", "洋",
        "坝", "垄", "源", "岩", "宅", "堰", "埭", "弄", "山", "底", "店", "园", "口"
    ]
    /// Endings that make a name in a list under a village a natural village even without the word 自然村.
    let waterVillageEnds: Set<Unicode.Scalar> = ["浜", "坞", "岙"]
    let naturalVillageWord: [Unicode.Scalar] = Array("自然村".unicodeScalars)
    /// Function characters no natural village name holds (家 does: 王家浜).
    let notInNaturalVillage: Set<Unicode.Scalar> = [
        "的", "在", "与", "和", "及", "等", "个", "是", "了", "为", "将", "各", "每", "其", "辖", "有", "由"
    ]
    /// A list's count before 自然村 (张家浜、李家坞、溪口|三个自然村).
    let countBeforeNaturalVillages = ScalarSet("一二三四五六七八九十两几0123456789")
    /// Words that open a list of natural villages or a name of one (下辖|张家浜, 其中|王家岙).
    let beforeNaturalVillages = WordSet(["其中", "下辖", "辖", "包括", "包含", "涵盖", "有", "如", "含"])

    /// Natural villages below a village, from strong context only: a name right before 自然村
    /// (王家岙自然村), or a list of names in a sentence that says 自然村 (张家浜、李家坞等5个自然村)
    /// or that names their village (…村的张家浜、李家坞).
    func naturalVillages(_ state: inout RecognitionState) {
        let text = state.text
        // The sentences that name a village, in one pass over the mentions (read in place).
        var namesVillage = Set<Int>()
        for i in state.mentions.indices
        where state.mentions[i].kind == .place
            && state.mentions[i].readings.contains(where: { level(of: $0) == .village })
        {
            if let sentence = state.segmented.sentenceIndex(at: state.mentions[i].range.lowerBound) { namesVillage.insert(sentence) }
        }
        // …and those that say 自然村, in one scan of the text.
        var saysNaturalVillages = Set<Int>()
        for i in state.scanPoints[1]
        where i + 2 < text.count && text[i + 1] == naturalVillageWord[1] && text[i + 2] == naturalVillageWord[2] {
            if let sentence = state.segmented.sentenceIndex(at: i) { saysNaturalVillages.insert(sentence) }
        }
        if namesVillage.isEmpty && saysNaturalVillages.isEmpty { return }
        for index in namesVillage.union(saysNaturalVillages).sorted() {
            let sentence = state.segmented.sentences[index]
            guard sentence.kind == .body || sentence.kind == .headline else { continue }
            let range = sentence.range
            let saysNaturalVillage = saysNaturalVillages.contains(index)
            var found: [Range<Int>] = []
            // Named right before 自然村 (在|王家岙|自然村).
            var from = range.lowerBound
            while let at = find(naturalVillageWord, in: text, from..<range.upperBound) {
                from = at + naturalVillageWord.count
                if let name = name(endingAt: at, in: text, state, notBefore: range.lowerBound),
                    naturalVillageEnds.contains(text[at - 1])
                {
                    found.append(name)
                }
            }
            // Listed: 张家浜、李家坞等 — the name before each 、 and the one after the last.
            let ends = saysNaturalVillage ? naturalVillageEnds : waterVillageEnds
            for i in range where text[i] == "、" {
                if i > range.lowerBound, ends.contains(text[i - 1]),
                    let name = name(endingAt: i, in: text, state, notBefore: range.lowerBound)
                {
                    found.append(name)
                }
                var end = i + 1
                while end < range.upperBound && end - i <= 4 && Chinese.isCharacter(text[end]) && text[end] != "等"
                    && !countsNaturalVillages(at: end, text)
                {
                    end += 1
                }
                let next = end < range.upperBound ? text[end] : " "
                if end - i - 1 >= 2 && end - i - 1 <= 4
                    && (next == "等" || next == "、" || !Chinese.isCharacter(next) || countsNaturalVillages(at: end, text))
                {
                    found.append((i + 1)..<end)
                }
            }
            // Right before 自然村, or before the list's count of them (…、溪口|三个自然村).
            func following(_ name: Range<Int>) -> Unicode.Scalar {
                if countsNaturalVillages(at: name.upperBound, text) { return "自" }
                return name.upperBound < text.count ? text[name.upperBound] : " "
            }
            found = found.filter { name in
                !name.contains(where: { notInNaturalVillage.contains(text[$0]) }) && (ends.contains(text[name.upperBound - 1]) || following(name) == "自")
            }
            // A list counts when two of its names at least look like natural villages.
            let listed = Set(found.filter { following($0) != "自" }.map(\.lowerBound))
            var added = Set<Int>()
            for name in found
            where !state.isTaken(name) && added.insert(name.lowerBound).inserted
                && (listed.count >= 2 || following(name) == "自")
            {
                var m = Mention(kind: .place, range: name, text: state.string(name), rule: .placeNaturalVillage, confidence: 0.6)
                m.level = .area
                m.discovered = true
                state.add(m)
            }
        }
    }

    /// Whether a count of natural villages starts at `offset` (三个自然村, 5个自然村).
    func countsNaturalVillages(at offset: Int, _ text: [Unicode.Scalar]) -> Bool {
        var i = offset
        while i < text.count, countBeforeNaturalVillages.contains(text[i]) { i += 1 }
        guard i > offset, i + 3 < text.count, text[i] == "个" else { return false }
        return text[(i + 1)..<(i + 4)].elementsEqual(naturalVillageWord)
    }

    /// Two to four Han characters ending at `end` that start at a boundary (a stop word, a place,
    /// punctuation), the longest such.
    private func name(endingAt end: Int, in text: [Unicode.Scalar], _ state: RecognitionState, notBefore lower: Int) -> Range<Int>? {
        // Most such names have three characters (王家岙): 其中|王家岙 before 其|中王家岙.
        for length in [3, 2, 4] where end - length >= lower {
            let start = end - length
            guard (start..<end).allSatisfy({ Chinese.isCharacter(text[$0]) && !notInNaturalVillage.contains(text[$0]) }) else { continue }
            // Not from inside a word before it (其|中溪头 is 其中|溪头).
            if (beforeNaturalVillages.longest(endingAt: start + 1, in: text) ?? 0) >= 2
                || (stops.longest(endingAt: start + 1, in: text) ?? 0) >= 2
            {
                continue
            }
            if start == lower || !Chinese.isCharacter(text[start - 1]) || stops.longest(endingAt: start, in: text) != nil
                || beforeNaturalVillages.longest(endingAt: start, in: text) != nil
                || state.mention(endingAt: start, kinds: [.place]) != nil
            {
                return start..<end
            }
        }
        return nil
    }

    private func find(_ word: [Unicode.Scalar], in text: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
        guard range.count >= word.count else { return nil }
        for i in range.lowerBound...(range.upperBound - word.count) where text[i] == word[0] {
            if text[i..<(i + word.count)].elementsEqual(word) { return i }
        }
        return nil
    }

    /// Characters after which a place name starts a word: function words and verbs of pairing news.
    let beforeAWord = WordSet([
        "与", "和", "同", "及", "在", "赴", "到", "从", "自", "援", "对", "的", "往", "至", "去", "来",
        "是", "为", "向", "帮", "助", "携", "联", "于", "了", "扶", "持", "入", "进", "走", "抵", "达"
    ])

    /// Whether a name at `start` begins a word: after no Chinese character, after a place of
    /// another province (四川|广元), or after a function word or verb (与|贵州, 赴|凉山州).
    func startsAWord(_ start: Int, _ state: RecognitionState) -> Bool {
        guard start > 0, Chinese.isCharacter(state.text[start - 1]) else { return true }
        if let before = state.mention(endingAt: start, kinds: [.place]) {
            return before.readings.contains { $0.place.map(gazetteer.isOutsideZhejiang) ?? false }
        }
        return beforeAWord.longest(endingAt: start, in: state.text) != nil
    }

    /// What another province's division brings along: its short form where the document wrote the
    /// full name (松潘县 … 松潘), a two-character county right after its prefecture (阿坝州|理县), and
    /// its townships in the same sentence. Those townships are too many and too alike (城关镇 ×82,
    /// 太平镇 ×50) to be read alone; one already read as a Zhejiang place there gains the other
    /// reading, and the resolver decides.
    func readBesideOtherProvinces(_ named: [(place: PlaceIndex, range: Range<Int>, full: Bool)], _ state: inout RecognitionState) {
        let text = state.text
        func add(_ reading: PlaceName, at range: Range<Int>, rule: MentionRule, confidence: Double, _ state: inout RecognitionState) {
            if state.isTaken(range) {
                state.updateMention(at: range, kind: .place) { m in
                    if !m.readings.contains(reading) { m.readings.append(reading) }
                }
                return
            }
            var mention = Mention(kind: .place, range: range, text: reading.name, rule: rule, confidence: confidence)
            mention.readings = [reading]
            state.add(mention)
        }
        func occurrences(of name: String, in range: Range<Int>, _ body: (Range<Int>) -> Void) {
            let name = Array(name.unicodeScalars)
            guard !name.isEmpty, name.count <= range.count else { return }
            for start in range.lowerBound...(range.upperBound - name.count) where text[start] == name[0] {
                if text[start..<(start + name.count)].elementsEqual(name) { body(start..<(start + name.count)) }
            }
        }
        var abbreviated = Set<PlaceIndex>()
        for (place, range, full) in named {
            let level = places[place.position].level
            if full && abbreviated.insert(place).inserted {
                for short in gazetteer.abbreviations(of: place) {
                    occurrences(of: short.name, in: 0..<text.count) { found in
                        // 温宿|镇: a short form a division word follows opens a longer name (the county's township).
                        let opensLongerName = found.upperBound < text.count && PlaceStage.divisionWords.contains(text[found.upperBound])
                        if !state.isTaken(found), !opensLongerName { add(short, at: found, rule: .placeShortForm, confidence: 0.7, &state) }
                    }
                }
            }
            if level == .city || level == .province {
                for county in gazetteer.twoCharacterCounties(of: place) {
                    let end = range.upperBound + county.name.unicodeScalars.count
                    guard end <= text.count else { continue }
                    occurrences(of: county.name, in: range.upperBound..<end) { found in
                        add(county, at: found, rule: .placeGazetteer, confidence: 0.9, &state)
                    }
                }
            }
        }
        // Townships, once the counties (two-character ones too) are all read.
        var units: [(place: PlaceIndex, sentence: Range<Int>)] = []
        for i in state.mentions.indices where state.mentions[i].kind == .place {
            for reading in state.mentions[i].readings {
                guard let place = reading.place, gazetteer.isOutsideZhejiang(place) else { continue }
                let level = places[place.position].level
                guard level == .county || level == .city,
                    let sentence = state.segmented.sentenceIndex(at: state.mentions[i].range.lowerBound)
                else { continue }
                units.append((place, state.segmented.sentences[sentence].range))
            }
        }
        var readTownships: [PlaceName] = []
        for (unit, sentence) in units {
            for township in gazetteer.townships(near: unit) {
                occurrences(of: township.name, in: sentence) { found in
                    add(township, at: found, rule: .placeTownshipByCounty, confidence: 0.85, &state)
                    if !readTownships.contains(township) { readTownships.append(township) }
                }
            }
        }
        // A township read beside its county is the one the document means wherever else it names it
        // (普安镇党委书记… a sentence later).
        for township in readTownships {
            occurrences(of: township.name, in: 0..<text.count) { found in
                add(township, at: found, rule: .placeTownshipByCounty, confidence: 0.8, &state)
            }
        }
    }

    /// Words that end a division's name right after its short form (温宿|镇, 剑阁|县).
    static let divisionWords = ScalarSet("省市区县镇乡街村")

    /// Units no list holds, by suffix and context.
    func discoverUnits(_ state: inout RecognitionState) {
        let text = state.text
        let anchorEnds = state.mentions.indices.compactMap { state.mentions[$0].kind == .place ? state.mentions[$0].range.upperBound : nil }
        var found: [Mention] = []
        // After a known place: 浦阳镇|江西俞|村.
        for anchorEnd in anchorEnds {
            if let unit = unit(startingAt: anchorEnd, in: text, state: state) {
                var m = Mention(
                    kind: .place, range: unit.range, text: state.string(unit.range),
                    rule: .placeSuffixAfterPlace, confidence: 0.6)
                m.level = unit.level
                m.discovered = true
                found.append(m)
            }
        }
        for m in found where !state.isTaken(m.range) { state.add(m) }
        // Before a branch: (boundary)|颂祥|村|党支部.
        // Only offsets whose scalar can start a suffix are looked at; a suffix before a branch is passed over.
        var next = 0
        for i in state.scanPoints[0] where i >= next {
            guard let suffixLength = unitSuffixes.longest(startingAt: i, in: text),
                branchAfterUnit.longest(startingAt: i + suffixLength, in: text) != nil
            else { continue }
            for length in (2...4).reversed() where i - length >= 0 {
                let start = i - length
                let range = start..<(i + suffixLength)
                guard (start..<i).allSatisfy({ Chinese.isCharacter(text[$0]) }), !state.isTaken(range),
                    start == 0 || !Chinese.isCharacter(text[start - 1]) || stops.longest(endingAt: start, in: text) != nil
                        || state.mention(endingAt: start, kinds: [.place]) != nil,
                    !containsStop(start..<i, text)
                else { continue }
                if containsGeneric(start..<i, text) || commonUnitWords.longest(endingAt: i + suffixLength, in: text) != nil
                    || runVerbs.longest(startingAt: start, in: text) != nil
                {
                    continue
                }
                var m = Mention(
                    kind: .place, range: range, text: state.string(range),
                    rule: .placeSuffixBeforeBranch, confidence: 0.6)
                m.level = level(ofSuffix: Scalars.string(text[i..<(i + suffixLength)]))
                m.discovered = true
                state.add(m)
                break
            }
            next = i + suffixLength
        }
    }

    private func unit(startingAt start: Int, in text: [Unicode.Scalar], state: RecognitionState) -> (range: Range<Int>, level: PlaceLevel)? {
        for length in 2...4 {
            let end = start + length
            guard end < text.count, (start..<end).allSatisfy({ Chinese.isCharacter(text[$0]) }) else { return nil }
            guard let suffixLength = unitSuffixes.longest(startingAt: end, in: text) else { continue }
            let range = start..<(end + suffixLength)
            if state.isTaken(range) || containsStop(start..<end, text) { return nil }
            if notAfterUnit.longest(startingAt: range.upperBound, in: text) != nil { return nil }
            if containsGeneric(start..<end, text) || commonUnitWords.longest(endingAt: end + suffixLength, in: text) != nil
                || runVerbs.longest(startingAt: start, in: text) != nil
            {
                return nil
            }
            let level = level(ofSuffix: Scalars.string(text[end..<(end + suffixLength)]))
            // Township names are two or three characters; a longer run before 镇/乡 is a phrase.
            if level == .township && length > 3 { return nil }
            return (range, level)
        }
        return nil
    }

    private func containsGeneric(_ range: Range<Int>, _ text: [Unicode.Scalar]) -> Bool {
        for end in (range.lowerBound + 1)...range.upperBound {
            if let length = genericUnitNames.longest(endingAt: end, in: text), end - length >= range.lowerBound { return true }
        }
        return false
    }

    private func containsStop(_ range: Range<Int>, _ text: [Unicode.Scalar]) -> Bool {
        for end in (range.lowerBound + 1)...range.upperBound {
            if let length = stops.longest(endingAt: end, in: text), end - length >= range.lowerBound { return true }
        }
        return false
    }

    private func level(ofSuffix suffix: String) -> PlaceLevel {
        suffix == "社区" || suffix == "村" ? .village : .township
    }
}
