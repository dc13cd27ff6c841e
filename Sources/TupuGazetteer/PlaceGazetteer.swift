import Foundation
import TupuKit

/// Zhejiang's administrative divisions (province → village) with every name a place goes by:
/// full names, short forms made by rule, and older names from the 2016 list.
public final class PlaceGazetteer: Sendable {
    private let placeList: [Place]
    /// Codes by their bytes; `placeOfCode[number]` is the first place with that code.
    private let codes: ByteKeyTable
    private let placeOfCode: [Int32]
    /// Surface forms by their bytes; `firstWithSurface[number]` is its first entry in `allNames`,
    /// further entries chain through `nextWithSameSurface`.
    private let surfaces: ByteKeyTable
    private let firstWithSurface: [Int32]
    private let nextWithSameSurface: [Int32]
    public let allNames: [PlaceName]
    /// Per entry of `allNames`: the number of its surface form, shared by the entries spelt
    /// alike; numbers run from 0 in order of first appearance, below `surfaceCount`.
    public let surfaceOfName: [Int32]
    public var surfaceCount: Int { firstWithSurface.count }

    /// `historic` names place codes (in `places`) by names found only in an older list;
    /// `wordFrequencies` keeps town short forms that are common words out.
    public init(places: [Place], historic: [PlaceName] = [], wordFrequencies: [WordFrequency] = []) {
        var codes = ByteKeyTable(minimumCapacity: places.count)
        var placeOfCode: [Int32] = []
        placeOfCode.reserveCapacity(places.count)
        var codeOfPlace: [Int32] = []  // per place: its code's number
        codeOfPlace.reserveCapacity(places.count)
        var nextWithSameCode = [Int32](repeating: -1, count: places.count)
        var lastWithCode: [Int32] = []
        lastWithCode.reserveCapacity(places.count)
        // By index rather than by element: copying a `Place` retains its three strings.
        for index in places.indices {
            let (number, inserted) = codes.add(places[index].code)
            if inserted {
                placeOfCode.append(Int32(index))
                lastWithCode.append(Int32(index))
            } else {
                nextWithSameCode[Int(lastWithCode[number])] = Int32(index)
                lastWithCode[number] = Int32(index)
            }
            codeOfPlace.append(Int32(number))
        }
        // A place named the same as one of its historic names is known by that name only from the old list.
        var historicOnly = [Bool](repeating: false, count: places.count)
        var historicPlace: [Int32] = []
        historicPlace.reserveCapacity(historic.count)
        for name in historic {
            guard let number = codes.find(name.code) else {
                historicPlace.append(-1)
                continue
            }
            historicPlace.append(placeOfCode[number])
            var index = Int(placeOfCode[number])
            while index >= 0 {
                if places[index].name.hasSameUTF8(as: name.name) { historicOnly[index] = true }
                index = Int(nextWithSameCode[index])
            }
        }

        let capacity = places.count * 2 + historic.count
        var names: [PlaceName] = []
        names.reserveCapacity(capacity)
        var surfaceOfName: [Int32] = []
        surfaceOfName.reserveCapacity(capacity)
        var surfaces = ByteKeyTable(minimumCapacity: capacity)
        var firstWithSurface: [Int32] = []
        var lastWithSurface: [Int32] = []  // per surface: its chain's tail
        var nextWithSameSurface: [Int32] = []
        nextWithSameSurface.reserveCapacity(capacity)
        func add(_ name: PlaceName, place: PlaceIndex?) {
            let index = Int32(names.count)
            var name = name
            name.place = place
            names.append(name)
            nextWithSameSurface.append(-1)
            let (surface, inserted) = surfaces.add(name.name)
            surfaceOfName.append(Int32(surface))
            if inserted {
                firstWithSurface.append(index)
                lastWithSurface.append(index)
            } else {
                nextWithSameSurface[Int(lastWithSurface[surface])] = index
                lastWithSurface[surface] = index
            }
        }
        for index in places.indices where !historicOnly[index] && !places[index].isOutsideZhejiang {
            guard !places[index].isSpecialUnit || NameRules.specialUnitIsNamed(places[index].name) else { continue }
            add(PlaceName(name: places[index].name, code: places[index].code, form: .full), place: PlaceIndex(Int(placeOfCode[Int(codeOfPlace[index])])))
        }
        var seenHistoric = ByteKeyTable(minimumCapacity: historic.count)
        var key = ByteBuffer()
        for (number, name) in historic.enumerated() {
            // Code and name, the code's length first so that no two pairs give the same bytes.
            var code = name.code
            var text = name.name
            key.removeAll()
            key.append(bytesOf: code.utf8.count)
            code.withUTF8 { key.append(UnsafeRawBufferPointer($0)) }
            text.withUTF8 { key.append(UnsafeRawBufferPointer($0)) }
            guard key.withBytes({ seenHistoric.add($0).inserted }) else { continue }
            add(PlaceName(name: name.name, code: name.code, form: .historic), place: historicPlace[number] >= 0 ? PlaceIndex(Int(historicPlace[number])) : nil)
        }
        var commonWords = ByteKeyTable()
        for entry in wordFrequencies where entry.isCommonWord { commonWords.add(entry.word) }
        let shortForms = NameRules.shortForms(
            of: places, isOfficialName: { surfaces.find($0) != nil },
            isCommonWord: { commonWords.find($0) != nil })
        for (name, place) in shortForms {
            add(name, place: PlaceIndex(Int(placeOfCode[Int(codeOfPlace[place])])))
        }
        // Other provinces after Zhejiang's names are complete: its short forms are made blind to them.
        // Provinces, prefectures and counties by name; townships only beside them (`townships(near:)`).
        var townshipsOf: [PlaceIndex: [PlaceIndex]] = [:]
        var countiesOf: [PlaceIndex: [PlaceIndex]] = [:]
        var twoCharacterCountiesOf: [PlaceIndex: [PlaceName]] = [:]
        for index in places.indices where places[index].isOutsideZhejiang {
            let place = places[index]
            let parent = place.parentCode.flatMap { codes.find($0) }.map { PlaceIndex(Int(placeOfCode[$0])) }
            switch place.level {
            case .township:
                if let parent { townshipsOf[parent, default: []].append(PlaceIndex(index)) }
            case .county, .city, .province:
                if place.level == .county, let parent { countiesOf[parent, default: []].append(PlaceIndex(index)) }
                if NameRules.outsideNameIsSpecific(place.name) {
                    add(PlaceName(name: place.name, code: place.code, form: .full), place: PlaceIndex(index))
                } else if Chinese.characterCount(place.name) == 2 && !NameRules.genericOutsideStems.contains(place.name), let parent {
                    // 理县, 茂县: a two-character name reads like a word; it counts right after its prefecture (阿坝州理县).
                    var name = PlaceName(name: place.name, code: place.code, form: .full)
                    name.place = PlaceIndex(index)
                    twoCharacterCountiesOf[parent, default: []].append(name)
                }
            case .village, .area:
                continue
            }
        }
        // Short forms that stand alone are names to look for; the others only abbreviate a full
        // name the document wrote, so they are looked for only then (`abbreviations(of:)`), and
        // thousands of county stems (长安, 和平) stay out of the scan of every document.
        var abbreviationsOf: [PlaceIndex: [PlaceName]] = [:]
        for (name, place) in NameRules.outsideShortForms(of: places, isOfficialName: { surfaces.find($0) != nil }) {
            if name.standsAlone {
                add(name, place: PlaceIndex(place))
            } else {
                var name = name
                name.place = PlaceIndex(place)
                abbreviationsOf[PlaceIndex(place), default: []].append(name)
            }
        }

        self.placeList = places
        self.codes = codes
        self.placeOfCode = placeOfCode
        self.surfaces = surfaces
        self.firstWithSurface = firstWithSurface
        self.nextWithSameSurface = nextWithSameSurface
        self.allNames = names
        self.surfaceOfName = surfaceOfName
        self.townshipsOf = townshipsOf
        self.countiesOf = countiesOf
        self.twoCharacterCountiesOf = twoCharacterCountiesOf
        self.abbreviationsOf = abbreviationsOf
        self.firstPlaceOutsideZhejiang = places.firstIndex(where: \.isOutsideZhejiang) ?? places.count
    }

