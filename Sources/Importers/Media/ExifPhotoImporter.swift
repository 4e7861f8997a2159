import StewardCore

/// Photos with Exif (phones, cameras; Google Photos and iCloud downloads keep it): JPEG, and
/// HEIC/HEIF/AVIF, whose Exif is an item of the file (`HEIFPhotoParser`). Detected by content:
/// the JPEG start marker and an APP1 `Exif` segment before the image data, or an ISO-BMFF
/// `ftyp` box naming an image brand. A JPEG without Exif (screenshots, edited or stripped
/// images) is not claimed.
public struct ExifPhotoImporter: Importer {
    public init() {}

    public var id: String { ExifPhotoParser.source }
    public var title: String { "Photo Exif, JPEG and HEIC (GPS position and time taken)" }
    public var howToRequest: String {
        """
        Point steward at a folder of original photos: a phone's DCIM folder copied over USB, a \
        Google Takeout of Google Photos (Takeout/Google Photos/…), or iCloud Photos downloaded \
        as "Unmodified Original". Exported or messenger-shared copies often lose their GPS tags.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.head
        if let brand = ISOBMFFBrand.of(head), ISOBMFFBrand.isImage(brand) {
            return Detection(confidence: 0.9, reason: "HEIF image (ftyp brand \(brand))")
        }
        guard head.count >= 12, head[0] == 0xFF, head[1] == 0xD8, head[2] == 0xFF else { return nil }
        var i = 2
        while i + 10 <= head.count, head[i] == 0xFF {
            let marker = head[i + 1]
            if marker == 0xDA || marker == 0xD9 { return nil }
            let length = Int(head[i + 2]) << 8 | Int(head[i + 3])
            if marker == 0xE1, head[(i + 4)..<(i + 10)].elementsEqual([0x45, 0x78, 0x69, 0x66, 0x00, 0x00]) {
                return Detection(confidence: 0.9, reason: "JPEG with an Exif APP1 segment")
            }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        if let brand = ISOBMFFBrand.of(probe.head), ISOBMFFBrand.isImage(brand) { return HEIFPhotoParser() }
        return ExifPhotoParser()
    }
}
