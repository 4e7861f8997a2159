import CSystemZlib
import Foundation
import ZIPFoundation

/// Reads ZIP archives member by member without extracting anything to disk. Members are
/// inflated in bounded chunks; guards against zip bombs (an absolute cap and a compression
/// ratio cap per member, a cap on members and on nesting depth) turn hostile archives into
/// reported problems instead of exhausted memory or disk.
public struct ZipArchiveReader: Sendable {
    public struct Limits: Sendable {
        /// Members larger than this when inflated are cut off and reported.
        public var maxMemberBytes: Int64 = 64 << 30
        /// A member whose inflated size passes `ratioFloorBytes` and exceeds its compressed
        /// size by more than this factor is treated as a bomb.
        public var maxCompressionRatio: Int64 = 1_000
        public var ratioFloorBytes: Int64 = 64 << 20
        public var maxMembers = 1_000_000
        /// Archives inside archives are opened in memory up to this size, so memory stays
        /// bounded; larger inner archives are reported with a hint to extract them first.
        public var maxNestedArchiveBytes: Int64 = 256 << 20
        public var maxNestingDepth = 4
        public init() {}
    }

    /// One member of an archive, readable as a byte stream.
    public struct Member: ByteSource {
        let archive: Archive
        let entry: Entry
        let limits: Limits
        public let displayPath: String
        public var size: Int64? { Int64(clamping: entry.uncompressedSize) }

        /// One member of an archive already opened with ZIPFoundation (an XLSX workbook's sheet),
        /// read under the same zip-bomb limits as a scanned archive's members.
        public init(archive: Archive, entry: Entry, limits: Limits, displayPath: String) {
            self.archive = archive
            self.entry = entry
            self.limits = limits
            self.displayPath = displayPath
        }

        public func stream(_ body: (UnsafeRawBufferPointer) throws -> StreamControl) throws {
            var produced: Int64 = 0
            let compressed = max(Int64(clamping: entry.compressedSize), 1)
            let path = displayPath
            let limits = self.limits
            var crc = CSystemZlib.crc32(0, nil, 0)
            do {
                // ZIPFoundation's own CRC check is skipped: its pure-Swift CRC32 halves throughput
                // on Linux (docs/performance.md, "Measurements behind the design"); zlib's is
                // checked below instead, for members read to their end.
                _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { data in
                    produced += Int64(data.count)
                    if produced > limits.maxMemberBytes {
                        throw DiscoveryError.zipBomb(path, "member inflates past \(limits.maxMemberBytes >> 20) MiB")
                    }
                    if produced > limits.ratioFloorBytes && produced / compressed > limits.maxCompressionRatio {
                        throw DiscoveryError.zipBomb(path, "member inflates more than \(limits.maxCompressionRatio)× its compressed size")
                    }
                    let control = try data.withUnsafeBytes { raw in
                        crc = CSystemZlib.crc32(crc, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count))
                        return try body(raw)
                    }
                    if control == .stop { throw StopStreaming() }
                }
                if UInt32(truncatingIfNeeded: crc) != entry.checksum {
                    throw DiscoveryError.archive(path, "the member's CRC-32 does not match its data (damaged member)")
                }
            } catch is StopStreaming {
                return
            } catch let error as DiscoveryError {
                throw error
            } catch {
                throw DiscoveryError.archive(path, "\(error)")
            }
        }
    }

    struct StopStreaming: Error {}

    public let limits: Limits
    public init(limits: Limits = Limits()) { self.limits = limits }

    /// True when the head bytes are a ZIP local header or an empty archive's end record.
    public static func looksLikeZip(_ head: some Collection<UInt8>) -> Bool {
        let magic = Array(head.prefix(4))
        return magic == [0x50, 0x4B, 0x03, 0x04] || magic == [0x50, 0x4B, 0x05, 0x06]
    }

    /// Opens an archive from disk or memory and calls `visit` for each member, in archive order.
    /// Directory entries are passed over; symlink entries, members the central-directory survey
    /// refuses and a directory that could not be read to its end are reported through `skipped`.
    public func forEachMember(of source: ByteSource, diskPath: String?, inMemory data: Data?,
                              skipped: (String, String) -> Void,
                              visit: (Member) throws -> Void) throws {
        let archive: Archive
        var survey: SurveyedArchive
        do {
            if let diskPath {
                survey = SurveyedArchive(diskPath: diskPath, displayPath: source.displayPath, maxEntries: limits.maxMembers)
                archive = try Archive(url: URL(fileURLWithPath: diskPath), accessMode: .read)
            } else {
                survey = SurveyedArchive(survey: .survey(data: data ?? Data(), maxEntries: limits.maxMembers),
                                         displayPath: source.displayPath)
                archive = try Archive(data: data ?? Data(), accessMode: .read)
            }
        } catch {
            if let diskPath, FileSystemName.hasEscapedBytes(diskPath) {
                throw DiscoveryError.unreadable(source.displayPath, FileSystemName.archiveNameProblem)
            }
            throw DiscoveryError.archive(source.displayPath, "\(error)")
        }
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maxMembers {
                throw DiscoveryError.zipBomb(source.displayPath, "more than \(limits.maxMembers) members")
            }
            let memberPath = source.displayPath + "!" + ZipArchiveReader.displayName(entry.path)
            guard survey.admits(count - 1, memberPath: memberPath, skipped: skipped) else { continue }
            switch entry.type {
            case .directory:
                continue
            case .symlink:
                skipped(memberPath, "symbolic link inside an archive: not followed")
            case .file:
                try visit(Member(archive: archive, entry: entry, limits: limits, displayPath: memberPath))
            }
        }
        survey.finish(listed: count, skipped: skipped)
    }

    /// Member names are untrusted: they may hold `..`, absolute paths or control characters.
    /// Nothing is ever written under them, but they are shown, so make them harmless to print.
    public static func displayName(_ raw: String) -> String {
        var s = String(raw.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        while s.hasPrefix("/") { s.removeFirst() }
        return s
    }
}

