import Foundation
import PackagePlugin

/// Compiles Sources/Localization/Catalog/*.yaml (steward's own strings in every language) into
/// the Localization module at build time, so a binary copied alone speaks every language
/// (docs/i18n.md, "Where the texts live"). Every catalog file is an input: editing one
/// regenerates the table.
@main
struct ProgramCatalogPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let catalogs = context.package.directoryURL.appendingPathComponent("Sources/Localization/Catalog")
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("ProgramCatalogTable.swift")
        let inputs = ((try? FileManager.default.contentsOfDirectory(atPath: catalogs.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }
            .sorted()
            .map { catalogs.appendingPathComponent($0) }
        return [.buildCommand(displayName: "Embedding the program catalogs in Localization (\(inputs.count) languages)",
                              executable: try context.tool(named: "ProgramCatalogGenerator").url,
                              arguments: [catalogs.path, output.path],
                              inputFiles: inputs,
                              outputFiles: [output])]
    }
}
