import StewardCore

/// A JPEG photo's Exif: where and when it was taken. Only the first 128 KiB are kept (the
/// APP1 Exif segment is at most 64 KiB and comes before the image data; the rest of the file
/// is ignored as it streams past), so memory does not depend on the photo's size.
///
/// Read: IFD0 `Make`/`Model`; the Exif IFD's `DateTimeOriginal` ("2018:07:25 16:34:23", the
/// camera's local clock, no zone) and `OffsetTimeOriginal` ("+02:00", Exif 2.31+); the GPS IFD's
/// `GPSLatitude`/`GPSLongitude` (three RATIONALs: degrees, minutes, seconds) with their N/S
/// and E/W refs, `GPSDateStamp` ("2018:07:25") and `GPSTimeStamp` (three RATIONALs, UTC).
/// Time: GPS date + time is an exact UTC instant; when `DateTimeOriginal` is there too, the
/// difference (rounded to 15 minutes, within ±14 h) is the camera's UTC offset, so the time
/// keeps the person's local clock. Without GPS time, `DateTimeOriginal` with its
/// `OffsetTimeOriginal` if any, else as a local time with unknown offset.
/// One `.photo` event per file, with latitude/longitude when the photo has a GPS fix.
public struct ExifPhotoParser: ExportParser {
    public static let source = "photo.exif"
    public static let maxBytes = 128 * 1024

    private var head: [UInt8] = []
    public private(set) var isComplete = false

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        let room = Self.maxBytes - head.count
        guard room > 0 else { isComplete = true; return }
        head.append(contentsOf: chunk.prefix(room))
        // Done once the Exif segment is whole, or the image data starts without one.
        isComplete = head.count >= Self.maxBytes || Self.markerWalkEnds(in: head)
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let position = SourcePosition(record: 0)
        guard head.count >= 4, head[0] == 0xFF, head[1] == 0xD8 else { throw ParseError("not a JPEG file (no FFD8 start marker)") }
        guard let tiff = Self.exifBlock(in: head) else {
            sink.skip("no Exif block in the first \(Self.maxBytes / 1024) KiB", at: position); return
        }
        Self.emitPhoto(tiff: tiff, into: sink, at: position)
    }

    /// The photo event of one Exif TIFF block (a JPEG's APP1 segment, a HEIC's Exif item), or
    /// the reason there is none.
    static func emitPhoto(tiff: ArraySlice<UInt8>, into sink: EventSink, at position: SourcePosition) {
        guard let reader = ExifTIFFReader(tiff) else { sink.skip("Exif block without a valid TIFF header", at: position); return }
        var info = ExifPhotoInfo()
        info.read(reader)
        if let problem = info.problem { sink.warn(problem, at: position) }
        guard info.time != nil || info.latitude != nil else {
            sink.skip("Exif has neither a date nor a GPS position", at: position); return
        }
        let camera = [info.make, info.model].compactMap { $0 }.joined(separator: " ")
        sink.emit(Event(source: Self.source, kind: .photo, time: info.time, text: gpsText(info.latitude, info.longitude),
                        title: camera.isEmpty ? "Photo" : "Photo · \(camera)",
                        latitude: info.latitude, longitude: info.longitude,
                        product: camera.isEmpty ? nil : camera, position: position))
    }

    /// "GPS 50.095311, -14.426667", the text of a photo or video with a position.
    static func gpsText(_ latitude: Double?, _ longitude: Double?) -> String? {
        guard let latitude, let longitude else { return nil }
        return "GPS \(fixed(latitude)), \(fixed(longitude))"
    }

    /// Where the walk over a JPEG's markers before the image data got to.
    enum MarkerWalk: Equatable {
        /// The TIFF bytes of the first APP1 `Exif\0\0` segment.
        case exif(Range<Int>)
        /// No Exif: the image data or the end of the file came first, or a byte that is not a marker.
        case none
        /// The bytes end inside a segment before either.
        case incomplete
    }

    static func walkMarkers(_ bytes: [UInt8]) -> MarkerWalk {
        var i = 2
        while i + 4 <= bytes.count {
            guard bytes[i] == 0xFF else { return .none }
            let marker = bytes[i + 1]
            if marker == 0xFF { i += 1; continue }                       // fill byte
            if marker == 0xDA || marker == 0xD9 { return .none }         // image data or end: no Exif before it
            if (0xD0...0xD7).contains(marker) || marker == 0x01 { i += 2; continue } // markers without length
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            guard length >= 2 else { return .none }
            let segmentStart = i + 4, segmentEnd = i + 2 + length
            if marker == 0xE1, length >= 8 {
                guard segmentEnd <= bytes.count else { return .incomplete }
                if bytes[segmentStart..<(segmentStart + 6)].elementsEqual([0x45, 0x78, 0x69, 0x66, 0x00, 0x00]) {
                    return .exif((segmentStart + 6)..<segmentEnd)
                }
            }
            i = segmentEnd
        }
        return .incomplete
    }

    /// Whether the head already holds all `exifBlock` can find.
    static func markerWalkEnds(in bytes: [UInt8]) -> Bool { walkMarkers(bytes) != .incomplete }

    /// The TIFF bytes of the first APP1 `Exif\0\0` segment, walking the JPEG markers before
    /// the image data (SOS). nil when there is none or a length points past the kept head.
    static func exifBlock(in bytes: [UInt8]) -> ArraySlice<UInt8>? {
        if case .exif(let range) = walkMarkers(bytes) { return bytes[range] }
        return nil
    }

    static func fixed(_ v: Double) -> String {
        let scaled = Int64((v * 1_000_000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let m = scaled.magnitude
        let frac = String(m % 1_000_000)
        return "\(sign)\(m / 1_000_000).\(String(repeating: "0", count: 6 - frac.count))\(frac)"
    }
}
