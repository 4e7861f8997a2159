import StewardCore
import Formats

/// Photos with Exif (phones, cameras; Google Photos and iCloud downloads keep it): JPEG;
/// HEIC/HEIF/AVIF, whose Exif is an item of the file (`HEIFPhotoParser`); PNG and WebP, whose
/// Exif is a chunk (`ImageChunkExifParser`). Detected by content: the JPEG start marker and an
/// APP1 `Exif` segment before the image data, an ISO-BMFF `ftyp` box naming an image brand, a
/// PNG `eXIf` chunk before the image data, a WebP `VP8X` header with its Exif flag. An image
/// without Exif (screenshots, edited or stripped images) is not claimed.
public struct ExifPhotoImporter: Importer {
    public init() {}

    public var id: String { ExifPhotoParser.source }
    public var title: String { "Photo Exif: JPEG, HEIC, PNG, WebP (GPS position and time taken)" }
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
        if let layout = Self.chunkLayout(head), Self.announcesExif(head, layout) {
            return Detection(confidence: 0.9, reason: layout == .png ? "PNG with an eXIf chunk" : "WebP with Exif (VP8X flag)")
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
        if let layout = Self.chunkLayout(probe.head) { return ImageChunkExifParser(layout: layout) }
        return ExifPhotoParser()
    }
}

extension ExifPhotoImporter {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// PNG by its signature, WebP by `RIFF` … `WEBP`.
    static func chunkLayout(_ head: [UInt8]) -> ImageChunkWalker.Layout? {
        if head.starts(with: pngSignature) { return .png }
        if head.count >= 16, head.starts(with: Array("RIFF".utf8)), head[8..<12].elementsEqual(Array("WEBP".utf8)) { return .webp }
        return nil
    }

    /// Whether the head shows Exif to come: a PNG `eXIf` chunk before the image data (where
    /// writers put it; a PNG without one, such as a screenshot, is not claimed), or a WebP
    /// extended header (`VP8X`) with its Exif flag (the chunk itself usually follows the image).
    static func announcesExif(_ head: [UInt8], _ layout: ImageChunkWalker.Layout) -> Bool {
        switch layout {
        case .webp:
            return head.count >= 21 && head[12..<16].elementsEqual(Array("VP8X".utf8)) && head[20] & 0x08 != 0
        case .png:
            var index = 8
            while index + 8 <= head.count {
                let length = head[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
                let type = head[(index + 4)..<(index + 8)]
                if type.elementsEqual(Array("eXIf".utf8)) { return true }
                if type.elementsEqual(Array("IDAT".utf8)) || type.elementsEqual(Array("IEND".utf8)) { return false }
                index += 12 + length
            }
            return false
        }
    }
}

