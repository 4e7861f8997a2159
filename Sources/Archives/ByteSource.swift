import Foundation

/// What a streaming consumer tells a byte source after each chunk.
public enum StreamControl: Sendable {
    case more, stop
}

/// A file's bytes, delivered in order in bounded chunks: a file on disk, a member of a ZIP
/// archive, or an archive held in memory. Nothing is ever written to disk.
public protocol ByteSource {
    /// Display path, archive members joined with `!`.
    var displayPath: String { get }
    /// Size in bytes when known before reading.
    var size: Int64? { get }
    /// Streams the bytes; `body` returns `.stop` to end early (e.g. after sniffing the head).
    func stream(_ body: (UnsafeRawBufferPointer) throws -> StreamControl) throws
}

/// A regular file on disk, read with plain POSIX reads in 1 MiB chunks (read-only: the file is
/// opened O_RDONLY and never touched otherwise; its atime may change depending on mount options).
/// The file may change between discovery and reading: every open is non-blocking (a FIFO put
/// in its place would otherwise wait for a writer forever), does not follow a symbolic link
/// put in its place (unless the user named a link), and re-checks with fstat that what was
/// opened is still a regular file. See docs/privacy.md, "Untrusted numbers" and inputs.
public struct DiskFileSource: ByteSource, Sendable {
    public let path: String
    public let displayPath: String
    public let size: Int64?
    public let modified: Date?
    /// True only for a path the user named that is itself a symbolic link to a file.
    public let followsSymlink: Bool
    public static let chunkSize = 1 << 20

    public init(path: String, displayPath: String, size: Int64?, modified: Date?, followsSymlink: Bool = false) {
        self.path = path
        self.displayPath = displayPath
        self.size = size
        self.modified = modified
        self.followsSymlink = followsSymlink
    }

    /// Opens the file for reading as described above; the caller closes the descriptor.
    public func openRegularFile() throws(DiscoveryError) -> Int32 {
        try Self.openRegularFile(path, displayPath: displayPath, followsSymlink: followsSymlink)
    }

    /// Opens `path` read-only, non-blocking, without following a final symbolic link unless
    /// `followsSymlink`, and checks with fstat that it is a regular file. For libraries that
    /// open by path themselves (ZIP, SQLite) call this first and close the result: that leaves
    /// only the moment between the two opens for a swap, instead of the whole scan.
    public static func openRegularFile(_ path: String, displayPath: String, followsSymlink: Bool = false) throws(DiscoveryError) -> Int32 {
        var flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK
        if !followsSymlink { flags |= O_NOFOLLOW }
        let fd = open(FileSystemName.bytes(path), flags)
        guard fd >= 0 else {
            if errno == ELOOP && !followsSymlink {
                throw DiscoveryError.unreadable(displayPath, "replaced by a symbolic link since it was listed: not followed")
            }
            throw DiscoveryError.unreadable(displayPath, String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw DiscoveryError.unreadable(displayPath, "not a regular file (device, socket or pipe) when opened")
        }
        // Reads of a regular file never block; clearing the flag keeps their semantics plain.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// Why `path` cannot be opened as a regular file (see `openRegularFile`), or nil when it
    /// can; closes what it opened.
    public static func problemOpening(_ path: String, followsSymlink: Bool) -> String? {
        do {
            close(try openRegularFile(path, displayPath: path, followsSymlink: followsSymlink))
            return nil
        } catch {
            if case .unreadable(_, let why) = error { return why }
            return error.description
        }
    }

    public func stream(_ body: (UnsafeRawBufferPointer) throws -> StreamControl) throws {
        let fd = try openRegularFile()
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: DiskFileSource.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer.baseAddress, DiskFileSource.chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw DiscoveryError.unreadable(displayPath, String(cString: strerror(errno)))
            }
            if n == 0 { return }
            if try body(UnsafeRawBufferPointer(rebasing: buffer[0..<n])) == .stop { return }
        }
    }
}

/// Bytes already in memory (a nested archive's member, or a test input).
public struct MemorySource: ByteSource {
    public let data: Data
    public let displayPath: String
    public var size: Int64? { Int64(data.count) }

    public init(data: Data, displayPath: String) {
        self.data = data
        self.displayPath = displayPath
    }

    public func stream(_ body: (UnsafeRawBufferPointer) throws -> StreamControl) throws {
        var offset = 0
        while offset < data.count {
            let end = min(data.count, offset + DiskFileSource.chunkSize)
            let control = try data[offset..<end].withUnsafeBytes { try body($0) }
            if control == .stop { return }
            offset = end
        }
    }
}

/// Problems finding or reading inputs. Each names the path it concerns.
public enum DiscoveryError: Error, Sendable, CustomStringConvertible {
    case notFound(String)
    case unreadable(String, String)
    case archive(String, String)
    case zipBomb(String, String)
    /// A damaged or unsupported .tgz / .tar.gz archive.
    case tarArchive(String, String)
    /// A limit of the whole scan was reached here (`ScanLimits`).
    case scanLimit(String, String)

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file or folder"
        case .unreadable(let path, let why): return "\(path): cannot read: \(why)"
        case .archive(let path, let why): return "\(path): damaged or unsupported ZIP archive: \(why)"
        case .zipBomb(let path, let why): return "\(path): stopped reading: \(why) (possible zip bomb)"
        case .tarArchive(let path, let why): return "\(path): damaged or unsupported tar.gz archive: \(why)"
        case .scanLimit(let path, let why): return "\(path): stopped reading: \(why)"
        }
    }
}
