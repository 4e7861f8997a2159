import StewardCore

/// The `steward.report/1` JSON contract (docs/report-contract.md), keys in contract order. Optional values
/// (a finding's value, evidence time, first/last seen, a verdict's total, a tier label, a
/// contribution's reason) are omitted when absent, never written as null.
public struct JSONReporter: Reporter {
    public init() {}

    public func render(_ report: ScanReport) -> String {
        JSONReporter.document(report).rendered() + "\n"
    }

    /// The report as an ordered JSON tree (HTML or Markdown reporters can embed it).
    public static func document(_ report: ScanReport) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("schema", .string(report.schema)),
            ("tool", .object([
                ("name", .string(report.tool.name)),
                ("version", .string(report.tool.version)),
                ("rules", .string(report.tool.rules)),
            ])),
            ("scan", .object([
                ("id", .string(report.scan.id)),
                ("started", .string(report.scan.started)),
                ("paths", strings(report.scan.paths)),
            ])),
            ("inputs", .array(report.inputs.map { input in
                var members: [(String, OrderedJSON)] = [
                    ("path", .string(input.path)),
                    ("source", .string(input.source)),
                    ("events", .int(input.events)),
                    ("skipped", .int(input.skipped)),
                    ("errors", strings(input.errors)),
                    ("warnings", strings(input.warnings)),
                ]
                optional("firstSeen", input.firstSeen, into: &members)
                optional("lastSeen", input.lastSeen, into: &members)
                return .object(members)
            })),
            ("unrecognized", .array(report.unrecognized.map { item in
                .object([("path", .string(item.path)), ("reason", .string(item.reason))])
            })),
            ("knownFiles", .array(report.knownFiles.map { item in
                .object([("path", .string(item.path)), ("reason", .string(item.reason))])
            })),
            ("findings", .array(report.findings.map(finding))),
            ("scores", .array(report.scores.map(score))),
        ]
        if let overlaps = report.overlaps { members.append(("overlaps", overlapsObject(overlaps))) }
        let coverage = ExportCoverage.of(report.inputs)
        if !coverage.isEmpty {
            members.append(("coverage", .array(coverage.map { item in
                .object([("export", .string(item.export)), ("read", strings(item.read)), ("missing", strings(item.missing))])
            })))
        }
        if let totals = report.unreadTotals {
            members.append(("unreadTotals", .object([
                ("unrecognized", .int(totals.unrecognized)),
                ("knownFiles", .int(totals.knownFiles)),
                ("byReason", .array(totals.byReason.map { .object([("reason", .string($0.reason)), ("files", .int($0.files))]) })),
            ])))
        }
        if let contacts = report.contacts {
            members.append(("contacts", .array(contacts.map { .object([("key", .string($0.key)), ("messages", .int($0.messages))]) })))
        }
        return .object(members)
    }

    /// The added key `overlaps` (docs/duplicates.md): present only when the scan merged something.
    private static func overlapsObject(_ overlaps: OverlapSummary) -> OrderedJSON {
        .object([
            ("identicalFiles", .array(overlaps.identicalFiles.map { file in
                .object([("path", .string(file.path)), ("copyOf", .string(file.copyOf))])
            })),
            ("mergedRecords", .array(overlaps.mergedRecords.map { merged in
                .object([("inputs", strings(merged.inputs)), ("records", .int(merged.records))])
            })),
            ("uncheckedRecords", .int(overlaps.uncheckedRecords)),
        ])
    }

    private static func finding(_ finding: Finding) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [
            ("attribute", .string(finding.attribute)),
            ("title", .string(finding.title)),
            ("sensitivity", .string(finding.sensitivity.rawValue)),
            ("confidence", .number(finding.confidence)),
            ("count", .int(finding.count)),
            ("strength", .string(finding.strength.rawValue)),
        ]
        optional("firstSeen", finding.firstSeen, into: &members)
        optional("lastSeen", finding.lastSeen, into: &members)
        members.append(("rules", strings(finding.rules)))
        if let counts = finding.ruleCounts {
            members.append(("ruleCounts", .object(counts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })))
        }
        members.append(("sources", strings(finding.sources)))
        optional("value", finding.value, into: &members)
        if let parts = finding.valueParts { members.append(("valueParts", .array(parts.map(JSONReporter.valuePart)))) }
        members.append(("evidence", .array(finding.evidence.map { evidence in
            var item: [(String, OrderedJSON)] = [("path", .string(evidence.path)), ("locator", .string(evidence.locator))]
            optional("time", evidence.time, into: &item)
            item.append(("excerpt", .string(evidence.excerpt)))
            item.append(("rule", .string(evidence.rule)))
            if let latitude = evidence.latitude, let longitude = evidence.longitude,
               latitude.isFinite, longitude.isFinite {
                item.append(("latitude", .number(latitude)))
                item.append(("longitude", .number(longitude)))
            }
            return .object(item)
        })))
        if let months = finding.months {
            members.append(("months", .object(months.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })))
        }
        return .object(members)
    }

    private static func score(_ score: ScoreResult) -> OrderedJSON {
        var members: [(String, OrderedJSON)] = [("model", .string(score.model))]
        optional("title", score.title, into: &members)
        if let total = score.total { members.append(("total", .int(total))) }
        if let base = score.base { members.append(("base", .int(base))) }
        members.append(("tier", .string(score.tier)))
        optional("tierLabel", score.tierLabel, into: &members)
        members.append(("contributions", .array(score.contributions.map { contribution in
            var item: [(String, OrderedJSON)] = [
                ("rule", .string(contribution.rule)),
                ("attribute", .string(contribution.attribute)),
            ]
            if let delta = contribution.delta { item.append(("delta", .int(delta))) }
            item.append(("basis", .string(contribution.basis.rawValue)))
            item.append(("source", .string(contribution.source)))
            optional("reason", contribution.reason, into: &item)
            return .object(item)
        })))
        members.append(("benefits", strings(score.benefits)))
        members.append(("consequences", strings(score.consequences)))
        members.append(("notes", strings(score.notes)))
        return .object(members)
    }

    /// `{"key": "value.late_bills", "arguments": {"count": {"integer": 3}}}` — the shape
    /// `FindingValuePart` decodes (docs/report-contract.md, "Values").
    static func valuePart(_ part: FindingValuePart) -> OrderedJSON {
        .object([("key", .string(part.key)),
                 ("arguments", .object(part.arguments.sorted { $0.key < $1.key }.map { ($0.key, valueArgument($0.value)) }))])
    }

    private static func valueArgument(_ argument: FindingValueArgument) -> OrderedJSON {
        switch argument {
        case .integer(let value): return .object([("integer", .int(value))])
        case .decimal(let value, let digits): return .object([("decimal", value.isFinite ? .number(value) : .null), ("fractionDigits", .int(digits))])
        case .text(let value): return .object([("text", .string(value))])
        case .unit(let value): return .object([("unit", .string(value))])
        case .list(let parts): return .object([("list", .array(parts.map(valuePart)))])
        }
    }

    private static func strings(_ values: [String]) -> OrderedJSON { .array(values.map { .string($0) }) }

    private static func optional(_ key: String, _ value: String?, into members: inout [(String, OrderedJSON)]) {
        if let value { members.append((key, .string(value))) }
    }
}
