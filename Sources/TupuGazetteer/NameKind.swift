/// What a programme is: the kinds brand lists and programme cue words give.
public enum ProgrammeKind: String, Sendable, CaseIterable {
    case brand, project, service, facility, campaign, event, product, team, other
}

/// The kind of an organisation or programme name, written as the entity's `kind` attribute.
public enum NameKind: Hashable, Sendable {
    case org(OrgKind)
    case programme(ProgrammeKind)
    /// A kind a brand list gives that neither enum names: kept as written (the loader warns).
    case unlisted(String)

    /// A brand list's kind: a programme kind first, then an organisation kind (a names file may give one).
    public init(brandKind: String) {
        if let kind = ProgrammeKind(rawValue: brandKind) {
            self = .programme(kind)
        } else if let kind = OrgKind(rawValue: brandKind) {
            self = .org(kind)
        } else {
            self = .unlisted(brandKind)
        }
    }

    /// The kind as the graph file writes it.
    public var name: String {
        switch self {
        case .org(let kind): kind.rawValue
        case .programme(let kind): kind.rawValue
        case .unlisted(let kind): kind
        }
    }
}
