import ArgumentParser
import Foundation
import Reports
import StewardCore
import StewardPipeline
import Importers
import Localization

extension ReportFormat: ExpressibleByArgument {}

/// Output options shared by `scan`, `report` and `demo`.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Report format: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ReportFormat = .terminal

    @Option(name: .long, help: "Write the report to this file (mode 0600) instead of standard output.")
    var out: String?

    @OptionGroup var language: LanguageOption

    /// `--out` must name a file in a folder that exists: checked before any work is done.
    func checkDestination() throws {
        if let out { try requireParentFolder(of: out, option: "--out") }
    }

    /// Renders and delivers the report in `localizer`'s language (the JSON report is the same in
    /// every language); `--out` files are remembered, with what was written, for `steward forget`.
    ///
    /// The HTML dossier (and the Markdown report, its tables) also shows every model's ladder,
    /// the ways to a better tier and the places, so they need the rules the report was made
    /// with: `ruleset` is asked for them only then.
    func deliver(_ report: ScanReport, dataDirectory: String, localizer: Localizer,
                 ruleset: () throws -> Ruleset) throws {
        let reporter: any Reporter
        if format == .html || format == .markdown {
            let rules = try ruleset()
            let texts = Localizer(localizer.language, ruleTexts: try RuleTextsLoader.load(rules, language: localizer.language))
            let context = try DossierContextBuilder.build(report: report, models: rules.models, files: rules.files)
            reporter = format == .html ? HTMLReporter(localizer: texts, context: context)
                : MarkdownReporter(localizer: texts, context: context)
        } else {
            reporter = format.makeReporter(color: out == nil && useColor(), localizer: localizer)
        }
        let text = reporter.render(report)
        if let out {
            let written = try OutputLocations.writePrivateFile(text, to: out, createFolders: false)
            try OutputLocations.remember(written, dataDirectory: dataDirectory)
            FileHandle.standardError.write(Data("steward: \(t("cli.report_written", ["path": out]))\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan export files, folders and .zip archives and report what they reveal.",
        discussion: """
            Reads everything under the given paths (archives too, without extracting them), lists \
            files it does not recognize with the reason, and reports findings with their evidence \
            and the scores of every model in rules/models. Inputs are only ever read. When no \
            record could be read at all there is no score: steward says which paths gave nothing \
            and why, and exits 3. A path that does not exist or cannot be read is named on \
            standard error; the other paths are still scanned and reported, and the exit status \
            is 4. The scan is stored (database and a JSON copy of the report in \
            $XDG_DATA_HOME/steward) unless you pass --no-db.

            Examples:
              steward scan ~/Downloads/takeout-20260301T090000Z-001.zip ~/Downloads/statement.csv
              steward scan exports/ --format json --out report.json
            """)

    @Argument(help: "Export files, folders or .zip archives.")
    var paths: [String]

    @OptionGroup var output: OutputOptions
    @OptionGroup var rules: RulesOption

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    @Flag(name: .long, help: "Do not store the scan in a database or keep a copy of the report.")
    var noDb = false

    @Option(name: .long, help: "Files read in parallel (default: the number of cores).")
    var jobs: Int?

    @Option(name: .long, help: "Only run this scoring model (repeatable).")
    var model: [String] = []

    @Option(name: .long, help: "Evidence records kept per finding.")
    var evidence: Int = 20

    @Flag(name: .long, help: "Never show a progress line.")
    var noProgress = false

    @Flag(name: .long, help: "Quote messages other people wrote in evidence (by default they are counted, never quoted: they are their words).")
    var quoteOthers = false

    func validate() throws {
        if paths.isEmpty { throw ValidationError(t("error.scan_needs_paths")) }
        if let jobs, jobs < 1 { throw ValidationError(t("error.jobs_positive")) }
        if evidence < 0 { throw ValidationError(t("error.evidence_negative")) }
        if noDb && db != nil { throw ValidationError(t("error.db_and_no_db")) }
    }

    func run() throws {
        try output.checkDestination()
        if let db { try requireParentFolder(of: db, option: "--db") }
        let ruleset = try rules.load()
        if let unknown = model.first(where: { id in !ruleset.models.contains { $0.id == id } }) {
            throw StewardError.usage(t("error.unknown_model", ["model": unknown, "available": ruleset.models.map(\.id).joined(separator: ", ")]))
        }
        // A path that cannot be read is said at once, by name; the others are still scanned.
        let failed = paths.compactMap(Self.unreadable)
        // When every path failed, the "nothing could be read" error names them all at once.
        for failure in failed where failed.count < paths.count {
            FileHandle.standardError.write(Data("steward: \(Explain.printable(failure.path)): \(failure.reason)\n".utf8))
        }
        let dataDir = dataDirectory()
        let dbPath = noDb ? nil : (db ?? OutputLocations.databasePath(in: dataDir))
        var options = ScanOptions(paths: paths, rulesDirectory: ruleset.directory, databasePath: dbPath,
                                  jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                  evidenceLimit: evidence, models: model.isEmpty ? nil : model)
        options.quoteOthers = quoteOthers
        options.importerSettings = ImporterSettings(environment: ProcessInfo.processInfo.environment)
        let progress = ProgressLine.makeIfTerminal(disabled: noProgress)
        let report: ScanReport
        do {
            report = try ScanPipeline.run(options, ruleset: ruleset, progress: progress?.update)
            progress?.clear()
        } catch {
            progress?.clear()
            throw error
        }
        try storeReportCopy(report, enabled: !noDb, dataDirectory: dataDir)
        try output.deliver(report, dataDirectory: dataDir, localizer: try RunLanguage.localizer(ruleset: ruleset), ruleset: { ruleset })
        if !failed.isEmpty { throw StewardError.pathsFailed(failed) }
    }

    /// Why a path given on the command line cannot be read, or nil when it can.
    static func unreadable(_ path: String) -> ScanReport.Unrecognized? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return .init(path: path, reason: errno == ENOENT ? t("error.no_such_path") : String(cString: strerror(errno)))
        }
        let isFolder = info.st_mode & S_IFMT == S_IFDIR
        if access(path, isFolder ? (R_OK | X_OK) : R_OK) != 0 {
            return .init(path: path, reason: t("error.cannot_read", ["why": String(cString: strerror(errno))]))
        }
        return nil
    }
}

/// The JSON copy of a stored scan's report in the data directory (`steward forget` removes it).
func storeReportCopy(_ report: ScanReport, enabled: Bool, dataDirectory: String) throws {
    guard enabled else { return }
    let copy = OutputLocations.reportsDirectory(in: dataDirectory) + "/\(report.scan.id).json"
    try OutputLocations.writePrivateFile(ReportFormat.json.makeReporter(color: false).render(report), to: copy)
}

/// A one-line progress display on stderr, only when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()

    static func makeIfTerminal(disabled: Bool) -> ProgressLine? {
        disabled || isatty(STDERR_FILENO) != 1 ? nil : ProgressLine()
    }

    @Sendable func update(_ p: ScanProgress) {
        lock.lock(); defer { lock.unlock() }
        let percent = p.bytesTotal > 0 ? Int(p.bytesDone * 100 / p.bytesTotal) : 100
        var name = p.currentPath
        if name.count > 50 { name = "…" + name.suffix(49) }
        let safe = TerminalText.sanitize(name)
        let files = t("cli.progress", ["done": t.number(p.filesDone), "total": t.number(p.filesTotal), "percent": "\(percent)"])
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(files)] \(safe)".utf8))
    }

    func clear() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
