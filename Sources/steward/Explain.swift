import ArgumentParser
import Foundation
import StewardCore
import StewardPipeline
import Reports

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every record behind one finding of a stored scan.",
        discussion: "Reports show a sample of the evidence; this lists all of it, oldest first, from the database.")

    @Argument(help: "Attribute id, e.g. finance.gambling.")
    var attribute: String

    @Option(name: .long, help: "Scan id (default: the latest stored scan).")
    var scan: String?

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    func run() throws {
        let path = try storedScansDatabase(db)
        guard let found = try exitOnError({ try StoredScans.explain(databasePath: path, scanId: scan, attribute: attribute) }) else {
            throw ValidationError(scan.map { "no scan with id \($0) in \(path)" } ?? "no scans stored in \(path)")
        }
        guard let finding = found.finding else {
            let present = found.report.findings.map(\.attribute).joined(separator: ", ")
            print(Self.printable("Scan \(found.report.scan.id) has no finding for \(attribute). Findings: \(present.isEmpty ? "none" : present)"))
            return
        }
        print(Self.printable("\(finding.attribute) · \(finding.title) · \(finding.sensitivity.rawValue) · \(finding.count) records · scan \(found.report.scan.id)"))
        print(Self.printable("rules: \(finding.rules.joined(separator: ", "))"))
        for item in found.evidence {
            print(Self.printable("\(item.time ?? "-")  \(item.path)  \(item.locator)  \(item.excerpt)  [\(item.rule)]"))
        }
    }

    /// Text from exports must not drive the terminal: the report's one sanitizer.
    static func printable(_ text: String) -> String { TerminalText.sanitize(text) }
}
