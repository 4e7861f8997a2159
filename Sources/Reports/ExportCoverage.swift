import StewardCore
import Localization

/// Which usual parts of each recognized export a scan read, and which were not among the files
/// (docs/reports.md, "What your exports held"): a person who ticked only "My Activity" in
/// Takeout learns that steward never saw their location history, and that ticking it next time
/// would show what it reveals. Worked out from the report's inputs (each file read and the
/// importer that read it), so a stored scan shows it too.
///
/// A part is named by what the platform's download page calls it, so the person can find the
/// box to tick. Only parts steward reads are listed: a missing part is one whose absence
/// hides something from the scan.
public struct ExportCoverage: Sendable, Equatable, Codable {
    /// The export's id (`google.takeout`, `meta.facebook`, …): names and hints in the catalogs
    /// under `coverage.<id>.*`.
    public var export: String
    /// Part ids read, in the table's order.
    public var read: [String]
    /// Part ids not among the files read, in the table's order.
    public var missing: [String]

    public init(export: String, read: [String], missing: [String]) {
        self.export = export
        self.read = read
        self.missing = missing
    }

    /// One usual part of an export and how to tell its files.
    struct Part: Sendable {
        let id: String
        /// Importer ids whose files are this part (any, when empty).
        let sources: Set<String>
        /// Lower-cased fragments of the path (any one suffices; none given: the source alone).
        let pathFragments: [String]
        /// Fragments that rule a file out of this part.
        let notPath: [String]

        init(_ id: String, sources: Set<String> = [], path pathFragments: [String] = [], notPath: [String] = []) {
            self.id = id
            self.sources = sources
            self.pathFragments = pathFragments
            self.notPath = notPath
        }

        func holds(path: String, source: String) -> Bool {
            guard sources.isEmpty || sources.contains(source), !notPath.contains(where: { path.contains($0) }) else { return false }
            return pathFragments.isEmpty || pathFragments.contains { path.contains($0) }
        }
    }

    /// An export, the inputs that belong to it, and its parts.
    struct Export: Sendable {
        let id: String
        /// Importers whose files always belong to this export.
        let sources: Set<String>
        /// Importers whose files belong to it only under one of `pathFragments` (a calendar is
        /// Takeout's only inside a Takeout).
        var sourcesUnderPath: Set<String> = []
        var pathFragments: [String] = []
        let parts: [Part]

        func claims(path: String, source: String) -> Bool {
            sources.contains(source) || (sourcesUnderPath.contains(source) && pathFragments.contains { path.contains($0) })
        }
    }

    /// The exports whose parts a person chooses, or that come with a usual set of files. Path
    /// fragments are matched against lower-cased paths; Takeout's product folders are matched by
    /// the importer that read them, since Google localizes folder names.
    static let exports: [Export] = [
        Export(id: "google.takeout",
               sources: ["google.location_records", "google.semantic_location", "google.my_activity", "google.my_activity_html",
                         "google.chrome_history", "google.youtube_subscriptions", "google.youtube_comments", "google.pay", "google.play", "google.fit",
                         "google.photos_sidecar"],
               sourcesUnderPath: ["calendar.ics", "contacts.vcf", "mail.mbox", "photo.exif", "video.metadata"],
               pathFragments: ["takeout/", "takeout!", "takeout-"],
               parts: [
                Part("location_history", sources: ["google.location_records", "google.semantic_location"]),
                // YouTube's history is read by the My Activity importers too; its folder name keeps
                // "YouTube" in every language Takeout writes.
                Part("my_activity", sources: ["google.my_activity", "google.my_activity_html"], notPath: ["youtube"]),
                Part("youtube", sources: ["google.my_activity", "google.my_activity_html", "google.youtube_subscriptions", "google.youtube_comments"], path: ["youtube"]),
                Part("chrome", sources: ["google.chrome_history"]),
                Part("google_pay", sources: ["google.pay"]),
                Part("google_play", sources: ["google.play"]),
                Part("fit", sources: ["google.fit"]),
                Part("photos", sources: ["google.photos_sidecar", "photo.exif", "video.metadata"]),
                Part("calendar", sources: ["calendar.ics"]),
                Part("contacts", sources: ["contacts.vcf"]),
                Part("mail", sources: ["mail.mbox"]),
               ]),
        Export(id: "meta.facebook", sources: ["meta.facebook"],
               parts: [
                Part("messages", path: ["/messages/", "!messages/"]),
                Part("posts", path: ["your_posts", "/posts/"]),
                Part("comments_reactions", path: ["comments", "reactions"]),
                Part("friends", path: ["friends", "followers", "following"]),
                Part("groups", path: ["group"]),
                Part("pages", path: ["pages"]),
                Part("events", path: ["event"]),
                Part("search", path: ["search"]),
                Part("ads", path: ["ads_information", "ads_and_businesses", "ads_interests", "other_categories_used_to_reach_you", "advertisers_"]),
                Part("off_meta", path: ["off-facebook", "off_facebook", "off-meta", "off_meta", "apps_and_websites_off_of"]),
               ]),
        Export(id: "meta.instagram", sources: ["meta.instagram"],
               parts: [
                Part("messages", path: ["/messages/", "!messages/"]),
                Part("content", path: ["/content/", "/media/", "posts_"]),
                Part("likes", path: ["likes"]),
                Part("comments", path: ["comments"]),
                Part("followers", path: ["followers", "following"]),
                Part("search", path: ["search"]),
                Part("ads", path: ["ads_information", "ads_and_businesses", "ads_interests", "your_topics", "advertisers_"]),
               ]),
        Export(id: "twitter.archive", sources: ["twitter.archive"],
               parts: [
                Part("posts", path: ["/tweets.js", "/tweet.js", "/tweets-part", "/tweet-part", "note-tweet", "community-tweet"]),
                Part("likes", path: ["/like.js", "/like-part"]),
                Part("messages", path: ["direct-messages"]),
                Part("follows", path: ["/following.js", "/follower.js"]),
                Part("interests", path: ["/personalization.js"]),
                Part("ads", path: ["ad-impressions", "ad-engagements"]),
               ]),
        Export(id: "linkedin.archive", sources: ["linkedin.csv"],
               parts: [
                Part("positions", path: ["positions.csv"]),
                Part("connections", path: ["connections.csv"]),
                Part("messages", path: ["messages.csv"]),
                Part("inferences", path: ["inferences_about_you.csv"]),
                Part("ad_targeting", path: ["ad_targeting.csv"]),
                Part("job_applications", path: ["job applications", "job_applications"]),
               ]),
        // Netflix's download has no boxes to tick: a part missing here is a file of the zip that
        // was not among those scanned.
        Export(id: "netflix.download", sources: ["netflix.viewing", "netflix.search", "netflix.ratings"],
               parts: [
                Part("viewing", sources: ["netflix.viewing"]),
                Part("search", sources: ["netflix.search"]),
                Part("ratings", sources: ["netflix.ratings"]),
               ]),
        Export(id: "discord.package", sources: ["discord.package"],
               parts: [
                Part("messages", path: ["messages.json", "messages.csv"]),
                Part("servers", path: ["servers/index.json"]),
                Part("activity", path: ["/analytics/", "/modeling/"]),
               ]),
        // The JSON files and the HTML pages of one download are parts of one export: the
        // newer HTML chats are subpages in chat_history/ and snap_history/ folders.
        Export(id: "snapchat.data", sources: ["snapchat.data", "snapchat.data_html"],
               parts: [
                Part("location", path: ["location_history.json", "location_history.html"]),
                Part("chats", path: ["chat_history.json", "chat_history.html", "chat_history/subpage_"]),
                Part("snaps", path: ["snap_history.json", "snap_history.html", "snap_history/subpage_"]),
                Part("memories", path: ["memories_history.json", "memories_history.html"]),
                Part("profile", path: ["user_profile.json", "user_profile.html"]),
                Part("search", path: ["search_history.json", "search_history.html"]),
               ]),
    ]

