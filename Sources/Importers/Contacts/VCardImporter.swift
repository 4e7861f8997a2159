import StewardCore

/// vCard address books (see `VCardParser`), known by their first line, `BEGIN:VCARD`.
public struct VCardImporter: Importer {
    public init() {}

    public var id: String { VCardParser.source }
    public var title: String { "Contacts (vCard .vcf: Google Contacts Takeout, iCloud, phones)" }
    public var howToRequest: String {
        """
        Google Contacts: Google Takeout (takeout.google.com) → deselect all → select "Contacts" → \
        export (Takeout/Contacts/<group>/<group>.vcf), or contacts.google.com → Export → vCard. \
        iCloud: icloud.com/contacts → select all → Export vCard. steward counts the contacts; it \
        infers nothing from them.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        let marker = Array("BEGIN:VCARD".utf8)
        guard head.count >= marker.count,
              zip(head.prefix(marker.count), marker).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) else { return nil }
        let named = probe.fileExtension == "vcf" || probe.fileExtension == "vcard"
        return Detection(confidence: named ? 0.95 : 0.9, reason: "text starting with BEGIN:VCARD (vCard address book)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { VCardParser() }
}
