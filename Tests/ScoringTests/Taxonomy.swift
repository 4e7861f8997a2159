import Rules
import RuleFileReading

/// The attribute ids of this checkout's taxonomy, read from rules/attributes.yaml (through the
/// rules loader, which validates it) so that no test keeps a copy that can drift.
enum Taxonomy {
    static let ids: Set<String> = {
        do throws(RuleFileError) {
            return Set(try RuleSet.load(directory: rulesDirectory).attributes.map(\.id))
        } catch {
            fatalError("the rules directory of this checkout does not load: \(error)")
        }
    }()

    /// `rules/` of this checkout, found from this file's path.
    static var rulesDirectory: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Taxonomy.swift, ScoringTests, Tests
        return parts.joined(separator: "/") + "/rules"
    }

    /// `rules/models` of this checkout.
    static var modelsDirectory: String { rulesDirectory + "/models" }
}
