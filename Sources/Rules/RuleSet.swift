import StewardCore
import RuleFileReading

/// Every attribute, signal rule and lexicon from one `rules/` directory, validated and compiled
/// (all lexicon terms in one `LexiconAutomaton`). Immutable and shared by all scan workers.
public struct RuleSet: Sendable {
    /// The taxonomy in file order (the order findings are reported in).
    public let attributes: [Attribute]
    /// Signal rules in file order (files sorted by path).
    public let rules: [SignalRule]
    /// FNV-1a 64 of every attribute, rule and lexicon file (path and bytes), as 16 hex digits.
    public let version: String
    /// Rule files read, as `rules/signals/…` (the directory's own name first).
    public let ruleFiles: [String]
    /// Lexicon files read, as `rules/lexicons/…`.
    public let lexiconFiles: [String]
    /// Lexicon names found (`gambling` for `gambling.en.txt`, `gambling.de.txt`, …), sorted.
    public let lexiconNames: [String]
    public let automaton: LexiconAutomaton
    /// Whole-scan analyzers configured under `rules/analyzers/`.
    public let analyzers: [any AnalyzerDefinition]
    /// `distinct_from` of attributes.yaml: attribute id → neighbour id → what tells them apart.
    public let distinctions: [String: [String: String]]

    let attributeIndexById: [String: Int]
    /// Per rule (same order as `rules`), its automaton groups as bit sets (`GroupMask`): the
    /// groups that count as hits (include), cancel hits (exclude), of which one must also hit the
    /// record (`also:`, empty for most rules), the topic markers that cancel its hits in
    /// search-like events (empty under `intent: any`), and its own `topics:` lexicons and terms
    /// (not the shared `topic_*` markers: they mark the attribute's look-alike topics, so they
    /// act on posts and messages too, "Welpen", "котята" next to a pregnancy word). The matcher
    /// tests a hit's group with one load; reading per-rule group lists cost a retain and a
    /// release each per rule per event, which profiles of the bank CSV showed
    /// (docs/performance.md). The include mask also lets a session pass over a rule whose
    /// groups hit none of its fields.
    let includeMask: GroupMask
    let excludeMask: GroupMask
    let alsoMask: GroupMask
    let topicMask: GroupMask
    let ownTopicMask: GroupMask
    /// Per rule: whether it can fire only on a hit of one of its include groups (a lexicon
    /// condition that no merchant code can stand in for).
    let needsIncludeHit: [Bool]
    /// 64-bit words of a set of rules (bit `i % 64` of word `i / 64` is rule `i`).
    let ruleWords: Int
    /// Per automaton group, the rules that count it as a hit (`ruleWords` words each): the
    /// matcher ORs the sets of the groups an event hit instead of asking every candidate rule
    /// whether one of its groups hit (docs/performance.md, "Rules found from the groups hit").
    let rulesIncludingGroup: [UInt64]
    /// Per field slot, the rules whose lexicon condition reads that field (`ruleWords` words each).
    let rulesReadingSlot: [UInt64]
    let ruleIndexById: [String: Int]
    /// Per rule: attribute indices it yields to (`yields_to`), empty for most rules.
    let yieldsToAttributes: [[Int]]
    /// Long one-word terms of the lexicons search-intent rules read, for misspelled searches.
    let spelling: SearchSpellingIndex
    /// The automaton groups of the shared `subject_others` and `subject_self` lexicons, read by
    /// rules with `subject: own` (docs/rules.md, "Someone else's news"); nil when absent.
    let subjectOthersGroup: Int32?
    /// The automaton group of `subject_others_after`: someone else named right after the hit, as
    /// its owner ("Mutterschutz meiner Kollegin", "la grossesse de ma sœur", «беременность
    /// сестры»); nil when absent.
    let subjectOthersAfterGroup: Int32?
    /// The person's own words (`subject_self`: I, me, ich, je, я, 我) are not in the rule set's
    /// automaton: they are in nearly every message, and every hit costs the scan; they are
    /// looked for in a clause only when someone else is named in it.
    let subjectSelf: LexiconAutomaton
    /// Words after which someone named is not the subject (`subject_prepositions`: with, by,
    /// con, avec, 跟, 被): "I went with my sister", 被我妈安排.
    let subjectPrepositions: LexiconAutomaton
    /// Writes a finding's value (`Finding.valueParts`) as the English `Finding.value`: the
    /// English catalog's writer, given by whoever loads the rules (the Localization module sits
    /// above this one, so the build-time tool that compiles the rules' automaton can use this
    /// module). Nil: findings keep only their parts (`Finding.value` stays nil).
    public let findingValueText: FindingValueText?
    public static let subjectOthersLexicon = "subject_others"
    public static let subjectOthersAfterLexicon = "subject_others_after"
    public static let subjectSelfLexicon = "subject_self"
    public static let subjectPrepositionsLexicon = "subject_prepositions"