    /// The other provinces' divisions come after Zhejiang's: a place index at or past this one is
    /// outside Zhejiang (one comparison where the recogniser and resolver ask for every reading).
    public let firstPlaceOutsideZhejiang: Int

    public func isOutsideZhejiang(_ place: PlaceIndex) -> Bool { place.position >= firstPlaceOutsideZhejiang }

    /// Per division of another province: its townships, and a prefecture's or a province's counties.
    private let townshipsOf: [PlaceIndex: [PlaceIndex]]
    private let countiesOf: [PlaceIndex: [PlaceIndex]]
    private let twoCharacterCountiesOf: [PlaceIndex: [PlaceName]]
    private let abbreviationsOf: [PlaceIndex: [PlaceName]]

    /// Another province's counties with two-character names (理县), by prefecture or province:
    /// read only right after it.
    public func twoCharacterCounties(of place: PlaceIndex) -> [PlaceName] { twoCharacterCountiesOf[place] ?? [] }

    /// Short forms of another province's prefecture or county (松潘 for 松潘县) that name it only
    /// in a document that wrote the full name.
    public func abbreviations(of place: PlaceIndex) -> [PlaceName] { abbreviationsOf[place] ?? [] }

    /// The townships of another province's county, or of every county of a prefecture, as
    /// full names: read only where the text names their county or prefecture with them.
    public func townships(near place: PlaceIndex) -> [PlaceName] {
        guard self[place].isOutsideZhejiang else { return [] }
        var result: [PlaceName] = []
        func addTownships(of unit: PlaceIndex) {
            for township in townshipsOf[unit] ?? [] {
                var name = PlaceName(name: self[township].name, code: self[township].code, form: .full)
                name.place = township
                result.append(name)
            }
        }
        switch self[place].level {
        case .county: addTownships(of: place)
        case .city: for county in countiesOf[place] ?? [] { addTownships(of: county) }
        default: break
        }
        return result
    }

