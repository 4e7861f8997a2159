/// Hinge's `matches.json` from "Download My Data": detected by its first thread's lists
/// (`like`, `match`, `chats`, `we_met`, `block`, each a list of entries with a `timestamp`).
public struct HingeMatchesImporter: Importer {
    public init() {}

    public var id: String { HingeMatchesParser.source }
    public var title: String { "Hinge data download (matches.json)" }
    public var howToRequest: String {
        """
        Hinge app → Settings → Download My Data (or hinge.co/contact-us → "Request my data") → \
        confirm; a download link arrives by e-mail within about two days. Scan the zip: steward \
        reads matches.json (likes, matches, the messages you sent, "we met" answers, removals).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "[") else { return nil }
        let first = head.prefix(8192)
        guard GoogleMyActivityImporter.containsKey("timestamp", in: first) else { return nil }
        let lists = HingeMatchesParser.known.filter { Self.containsListKey($0, in: first) }
        guard !lists.isEmpty else { return nil }
        let named = probe.fileName.lowercased() == "matches.json"
        guard named || lists.count >= 2 else { return nil }
        return Detection(confidence: named ? 0.95 : 0.8,
                         reason: "JSON array of threads with Hinge's lists (\(lists.sorted().joined(separator: ", ")) with timestamps)")
    }

    /// `"key"` followed by `:` and the `[` of a list, spaces allowed between.
    static func containsListKey(_ key: String, in bytes: ArraySlice<UInt8>) -> Bool {
        let needle = Array("\"\(key)\"".utf8)
        var i = bytes.startIndex
        while i + needle.count <= bytes.endIndex {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) {
                var j = i + needle.count
                var colon = false
                while j < bytes.endIndex {
                    let b = bytes[j]
                    if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { j += 1; continue }
                    if b == UInt8(ascii: ":") && !colon { colon = true; j += 1; continue }
                    if colon && b == UInt8(ascii: "[") { return true }
                    break
                }
            }
            i += 1
        }
        return false
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { HingeMatchesParser() }
}
