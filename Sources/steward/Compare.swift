import ArgumentParser
import Foundation
import Localization
import Reports
import StewardCore
import StewardPipeline

/// `steward compare`: stored scans of several people side by side (docs/reports.md, "Comparing
/// people").
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare stored scans of several people side by side: each model's tier, what decides it, where models disagree.",
        discussion: """
            Name each scan by its id (or a unique beginning of it, as `steward report --list` \
            prints them) and, after `=`, how the comparison should call the person; without a \
            name the scan's id is used. `steward demo --compare` does the same for the built-in \
            personas.

            Examples:
              steward compare 20261204T031816Z-2ce5=Anna 20261204T032002Z-91ab=Ben
              steward compare 20261204T0318=Anna 20261204T0320=Ben --format html --out room.html
            """)

    @Argument(help: ArgumentHelp("Stored scans, each as SCAN or SCAN=NAME (at least two).", valueName: "scan"))
    var scans: [String]

    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    @Option(name: .long, help: "Rules folder whose models place the tiers (default: $STEWARD_RULES, then the built-in rules).")
    var rules: String?

    func validate() throws {
        guard scans.count >= 2 else { throw ValidationError(t("error.compare_two")) }
    }

    func run() throws {
        try output.checkDestination()
        let path = try storedScansDatabase(db)
        let people = try scans.map { argument -> Comparison.Person in
            let (id, name) = Self.split(argument)
            let report = try storedReport(id, databasePath: path)
            return Comparison.Person(label: name ?? report.scan.id, report: report)
        }
        let ruleset = try Ruleset.load(files: try RulesLocator.find(explicit: rules))
        try deliverComparison(Comparison(people: people, ladders: DossierContextBuilder.ladders(ruleset.models)), output: output,
                              localizer: try RunLanguage.localizer(ruleset: ruleset))
    }

    /// `SCAN=NAME` → (SCAN, NAME); a name may itself contain `=`.
    static func split(_ argument: String) -> (id: String, name: String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        let name = String(argument[argument.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        return (String(argument[..<equals]), name.isEmpty ? nil : name)
    }
}

/// Renders a comparison in the chosen format and language, to standard output or `--out`
/// (0600, remembered for `steward forget`), like a scan report.
func deliverComparison(_ comparison: Comparison, output: OutputOptions, localizer: Localizer) throws {
    let width = TerminalEnvironment.current(environment: ProcessInfo.processInfo.environment).width
    let text = ComparisonReporter(format: output.format, localizer: localizer, width: width).render(comparison)
    if let out = output.out {
        let written = try OutputLocations.writePrivateFile(text, to: out, createFolders: false)
        try OutputLocations.remember(written, dataDirectory: dataDirectory())
        FileHandle.standardError.write(Data("steward: \(t("cli.report_written", ["path": out]))\n".utf8))
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