    /// Every importer id the table names, for the test that keeps it in step with the registry.
    public static var namedSources: Set<String> {
        exports.reduce(into: Set<String>()) { all, export in
            all.formUnion(export.sources)
            all.formUnion(export.sourcesUnderPath)
            for part in export.parts { all.formUnion(part.sources) }
        }
    }

    /// Catalog keys of an export's name, its hint and a part's name.
    static func nameKey(_ export: String) -> String { "coverage.export.\(export)" }
    static func hintKey(_ export: String) -> String { "coverage.hint.\(export)" }
    static func partKey(_ export: String, _ part: String) -> String { "coverage.part.\(export).\(part)" }

    /// Every catalog key the sentences use: each export's name and hint and each part's name.
    public static var catalogKeys: [String] {
        exports.flatMap { export in
            [nameKey(export.id), hintKey(export.id)] + export.parts.map { partKey(export.id, $0.id) }
        }
    }

    /// The coverage of every export the inputs hold a file of, in the table's order.
    public static func of(_ inputs: [ScanReport.Input]) -> [ExportCoverage] {
        let paths = inputs.map { ($0.path.lowercased(), $0.source) }
        var coverage: [ExportCoverage] = []
        for export in exports {
            var held = Set<String>()
            var claimed = false
            for (path, source) in paths {
                guard export.claims(path: path, source: source) else { continue }
                claimed = true
                for part in export.parts where part.holds(path: path, source: source) { held.insert(part.id) }
            }
            guard claimed else { continue }
            let ids = export.parts.map(\.id)
            coverage.append(ExportCoverage(export: export.id, read: ids.filter(held.contains),
                                           missing: ids.filter { !held.contains($0) }))
        }
        return coverage
    }
}

/// One sentence per recognized export, in the localizer's language, for the report's inputs
/// section (docs/reports.md, "What your exports held").
enum CoverageSentences {
    static func sentences(_ report: ScanReport, localizer t: Localizer) -> [String] {
        ExportCoverage.of(report.inputs).map { coverage in
            let separator = t("list.separator")
            func names(_ parts: [String]) -> String {
                parts.map { t(ExportCoverage.partKey(coverage.export, $0)) }.joined(separator: separator)
            }
            var arguments = ["export": t(ExportCoverage.nameKey(coverage.export)), "read": names(coverage.read),
                             "missing": names(coverage.missing), "hint": t(ExportCoverage.hintKey(coverage.export))]
            if coverage.missing.isEmpty { arguments["hint"] = nil }
            let key = coverage.missing.isEmpty ? "report.coverage.complete"
                : coverage.read.isEmpty ? "report.coverage.missing_only" : "report.coverage.read_missing"
            return t(key, arguments)
        }
    }
}
