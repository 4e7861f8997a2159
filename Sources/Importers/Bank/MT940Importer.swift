import StewardCore

/// SWIFT MT940 statements (`.sta`, `.mt940`, `.940`, `.txt`), which German, Dutch, Swiss,
/// Austrian and Polish banks offer beside CSV. Recognized by its tags, not its name.
public struct MT940Importer: Importer {
    public let id = MT940Parser.sourceID
    public let title = "SWIFT MT940 bank statement"
    public let howToRequest = """
        In your online banking choose export/download of account statements (Kontoauszug, \
        Afschrift) in the format "MT940" or "SWIFT"; Rabobank, ING, ABN AMRO, Sparkassen and \
        Volksbanken offer it.
        """

    public init() {}

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead.prefix(16384)
        let envelope = ByteSearch.contains(head, "{2:I940") || ByteSearch.contains(head, "{2:O940") || ByteSearch.contains(head, "{2:I942") || ByteSearch.contains(head, "{2:O942")
        let hasAccount = lineStarts(head, ":25:")
        let hasStatement = lineStarts(head, ":61:") || lineStarts(head, ":60F:") || lineStarts(head, ":60M:")
        guard hasAccount || envelope else { return nil }
        if (envelope || lineStarts(head, ":20:")) && hasAccount && hasStatement {
            return Detection(confidence: 0.95, reason: "MT940 tags (:20: :25: :60F:/:61:)")
        }
        if envelope { return Detection(confidence: 0.9, reason: "SWIFT MT940/942 envelope ({2:…940})") }
        return Detection(confidence: 0.4, reason: "a :25: account tag but no statement lines")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { MT940Parser() }

    private func lineStarts(_ head: ArraySlice<UInt8>, _ tag: String) -> Bool {
        let t = Array(tag.utf8)
        var i = head.startIndex
        while i + t.count <= head.endIndex {
            let atLineStart = i == head.startIndex || head[i - 1] == 0x0A || head[i - 1] == 0x0D || head[i - 1] == UInt8(ascii: ":")
                && i >= head.startIndex + 3 && head[i - 3] == UInt8(ascii: "{")
            if atLineStart && head[i] == t[0] && head[i..<(i + t.count)].elementsEqual(t) { return true }
            i += 1
        }
        return false
    }
}
