import ArgumentParser
import Foundation
import Personas
import StewardPipeline

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic persona's exports in their real formats, scan them and report.",
        discussion: """
            No data of yours is read. The persona's bank CSV, credit-card OFX statement and Google \
            Takeout archive (My Activity search history) are written to a temporary folder (or --dir) \
            and scanned like any export. Personas: \(PersonaCatalog.all.map(\.id).joined(separator: ", ")).
            """)

    @Argument(help: "Persona id.")
    var persona: String = "sam"

    @Option(name: .long, help: "Write the exports here instead of a new temporary folder (kept afterwards).")
    var dir: String?

    @Option(name: .long, help: "Multiply everyday records (for benchmarks; 1 is the demo).")
    var scale: Int = 1

    @Flag(name: .long, help: "Only write the exports; do not scan them.")
    var writeOnly = false

    @Flag(name: .long, help: "Write the Takeout part as a folder instead of a .zip archive.")
    var takeoutFolder = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var rules: RulesOption

    @Option(name: .long, help: "Store the demo scan in this database (default: not stored).")
    var db: String?

    func validate() throws {
        if PersonaCatalog.named(persona) == nil {
            throw ValidationError("no persona named '\(persona)' (available: \(PersonaCatalog.all.map(\.id).joined(separator: ", ")))")
        }
        if scale < 1 { throw ValidationError("--scale must be at least 1") }
    }

    func run() throws {
        let profile = PersonaCatalog.named(persona)!
        let directory: String
        if let dir {
            directory = dir
        } else {
            let tmp = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
            var template = Array((tmp + "steward-demo-XXXXXX").utf8CString)
            guard let made = mkdtemp(&template) else { throw ValidationError("cannot create a temporary folder") }
            directory = String(cString: made)
        }
        let written: PersonaExportWriter.Output
        do {
            written = try PersonaExportWriter(persona: profile, scale: scale).write(to: directory, zipTakeout: !takeoutFolder)
        } catch {
            FileHandle.standardError.write(Data("steward: \(error)\n".utf8))
            throw ExitCode(1)
        }
        FileHandle.standardError.write(Data("steward: wrote \(profile.name)'s exports (\(written.bytes / 1024) KiB) to \(directory)\n".utf8))
        if writeOnly {
            for file in written.files { print(file) }
            return
        }
        let ruleset = try rules.load()
        let options = ScanOptions(paths: [directory], rulesDirectory: ruleset.directory, databasePath: db)
        let report = try exitOnError { try ScanPipeline.run(options, ruleset: ruleset) }
        try output.deliver(report, dataDirectory: dataDirectory())
        if dir == nil { try? FileManager.default.removeItem(atPath: directory) }
    }
}
