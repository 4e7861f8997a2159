import StewardCore
import Formats

/// A PNG's `eXIf` chunk or a WebP's `EXIF` chunk: the same Exif TIFF block as a JPEG's APP1
/// segment (some WebP writers keep JPEG's `Exif\0\0` in front of it), read into the same
/// `.photo` event (`ExifPhotoParser.emitPhoto`). The chunks before it stream past unkept; the
/// parser is complete once it has the Exif chunk or the PNG ends (docs/formats/photos.md).
public struct ImageChunkExifParser: ExportParser {
    static let maxExifBytes = 256 * 1024

    private var walker: ImageChunkWalker
    public var isComplete: Bool { walker.isDone }

    public init(layout: ImageChunkWalker.Layout) {
        walker = ImageChunkWalker(layout: layout, wanted: layout == .png ? "eXIf" : "EXIF", limit: Self.maxExifBytes)
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        walker.feed(chunk)
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let position = SourcePosition(record: 0)
        if walker.oversized != nil {
            sink.skip("the Exif item is larger than \(Self.maxExifBytes / 1024) KiB", at: position); return
        }
        guard let tiff = exifTIFF else { sink.skip("no Exif chunk in the image", at: position); return }
        ExifPhotoParser.emitPhoto(tiff: tiff.bytes, into: sink, at: position)
    }

    /// The Exif TIFF block and the file offset of its first byte, once the chunk has passed
    /// (what `--strip-gps` edits in place).
    /// A PNG's whole `eXIf` chunk data and its file offset (nil for a WebP, whose chunks carry
    /// no checksum).
    public var pngExifChunk: (data: [UInt8], dataOffset: Int64)? {
        guard walker.layout == .png, let found = walker.found, let offset = walker.foundOffset else { return nil }
        return (found, offset)
    }

    public var exifTIFF: (bytes: ArraySlice<UInt8>, fileOffset: Int64)? {
        guard let found = walker.found, let offset = walker.foundOffset else { return nil }
        let prefixed = found.starts(with: [0x45, 0x78, 0x69, 0x66, 0x00, 0x00])
        return (found[(prefixed ? 6 : 0)...], offset + (prefixed ? 6 : 0))
    }
}
