import Foundation
import Localization
import StewardCore

/// The report as a dossier a person reads at a glance and a facilitator projects and prints
/// (docs/reports.md): a summary band of every model's ladder, each points model's waterfall,
/// what removing data would change, a timeline, a map of places over shipped country
/// outlines, the findings with their evidence, and what was read. One self-contained file:
/// inline CSS and SVG, one inline script allowed by its hash, a Content-Security-Policy that
/// forbids loading anything; every text from an export escaped, control and direction
/// characters dropped.
public struct HTMLReporter: Reporter {
    /// Evidence rows shown per finding.
    public var evidenceLimit: Int
    public var localizer: Localizer
    public var context: DossierContext

    public init(evidenceLimit: Int = 10, localizer: Localizer = .english, context: DossierContext = DossierContext()) {
        self.evidenceLimit = evidenceLimit
        self.localizer = localizer
        self.context = context
    }

    public func render(_ report: ScanReport) -> String {
        let t = localizer
        var html = HTMLStyle.pageStart(language: t.language.rawValue, escapedTitle: escape(t("html.title", ["scan": report.scan.id])))
        html += header(report)
        html += summary(report)
        html += change(report)
        html += scores(report)
        html += timeline(report)
        html += map(report)
        html += findings(report)
        html += deletion(report)
        html += inventory(report)
        html += inputs(report)
        html += "<footer><p>\(escape(t("html.footer.local")))</p><p>\(escape(t("html.footer.illustrative")))</p></footer>\n"
        html += "<script>\(HTMLStyle.script)</script>\n</body>\n</html>\n"
        return html
    }

    // MARK: sections

    private func header(_ report: ScanReport) -> String {
        let t = localizer
        var html = "<header><div class=\"controls\" role=\"toolbar\">"
            + "<button type=\"button\" id=\"projector\">\(escape(t("html.control.projector")))</button>"
            + "<button type=\"button\" id=\"print\">\(escape(t("html.control.print")))</button></div>\n"
        html += "<h1>\(escape(t("html.heading")))</h1>\n"
        html += "<p class=\"meta\">\(escape(t("report.started", ["started": t.date(report.scan.started), "tool": report.tool.name, "version": report.tool.version, "rules": report.tool.rules]))) · scan \(escape(report.scan.id))</p>\n"
        let records = report.inputs.reduce(0) { $0 + $1.events }
        html += "<p class=\"lead\">\(escape(t("html.lead", ["findings": t.plural("count.findings", report.findings.count), "files": t.plural("count.files", report.inputs.count), "records": t.plural("count.records", records)])))</p>\n"
        html += "<nav><a href=\"#summary\">\(escape(t("html.nav.summary")))</a> · <a href=\"#change\">\(escape(t("html.nav.change")))</a> · "
            + "<a href=\"#scores\">\(escape(t("html.nav.scores")))</a> · <a href=\"#timeline\">\(escape(t("html.nav.timeline")))</a> · "
            + "<a href=\"#map\">\(escape(t("html.nav.map")))</a> · <a href=\"#findings\">\(escape(t("html.nav.findings")))</a> · "
            + "<a href=\"#delete\">\(escape(t("html.nav.delete")))</a> · <a href=\"#inventory\">\(escape(t("html.nav.inventory")))</a></nav></header>\n"
        return html
    }

    /// One card per model: name, where the person stands, the ladder, and what that tier costs.
    private func summary(_ report: ScanReport) -> String {
        let t = localizer
        var html = "<section id=\"summary\" class=\"band\"><h2>\(escape(t("html.summary.heading")))</h2>\n"
        if report.scores.isEmpty { html += "<p>\(escape(t("report.summary.no_model")))</p>\n" }
        html += "<div class=\"cards\">\n"
        for score in report.scores {
            html += "<article class=\"card\"><h3>\(escape(t.title(of: score) ?? score.model)) <span class=\"id\">\(escape(score.model))</span></h3>\n"
            if let total = score.total {
                html += "<p class=\"standing\"><span class=\"total\">\(escape(t.number(total)))</span> \(escape(t("html.summary.tier", ["tier": t.tierWithLabel(score)])))</p>\n"
            } else {
                html += "<p class=\"standing\">\(escape(t("report.scores.verdict", ["tier": t.tierWithLabel(score)])))</p>\n"
            }
            if let ladder = context.ladders[score.model] { html += LadderSVG.render(score: score, ladder: ladder, t: t) + "\n" }
            let costs = t.consequences(of: score)
            if !costs.isEmpty {
                html += "<p class=\"costs-heading\">\(escape(t("html.summary.costs", ["tier": score.tier])))</p><ul class=\"costs\">"
                    + costs.prefix(3).map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
            }
            html += "</article>\n"
        }
        return html + "</div></section>\n"
    }

