import ArgumentParser
import Foundation
import Importers

struct Sources: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the export formats steward reads and how to request each one.",
        discussion: """
            Examples:
              steward sources
              steward sources --json
            """)

    @Flag(name: .long, help: "Print as JSON.")
    var json = false

    func run() throws {
        let importers = ImporterRegistry.all
        if json {
            let rows = importers.map { ["id": $0.id, "title": $0.title, "howToRequest": $0.howToRequest] }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        for importer in importers {
            print("\(importer.id)\t\(importer.title)")
            print("    how to get it: \(importer.howToRequest)")
        }
    }
}
