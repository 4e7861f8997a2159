import Foundation
import ZIPFoundation

/// One unit of reading work for parallel workers: a whole input, or one member of a ZIP
/// archive on disk. Splitting a disk archive into its members lets several workers inflate
/// one Takeout zip at once; archives inside archives and .tgz stay whole (they can only be
/// read in one pass).
public enum ReadTask: Sendable {
    case file(DiskFileSource)
    /// Member number `index` (in central-directory order, directories included) of `archive`,
    /// with the inflated size and CRC-32 its central directory records (a cheap first test for
    /// identical copies, see `IdenticalInputFinder`).
    case zipMember(archive: DiskFileSource, index: Int, displayPath: String, compressedSize: Int64,
                   uncompressedSize: Int64, crc32: UInt32)

    /// Bytes this task reads from disk, for progress.
    public var diskBytes: Int64 {
        switch self {
        case .file(let file): return file.size ?? 0
        case .zipMember(_, _, _, let compressed, _, _): return compressed
        }
    }
}

/// A worker's open archive, walked forwards: tasks of one archive reach a worker in
/// increasing member order (they are handed out from one shared counter), so each worker
/// reads the central directory once per archive instead of once per member.
public final class ZipMemberCursor {
    private var path: String?
    private var archive: Archive?
    private var entries: AnyIterator<Entry>?
    private var nextIndex = 0

    public init() {}

    /// The entry at `index` of the archive at `path`, opening it (again) when needed.
    public func entry(at index: Int, of path: String) throws -> (Archive, Entry)? {
        if path != self.path || index < nextIndex || archive == nil {
            // ZIPFoundation opens by path (blocking): check the type first (see DiskFileSource).
            close(try DiskFileSource.openRegularFile(path, displayPath: path, followsSymlink: true))
            let opened = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            self.path = path
            archive = opened
            entries = AnyIterator(opened.makeIterator())
            nextIndex = 0
        }
        while let entry = entries?.next() {
            nextIndex += 1
            if nextIndex - 1 == index { return (archive!, entry) }
        }
        return nil
    }
}

extension ReadTask {
    /// The path shown for this task (archive members joined with `!`).
    public var displayPath: String {
        switch self {
        case .file(let file): return file.displayPath
        case .zipMember(_, _, let path, _, _, _): return path
        }
    }
}
