import StewardCore

/// What each importer of `ImporterRegistry.all` emits: the event source id its records carry
/// and the kinds of record it produces, and, for a kind that no rule or analyzer reads, why
/// that is so. The wiring tests (Tests/PipelineTests/WiringTests.swift) check this table
/// against the registry (one entry per importer) and against the rules (every kind not
/// listed in `unread` reaches a rule or an analyzer; every kind listed there reaches none).
/// The kinds are kept by hand from the parsers' `sink.emit` calls, and checked against what
/// the importers emit on the demo persona's exports and the sample corpus: adding an
/// importer or a kind means one entry here beside its registry line. See
/// docs/architecture.md ("Wiring").
public enum ImporterEventCatalog {
    public struct Entry: Sendable {
        /// The importer's id (`Importer.id`).
        public let importer: String
        /// The `Event.source` of its records. Differs from the id only where two formats of one
        /// export carry the same records (My Activity as HTML), so rules name one source.
        public let source: String?
        /// Every kind of record the importer emits.
        public let kinds: Set<EventKind>
        /// Kinds that no rule or analyzer reads, each with the reason. Kept honest by the
        /// wiring tests: an entry here that a rule does read fails as stale.
        public let unread: [EventKind: String]
        /// For an importer that emits no events at all, why (required when `kinds` is empty).
        public let emitsNothingBecause: String?

        public init(_ importer: String, source: String? = nil, kinds: Set<EventKind>, unread: [EventKind: String] = [:],
                    emitsNothingBecause: String? = nil) {
            self.importer = importer
            self.source = source
            self.kinds = kinds
            self.unread = unread
            self.emitsNothingBecause = emitsNothingBecause
        }

        /// The source id its events carry.
        public var eventSource: String { source ?? importer }
    }

    static let photosAreNotFixes = "a photo's GPS position is where a picture was taken, not where the phone spends its nights and days; the places analyzer reads the phone's own location fixes only, so photos are listed with their place but infer nothing"

    static let contactsAreNotScored = "follower and contact lists say whom someone knows, not what they do: steward infers nothing about a person from the names of their contacts"

