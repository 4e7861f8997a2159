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

    @OptionGroup var language: LanguageOption

    func run() throws {
        let importers = ImporterRegistry.all
        if json {
            let rows = importers.map { ["id": $0.id, "title": $0.title, "howToRequest": $0.howToRequest] }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        // The how-to text of each format is steward's own, so it is in the program catalog
        // (`sources.<id>.title`, `sources.<id>.how`); English stays in the importer itself.
        for importer in importers {
            let title = t.language == .en ? importer.title : t.has("sources.\(importer.id).title") ? t("sources.\(importer.id).title") : importer.title
            let how = t.language == .en ? importer.howToRequest : t.has("sources.\(importer.id).how") ? t("sources.\(importer.id).how") : importer.howToRequest
            print("\(importer.id)\t\(title)")
            print("    " + t("sources.how_to_get_it", ["how": how]))
        }
    }
}
