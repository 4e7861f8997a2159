import ArgumentParser
import Foundation
import StewardCore
import StewardPipeline
import Importers

struct RedactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redact",
        abstract: "Write a copy of your exports without the records behind some findings.",
        discussion: """
            --without takes an attribute (finance.gambling; a finding is named by its attribute) \
            or a rule (finance.gambling.bookmaker). steward reads every export again through its \
            importer and the rules, and each record a named rule matches is left out of the copy; \
            with --mask it stays, with its text replaced by ***. Every other byte is copied as it \
            is: a CSV keeps its dialect and encoding, JSON its layout, a ZIP stays a ZIP. The \
            copy goes into --out, named like each export; the exports themselves are only read. \
            steward prints per file what it removed, and names any record it could not remove \
            (a format it does not write back): those stay in the copy. See docs/redact.md.

            Examples:
              steward redact ~/exports/bank.csv --without finance.gambling --out ~/shared
              steward redact takeout.zip --without health.mental --mask --out ~/shared
            """)

    @Argument(help: "Export files or folders to copy.")
    var exports: [String]

    @Option(name: .long, help: "Attribute or rule whose records to leave out (repeatable).")
    var without: [String] = []

    @Option(name: .long, help: "Folder for the copies (created 0700 when missing).")
    var out: String

    @Flag(name: .long, help: "Keep the records, with their text replaced by ***.")
    var mask = false

    @Flag(name: .customLong("strip-gps"), help: "Remove the GPS position from every photo's Exif in the copies.")
    var stripGPS = false

    @OptionGroup var rules: RulesOption
    @OptionGroup var language: LanguageOption

    func run() throws {
        if without.isEmpty && !stripGPS { throw StewardError.usage(t("error.redact_needs_without")) }
        for export in exports where !FileManager.default.fileExists(atPath: export) {
            throw StewardError.noInputs(missing: [export])
        }
        // Inside steward's data folder only where `steward forget` finds the copies.
        let data = Redaction.absolute(dataDirectory())
        let allowed = OutputLocations.redactedDirectory(in: data)
        let target = Redaction.absolute(out)
        if (target == data || target.hasPrefix(data + "/")) && !(target == allowed || target.hasPrefix(allowed + "/")) {
            throw StewardError.usage(t("error.redact_out_in_data", ["out": out, "folder": allowed]))
        }
        let ruleset = try rules.load()
        let (selection, refused) = try Redaction.select(without, ruleset: ruleset)
        if let first = refused.first {
            switch first {
            case .analyzer(let name): throw StewardError.usage(t("error.redact_analyzer", ["name": name]))
            case .noRule(let name): throw StewardError.usage(t("error.redact_no_rule", ["name": name]))
            }
        }
        let settings = ImporterSettings(environment: ProcessInfo.processInfo.environment)
        let planned = Redaction.plan(exports: exports, selection: selection, ruleset: ruleset, settings: settings, mask: mask,
                                     stripGPS: stripGPS)
        let outcomes = try Redaction.write(exports: exports, plans: planned.files, outDirectory: out, mask: mask)

        let names = without.joined(separator: ", ")
        print(Explain.printable(without.isEmpty ? t("redact.title_gps", ["out": out]) : t("redact.title", ["names": names, "out": out])))
        print("")
        for name in selection.analyzerParts {
            print("  " + Explain.printable(t("redact.analyzer_part", ["name": name])))
        }
        var unchanged = 0
        var removedTotal = 0
        var keptTotal = 0
        for outcome in outcomes.sorted(by: { $0.path < $1.path }) {
            let path = Explain.printable(outcome.path)
            switch outcome.result {
            case .unchanged:
                unchanged += 1
                continue
            case .gpsRemoved:
                print("  " + t("redact.file", ["path": path, "what": t("redact.gps_removed")]))
            case .redacted(let removed, let masked):
                removedTotal += removed + masked
                var parts: [String] = []
                if removed > 0 { parts.append(t("redact.removed", ["records": t.plural("count.records", removed)])) }
                if masked > 0 { parts.append(t("redact.masked", ["records": t.plural("count.records", masked)])) }
                print("  " + t("redact.file", ["path": path, "what": parts.joined(separator: ", ")]))
            case .kept(let records, let reason):
                keptTotal += records
                var parts: [String] = []
                if outcome.alsoRemoved > 0 { parts.append(t("redact.removed", ["records": t.plural("count.records", outcome.alsoRemoved)])) }
                if outcome.alsoMasked > 0 { parts.append(t("redact.masked", ["records": t.plural("count.records", outcome.alsoMasked)])) }
                if outcome.gpsRemoved { parts.append(t("redact.gps_removed")) }
                if !parts.isEmpty { print("  " + t("redact.file", ["path": path, "what": parts.joined(separator: ", ")])) }
                print("  " + t("redact.kept", ["path": path, "records": t.plural("count.records", records),
                                               "reason": t("redact.reason.\(reason)")]))
            }
            let rules = outcome.byRule.sorted { $0.key < $1.key }.map { "\($0.key) (\(t.number($0.value)))" }
            if !rules.isEmpty { print("    " + t("redact.rules", ["list": rules.joined(separator: ", ")])) }
            let also = outcome.alsoRules.sorted { $0.key < $1.key }.map { "\($0.key) (\(t.number($0.value)))" }
            if !also.isEmpty { print("    " + t("redact.also", ["list": also.joined(separator: ", ")])) }
        }
        if !without.isEmpty && removedTotal == 0 && keptTotal == 0 {
            print("  " + t("redact.nothing", ["names": without.joined(separator: ", ")]))
        }
        if unchanged > 0 { print("  " + t("redact.unchanged", ["files": t.plural("count.files", unchanged)])) }
        let changes = planned.changes
        if !changes.isEmpty {
            print("")
            print(t("redact.findings"))
            if keptTotal > 0 { print("  " + t("redact.findings_kept_note")) }
            for change in changes {
                let before = change.before.map { t.plural("count.records", $0) } ?? "—"
                let after = change.after.map { t.plural("count.records", $0) } ?? t("redact.finding_gone")
                let named = without.contains(change.attribute) || selection.rules.contains { ruleset.rules.rule(id: $0)?.attribute == change.attribute }
                print("  " + t(named ? "redact.finding_named" : "redact.finding_other",
                               ["attribute": change.attribute, "before": before, "after": after]))
            }
        }
        print("")
        print(Explain.printable(t("redact.done", ["out": out])))
    }
}
