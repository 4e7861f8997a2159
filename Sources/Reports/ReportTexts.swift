import Localization
import StewardCore

/// The texts a readable report shows for a scan report's ids and rule texts, in the
/// localizer's language (docs/i18n.md). A report carries its rules' texts in English, as they
/// were when it was made; in English they are shown exactly as stored, in another language
/// each is replaced by its translation when the rules in use have one, else kept.
extension Localizer {
    /// A model's name for a score: `Municipal citizen score`, or nil when the model has none.
    public func title(of score: ScoreResult) -> String? {
        translatedRuleText(RuleTexts.modelTitleKey(score.model)) ?? score.title
    }

    /// `citizen-1000 — Municipal citizen score`, or the id alone.
    public func heading(of score: ScoreResult) -> String {
        title(of: score).map { self("report.model.name", ["model": score.model, "title": $0]) } ?? score.model
    }

    /// The tier with its label: `AAA (exemplary)`, or the tier alone.
    public func tierWithLabel(_ score: ScoreResult) -> String {
        let label = translatedRuleText(RuleTexts.tierLabelKey(model: score.model, tier: score.tier)) ?? score.tierLabel
        return label.map { self("report.tier.labelled", ["tier": score.tier, "label": $0]) } ?? score.tier
    }

    /// A finding's attribute title.
    public func title(of finding: Finding) -> String {
        translatedRuleText(RuleTexts.attributeTitleKey(finding.attribute)) ?? finding.title
    }

    /// A finding's value in this language: from its parts when the analyzer gave them, else the
    /// English text a rule or an older stored scan carries.
    public func value(of finding: Finding) -> String? {
        finding.valueParts.map(findingValue) ?? finding.value
    }

    /// What a known file that was not read is (`knownFiles[].reason`), in this language.
    public func knownFileReason(_ english: String) -> String {
        translation(ofEnglish: english, keyPrefix: "known_file.")
    }

    public func benefits(of score: ScoreResult) -> [String] { score.benefits.map { modelText(score.model, $0) } }
    public func consequences(of score: ScoreResult) -> [String] { score.consequences.map { modelText(score.model, $0) } }

    /// A contribution's reason; a stop factor's reason starts with the factor
    /// (`Stop factor: credits. …`), which is translated apart from the rest.
    public func reason(of contribution: Contribution, in score: ScoreResult) -> String? {
        guard let reason = contribution.reason, language != .en else { return contribution.reason }
        let reasonKey = RuleTexts.contributionReasonKey(model: score.model, rule: contribution.rule)
        if let english = ruleTexts.english[reasonKey], let translated = ruleTexts.translated[reasonKey] {
            if reason == english { return translated }
            let factorKey = "models.\(score.model).contributions.\(contribution.rule).factor"
            if let factor = ruleTexts.english[factorKey], reason == "Stop factor: \(factor). \(english)" {
                return self("report.scores.stop_factor", ["factor": ruleTexts.translated[factorKey] ?? factor, "reason": translated])
            }
        }
        return modelText(score.model, reason)
    }

    /// A contribution's source: what the model cites, in this language when the translation
    /// has it (the citation tags such as `[SEED]` are the same in every language).
    public func source(of contribution: Contribution, in score: ScoreResult) -> String {
        guard language != .en else { return contribution.source }
        let key = RuleTexts.contributionSourceKey(model: score.model, rule: contribution.rule)
        guard ruleTexts.english[key] == contribution.source, let translated = ruleTexts.translated[key] else { return contribution.source }
        return translated
    }

    /// The score's notes: the model's and the tier's from the translation, and the two notes
    /// the scoring itself writes (illustrative contributions, a clamped total) in this language.
    public func notes(of score: ScoreResult) -> [String] {
        guard language != .en else { return score.notes }
        let illustrative = score.contributions.filter { $0.basis == .illustrative }.count
        let illustrativeNote = "\(illustrative) of \(score.contributions.count) contributions \(illustrative == 1 ? "is" : "are") illustrative: "
            + "the direction has a source, the number of points is steward's own, to show the mechanism."
        if let base = score.base, let total = score.total {
            let sum = ScoreBreakdown.contributionSum(score)
            let raw = base.addingReportingOverflow(sum).partialValue
            return score.notes.map { note in
                if note == illustrativeNote && illustrative > 0 {
                    return plural("report.note.illustrative", illustrative, ["total": number(score.contributions.count)])
                }
                if note == "The base of \(base) plus the contributions (\(ScoreBreakdown.signed(sum))) comes to \(raw); "
                    + "the scale stops at \(total), so the total is \(total)." {
                    return self("report.note.clamped", ["base": "\(base)", "sum": ScoreBreakdown.signed(sum),
                                                        "raw": "\(raw)", "total": "\(total)"])
                }
                return modelText(score.model, note)
            }
        }
        return score.notes.map { note in
            if note == illustrativeNote && illustrative > 0 {
                return plural("report.note.illustrative", illustrative, ["total": number(score.contributions.count)])
            }
            return modelText(score.model, note)
        }
    }

    /// `special`, `financial`, … in this language.
    public func word(for sensitivity: Sensitivity) -> String { self("sensitivity.\(sensitivity.rawValue)") }

    /// `documented`, `reported`, `illustrative` in this language.
    public func word(for basis: Basis) -> String { self("basis.\(basis.rawValue)") }

    /// A list joined the way this language joins one (`a, b, c`; Chinese `a、b、c`).
    public func list(_ items: [String]) -> String { items.joined(separator: self("list.separator")) }

    /// Translation only (no English fallback): nil in English, so stored English texts stay.
    private func translatedRuleText(_ key: String) -> String? {
        language == .en ? nil : ruleTexts.translated[key]
    }
}
