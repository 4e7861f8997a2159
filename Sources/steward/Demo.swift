import ArgumentParser
import Foundation
import Importers
import Personas
import Reports
import StewardPipeline
import Store

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic persona's exports in their real formats, scan them and report.",
        discussion: """
            No data of yours is read. The persona's exports (bank or payment-app statements, a Google \
            Takeout archive, chats, social archives; docs/personas.md) are written to steward's data folder ($XDG_DATA_HOME/steward/demo/PERSONA, \
            or --dir), scanned like any export, and the scan is stored, so the commands the report \
            suggests work afterwards (steward explain, what-if, report); `steward forget` removes \
            the exports and the scan. With --no-db the exports go to a temporary folder that is \
            deleted afterwards, and nothing is kept. Personas: \(PersonaCatalog.all.map(\.id).joined(separator: ", ")).

            Examples:
              steward demo
              steward explain health.alcohol      # afterwards: every record behind one finding
              steward demo sam --dir ~/sam-exports --write-only
              steward demo --list                 # every persona: id, country, name, who they are
              steward demo --all --write-only --dir ~/workshop   # each persona in ~/workshop/ID
              steward demo --compare              # every persona side by side
              steward demo --compare sam dmitri --format html --out room.html
            """)

    @Argument(help: ArgumentHelp("Persona id (default: sam); with --compare, the personas to compare (default: all).", valueName: "persona"))
    var personas: [String] = []

    @Option(name: .long, help: "Write the exports here instead of steward's data folder (kept afterwards).")
    var dir: String?

    @Option(name: .long, help: "Multiply everyday records (for benchmarks; 1 is the demo).")
    var scale: Int = 1

    @Flag(name: .long, help: "List the personas (id, country, name, who they are) and exit; with --format json as JSON.")
    var list = false

    @Flag(name: .long, help: "Write every persona's exports, each into DIR/ID (needs --write-only and --dir).")
    var all = false

    @Flag(name: .long, help: "Scan the personas named (all when none) and show them side by side instead of one report.")
    var compare = false

    @Flag(name: .long, help: "Only write the exports; do not scan them.")
    var writeOnly = false

    @Flag(name: .long, help: "Write the Takeout part as a folder instead of a .zip archive.")
    var takeoutFolder = false

    @Flag(name: .long, help: "Write only the bank, card and payment-app statements (for benchmarks).")
    var statementsOnly = false

    @OptionGroup var output: OutputOptions
    @OptionGroup var rules: RulesOption

    @Option(name: .long, help: "Store the demo scan in this database (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    @Flag(name: .long, help: "Keep nothing: exports in a temporary folder deleted afterwards, no stored scan.")
    var noDb = false

    func run() throws {
        if list { return try listPersonas() }
        if all { return try writeAll() }
        if compare { return try compareAll() }
        guard personas.count <= 1 else { throw StewardError.usage(t("error.demo_one_persona")) }
        let profile = try Self.profile(personas.first ?? "sam")
        if scale < 1 { throw StewardError.usage(t("error.scale_positive")) }
        if noDb && db != nil { throw StewardError.usage(t("error.db_and_no_db")) }
        try output.checkDestination()
        if let db { try requireParentFolder(of: db, option: "--db") }
        if let dir { try requireParentFolder(of: dir, option: "--dir") }
        // Rules first: a demo that cannot scan writes nothing.
        let ruleset = try writeOnly ? nil : rules.load()
        let data = dataDirectory()

        let directory: String
        var removeAfterwards = false
        if let dir {
            directory = dir
        } else if noDb {
            directory = try Self.temporaryFolder()
            removeAfterwards = true
        } else {
            // steward's own folder: the previous demo of this persona is replaced.
            directory = OutputLocations.demoDirectory(in: data) + "/" + profile.id
            try? FileManager.default.removeItem(atPath: directory)
            do {
                try PrivateFolders.create(directory)
            } catch {
                throw StewardError.output(directory, "\(error)")
            }
        }
        var succeeded = false
        defer {
            // A temporary folder never outlives the demo; steward's own demo folder only on success.
            if removeAfterwards || (!succeeded && dir == nil) { try? FileManager.default.removeItem(atPath: directory) }
        }

        let written: PersonaExportWriter.Output
        do {
            written = try PersonaExportWriter(persona: profile, scale: scale).write(to: directory, zipTakeout: !takeoutFolder,
                                                                                      statementsOnly: statementsOnly)
        } catch {
            throw StewardError.output(directory, "\(error)")
        }
        FileHandle.standardError.write(Data("steward: \(t("cli.demo_written", ["name": profile.name, "size": "\(written.bytes / 1024)", "folder": directory]))\n".utf8))
        guard let ruleset else {
            for file in written.files { print(file) }
            succeeded = true
            return
        }
        let dbPath = noDb ? nil : (db ?? OutputLocations.databasePath(in: data))
        var options = ScanOptions(paths: [directory], rulesDirectory: ruleset.directory, databasePath: dbPath)
        options.importerSettings = Self.settings(for: profile)
        let report = try ScanPipeline.run(options, ruleset: ruleset)
        try storeReportCopy(report, enabled: !noDb, dataDirectory: data)
        try output.deliver(report, dataDirectory: data, localizer: try RunLanguage.localizer(ruleset: ruleset), ruleset: { ruleset })
        succeeded = true
        if let dbPath, let finding = report.findings.first, let source = report.inputs.first?.source {
            let option = db.map { " --db \($0)" } ?? ""
            let next = t("cli.demo_next", ["scan": report.scan.id, "database": dbPath,
                                           "explain": "steward explain \(finding.attribute)\(option)",
                                           "whatif": "steward what-if --without \(source)\(option)"])
            FileHandle.standardError.write(Data("steward: \(next)\n".utf8))
        }
    }

    /// `--list`: one line per persona, tab-separated, or a JSON array with `--format json`.
    func listPersonas() throws {
        if output.format == .json {
            let entries = PersonaCatalog.all.map { ["id": $0.id, "name": $0.name, "country": $0.country, "tagline": $0.tagline] }
            let data = try JSONSerialization.data(withJSONObject: entries, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            for p in PersonaCatalog.all { print([p.id, p.country, p.name, p.tagline].joined(separator: "\t")) }
        }
    }

    /// The demo knows who the persona is: their chats name them without steward's "(synthetic)"
    /// mark, so their own messages are theirs (as STEWARD_OWNER_NAME tells a real scan).
    static func settings(for profile: Persona) -> ImporterSettings {
        let name = profile.name.hasSuffix(" (synthetic)") ? String(profile.name.dropLast(" (synthetic)".count)) : profile.name
        return ImporterSettings(ownerNames: [name])
    }

    static func profile(_ id: String) throws -> Persona {
        guard let profile = PersonaCatalog.named(id) else {
            throw StewardError.usage(t("error.no_persona", ["persona": id, "available": PersonaCatalog.all.map(\.id).joined(separator: ", ")]))
        }
        return profile
    }

    /// `--compare [IDS…]`: each persona written to steward's demo folder (or DIR/ID), scanned and
    /// stored as `demo` does for one, then all of them side by side (docs/reports.md,
    /// "Comparing people"). With --no-db the exports go to a temporary folder deleted afterwards.
    func compareAll() throws {
        if writeOnly { throw StewardError.usage(t("error.demo_compare_write_only")) }
        if scale < 1 { throw StewardError.usage(t("error.scale_positive")) }
        if noDb && db != nil { throw StewardError.usage(t("error.db_and_no_db")) }
        try output.checkDestination()
        if let db { try requireParentFolder(of: db, option: "--db") }
        if let dir { try requireParentFolder(of: dir, option: "--dir") }
        let profiles = try personas.isEmpty ? PersonaCatalog.all : personas.map(Self.profile)
        let ruleset = try rules.load()
        let data = dataDirectory()
        let dbPath = noDb ? nil : (db ?? OutputLocations.databasePath(in: data))
        var temporary: String?
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        var people: [Comparison.Person] = []
        for profile in profiles {
            let directory: String
            if let dir {
                directory = dir + "/" + profile.id
            } else if noDb {
                if temporary == nil { temporary = try Self.temporaryFolder() }
                directory = temporary! + "/" + profile.id
            } else {
                directory = OutputLocations.demoDirectory(in: data) + "/" + profile.id
                try? FileManager.default.removeItem(atPath: directory)
            }
            do {
                try PrivateFolders.create(directory)
                let written = try PersonaExportWriter(persona: profile, scale: scale).write(to: directory, zipTakeout: !takeoutFolder,
                                                                                      statementsOnly: statementsOnly)
                FileHandle.standardError.write(Data("steward: \(t("cli.demo_written", ["name": profile.name, "size": "\(written.bytes / 1024)", "folder": directory]))\n".utf8))
            } catch {
                throw StewardError.output(directory, "\(error)")
            }
            var options = ScanOptions(paths: [directory], rulesDirectory: ruleset.directory, databasePath: dbPath)
            options.importerSettings = Self.settings(for: profile)
            let report = try ScanPipeline.run(options, ruleset: ruleset)
            try storeReportCopy(report, enabled: !noDb, dataDirectory: data)
            people.append(Comparison.Person(label: profile.name, report: report))
        }
        try deliverComparison(Comparison(people: people, ladders: DossierContextBuilder.ladders(ruleset.models)),
                              output: output, localizer: try RunLanguage.localizer(ruleset: ruleset))
    }

    /// A new private temporary folder.
    static func temporaryFolder() throws -> String {
        let tmp = NSTemporaryDirectory().hasSuffix("/") ? NSTemporaryDirectory() : NSTemporaryDirectory() + "/"
        var template = Array((tmp + "steward-demo-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw StewardError.output(tmp + "steward-demo-XXXXXX", String(cString: strerror(errno)))
        }
        return String(cString: made)
    }

    /// `--all --write-only --dir DIR`: every persona's exports, each into DIR/ID, nothing scanned.
    func writeAll() throws {
        guard writeOnly, let dir else { throw StewardError.usage(t("error.demo_all_needs_dir")) }
        if scale < 1 { throw StewardError.usage(t("error.scale_positive")) }
        try requireParentFolder(of: dir, option: "--dir")
        for profile in PersonaCatalog.all {
            let directory = dir + "/" + profile.id
            let written: PersonaExportWriter.Output
            do {
                written = try PersonaExportWriter(persona: profile, scale: scale).write(to: directory, zipTakeout: !takeoutFolder,
                                                                                      statementsOnly: statementsOnly)
            } catch {
                throw StewardError.output(directory, "\(error)")
            }
            FileHandle.standardError.write(Data("steward: \(t("cli.demo_written", ["name": profile.name, "size": "\(written.bytes / 1024)", "folder": directory]))\n".utf8))
            for file in written.files { print(file) }
        }
    }
}
