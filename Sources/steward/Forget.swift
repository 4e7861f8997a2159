import ArgumentParser
import Foundation
import StewardPipeline

struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete steward's database and every report it wrote.",
        discussion: "Removes the database (and its journal files), the stored report copies, and every report written with --out that still exists. Your export files are never touched.")

    @Option(name: .long, help: "Also delete this database (one you passed to --db).")
    var db: String?

    func run() throws {
        let removed = OutputLocations.forget(dataDirectory: dataDirectory(), extraDatabase: db)
        if removed.isEmpty {
            print("Nothing to forget: steward has no stored data in \(dataDirectory()).")
        } else {
            for path in removed { print("removed \(path)") }
        }
    }
}
