import StewardCore

/// A streaming walker over the chunks of PNG and WebP files, the two image formats built as a
/// signature followed by length-prefixed chunks (docs/formats/photos.md, "PNG and WebP"): a PNG
/// chunk is a 32-bit big-endian length, a four-letter type, the data and a CRC; a WebP (RIFF)
/// chunk is a four-letter type, a 32-bit little-endian length, the data and a pad byte when the
/// length is odd. Bytes are pushed in chunks of any size; one chunk type is collected (up to a
/// limit), every other chunk streams past unkept.
public struct ImageChunkWalker {
    public enum Layout: Sendable {
        /// PNG: signature of 8 bytes; length (BE), type; 4-byte CRC after the data.
        case png
        /// WebP: `RIFF`, size, `WEBP` (12 bytes); type, length (LE); data padded to even.
        case webp
    }

    public let layout: Layout
    /// The chunk type collected, as it is written (`eXIf`, `EXIF`).
    public let wanted: [UInt8]
    /// Largest payload collected.
    public let limit: Int

    /// The collected payload, once its chunk has passed whole.
    public private(set) var found: [UInt8]?
    /// File offset of the collected payload's first byte.
    public private(set) var foundOffset: Int64?
    private var consumed: Int64 = 0
    /// A wanted chunk longer than `limit` (its length).
    public private(set) var oversized: UInt32?
    /// True after the last chunk (PNG `IEND`) or the wanted one: nothing more to read.
    public private(set) var isDone = false

    private var header: [UInt8] = []
    private var skipping: Int64 = 0
    private var collecting: (remaining: Int, trailer: Int)?
    private var buffer: [UInt8] = []

    public init(layout: Layout, wanted: String, limit: Int) {
        self.layout = layout
        self.wanted = Array(wanted.utf8)
        self.limit = limit
        skipping = layout == .png ? 8 : 12
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer) {
        var index = 0
        while index < chunk.count, !isDone {
            if skipping > 0 {
                let take = Int(min(Int64(chunk.count - index), skipping))
                skipping -= Int64(take)
                index += take
            } else if let (remaining, trailer) = collecting {
                let take = min(chunk.count - index, remaining)
                buffer.append(contentsOf: chunk[index..<(index + take)])
                index += take
                if take == remaining {
                    collecting = nil
                    found = buffer
                    skipping = Int64(trailer)
                    isDone = true
                } else {
                    collecting = (remaining - take, trailer)
                }
            } else {
                let take = min(chunk.count - index, 8 - header.count)
                header.append(contentsOf: chunk[index..<(index + take)])
                index += take
                if header.count == 8 { startChunk(payloadOffset: consumed + Int64(index)) }
            }
        }
        consumed += Int64(chunk.count)
    }

    private mutating func startChunk(payloadOffset: Int64) {
        let type: ArraySlice<UInt8>
        let length: UInt32
        let trailer: Int
        switch layout {
        case .png:
            length = header[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
            type = header[4..<8]
            trailer = 4
        case .webp:
            type = header[0..<4]
            length = header[4..<8].reversed().reduce(0) { $0 << 8 | UInt32($1) }
            trailer = Int(length & 1)
        }
        header.removeAll(keepingCapacity: true)
        if type.elementsEqual(wanted) {
            guard Int(length) <= limit else { oversized = length; isDone = true; return }
            foundOffset = payloadOffset
            buffer.reserveCapacity(Int(length))
            collecting = (Int(length), trailer)
            if length == 0 { collecting = nil; found = []; isDone = true }
            return
        }
        if layout == .png && type.elementsEqual(Array("IEND".utf8)) { isDone = true; return }
        skipping = Int64(length) + Int64(trailer)
    }
}
