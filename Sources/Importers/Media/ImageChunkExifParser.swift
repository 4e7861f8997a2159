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
        guard var tiff = walker.found?[...] else { sink.skip("no Exif chunk in the image", at: position); return }
        if tiff.starts(with: [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]) { tiff = tiff.dropFirst(6) }
        ExifPhotoParser.emitPhoto(tiff: tiff, into: sink, at: position)
    }
}