    init(attributes: [Attribute], rules: [SignalRule], version: String, ruleFiles: [String],
         lexiconFiles: [String], lexiconNames: [String], automaton: LexiconAutomaton,
         analyzers: [any AnalyzerDefinition] = [], distinctions: [String: [String: String]] = [:],
         knownWords: [String] = [], clauseWordTerms: [LexiconAutomaton.Term] = [],
         findingValueText: FindingValueText? = nil) {
        // `clauseWordTerms`: the terms of `subject_self` and `subject_prepositions`, which the
        // loader keeps out of `automaton`.
        self.analyzers = analyzers
        self.findingValueText = findingValueText
        self.distinctions = distinctions
        self.attributes = attributes
        self.rules = rules
        self.version = version
        self.ruleFiles = ruleFiles
        self.lexiconFiles = lexiconFiles
        self.lexiconNames = lexiconNames
        self.automaton = automaton
        var index: [String: Int] = [:]
        for (i, attribute) in attributes.enumerated() { index[attribute.id] = i }
        attributeIndexById = index
        var groupIds: [String: Int32] = [:]
        for (i, name) in automaton.groups.enumerated() { groupIds[name] = Int32(i) }
        let includeGroups = rules.map { rule in
            (rule.match.lexicons + [RuleSet.termsGroup(rule.id)]).compactMap { groupIds[$0] }
        }
        let words = max(1, (automaton.groups.count + 63) / 64)
        subjectOthersGroup = groupIds[RuleSet.subjectOthersLexicon]
        subjectOthersAfterGroup = groupIds[RuleSet.subjectOthersAfterLexicon]
        subjectSelf = LexiconAutomaton(terms: clauseWordTerms.filter { $0.group == RuleSet.subjectSelfLexicon }, denseStateCount: 256)
        subjectPrepositions = LexiconAutomaton(terms: clauseWordTerms.filter { $0.group == RuleSet.subjectPrepositionsLexicon },
                                               denseStateCount: 256)
        includeMask = GroupMask(includeGroups, words: words)
        needsIncludeHit = rules.map { rule in
            rule.match.hasLexiconCondition && (rule.match.mcc == nil || rule.match.combination == .all)
        }
        let ruleWords = max(1, (rules.count + 63) / 64)
        self.ruleWords = ruleWords
        var byGroup = [UInt64](repeating: 0, count: automaton.groups.count * ruleWords)
        for (rule, groups) in includeGroups.enumerated() {
            for g in groups { byGroup[Int(g) * ruleWords + rule / 64] |= 1 << UInt64(rule % 64) }
        }
        rulesIncludingGroup = byGroup
        var bySlot = [UInt64](repeating: 0, count: Event.Field.allCases.count * ruleWords)
        for (index, rule) in rules.enumerated() {
            for field in rule.match.fields { bySlot[field.slot * ruleWords + index / 64] |= 1 << UInt64(index % 64) }
        }
        rulesReadingSlot = bySlot
        excludeMask = GroupMask(rules.map { rule in
            (rule.match.excludeLexicons + [RuleSet.excludeGroup(rule.id)]).compactMap { groupIds[$0] }
        }, words: words)
        alsoMask = GroupMask(rules.map { rule in
            guard !rule.match.alsoLexicons.isEmpty || !rule.match.alsoTerms.isEmpty else { return [] }
            return (rule.match.alsoLexicons + [RuleSet.alsoGroup(rule.id)]).compactMap { groupIds[$0] }
        }, words: words)
        let sharedTopics = automaton.groups.filter { $0.hasPrefix(RuleMatch.topicLexiconPrefix) }
        topicMask = GroupMask(rules.map { rule in
            guard rule.match.intent == .need, rule.match.hasLexiconCondition else { return [] }
            let names = sharedTopics.filter { !rule.match.topicExcept.contains($0) } + rule.match.topicLexicons
                + [RuleSet.topicsGroup(rule.id)]
            return names.compactMap { groupIds[$0] }
        }, words: words)
        ownTopicMask = GroupMask(rules.map { rule in
            guard rule.match.intent == .need, rule.match.hasLexiconCondition else { return [] }
            return (rule.match.topicLexicons + [RuleSet.topicsGroup(rule.id)]).compactMap { groupIds[$0] }
        }, words: words)
        var ruleIndex: [String: Int] = [:]
        for (i, rule) in rules.enumerated() { ruleIndex[rule.id] = i }
        ruleIndexById = ruleIndex
        yieldsToAttributes = rules.map { rule in rule.yieldsTo.compactMap { index[$0] } }
        let searchKinds: Set<EventKind> = [.search, .pageView, .watch]
        var searchGroups = Set<Int32>()
        for (i, rule) in rules.enumerated() where rule.match.intent == .need && rule.match.hasLexiconCondition
            && (rule.match.kinds.isEmpty || !rule.match.kinds.isDisjoint(with: searchKinds)) {
            searchGroups.formUnion(includeGroups[i])
        }
        spelling = SearchSpellingIndex(automaton: automaton, groups: searchGroups, knownWords: knownWords)
    }

