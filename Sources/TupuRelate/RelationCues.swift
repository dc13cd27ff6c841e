import Foundation
import TupuKit
import TupuRecognise

/// The cue words the relation patterns read, from `Resources/relation-cues.tsv` (one
/// `FAMILY<TAB>WORD` a line): verbs, markers and nouns, kept as data so that a reader can
/// see and extend what each pattern keys on without reading the code.
public struct RelationCues: Sendable {
    public enum Family: String, CaseIterable, Sendable {
        case runVerb = "run-verb"
        case runVerbNoun = "run-verb-noun"
        case runnerField = "runner-field"
        case placeField = "place-field"
        case passiveLead = "passive-lead"
        case locative
        case locativeAfter = "locative-after"
        case partnerTransitive = "partner-transitive"
        case partnerMutual = "partner-mutual"
        case partnerNoun = "partner-noun"
        case partnerWith = "partner-with"
        case bothParties = "both-parties"
        case pronoun
        case gapWord = "gap-word"
        case membershipVerb = "membership-verb"
        case founderWord = "founder-word"
        case memberList = "member-list"
        case memberListModifier = "member-list-modifier"
        case joinVerb = "join-verb"
        case memberCopula = "member-copula"
        case memberWord = "member-word"
        case collectiveWord = "collective-word"
        case subUnit = "sub-unit"
        case departmentEnd = "department-end"
        case placeTitle = "place-title"
        case referringTypeWord = "referring-type-word"
        case meansMarker = "means-marker"
        case memberNoun = "member-noun"
        case groupNoun = "group-noun"
        case personalTitle = "personal-title"
        case titlePrefix = "title-prefix"
        case partnerModifier = "partner-modifier"
        case placeReference = "place-reference"
        case chainBody = "chain-body"
        case subsidiaryMarker = "subsidiary-marker"
        case destination
        case localPlace = "local-place"
        case actorPlace = "actor-place"
        case settingOpen = "setting-open"
        case settingClose = "setting-close"
        case agentCategory = "agent-category"
        case guideVerb = "guide-verb"
        case operationNoun = "operation-noun"
        case operatorNoun = "operator-noun"
    }

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case malformed(file: String, line: Int, reason: String)

        public var description: String {
            switch self {
            case .unreadable(let path): return "\(path): cannot read the relation cues"
            case .malformed(let file, let line, let reason): return "\(file):\(line): \(reason)"
            }
        }
    }

    let sets: [WordSet]

    public subscript(_ family: Family) -> WordSet { sets[RelationCues.index[family]!] }

    static let index: [Family: Int] = Dictionary(uniqueKeysWithValues: Family.allCases.enumerated().map { ($1, $0) })

    /// Reads the TSV text; `file` names it in errors.
    public init(tsv: String, file: String = "relation-cues.tsv") throws {
        var words = [[String]](repeating: [], count: Family.allCases.count)
        for (n, raw) in tsv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[1].isEmpty else {
                throw LoadError.malformed(file: file, line: n + 1, reason: "want FAMILY<TAB>WORD")
            }
            guard let family = Family(rawValue: String(fields[0])) else {
                throw LoadError.malformed(file: file, line: n + 1, reason: "unknown family \(fields[0])")
            }
            words[RelationCues.index[family]!].append(String(fields[1]))
        }
        sets = words.map { WordSet($0) }
    }

    /// The cues shipped with the package.
    public static func bundled() throws -> RelationCues {
        guard
            let url = Bundle.module.url(forResource: "relation-cues", withExtension: "tsv", subdirectory: "Resources")
                ?? Bundle.module.url(forResource: "relation-cues", withExtension: "tsv"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw LoadError.unreadable("relation-cues.tsv")
        }
        return try RelationCues(tsv: text)
    }
}
