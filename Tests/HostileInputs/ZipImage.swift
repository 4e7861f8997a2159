import CSystemZlib

/// A ZIP archive written byte by byte, so tests can build what no zip tool writes: central
/// directory entries that share one member's data, sizes that disagree between the central
/// directory and the local header, wrong CRCs, missing local headers, truncated images.
/// Layout follows PKWARE's APPNOTE (local headers, then the central directory, then the
/// end-of-central-directory record); no zip64.
public struct ZipImage {
    public struct Member {
        public var name: String
        /// The bytes as stored: plain (method 0) or raw deflate (method 8, see `deflated`).
        public var stored: [UInt8]
        public var method: UInt16
        public var uncompressedSize: UInt32
        public var crc: UInt32
        public var flags: UInt16 = 0
        /// Upper 16 bits: Unix mode (0o120777 for a symbolic link).
        public var externalAttributes: UInt32 = 0
        /// Written only in the central directory, pointing at another member's local header
        /// (`centralOffsetOf`): the overlapping-entries bomb.
        public var centralOffsetOf: Int?
        /// Added to the offset `centralOffsetOf` points at: an entry whose local header lies
        /// inside another member's data.
        public var centralOffsetAdjust = 0
        /// A compressed size declared in both headers that differs from the bytes written
        /// (a truncated member).
        public var declaredCompressedSize: UInt32?
        /// Sizes in the central directory that differ from the local header.
        public var centralCompressedSize: UInt32?
        public var centralUncompressedSize: UInt32?

        /// A member stored without compression.
        public init(_ name: String, _ bytes: [UInt8]) {
            self.name = name
            stored = bytes
            method = 0
            uncompressedSize = UInt32(bytes.count)
            crc = ZipImage.crc32(bytes)
        }

        /// A member compressed with raw deflate (zlib, level 9).
        public static func deflated(_ name: String, _ bytes: [UInt8]) -> Member {
            var member = Member(name, bytes)
            member.stored = ZipImage.deflate(bytes)
            member.method = 8
            return member
        }
    }

    public var members: [Member]
    public init(_ members: [Member]) { self.members = members }

    /// The archive's bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        var offsets: [Int] = []
        for member in members {
            offsets.append(out.count)
            if member.centralOffsetOf != nil { continue }
            let name = Array(member.name.utf8)
            out += le32(0x0403_4B50) + le16(20) + le16(member.flags) + le16(member.method) + le16(0) + le16(0x21)
            out += le32(member.crc) + le32(member.declaredCompressedSize ?? UInt32(member.stored.count)) + le32(member.uncompressedSize)
            out += le16(UInt16(name.count)) + le16(0) + name + member.stored
        }
        let directoryStart = out.count
        for (index, member) in members.enumerated() {
            let name = Array(member.name.utf8)
            let offset = (member.centralOffsetOf.map { offsets[$0] } ?? offsets[index]) + member.centralOffsetAdjust
            out += le32(0x0201_4B50) + le16(0x031E) + le16(20) + le16(member.flags) + le16(member.method) + le16(0) + le16(0x21)
            out += le32(member.crc) + le32(member.centralCompressedSize ?? member.declaredCompressedSize ?? UInt32(member.stored.count))
            out += le32(member.centralUncompressedSize ?? member.uncompressedSize)
            out += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0)
            out += le32(member.externalAttributes) + le32(UInt32(offset)) + name
        }
        let directorySize = out.count - directoryStart
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(members.count)) + le16(UInt16(members.count))
        out += le32(UInt32(directorySize)) + le32(UInt32(directoryStart)) + le16(0)
        return out
    }

    /// Where each member's local header starts in `bytes`.
    public var localHeaderOffsets: [Int] {
        var offsets: [Int] = []
        var at = 0
        for member in members {
            offsets.append(at)
            if member.centralOffsetOf == nil { at += 30 + member.name.utf8.count + member.stored.count }
        }
        return offsets
    }

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes.withUnsafeBufferPointer { CSystemZlib.crc32(0, $0.baseAddress, uInt($0.count)) })
    }

    /// Raw deflate (no zlib header), as ZIP stores it.
    public static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
                            Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let written: Int = input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                stream.next_in = inBuf.baseAddress
                stream.avail_in = uInt(inBuf.count)
                stream.next_out = outBuf.baseAddress
                stream.avail_out = uInt(outBuf.count)
                _ = CSystemZlib.deflate(&stream, Z_FINISH)
                return outBuf.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(written))
    }
}

func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }

/// A gzip stream (RFC 1952) of `bytes`: header, raw deflate, CRC-32 and size.
public func gzipBytes(_ bytes: [UInt8]) -> [UInt8] {
    [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF] + ZipImage.deflate(bytes) + le32(ZipImage.crc32(bytes)) + le32(UInt32(truncatingIfNeeded: bytes.count))
}

/// A ustar archive of regular files (names up to 100 bytes), ended by two zero blocks.
public func tarBytes(_ files: [(String, [UInt8])]) -> [UInt8] {
    var out: [UInt8] = []
    for (name, data) in files {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ s: String, _ at: Int) { for (i, b) in s.utf8.prefix(100).enumerated() { h[at + i] = b } }
        put(name, 0)
        put("0000644\0", 100); put("0000000\0", 108); put("0000000\0", 116)
        let size = String(data.count, radix: 8)
        put(String(repeating: "0", count: 11 - size.count) + size + "\0", 124)
        put("00000000000\0", 136)
        h[156] = UInt8(ascii: "0")
        put("ustar\0", 257); put("00", 263)
        for i in 148..<156 { h[i] = 0x20 }
        let sum = String(h.reduce(0) { $0 + Int($1) }, radix: 8)
        put(String(repeating: "0", count: 6 - sum.count) + sum + "\0 ", 148)
        out += h + data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }
    return out + [UInt8](repeating: 0, count: 1024)
}
