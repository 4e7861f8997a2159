import CSystemZlib

/// Inflates a gzip stream pushed in chunks of any size (system zlib, windowBits 15+16), in
/// bounded output chunks. Concatenated gzip members (what `cat a.gz b.gz` and some archivers
/// produce) are inflated one after the other, as `gzip -d` does.
public final class GzipInflater {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private var stream = z_stream()
    private var open = false
    private let output: UnsafeMutablePointer<UInt8>
    private let outputSize: Int
    /// True after the end of a gzip member, until more input starts the next one.
    private(set) var atMemberEnd = false
    private(set) var consumed: Int64 = 0
    private(set) var produced: Int64 = 0

    /// True when `head` starts with the gzip magic bytes and the deflate method.
    public static func looksLikeGzip(_ head: some Collection<UInt8>) -> Bool {
        Array(head.prefix(3)) == [0x1F, 0x8B, 0x08]
    }

    init(outputSize: Int = 1 << 20) throws(Failure) {
        self.outputSize = outputSize
        output = .allocate(capacity: outputSize)
        let status = inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            output.deallocate()
            throw Failure(description: "zlib could not start (\(status))")
        }
        open = true
    }

    deinit {
        if open { inflateEnd(&stream) }
        output.deallocate()
    }

    /// Inflates `input`, handing every produced chunk to `body` (valid only during the call).
    /// `body` returns false to stop early.
    func feed(_ input: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Bool) throws {
        guard let base = input.baseAddress, input.count > 0 else { return }
        stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        consumed += Int64(input.count)
        while true {
            if atMemberEnd {
                guard stream.avail_in > 0 else { return }
                // Another gzip member follows; trailing zero padding (tar blocking) ends the stream.
                if stream.next_in[0] == 0 { stream.avail_in = 0; return }
                guard inflateReset(&stream) == Z_OK else { throw Failure(description: "zlib could not restart") }
                atMemberEnd = false
            }
            stream.next_out = output
            stream.avail_out = uInt(outputSize)
            let status = inflate(&stream, Z_NO_FLUSH)
            let count = outputSize - Int(stream.avail_out)
            if count > 0 {
                produced += Int64(count)
                if try !body(UnsafeRawBufferPointer(start: output, count: count)) { return }
            }
            switch status {
            case Z_OK:
                // A full output buffer may leave more output pending inside zlib.
                if stream.avail_in == 0 && stream.avail_out > 0 { return }
            case Z_STREAM_END:
                atMemberEnd = true
            case Z_BUF_ERROR:
                if stream.avail_in == 0 { return }
                throw Failure(description: "damaged gzip stream (no progress)")
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw Failure(description: "damaged gzip stream: \(message)")
            }
        }
    }
}