    /// Loads and validates `directory` (normally `rules/`): `attributes.yaml`, every
    /// `signals/**/*.yaml`, every `lexicons/<name>.<lang>.txt` and every `analyzers/*.yaml`.
    public static func load(directory: String, analyzerKinds: [AnalyzerKind] = AnalyzerCatalog.kinds,
                            findingValueText: FindingValueText? = nil) throws(RuleFileError) -> RuleSet {
        try load(files: .folder(directory), analyzerKinds: analyzerKinds, findingValueText: findingValueText)
    }

    /// Loads and validates a rule set from a folder or the built-in copy, read in place.
    /// `keepingExamples: false` checks the rules' examples and lets them go (for a scan).
    /// `lexiconImage`: an automaton compiled ahead of time, used when it was compiled from
    /// exactly these rules' terms (`LexiconAutomatonImage`); otherwise the terms are compiled.
    /// `findingValueText`: how analyzers' values are written in English (`Finding.value`).
    /// `examplesCheckedAtBuild`: signal files whose examples the build checked; with
    /// `keepingExamples: false` those files are read without their examples.
    public static func load(files: RuleFiles, analyzerKinds: [AnalyzerKind] = AnalyzerCatalog.kinds,
                            keepingExamples: Bool = true,
                            lexiconImage: LexiconAutomatonImage? = nil,
                            examplesCheckedAtBuild: ExamplesCheckedAtBuild? = nil,
                            findingValueText: FindingValueText? = nil) throws(RuleFileError) -> RuleSet {
        var loader = RuleSetLoader(files: files)
        loader.findingValueText = findingValueText
        loader.analyzerKinds = analyzerKinds
        loader.keepsExamples = keepingExamples
        loader.lexiconImage = lexiconImage
        loader.examplesCheckedAtBuild = examplesCheckedAtBuild
        return try loader.load()
    }

    /// The `version` a rule set loaded from `files` has, computed from the bytes alone (no
    /// parsing): what `steward --version` prints for the built-in rules.
    public static func version(of files: RuleFiles) -> String {
        var hasher = FNV1a64()
        for relative in RuleSetLoader.versionedFiles(of: files) { hasher.add(relative, files.read(relative) ?? []) }
        return hasher.hex
    }

    /// `finding.value` as `findingValueText` writes its parts (nil without parts or a writer).
    public func englishValue(of finding: Finding) -> String? {
        guard let parts = finding.valueParts, let findingValueText else { return nil }
        return findingValueText(parts)
    }

    /// The attribute with this id, if the taxonomy has it.
    public func attribute(id: String) -> Attribute? {
        attributeIndexById[id].map { attributes[$0] }
    }

    /// Position of an attribute in the taxonomy (findings are sorted by it).
    public func attributeOrder(_ id: String) -> Int? { attributeIndexById[id] }

    /// The rule with this id.
    public func rule(id: String) -> SignalRule? { ruleIndexById[id].map { rules[$0] } }

    /// Automaton group names of a rule's inline terms; never collide with lexicon names
    /// (those cannot contain spaces).
    static func termsGroup(_ ruleId: String) -> String { "rule \(ruleId) terms" }
    static func excludeGroup(_ ruleId: String) -> String { "rule \(ruleId) exclude" }
    static func topicsGroup(_ ruleId: String) -> String { "rule \(ruleId) topics" }
    static func alsoGroup(_ ruleId: String) -> String { "rule \(ruleId) also" }
}

/// Per rule, a set of automaton groups as bits: bit `g % 64` of word `rule * words + g / 64`.
struct GroupMask: Sendable {
    let words: Int
    let bits: [UInt64]
    /// Per rule: whether its set has any group.
    let hasAny: [Bool]

    init(_ groups: [[Int32]], words: Int) {
        self.words = words
        var bits = [UInt64](repeating: 0, count: groups.count * words)
        for (rule, list) in groups.enumerated() {
            for g in list { bits[rule * words + Int(g) / 64] |= 1 << UInt64(g % 64) }
        }
        self.bits = bits
        hasAny = groups.map { !$0.isEmpty }
    }

    @inline(__always)
    func contains(rule: Int, group: Int32) -> Bool {
        bits[rule &* words &+ Int(group) >> 6] & (1 << UInt64(group & 63)) != 0
    }
}

/// Writes a finding's value parts as one English text (`RuleSet.findingValueText`).
public typealias FindingValueText = @Sendable ([FindingValuePart]) -> String
