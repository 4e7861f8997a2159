import Localization
import StewardCore

/// Months × attributes: when each exposure began and how dense it is (docs/reports.md,
/// "Timeline"). One row per finding that counts by month, cells shaded by the month's share of
/// the row's busiest month, the first month outlined. At most `maximumMonths` columns: the
/// latest ones, with a note saying how many earlier months were left out.
enum TimelineSVG {
    static let maximumMonths = 60
    static let labelWidth = 210.0
    static let rowHeight = 20.0

    struct Row { var title: String; var sensitivity: Sensitivity; var months: [Int: Int] }

    static func monthIndex(_ key: String) -> Int? {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        return year * 12 + month - 1
    }

    /// The drawing and how many earlier months were cut, or nil when no finding counts by month.
    static func render(findings: [Finding], t: Localizer) -> (svg: String, monthsLeftOut: Int)? {
        var rows: [Row] = []
        for finding in findings {
            guard let months = finding.months, !months.isEmpty else { continue }
            var indexed: [Int: Int] = [:]
            for (key, n) in months { if let index = monthIndex(key), n > 0 { indexed[index, default: 0] += n } }
            if !indexed.isEmpty { rows.append(Row(title: t.title(of: finding), sensitivity: finding.sensitivity, months: indexed)) }
        }
        guard !rows.isEmpty else { return nil }
        rows.sort { ($0.months.keys.min()!, $0.title) < ($1.months.keys.min()!, $1.title) }
        let allMonths = rows.flatMap { $0.months.keys }
        let last = allMonths.max()!
        let first = max(allMonths.min()!, last - maximumMonths + 1)
        let leftOut = Set(allMonths.filter { $0 < first }).count
        let columns = last - first + 1
        // A fixed drawing width, so labels keep their size however many months there are.
        let width = 760.0
        let cell = min(44.0, (width - labelWidth - 16) / Double(columns))
        let height = 24 + Double(rows.count) * rowHeight + 6
        var svg = "<svg class=\"timeline\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" role=\"img\" aria-label=\"\(SVG.text(t("html.timeline.aria")))\">"
        for column in 0..<columns {
            let month = first + column
            guard month % 12 == 0 || column == 0 else { continue }
            let x = labelWidth + 8 + Double(column) * cell
            svg += "<text x=\"\(SVG.n(x))\" y=\"14\" class=\"year\">\(month / 12)</text>"
            svg += "<line x1=\"\(SVG.n(x))\" y1=\"18\" x2=\"\(SVG.n(x))\" y2=\"\(SVG.n(height))\" class=\"year-line\"/>"
        }
        for (index, row) in rows.enumerated() {
            let y = 24 + Double(index) * rowHeight
            svg += "<text x=\"\(SVG.n(labelWidth))\" y=\"\(SVG.n(y + 14))\" text-anchor=\"end\" class=\"label\">\(SVG.text(SVG.clipped(row.title, 30)))</text>"
            let busiest = Double(row.months.values.max() ?? 1)
            let firstMonth = row.months.keys.min()!
            for (month, n) in row.months.sorted(by: { $0.key < $1.key }) where month >= first {
                let x = labelWidth + 8 + Double(month - first) * cell
                let opacity = 0.25 + 0.75 * Double(n) / busiest
                let key = String(month / 12) + "-" + (month % 12 < 9 ? "0" : "") + String(month % 12 + 1)
                svg += "<rect x=\"\(SVG.n(x + 0.5))\" y=\"\(SVG.n(y + 2))\" width=\"\(SVG.n(cell - 1))\" height=\"\(SVG.n(rowHeight - 4))\""
                    + " class=\"cell \(row.sensitivity.rawValue)\(month == firstMonth ? " first" : "")\" fill-opacity=\"\(SVG.n(opacity * 10) == "10" ? "1" : String(format: "%.2f", opacity))\">"
                    + "<title>\(SVG.text(row.title)) · \(SVG.text(key)): \(SVG.text(t.plural("count.records", n)))</title></rect>"
            }
        }
        return (svg + "</svg>", leftOut)
    }
}
