import Localization
import StewardCore

/// Where to delete each source's data at the platform, for the sources a report's findings
/// come from (docs/requests.md). The texts are the catalogs' `sources.<importer id>.delete`;
/// every report shows each source once, with the findings it feeds, rather than repeating
/// the same guide under every finding.
public struct DeletionGuides {
    public struct Entry: Equatable {
        /// The importer id, e.g. `google.my_activity`.
        public var source: String
        /// Titles of the findings whose records came from this source, in report order.
        public var findings: [String]
        /// How to delete or stop the data there; nil for a source steward has no guide for (a
        /// stored scan made by a version with another importer).
        public var guide: String?
    }

    /// One entry per source of `findings`, sorted by source id.
    public static func entries(for findings: [Finding], localizer t: Localizer) -> [Entry] {
        let sorted = TerminalReporter.sortedFindings(findings)
        return Set(findings.flatMap(\.sources)).sorted().map { source in
            Entry(source: source, findings: sorted.filter { $0.sources.contains(source) }.map { t.title(of: $0) },
                  guide: t.deletionGuide(source: source))
        }
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
