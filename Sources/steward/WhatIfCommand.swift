import ArgumentParser
import Foundation
import StewardCore
import StewardPipeline
import Importers

struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-if",
        abstract: "How each score would change if some of your data were gone.",
        discussion: """
            --without takes an attribute (finance.gambling), a source (bank.ofx, google.*) or a path \
            (a file, folder or archive that was scanned). Attributes are removed from the stored scan; \
            sources and paths make steward read the scan's inputs again without those records. \
            Nothing is deleted: this only shows what deleting or redacting would change.
            """)

    @Option(name: .long, help: "Attribute, source or path to leave out (repeatable).")
    var without: [String]

    @Option(name: .long, help: "Scan id (default: the latest stored scan).")
    var scan: String?

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    @OptionGroup var rules: RulesOption

    func validate() throws {
        if without.isEmpty { throw ValidationError("name at least one --without attribute, source or path") }
    }

    func run() throws {
        let path = try storedScansDatabase(db)
        let ruleset = try rules.load()
        let report = try storedReport(scan, databasePath: path)
        let attributes = Set(ruleset.rules.attributes.map(\.id))
        let sources = Set(report.inputs.map(\.source))
        let removals = without.map { WhatIf.classify($0, attributes: attributes, sources: sources) }
        let settings = ImporterSettings(environment: ProcessInfo.processInfo.environment)
        let result = try exitOnError { try WhatIf.evaluate(report: report, ruleset: ruleset, without: removals, importerSettings: settings) }
        print("steward what-if — scan \(report.scan.id), without \(without.joined(separator: ", "))")
        for change in result.changes {
            func show(_ score: ScoreResult) -> String {
                score.total.map { "\($0) (\(score.tier))" } ?? score.tier
            }
            print("")
            print("  \(change.model): \(show(change.before)) → \(show(change.after))")
            for lost in change.lost {
                print("    no longer: \(lost.delta.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? "stop")  \(lost.attribute)  \(lost.rule)")
            }
        }
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What changed between two stored scans (findings and scores).")

    @Argument(help: "The earlier scan id.")
    var first: String

    @Argument(help: "The later scan id (default: the latest).")
    var second: String?

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    func run() throws {
        let path = try storedScansDatabase(db)
        let old = try storedReport(first, databasePath: path)
        let new = try storedReport(second, databasePath: path)
        for line in ScanDiff.lines(old, new) { print(Explain.printable(line)) }
    }
}
