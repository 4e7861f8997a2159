/// Every importer steward has, in the order ties are broken. Adding an importer: its parser,
/// its importer, one line here, fixtures and tests, and its section in docs/formats/
/// (ImporterRegistryTests fails when an importer has no tests or no documentation).
public enum ImporterRegistry {
    /// Every importer with no settings (no owner names, no locale hint).
    public static let all: [any Importer] = importers(settings: ImporterSettings())

    /// Every importer, given what the person told the caller (`ImporterSettings`).
    public static func importers(settings: ImporterSettings) -> [any Importer] { [
        OFXImporter(),
        QIFImporter(),
        MT940Importer(),
        CAMTImporter(),
        BankStatementCSVImporter(localeVariables: settings.localeVariables),
        PayPalActivityImporter(localeVariables: settings.localeVariables),
        WiseTransactionHistoryImporter(),
        AlipayBillImporter(),
        WeChatPayBillImporter(),
        WeChatPayWorkbookImporter(),
        GoogleMyActivityImporter(),
        WhatsAppChatImporter(ownerNames: settings.ownerNames),
        WhatsAppMsgstoreImporter(),
        IMessageDatabaseImporter(),
        TelegramExportImporter(ownerNames: settings.ownerNames),
        SignalExportImporter(),
        SMSBackupImporter(),
        SMSImportExportImporter(),
        LocationRecordsImporter(),
        SemanticLocationImporter(),
        TimelineImporter(),
        GoogleMyActivityHTMLImporter(),
        ChromeBrowserHistoryImporter(),
        YouTubeSubscriptionsImporter(),
        YouTubeCommentsImporter(),
        FacebookJSONImporter(),
        InstagramJSONImporter(),
        MetaHTMLImporter(),
        TwitterArchiveImporter(),
        LinkedInCSVImporter(),
        RedditCSVImporter(),
        TikTokUserDataImporter(),
        ChromeHistoryImporter(),
        FirefoxPlacesImporter(),
        SafariHistoryImporter(),
        SpotifyStreamingHistoryImporter(),
        ChatGPTConversationsImporter(),
        AppleHealthExportImporter(),
        FitbitExportImporter(),
        GoogleFitImporter(),
        SamsungHealthImporter(),
        ICalendarImporter(),
        MboxImporter(),
        VCardImporter(),
        GPXTrackImporter(),
        FITActivityImporter(),
        TCXActivityImporter(),
        StravaActivitiesImporter(),
        GarminConnectImporter(),
        ExifPhotoImporter(),
        VideoMetadataImporter(),
        GooglePayImporter(),
        AmazonOrderHistoryImporter(),
        GooglePhotosSidecarImporter(),
        TinderDataImporter(),
        HingeMatchesImporter(),
        BumbleChatDatabaseImporter(),
        GooglePlayImporter(),
        NetflixViewingActivityImporter(),
        NetflixSearchHistoryImporter(),
        NetflixRatingsImporter(),
        UberTripsImporter(),
        UberEatsOrdersImporter(),
        DiscordPackageImporter(),
        SnapchatDataImporter(),
        SnapchatHTMLImporter(),
        AppPrivacyReportImporter(),
        AppleMediaServicesImporter(),
    ] }

    /// Below this confidence a claim is not taken: the file is reported as unrecognized with
    /// the best guess named.
    public static let acceptThreshold = 0.5

    /// The most confident importer for `probe`, or why none fits.
    public static func detect(_ probe: FileProbe, among importers: [any Importer] = all)
        -> Result<(importer: any Importer, detection: Detection), UnrecognizedReason> {
        var best: (any Importer, Detection)?
        for importer in importers {
            guard let d = importer.detect(probe) else { continue }
            if best == nil || d.confidence > best!.1.confidence { best = (importer, d) }
        }
        if let best, best.1.confidence >= acceptThreshold { return .success((best.0, best.1)) }
        if let best {
            return .failure(UnrecognizedReason("not sure enough it is \(best.0.title) (\(best.1.reason))"))
        }
        return .failure(UnrecognizedReason(describeUnknown(probe)))
    }

    /// Why a SQLite database no importer claimed was not read, naming the databases steward
    /// does read (every path-reading importer of the registry).
    static var sqliteReason: String {
        let known = all.compactMap { $0 as? any PathReadingImporter }.filter { !($0 is WeChatPayWorkbookImporter) }.map(\.title)
        return "SQLite database of a kind no importer knows (steward reads: \(known.joined(separator: "; ")))"
    }

    /// A short, honest reason for an unrecognized file: what it looks like.
    static func describeUnknown(_ probe: FileProbe) -> String {
        let head = probe.trimmedHead
        if head.isEmpty { return "empty file" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "PNG image: no supported importer yet" }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "JPEG image: no supported importer yet" }
        if head.starts(with: Array("SQLite format 3".utf8)) { return sqliteReason }
        if head.starts(with: Array("%PDF".utf8)) { return "PDF document: steward reads machine-readable exports, not PDFs" }
        if head.first == UInt8(ascii: "{") || head.first == UInt8(ascii: "[") { return "JSON file of a kind no importer knows" }
        if head.first == UInt8(ascii: "<") { return "XML/HTML file of a kind no importer knows" }
        if head.prefix(512).contains(0) { return "binary file of a kind no importer knows" }
        return "text file of a kind no importer knows"
    }
}

public struct UnrecognizedReason: Error, Sendable {
    public var text: String
    public init(_ text: String) { self.text = text }
}
