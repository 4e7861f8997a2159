import ArgumentParser
import Foundation
import StewardCore
import StewardPipeline
import Importers

struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "what-if",
        abstract: "How each score would change if some of your data were gone.",
        discussion: """
            --without takes an attribute (finance.gambling), a rule (finance.gambling.bookmaker), a \
            source (bank.ofx, google.*) or a path (a file, folder or archive that was scanned, or \
            archive.zip!member inside one; relative, absolute, with or without a trailing slash). \
            Each name is looked up in the stored scan first and steward prints what it matched \
            (how many records from which files); a name it does not know is an error that names \
            the closest valid ones. Attributes and rules are removed from the stored scan; sources \
            and paths make steward read the scan's inputs again without those records (a scan of \
            relative paths is read from the current folder: run what-if where you ran the scan). \
            Nothing is deleted: this only shows what deleting or redacting would change.

            --best N instead searches the stored scan for the fewest attributes whose removal \
            moves each model to each better tier it can reach, and lists up to N such ways per \
            tier with the score reached and the records they take away (or says why no removal \
            helps); --model limits it to one model. --by source searches sources (importer ids) \
            instead, --by file the files read, splitting each finding by the stored records per \
            source or file; check a way exactly with --without SOURCE or --without PATH.

            Examples:
              steward what-if --without bank.ofx --without finance.gambling
              steward what-if --best 3 --model citizen-1000
            """)

    @Option(name: .long, help: "Attribute, rule, source or path to leave out (repeatable).")
    var without: [String] = []

    @Option(name: .long, help: "List up to N smallest sets of attributes whose removal reaches each better tier.")
    var best: Int?

    @Option(name: .long, help: "With --best: only this model (repeatable; default: every model).")
    var model: [String] = []

    @Option(name: .long, help: "With --best: remove attributes (default), sources (importer ids such as bank.ofx) or files.")
    var by: BestUnit = .attribute

    @Option(name: .long, help: "Scan id (default: the latest stored scan).")
    var scan: String?

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    @OptionGroup var rules: RulesOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        if let best {
            guard without.isEmpty else { throw StewardError.usage(t("error.best_without")) }
            guard best >= 1 else { throw StewardError.usage(t("error.best_positive", ["value": "\(best)"])) }
            return try runBest(best)
        }
        if !model.isEmpty { throw StewardError.usage(t("error.model_needs_best")) }
        if without.isEmpty { throw StewardError.usage(t("error.whatif_needs_without")) }
        let path = try storedScansDatabase(db)
        let ruleset = try rules.load()
        let report = try storedReport(scan, databasePath: path)
        let names = StoredScanNames(report: report, ruleset: ruleset)
        let resolved = try without.map { try names.resolve($0) }
        print(Explain.printable(t("whatif.title", ["scan": report.scan.id, "names": without.joined(separator: ", ")])))
        print("")
        for (name, found) in zip(without, resolved) {
            print("  " + Explain.printable(t("whatif.without", ["name": name, "matched": try matched(found, report: report, databasePath: path)])))
        }
        let removals = resolved.flatMap(WhatIf.Removal.from)
        let settings = ImporterSettings(environment: ProcessInfo.processInfo.environment)
        let result = try WhatIf.evaluate(report: report, ruleset: ruleset, without: removals, importerSettings: settings)
        for change in result.changes {
            func show(_ score: ScoreResult) -> String {
                score.total.map { "\($0) (\(score.tier))" } ?? score.tier
            }
            print("")
            print("  \(change.model): \(show(change.before)) → \(show(change.after))")
            for lost in change.lost {
                let delta = lost.delta.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? t("report.scores.stop")
                print("    " + t("whatif.no_longer", ["contribution": "\(delta)  \(lost.attribute)  \(lost.rule)"]))
            }
        }
    }

    private func runBest(_ limit: Int) throws {
        let path = try storedScansDatabase(db)
        let ruleset = try rules.load()
        let report = try storedReport(scan, databasePath: path)
        let known = ruleset.models.map(\.id)
        for id in model where !known.contains(id) {
            let closest = ClosestNames.closest(to: id, among: known)
            let hint = closest.isEmpty ? "" : t("error.did_you_mean", ["names": closest.map { "'\($0)'" }.joined(separator: ", ")])
            throw StewardError.usage(t("error.no_model", ["model": Explain.printable(id), "hint": hint]))
        }
        let models = model.isEmpty ? ruleset.models : ruleset.models.filter { model.contains($0.id) }
        let results: [BestRemovals.Result]
        switch by {
        case .attribute:
            print(t("whatif.best.title", ["limit": "\(limit)", "scan": report.scan.id]))
            results = BestRemovals.search(findings: report.findings, models: models, limit: limit)
        case .source, .file:
            print(t(by == .source ? "whatif.best.title_sources" : "whatif.best.title_files", ["limit": "\(limit)", "scan": report.scan.id]))
            var attributeOfRule: [String: String] = [:]
            for rule in ruleset.rules.rules { attributeOfRule[rule.id] = rule.attribute }
            for finding in report.findings { for rule in finding.rules where attributeOfRule[rule] == nil { attributeOfRule[rule] = finding.attribute } }
            let counts = try StoredScans.recordsBySource(databasePath: path, scanId: report.scan.id,
                                                         attributeOfRule: attributeOfRule, byPath: by == .file)
            results = by == .source
                ? BestRemovals.search(findings: report.findings, recordsBySource: counts, models: models, limit: limit)
                : BestRemovals.search(findings: report.findings, recordsByFile: counts, models: models, limit: limit)
        }
        for result in results {
            func show(_ total: Int?, _ tier: String) -> String { total.map { "\($0) (\(tier))" } ?? tier }
            print("")
            print("  " + t("whatif.best.now", ["model": result.model, "score": show(result.current.total, result.current.tier)]))
            if let why = result.noBetterTier { print("    " + t("whatif.best.no_removal", ["why": Self.words(for: why)])) }
            for (tier, ways) in result.byTier {
                print("    " + t("whatif.best.to_tier", ["tier": tier]))
                for way in ways {
                    print("      " + t("whatif.best.way", ["attributes": way.attributes.joined(separator: " + "),
                                                         "score": show(way.total, way.tier),
                                                         "records": t.plural("count.records", way.records)]))
                }
            }
        }
        print("")
        print("  " + t(by == .attribute ? "whatif.best.check" : by == .source ? "whatif.best.check_sources" : "whatif.best.check_files"))
    }

    /// Why no removal helps, in the run's language.
    static func words(for why: BestRemovals.NoBetterTier) -> String {
        switch why {
        case .alreadyBest(let tier): return t("whatif.best.already_best", ["tier": tier])
        case .nothingLowers: return t("whatif.best.nothing_lowers")
        case .notEnough(let tried, let candidates):
            return t("whatif.best.not_enough", ["count": "\(tried)", "attributes": candidates.joined(separator: ", ")])
        }
    }

    /// What a name stands for in the scan: records and the files they came from.
    private func matched(_ found: StoredScanNames.Resolved, report: ScanReport, databasePath: String) throws -> String {
        func files(_ counts: [(path: String, records: Int)]) -> String {
            let shown = counts.prefix(5).map { "\(Explain.printable($0.path)) (\($0.records))" }
            let more = counts.count > 5 ? t("whatif.more_files", ["count": t.number(counts.count - 5)]) : ""
            return shown.joined(separator: ", ") + more
        }
        switch found {
        case .attribute(let id), .rule(_, attribute: let id):
            var ruleIds: [String] = []
            var label = t("whatif.kind.attribute")
            if case .rule(let rule, _) = found { ruleIds = [rule]; label = t("whatif.kind.rule", ["attribute": id]) }
            guard let finding = report.findings.first(where: { $0.attribute == id }),
                  ruleIds.allSatisfy(finding.rules.contains) else {
                return t("whatif.matched.no_finding", ["kind": label])
            }
            let evidence = try StoredScans.evidence(databasePath: databasePath, scanId: report.scan.id,
                                                    rules: ruleIds.isEmpty ? finding.rules : ruleIds)
            if evidence.isEmpty {
                // Analyzer findings (home, workplace, …) are not stored record by record.
                return t("whatif.matched.finding", ["kind": label, "records": t.plural("count.records", finding.count),
                                                    "sources": finding.sources.joined(separator: ", ")])
            }
            var byPath: [String: Int] = [:]
            for item in evidence { byPath[item.path, default: 0] += 1 }
            let counts = byPath.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { (path: $0.key, records: $0.value) }
            return t("whatif.matched.records", ["kind": label, "records": t.plural("count.records", evidence.count),
                                                "files": t.plural("count.files", counts.count), "list": files(counts)])
        case .source(_, let inputs), .path(_, let inputs):
            let label = if case .source = found { t("whatif.kind.source") } else { t("whatif.kind.path") }
            guard !inputs.isEmpty else { return t("whatif.matched.nothing_read", ["kind": label]) }
            let total = inputs.reduce(0) { $0 + $1.events }
            let counts = inputs.map { (path: $0.path, records: $0.events) }
            return t("whatif.matched.records", ["kind": label, "records": t.plural("count.records", total),
                                                "files": t.plural("count.files", inputs.count), "list": files(counts)])
        }
    }
}

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What changed between two stored scans (findings and scores).",
        discussion: """
            Scan ids are listed by `steward report --list`.

            Example:
              steward diff 20261127T031816Z-2ce5
            """)

    @Argument(help: "The earlier scan id.")
    var first: String

    @Argument(help: "The later scan id (default: the latest).")
    var second: String?

    @Option(name: .long, help: "Database file (default: $XDG_DATA_HOME/steward/steward.db).")
    var db: String?

    @OptionGroup var language: LanguageOption

    func run() throws {
        let path = try storedScansDatabase(db)
        let old = try storedReport(first, databasePath: path)
        let new = try storedReport(second, databasePath: path)
        for line in ScanDiff.lines(old, new, localizer: t) { print(Explain.printable(line)) }
    }
}

/// What `what-if --best` removes.
enum BestUnit: String, ExpressibleByArgument, CaseIterable {
    case attribute, source, file
}
