/// One gzip-compressed file that is not a tar archive (Strava's `activities/123.fit.gz`, a
/// `Records.json.gz`), read as the file it holds: the bytes are inflated as they stream
/// (`GzipInflater`), never written anywhere. The display path joins the `.gz` file and the
/// inner name with `!`, as archive members are shown, so detection sees the inner name
/// (`123.fit`) and a report still names the file on disk.
///
/// The zip-bomb limits of `ZipArchiveReader.Limits` apply as to a ZIP member: more than
/// `maxMemberBytes` inflated, or more than `maxCompressionRatio` times the compressed size past
/// `ratioFloorBytes`, stops the stream with `DiscoveryError.zipBomb`.
public struct GzipMemberSource: ByteSource {
    let outer: ByteSource
    let limits: ZipArchiveReader.Limits
    public let displayPath: String
    /// Unknown before inflating: gzip's trailer states the size modulo 2³², at the end.
    public var size: Int64? { nil }

    public init(outer: ByteSource, limits: ZipArchiveReader.Limits, innerName: String) {
        self.outer = outer
        self.limits = limits
        self.displayPath = outer.displayPath + "!" + innerName
    }

    /// The name of the file inside a gzip stream: the `.gz` file's own name without `.gz`
    /// (what `gzip -d` writes), else the name stored in the gzip header (`FNAME`), else the
    /// `.gz` file's name as it is.
    public static func innerName(outerPath: String, head: [UInt8]) -> String {
        let name = String(outerPath.split(whereSeparator: { $0 == "/" || $0 == "!" }).last ?? Substring(outerPath))
        if name.count > 3, name.lowercased().hasSuffix(".gz") { return String(name.dropLast(3)) }
        if let stored = storedName(head), !stored.isEmpty { return stored }
        return name
    }

    /// The `FNAME` field of a gzip header (RFC 1952 §2.3.1): a zero-terminated name after the
    /// optional extra field; only its last path component, capped at 255 bytes.
    static func storedName(_ head: [UInt8]) -> String? {
        guard head.count > 10, GzipInflater.looksLikeGzip(head) else { return nil }
        let flags = head[3]
        guard flags & 0x08 != 0 else { return nil }
        var at = 10
        if flags & 0x04 != 0 {
            guard head.count >= at + 2 else { return nil }
            at += 2 + Int(head[at]) | Int(head[at + 1]) << 8
        }
        guard at < head.count, let end = head[at...].prefix(256).firstIndex(of: 0) else { return nil }
        let name = String(decoding: head[at..<end], as: UTF8.self)
        return name.split(separator: "/").last.map(String.init)
    }

    /// True when the inflated start of a gzip stream is a tar archive: the ustar magic at byte
    /// 257 of the first header (POSIX and GNU tar write it; a tarball written by pre-POSIX tar
    /// is recognized by its name, `.tar.gz`/`.tgz`, instead).
    public static func holdsTar(inflatedHead: [UInt8], outerPath: String) -> Bool {
        if inflatedHead.count >= 262, Array(inflatedHead[257..<262]) == Array("ustar".utf8) { return true }
        let lower = outerPath.lowercased()
        return lower.hasSuffix(".tar.gz") || lower.hasSuffix(".tgz") || lower.hasSuffix(".taz")
    }

    /// Inflates the first `count` bytes of a gzip source (for deciding what it holds); nil when
    /// the stream cannot be inflated at all.
    public static func inflatedHead(of source: ByteSource, count: Int) -> [UInt8]? {
        guard let inflater = try? GzipInflater(outputSize: 64 * 1024) else { return nil }
        var head: [UInt8] = []
        do {
            try source.stream { compressed in
                try inflater.feed(compressed) { inflated in
                    head.append(contentsOf: inflated.prefix(count - head.count))
                    return head.count < count
                }
                return head.count < count ? .more : .stop
            }
        } catch {
            return head.isEmpty ? nil : head
        }
        return head
    }

    public func stream(_ body: (UnsafeRawBufferPointer) throws -> StreamControl) throws {
        let inflater: GzipInflater
        do { inflater = try GzipInflater() } catch { throw DiscoveryError.unreadable(displayPath, error.description) }
        let limits = self.limits
        let path = displayPath
        var stopped = false
        do {
            try outer.stream { compressed in
                try inflater.feed(compressed) { inflated in
                    if inflater.produced > limits.maxMemberBytes {
                        throw DiscoveryError.zipBomb(path, "gzip stream inflates past \(limits.maxMemberBytes >> 20) MiB")
                    }
                    if inflater.produced > limits.ratioFloorBytes
                        && inflater.produced / max(inflater.consumed, 1) > limits.maxCompressionRatio {
                        throw DiscoveryError.zipBomb(path, "gzip stream inflates more than \(limits.maxCompressionRatio)× its compressed size")
                    }
                    if try body(inflated) == .stop { stopped = true }
                    return !stopped
                }
                return stopped ? .stop : .more
            }
        } catch let failure as GzipInflater.Failure {
            throw DiscoveryError.unreadable(path, failure.description)
        }
        if !stopped && !inflater.atMemberEnd {
            throw DiscoveryError.unreadable(path, inflater.produced == 0 ? "empty or truncated gzip stream" : "truncated: the gzip stream ends early")
        }
    }
}
