import StewardCore

/// SMS Backup & Restore XML (`sms-20240101120000.xml`, `calls-….xml`). Detected by content,
/// the `<smses` or `<calls` root near the start, because backups are renamed (and shared as
/// .txt); the name only raises the confidence.
public struct SMSBackupImporter: Importer {
    public init() {}

    public var id: String { SMSBackupParser.source }
    public var title: String { "SMS Backup & Restore XML (Android SMS, MMS, calls)" }
    public var howToRequest: String {
        """
        Android: install "SMS Backup & Restore" (SyncTech) → Back up → choose Messages and/or Call \
        logs, local storage → it writes sms-<date>.xml and calls-<date>.xml to the phone's \
        SMSBackupRestore folder; copy them to the computer. Android has no built-in SMS export.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead.prefix(8 * 1024)
        guard head.first == UInt8(ascii: "<") else { return nil }
        let hasSMS = Self.contains(head, "<smses") && (Self.contains(head, "<sms ") || Self.contains(head, "<mms ") || Self.contains(head, "count="))
        let hasCalls = Self.contains(head, "<calls") && (Self.contains(head, "<call ") || Self.contains(head, "count="))
        guard hasSMS || hasCalls else { return nil }
        let name = probe.fileName.lowercased()
        let nameHint = name.hasPrefix("sms-") || name.hasPrefix("calls-")
        return Detection(confidence: nameHint ? 0.95 : 0.9,
                         reason: hasSMS ? "XML with an <smses> root (SMS Backup & Restore)" : "XML with a <calls> root (SMS Backup & Restore)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { SMSBackupParser() }

    private static func contains(_ bytes: ArraySlice<UInt8>, _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count else { return false }
        var i = bytes.startIndex
        while i <= bytes.endIndex - needle.count {
            if bytes[i] == needle[0] && bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
