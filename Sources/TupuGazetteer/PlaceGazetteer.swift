import Foundation

/// Zhejiang's administrative divisions (province → village) with every name a place goes by:
/// full names, short forms made by rule, and older names from the 2016 list.
public final class PlaceGazetteer: Sendable {
    private let placeList: [Place]
    private let indexByCode: [String: Int32]
    /// Surface form → its first entry in `allNames`; further entries chain through `nextWithSameSurface`.
    private let firstWithSurface: [NameKey: Int32]
    private let nextWithSameSurface: [Int32]
    public let allNames: [PlaceName]

    /// `historic` names place codes (in `places`) by names found only in an older list;
    /// `wordFrequencies` keeps town short forms that are common words out.
    public init(places: [Place], historic: [PlaceName] = [], wordFrequencies: [WordFrequency] = []) {
        var indexByCode: [String: Int32] = [:]
        indexByCode.reserveCapacity(places.count)
        for (index, place) in places.enumerated() where indexByCode[place.code] == nil {
            indexByCode[place.code] = Int32(index)
        }
        let historicOnly = Set(historic.map { HistoricKey(code: $0.code, name: $0.name) })

        var names: [PlaceName] = []
        names.reserveCapacity(places.count * 2 + historic.count)
        var firstWithSurface: [NameKey: Int32] = [:]
        firstWithSurface.reserveCapacity(places.count * 2 + historic.count)
        var nextWithSameSurface: [Int32] = []
        nextWithSameSurface.reserveCapacity(places.count * 2 + historic.count)
        var lastWithSurface: [Int32] = []  // per first entry's index: the chain's tail
        lastWithSurface.reserveCapacity(places.count * 2 + historic.count)
        func add(_ name: PlaceName) {
            let index = Int32(names.count)
            names.append(name)
            nextWithSameSurface.append(-1)
            lastWithSurface.append(index)
            let key = NameKey(name.name)
            if let first = firstWithSurface[key] {
                nextWithSameSurface[Int(lastWithSurface[Int(first)])] = index
                lastWithSurface[Int(first)] = index
            } else {
                firstWithSurface[key] = index
            }
        }
        for place in places where !historicOnly.contains(HistoricKey(code: place.code, name: place.name)) {
            guard !place.isSpecialUnit || NameRules.specialUnitIsNamed(place.name) else { continue }
            add(PlaceName(name: place.name, code: place.code, form: .full))
        }
        var seenHistoric = Set<HistoricKey>(minimumCapacity: historic.count)
        for name in historic where seenHistoric.insert(HistoricKey(code: name.code, name: name.name)).inserted {
            add(PlaceName(name: name.name, code: name.code, form: .historic))
        }
        let officialNames = firstWithSurface
        var commonWords = Set<NameKey>()
        for entry in wordFrequencies where entry.isCommonWord { commonWords.insert(NameKey(entry.word)) }
        for name in NameRules.shortForms(of: places, isOfficialName: { officialNames[$0] != nil },
                                         isCommonWord: { commonWords.contains($0) }) {
            add(name)
        }

        self.placeList = places
        self.indexByCode = indexByCode
        self.firstWithSurface = firstWithSurface
        self.nextWithSameSurface = nextWithSameSurface
        self.allNames = names
    }

    public var places: [Place] { placeList }

    public func place(code: String) -> Place? {
        indexByCode[code].map { placeList[Int($0)] }
    }

    /// Every place a surface form can mean, in all its forms.
    public func places(named name: String) -> [PlaceName] {
        var result: [PlaceName] = []
        var index = firstWithSurface[NameKey(name)] ?? -1
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

    private struct HistoricKey: Hashable {
        let code: String
        let name: NameKey
        init(code: String, name: String) {
            self.code = code
            self.name = NameKey(name)
        }
    }
}

/// The rules that turn official names into the names news text uses.
enum NameRules {
    static let countySuffixes = ["市", "县", "区"]
    static let townSuffixes = ["街道", "镇", "乡"]

    /// A town short form shared by this many towns or more is too ambiguous to be a name
    /// (城东 ×5, 城南 ×4 …): the full names still match.
    static let mostTownsPerShortForm = 2

    /// Short forms: cities and counties without 市/县/区, towns without 街道/镇/乡, when at least
    /// two CJK characters remain; never for villages, never equal to another place's full name,
    /// and for towns never a common word or a form shared by several towns.
    static func shortForms(of places: [Place], isOfficialName: (NameKey) -> Bool, isCommonWord: (NameKey) -> Bool) -> [PlaceName] {
        var result: [PlaceName] = []
        var townsPerShortForm: [NameKey: Int] = [:]
        var townShortForms: [PlaceName] = []
        for place in places where !place.isSpecialUnit {
            let suffixes: [String]
            switch place.level {
            case .city, .county: suffixes = countySuffixes
            case .township: suffixes = townSuffixes
            case .province, .village, .area: continue
            }
            guard let suffix = suffixes.first(where: { place.name.hasUTF8Suffix($0) }) else { continue }
            let stem = place.name.droppingUTF8Suffix(suffix)
            guard cjkCount(stem) >= 2, stem.unicodeScalars.count == cjkCount(stem), !isOfficialName(NameKey(stem)) else { continue }
            let name = PlaceName(name: stem, code: place.code, form: .short)
            if place.level == .township {
                // County and city short forms are how the news names them (嵊泗, 龙泉) even when
                // they are also words; a town's short form must not be an everyday word.
                if isCommonWord(NameKey(stem)) { continue }
                townsPerShortForm[NameKey(stem), default: 0] += 1
                townShortForms.append(name)
            } else {
                result.append(name)
            }
        }
        let countyShortForms = Set(result.map { NameKey($0.name) })
        for name in townShortForms where townsPerShortForm[NameKey(name.name), default: 0] <= mostTownsPerShortForm
            && !countyShortForms.contains(NameKey(name.name)) {
            result.append(name)
        }
        return result
    }

    static func cjkCount(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { count, scalar in
            switch scalar.value {
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2FFFF: return count + 1
            default: return count
            }
        }
    }

    /// The generic heads of special units; what precedes them must name something.
    static let specialUnitHeads = [
        "经济技术开发区", "经济开发区", "农业开发区", "开发区", "技术产业园区", "产业园区", "商贸园区", "园区",
        "保税区", "围垦区", "农垦场", "农场", "林场", "特产场场区", "自然保护区", "工业区", "工业城", "商业城",
        "世纪城", "新区", "新城", "创新中心",
    ]
    /// Modifiers that do not make a special unit's name specific (高新技术产业园区, 东部新区 …).
    static let genericModifiers: Set<String> = ["高新技术", "高新", "现代", "东部", "西部", "南部", "北部", "中部", "县", "市", "县特产场"]

    /// A special unit is named only by a specific part before its generic head (远山经济技术开发区,
    /// 红山农场), never by the bare head (开发区, 保税区, 围垦区) or an administrative filler (县直辖…).
    static func specialUnitIsNamed(_ name: String) -> Bool {
        if name.contains("直辖") { return false }
        guard let head = specialUnitHeads.first(where: { name.hasUTF8Suffix($0) }) else {
            return cjkCount(name) >= 4
        }
        let specific = name.droppingUTF8Suffix(head)
        return cjkCount(specific) >= 2 && !genericModifiers.contains(specific)
    }
}
