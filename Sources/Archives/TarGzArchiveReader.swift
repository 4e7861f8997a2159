/// Reads a .tgz / .tar.gz archive (Google Takeout offers both .zip and .tgz) in one pass:
/// the compressed bytes are inflated in bounded chunks (`GzipInflater`), the tar stream is
/// split into members (`TarStreamReader`), and each member's bytes are pushed to a consumer
/// as they appear. A gzip stream cannot be seeked, so members are never read twice; nothing
/// is written to disk, and names are only shown, never used as paths.
///
/// The zip-bomb limits of `ZipArchiveReader.Limits` apply: a member larger than
/// `maxMemberBytes` is skipped, an archive inflating more than `maxCompressionRatio` times
/// its compressed size past `ratioFloorBytes` is stopped, and so is one with more than
/// `maxMembers` members.
/// Whoever takes one archive member's bytes as they are inflated (the export reader's
/// per-member importer); archives know nothing of importers.
public protocol ArchiveMemberConsumer: AnyObject {
    /// The member's next bytes, valid only during the call.
    func feed(_ chunk: UnsafeRawBufferPointer)
    /// The member ended: completely (`problem` nil) or cut short for the reason given.
    func end(problem: String?)
}

public struct TarGzArchiveReader {
    let limits: ZipArchiveReader.Limits
    /// The scan's limits (`ScanLimits`): every member counts; when the archive is itself inside
    /// an archive (`nested`), so do its members' bytes.
    var budget: ScanBudget? = nil
    var nested = false

    public init(limits: ZipArchiveReader.Limits, budget: ScanBudget? = nil, nested: Bool = false) {
        self.limits = limits
        self.budget = budget
        self.nested = nested
    }

    /// Calls `member` for each regular file (display path, size) to get the consumer of its
    /// bytes; directories are passed over, links and special files reported through `skipped`.
    public func forEachMember(of source: ByteSource, skipped: (String, String) -> Void,
                       member: (String, Int64) -> any ArchiveMemberConsumer) throws {
        let archivePath = source.displayPath
        let inflater: GzipInflater
        do { inflater = try GzipInflater() } catch { throw DiscoveryError.tarArchive(archivePath, error.description) }
        var tar = TarStreamReader()
        var current: (any ArchiveMemberConsumer)?
        var members = 0
        let limits = self.limits

        func handle(_ output: TarStreamReader.Output) throws {
            switch output {
            case .begin(let entry):
                members += 1
                if members > limits.maxMembers {
                    throw DiscoveryError.zipBomb(archivePath, "more than \(limits.maxMembers) members")
                }
                let path = archivePath + "!" + ZipArchiveReader.displayName(entry.path)
                switch entry.kind {
                case .directory:
                    current = nil
                case .link:
                    skipped(path, "link inside an archive: not followed")
                case .other(let why):
                    skipped(path, why)
                case .file:
                    if let budget, !budget.admitMember() {
                        throw DiscoveryError.scanLimit(archivePath, budget.membersExhausted)
                    }
                    if entry.size > limits.maxMemberBytes {
                        skipped(path, "member larger than \(limits.maxMemberBytes >> 20) MiB: stopped reading (possible zip bomb)")
                        current = nil
                    } else {
                        current = member(path, entry.size)
                    }
                }
            case .data(let bytes):
                if nested, let budget, current != nil, !budget.admitNestedBytes(bytes.count) {
                    throw DiscoveryError.scanLimit(archivePath, budget.nestedBytesExhausted)
                }
                current?.feed(bytes)
            case .end:
                current?.end(problem: nil)
                current = nil
            }
        }

        do {
            try source.stream { compressed in
                try inflater.feed(compressed) { inflated in
                    if inflater.produced > limits.ratioFloorBytes
                        && inflater.produced / max(inflater.consumed, 1) > limits.maxCompressionRatio {
                        throw DiscoveryError.zipBomb(archivePath, "archive inflates more than \(limits.maxCompressionRatio)× its compressed size")
                    }
                    do {
                        try tar.feed(inflated, handle)
                    } catch let failure as TarStreamReader.Failure {
                        throw DiscoveryError.tarArchive(archivePath, tar.headersRead == 0 ? Self.notTar : failure.description)
                    }
                    return !tar.ended
                }
                return tar.ended ? .stop : .more
            }
        } catch let failure as GzipInflater.Failure {
            current?.end(problem: failure.description)
            throw DiscoveryError.tarArchive(archivePath, failure.description)
        } catch {
            // The member being read when the archive failed is reported with the reason.
            current?.end(problem: (error as? DiscoveryError)?.description ?? "\(error)")
            throw error
        }
        if !tar.ended && tar.headersRead == 0 {
            throw DiscoveryError.tarArchive(archivePath, inflater.produced == 0 ? "empty or truncated gzip stream" : Self.notTar)
        }
        if let problem = tar.unfinished() {
            current?.end(problem: "truncated: " + problem)
            throw DiscoveryError.tarArchive(archivePath, "truncated: " + problem)
        }
        if !tar.ended {
            // Tar archives end with zero blocks; some writers omit them, which loses nothing.
            if !inflater.atMemberEnd { throw DiscoveryError.tarArchive(archivePath, "truncated: the gzip stream ends early") }
        }
    }

    static let notTar = "gzip-compressed, but not a tar archive: decompress it and scan the file"
}
