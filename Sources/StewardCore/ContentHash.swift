/// XXH64 (Yann Collet's xxHash, 64-bit variant), streamed: bytes in any chunking give the
/// same digest as one call. Used to find identical input files and to key records for
/// overlap detection (docs/duplicates.md). Not a cryptographic hash: it guards against
/// accidental equality, which is all that reading a copy once needs; candidates are also
/// required to have the same size.
public struct ContentHash: Sendable {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var v1: UInt64
    private var v2: UInt64
    private var v3: UInt64
    private var v4: UInt64
    private let seed: UInt64
    private var length: UInt64 = 0
    /// Up to 31 bytes not yet folded into the four lanes.
    private var pending: [UInt8] = []

    public init(seed: UInt64 = 0) {
        self.seed = seed
        v1 = seed &+ Self.p1 &+ Self.p2
        v2 = seed &+ Self.p2
        v3 = seed
        v4 = seed &- Self.p1
    }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        var acc = acc &+ input &* p2
        acc = (acc << 31) | (acc >> 33)
        return acc &* p1
    }

    @inline(__always) private static func mergeRound(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        let acc = acc ^ round(0, value)
        return acc &* p1 &+ p4
    }

    @inline(__always) private static func load64(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always) private mutating func stripes(_ base: UnsafeRawPointer, count: Int) {
        var offset = 0
        var a = v1, b = v2, c = v3, d = v4
        while offset + 32 <= count {
            a = Self.round(a, Self.load64(base, offset))
            b = Self.round(b, Self.load64(base, offset + 8))
            c = Self.round(c, Self.load64(base, offset + 16))
            d = Self.round(d, Self.load64(base, offset + 24))
            offset += 32
        }
        v1 = a; v2 = b; v3 = c; v4 = d
    }

    /// Adds the next bytes of the stream.
    public mutating func update(_ chunk: UnsafeRawBufferPointer) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        length &+= UInt64(chunk.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(32 - pending.count, chunk.count)
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<take]))
            start = take
            guard pending.count == 32 else { return }
            pending.withUnsafeBytes { stripes($0.baseAddress!, count: 32) }
            pending.removeAll(keepingCapacity: true)
        }
        let whole = (chunk.count - start) / 32 * 32
        if whole > 0 { stripes(base + start, count: whole) }
        if start + whole < chunk.count {
            pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[(start + whole)...]))
        }
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// The digest of everything added so far (the state is left unchanged).
    public var digest: UInt64 {
        pending.withUnsafeBytes { finish(tail: $0) }
    }

    /// The digest, given the bytes not yet folded into the lanes (fewer than 32).
    private func finish(tail raw: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64
        if length >= 32 {
            h = ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52)) &+ ((v4 << 18) | (v4 >> 46))
            h = Self.mergeRound(h, v1)
            h = Self.mergeRound(h, v2)
            h = Self.mergeRound(h, v3)
            h = Self.mergeRound(h, v4)
        } else {
            h = seed &+ Self.p5
        }
        h &+= length
        do {
            let base = raw.baseAddress
            var offset = 0
            let count = raw.count
            while offset + 8 <= count {
                let k = Self.round(0, Self.load64(base!, offset))
                h ^= k
                h = ((h << 27) | (h >> 37)) &* Self.p1 &+ Self.p4
                offset += 8
            }
            if offset + 4 <= count {
                let word = UInt64(UInt32(littleEndian: base!.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                h ^= word &* Self.p1
                h = ((h << 23) | (h >> 41)) &* Self.p2 &+ Self.p3
                offset += 4
            }
            while offset < count {
                h ^= UInt64(raw[offset]) &* Self.p5
                h = ((h << 11) | (h >> 53)) &* Self.p1
                offset += 1
            }
        }
        h ^= h >> 33
        h &*= Self.p2
        h ^= h >> 29
        h &*= Self.p3
        h ^= h >> 32
        return h
    }

    /// Digest of one byte array.
    public static func of(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { of($0, seed: seed) }
    }

    /// Digest of bytes in memory, without buffering (record keys are hashed per record).
    public static func of(_ raw: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var hash = ContentHash(seed: seed)
        let whole = raw.count / 32 * 32
        hash.length = UInt64(raw.count)
        if whole > 0, let base = raw.baseAddress { hash.stripes(base, count: whole) }
        return hash.finish(tail: UnsafeRawBufferPointer(rebasing: raw[whole...]))
    }

    /// Mixes two 64-bit values into one (for keys built from a digest and small numbers).
    public static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a ^ (b &+ 0x9E37_79B9_7F4A_7C15 &+ (a << 6) &+ (a >> 2))
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
