import TupuGazetteer

/// The pattern that found a mention: its name (`place.gazetteer`) is written only where mentions
/// are reported (`tupu mentions`), with `repeat.` before it for a name found again.
public enum MentionRule: String, Sendable, CaseIterable {
    case placeActorReference = "place.actor-reference"
    case placeAreaSuffix = "place.area-suffix"
    case placeGazetteer = "place.gazetteer"
    case placeLocalReference = "place.local-reference"
    case placeNaturalVillage = "place.natural-village"
    case placeReference = "place.reference"
    case placeShortForm = "place.short-form"
    case placeSuffixAfterPlace = "place.suffix-after-place"
    case placeSuffixBeforeBranch = "place.suffix-before-branch"
    case placeTownshipByCounty = "place.township-by-county"
    case orgGazetteer = "org.gazetteer"
    case orgGroupShortForm = "org.group-short-form"
    case orgListedUnit = "org.listed-unit"
    case orgListedTradeUnit = "org.listed-trade-unit"
    case orgDepartment = "org.department"
    case orgPartyCommittee = "org.party-committee"
    case orgQuoted = "org.quoted"
    case orgReference = "org.reference"
    case orgSharedHead = "org.shared-head"
    case orgSuffix = "org.suffix"
    case orgTypeWordReference = "org.type-word-reference"
    case programmeBrandGazetteer = "programme.brand-gazetteer"
    case programmeFacilitySuffix = "programme.facility-suffix"
    case programmeFieldLabel = "programme.field-label"
    case programmeQuotedTypeWord = "programme.quoted+type-word"
    case programmeQuotedAfterVerb = "programme.quoted-after-verb"
    case programmeQuotedDottedName = "programme.quoted-dotted-name"
    case programmeQuotedInAList = "programme.quoted-in-a-list"
    case programmeQuotedLaunchedBy = "programme.quoted-launched-by"
    case programmeQuotedNameEnding = "programme.quoted-name-ending"
    case programmeYearEvent = "programme.year-event"
    case personAfterTitle = "person.after-title"
    case personBeforeCopula = "person.before-copula"
    case personBeforeTitle = "person.before-title"
    case personProfile = "person.profile"
}

/// A span of the text view that names something, as one stage saw it.
public struct Mention: Sendable, Equatable {
    public enum Kind: String, Sendable { case place, org, programme, person }

    /// Kinds as bits: stages ask "a place ending here?" at every step of a scan, and a `Set`
    /// literal there would be built and hashed each time.
    public struct Kinds: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public init(_ kind: Kind) {
            switch kind {
            case .place: rawValue = 1
            case .org: rawValue = 2
            case .programme: rawValue = 4
            case .person: rawValue = 8
            }
        }
        public static let place = Kinds(.place), org = Kinds(.org), programme = Kinds(.programme), person = Kinds(.person)
    }

    public var kind: Kind
    /// View offsets (see `TextView`), end exclusive.
    public var range: Range<Int>
    public var text: String
    /// Which stage and pattern found it: kept as evidence.
    public var rule: MentionRule
    /// A copy of an earlier mention, where the document repeats its name (`RepeatStage`).
    public var isRepeat = false
    public var confidence: Double
    /// Every division a place mention can name (a bare 城东街道 names five).
    public var readings: [PlaceName] = []
    /// Level of a place found by its suffix rather than a list.
    public var level: PlaceLevel? = nil
    /// True when no gazetteer holds the name: found by suffix and context.
    public var discovered = false
    /// `kind=` of an organisation or programme.
    public var subkind: NameKind? = nil
    /// A bare generic mention (该街道党工委, 社区党委) that refers back to a named one.
    public var isReference = false
    /// A person's title (党委书记), or the title span's start for role linking.
    public var title: String? = nil
    public var titleStart: Int? = nil
    /// Length of the leading place chain inside an org or facility name (衢州市柯城区|府山街道党工委).
    public var placePrefixEnd: Int? = nil
    /// The proper part of an org name: no place prefix, no type word, no generic words (柯城口腔医院 → 口腔).
    public var core: String? = nil
    /// The name a brand list gives the programme written here in short (红色驿 → 天使爱·红色驿).
    public var canonical: String? = nil

    public init(kind: Kind, range: Range<Int>, text: String, rule: MentionRule, confidence: Double) {
        self.kind = kind
        self.range = range
        self.text = text
        self.rule = rule
        self.confidence = confidence
    }

    /// The rule's name as reports write it.
    public var ruleName: String { isRepeat ? "repeat." + rule.rawValue : rule.rawValue }

    public static func == (a: Mention, b: Mention) -> Bool {
        a.kind == b.kind && a.range == b.range && a.text == b.text
    }
}
