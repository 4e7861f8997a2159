#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Which record of a file to take out, as its importer placed it (`SourcePosition`): the line a
/// text record starts on, or the JSON pointer of a record inside a document.
public enum RecordKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    case line(Int)
    /// 0-based ordinal among the file's records (OFX transactions).
    case record(Int)
    case pointer(String)

    public var description: String {
        switch self {
        case .line(let n): return "line \(n)"
        case .record(let n): return "record \(n)"
        case .pointer(let p): return "at \(p)"
        }
    }
}

/// One change to a file's bytes: `start..<end` replaced by `replacement` (empty: removed).
public struct ByteEdit: Sendable, Equatable {
    public var start: Int64
    public var end: Int64
    public var replacement: [UInt8]

    public init(start: Int64, end: Int64, replacement: [UInt8] = []) {
        self.start = start
        self.end = end
        self.replacement = replacement
    }
}

/// The edits a record finder computed for one file, and which records it found.
public struct RecordEdits: Sendable {
    public var edits: [ByteEdit] = []
    /// Records found and removed (or masked).
    public var placed: Set<RecordKey> = []
    /// Records kept with masked text.
    public var masked: Set<RecordKey> = []

    public init() {}

    /// Sorted, with edits inside a removed range dropped and touching removals merged, so that
    /// `ByteEdits.copy` can apply them in one pass.
    public var normalized: [ByteEdit] {
        let sorted = edits.sorted { ($0.start, $1.end) < ($1.start, $0.end) }
        var out: [ByteEdit] = []
        for edit in sorted {
            if let last = out.last, edit.start < last.end {
                // Nested in or overlapping a removal: the removal wins.
                if edit.end > last.end && last.replacement.isEmpty && edit.replacement.isEmpty { out[out.count - 1].end = edit.end }
                continue
            }
            out.append(edit)
        }
        return out
    }
}

/// Reading a file read-only in chunks and writing a copy with edits applied.
public enum ByteEdits {
    /// Calls `body` with every chunk of the file at `path` and the chunk's offset. The file is
    /// opened read-only; nothing is written to it.
    public static func readChunks(_ path: String, _ body: (UnsafeBufferPointer<UInt8>, Int64) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw RedactionError.cannotRead(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        var offset: Int64 = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RedactionError.cannotRead(path, String(cString: strerror(errno)))
            }
            if n == 0 { return }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<n]), offset) }
            offset += Int64(n)
        }
    }

    /// Writes `source` to `destination` (created 0600, never through a symbolic link, never
    /// over an existing file) with `edits` (sorted, not overlapping) applied.
    public static func copy(_ source: String, to destination: String, edits: [ByteEdit]) throws {
        let out = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard out >= 0 else { throw RedactionError.cannotWrite(destination, String(cString: strerror(errno))) }
        var closed = false
        defer { if !closed { close(out) } }
        if fchmod(out, 0o600) != 0 { throw RedactionError.cannotWrite(destination, String(cString: strerror(errno))) }
        var pending: [UInt8] = []
        pending.reserveCapacity(256 * 1024)
        func flush() throws {
            var written = 0
            while written < pending.count {
                let n = pending.withUnsafeBytes { write(out, $0.baseAddress! + written, $0.count - written) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw RedactionError.cannotWrite(destination, String(cString: strerror(errno)))
                }
                written += n
            }
            pending.removeAll(keepingCapacity: true)
        }
        var next = 0
        try readChunks(source) { chunk, offset in
            var i = 0
            while i < chunk.count {
                let at = offset + Int64(i)
                if next < edits.count, edits[next].start <= at {
                    let edit = edits[next]
                    if at == edit.start { pending.append(contentsOf: edit.replacement) }
                    if at < edit.end {
                        // Skip what the edit replaces, up to the chunk's end.
                        i += Int(min(edit.end - at, Int64(chunk.count - i)))
                        if offset + Int64(i) >= edit.end { next += 1 }
                        continue
                    }
                    next += 1
                    continue
                }
                let stop = next < edits.count ? Int(min(Int64(chunk.count), edits[next].start - offset)) : chunk.count
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<stop]))
                i = stop
                if pending.count >= 256 * 1024 { try flush() }
            }
        }
        // An insertion at the very end (not produced today, but kept exact).
        while next < edits.count { pending.append(contentsOf: edits[next].replacement); next += 1 }
        try flush()
        if fsync(out) != 0 { throw RedactionError.cannotWrite(destination, String(cString: strerror(errno))) }
        closed = true
        if close(out) != 0 { throw RedactionError.cannotWrite(destination, String(cString: strerror(errno))) }
    }
}

/// A file redact could not read or write; the message names the file, never its content.
public enum RedactionError: Error, Sendable, CustomStringConvertible {
    case cannotRead(String, String)
    case cannotWrite(String, String)
    case notWritable(String, RecordWriter.Unwritable)

    public var description: String {
        switch self {
        case .cannotRead(let path, let reason): return "cannot read \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .notWritable(let path, let reason): return "\(path): not written back (\(reason.rawValue))"
        }
    }
}
