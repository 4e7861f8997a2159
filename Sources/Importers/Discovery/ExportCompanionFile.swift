/// Files an export ships beside its data that hold no records of the person: Google's
/// `archive_browser.html` in every Takeout, the start pages of Facebook and Instagram downloads,
/// the X/Twitter archive viewer, readmes. A file no importer reads that matches one of these is
/// named as what it is and listed under "known files not read", never as unrecognized (see
/// docs/formats/README.md, "Files that are not read"). Like google_takeout_parser's table of
/// deliberately ignored paths, the table is explicit: anything else stays "unrecognized".
enum ExportCompanionFile {
    /// What the file at `path` (archive members joined with `!`) is, or nil when it is none of
    /// the known companion files.
    static func identify(_ path: String) -> String? {
        let components = path.split(whereSeparator: { $0 == "/" || $0 == "!" }).map(String.init)
        guard let name = components.last else { return nil }
        let lower = name.lowercased()
        let folders = components.dropLast().map { $0.lowercased() }
        switch lower {
        case "archive_browser.html":
            return "Google Takeout's archive browser page (an index of the archive's folders, no records)"
        case "index.html" where folders.last == "takeout":
            return "Google Takeout's index page (links to the archive's folders, no records)"
        case "start_here.html":
            return "the start page of a Facebook or Instagram download (links to the other files, no records)"
        case "index.html" where folders.isEmpty || isArchiveRoot(folders):
            return "an export's index page (Facebook, Instagram and LinkedIn downloads have one: links, no records)"
        case "your archive.html":
            return "the X/Twitter archive's viewer page (it shows the data/ files, which are read)"
        case "index.json" where folders.last == "messages":
            // Channel id → channel name, and for direct messages the other person's name: not
            // the person's own records (docs/formats/social.md, Discord).
            return "Discord's list of channels and direct-message partners (it names other people; the messages themselves are read)"
        default:
            break
        }
        if lower.hasPrefix("readme") || lower.hasPrefix("read_me") || lower.hasPrefix("read me") {
            return "a readme shipped with the export (how the export is organized, no records)"
        }
        if folders.contains("assets"), let dot = lower.lastIndex(of: "."),
           viewerAssetExtensions.contains(String(lower[lower.index(after: dot)...])) {
            return "a script, style sheet or font of the export's own viewer page (no records)"
        }
        return nil
    }

    /// Support files of the HTML viewers X/Twitter and Facebook ship (under `assets/`).
    static let viewerAssetExtensions: Set<String> = ["js", "css", "woff", "woff2", "ttf", "eot", "map"]

    /// The top folder of a download (`facebook-ana-2024-03-05-xyz`), or the archive's root
    /// when the file sits right inside a zip (`export.zip!index.html`).
    private static func isArchiveRoot(_ folders: [String]) -> Bool {
        folders.count == 1 || (folders.count >= 1 && folders.last!.hasSuffix(".zip"))
            || (folders.count == 2 && folders.first!.hasSuffix(".zip"))
    }
}
