import StewardCore

/// QIF files from Quicken, Microsoft Money, GnuCash, YNAB and many banks' "Quicken" download.
/// Recognized by a `!Type:` or `!Account` header as the first line that is not a comment.
public struct QIFImporter: Importer {
    public let id = QIFParser.sourceID
    public let title = "QIF (Quicken Interchange Format) statement"
    public let howToRequest = """
        In your online banking, export the account's transactions as "QIF" or "Quicken (older \
        versions)"; in Quicken, GnuCash or Money use File > Export > QIF.
        """

    public init() {}

    public func detect(_ probe: FileProbe) -> Detection? {
        var rest = probe.trimmedHead.prefix(8192)
        // Skip `#` comment lines and blank lines before the first header.
        while let first = rest.first, first == UInt8(ascii: "#") || first == 0x0A || first == 0x0D || first == 0x20 {
            if let nl = rest.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) { rest = rest[(nl + 1)...] } else { return nil }
        }
        let line = Array(rest.prefix(while: { $0 != 0x0A && $0 != 0x0D }).prefix(40))
        let lower = String(decoding: line, as: UTF8.self).lowercased()
        if lower.hasPrefix("!type:") || lower.hasPrefix("!account") || lower.hasPrefix("!option:") || lower.hasPrefix("!clear:") {
            return Detection(confidence: 0.95, reason: "QIF section header (\(lower.prefix(20)))")
        }
        return nil
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { QIFParser() }
}
