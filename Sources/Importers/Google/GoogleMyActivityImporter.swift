import StewardCore

/// Google Takeout "My Activity" JSON and YouTube's watch/search history in the same shape.
/// Detected by content (an array whose first object has `header`, `title` and `time`), because
/// Takeout folder names are localized ("Meine Aktivitäten", "Mon activité", …) and files get
/// renamed; the usual file names only raise the confidence.
public struct GoogleMyActivityImporter: Importer {
    public init() {}

    public var id: String { GoogleMyActivityParser.source }
    public var title: String { "Google My Activity (JSON)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "My Activity" (and/or "YouTube and YouTube Music") → \
        "Multiple formats" → set Activity records (and YouTube history) to JSON instead of HTML → \
        create export. steward reads Takeout/My Activity/<product>/My Activity.json (or MyActivity.json) \
        and Takeout/YouTube and YouTube Music/history/watch-history.json and search-history.json.
        """
    }

    /// File names Takeout has used (lower-cased). German names from google_takeout_parser's
    /// `locales/de.py`; other languages are found by content alone.
    static let knownFileNames: Set<String> = [
        "my activity.json", "myactivity.json", "watch-history.json", "search-history.json",
        "meine aktivitäten.json", "meineaktivitäten.json",
    ]

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "[") else { return nil }
        let nameHint = Self.knownFileNames.contains(probe.fileName.lowercased())
        let rest = head.dropFirst().drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if rest.first == UInt8(ascii: "]") {
            // An empty export: only the name can tell.
            return nameHint ? Detection(confidence: 0.6, reason: "empty JSON array named like a My Activity file") : nil
        }
        guard rest.first == UInt8(ascii: "{") else { return nil }
        // The first record's keys; Takeout writes header/title first, time after the URL.
        let firstRecord = rest.prefix(8 * 1024)
        let keys = ["header", "title", "time"].filter { Self.containsKey($0, in: firstRecord) }
        guard keys.count == 3 else {
            if nameHint && keys.contains("title") {
                return Detection(confidence: 0.55, reason: "named like a My Activity file but the first record lacks header/time")
            }
            return nil
        }
        return nameHint
            ? Detection(confidence: 0.95, reason: "JSON array of header/title/time records named \(probe.fileName)")
            : Detection(confidence: 0.85, reason: "JSON array of records with header, title and time (My Activity shape)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { GoogleMyActivityParser() }

    /// The product of the first record (one file per product).
    public func overlapPart(_ probe: FileProbe) -> String? { MyActivityProductProbe.productInJSON(probe.trimmedHead) }

    /// True when `"key"` followed by optional whitespace and `:` occurs in `bytes`. Detection
    /// asks this a dozen times per JSON file of up to 64 KB of head (Snapchat's and Tinder's
    /// sections), so candidates are found with `memchr`/`memcmp` (`ByteSearch`) rather than a
    /// comparison at every byte: that loop was 3 % of a Messenger scan of many small files.
    static func containsKey(_ key: String, in bytes: ArraySlice<UInt8>) -> Bool {
        let needle = Array("\"\(key)\"".utf8)
        return bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { quoted in
                var offset = 0
                while offset < haystack.count,
                      let at = ByteSearch.firstOffset(of: quoted, in: UnsafeRawBufferPointer(rebasing: haystack[offset...])) {
                    var j = offset + at + quoted.count
                    while j < haystack.count, haystack[j] == 0x20 || haystack[j] == 0x0A || haystack[j] == 0x0D || haystack[j] == 0x09 {
                        j += 1
                    }
                    if j < haystack.count && haystack[j] == UInt8(ascii: ":") { return true }
                    offset += at + 1
                }
                return false
            }
        }
    }
}
