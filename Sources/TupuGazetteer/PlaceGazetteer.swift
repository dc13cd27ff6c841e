import Foundation

/// Zhejiang's administrative divisions (province → village) with every name a place goes by:
/// full names, short forms made by rule, and older names from the 2016 list.
public final class PlaceGazetteer: Sendable {
    private let placeList: [Place]
    private let indexByCode: [String: Int]
    private let namesBySurface: [String: [PlaceName]]
    public let allNames: [PlaceName]

    /// `historic` names place codes (in `places`) by names found only in an older list.
    public init(places: [Place], historic: [PlaceName] = []) {
        var indexByCode: [String: Int] = [:]
        indexByCode.reserveCapacity(places.count)
        for (index, place) in places.enumerated() where indexByCode[place.code] == nil {
            indexByCode[place.code] = index
        }
        let historicOnly = Set(historic.map { HistoricKey(code: $0.code, name: $0.name) })

        var names: [PlaceName] = []
        names.reserveCapacity(places.count * 2 + historic.count)
        var fullNames = Set<String>()
        for place in places where !historicOnly.contains(HistoricKey(code: place.code, name: place.name)) {
            guard !place.isSpecialUnit || NameRules.specialUnitIsNamed(place.name) else { continue }
            names.append(PlaceName(name: place.name, code: place.code, form: .full))
            fullNames.insert(place.name)
        }
        var seenHistoric = Set<HistoricKey>()
        for name in historic where seenHistoric.insert(HistoricKey(code: name.code, name: name.name)).inserted {
            names.append(PlaceName(name: name.name, code: name.code, form: .historic))
            fullNames.insert(name.name)
        }
        names.append(contentsOf: NameRules.shortForms(of: places, avoiding: fullNames))

        var namesBySurface: [String: [PlaceName]] = [:]
        namesBySurface.reserveCapacity(names.count)
        for name in names { namesBySurface[name.name, default: []].append(name) }

        self.placeList = places
        self.indexByCode = indexByCode
        self.namesBySurface = namesBySurface
        self.allNames = names
    }

    public var places: [Place] { placeList }

    public func place(code: String) -> Place? {
        indexByCode[code].map { placeList[$0] }
    }

    /// Every place a surface form can mean, in all its forms.
    public func places(named name: String) -> [PlaceName] {
        namesBySurface[name] ?? []
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
        let name: String
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
    /// two CJK characters remain; never for villages, never equal to another place's full name.
    static func shortForms(of places: [Place], avoiding fullNames: Set<String>) -> [PlaceName] {
        var result: [PlaceName] = []
        var townsPerShortForm: [String: Int] = [:]
        var townShortForms: [PlaceName] = []
        for place in places where !place.isSpecialUnit {
            let suffixes: [String]
            switch place.level {
            case .city, .county: suffixes = countySuffixes
            case .township: suffixes = townSuffixes
            case .province, .village, .area: continue
            }
            guard let suffix = suffixes.first(where: { place.name.hasSuffix($0) }) else { continue }
            let stem = String(place.name.unicodeScalars.dropLast(suffix.unicodeScalars.count))
            guard cjkCount(stem) >= 2, stem.unicodeScalars.count == cjkCount(stem), !fullNames.contains(stem) else { continue }
            let name = PlaceName(name: stem, code: place.code, form: .short)
            if place.level == .township {
                townsPerShortForm[stem, default: 0] += 1
                townShortForms.append(name)
            } else {
                result.append(name)
            }
        }
        let countyShortForms = Set(result.map(\.name))
        for name in townShortForms where townsPerShortForm[name.name, default: 0] <= mostTownsPerShortForm
            && !countyShortForms.contains(name.name) {
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

    /// A special unit is named only by a specific part before its generic head (萧山经济技术开发区,
    /// 红山农场), never by the bare head (开发区, 保税区, 围垦区) or an administrative filler (县直辖…).
    static func specialUnitIsNamed(_ name: String) -> Bool {
        if name.contains("直辖") { return false }
        guard let head = specialUnitHeads.first(where: { name.hasSuffix($0) }) else {
            return cjkCount(name) >= 4
        }
        let specific = String(name.unicodeScalars.dropLast(head.unicodeScalars.count))
        return cjkCount(specific) >= 2 && !genericModifiers.contains(specific)
    }
}
