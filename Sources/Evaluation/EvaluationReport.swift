import Foundation

/// The text `make eval` prints: figures for the single-record cases (signals and look-alikes
/// together) by language, attribute and rule, the people, the largest error groups and every
/// error with its case (docs/rules.md, "Evaluation").
public struct EvaluationReport: Sendable {
    public var cases: EvaluationScore
    public var people: EvaluationScore
    public var signalCount: Int
    public var lookAlikeCount: Int
    public var seed: UInt64
    /// Stated confidence of a rule or analyzer id, when the rule set has one.
    public var statedConfidence: [String: Double]
    /// Signal and look-alike cases per language.
    public var casesPerLanguage: [String: (signals: Int, lookAlikes: Int)] = [:]
    /// Which half of the set was measured (`EvaluationSplit`), named in the first line.
    public var split: EvaluationSplit = .all

    public init(outcomes: [CaseOutcome], seed: UInt64, statedConfidence: [String: Double]) {
        cases = EvaluationScore(outcomes.filter { $0.evaluationCase.group != .person })
        people = EvaluationScore(outcomes.filter { $0.evaluationCase.group == .person })
        signalCount = outcomes.count { $0.evaluationCase.group == .signal }
        lookAlikeCount = outcomes.count { $0.evaluationCase.group == .lookAlike }
        self.seed = seed
        self.statedConfidence = statedConfidence
        for outcome in outcomes where outcome.evaluationCase.group != .person {
            let c = outcome.evaluationCase
            var counts = casesPerLanguage[c.language] ?? (0, 0)
            if c.group == .signal { counts.signals += 1 } else { counts.lookAlikes += 1 }
            casesPerLanguage[c.language] = counts
        }
    }

    /// The whole report; `errorLimit` caps the error list (nil: all).
    public func render(errorLimit: Int? = nil) -> String {
        var out: [String] = []
        out.append("steward evaluation — seed \(seed): \(signalCount) signal cases, \(lookAlikeCount) look-alikes, \(people.caseCount) people (split: \(split.rawValue))")
        out.append("cases per language: " + casesPerLanguage.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.signals) + \($0.value.lookAlikes)" }.joined(separator: ", "))
        out.append("")
        out.append("Single-record cases (signals and look-alikes)")
        out.append(table(header: "", rows: [("overall", cases.overall)]))
        out.append("")
        out.append("By language")
        out.append(table(header: "language", rows: cases.byLanguage.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        out.append("")
        out.append("By attribute")
        out.append(table(header: "attribute", rows: cases.byAttribute.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        out.append("")
        let perLanguage = casesPerLanguage.sorted { $0.key < $1.key }.map {
            "\($0.key) \(cases.lookAlikesFiringByLanguage[$0.key] ?? 0) of \($0.value.lookAlikes)"
        }
        out.append("Look-alikes that produced the attribute they must not: \(cases.lookAlikesFiring.count) of \(lookAlikeCount) (\(perLanguage.joined(separator: ", ")))")
        out.append("")
        out.append("People (every true attribute of each person)")
        out.append(table(header: "", rows: [("overall", people.overall)]))
        out.append(table(header: "attribute", rows: people.byAttribute.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        out.append("")
        out.append("Per rule, single-record cases and people (measured precision against stated confidence)")
        var rules = cases.byRule
        for (rule, tally) in people.byRule { rules[rule, default: EvaluationTally()] += tally }
        out.append(pad("rule", 48) + pad("stated", 8) + pad("fired", 7) + pad("TP", 6) + pad("FP", 6) + "precision")
        for (rule, tally) in rules.sorted(by: { $0.key < $1.key }) {
            let stated = statedConfidence[rule].map { String(format: "%.2f", $0) } ?? "–"
            out.append(pad(rule, 48) + pad(stated, 8) + pad("\(tally.truePositives + tally.falsePositives)", 7)
                       + pad("\(tally.truePositives)", 6) + pad("\(tally.falsePositives)", 6) + figure(tally.precision))
        }
        out.append("")
        out.append("Largest error groups")
        for (group, count) in (cases.largestErrorGroups + people.largestErrorGroups).sorted(by: { ($1.count, $0.group) < ($0.count, $1.group) }).prefix(20) {
            out.append("  \(pad(String(count), 5))\(group)")
        }
        out.append("")
        let errors = cases.errors + people.errors
        out.append("Errors (\(errors.count))")
        for e in errors.prefix(errorLimit ?? errors.count) {
            var line = "  \(e.kind.rawValue) \(e.attribute)  [\(e.caseId) \(e.form)] \(e.origin)\n      \(e.summary)"
            if let note = e.note { line += "\n      note: \(note)" }
            switch e.kind {
            case .falsePositive: line += "\n      fired by: \(e.fired.joined(separator: ", "))"
            case .falseNegative where e.form != "person":
                line += "\n      fired instead: \(e.fired.isEmpty ? "nothing" : e.fired.joined(separator: "; "))"
            case .falseNegative: break
            }
            out.append(line)
        }
        if let errorLimit, errors.count > errorLimit { out.append("  … \(errors.count - errorLimit) more (--errors all)") }
        return out.joined(separator: "\n") + "\n"
    }

    private func table(header: String, rows: [(String, EvaluationTally)]) -> String {
        var lines = ["  " + pad(header, 28) + pad("precision", 11) + pad("recall", 8) + pad("F1", 7) + pad("TP", 6) + pad("FP", 6) + "FN"]
        for (name, t) in rows {
            lines.append("  " + pad(name, 28) + pad(figure(t.precision), 11) + pad(figure(t.recall), 8) + pad(figure(t.f1), 7)
                         + pad("\(t.truePositives)", 6) + pad("\(t.falsePositives)", 6) + "\(t.falseNegatives)")
        }
        return lines.joined(separator: "\n")
    }

    private func figure(_ value: Double?) -> String { value.map { String(format: "%.3f", $0) } ?? "–" }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
