import Localization
import StewardCore

/// `OverlapSummary.sentences` in the localizer's language: the same grouping, with each
/// sentence from the catalog (docs/duplicates.md, docs/i18n.md). English gives exactly the
/// summary's own sentences.
enum OverlapSentences {
    static func sentences(_ summary: OverlapSummary?, scanPaths: [String], localizer t: Localizer) -> [String] {
        guard let summary else { return [] }
        guard t.language != .en else { return summary.sentences(scanPaths: scanPaths) }
        func root(_ path: String) -> String {
            scanPaths.filter { path == $0 || path.hasPrefix($0 + "/") || path.hasPrefix($0 + "!") }
                .max { $0.count < $1.count } ?? path
        }
        var lines: [String] = []
        var groups: [String: (copy: String, original: String, files: Int)] = [:]
        for file in summary.identicalFiles {
            let copy = root(file.path), original = root(file.copyOf)
            groups[copy + "\u{0}" + original, default: (copy, original, 0)].files += 1
        }
        for group in groups.values.sorted(by: { ($0.copy, $0.original) < ($1.copy, $1.original) }) {
            if group.copy == group.original {
                lines.append(t.plural("report.overlap.copy_same", group.files, ["folder": group.copy]))
            } else {
                lines.append(t.plural("report.overlap.copy_other", group.files, ["folder": group.copy, "original": group.original]))
            }
        }
        var byGroup: [[String]: Int] = [:]
        for merged in summary.mergedRecords {
            let roots = Array(Set(merged.inputs.map(root))).sorted()
            byGroup[roots.count > 1 ? roots : merged.inputs, default: 0] += merged.records
        }
        for (names, records) in byGroup.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            lines.append(t.plural("report.overlap.merged", records,
                                  ["names": names.joined(separator: t("report.overlap.names_separator"))]))
        }
        if summary.uncheckedRecords > 0 {
            lines.append(t("report.overlap.unchecked", ["count": t.number(summary.uncheckedRecords)]))
        }
        return lines
    }
}
