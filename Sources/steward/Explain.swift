import ArgumentParser
import Foundation
import StewardCore
import StewardPipeline

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
            print("Scan \(found.report.scan.id) has no finding for \(attribute). Findings: \(present.isEmpty ? "none" : present)")
            return
        }
        print("\(finding.attribute) · \(finding.title) · \(finding.sensitivity.rawValue) · \(finding.count) records · scan \(found.report.scan.id)")
        print("rules: \(finding.rules.joined(separator: ", "))")
        for item in found.evidence {
            print(Self.printable("\(item.time ?? "-")  \(item.path)  \(item.locator)  \(item.excerpt)  [\(item.rule)]"))
        }
    }

    /// Text from exports must not drive the terminal: control characters become "?".
    static func printable(_ text: String) -> String {
        String(text.unicodeScalars.map { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "?" : Character($0) })
    }
}
