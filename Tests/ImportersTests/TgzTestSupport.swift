import Foundation
import CSystemZlib

/// Writes tar archives the way GNU tar and Python's tarfile do, for tests: ustar headers,
/// optional ustar name prefix, GNU long-name entries and pax path records.
struct TarFixtureWriter {
    enum Name { case plain, gnuLongName, pax, ustarPrefix }
    private(set) var bytes: [UInt8] = []

    mutating func add(_ path: String, _ data: [UInt8], type: UInt8 = UInt8(ascii: "0"), name: Name = .plain, linkTarget: String = "") {
        switch name {
        case .plain:
            header(path, size: data.count, type: type, linkTarget: linkTarget)
        case .gnuLongName:
            let long = Array(path.utf8) + [0]
            header("././@LongLink", size: long.count, type: UInt8(ascii: "L"))
            body(long)
            header(String(path.prefix(99)), size: data.count, type: type)
        case .pax:
            let record = "path=\(path)\n"
            var length = record.utf8.count + 3
            if String(length).count + 1 + record.utf8.count != length { length = String(length + 1).count + 1 + record.utf8.count }
            let pax = Array("\(length) \(record)".utf8)
            header("PaxHeaders/x", size: pax.count, type: UInt8(ascii: "x"))
            body(pax)
            header("truncated-name-for-old-tars", size: data.count, type: type)
        case .ustarPrefix:
            let slash = path.lastIndex(of: "/")!
            header(String(path[path.index(after: slash)...]), size: data.count, type: type, prefix: String(path[..<slash]))
        }
        if !data.isEmpty { body(data) }
    }

    mutating func end() { bytes += [UInt8](repeating: 0, count: 1024) }

    private mutating func header(_ name: String, size: Int, type: UInt8, linkTarget: String = "", prefix: String = "") {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ s: [UInt8], _ at: Int) { for (i, b) in s.enumerated() { h[at + i] = b } }
        put(Array(name.utf8.prefix(100)), 0)
        put(Array("0000644\0".utf8), 100)
        put(Array("0001750\0".utf8), 108)
        put(Array("0001750\0".utf8), 116)
        put(Array((String(repeating: "0", count: 11 - String(size, radix: 8).count) + String(size, radix: 8) + "\0").utf8), 124)
        put(Array("14611774600\0".utf8), 136)
        put(Array("        ".utf8), 148)
        h[156] = type
        put(Array(linkTarget.utf8.prefix(100)), 157)
        put(Array("ustar\0".utf8), 257)
        put(Array("00".utf8), 263)
        put(Array(prefix.utf8.prefix(155)), 345)
        let sum = h.reduce(0) { $0 + Int($1) }
        put(Array((String(repeating: "0", count: 6 - String(sum, radix: 8).count) + String(sum, radix: 8) + "\0 ").utf8), 148)
        bytes += h
    }

    private mutating func body(_ data: [UInt8]) {
        bytes += data
        bytes += [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }
}

/// gzip-compresses `bytes` with the system zlib (windowBits 15+16 writes a gzip header).
func gzipFixture(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    precondition(deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
    var input = bytes
    let produced: Int = input.withUnsafeMutableBufferPointer { inp in
        output.withUnsafeMutableBufferPointer { out in
            stream.next_in = inp.baseAddress
            stream.avail_in = uInt(inp.count)
            stream.next_out = out.baseAddress
            stream.avail_out = uInt(out.count)
            precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
            return out.count - Int(stream.avail_out)
        }
    }
    return Array(output.prefix(produced))
}
