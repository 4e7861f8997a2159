/// Turns a chunked UTF-16 byte stream into UTF-8 bytes, so byte-level parsers (CSV, tags)
/// can work on one representation. Keeps an odd byte or a lone high surrogate across chunk
/// boundaries; unpaired surrogates become U+FFFD.
public struct UTF16StreamTranscoder {
    public let bigEndian: Bool
    private var carryByte: UInt8?
    private var pendingHighSurrogate: UInt16?

    public init(bigEndian: Bool) { self.bigEndian = bigEndian }

    /// Appends the UTF-8 form of `chunk` (as far as it is complete) to `output`.
    public mutating func transcode(_ chunk: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        var i = 0
        let n = chunk.count
        if let carry = carryByte, n > 0 {
            carryByte = nil
            push(bigEndian ? UInt16(carry) << 8 | UInt16(chunk[0]) : UInt16(carry) | UInt16(chunk[0]) << 8, &output)
            i = 1
        }
        while i + 1 < n {
            let a = chunk[i], b = chunk[i + 1]
            push(bigEndian ? UInt16(a) << 8 | UInt16(b) : UInt16(a) | UInt16(b) << 8, &output)
            i += 2
        }
        if i < n { carryByte = chunk[i] }
    }

    /// Flushes what is left at the end of the stream (a cut code unit becomes U+FFFD).
    public mutating func finish(into output: inout [UInt8]) {
        if pendingHighSurrogate != nil { appendScalar(0xFFFD, &output); pendingHighSurrogate = nil }
        if carryByte != nil { appendScalar(0xFFFD, &output); carryByte = nil }
    }

    private mutating func push(_ unit: UInt16, _ output: inout [UInt8]) {
        if let high = pendingHighSurrogate {
            pendingHighSurrogate = nil
            if unit >= 0xDC00 && unit <= 0xDFFF {
                appendScalar(0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(unit) - 0xDC00), &output)
                return
            }
            appendScalar(0xFFFD, &output)
        }
        switch unit {
        case 0xD800...0xDBFF: pendingHighSurrogate = unit
        case 0xDC00...0xDFFF: appendScalar(0xFFFD, &output)
        default: appendScalar(UInt32(unit), &output)
        }
    }

    private func appendScalar(_ v: UInt32, _ out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        default:
            out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F))
            out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F))
        }
    }
}
