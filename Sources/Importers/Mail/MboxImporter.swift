import StewardCore

/// mbox mailboxes (see `MboxParser`): a first line `From ` followed, within the head, by a
/// mail header (`From:`, `Date:`, `Subject:` or Gmail's `X-Gmail-Labels:`). The name does not
/// matter (Takeout writes `All mail Including Spam and Trash.mbox`, Thunderbird no extension).
public struct MboxImporter: Importer {
    public init() {}

    public var id: String { MboxParser.source }
    public var title: String { "Mailbox (mbox: Gmail Takeout, Thunderbird)" }
    public var howToRequest: String {
        """
        Gmail: Google Takeout (takeout.google.com) → deselect all → select "Mail" (all mail or \
        chosen labels) → export; the zip holds Takeout/Mail/All mail Including Spam and \
        Trash.mbox. Thunderbird: the local folder files (Inbox, Sent…) in the profile's Mail \
        folder. steward reads senders, subjects, dates and the plain text of each message; \
        attachments only by name.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.starts(with: Array("From ".utf8)) else { return nil }
        let window = head.prefix(16 * 1024)
        let gmail = HealthHeadSearch.find("\nX-Gmail-Labels:", in: window) != nil || HealthHeadSearch.find("\nX-GM-THRID:", in: window) != nil
        let headers = ["\nFrom:", "\nDate:", "\nSubject:", "\nMessage-ID:", "\nMessage-Id:", "\nReceived:"]
            .filter { HealthHeadSearch.find($0, in: window) != nil }.count
        guard gmail || headers >= 2 else { return nil }
        let named = probe.fileExtension == "mbox" || probe.fileExtension == "mbx"
        return Detection(confidence: named || gmail ? 0.95 : 0.85,
                         reason: gmail ? "mbox with Gmail headers (Takeout Mail)" : "mbox: From separator line followed by mail headers")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { MboxParser() }
}
