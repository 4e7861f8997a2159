import StewardCore
import Formats

/// A HEIC/HEIF (or AVIF) photo's Exif: where and when it was taken, the same facts and the
/// same `.photo` event as a JPEG's (`ExifPhotoParser`). The Exif block is an *item* of the file:
/// the `meta` box lists items in `iinf` (one whose type is `Exif`) and says in `iloc` where
/// each one's bytes are — normally at the start of `mdat`, right after `meta`, or inside `meta`
/// in an `idat` box. The parser walks the boxes (`ISOBMFFBoxWalker`), keeps `iinf`, `iloc`
/// and `idat`, then picks the Exif item's bytes out of the stream as they pass and is complete
/// once it has them, so the image data that follows is never read (docs/formats/photos.md).
///
/// An Exif item's data starts with a 32-bit offset to its TIFF header (usually 6, past
/// `Exif\0\0`).
public struct HEIFPhotoParser: ExportParser {
    /// Largest `iinf`/`iloc`/`idat` kept (a 48-megapixel HEIC lists about 100 tiles).
    static let maxTableBytes = 1 << 20
    /// Largest Exif item read (a JPEG's is at most 64 KiB).
    static let maxExifBytes = 256 * 1024

    private var walker = ISOBMFFBoxWalker()
    private var itemInfo: ArraySlice<UInt8>?
    private var itemLocations: ArraySlice<UInt8>?
    private var itemData: (start: Int64, bytes: ArraySlice<UInt8>)?
    private var metaEnd: Int64?
    /// Where the Exif item's bytes are in the file, once `meta` has been read.
    private var extents: [Range<Int64>] = []
    private var exif: [UInt8] = []
    private var located = false
    private var inItemData = false
    private var problem: String?
    public private(set) var isComplete = false

