import ArgumentParser
import Foundation
import Importers
import Localization
import Reports

struct Sources: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the export formats steward reads, how to request each one and where to delete it.",
        discussion: """
            Examples:
              steward sources
              steward sources --json
              steward request google.my_activity
            """)

    @Flag(name: .long, help: "Print as JSON.")
    var json = false

    @OptionGroup var language: LanguageOption

    func run() throws {
        let importers = ImporterRegistry.all
        if json {
            // `delete` is in the English of the catalog, like the other texts of this output.
            let rows = importers.map { ["id": $0.id, "title": $0.title, "howToRequest": $0.howToRequest,
                                        "delete": Localizer.english.deletionGuide(source: $0.id) ?? ""] }
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
            if let deletion = t.deletionGuide(source: importer.id) {
                print("    " + t("deletion.where", ["how": deletion]))
            }
        }
    }
}
