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
public struct DiskFileSource: ByteSource, Sendable {
    public let path: String
    public let displayPath: String
    public let size: Int64?
    public let modified: Date?
    public static let chunkSize = 1 << 20

    public init(path: String, displayPath: String, size: Int64?, modified: Date?) {
        self.path = path
        self.displayPath = displayPath
        self.size = size
        self.modified = modified
    }

    public func stream(_ body: (UnsafeRawBufferPointer) throws -> StreamControl) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw DiscoveryError.unreadable(displayPath, String(cString: strerror(errno))) }
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

    public var description: String {
        switch self {
        case .notFound(let path): return "\(path): no such file or folder"
        case .unreadable(let path, let why): return "\(path): cannot read: \(why)"
        case .archive(let path, let why): return "\(path): damaged or unsupported ZIP archive: \(why)"
        case .zipBomb(let path, let why): return "\(path): stopped reading: \(why) (possible zip bomb)"
        case .tarArchive(let path, let why): return "\(path): damaged or unsupported tar.gz archive: \(why)"
        }
    }
}
