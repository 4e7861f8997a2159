import StewardCore
/// Google My Activity in HTML (`My Activity/<product>/MyActivity.html`, YouTube's
/// `history/watch-history.html` and `search-history.html`). Detected by content — Takeout's
/// activity markup (`outer-cell` / `content-cell` blocks) — because product folders are
/// localized and files get renamed; the usual names only raise the confidence.
public struct GoogleMyActivityHTMLImporter: Importer {
    public init() {}

    /// Importer id (events carry `google.my_activity`, as from the JSON variant).
    public var id: String { "google.my_activity_html" }
    public var title: String { "Google My Activity (HTML)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "My Activity" (and/or "YouTube and YouTube Music") → \
        create export. Takeout writes HTML unless you chose JSON under "Multiple formats" (JSON is \
        preferred: exact UTC times); steward reads both. Files: Takeout/My Activity/<product>/MyActivity.html, \
        Takeout/YouTube and YouTube Music/history/watch-history.html and search-history.html.
        """
    }

    /// Names Takeout has used (lower-cased); German from google_takeout_parser's locale table.
    static let knownFileNames: Set<String> = [
        "myactivity.html", "my activity.html", "watch-history.html", "search-history.html",
        "meineaktivitäten.html", "meine aktivitäten.html", "wiedergabeverlauf.html", "suchverlauf.html",
    ]

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "<") else { return nil }
        let nameHint = Self.knownFileNames.contains(probe.fileName.lowercased())
        // The markup as Takeout writes it, not just the class names (the inline stylesheet
        // names them too).
        if ByteSearch.contains(head, "<div class=\"outer-cell") && ByteSearch.contains(head, "<div class=\"content-cell") {
            return nameHint
                ? Detection(confidence: 0.95, reason: "HTML with My Activity outer-cell/content-cell blocks named \(probe.fileName)")
                : Detection(confidence: 0.9, reason: "HTML with My Activity outer-cell/content-cell blocks")
        }
        if nameHint && ByteSearch.contains(head, "mdl-grid") {
            // An empty activity file, or a head taken up by the inline stylesheet.
            return Detection(confidence: 0.6, reason: "Material Design Lite page named like a My Activity file, no activity block in its first 64 KiB")
        }
        return nil
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { GoogleMyActivityHTMLParser() }

    /// The product of the first record (one file per product).
    public func overlapPart(_ probe: FileProbe) -> String? { MyActivityProductProbe.productInHTML(probe.trimmedHead) }
}
