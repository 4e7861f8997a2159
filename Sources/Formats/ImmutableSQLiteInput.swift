#if canImport(Glibc)
import Glibc
#endif
import CSQLite
import StewardCore
import Archives

/// A SQLite file that is an input: opened read-only with `immutable=1`, so SQLite takes no
/// locks and never creates a -wal, -shm or journal file beside it (inputs stay byte-identical).
/// Immutable also means SQLite ignores a -wal file that is already there: rows only in an
/// uncheckpointed WAL are not seen, which is the price of not touching the input. The
/// importers say so (`warnAboutWriteAheadLog`), naming the file.
public final class ImmutableSQLiteInput {
    private var handle: OpaquePointer?
    let path: String

    public init(path: String) throws(ParseError) {
        self.path = path
        // SQLite opens by path and would block forever on a FIFO swapped in since discovery.
        if let problem = DiskFileSource.problemOpening(path, followsSymlink: true) {
            throw ParseError("cannot open SQLite database: \(problem)")
        }
        var db: OpaquePointer?
        let uri = "file:" + Self.escapeURIPath(path) + "?immutable=1"
        // One connection is read by one thread, so SQLite's per-connection mutex is not needed:
        // taking and releasing it in every column read was a tenth of the thread reading
        // Firefox's history (docs/performance.md, "SQLite inputs without the connection lock").
        let status = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "status \(status)"
            sqlite3_close(db)
            throw ParseError("cannot open SQLite database: \(message)")
        }
        handle = db
    }

    deinit { sqlite3_close(handle) }

    /// Whether SQLite takes a lock in every call on this connection (its serialized mode).
    var locksEveryCall: Bool { sqlite3_db_mutex(handle) != nil }

    /// The warning to give when a write-ahead log beside the database holds frames of the
    /// current log (its header's salts repeated in the first frame): those changes may not have
    /// reached the database yet, and an immutable read does not see them; nil when there is no
    /// such log. Only the log's first 56 bytes are read, through a descriptor opened read-only;
    /// nothing is written. Importers pass it to their sink.
    public var pendingWriteAheadLogWarning: String? {
        let wal = path + "-wal"
        guard let size = Self.pendingWriteAheadLogBytes(wal) else { return nil }
        let name = String(wal.split(separator: "/").last ?? Substring(wal))
        return "\(name) holds \(size) bytes of changes that may not be in the database yet: rows only there are not read (inputs are opened read-only); close the app that writes it and scan again"
    }

    /// The size of `walPath` when it is a write-ahead log with at least one frame of its
    /// current generation; nil otherwise (absent, empty, reset, or not a WAL).
    static func pendingWriteAheadLogBytes(_ walPath: String) -> Int64? {
        let fd = open(walPath, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= 32 + 24 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 56)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 56, 0) }
        guard got == 56 else { return nil }
        func u32(_ at: Int) -> UInt32 { bytes[at..<(at + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        // Header: magic 0x377f0682/3, version, page size, checkpoint sequence, salt-1, salt-2, checksums.
        guard u32(0) & 0xFFFF_FFFE == 0x377F_0682, u32(8) >= 512 else { return nil }
        // First frame header (at 32): page number, commit size, salt-1, salt-2, checksums.
        guard u32(32) != 0, u32(40) == u32(16), u32(44) == u32(20) else { return nil }
        return Int64(info.st_size)
    }

    /// One result row, valid only inside the `forEachRow` callback.
    public struct Row {
        fileprivate let statement: OpaquePointer
        public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
        public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
        public func text(_ column: Int32) -> String? {
            guard !isNull(column), let bytes = sqlite3_column_text(statement, column) else { return nil }
            let count = Int(sqlite3_column_bytes(statement, column))
            // Invalid UTF-8 in a damaged database is repaired, not trusted.
            return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
        }
        /// A BLOB column's bytes, or nil when NULL or longer than `maxBytes` (a value of a
        /// damaged or hostile database is not copied whole).
        public func blob(_ column: Int32, maxBytes: Int) -> [UInt8]? {
            guard !isNull(column) else { return nil }
            // The pointer first, then its size (SQLite's documented order); neither copies.
            let pointer = sqlite3_column_blob(statement, column)
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count <= maxBytes else { return nil }
            guard count > 0, let pointer else { return [] }
            return Array(UnsafeRawBufferPointer(start: pointer, count: count))
        }
    }

    /// Runs `sql` and calls `body` per row; a malformed database ends with a ParseError
    /// after the rows read so far.
    public func forEachRow(_ sql: String, _ body: (Row) -> Void) throws(ParseError) {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw ParseError("SQLite query failed: \(String(cString: sqlite3_errmsg(handle)))")
        }
        defer { sqlite3_finalize(statement) }
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_ROW { body(Row(statement: statement)); continue }
            if status == SQLITE_DONE { return }
            throw ParseError("SQLite read failed: \(String(cString: sqlite3_errmsg(handle)))")
        }
    }

    public func hasTable(_ name: String) throws(ParseError) -> Bool {
        var found = false
        try forEachRow("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '\(name)'") { _ in found = true }
        return found
    }

    /// Column names come from the schema, so `table` must be a trusted identifier.
    public func hasColumn(_ column: String, in table: String) throws(ParseError) -> Bool {
        var found = false
        try forEachRow("PRAGMA table_info(\"\(table)\")") { row in
            if row.text(1) == column { found = true }
        }
        return found
    }

    /// Percent-escapes what a URI filename must not contain literally (`?`, `#`, `%`).
    static func escapeURIPath(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "?": out += "%3f"
            case "#": out += "%23"
            // A byte of a name that is not valid UTF-8 (`FileSystemName`): SQLite decodes %XX
            // to the byte itself, so the database opens by its real name.
            case "\u{F780}"..."\u{F7FF}":
                let byte = UInt8(scalar.value - FileSystemName.escapeBase)
                out += "%" + String(byte, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
