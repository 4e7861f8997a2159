/// The edits that take the GPS position out of a JPEG photo's Exif, keeping everything else:
/// the GPS IFD's entries and the values they point to are overwritten with zeros and its entry
/// count set to 0, so the IFD0 pointer leads to an empty, valid GPS IFD and no offset in the
/// file moves (docs/redact.md). The image data and every other tag stay as they were.
public enum PhotoGPSStripper {
    /// nil when the photo has no GPS IFD in the Exif block steward reads (nothing to strip).
    public static func edits(path: String) throws -> [ByteEdit]? {
        var head: [UInt8] = []
        try ByteEdits.readChunks(path) { chunk, _ in
            if head.count < ExifPhotoParser.maxBytes { head.append(contentsOf: chunk.prefix(ExifPhotoParser.maxBytes - head.count)) }
        }
        guard head.starts(with: [0xFF, 0xD8]), let block = ExifPhotoParser.exifBlock(in: head),
              let reader = ExifTIFFReader(block), let first = reader.firstIFDOffset,
              let ifd0 = reader.entries(at: first),
              let pointer = ifd0.first(where: { $0.tag == 0x8825 }), let gpsOffset = reader.pointer(pointer),
              let gps = reader.entries(at: gpsOffset) else { return nil }
        let base = Int64(block.startIndex)
        var ranges: [Range<Int>] = []
        func zero(_ start: Int, _ length: Int) { if length > 0 { ranges.append(start..<(start + length)) } }
        for entry in gps {
            // Values longer than the 4-byte field live elsewhere in the block: zero them there.
            if let data = reader.dataOffset(entry), data != entry.fieldOffset {
                zero(data, reader.valueLength(entry) ?? 0)
            }
        }
        // The count, the entries and the next-IFD offset after them.
        let entries = 2 + gps.count * 12
        zero(gpsOffset, entries + 4 <= block.count - gpsOffset ? entries + 4 : entries)
        // Values may overlap (nothing stops a file from pointing two entries at one place).
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged.map { ByteEdit(start: base + Int64($0.lowerBound), end: base + Int64($0.upperBound),
                                     replacement: [UInt8](repeating: 0, count: $0.count)) }
    }
}

extension ExifTIFFReader {
    /// The byte length of an entry's values, nil for an unknown type.
    func valueLength(_ entry: Entry) -> Int? {
        let size: Int
        switch entry.type {
        case 1, 2, 6, 7: size = 1
        case 3, 8: size = 2
        case 4, 9: size = 4
        case 5, 10: size = 8
        default: return nil
        }
        return size * Int(entry.count)
    }
}