    /// Every byte of the Exif item's extents has been captured.
    private var exifIsWhole: Bool { exif.count == extents.reduce(0) { $0 + Int($1.count) } }

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        guard !isComplete else { return }
        let chunkStart = walker.offset
        var collected: [(ISOBMFFBoxWalker.Box, ArraySlice<UInt8>, Bool)] = []
        var metaEnd = self.metaEnd
        try walker.feed(chunk, decide: { box in
            Self.action(for: box, metaEnd: &metaEnd)
        }, collected: { box, payload, truncated in
            collected.append((box, payload, truncated))
        })
        self.metaEnd = metaEnd
        for (box, payload, truncated) in collected { keep(box, payload, truncated: truncated) }
        if !located, let metaEnd, walker.offset >= metaEnd { locateExif(unreadFrom: chunkStart) }
        if located { capture(chunk, at: chunkStart) }
        if located && (problem != nil || exifIsWhole) { isComplete = true }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        // Once complete, the rest of the file was left unread on purpose.
        if !isComplete { try walker.finish { _, _, _ in } }
        let position = SourcePosition(record: 0)
        if !located {
            // The stream ended inside `meta`, or the file has none.
            located = true
            problem = problem ?? (metaEnd == nil ? "no item table (iinf/iloc) in the meta box" : "the file ends before its Exif item")
        }
        if let problem { sink.skip(problem, at: position); return }
        guard exifIsWhole, exif.count >= 4 else {
            sink.skip("the file ends before its Exif item", at: position); return
        }
        let tiffOffset = exif[0..<4].reduce(0) { $0 << 8 | Int($1) }
        guard tiffOffset <= exif.count - 4 else {
            sink.skip("the Exif item's TIFF offset \(tiffOffset) points past its \(exif.count) bytes", at: position); return
        }
        ExifPhotoParser.emitPhoto(tiff: exif[(4 + tiffOffset)...], into: sink, at: position)
    }

    /// The Exif TIFF block and the file offset of its first byte, when the whole item has been
    /// read and lies in one piece of the file (what `--strip-gps` edits in place; an item kept
    /// in `idat` or split into extents is not located).
    public var exifTIFF: (bytes: ArraySlice<UInt8>, fileOffset: Int64)? {
        guard problem == nil, extents.count == 1, !inItemData, exif.count == Int(extents[0].count), exif.count >= 4 else { return nil }
        let tiffOffset = exif[0..<4].reduce(0) { $0 << 8 | Int($1) }
        guard tiffOffset <= exif.count - 4 else { return nil }
        return (exif[(4 + tiffOffset)...], extents[0].lowerBound + 4 + Int64(tiffOffset))
    }

    private static let meta = ISOBMFFBoxWalker.fourCC("meta")

    private static func action(for box: ISOBMFFBoxWalker.Box, metaEnd: inout Int64?) -> ISOBMFFBoxWalker.Action {
        if box.parents.isEmpty {
            guard box.type == meta, metaEnd == nil else { return .skip }
            metaEnd = box.end ?? Int64.max
            return .enter(headerBytes: 4)
        }
        guard box.parents == [meta] else { return .skip }
        switch box.type {
        case ISOBMFFBoxWalker.fourCC("iinf"), ISOBMFFBoxWalker.fourCC("iloc"), ISOBMFFBoxWalker.fourCC("idat"):
            return .collect(limit: maxTableBytes)
        default:
            return .skip
        }
    }

    private mutating func keep(_ box: ISOBMFFBoxWalker.Box, _ payload: ArraySlice<UInt8>, truncated: Bool) {
        if truncated { problem = "item table '\(ISOBMFFBoxWalker.name(box.type))' larger than \(Self.maxTableBytes >> 20) MiB"; return }
        switch box.type {
        case ISOBMFFBoxWalker.fourCC("iinf"): itemInfo = payload
        case ISOBMFFBoxWalker.fourCC("iloc"): itemLocations = payload
        default: itemData = (box.payloadStart, payload)
        }
    }

    /// Finds the Exif item in `iinf` and its extents in `iloc` (once, after `meta`); bytes from
    /// file offset `unreadFrom` on can still be captured.
    private mutating func locateExif(unreadFrom: Int64) {
        located = true
        guard problem == nil else { return }
        guard let itemInfo, let itemLocations else { problem = "no item table (iinf/iloc) in the meta box"; return }
        var reader = HEIFTableReader(itemInfo)
        guard let id = reader.exifItemID() else { problem = reader.problem ?? "no Exif item in the photo"; return }
        var locations = HEIFTableReader(itemLocations)
        guard let location = locations.location(of: id) else { problem = locations.problem ?? "no location for the Exif item"; return }
        var total: Int64 = 0
        for extent in location.extents {
            total += extent.length
            guard extent.length > 0, total <= Int64(Self.maxExifBytes) else {
                problem = "the Exif item is larger than \(Self.maxExifBytes / 1024) KiB"; return
            }
        }
        if location.inItemData {
            // Offsets into `idat`'s payload, already kept.
            guard let itemData else { problem = "the Exif item lies outside the idat box"; return }
            for extent in location.extents {
                guard extent.offset >= 0, extent.offset + extent.length <= Int64(itemData.bytes.count) else {
                    problem = "the Exif item lies outside the idat box"; return
                }
                let start = itemData.bytes.startIndex + Int(extent.offset)
                exif.append(contentsOf: itemData.bytes[start..<(start + Int(extent.length))])
            }
            extents = location.extents.map { $0.offset..<($0.offset + $0.length) }
            inItemData = true
            return
        }
        extents = location.extents.map { (location.baseOffset + $0.offset)..<(location.baseOffset + $0.offset + $0.length) }
        if extents.contains(where: { $0.lowerBound < unreadFrom }) {
            problem = "the Exif item is stored before the end of the meta box (not read: the file is streamed once)"
        }
    }

    /// Copies the bytes of the Exif extents that lie in this chunk, in extent order.
    private mutating func capture(_ chunk: UnsafeRawBufferPointer, at chunkStart: Int64) {
        guard problem == nil else { return }
        var before: Int64 = 0
        let chunkEnd = chunkStart + Int64(chunk.count)
        for extent in extents {
            // Earlier extents are whole here, so `have` is this extent's bytes so far.
            let have = Int64(exif.count) - before
            before += Int64(extent.count)
            guard have < Int64(extent.count) else { continue }
            let from = extent.lowerBound + have
            guard from >= chunkStart, from < chunkEnd else { return }
            let to = min(extent.upperBound, chunkEnd)
            exif.append(contentsOf: chunk[Int(from - chunkStart)..<Int(to - chunkStart)])
            if to < extent.upperBound { return }
        }
    }
}

