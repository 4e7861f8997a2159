import ArgumentParser
import Foundation
import Localization
import Reports
import StewardCore
import StewardPipeline

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every record behind one finding of a stored scan.",
        discussion: """
            Reports show a sample of the evidence; this lists all of it, oldest first, from the \
            database. Name an attribute (every record behind its finding), a rule (the records it \
            matched), or a source or path (every matched record read from there). A name the scan \
            and the rules do not know is an error that names the closest valid ones.

            Example:
              steward explain finance.gambling
            """)

    @Argument(help: "Attribute (finance.gambling), rule, source (bank.ofx) or path that was scanned.")
    var name: String

    @Option(name: .long, help: "Scan id (default: the latest stored scan).")
    var scan: String?

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    @OptionGroup var rules: RulesOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        let path = try storedScansDatabase(db)
        let report = try storedReport(scan, databasePath: path)
        let ruleset = try rules.load()
        let t = try RunLanguage.localizer(ruleset: ruleset)
        let found = try StoredScanNames(report: report, ruleset: ruleset).resolve(name)
        switch found {
        case .attribute(let attribute), .rule(_, attribute: let attribute):
            var only: String? = nil
            if case .rule(let rule, _) = found { only = rule }
            guard let finding = report.findings.first(where: { $0.attribute == attribute }),
                  only.map(finding.rules.contains) ?? true else {
                let present = report.findings.map(\.attribute).joined(separator: ", ")
                print(Self.printable(t("explain.no_finding", ["scan": report.scan.id, "name": name,
                                                              "findings": present.isEmpty ? t("explain.none") : present])))
                return
            }
            print(Self.printable(t("explain.head", ["attribute": finding.attribute, "title": t.title(of: finding),
                                                    "sensitivity": t.word(for: finding.sensitivity),
                                                    "records": t.plural("count.records", finding.count), "scan": report.scan.id])))
            if let explanation = t.attributeExplanation(finding.attribute) { print(Self.printable(explanation)) }
            print(Self.printable(t("report.finding.rules", ["rules": only ?? finding.rules.joined(separator: ", ")])))
            let evidence = try StoredScans.evidence(databasePath: path, scanId: report.scan.id, rules: only.map { [$0] } ?? finding.rules)
            for item in evidence { print(line(item)) }
        case .source(_, let inputs), .path(_, let inputs):
            let paths = Set(inputs.map(\.path))
            let allRules = report.findings.flatMap(\.rules)
            let evidence = try StoredScans.evidence(databasePath: path, scanId: report.scan.id, rules: allRules)
                .filter { paths.contains($0.path) }
            let records = inputs.reduce(0) { $0 + $1.events }
            print(Self.printable(t("explain.source_head", ["name": name, "records": t.plural("count.records", records),
                                                           "files": t.plural("count.files", inputs.count),
                                                           "matched": t.number(evidence.count), "scan": report.scan.id])))
            for item in evidence { print(line(item)) }
        }
    }

    private func line(_ item: Evidence) -> String {
        Self.printable("\(item.time ?? "-")  \(item.path)  \(item.locator)  \(item.excerpt)  [\(item.rule)]")
    }

    /// Text from exports must not drive the terminal: the report's one sanitizer.
    static func printable(_ text: String) -> String { TerminalText.sanitize(text) }
}
