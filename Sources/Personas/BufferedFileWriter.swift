import Foundation

/// Appends text to a new file through a fixed buffer, so multi-gigabyte benchmark exports are
/// written in constant memory. Files are created 0600 like everything steward writes.
final class BufferedFileWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let path: String
    private(set) var bytesWritten: Int64 = 0

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PersonaError.cannotWrite(path, String(cString: strerror(errno))) }
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let n = buffer[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PersonaError.cannotWrite(path, String(cString: strerror(errno)))
            }
            offset += n
        }
        bytesWritten += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        try flush()
        Foundation.close(fd)
    }
}

/// Problems writing persona exports; each names the path.
public enum PersonaError: Error, CustomStringConvertible {
    case cannotWrite(String, String)
    case unknownPersona(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let why): return "\(path): cannot write: \(why)"
        case .unknownPersona(let id):
            return "no persona named '\(id)' (available: \(PersonaCatalog.all.map(\.id).joined(separator: ", ")))"
        }
    }
}