    /// The ways to a better tier, across models, the largest effect first.
    private func change(_ report: ScanReport) -> String {
        let t = localizer
        var html = "<section id=\"change\"><h2>\(escape(t("html.change.heading")))</h2>\n"
        var rows: [(model: ScoreResult, way: WayOut)] = []
        for score in report.scores {
            var seen = Set<WayOut>()
            for way in context.waysOut[score.model] ?? [] where seen.insert(way).inserted { rows.append((score, way)) }
        }
        rows.sort { a, b in
            if a.way.tiersGained != b.way.tiersGained { return a.way.tiersGained > b.way.tiersGained }
            if a.way.attributes.count != b.way.attributes.count { return a.way.attributes.count < b.way.attributes.count }
            return (a.model.model, a.way.tier) < (b.model.model, b.way.tier)
        }
        if rows.isEmpty {
            html += "<p>\(escape(t(context.waysOut.isEmpty ? "html.change.unknown" : "html.change.none")))</p>\n"
            for score in report.scores { html += "<p class=\"levers\">\(escape(ScoreLevers.sentence(for: score, localizer: t)))</p>\n" }
            return html + "</section>\n"
        }
        html += "<p>\(escape(t("html.change.intro")))</p>\n"
        html += "<div class=\"keep\"><table class=\"ways\"><thead><tr><th>\(escape(t("html.change.remove")))</th><th>\(escape(t("html.change.model")))</th><th>\(escape(t("html.change.now")))</th><th>\(escape(t("html.change.after")))</th></tr></thead><tbody>\n"
        for (score, way) in rows {
            let titles = way.attributes.map { t.attributeTitle($0) }
            let now = (score.total.map { t.number($0) + " · " } ?? "") + t.tierWithLabel(score)
            let after = (way.total.map { t.number($0) + " · " } ?? "") + way.tier
            html += "<tr><td>\(escape(t.list(titles))) <small>(\(escape(t.plural("count.records", way.records))))</small></td>"
                + "<td>\(escape(t.title(of: score) ?? score.model))</td><td>\(escape(now))</td><td class=\"better\">\(escape(after))</td></tr>\n"
        }
        return html + "</tbody></table></div>\n<p class=\"meta\">\(escape(t("html.change.how")))</p></section>\n"
    }

