import StewardCore

/// ISO 20022 camt.053 / camt.052 / camt.054 XML statements, which SEPA banks offer as
/// "CAMT" or "XML" download (and inside the zips of "CAMT-Export").
public struct CAMTImporter: Importer {
    public let id = CAMTParser.sourceID
    public let title = "ISO 20022 CAMT.053/052/054 bank statement (XML)"
    public let howToRequest = """
        In your online banking choose the statement export "CAMT.053" (also offered as \
        "XML", "ISO 20022" or "CAMT-Export", sometimes as a zip of one file per day); \
        CAMT.052 (intraday) and CAMT.054 (notifications) are read too.
        """

    public init() {}

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead.prefix(8192)
        guard head.first == UInt8(ascii: "<") else { return nil }
        for kind in ["053", "052", "054"] where ByteSearch.contains(head, "urn:iso:std:iso:20022:tech:xsd:camt.\(kind)") {
            return Detection(confidence: 0.95, reason: "ISO 20022 namespace camt.\(kind)")
        }
        for root in ["<BkToCstmrStmt>", "<BkToCstmrAcctRpt>", "<BkToCstmrDbtCdtNtfctn>"] where ByteSearch.contains(head, root) {
            return Detection(confidence: 0.85, reason: "ISO 20022 statement root \(root) without the camt namespace")
        }
        return nil
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { CAMTParser() }
}
