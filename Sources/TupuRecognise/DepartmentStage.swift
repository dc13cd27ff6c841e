import TupuGazetteer
import TupuKit

/// Departments of a hospital, named after it: 某市人民医院|心内科 is an organisation of its own (the
/// relation patterns make it a member of the hospital), and so is each department listed after it
/// (…医院心内科、内分泌科 names …医院内分泌科 too). A department inside a longer name
/// (…医院心内科党支部) is left to that name, and one before a title (…医院急诊科主任) to the title.
public struct DepartmentStage: RecognitionStage {
    public let name = "departments"
    let stops = WordSet(Lexicon.stopWords + Lexicon.counted)
    let generic = WordSet(["专科", "学科", "本科", "各科", "全科", "全科室", "相关科室", "多个科室"])
    /// 科 that starts a word (科技, 科学, 科普 …) ends no department.
    let wordAfterKe = ScalarSet("技学研普协教")
    let listSeparators = WordSet(["、", "和", "及"])
    /// What may follow a list of departments: 等, 的, a count, or no character (a break).
    let listEnds = ScalarSet("等的共0123456789一二三四五六七八九十两")
    /// Characters no section's name holds (局|与|某科, 局|的|…).
    let functionCharacters = ScalarSet("的在与和及由是为了对将把向从到等也还并被让使给以于跟同")
    let units = WordSet(Lexicon.hospitalUnits)
    /// The titles of a department's head (主任, 护士长); a doctor or nurse (医生, 护士) heads none.
    let heads = WordSet(["主任", "副主任", "护士长", "副护士长", "科主任"])
    /// Characters of a department's own name before 科: one to four.
    static let nameLength = 1...4

    public init() {}

    public func run(_ state: inout RecognitionState) {
        var found: [Mention] = []
        // Mentions are read in place and copied only where a unit follows: a copy of each would
        // retain and release every string in it.
        for h in state.mentions.indices
        where state.mentions[h].kind == .org && state.mentions[h].subkind == .org(.hospital) && !state.mentions[h].isReference {
            // …医院急诊科|主任某某: a department right before a title describes the person's post; the
            // title goes to the hospital, and the department is no body the article talks about.
            guard var department = department(startingAt: state.mentions[h].range.upperBound, state),
                PersonStage.titles.longest(startingAt: department.upperBound, in: state.text) == nil
            else { continue }
            let hospital = state.mentions[h]
            found.append(mention(department, after: hospital, state))
            // …心内科、内分泌科: the departments listed after the first share its hospital.
            while let gap = listSeparators.longest(startingAt: department.upperBound, in: state.text),
                let next = self.department(startingAt: department.upperBound + gap, state)
            {
                var listed = Mention(
                    kind: .org, range: next, text: hospital.text + state.string(next), rule: .orgDepartment, confidence: 0.55)
                listed.subkind = .org(.hospital)
                listed.core = (hospital.core ?? "") + state.string(next)
                found.append(listed)
                department = next
            }
        }
        // 某县民政局|社会组织管理科, 市卫健局|医政科: a bureau's section, named after it. A title after
        // it is the section's (医政科|科长某某): the section is the body the person heads.
        for b in state.mentions.indices where state.mentions[b].kind == .org && state.mentions[b].subkind == .org(.government) {
            guard let section = section(startingAt: state.mentions[b].range.upperBound, state) else { continue }
            found.append(mention(section, after: state.mentions[b], state))
        }
        // 某大学|康复治疗系: a school's department, named after it.
        for s in state.mentions.indices where state.mentions[s].kind == .org && state.mentions[s].subkind == .org(.school) {
            guard let department = schoolDepartment(startingAt: state.mentions[s].range.upperBound, state) else { continue }
            found.append(mention(department, after: state.mentions[s], state))
        }
        // 设有酒店管理系、建筑工程系等5个系: a school's departments listed bare, in a text about a school.
        if state.mentions.contains(where: { $0.kind == .org && $0.subkind == .org(.school) }) {
            found += bareSchoolDepartments(state)
        }
        // 设有老年医学科、康复科等12个科室, 心内科、骨科的党员…: departments listed bare, in a text about a hospital.
        if state.mentions.contains(where: { $0.kind == .org && $0.subkind == .org(.hospital) }) {
            found += bareDepartments(state)
        }
        for m in found { state.add(m) }
    }

