/// Google Photos' JSON sidecars in Takeout: `Takeout/Google Photos/<album>/<photo>.jpg.json`
/// (until 2024) or `<photo>.jpg.supplemental-metadata.json` (since; cut to 51 characters,
/// `….supplemental-metad.json`, in long names). Detected by content — a JSON object with
/// `photoTakenTime` — because the names are cut and numbered (`IMG_0001.jpg(1).json`); an
/// album's `metadata.json` has no `photoTakenTime` and is not claimed.
public struct GooglePhotosSidecarImporter: Importer {
    public init() {}

    public var id: String { GooglePhotosSidecarParser.source }
    public var title: String { "Google Photos metadata sidecars (Takeout JSON: time taken and place)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "Google Photos" (all albums, or some) → create \
        export. Scan the zip: every photo and video comes with a .json (or .supplemental-metadata.json) \
        file beside it that holds when and where it was taken; steward reads those and the photos' Exif.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "{") else { return nil }
        let first = head.prefix(16 * 1024)
        func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: first) }
        guard has("photoTakenTime") else { return nil }
        let shaped = has("creationTime") || has("geoData") || has("title")
        guard shaped else { return nil }
        let lower = probe.fileName.lowercased()
        let named = lower.hasSuffix(".json") && (lower.contains(".supplemental-meta") || lower.dropLast(5).contains("."))
        return Detection(confidence: named ? 0.95 : 0.9,
                         reason: "JSON object with photoTakenTime (Google Photos metadata sidecar)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { GooglePhotosSidecarParser() }
}