    public static let entries: [Entry] = [
        Entry("bank.ofx", kinds: [.transaction]),
        Entry("bank.qif", kinds: [.transaction]),
        Entry("bank.mt940", kinds: [.transaction]),
        Entry("bank.camt053", kinds: [.transaction]),
        Entry("bank.csv", kinds: [.transaction]),
        Entry("bank.paypal", kinds: [.transaction]),
        Entry("bank.wise", kinds: [.transaction]),
        Entry("bank.alipay", kinds: [.transaction]),
        Entry("bank.wechatpay", kinds: [.transaction]),
        Entry("bank.wechatpay_xlsx", source: "bank.wechatpay", kinds: [.transaction]),
        Entry("google.my_activity", kinds: [.search, .pageView, .watch, .activity, .transaction]),
        Entry("whatsapp.chat", kinds: [.message]),
        Entry("whatsapp.msgstore", kinds: [.message]),
        Entry("apple.imessage", kinds: [.message]),
        Entry("telegram.desktop", kinds: [.message]),
        Entry("signal.sigexport", kinds: [.message]),
        Entry("android.sms_backup", kinds: [.message, .activity],
              unread: [.activity: "call log entries carry a number and a duration, no text a rule could read"]),
        Entry("android.sms_ie", kinds: [.message, .activity],
              unread: [.activity: "call log entries carry a number and a duration, no text a rule could read"]),
        Entry("google.location_records", kinds: [.location]),
        Entry("google.semantic_location", kinds: [.visit, .location, .activity],
              unread: [.activity: "activity segments without a start time say only that a trip happened; nothing to place or time"]),
        Entry("google.timeline", kinds: [.location, .visit]),
        Entry("google.my_activity_html", source: "google.my_activity", kinds: [.search, .pageView, .watch, .activity, .transaction]),
        Entry("google.chrome_history", kinds: [.pageView]),
        Entry("google.youtube_subscriptions", kinds: [.like]),
        Entry("google.youtube_comments", kinds: [.comment]),
        Entry("meta.facebook", kinds: [.post, .comment, .like, .contact, .search, .adInterest, .activity, .message],
              unread: [.contact: contactsAreNotScored]),
        Entry("meta.instagram", kinds: [.post, .comment, .like, .contact, .search, .adInterest, .activity, .message],
              unread: [.contact: contactsAreNotScored]),
        Entry("meta.html", kinds: [],
              emitsNothingBecause: "it recognizes Meta's HTML download only to tell the person to request the JSON format"),
        Entry("twitter.archive", kinds: [.post, .like, .contact, .message, .adInterest, .activity],
              unread: [.contact: contactsAreNotScored]),
        Entry("linkedin.csv", kinds: [.position, .contact, .message, .adInterest, .activity],
              unread: [.contact: contactsAreNotScored]),
        Entry("reddit.csv", kinds: [.post, .comment, .like]),
        // Its watch history holds a date and a video link only: the search rules admit it but
        // read text and titles, so in practice it infers nothing.
        Entry("tiktok.json", kinds: [.like, .search, .watch, .contact, .comment, .post, .message, .adInterest],
              unread: [.contact: contactsAreNotScored]),
        Entry("browser.chrome", kinds: [.pageView]),
        Entry("browser.firefox", kinds: [.pageView]),
        Entry("browser.safari", kinds: [.pageView]),
        Entry("spotify.streaming", kinds: [.listen],
              unread: [.listen: "song, podcast and audiobook titles are someone else's words; read with the search lexicons, 'Cancer' by My Chemical Romance would count as a medical search, and rules cannot yet tell a podcast from a song"]),
        Entry("openai.chatgpt", kinds: [.search]),
        Entry("apple.health", kinds: [.healthRecord]),
        Entry("fitbit.export", kinds: [.healthRecord]),
        Entry("google.fit", kinds: [.healthRecord]),
        Entry("samsung.health", kinds: [.healthRecord]),
        Entry("calendar.ics", kinds: [.activity]),
        Entry("mail.mbox", kinds: [.message]),
        Entry("contacts.vcf", kinds: [.contact], unread: [.contact: contactsAreNotScored]),
        Entry("gpx.track", kinds: [.location]),
        Entry("fit.activity", kinds: [.location, .healthRecord]),
        Entry("tcx.activity", kinds: [.location, .healthRecord]),
        Entry("strava.activities", kinds: [.healthRecord]),
        Entry("garmin.connect", kinds: [.healthRecord, .location]),
        Entry("photo.exif", kinds: [.photo],
              unread: [.photo: photosAreNotFixes]),
        Entry("google.pay", kinds: [.transaction]),
        Entry("amazon.orders", kinds: [.transaction]),
        Entry("google.photos_sidecar", kinds: [.photo], unread: [.photo: photosAreNotFixes]),
        Entry("video.metadata", kinds: [.photo], unread: [.photo: photosAreNotFixes]),
        Entry("tinder.data", kinds: [.activity, .message]),
        Entry("hinge.matches", kinds: [.activity, .message]),
        Entry("bumble.chatcom", kinds: [.message]),
        Entry("google.play", kinds: [.activity]),
        Entry("netflix.viewing", kinds: [.watch]),
        Entry("netflix.search", kinds: [.search]),
        Entry("netflix.ratings", kinds: [.activity]),
        Entry("uber.trips", kinds: [.visit]),
        Entry("uber.eats", kinds: [.transaction]),
        Entry("discord.package", kinds: [.message, .activity, .adInterest]),
        Entry("snapchat.data", kinds: [.location, .visit, .message, .photo, .search, .adInterest],
              unread: [.photo: photosAreNotFixes]),
        Entry("snapchat.data_html", source: "snapchat.data", kinds: [.location, .visit, .message, .photo, .search, .adInterest],
              unread: [.photo: photosAreNotFixes]),
        Entry("apple.app_privacy_report", kinds: [.activity, .pageView]),
        Entry("apple.media_services", kinds: [.activity]),
    ]

    /// The entry of the importer with this id.
    public static func entry(importer id: String) -> Entry? { entries.first { $0.importer == id } }
}