    /// Departments listed on their own, two or more joined by 、: each item's name is one to four
    /// characters and 科; the first starts after a function word, a verb or punctuation. One alone
    /// before its head's title (骨科护士长某某, 心内科主任某某) is the body the person heads.
    func bareDepartments(_ state: RecognitionState) -> [Mention] {
        let text = state.text
        var found: [Mention] = []
        var lastEnd = -1
        for comma in text.indices where (text[comma] == "、" || text[comma] == "科") && comma > lastEnd {
            if text[comma] == "科" {
                if heads.longest(startingAt: comma + 1, in: text) != nil, let department = departmentEnding(at: comma + 1, state) {
                    var m = Mention(kind: .org, range: department, text: state.string(department), rule: .orgDepartment, confidence: 0.55)
                    m.subkind = .org(.hospital)
                    m.core = m.text
                    found.append(m)
                }
                continue
            }
            guard comma > 0, text[comma - 1] == "科" || (comma > 1 && text[comma - 2] == "科" && text[comma - 1] == "室"),
                let first = departmentEnding(at: comma, state), var next = department(startingAt: comma + 1, state)
            else { continue }
            var items = [first, next]
            while let gap = listSeparators.longest(startingAt: next.upperBound, in: text),
                let more = department(startingAt: next.upperBound + gap, state)
            {
                items.append(more)
                next = more
            }
            lastEnd = next.upperBound
            // 内科、骨科专家: the list describes the people after it.
            guard endsList(at: next.upperBound, text) else { continue }
            found += items.map { listedDepartment($0, of: .hospital, state) }
        }
        return found
    }

    /// A school's departments listed on their own after a verb of having (设有A系、B系等5个系, 下设A系和B系):
    /// two or more, joined by 、, 和 or 及, the list ending the clause or going on with 等, 的 or a count.
    func bareSchoolDepartments(_ state: RecognitionState) -> [Mention] {
        let text = state.text
        var found: [Mention] = []
        var lastEnd = -1
        var i = listOpenerStarts.firstMember(from: 0, in: text)
        while i < text.count {
            defer { i = listOpenerStarts.firstMember(from: max(i + 1, lastEnd + 1), in: text) }
            guard let opener = listOpeners.longest(startingAt: i, in: text), var item = schoolDepartment(startingAt: i + opener, state)
            else { continue }
            var items = [item]
            while let gap = listSeparators.longest(startingAt: item.upperBound, in: text),
                let more = schoolDepartment(startingAt: item.upperBound + gap, state)
            {
                items.append(more)
                item = more
            }
            lastEnd = item.upperBound
            guard items.count >= 2, endsList(at: item.upperBound, text) else { continue }
            found += items.map { listedDepartment($0, of: .school, state) }
        }
        return found
    }

    /// The verbs of having before a school's list of departments.
    let listOpeners = WordSet(["设有", "下设", "开设", "包括", "拥有", "设立", "设置"])
    let listOpenerStarts = ScalarSet("设下开包拥")

    /// A list of departments ends the clause or goes on with 等, 的 or a count.
    func endsList(at end: Int, _ text: [Unicode.Scalar]) -> Bool {
        end >= text.count || !Chinese.isCharacter(text[end]) || listEnds.contains(text[end])
    }

    /// A department of a list, as a mention of the hospital's or school's kind.
    func listedDepartment(_ range: Range<Int>, of kind: OrgKind, _ state: RecognitionState) -> Mention {
        var m = Mention(kind: .org, range: range, text: state.string(range), rule: .orgDepartment, confidence: 0.55)
        m.subkind = .org(kind)
        m.core = m.text
        return m
    }

