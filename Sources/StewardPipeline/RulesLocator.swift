import Foundation

/// Finds the `rules/` folder: an explicit `--rules`, then `$STEWARD_RULES`, then a `rules/`
/// beside or above the executable (a checkout's `.build/debug/steward`), then the install
/// location `<prefix>/share/steward/rules`. Rules are data files, not compiled in, so a person
/// can read and extend them.
public enum RulesLocator {
    public static func find(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                            executablePath: String = CommandLine.arguments.first ?? "") throws(StewardError) -> String {
        var searched: [String] = []
        func isRules(_ dir: String) -> Bool {
            searched.append(dir)
            return FileManager.default.fileExists(atPath: dir + "/attributes.yaml")
        }
        if let explicit {
            if isRules(explicit) { return explicit }
            throw .rulesNotFound(searched: searched)
        }
        if let env = environment["STEWARD_RULES"], !env.isEmpty {
            if isRules(env) { return env }
            throw .rulesNotFound(searched: searched)
        }
        var dir = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if isRules(dir.appendingPathComponent("rules").path) { return dir.appendingPathComponent("rules").path }
            if isRules(dir.appendingPathComponent("share/steward/rules").path) { return dir.appendingPathComponent("share/steward/rules").path }
            dir = dir.deletingLastPathComponent()
        }
        for prefix in ["/usr/local/share/steward/rules", "/usr/share/steward/rules"] where isRules(prefix) { return prefix }
        throw .rulesNotFound(searched: searched)
    }
}
