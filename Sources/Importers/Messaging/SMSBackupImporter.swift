import StewardCore

/// SMS Backup & Restore XML (`sms-20240101120000.xml`, `calls-….xml`) and Slight Backup's
/// (`messages_export_<ms>.xml`, `calllogs_export_<ms>.xml`). Detected by content, the `<smses`,
/// `<messages` or `<calls` root near the start, because backups are renamed (and shared as
/// .txt); the name only raises the confidence.
public struct SMSBackupImporter: Importer {
    public init() {}

    public var id: String { SMSBackupParser.source }
    public var title: String { "Android SMS and call log backup XML (SMS Backup & Restore, Slight Backup)" }
    public var howToRequest: String {
        """
        Android: install "SMS Backup & Restore" (SyncTech) → Back up → choose Messages and/or Call \
        logs, local storage → it writes sms-<date>.xml and calls-<date>.xml to the phone's \
        SMSBackupRestore folder; copy them to the computer. Slight Backup (F-Droid) → Export → SMS \
        messages or Call logs writes messages_export_<time>.xml and calllogs_export_<time>.xml to its \
        backup folder. Android has no built-in SMS export.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead.prefix(8 * 1024)
        guard head.first == UInt8(ascii: "<") else { return nil }
        let hasSMS = ByteSearch.contains(head, "<smses") && (ByteSearch.contains(head, "<sms ") || ByteSearch.contains(head, "<mms ") || ByteSearch.contains(head, "count="))
        let hasCalls = ByteSearch.contains(head, "<calls") && (ByteSearch.contains(head, "<call ") || ByteSearch.contains(head, "count="))
        // Slight Backup: `<messages date="…" count="…">` and `<message date=… address=…>`.
        let hasMessages = ByteSearch.contains(head, "<messages date=") && ByteSearch.contains(head, "count=")
            && (ByteSearch.contains(head, "<message ") && ByteSearch.contains(head, "address=") || ByteSearch.contains(head, "count=\"0\""))
        guard hasSMS || hasCalls || hasMessages else { return nil }
        let name = probe.fileName.lowercased()
        let nameHint = name.hasPrefix("sms-") || name.hasPrefix("calls-") || name.hasPrefix("messages_export_") || name.hasPrefix("calllogs_export_")
        let reason = hasSMS ? "XML with an <smses> root (SMS Backup & Restore)"
            : hasMessages ? "XML with a <messages> root of Android messages (Slight Backup)"
            : "XML with a <calls> root (Android call log backup)"
        return Detection(confidence: nameHint ? 0.95 : 0.9, reason: reason)
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { SMSBackupParser() }
}
