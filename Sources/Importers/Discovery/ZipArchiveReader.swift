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

        public func stream(_ body: (UnsafeRawBufferPointer) throws -> StreamControl) throws {
            var produced: Int64 = 0
            let compressed = max(Int64(clamping: entry.compressedSize), 1)
            let path = displayPath
            let limits = self.limits
            do {
                // CRC checking is skipped: ZIPFoundation's pure-Swift CRC32 halves throughput on
                // Linux (docs/performance.md, "Measurements behind the design"), and a damaged deflate stream still fails loudly.
                _ = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: true) { data in
                    produced += Int64(data.count)
                    if produced > limits.maxMemberBytes {
                        throw DiscoveryError.zipBomb(path, "member inflates past \(limits.maxMemberBytes >> 20) MiB")
                    }
                    if produced > limits.ratioFloorBytes && produced / compressed > limits.maxCompressionRatio {
                        throw DiscoveryError.zipBomb(path, "member inflates more than \(limits.maxCompressionRatio)× its compressed size")
                    }
                    let control = try data.withUnsafeBytes { try body($0) }
                    if control == .stop { throw StopStreaming() }
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
    /// Directory entries are passed over; symlink entries are reported through `skipped`.
    public func forEachMember(of source: ByteSource, diskPath: String?, inMemory data: Data?,
                              skipped: (String, String) -> Void,
                              visit: (Member) throws -> Void) throws {
        let archive: Archive
        do {
            if let diskPath {
                archive = try Archive(url: URL(fileURLWithPath: diskPath), accessMode: .read)
            } else {
                archive = try Archive(data: data ?? Data(), accessMode: .read)
            }
        } catch {
            throw DiscoveryError.archive(source.displayPath, "\(error)")
        }
        var count = 0
        for entry in archive {
            count += 1
            if count > limits.maxMembers {
                throw DiscoveryError.zipBomb(source.displayPath, "more than \(limits.maxMembers) members")
            }
            let memberPath = source.displayPath + "!" + ZipArchiveReader.displayName(entry.path)
            switch entry.type {
            case .directory:
                continue
            case .symlink:
                skipped(memberPath, "symbolic link inside an archive: not followed")
            case .file:
                try visit(Member(archive: archive, entry: entry, limits: limits, displayPath: memberPath))
            }
        }
    }

    /// Member names are untrusted: they may hold `..`, absolute paths or control characters.
    /// Nothing is ever written under them, but they are shown, so make them harmless to print.
    static func displayName(_ raw: String) -> String {
        var s = String(raw.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        while s.hasPrefix("/") { s.removeFirst() }
        return s
    }
}
