import StewardCore
import Formats

/// When and where an MP4 or MOV video was recorded, from its `moov` box (docs/formats/photos.md,
/// "Videos"). Phones write:
/// - `moov/mvhd`: creation time, seconds since 1904-01-01 UTC (0 when unset);
/// - QuickTime metadata (`moov/meta` with `keys` and `ilst`, iPhones):
///   `com.apple.quicktime.location.ISO6709` ("+48.8584+002.2945+035.000/"),
///   `com.apple.quicktime.creationdate` (local time with its offset, "2019-06-01T10:15:00+0200"),
///   `com.apple.quicktime.make` and `.model`;
/// - `moov/udta/©xyz` (Android's recorder): the ISO 6709 position.
/// The tracks (`trak`, whose sample tables are most of `moov`) and the media data (`mdat`) stream
/// past unkept; the parser is complete once `moov` has been read, so a video whose `moov` comes
/// first is read no further (one recorded with `moov` at the end is streamed to it).
/// One `.photo` event per file (titled "Video"), source `video.metadata`.
public struct VideoMetadataParser: ExportParser {
    public static let source = "video.metadata"
    static let maxKeysBytes = 64 * 1024
    static let maxValueBytes = 4 * 1024

    private var walker = ISOBMFFBoxWalker()
    private var moovEnd: Int64?
    private var creation: Timestamp?
    private var localCreation: Timestamp?
    private var position: (latitude: Double, longitude: Double)?
    private var make: String?
    private var model: String?
    /// QuickTime metadata key names by their 1-based index in `keys`.
    private var keyNames: [String] = []
    /// `ilst` values met before `keys` (the order is not fixed), by key index.
    private var pendingValues: [(index: Int, value: [UInt8])] = []
    private var warnings: [String] = []
    public private(set) var isComplete = false

    public init() {}

