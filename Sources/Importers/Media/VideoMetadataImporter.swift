import StewardCore

/// MP4 and MOV videos from phones and cameras: when and where each was recorded
/// (`VideoMetadataParser`). Detected by content: an ISO-BMFF `ftyp` box naming a movie brand
/// (MP4, QuickTime, 3GPP). Google Photos Takeout, a phone's DCIM folder and iCloud downloads
/// hold them beside the photos.
public struct VideoMetadataImporter: Importer {
    public init() {}

    public var id: String { VideoMetadataParser.source }
    public var title: String { "Video metadata, MP4 and MOV (recording time and place)" }
    public var howToRequest: String {
        """
        Point steward at a folder of original videos, as for photos: a phone's DCIM folder copied \
        over USB, a Google Takeout of Google Photos (Takeout/Google Photos/…), or iCloud Photos \
        downloaded as "Unmodified Original". Videos re-encoded by messengers usually lose their position.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let brand = ISOBMFFBrand.of(probe.head), ISOBMFFBrand.isMovie(brand) else { return nil }
        return Detection(confidence: 0.9, reason: "MP4/MOV video (ftyp brand \(brand.trimmingSpaces))")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { VideoMetadataParser() }
}

private extension String {
    var trimmingSpaces: String { String(self.reversed().drop { $0 == " " }.reversed()) }
}
