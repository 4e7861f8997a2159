import Localization
import StewardCore

/// Where to delete each source's data at the platform, for the sources a report's findings
/// come from (docs/requests.md). The texts are the catalogs' `sources.<importer id>.delete`.
/// A report shows each guide once, with the sources that share it (the bank statement
/// formats, Google's location formats) and the findings they feed, rather than repeating the
/// same text under every finding or every source.
public struct DeletionGuides {
    public struct Entry: Equatable {
        /// The importer ids sharing this guide, sorted, e.g. `["bank.csv", "bank.ofx"]`.
        public var sources: [String]
        /// Titles of the findings whose records came from these sources, in report order.
        public var findings: [String]
        /// How to delete or stop the data there; nil for a source steward has no guide for (a
        /// stored scan made by a version with another importer), which stands alone.
        public var guide: String?
    }

    /// One entry per guide among the sources of `findings`, ordered by their first source id.
    public static func entries(for findings: [Finding], localizer t: Localizer) -> [Entry] {
        let sorted = TerminalReporter.sortedFindings(findings)
        var entries: [Entry] = []
        for source in Set(findings.flatMap(\.sources)).sorted() {
            let guide = t.deletionGuide(source: source)
            if let guide, let index = entries.firstIndex(where: { $0.guide == guide }) {
                entries[index].sources.append(source)
            } else {
                entries.append(Entry(sources: [source], findings: [], guide: guide))
            }
        }
        for index in entries.indices {
            let sources = Set(entries[index].sources)
            entries[index].findings = sorted.filter { !sources.isDisjoint(with: $0.sources) }.map { t.title(of: $0) }
        }
        return entries
    }
}

extension Localizer {
    /// How to delete or stop a source's data at the platform, in this language (English when
    /// the catalog lacks it), or nil when no catalog has a guide for that source.
    public func deletionGuide(source: String) -> String? {
        let key = "sources.\(source).delete"
        return has(key) || Localizer.english.has(key) ? self(key) : nil
    }
}
