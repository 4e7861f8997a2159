import ArgumentParser
import Foundation
import StewardPipeline

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a stored scan again (the latest one unless you name it).")

    @Argument(help: "Scan id, as printed by `steward scan` (default: the latest).")
    var scan: String?

    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    @Flag(name: .long, help: "List stored scans instead.")
    var list = false

    func run() throws {
        let dataDir = dataDirectory()
        let path = db ?? OutputLocations.databasePath(in: dataDir)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no stored scans at \(path): run `steward scan` first")
        }
        if list {
            for entry in try exitOnError({ try StoredScans.list(databasePath: path) }) {
                print("\(entry.id)  \(entry.started)  \(entry.paths.joined(separator: " "))")
            }
            return
        }
        guard let report = try exitOnError({ try StoredScans.report(databasePath: path, scanId: scan) }) else {
            throw ValidationError(scan.map { "no scan with id \($0) in \(path)" } ?? "no scans stored in \(path)")
        }
        try output.deliver(report, dataDirectory: dataDir)
    }
}
