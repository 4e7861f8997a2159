import StewardCore

/// A self-contained HTML page for projecting and printing (workshops): no script, no external
/// resource (a Content-Security-Policy forbids loading anything), print-friendly styles, and
/// every text from the report escaped, since excerpts come from exports and may hold markup.
public struct HTMLReporter: Reporter {
    /// Evidence rows shown per finding.
    public var evidenceLimit: Int

    public init(evidenceLimit: Int = 10) {
        self.evidenceLimit = evidenceLimit
    }

    public func render(_ report: ScanReport) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>steward report \(escape(report.scan.id))</title>
            <style>\(HTMLReporter.style)</style>
            </head>
            <body>

            """
        html += "<header><h1>What a scorer could infer</h1>\n"
        html += "<p class=\"meta\">scan \(escape(report.scan.id)) · started \(escape(report.scan.started)) · "
            + "\(escape(report.tool.name)) \(escape(report.tool.version)) · rules \(escape(report.tool.rules))</p>\n"
        html += "<p class=\"meta\">paths: \(report.scan.paths.map(escape).joined(separator: ", "))</p></header>\n"
        html += scores(report)
        html += findings(report)
        html += inputs(report)
        html += "<footer>Made by steward on this machine; nothing was sent anywhere. "
            + "Numbers marked <em>illustrative</em> were made up to show the mechanism; see each contribution's source.</footer>\n"
        html += "</body>\n</html>\n"
        return html
    }

    private func scores(_ report: ScanReport) -> String {
        var html = "<section><h2>Scores</h2>\n"
        if report.scores.isEmpty { html += "<p>No scoring model was run.</p>\n" }
        for score in report.scores {
            let tier = score.tierLabel.map { "\(score.tier) (\($0))" } ?? score.tier
            html += "<article class=\"score\"><h3>\(escape(score.title ?? score.model)) <span class=\"id\">\(escape(score.model))</span></h3>\n"
            if let total = score.total {
                html += "<p class=\"tier\"><span class=\"total\">\(total)</span> tier <strong>\(escape(tier))</strong></p>\n"
                if let base = score.base { html += "<p class=\"meta\">\(escape(ScoreBreakdown.equation(for: score, base: base)))</p>\n" }
            } else {
                html += "<p class=\"tier\">verdict <strong>\(escape(tier))</strong></p>\n"
            }
            if !score.contributions.isEmpty {
                html += "<table><thead><tr><th>points</th><th>attribute</th><th>rule</th><th>basis</th><th>source</th></tr></thead><tbody>\n"
                for c in score.contributions {
                    let delta = c.delta.map { $0 > 0 ? "+\($0)" : "\($0)" } ?? "stop"
                    let kind = (c.delta ?? -1) >= 0 ? "up" : "down"
                    html += "<tr><td class=\"\(kind)\">\(delta)</td><td>\(escape(c.attribute))</td><td>\(escape(c.rule))</td>"
                        + "<td class=\"basis-\(escape(c.basis.rawValue))\">\(escape(c.basis.rawValue))</td>"
                        + "<td>\(escape(c.source))\(c.reason.map { "<br><small>\(escape($0))</small>" } ?? "")</td></tr>\n"
                }
                html += "</tbody></table>\n"
            }
            if !score.benefits.isEmpty {
                html += "<h4>What tier \(escape(score.tier)) brings</h4>\n"
                html += "<ul>" + score.benefits.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
            }
            if !score.consequences.isEmpty {
                html += "<h4>What tier \(escape(score.tier)) costs</h4>\n"
                html += "<ul>" + score.consequences.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
            }
            if score.benefits.isEmpty && score.consequences.isEmpty {
                html += "<h4>What tier \(escape(score.tier)) brings or costs</h4>\n<p>None named by the model's sources.</p>\n"
            }
            if !score.notes.isEmpty {
                html += "<ul class=\"notes\">" + score.notes.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
            }
            html += "<p class=\"levers\">\(escape(ScoreLevers.sentence(for: score)))</p>\n</article>\n"
        }
        return html + "</section>\n"
    }

    private func findings(_ report: ScanReport) -> String {
        var html = "<section><h2>Findings (\(report.findings.count))</h2>\n"
        if report.findings.isEmpty { html += "<p>Nothing a scoring system could use was found.</p>\n" }
        for finding in TerminalReporter.sortedFindings(report.findings) {
            html += "<article class=\"finding \(escape(finding.sensitivity.rawValue))\">"
            html += "<h3>\(escape(finding.title)) <span class=\"id\">\(escape(finding.attribute))</span></h3>\n"
            var facts = ["\(escape(finding.sensitivity.rawValue))",
                         "confidence \(TerminalReporter.decimal(finding.confidence))",
                         "\(finding.count) \(finding.count == 1 ? "record" : "records")"]
            if let value = finding.value { facts.append("value \(escape(value))") }
            if finding.strength == .possible { facts.append("<strong class=\"possible\">possible</strong>") }
            if let first = finding.firstSeen, let last = finding.lastSeen { facts.append("\(escape(first)) → \(escape(last))") }
            html += "<p class=\"facts\">\(facts.joined(separator: " · "))</p>\n"
            if finding.strength == .possible { html += "<p class=\"confirm\">\(escape(FindingStrength.confirmationHint))</p>\n" }
            html += "<p class=\"meta\">rules: \(finding.rules.map(escape).joined(separator: ", ")) · sources: \(finding.sources.map(escape).joined(separator: ", "))</p>\n"
            html += "<table class=\"evidence\"><thead><tr><th>time</th><th>record</th><th>where</th></tr></thead><tbody>\n"
            for evidence in finding.evidence.prefix(evidenceLimit) {
                html += "<tr><td>\(escape(evidence.time ?? "–"))</td><td>\(escape(evidence.excerpt))</td>"
                    + "<td><small>\(escape(evidence.path)) · \(escape(RecordPlace.plain(evidence.locator)))</small></td></tr>\n"
            }
            html += "</tbody></table>\n"
            let hidden = finding.count - min(finding.evidence.count, evidenceLimit)
            if hidden > 0 { html += "<p class=\"meta\">… \(hidden) more (steward explain \(escape(finding.attribute)))</p>\n" }
            html += "</article>\n"
        }
        return html + "</section>\n"
    }

    private func inputs(_ report: ScanReport) -> String {
        var html = "<section><h2>Inputs (\(report.inputs.count))</h2>\n<table><thead><tr><th>file</th><th>format</th><th>records</th><th>skipped</th></tr></thead><tbody>\n"
        for input in report.inputs {
            html += "<tr><td>\(escape(input.path))</td><td>\(escape(input.source))</td><td>\(input.events)</td><td>\(input.skipped)</td></tr>\n"
            for error in input.errors { html += "<tr class=\"error\"><td colspan=\"4\">\(escape(error))</td></tr>\n" }
            for warning in input.warnings { html += "<tr class=\"warning\"><td colspan=\"4\">warning: \(escape(warning))</td></tr>\n" }
        }
        html += "</tbody></table>\n"
        let merged = report.overlaps?.sentences(scanPaths: report.scan.paths) ?? []
        if !merged.isEmpty {
            html += "<ul class=\"merged\">" + merged.map { "<li>merged: \(escape($0))</li>" }.joined() + "</ul>\n"
        }
        if !report.unrecognized.isEmpty {
            let more = UnreadSummary.more(report.unrecognizedCount, listed: report.unrecognized.count, totals: report.unreadTotals)
            html += "<h3>Not read (\(report.unrecognizedCount))</h3>\n<ul>"
                + report.unrecognized.map { "<li>\(escape($0.path)): \(escape($0.reason))</li>" }.joined()
                + (more.map { "<li>\(escape($0))</li>" } ?? "") + "</ul>\n"
        }
        if !report.knownFiles.isEmpty {
            let more = UnreadSummary.more(report.knownFileCount, listed: report.knownFiles.count, totals: nil)
            html += "<h3>Known files not read (\(report.knownFileCount))</h3>\n<ul>"
                + report.knownFiles.map { "<li>\(escape($0.path)): \(escape($0.reason))</li>" }.joined()
                + (more.map { "<li>\(escape($0))</li>" } ?? "") + "</ul>\n"
        }
        return html + "</section>\n"
    }

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

    static let style = """
        body{font:16px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1a1a1a}
        h1{font-size:1.8rem;margin:0}h2{border-bottom:2px solid #333;margin-top:2rem}h3{margin:.2rem 0}
        .meta{color:#555;font-size:.85rem;margin:.2rem 0}.id{font:.8rem monospace;color:#666}
        table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
        th,td{border-bottom:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
        .score,.finding{border:1px solid #ccc;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;page-break-inside:avoid}
        .finding.special,.finding.criminal{border-left:6px solid #b00020}.finding.financial{border-left:6px solid #c77800}
        .finding.behavioral{border-left:6px solid #2a6bb0}.finding.location{border-left:6px solid #2a8a5a}
        .tier{font-size:1.3rem}.total{font-size:2rem;font-weight:bold;margin-right:.5rem}
        .up{color:#17692f;font-weight:bold}.down{color:#b00020;font-weight:bold}
        .basis-illustrative{font-style:italic;color:#7a5b00}.levers{background:#fff6d6;padding:.4rem .6rem}
        .error td{color:#b00020}footer{margin-top:3rem;color:#555;font-size:.85rem}
        .possible{color:#7a5b00}.confirm{color:#7a5b00;font-style:italic;margin:.2rem 0}
        @media print{body{margin:0;max-width:none;font-size:11pt}.score,.finding{border-color:#999}}
        """
}
