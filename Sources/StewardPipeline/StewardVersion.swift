import BuiltInRules

/// What `steward --version` prints: the tool version, the version of the rules built into this
/// binary (the same hash a report's header shows for them) and how the binary was built. Only
/// build-time constants, so the same source built the same way always prints the same text.
public enum StewardVersion {
    public static var text: String {
        """
        steward \(ScanPipeline.toolVersion)
        rules \(BuiltInRuleSet.version) (built in; --rules DIR or STEWARD_RULES load another set)
        build \(configuration), \(platform)
        """
    }

    /// `release` or `debug`: SwiftPM defines DEBUG in debug builds only.
    static var configuration: String {
        #if DEBUG
        return "debug"
        #else
        return "release"
        #endif
    }

    static var platform: String {
        #if arch(x86_64)
        let architecture = "x86_64"
        #elseif arch(arm64)
        let architecture = "aarch64"
        #else
        let architecture = "other architecture"
        #endif
        #if os(Linux)
        return architecture + " Linux"
        #elseif os(macOS)
        return architecture + " macOS"
        #else
        return architecture
        #endif
    }
}