    public var places: [Place] { placeList }

    public subscript(place: PlaceIndex) -> Place { placeList[place.position] }

    /// The index in `places` of the (first) place with `code`.
    public func placeIndex(code: String) -> PlaceIndex? {
        codes.find(code).map { PlaceIndex(Int(placeOfCode[$0])) }
    }

    public func place(code: String) -> Place? {
        placeIndex(code: code).map { self[$0] }
    }

    /// The level of the (first) place with `code`, without copying the place out.
    public func level(code: String) -> PlaceLevel? {
        placeIndex(code: code).map { placeList[$0.position].level }
    }

    /// Every place a surface form can mean, in all its forms.
    public func places(named name: String) -> [PlaceName] {
        var result: [PlaceName] = []
        var index = surfaces.find(name).map { firstWithSurface[$0] } ?? -1
        while index >= 0 {
            result.append(allNames[Int(index)])
            index = nextWithSameSurface[Int(index)]
        }
        return result
    }

    public func parent(of code: String) -> Place? {
        place(code: code)?.parentCode.flatMap { place(code: $0) }
    }

    /// The place itself, its parent, …, up to the province.
    public func chain(of code: String) -> [Place] {
        var chain: [Place] = []
        var next = place(code: code)
        while let current = next, chain.count < 8 {
            chain.append(current)
            next = current.parentCode.flatMap { place(code: $0) }
        }
        return chain
    }

    /// Whether `code` is `ancestor` or lies inside it.
    public func isWithin(_ code: String, _ ancestor: String) -> Bool {
        chain(of: code).contains { $0.code == ancestor }
    }
}

/// The rules that turn official names into the names news text uses.
enum NameRules {
    static let countySuffixes = ["市", "县", "区"]
    static let townSuffixes = ["街道", "镇", "乡"]
    /// The same, for tests on UTF-8 bytes.
    static let townSuffixBytes: [StaticString] = ["街道", "镇", "乡"]

    /// A town short form shared by this many towns or more is too ambiguous to be a name
    /// (城东 ×5, 城南 ×4 …): the full names still match.
    static let mostTownsPerShortForm = 2

