import FuzzSupport
import Importers

/// libFuzzer entry point for every streaming importer, fed the way a scan feeds it
/// (`ExportReader`): the importer's `detect` on a probe of the input's head, then
/// `makeParser(for:)`, every chunk through `feed`, then `finish`. The first byte picks the
/// importer and the file name the probe carries (some importers choose a dialect by name), the
/// second the chunk size; the rest is the file. SQLite importers read a path, not chunks: the
/// SQLite harness covers them. docs/privacy.md, "Fuzzing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImporter(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 2 else { return 0 }
    let target = ImporterTargets.all[Int(start[0]) % ImporterTargets.all.count]
    let chunkSize = Int(start[1]) * 4 + 1
    let bytes = Array(UnsafeBufferPointer(start: start + 2, count: count - 2))
    let probe = FileProbe(path: target.path, head: Array(bytes.prefix(64 * 1024)), size: Int64(bytes.count))
    _ = target.importer.detect(probe)
    var parser = target.importer.makeParser(for: probe)
    let sink = EventSink { event in
        eventCount &+= 1
        textBytes &+= (event.text?.utf8.count ?? 0) &+ (event.title?.utf8.count ?? 0)
    }
    try? parser.parseAll(bytes, chunkSize: chunkSize, into: sink)
    return 0
}

/// Each streaming importer with a file name its exports really carry.
enum ImporterTargets {
    struct Target {
        let importer: any Importer
        let path: String
    }

    static let all: [Target] = {
        let settings = ImporterSettings(ownerNames: ["Sam Taylor"])
        let paths: [String: String] = [
            "bank.ofx": "bank/statement.ofx",
            "bank.qif": "bank/statement.qif",
            "bank.mt940": "bank/statement.sta",
            "bank.camt053": "bank/camt053.xml",
            "bank.csv": "bank/current-account.csv",
            "bank.alipay": "支付宝交易明细(20250301-20260228).csv",
            "bank.wechatpay": "微信支付账单(20250301-20260228).csv",
            "bank.wechatpay_xlsx": "微信支付账单(20250301-20260228).xlsx",
            "google.my_activity": "Takeout/My Activity/Search/MyActivity.json",
            "whatsapp.chat": "WhatsApp Chat with Lena Schneider.txt",
            "telegram.desktop": "Telegram Desktop/DataExport_2026-03-01/result.json",
            "android.sms_backup": "sms-20260301.xml",
            "google.location_records": "Takeout/Location History (Timeline)/Records.json",
            "google.semantic_location": "Takeout/Location History (Timeline)/Semantic Location History/2025/2025_APRIL.json",
            "google.timeline": "Timeline.json",
            "google.my_activity_html": "Takeout/My Activity/Search/MyActivity.html",
            "google.chrome_history": "Takeout/Chrome/BrowserHistory.json",
            "google.youtube_subscriptions": "Takeout/YouTube and YouTube Music/subscriptions/subscriptions.csv",
            "meta.facebook": "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
            "meta.instagram": "information_about_you/ads_interests.json",
            "meta.html": "your_facebook_activity/posts/your_posts_1.html",
            "twitter.archive": "data/tweets.js",
            "linkedin.csv": "Positions.csv",
            "reddit.csv": "comments.csv",
            "tiktok.json": "user_data_tiktok.json",
            "spotify.streaming": "Spotify Extended Streaming History/Streaming_History_Audio_2025.json",
            "openai.chatgpt": "conversations.json",
            "apple.health": "apple_health_export/export.xml",
            "gpx.track": "track.gpx",
            "fit.activity": "export_12345/activities/101.fit",
            "tcx.activity": "export_12345/activities/102.tcx",
            "strava.activities": "export_12345/activities.csv",
            "garmin.connect": "DI_CONNECT/DI-Connect-Aggregator/UDSFile_2024-03-01_2024-06-09.json",
            "photo.exif": "IMG_0001.jpg",
            // The page is told by its <h1>, else by this name: the location page.
            "snapchat.data_html": "mydata~1709400000000/html/location_history.html",
        ]
        return ImporterRegistry.importers(settings: settings).compactMap { importer in
            guard !(importer is any PathReadingImporter) else { return nil }
            return Target(importer: importer, path: paths[importer.id] ?? "export/\(importer.id).dat")
        }
    }()
}

/// Where what was read is counted, so reading it is not optimized away.
nonisolated(unsafe) var eventCount = 0
nonisolated(unsafe) var textBytes = 0

/// SwiftPM links an executable's entry point as `ImporterFuzzer_main`; hand control to
/// libFuzzer's driver there (its own `main` is then never linked in).
@_cdecl("ImporterFuzzer_main")
public func importerFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzImporter)
}
