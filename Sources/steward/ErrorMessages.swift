import Localization
import StewardPipeline

/// A stopping error in the run's language (docs/i18n.md). English is exactly
/// `StewardError.description`; other languages word each case from the catalog, keeping paths,
/// ids and the rule-file messages (`file:line: …`, written for rule authors) as they are.
enum ErrorMessages {
    static func text(_ error: StewardError, _ t: Localizer) -> String {
        guard t.language != .en else { return error.description }
        switch error {
        case .rulesNotFound(let searched):
            return t("error.rules_not_found", ["folders": searched.joined(separator: ", ")])
        case .ruleFile, .ruleExamplesFailed, .store, .persona, .usage:
            return error.description
        case .noInputs(let missing):
            return ([t("error.nothing_read_head")] + missing.map { "  \($0): \(t("error.no_such_path"))" }).joined(separator: "\n")
        case .nothingRead(let paths, let reasons, let more):
            return ([t("error.nothing_read_from", ["paths": paths.joined(separator: ", ")])]
                    + reasons.map { "  \($0.path): \($0.reason)" }
                    + (more > 0 ? ["  " + t("error.nothing_read_more", ["count": t.number(more)])] : [])).joined(separator: "\n")
        case .pathsFailed(let failed):
            return t("error.paths_failed", ["list": failed.map { "\($0.path) (\($0.reason))" }.joined(separator: ", ")])
        case .output(let path, let why):
            return t("error.cannot_write", ["path": path, "why": why])
        case .unknownName(let name, let kind, let scanId, let closest):
            let hint = closest.isEmpty ? "" : t("error.did_you_mean", ["names": closest.map { "'\($0)'" }.joined(separator: ", ")])
            let kindWord = t.has("name_kind.\(kind)") ? t("name_kind.\(kind)") : kind
            return scanId.map { t("error.unknown_name_in_scan", ["name": name, "kind": kindWord, "scan": $0, "hint": hint]) }
                ?? t("error.unknown_name", ["name": name, "kind": kindWord, "hint": hint])
        }
    }
}
