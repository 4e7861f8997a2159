import ArgumentParser
import Foundation
import Reports
import StewardPipeline

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a stored scan again (the latest one unless you name it).",
        discussion: """
            Examples:
              steward report --list
              steward report 20261127T031816Z-2ce5 --format html --out report.html
            """)

    @Argument(help: "Scan id, as printed by `steward scan` (default: the latest).")
    var scan: String?

    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    @Flag(name: .long, help: "List stored scans instead.")
    var list = false

    @Option(name: .long, help: "Rules folder whose texts (titles, tiers) a report in another language uses (default: $STEWARD_RULES, then the built-in rules).")
    var rules: String?

    func run() throws {
        try output.checkDestination()
        let path = try storedScansDatabase(db)
        if list {
            for entry in try StoredScans.list(databasePath: path) {
                print(TerminalText.sanitize("\(entry.id)  \(entry.started)  \(entry.paths.joined(separator: " "))"))
            }
            return
        }
        try output.deliver(try storedReport(scan, databasePath: path), dataDirectory: dataDirectory(),
                           localizer: try RunLanguage.localizer(rulesDirectory: rules),
                           ruleset: { try Ruleset.load(files: try RulesLocator.find(explicit: rules)) })
    }
}
