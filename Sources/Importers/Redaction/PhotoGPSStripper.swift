import Formats
import Archives
/// The edits that take the GPS position out of a photo's Exif (JPEG, HEIC, PNG, WebP), keeping everything else:
/// the GPS IFD's entries and the values they point to are overwritten with zeros and its entry
/// count set to 0, so the IFD0 pointer leads to an empty, valid GPS IFD and no offset in the
/// file moves (docs/redact.md). The image data and every other tag stay as they were.
public enum PhotoGPSStripper {
    /// nil when the photo has no GPS IFD in the Exif block steward reads (nothing to strip).
    public static func edits(path: String) throws -> [ByteEdit]? {
        guard let located = try locateExif(path: path) else { return nil }
        let block = located.tiff, base = located.tiffOffset
        guard let reader = ExifTIFFReader(block), let first = reader.firstIFDOffset,
              let ifd0 = reader.entries(at: first),
              let pointer = ifd0.first(where: { $0.tag == 0x8825 }), let gpsOffset = reader.pointer(pointer),
              let gps = reader.entries(at: gpsOffset) else { return nil }
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
        var edits = merged.map { ByteEdit(start: base + Int64($0.lowerBound), end: base + Int64($0.upperBound),
                                          replacement: [UInt8](repeating: 0, count: $0.count)) }
        if let chunk = located.pngChunk {
            // A PNG chunk ends with the CRC-32 of its type and data: written anew for the
            // zeroed data, or readers would drop the whole Exif chunk as damaged.
            var data = chunk.data
            for edit in edits {
                let from = Int(edit.start - chunk.dataOffset), to = Int(edit.end - chunk.dataOffset)
                guard from >= 0, to <= data.count else { continue }
                data.replaceSubrange(from..<to, with: edit.replacement)
            }
            let crc = CRC32.of(Array("eXIf".utf8), data)
            let end = chunk.dataOffset + Int64(data.count)
            edits.append(ByteEdit(start: end, end: end + 4, replacement: (0..<4).reversed().map { UInt8(crc >> (8 * $0) & 0xFF) }))
        }
        return edits
    }

    /// Where a photo's Exif TIFF block is: its bytes, the file offset of its first byte, and for
    /// a PNG the `eXIf` chunk holding it (whose CRC must be written anew).
    struct LocatedExif {
        var tiff: ArraySlice<UInt8>
        var tiffOffset: Int64
        var pngChunk: (data: [UInt8], dataOffset: Int64)?
    }

    /// A JPEG's APP1 segment from its head, or what the HEIC, PNG or WebP parser finds, in one
    /// reading of the file (the format is told by its first chunk, as a scan tells it).
    static func locateExif(path: String) throws -> LocatedExif? {
        var head: [UInt8] = []
        var parser: (any ExportParser)?
        let ignored = EventSink { _ in }
        try ByteEdits.readChunks(path) { chunk, _ in
            if head.isEmpty, !chunk.starts(with: [0xFF, 0xD8]) {
                let importer = ExifPhotoImporter()
                let probe = FileProbe(path: path, head: Array(chunk.prefix(FileProbe.headLength)), size: nil)
                if importer.detect(probe) != nil { parser = importer.makeParser(for: probe) }
            }
            if head.count < ExifPhotoParser.maxBytes { head.append(contentsOf: chunk.prefix(ExifPhotoParser.maxBytes - head.count)) }
            if var running = parser, !running.isComplete {
                try? running.feed(UnsafeRawBufferPointer(chunk), into: ignored)
                parser = running
            }
        }
        switch parser {
        case nil:
            guard head.starts(with: [0xFF, 0xD8]), let block = ExifPhotoParser.exifBlock(in: head) else { return nil }
            return LocatedExif(tiff: block, tiffOffset: Int64(block.startIndex))
        case var heif as HEIFPhotoParser:
            try? heif.finish(into: ignored)
            return heif.exifTIFF.map { LocatedExif(tiff: $0.bytes, tiffOffset: $0.fileOffset) }
        case let chunked as ImageChunkExifParser:
            return chunked.exifTIFF.map { LocatedExif(tiff: $0.bytes, tiffOffset: $0.fileOffset, pngChunk: chunked.pngExifChunk) }
        default:
            return nil
        }
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