    private func scores(_ report: ScanReport) -> String {
        let t = localizer
        var html = "<section id=\"scores\"><h2>\(escape(t("html.scores.heading")))</h2>\n"
        for score in report.scores {
            html += "<article class=\"score\"><h3>\(escape(t.heading(of: score)))</h3>\n"
            if let total = score.total {
                html += "<p class=\"standing\"><span class=\"total\">\(escape(t.number(total)))</span> \(escape(t("html.summary.tier", ["tier": t.tierWithLabel(score)])))</p>\n"
                if let base = score.base { html += "<p class=\"meta\">\(escape(ScoreBreakdown.equation(for: score, base: base, localizer: t)))</p>\n" }
                html += WaterfallSVG.render(score: score, t: t) + "\n"
            } else {
                html += "<p class=\"standing\">\(escape(t("report.scores.verdict", ["tier": t.tierWithLabel(score)])))</p>\n"
            }
            if !score.contributions.isEmpty {
                html += "<div class=\"keep\"><table class=\"contributions\"><thead><tr><th>\(escape(t("html.scores.points")))</th><th>\(escape(t("html.scores.attribute")))</th><th>\(escape(t("html.scores.basis")))</th><th>\(escape(t("html.scores.source")))</th></tr></thead><tbody>\n"
                for c in score.contributions {
                    let delta = c.delta.map { ($0 > 0 ? "+" : "") + t.number($0) } ?? t("report.scores.stop")
                    let kind = (c.delta ?? -1) >= 0 ? "up" : "down"
                    html += "<tr><td class=\"\(kind)\">\(escape(delta))</td><td>\(escape(t.attributeTitle(c.attribute))) <span class=\"id\">\(escape(c.rule))</span></td>"
                        + "<td class=\"basis-\(escape(c.basis.rawValue))\">\(escape(t("basis.\(c.basis.rawValue)")))</td>"
                        + "<td>\(escape(t.source(of: c, in: score)))\(t.reason(of: c, in: score).map { "<br><small>\(escape($0))</small>" } ?? "")</td></tr>\n"
                }
                html += "</tbody></table></div>\n"
            }
            html += ladderTable(score)
            let notes = t.notes(of: score)
            if !notes.isEmpty { html += "<ul class=\"notes\">" + notes.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n" }
            html += "</article>\n"
        }
        return html + "</section>\n"
    }

    /// Every tier of the model with what it brings and costs; the person's tier marked.
    private func ladderTable(_ score: ScoreResult) -> String {
        let t = localizer
        guard let ladder = context.ladders[score.model], !ladder.tiers.isEmpty else {
            let benefits = t.benefits(of: score), costs = t.consequences(of: score)
            var html = ""
            if !benefits.isEmpty { html += "<h4>\(escape(t("report.scores.tier_brings", ["tier": score.tier])))</h4><ul>" + benefits.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n" }
            if !costs.isEmpty { html += "<h4>\(escape(t("report.scores.tier_costs", ["tier": score.tier])))</h4><ul>" + costs.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n" }
            return html
        }
        var html = "<div class=\"keep\"><table class=\"tiers\"><thead><tr><th>\(escape(t("html.tiers.tier")))</th><th>\(escape(t("html.tiers.from")))</th><th>\(escape(t("html.tiers.brings_costs")))</th></tr></thead><tbody>\n"
        for tier in ladder.tiers {
            let current = tier.name == score.tier
            let label = (t.tier(score.model, tier.name) ?? tier.label).map { " (\($0))" } ?? ""
            html += "<tr\(current ? " class=\"current\"" : "")><td>\(current ? "▶ " : "")\(escape(tier.name + label))</td>"
                + "<td>\(tier.minimum.map { escape(t.number($0)) } ?? "–")</td>"
                + "<td><ul class=\"effects\">"
                + tier.benefits.map { "<li class=\"benefit\">\(escape(t.modelText(score.model, $0)))</li>" }.joined()
                + tier.consequences.map { "<li class=\"cost\">\(escape(t.modelText(score.model, $0)))</li>" }.joined()
                + "</ul></td></tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    private func timeline(_ report: ScanReport) -> String {
        let t = localizer
        var html = "<section id=\"timeline\"><h2>\(escape(t("html.timeline.heading")))</h2>\n"
        guard let drawn = TimelineSVG.render(findings: report.findings, t: t) else {
            return html + "<p>\(escape(t("html.timeline.none")))</p></section>\n"
        }
        html += "<p>\(escape(t("html.timeline.intro")))</p>\n" + drawn.svg + "\n"
        if drawn.monthsLeftOut > 0 { html += "<p class=\"meta\">\(escape(t.plural("html.timeline.left_out", drawn.monthsLeftOut)))</p>\n" }
        let undated = report.findings.filter { $0.months == nil }.map { t.title(of: $0) }
        if !undated.isEmpty { html += "<p class=\"meta\">\(escape(t("html.timeline.not_monthly", ["findings": t.list(undated)])))</p>\n" }
        return html + "</section>\n"
    }

    private func map(_ report: ScanReport) -> String {
        let t = localizer
        var html = "<section id=\"map\"><h2>\(escape(t("html.map.heading")))</h2>\n"
        guard let svg = PlacesMapSVG.render(findings: report.findings, outlines: context.outlines, t: t) else {
            return html + "<p>\(escape(t("html.map.none")))</p></section>\n"
        }
        html += "<p>\(escape(t("html.map.intro")))</p>\n"
        if let centre = PlacesMapSVG.closeUpCentre(findings: report.findings),
           let closeUp = PlacesMapSVG.render(findings: report.findings, outlines: context.outlines, t: t, around: centre) {
            html += "<div class=\"maps\"><figure>\(svg)<figcaption>\(escape(t("html.map.overview")))</figcaption></figure>"
                + "<figure>\(closeUp)<figcaption>\(escape(t("html.map.close_up")))</figcaption></figure></div>\n"
        } else {
            html += svg + "\n"
        }
        html += "<ul class=\"legend\">"
        for category in PlacesMapSVG.Category.allCases {
            html += "<li><span class=\"dot \(category.rawValue)\"></span>\(escape(t("html.map.category.\(category.rawValue)")))</li>"
        }
        return html + "</ul>\n<p class=\"meta\">\(escape(t("html.map.precision")))</p></section>\n"
    }

    private func findings(_ report: ScanReport) -> String {
        let t = localizer
        var html = "<section id=\"findings\"><h2>\(escape(t("html.findings.heading", ["count": t.number(report.findings.count)])))</h2>\n"
        if report.findings.isEmpty { return html + "<p>\(escape(t("report.findings.none")))</p></section>\n" }
        let sourceOf = Dictionary(report.inputs.map { ($0.path, $0.source) }, uniquingKeysWith: { a, _ in a })
        let sources = Set(report.findings.flatMap(\.sources)).sorted()
        html += "<p class=\"filter\"><label for=\"source-filter\">\(escape(t("html.findings.filter")))</label> <select id=\"source-filter\"><option value=\"\">\(escape(t("html.findings.all_sources")))</option>"
            + sources.map { "<option value=\"\(escape($0))\">\(escape($0))</option>" }.joined() + "</select></p>\n"
        let sorted = TerminalReporter.sortedFindings(report.findings)
        let established = sorted.filter { $0.strength == .established }
        let possible = sorted.filter { $0.strength == .possible }
        for sensitivity in Sensitivity.allCases {
            let group = established.filter { $0.sensitivity == sensitivity }
            guard !group.isEmpty else { continue }
            html += "<h3 class=\"group \(sensitivity.rawValue)\">\(escape(t("html.findings.group", ["sensitivity": t("sensitivity.\(sensitivity.rawValue)")])))</h3>\n"
            for finding in group { html += card(finding, sourceOf: sourceOf) }
        }
        if !possible.isEmpty {
            html += "<h3 class=\"group possible\">\(escape(t("html.findings.possible")))</h3>\n<p>\(escape(t("report.finding.possible_hint")))</p>\n"
            for finding in possible { html += card(finding, sourceOf: sourceOf) }
        }
        return html + "</section>\n"
    }

    private func card(_ finding: Finding, sourceOf: [String: String]) -> String {
        let t = localizer
        var html = "<article class=\"finding \(escape(finding.sensitivity.rawValue))\" data-sources=\"\(escape(finding.sources.joined(separator: " ")))\">"
        html += "<h4>\(escape(t.title(of: finding))) <span class=\"id\">\(escape(finding.attribute))</span></h4>\n"
        if let explanation = t.attributeExplanation(finding.attribute) { html += "<p class=\"explanation\">\(escape(explanation))</p>\n" }
        var facts = [t("html.confidence.\(HTMLReporter.confidenceWord(finding.confidence))", ["confidence": t.number(finding.confidence, fractionDigits: 2)]),
                     t.plural("count.records", finding.count)]
        if let value = t.value(of: finding) { facts.append(value) }
        if let first = finding.firstSeen, let last = finding.lastSeen { facts.append(t("report.finding.seen", ["first": t.date(first), "last": t.date(last)])) }
        facts.append(t("report.finding.sources", ["sources": finding.sources.joined(separator: ", ")]))
        html += "<p class=\"facts\">\(facts.map(escape).joined(separator: " · "))</p>\n"
        let links = finding.sources.map { "<a href=\"#delete-\(escape($0))\">\(escape($0))</a>" }
        // The links go in after escaping, where the catalog text puts its placeholder.
        if !links.isEmpty {
            let line = escape(t("deletion.see", ["sources": "STEWARDSOURCES"]))
                .replacingOccurrences(of: "STEWARDSOURCES", with: links.joined(separator: escape(t("list.separator"))))
            html += "<p class=\"delete-links\">\(line)</p>\n"
        }
        let shown = finding.evidence.prefix(evidenceLimit)
        html += "<details><summary>\(escape(t("html.evidence.summary", ["shown": t.number(shown.count), "records": t.plural("count.records", finding.count)])))</summary>\n"
        html += "<div class=\"keep\"><table class=\"evidence\"><thead><tr><th>\(escape(t("html.evidence.time")))</th><th>\(escape(t("html.evidence.record")))</th><th>\(escape(t("html.evidence.where")))</th></tr></thead><tbody>\n"
        for evidence in shown {
            let source = sourceOf[evidence.path] ?? ""
            html += "<tr data-source=\"\(escape(source))\"><td>\(escape(evidence.time.map { t.date($0) } ?? "–"))</td><td>\(escape(evidence.excerpt))</td>"
                + "<td><small>\(escape(evidence.path)) · \(escape(RecordPlace.plain(evidence.locator)))</small></td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        let hidden = finding.count - shown.count
        if hidden > 0 { html += "<p class=\"meta\">\(escape(t("html.evidence.more", ["count": t.number(hidden), "attribute": finding.attribute])))</p>\n" }
        return html + "</details></article>\n"
    }

    /// Per source the findings came from: the findings it feeds and where to delete it at the
    /// platform; each finding card links here.
    private func deletion(_ report: ScanReport) -> String {
        let t = localizer
        var html = "<section id=\"delete\"><h2>\(escape(t("html.deletion.heading")))</h2>\n"
        let entries = DeletionGuides.entries(for: report.findings, localizer: t)
        if entries.isEmpty { return html + "<p>\(escape(t("report.findings.none")))</p></section>\n" }
        html += "<p>\(escape(t("deletion.intro")))</p>\n"
        for entry in entries {
            // One article per guide; each source sharing it keeps its own anchor for the cards' links.
            let anchors = entry.sources.map { "<span id=\"delete-\(escape($0))\"></span>" }.joined()
            html += "<article class=\"deletion\">\(anchors)<h3>\(escape(entry.sources.joined(separator: " · ")))</h3>\n"
                + "<p class=\"meta\">\(escape(t("html.deletion.feeds", ["findings": t.list(entry.findings)])))</p>\n"
                + "<p>\(escape(entry.guide ?? t("deletion.none")))</p></article>\n"
        }
        return html + "</section>\n"
    }

    /// Per source: files, records, skipped records, and the findings it feeds.
    private func inventory(_ report: ScanReport) -> String {
        let t = localizer
        var html = "<section id=\"inventory\"><h2>\(escape(t("html.inventory.heading")))</h2>\n"
        html += "<div class=\"keep\"><table class=\"inventory\"><thead><tr><th>\(escape(t("html.inventory.source")))</th><th>\(escape(t("html.inventory.files")))</th><th>\(escape(t("html.inventory.records")))</th><th>\(escape(t("html.inventory.skipped")))</th><th>\(escape(t("html.inventory.span")))</th><th>\(escape(t("html.inventory.feeds")))</th></tr></thead><tbody>\n"
        for entry in SourceInventory.of(report) {
            let fed = report.findings.filter { $0.sources.contains(entry.source) }.map { t.title(of: $0) }
            let span = entry.first.flatMap { first in entry.last.map { t("report.finding.seen", ["first": t.date(first), "last": t.date($0)]) } } ?? "–"
            html += "<tr><td>\(escape(entry.source))</td><td>\(escape(t.number(entry.files)))</td><td>\(escape(t.number(entry.records)))</td>"
                + "<td>\(escape(t.number(entry.skipped)))</td><td>\(escape(span))</td><td>\(escape(fed.isEmpty ? "–" : t.list(fed)))</td></tr>\n"
        }
        html += "</tbody></table></div>"
        if let contacts = report.contacts { html += "\n<p class=\"note\">\(escape(t.plural("report.summary.contacts", contacts.count)))</p>\n" }
        return html + "</section>\n"
    }

    private func inputs(_ report: ScanReport) -> String {
        let t = localizer
        var html = "<section id=\"inputs\"><h2>\(escape(t("html.inputs.heading", ["count": t.number(report.inputs.count)])))</h2>\n"
        html += "<div><table class=\"inputs\"><thead><tr><th>\(escape(t("html.inputs.file")))</th><th>\(escape(t("html.inventory.source")))</th><th>\(escape(t("html.inventory.records")))</th><th>\(escape(t("html.inventory.skipped")))</th></tr></thead><tbody>\n"
        for input in report.inputs {
            html += "<tr><td>\(escape(input.path))</td><td>\(escape(input.source))</td><td>\(escape(t.number(input.events)))</td><td>\(escape(t.number(input.skipped)))</td></tr>\n"
            for error in input.errors { html += "<tr class=\"error\"><td colspan=\"4\">\(escape(t("report.inputs.error", ["message": RecordPlace.message(error, localizer: t)])))</td></tr>\n" }
            for warning in input.warnings { html += "<tr class=\"warning\"><td colspan=\"4\">\(escape(t("report.inputs.warning", ["message": RecordPlace.message(warning, localizer: t)])))</td></tr>\n" }
        }
        html += "</tbody></table></div>\n"
        let merged = OverlapSentences.sentences(report.overlaps, scanPaths: report.scan.paths, localizer: t)
        if !merged.isEmpty {
            html += "<ul class=\"merged\">" + merged.map { "<li>\(escape(t("report.merged", ["sentence": $0])))</li>" }.joined() + "</ul>\n"
        }
        let coverage = CoverageSentences.sentences(report, localizer: t)
        if !coverage.isEmpty {
            html += "<h3>\(escape(t("html.coverage.heading")))</h3>\n<ul class=\"coverage\">"
                + coverage.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
        }
        if !report.unrecognized.isEmpty {
            let more = UnreadSummary.more(report.unrecognizedCount, listed: report.unrecognized.count, totals: report.unreadTotals)
            html += "<h3>\(escape(t("html.inputs.not_read", ["count": t.number(report.unrecognizedCount)])))</h3>\n<ul>"
                + report.unrecognized.map { "<li>\(escape($0.path)): \(escape(RecordPlace.message($0.reason, localizer: t)))</li>" }.joined()
                + (more.map { "<li>\(escape($0))</li>" } ?? "") + "</ul>\n"
        }
        if !report.knownFiles.isEmpty {
            let more = UnreadSummary.more(report.knownFileCount, listed: report.knownFiles.count, totals: nil)
            html += "<h3>\(escape(t("html.inputs.known", ["count": t.number(report.knownFileCount)])))</h3>\n<ul>"
                + report.knownFiles.map { "<li>\(escape($0.path)): \(escape(t.knownFileReason($0.reason)))</li>" }.joined()
                + (more.map { "<li>\(escape($0))</li>" } ?? "") + "</ul>\n"
        }
        return html + "</section>\n"
    }

    // MARK: helpers

    /// Confidence in words: the catalog key suffix for a 0–1 confidence.
    static func confidenceWord(_ confidence: Double) -> String {
        switch confidence {
        case 0.9...: return "very_likely"
        case 0.75..<0.9: return "likely"
        case 0.5..<0.75: return "plausible"
        default: return "uncertain"
        }
    }

    /// `sha256-…` of the inline script, for the Content-Security-Policy.
    static let scriptHash: String = {
        var hasher = SHA256()
        hasher.update(Array(HTMLStyle.script.utf8))
        let hex = hasher.finalizeHex()
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return "sha256-" + Data(bytes).base64EncodedString()
    }()

    /// Escapes for HTML text and attribute values, and drops control and invisible format
    /// characters (they could make an excerpt read differently from what it holds).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out += " "
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || TerminalText.isInvisibleFormat(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func escape(_ text: String) -> String { HTMLReporter.escape(text) }
}
