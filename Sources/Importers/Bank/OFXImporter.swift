import StewardCore

/// OFX / QFX / QBO statements (Quicken, Money, GnuCash, most US and many other banks).
public struct OFXImporter: Importer {
    public let id = OFXParser.sourceID
    public let title = "OFX / QFX bank statement"
    public let howToRequest = """
        In your online banking, open the account's transactions, choose "Download" or "Export" \
        and pick OFX, QFX (Quicken), QBO (QuickBooks) or "Microsoft Money". One file may hold \
        several accounts.
        """

    public init() {}

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead.prefix(4096)
        if head.starts(with: Array("OFXHEADER".utf8)) {
            return Detection(confidence: 0.95, reason: "OFX 1.x header block (OFXHEADER:)")
        }
        if ByteSearch.contains(head, "<?OFX") || ByteSearch.contains(head, "<?ofx") {
            return Detection(confidence: 0.95, reason: "OFX 2.x processing instruction (<?OFX …?>)")
        }
        if ByteSearch.contains(head, "<OFX>") {
            return Detection(confidence: 0.85, reason: "<OFX> element without a header")
        }
        return nil
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { OFXParser() }
}