/// The two item tables of a HEIF `meta` box, read from their collected payloads with every
/// field checked against the bytes there are.
struct HEIFTableReader {
    struct Extent { var offset: Int64; var length: Int64 }
    struct Location {
        var baseOffset: Int64
        var extents: [Extent]
        /// Construction method 1: offsets are into the `idat` box.
        var inItemData: Bool
    }

    private let bytes: ArraySlice<UInt8>
    private var index: Int
    private(set) var problem: String?

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        index = bytes.startIndex
    }

    private mutating func read(_ count: Int) -> UInt64? {
        guard count >= 0, count <= 8, index + count <= bytes.endIndex else { problem = "item table cut short"; return nil }
        defer { index += count }
        return bytes[index..<(index + count)].reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The id of the first item of type `Exif` in an `iinf` payload.
    mutating func exifItemID() -> UInt32? {
        guard let version = read(1), read(3) != nil, let count = read(version == 0 ? 2 : 4) else { return nil }
        for _ in 0..<min(count, 100_000) {
            let start = index
            guard let size = read(4), let type = read(4), size >= 8, start + Int(size) <= bytes.endIndex else {
                problem = problem ?? "item table cut short"; return nil
            }
            defer { index = start + Int(size) }
            guard type == UInt64(ISOBMFFBoxWalker.fourCC("infe")), let entryVersion = read(1), read(3) != nil,
                  entryVersion >= 2 else { continue }
            guard let id = read(entryVersion == 2 ? 2 : 4), read(2) != nil, let itemType = read(4) else { return nil }
            if itemType == UInt64(ISOBMFFBoxWalker.fourCC("Exif")) { return UInt32(id) }
        }
        return nil
    }

    /// Where item `id` is, from an `iloc` payload.
    mutating func location(of id: UInt32) -> Location? {
        guard let version = read(1), version <= 2, read(3) != nil, let sizes = read(1), let sizes2 = read(1) else {
            problem = problem ?? "item location table of an unknown layout"; return nil
        }
        let offsetSize = Int(sizes >> 4), lengthSize = Int(sizes & 0xF), baseOffsetSize = Int(sizes2 >> 4)
        let indexSize = version == 0 ? 0 : Int(sizes2 & 0xF)
        guard [0, 4, 8].contains(offsetSize), [0, 4, 8].contains(lengthSize), [0, 4, 8].contains(baseOffsetSize),
              [0, 4, 8].contains(indexSize) else {
            problem = "item location table of an unknown layout"; return nil
        }
        guard let count = read(version < 2 ? 2 : 4) else { return nil }
        for _ in 0..<count {
            guard let itemID = read(version < 2 ? 2 : 4) else { return nil }
            var method: UInt64 = 0
            if version >= 1 { guard let m = read(2) else { return nil }; method = m & 0xF }
            guard read(2) != nil, let base = read(baseOffsetSize), let extentCount = read(2) else { return nil }
            var extents: [Extent] = []
            for _ in 0..<extentCount {
                if indexSize > 0 { guard read(indexSize) != nil else { return nil } }
                guard let offset = read(offsetSize), let length = read(lengthSize) else { return nil }
                guard offset <= UInt64(Int64.max / 2), length <= UInt64(Int64.max / 2) else {
                    problem = "item extent beyond any file"; return nil
                }
                extents.append(Extent(offset: Int64(offset), length: Int64(length)))
            }
            if itemID == UInt64(id) {
                guard method <= 1 else { problem = "Exif item built from other items"; return nil }
                guard base <= UInt64(Int64.max / 2) else { problem = "item extent beyond any file"; return nil }
                return Location(baseOffset: Int64(base), extents: extents, inItemData: method == 1)
            }
        }
        return nil
    }
}
