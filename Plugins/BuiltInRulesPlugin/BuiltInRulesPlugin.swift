import Foundation
import PackagePlugin

/// Compiles the project's `rules/` into the `BuiltInRules` module at build time: one generated
/// Swift file holds every file's bytes, so `rules/` stays the one source and a binary copied
/// alone anywhere still has its rules (docs/rules.md, "Where rules come from"). Every file under
/// `rules/` is an input, so editing, adding or removing one regenerates the table.
@main
struct BuiltInRulesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let rules = context.package.directoryURL.appendingPathComponent("rules")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuiltInRuleFiles.swift")
        var inputs: [URL] = []
        if let enumerator = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: [.isRegularFileKey],
                                                           options: [.skipsHiddenFiles]) {
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        return [.buildCommand(displayName: "Embedding the rules folder in BuiltInRules (\(inputs.count) files)",
                              executable: try context.tool(named: "BuiltInRulesGenerator").url,
                              arguments: [rules.path, output.path],
                              inputFiles: inputs.sorted { $0.path < $1.path },
                              outputFiles: [output])]
    }
}