    /// The department ending right before `end`: its name starts after a stop word, a verb or a
    /// character that is no name's; the longest such name of one to four characters and 科.
    func departmentEnding(at end: Int, _ state: RecognitionState) -> Range<Int>? {
        let text = state.text
        for start in stride(from: end - DepartmentStage.nameLength.upperBound - 1, through: end - 2, by: 1) where start > 0 {
            let opens =
                !Chinese.isCharacter(text[start - 1]) || stops.longest(endingAt: start, in: text) != nil
                || Lexicon.boundary.longest(endingAt: start, in: text) != nil
            // 每周|选派内科: no verb or function word inside the name.
            guard opens, !(start..<(end - 1)).contains(where: { Lexicon.boundary.longest(startingAt: $0, in: text) != nil }),
                let department = department(startingAt: start, state), department.upperBound == end
            else { continue }
            return department
        }
        return nil
    }

    /// A bureau's section: two to six name characters, none a function character, then 科 or 股
    /// where no word goes on (科技, 股份).
    func section(startingAt start: Int, _ state: RecognitionState) -> Range<Int>? {
        let text = state.text
        for length in 2...6 {
            let end = start + length
            guard end < text.count, (start..<end).allSatisfy({ Chinese.isCharacter(text[$0]) && !functionCharacters.contains(text[$0]) })
            else { return nil }
            guard text[end] == "科" || text[end] == "股" else { continue }
            if end + 1 < text.count, wordAfterKe.contains(text[end + 1]) || text[end + 1] == "份" { return nil }
            let range = start..<(end + 1)
            return state.isTaken(range) ? nil : range
        }
        return nil
    }

    /// A school's department: two to six name characters, none a function character, then 系 where
    /// no word goes on (系统, 系列).
    func schoolDepartment(startingAt start: Int, _ state: RecognitionState) -> Range<Int>? {
        let text = state.text
        // 某学院|设有A系、B系: a verb of having opens a list of departments, no department's name.
        if listOpeners.longest(startingAt: start, in: text) != nil { return nil }
        for length in 2...6 {
            let end = start + length
            guard end < text.count, (start..<end).allSatisfy({ Chinese.isCharacter(text[$0]) && !functionCharacters.contains(text[$0]) })
            else { return nil }
            guard text[end] == "系" else { continue }
            if end + 1 < text.count, wordAfterXi.contains(text[end + 1]) { return nil }
            let range = start..<(end + 1)
            return state.isTaken(range) ? nil : range
        }
        return nil
    }
    /// 系 that starts a word (系统, 系列, 系数) ends no department.
    let wordAfterXi = ScalarSet("统列数")

    /// The department whose name starts at `start`: name characters up to 科 (or 科室), then no name
    /// goes on; or one of the hospital's units (护理部).
    func department(startingAt start: Int, _ state: RecognitionState) -> Range<Int>? {
        let text = state.text
        if let length = units.longest(startingAt: start, in: text) {
            let end = start + length
            return state.isTaken(start..<end) ? nil : start..<end
        }
        for length in DepartmentStage.nameLength {
            let ke = start + length
            guard ke < text.count, (start..<ke).allSatisfy({ Chinese.isCharacter(text[$0]) }) else { return nil }
            if stops.longest(endingAt: ke, in: text, notBefore: start) != nil { return nil }
            guard text[ke] == "科" else { continue }
            var end = ke + 1
            if end < text.count, text[end] == "室" { end += 1 }
            if end < text.count, wordAfterKe.contains(text[end]) { return nil }
            // …学科 is a field, but …医学科 (老年医学科, 康复医学科) a department.
            let medicine = ke - start >= 2 && text[ke - 2] == "医" && text[ke - 1] == "学"
            if (!medicine && generic.longest(endingAt: end, in: text, notBefore: start) != nil) || state.isTaken(start..<end) { return nil }
            return start..<end
        }
        return nil
    }

    /// A unit right after its body's name (a hospital's department, a bureau's section), as one
    /// organisation of the body's kind and place.
    func mention(_ unit: Range<Int>, after body: Mention, _ state: RecognitionState) -> Mention {
        let range = body.range.lowerBound..<unit.upperBound
        var m = Mention(
            kind: .org, range: range, text: body.text + state.string(unit), rule: .orgDepartment, confidence: 0.6)
        m.subkind = body.subkind
        m.placePrefixEnd = body.placePrefixEnd
        m.core = (body.core ?? "") + state.string(unit)
        return m
    }
}
