/// Bounds-checked reads in an Exif TIFF block (the bytes after `Exif\0\0` in a JPEG's APP1
/// segment): the byte order from its `II`/`MM` header, IFD entries, and the values EXIF
/// stores (ASCII, SHORT, LONG, RATIONAL). Every offset comes from the file, so every read
/// checks it against the block and returns nil rather than trapping; IFD walks are bounded.
struct ExifTIFFReader {
    let bytes: ArraySlice<UInt8>
    let littleEndian: Bool

    struct Entry {
        var tag: UInt16
        var type: UInt16
        var count: UInt32
        /// Offset (from the TIFF start) of the entry's 4-byte value/offset field.
        var fieldOffset: Int
    }

    /// Reads the header; nil when it is not `II*\0` or `MM\0*`.
    init?(_ tiff: ArraySlice<UInt8>) {
        guard tiff.count >= 8 else { return nil }
        let s = tiff.startIndex
        if tiff[s] == 0x49 && tiff[s + 1] == 0x49 { littleEndian = true }
        else if tiff[s] == 0x4D && tiff[s + 1] == 0x4D { littleEndian = false }
        else { return nil }
        bytes = tiff
        guard u16(2) == 42 else { return nil }
    }

    var firstIFDOffset: Int? { u32(4).map(Int.init) }

    func u16(_ offset: Int) -> UInt16? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        let a = UInt16(bytes[bytes.startIndex + offset]), b = UInt16(bytes[bytes.startIndex + offset + 1])
        return littleEndian ? a | b << 8 : a << 8 | b
    }

    func u32(_ offset: Int) -> UInt32? {
        guard let lo = u16(littleEndian ? offset : offset + 2), let hi = u16(littleEndian ? offset + 2 : offset) else { return nil }
        return UInt32(lo) | UInt32(hi) << 16
    }

    /// The entries of the IFD at `offset` (at most 512: real IFDs hold a few dozen), or nil
    /// when the IFD lies outside the block.
    func entries(at offset: Int) -> [Entry]? {
        guard let count = u16(offset), count <= 512, offset + 2 + Int(count) * 12 <= bytes.count else { return nil }
        var result: [Entry] = []
        result.reserveCapacity(Int(count))
        for k in 0..<Int(count) {
            let e = offset + 2 + k * 12
            guard let tag = u16(e), let type = u16(e + 2), let n = u32(e + 4) else { return nil }
            result.append(Entry(tag: tag, type: type, count: n, fieldOffset: e + 8))
        }
        return result
    }

    private static func typeSize(_ type: UInt16) -> Int? {
        switch type {
        case 1, 2, 6, 7: return 1   // BYTE, ASCII, SBYTE, UNDEFINED
        case 3, 8: return 2         // SHORT, SSHORT
        case 4, 9: return 4         // LONG, SLONG
        case 5, 10: return 8        // RATIONAL, SRATIONAL
        default: return nil
        }
    }

    /// Where an entry's data starts: inside the field when it fits in 4 bytes, else at the
    /// offset the field holds. nil when the data would lie outside the block.
    func dataOffset(_ entry: Entry) -> Int? {
        guard let size = Self.typeSize(entry.type), entry.count <= 1 << 16 else { return nil }
        let length = size * Int(entry.count)
        let start: Int
        if length <= 4 { start = entry.fieldOffset } else { guard let o = u32(entry.fieldOffset) else { return nil }; start = Int(o) }
        guard start >= 0, start + length <= bytes.count else { return nil }
        return start
    }

    /// An IFD pointer (ExifIFD 0x8769, GPS IFD 0x8825): a LONG holding an offset.
    func pointer(_ entry: Entry) -> Int? {
        guard entry.type == 4 || entry.type == 13, entry.count == 1 else { return nil }
        return u32(entry.fieldOffset).map(Int.init)
    }

    /// ASCII text up to its NUL, ASCII-only bytes kept (camera strings are ASCII by spec).
    func ascii(_ entry: Entry) -> String? {
        guard entry.type == 2, let start = dataOffset(entry) else { return nil }
        var scalars: [UInt8] = []
        for k in 0..<Int(entry.count) {
            let c = bytes[bytes.startIndex + start + k]
            if c == 0 { break }
            scalars.append(c < 0x20 || c > 0x7E ? 0x3F : c)
        }
        let text = String(decoding: scalars, as: UTF8.self)
        return text.isEmpty ? nil : text
    }

    /// The `index`-th unsigned RATIONAL of an entry as a Double; nil for a zero denominator.
    func rational(_ entry: Entry, _ index: Int) -> Double? {
        guard entry.type == 5 || entry.type == 10, index < Int(entry.count), let start = dataOffset(entry),
              let numerator = u32(start + index * 8), let denominator = u32(start + index * 8 + 4), denominator != 0 else { return nil }
        if entry.type == 10 { return Double(Int32(bitPattern: numerator)) / Double(Int32(bitPattern: denominator)) }
        return Double(numerator) / Double(denominator)
    }
}
