import BuiltInRules
import Foundation
import Rules
import RuleFileReading

/// Chooses the rule set a command uses: an explicit `--rules DIR`, then `$STEWARD_RULES`, then
/// the rules compiled into steward (generated at build time from the project's `rules/`, so a
/// binary copied alone anywhere still works; docs/rules.md, "Where rules come from"). A folder
/// named by `--rules` or `$STEWARD_RULES` must be a rules folder: steward never falls back to
/// the built-in set when someone asked for their own.
public enum RulesLocator {
    public static func find(explicit: String?,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(StewardError) -> RuleFiles {
        if let explicit { return try folder(explicit) }
        if let variable = environment["STEWARD_RULES"], !variable.isEmpty { return try folder(variable) }
        return BuiltInRuleSet.files
    }

    private static func folder(_ directory: String) throws(StewardError) -> RuleFiles {
        guard FileManager.default.fileExists(atPath: directory + "/attributes.yaml") else {
            throw .rulesNotFound(searched: [directory])
        }
        return .folder(directory)
    }
}