    private static let moov = ISOBMFFBoxWalker.fourCC("moov")
    private static let udta = ISOBMFFBoxWalker.fourCC("udta")
    private static let meta = ISOBMFFBoxWalker.fourCC("meta")
    private static let ilst = ISOBMFFBoxWalker.fourCC("ilst")
    private static let xyz: UInt32 = 0xA978_797A   // ©xyz

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        guard !isComplete else { return }
        var collected: [(ISOBMFFBoxWalker.Box, [UInt8], Bool)] = []
        var moovEnd = self.moovEnd
        try walker.feed(chunk, decide: { box in
            Self.action(for: box, moovEnd: &moovEnd)
        }, collected: { box, payload, truncated in
            collected.append((box, Array(payload), truncated))
        })
        self.moovEnd = moovEnd
        for (box, payload, truncated) in collected { keep(box, payload, truncated: truncated) }
        if let moovEnd, walker.offset >= moovEnd { isComplete = true }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        // Once complete, the rest of the file was left unread on purpose.
        if !isComplete {
            var last: (ISOBMFFBoxWalker.Box, [UInt8], Bool)?
            try walker.finish { box, payload, truncated in last = (box, Array(payload), truncated) }
            if let (box, payload, truncated) = last { keep(box, payload, truncated: truncated) }
        }
        let at = SourcePosition(record: 0)
        for warning in warnings { sink.warn(warning, at: at) }
        guard moovEnd != nil else { sink.skip("no movie box (moov): the recording was cut short", at: at); return }
        let time = localCreation ?? creation
        guard time != nil || position != nil else {
            sink.skip("the movie box has neither a recording time nor a position", at: at); return
        }
        let camera = [make, model].compactMap { $0 }.joined(separator: " ")
        sink.emit(Event(source: Self.source, kind: .photo, time: time,
                        text: ExifPhotoParser.gpsText(position?.latitude, position?.longitude),
                        title: camera.isEmpty ? "Video" : "Video · \(camera)",
                        latitude: position?.latitude, longitude: position?.longitude,
                        product: camera.isEmpty ? nil : camera, position: at))
    }

    private static func action(for box: ISOBMFFBoxWalker.Box, moovEnd: inout Int64?) -> ISOBMFFBoxWalker.Action {
        let parents = box.parents
        if parents.isEmpty {
            guard box.type == moov, moovEnd == nil else { return .skip }
            moovEnd = box.end ?? Int64.max
            return .enter(headerBytes: 0)
        }
        guard parents.first == moov else { return .skip }
        switch (parents.count, box.type) {
        case (1, ISOBMFFBoxWalker.fourCC("mvhd")): return .collect(limit: 128)
        case (1, udta): return .enter(headerBytes: 0)
        // moov/meta (Apple's keys) and moov/udta/meta (iTunes-style items): two cases, so the
        // udta condition visibly belongs to the second only.
        case (1, meta): return .enterMeta
        case (2, meta) where parents.last == udta: return .enterMeta
        case (2, xyz) where parents.last == udta: return .collect(limit: 256)
        default: break
        }
        guard parents.last == meta || parents.dropLast().last == meta || parents.dropLast(2).last == meta else { return .skip }
        switch box.type {
        case ISOBMFFBoxWalker.fourCC("keys") where parents.last == meta: return .collect(limit: maxKeysBytes)
        case ilst where parents.last == meta: return .enter(headerBytes: 0)
        case _ where parents.last == ilst: return .enter(headerBytes: 0)
        case ISOBMFFBoxWalker.fourCC("data") where parents.dropLast().last == ilst: return .collect(limit: maxValueBytes)
        default: return .skip
        }
    }

    private mutating func keep(_ box: ISOBMFFBoxWalker.Box, _ payload: [UInt8], truncated: Bool) {
        switch box.type {
        case ISOBMFFBoxWalker.fourCC("mvhd"):
            creation = Self.movieCreation(payload)
        case Self.xyz:
            // A 16-bit length and a language code, then the text.
            guard payload.count > 4, position == nil else { return }
            let length = Int(payload[0]) << 8 | Int(payload[1])
            position = Self.iso6709(payload[4..<min(payload.count, 4 + length)])
        case ISOBMFFBoxWalker.fourCC("keys"):
            keyNames = Self.keyNames(payload)
            let values = pendingValues
            pendingValues = []
            for (index, value) in values { apply(index: index, value: value) }
        case ISOBMFFBoxWalker.fourCC("data"):
            guard !truncated, let item = box.parents.last, payload.count >= 8 else { return }
            // Type indicator (1: UTF-8 text) and locale, then the value.
            guard payload[0..<4].elementsEqual([0, 0, 0, 1]) else { return }
            let value = Array(payload[8...])
            if keyNames.isEmpty { pendingValues.append((Int(item), value)) } else { apply(index: Int(item), value: value) }
        default:
            break
        }
    }

    private mutating func apply(index: Int, value: [UInt8]) {
        guard index >= 1, index <= keyNames.count else { return }
        let text = String(decoding: value, as: UTF8.self)
        switch keyNames[index - 1] {
        case "com.apple.quicktime.location.ISO6709": position = Self.iso6709(value[...]) ?? position
        case "com.apple.quicktime.creationdate":
            if let time = Self.quickTimeDate(text) { localCreation = time } else {
                warnings.append("unreadable creation date \(QuotedValue.describe(text))")
            }
        case "com.apple.quicktime.make": make = text.isEmpty ? nil : text
        case "com.apple.quicktime.model": model = text.isEmpty ? nil : text
        default: break
        }
    }

    /// Seconds from 1904-01-01 to 1970-01-01.
    static let macEpochOffset: Int64 = 2_082_844_800

    /// `mvhd` creation time (version 0: 32-bit, version 1: 64-bit seconds since 1904, UTC); nil
    /// when unset (0) or outside 1971–2100, which recorders write when their clock was not set.
    static func movieCreation(_ payload: [UInt8]) -> Timestamp? {
        guard let version = payload.first else { return nil }
        let width = version == 1 ? 8 : 4
        guard payload.count >= 4 + width else { return nil }
        let seconds = payload[4..<(4 + width)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard seconds > UInt64(macEpochOffset + 365 * 86_400), seconds < UInt64(macEpochOffset + 4_102_444_800) else { return nil }
        return Timestamp(epochSeconds: Int64(seconds) - macEpochOffset, utcOffsetSeconds: 0)
    }

    /// The names of a `keys` box (full box: version and flags, a count, then entries of size,
    /// namespace and name).
    static func keyNames(_ payload: [UInt8]) -> [String] {
        guard payload.count >= 8 else { return [] }
        let count = payload[4..<8].reduce(0) { $0 << 8 | Int($1) }
        var names: [String] = []
        var index = 8
        while names.count < min(count, 1_000), index + 8 <= payload.count {
            let size = payload[index..<(index + 4)].reduce(0) { $0 << 8 | Int($1) }
            guard size >= 8, index + size <= payload.count else { break }
            names.append(String(decoding: payload[(index + 8)..<(index + size)], as: UTF8.self))
            index += size
        }
        return names
    }

    /// Latitude and longitude of an ISO 6709 point in decimal degrees ("+48.8584+002.2945+035.000/").
    static func iso6709(_ bytes: ArraySlice<UInt8>) -> (latitude: Double, longitude: Double)? {
        var numbers: [Double] = []
        var index = bytes.startIndex
        while index < bytes.endIndex, numbers.count < 2 {
            let sign = bytes[index]
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
            var end = index + 1
            while end < bytes.endIndex, bytes[end] == UInt8(ascii: ".") || (0x30...0x39).contains(bytes[end]) { end += 1 }
            guard let value = Double(String(decoding: bytes[(index + 1)..<end], as: UTF8.self)) else { return nil }
            numbers.append(sign == UInt8(ascii: "-") ? -value : value)
            index = end
        }
        guard numbers.count == 2, abs(numbers[0]) <= 90, abs(numbers[1]) <= 180,
              numbers[0] != 0 || numbers[1] != 0 else { return nil }
        return (numbers[0], numbers[1])
    }

    /// "2019-06-01T10:15:00+0200" (QuickTime writes the offset without a colon).
    static func quickTimeDate(_ text: String) -> Timestamp? {
        var bytes = Array(text.utf8)
        if bytes.count == 24, bytes[19] == UInt8(ascii: "+") || bytes[19] == UInt8(ascii: "-") {
            bytes.insert(UInt8(ascii: ":"), at: 22)
        }
        return Timestamp.parseISO8601(bytes)
    }
}
