import Foundation

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
            guard let number = codes.find(name.code) else { historicPlace.append(-1); continue }
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
        func add(_ name: PlaceName, place: Int32) {
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
        for index in places.indices where !historicOnly[index] {
            guard !places[index].isSpecialUnit || NameRules.specialUnitIsNamed(places[index].name) else { continue }
            add(PlaceName(name: places[index].name, code: places[index].code, form: .full), place: placeOfCode[Int(codeOfPlace[index])])
        }
        var seenHistoric = ByteKeyTable(minimumCapacity: historic.count)
        var key = ByteBuffer()
        for (number, name) in historic.enumerated() {
            // Code and name, the code's length first so that no two pairs give the same bytes.
            var code = name.code, text = name.name
            key.removeAll()
            key.append(bytesOf: code.utf8.count)
            code.withUTF8 { key.append(UnsafeRawBufferPointer($0)) }
            text.withUTF8 { key.append(UnsafeRawBufferPointer($0)) }
            guard key.withBytes({ seenHistoric.add($0).inserted }) else { continue }
            add(PlaceName(name: name.name, code: name.code, form: .historic), place: historicPlace[number])
        }
        var commonWords = ByteKeyTable()
        for entry in wordFrequencies where entry.isCommonWord { commonWords.add(entry.word) }
        let shortForms = NameRules.shortForms(of: places, isOfficialName: { surfaces.find($0) != nil },
                                              isCommonWord: { commonWords.find($0) != nil })
        for (name, place) in shortForms {
            add(name, place: placeOfCode[Int(codeOfPlace[place])])
        }

        self.placeList = places
        self.codes = codes
        self.placeOfCode = placeOfCode
        self.surfaces = surfaces
        self.firstWithSurface = firstWithSurface
        self.nextWithSameSurface = nextWithSameSurface
        self.allNames = names
        self.surfaceOfName = surfaceOfName
    }

    public var places: [Place] { placeList }

    /// The index in `places` of the (first) place with `code`.
    public func placeIndex(code: String) -> Int? {
        codes.find(code).map { Int(placeOfCode[$0]) }
    }

    public func place(code: String) -> Place? {
        placeIndex(code: code).map { placeList[$0] }
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
    static func shortForms(of places: [Place], isOfficialName: (String) -> Bool,
                           isCommonWord: (String) -> Bool) -> [(name: PlaceName, place: Int)] {
        var result: [(name: PlaceName, place: Int)] = []
        var townShortForms = ByteKeyTable()
        var townsPerShortForm: [Int] = []  // per town short form's number
        var townForms: [(name: PlaceName, place: Int, form: Int)] = []
        for index in places.indices where places[index].level != .village && !places[index].isSpecialUnit {
            let place = places[index]
            let suffixes: [String]
            switch place.level {
            case .city, .county: suffixes = countySuffixes
            case .township: suffixes = townSuffixes
            case .province, .village, .area: continue
            }
            guard let suffix = suffixes.first(where: { place.name.hasUTF8Suffix($0) }) else { continue }
            let stem = place.name.droppingUTF8Suffix(suffix)
            guard cjkCount(stem) >= 2, stem.unicodeScalars.count == cjkCount(stem), !isOfficialName(stem) else { continue }
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
                result.append((name, index))
            }
        }
        var countyShortForms = ByteKeyTable()
        for (name, _) in result { countyShortForms.add(name.name) }
        for (name, place, form) in townForms where townsPerShortForm[form] <= mostTownsPerShortForm
            && countyShortForms.find(name.name) == nil {
            result.append((name, place))
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
