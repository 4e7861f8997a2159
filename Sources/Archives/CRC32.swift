import CSystemZlib

/// zlib's CRC-32 (the checksum of ZIP members and of PNG chunks), for code that must write a
/// checksum back after changing bytes (`steward redact --strip-gps` on a PNG's Exif chunk).
public enum CRC32 {
    public static func of(_ parts: [UInt8]...) -> UInt32 {
        var crc = CSystemZlib.crc32(0, nil, 0)
        for part in parts {
            crc = part.withUnsafeBufferPointer { CSystemZlib.crc32(crc, $0.baseAddress, uInt($0.count)) }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