    /// Short forms: cities and counties without 市/县/区, towns without 街道/镇/乡, when at least
    /// two CJK characters remain; never for villages, never equal to another place's full name,
    /// and for towns never a common word or a form shared by several towns.
    static func shortForms(
        of places: [Place], isOfficialName: (String) -> Bool,
        isCommonWord: (String) -> Bool
    ) -> [(name: PlaceName, place: Int)] {
        var result: [(name: PlaceName, place: Int)] = []
        var townShortForms = ByteKeyTable()
        var townsPerShortForm: [Int] = []  // per town short form's number
        var townForms: [(name: PlaceName, place: Int, form: Int)] = []
        for index in places.indices
        where places[index].level != .village && !places[index].isSpecialUnit
            && !places[index].isOutsideZhejiang
        {
            let place = places[index]
            let suffixes: [String]
            switch place.level {
            case .city, .county: suffixes = countySuffixes
            case .township: suffixes = townSuffixes
            case .province, .village, .area: continue
            }
            guard let suffix = suffixes.first(where: { place.name.hasUTF8Suffix($0) }) else { continue }
            let stem = place.name.droppingUTF8Suffix(suffix)
            guard Chinese.characterCount(stem) >= 2, stem.unicodeScalars.count == Chinese.characterCount(stem), !isOfficialName(stem) else { continue }
            let name = PlaceName(name: stem, code: place.code, form: .short)
            if place.level == .township {
                // County and city short forms are how the news names them (嵊泗, 龙泉) even when
                // they are also words; a town's short form must not be an everyday word.
                if isCommonWord(stem) { continue }
                let (form, inserted) = townShortForms.add(stem)
                if inserted { townsPerShortForm.append(0) }
                townsPerShortForm[form] += 1
                townForms.append((name, index, form))
            } else {
                var name = name
                name.standsAlone = true
                result.append((name, index))
            }
        }
        var countyShortForms = ByteKeyTable()
        for (name, _) in result { countyShortForms.add(name.name) }
        for (name, place, form) in townForms
        where townsPerShortForm[form] <= mostTownsPerShortForm
            && countyShortForms.find(name.name) == nil
        {
            result.append((name, place))
        }
        return result
    }

    /// Another province's names that are everyday words: 城区, 郊区 (two characters), 市中区, 城关区.
    static let genericOutsideStems: Set<String> = ["市中", "城中", "城关", "新城", "城区", "郊区", "矿区", "东区", "西区"]

    static func outsideNameIsSpecific(_ name: String) -> Bool {
        let count = Chinese.characterCount(name)
        guard count >= 3 else { return false }
        return count > 3 || !genericOutsideStems.contains(String(String.UnicodeScalarView(name.unicodeScalars.prefix(2))))
    }