/// A `ZipDirectorySurvey` turned into messages while ZIPFoundation lists the same archive:
/// a refused member is reported by its name (overlapping members once per archive, with how
/// many), and an archive whose directory could not be read to its end says how far it got.
public struct SurveyedArchive {
    let survey: ZipDirectorySurvey?
    let displayPath: String
    private var overlapping = 0
    private var firstOverlapping: String?

    init(survey: ZipDirectorySurvey?, displayPath: String) {
        self.survey = survey
        self.displayPath = displayPath
    }

    /// Surveys an archive on disk; without a survey (it cannot be opened) every member is admitted.
    public init(diskPath: String, displayPath: String, maxEntries: Int) {
        var found: ZipDirectorySurvey?
        if let fd = try? DiskFileSource.openRegularFile(diskPath, displayPath: displayPath, followsSymlink: true) {
            var info = stat()
            if fstat(fd, &info) == 0 {
                found = ZipDirectorySurvey.survey(fileDescriptor: fd, size: Int64(info.st_size), maxEntries: maxEntries)
            }
            close(fd)
        }
        self.init(survey: found, displayPath: displayPath)
    }

    /// Whether directory entry `index` may be read; reports it through `skipped` when not.
    public mutating func admits(_ index: Int, memberPath: String, skipped: (String, String) -> Void) -> Bool {
        guard let problem = survey?.problems[index]?.problem else { return true }
        switch problem {
        case .overlaps:
            overlapping += 1
            if firstOverlapping == nil { firstOverlapping = memberPath }
        case .encrypted:
            skipped(memberPath, problem.description)
        default:
            skipped(memberPath, "damaged or malicious ZIP archive member: " + problem.description)
        }
        return false
    }

    /// Archive-level messages once `listed` directory entries were listed.
    public func finish(listed: Int, skipped: (String, String) -> Void) {
        guard let survey else { return }
        if overlapping > 0 {
            let first = firstOverlapping.map { " (first: \($0))" } ?? ""
            skipped(displayPath, "damaged or malicious ZIP archive: the data of \(overlapping) "
                + "\(overlapping == 1 ? "member overlaps" : "members overlap") other members' (a zip-bomb technique)\(first): "
                + "those members are not read, the others are")
        }
        if let damage = survey.damage {
            skipped(displayPath, "damaged ZIP archive: \(damage); the \(listed) members listed before it were read")
        } else if listed < survey.count {
            // ZIPFoundation ends its listing at the first entry it cannot take (an encrypted
            // member, a missing local header): say which, and that the rest was not read.
            let stopper = survey.problems[listed].map { ": entry \(listed + 1) (\(ZipArchiveReader.displayName($0.name))) "
                + "ends the listing, \($0.problem.description)" } ?? ""
            skipped(displayPath, "damaged ZIP archive: its central directory lists \(survey.count) entries, "
                + "but only the first \(listed) could be read\(stopper)")
        }
    }
}

