import ArgumentParser
import Foundation
import Importers
import Reports
import StewardCore
import StewardPipeline

extension AccessRequestLetter.Law: ExpressibleByArgument {}

struct Request: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a ready access request (GDPR Art. 15 or CCPA right to know) to the holder of one source's data.",
        discussion: """
            The letter asks for what a download does not show: inferences, ad segments, interest \
            profiles, data from partners, purposes, recipients, retention periods and the logic of \
            automated decisions, and, when the stored scan read that source, names the files the \
            download lacked. It is printed, never sent: fill in the parts in square brackets. \
            docs/requests.md says more.

            Examples:
              steward request google.my_activity
              steward request linkedin.csv --lang de
              steward request twitter.archive --law ccpa
            """)

    @Argument(help: "Source id, as steward sources lists them (google.my_activity, bank.csv, …).")
    var source: String

    @Option(name: .long, help: "The law to cite: gdpr (EU, EEA, UK, Switzerland) or ccpa (California).")
    var law: AccessRequestLetter.Law = .gdpr

    @Option(name: .long, help: "Scan whose files to compare with a full download (default: the latest stored scan, if any).")
    var scan: String?

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    @OptionGroup var language: LanguageOption

    func run() throws {
        guard let importer = ImporterRegistry.all.first(where: { $0.id == source }) else {
            let closest = ClosestNames.closest(to: source, among: ImporterRegistry.all.map(\.id))
            let hint = closest.isEmpty ? "" : t("error.did_you_mean", ["names": closest.map { "'\($0)'" }.joined(separator: ", ")])
            throw StewardError.usage(t("request.error.unknown_source", ["source": source, "hint": hint]))
        }
        let title = t.language == .en ? importer.title
            : t.has("sources.\(importer.id).title") ? t("sources.\(importer.id).title") : importer.title
        let report = try storedScan()
        let missing = report.flatMap { AccessRequestLetter.missingFiles(source: source, in: $0) }
        let letter = AccessRequestLetter(source: source, title: title, law: law, missingFiles: missing ?? [])
        print(letter.render(t), terminator: "")
        // Notes about the letter go to standard error, so the letter alone can be redirected.
        var notes = [t("request.note.written")]
        if let report {
            if missing == nil {
                notes.append(t("request.note.source_not_scanned", ["scan": report.scan.id, "source": source]))
            } else if !(missing ?? []).isEmpty {
                notes.append(t("request.note.missing_from_scan", ["scan": report.scan.id, "source": source]))
            }
        } else {
            notes.append(t("request.note.no_scan", ["source": source]))
        }
        // The scan id comes from the database: passed through the one terminal sanitizer.
        FileHandle.standardError.write(Data(("\n" + notes.map(TerminalText.sanitize).joined(separator: "\n") + "\n").utf8))
    }

    /// The named scan, or the latest one when a database exists; nil when there is none.
    private func storedScan() throws -> ScanReport? {
        if db != nil || scan != nil {
            return try storedReport(scan, databasePath: try storedScansDatabase(db))
        }
        let path = OutputLocations.databasePath(in: dataDirectory())
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try StoredScans.report(databasePath: path, scanId: nil)
    }
}