    /// What a province's, prefecture's or county's own name is followed by.
    static let outsideSuffixes = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "省", "市", "县", "区", "盟", "旗"]
    /// The peoples an autonomous unit names after its own name (阿坝|藏族羌族|自治州).
    static let peoples = [
        "布依族", "土家族", "哈尼族", "景颇族", "傈僳族", "蒙古族", "朝鲜族", "达斡尔族", "鄂温克族", "仡佬族",
        "毛南族", "仫佬族", "纳西族", "拉祜族", "普米族", "布朗族", "阿昌族", "德昂族", "撒拉族", "东乡族",
        "保安族", "裕固族", "锡伯族", "独龙族", "维吾尔", "哈萨克", "柯尔克孜", "塔吉克", "鄂伦春", "蒙古",
        "藏族", "羌族", "彝族", "苗族", "侗族", "傣族", "白族", "回族", "壮族", "瑶族", "满族", "畲族", "水族",
        "黎族", "佤族", "怒族", "土族", "京族", "各族"
    ]
    /// Prefecture names that are also everyday words (大同, 安康, 日照 …): read only as an
    /// abbreviation of the full name written in the same document.
    static let prefectureStemsThatAreWords: Set<String> = [
        "大同", "长治", "白银", "朝阳", "中山", "四平", "白山", "开封", "来宾", "普洱", "山南", "北海", "大庆", "日照",
        "安康", "黑河", "海东", "海南", "海北", "海西", "河池", "玉林", "白城", "清远", "宁德", "常德", "吉安", "泰安",
        "保定", "新余", "三明", "临沧", "昌都", "铜仁", "丽江", "红河", "文山", "大理", "德宏", "怒江", "玉树", "甘南",
        "和田", "阿里", "兴安", "伊春", "通化", "金昌", "天水", "定西", "平凉", "中卫", "吴忠", "固原", "南平", "东营", "新乡",
        "济源", "鹤壁", "随州", "梅州", "云浮", "阳江", "河源", "百色", "贵港", "崇左", "三亚", "三沙", "儋州", "阳泉"
    ]

    /// Another province's short forms: a province without 省/市/自治区 (四川, 广西, 新疆) and an
    /// autonomous prefecture as `…州` (凉山州) stand alone; a prefecture's stem (广元) stands alone
    /// unless it is an everyday word; a county's (旺苍) only abbreviates its full name written in the
    /// document. Never one character, never another place's full name.
    static func outsideShortForms(of places: [Place], isOfficialName: (String) -> Bool) -> [(name: PlaceName, place: Int)] {
        var result: [(name: PlaceName, place: Int)] = []
        // Other provinces' divisions come last, townships among them: start there, by index.
        let first = places.firstIndex(where: \.isOutsideZhejiang) ?? places.count
        for index in first..<places.count where places[index].level != .township {
            let place = places[index]
            guard outsideNameIsSpecific(place.name), let suffix = outsideSuffixes.first(where: { place.name.hasUTF8Suffix($0) }) else { continue }
            var stem = place.name.droppingUTF8Suffix(suffix)
            let autonomous = suffix.hasPrefix("自治")
            if autonomous {
                var stripped = true
                while stripped {
                    stripped = false
                    for people in peoples where stem.hasUTF8Suffix(people) && Chinese.characterCount(stem) > Chinese.characterCount(people) {
                        stem = stem.droppingUTF8Suffix(people)
                        stripped = true
                    }
                }
            }
            guard Chinese.characterCount(stem) >= 2, stem.unicodeScalars.count == Chinese.characterCount(stem), !isOfficialName(stem) else { continue }
            func add(_ form: String, alone: Bool) {
                var name = PlaceName(name: form, code: place.code, form: .short)
                name.standsAlone = alone
                result.append((name, index))
            }
            switch place.level {
            case .province:
                add(stem, alone: true)
            case .city:
                if suffix == "自治州" {
                    if !isOfficialName(stem + "州") { add(stem + "州", alone: true) }
                    add(stem, alone: false)
                } else {
                    add(stem, alone: !prefectureStemsThatAreWords.contains(stem) && Chinese.characterCount(stem) >= 2)
                }
            case .county:
                add(stem, alone: false)
            case .township, .village, .area:
                continue
            }
        }
        return result
    }

    /// The generic heads of special units; what precedes them must name something.
    static let specialUnitHeads = [
        "经济技术开发区", "经济开发区", "农业开发区", "开发区", "技术产业园区", "产业园区", "商贸园区", "园区",
        "保税区", "围垦区", "农垦场", "农场", "林场", "特产场场区", "自然保护区", "工业区", "工业城", "商业城",
        "世纪城", "新区", "新城", "创新中心"
    ]
    /// Modifiers that do not make a special unit's name specific (高新技术产业园区, 东部新区 …).
    static let genericModifiers: Set<String> = ["高新技术", "高新", "现代", "东部", "西部", "南部", "北部", "中部", "县", "市", "县特产场"]

    /// A special unit is named only by a specific part before its generic head (远山经济技术开发区,
    /// 红山农场), never by the bare head (开发区, 保税区, 围垦区) or an administrative filler (县直辖…).
    static func specialUnitIsNamed(_ name: String) -> Bool {
        if name.contains("直辖") { return false }
        guard let head = specialUnitHeads.first(where: { name.hasUTF8Suffix($0) }) else {
            return Chinese.characterCount(name) >= 4
        }
        let specific = name.droppingUTF8Suffix(head)
        return Chinese.characterCount(specific) >= 2 && !genericModifiers.contains(specific)
    }
}
