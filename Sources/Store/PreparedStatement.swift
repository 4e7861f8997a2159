import CSQLite

/// SQLite copies bound text when given this destructor; the C macro SQLITE_TRANSIENT is a
/// cast of -1 that Swift does not import.
private let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A compiled statement with 1-based binding and 0-based column reads. Reused on hot paths:
/// `reset()` clears bindings so a stale value can never leak into the next row.
final class PreparedStatement {
    private unowned let connection: SQLiteConnection
    private var statement: OpaquePointer?
    let sql: String

    init(connection: SQLiteConnection, statement: OpaquePointer, sql: String) {
        self.connection = connection
        self.statement = statement
        self.sql = sql
    }

    deinit { finalize() }

    func finalize() {
        if let statement { sqlite3_finalize(statement) }
        statement = nil
    }

    private func handle() throws(StoreError) -> OpaquePointer {
        guard let statement else { throw .closed(path: connection.path) }
        return statement
    }

    func bind(_ index: Int32, _ value: String?) throws(StoreError) {
        let statement = try handle()
        guard var value else { return try check(sqlite3_bind_null(statement, index)) }
        let code = value.withUTF8 { bytes -> Int32 in
            // An empty buffer may have a nil base address, which SQLite would store as NULL.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text(statement, index, "", 0, transientDestructor)
            }
            // The 64-bit variant: an absurdly long value gets SQLITE_TOOBIG, not an Int32 trap.
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text64(statement, index, $0, UInt64(bytes.count), transientDestructor,
                                    UInt8(SQLITE_UTF8))
            }
        }
        try check(code)
    }

    func bind(_ index: Int32, _ value: Int64?) throws(StoreError) {
        let statement = try handle()
        guard let value else { return try check(sqlite3_bind_null(statement, index)) }
        try check(sqlite3_bind_int64(statement, index, value))
    }

    func bind(_ index: Int32, _ value: Int?) throws(StoreError) {
        try bind(index, value.map(Int64.init))
    }

    func bind(_ index: Int32, _ value: Double?) throws(StoreError) {
        let statement = try handle()
        guard let value else { return try check(sqlite3_bind_null(statement, index)) }
        try check(sqlite3_bind_double(statement, index, value))
    }

    /// Executes one step; true when a row is available.
    @discardableResult
    func step() throws(StoreError) -> Bool {
        let statement = try handle()
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let failure = connection.error(code, sql)
            sqlite3_reset(statement)
            throw failure
        }
    }

    /// Runs a statement that returns no rows, then makes it ready for the next bindings.
    func run() throws(StoreError) {
        defer { reset() }
        try step()
    }

    func reset() {
        guard let statement else { return }
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    /// Makes the statement ready to run again with its bindings kept: for a hot statement
    /// whose every parameter is bound before each run, where clearing them is wasted work.
    func rewind() {
        guard let statement else { return }
        sqlite3_reset(statement)
    }

    func int64(_ column: Int32) -> Int64? {
        guard let statement, sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
        return sqlite3_column_int64(statement, column)
    }

    func text(_ column: Int32) -> String? {
        guard let statement, let bytes = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    private func check(_ code: Int32) throws(StoreError) {
        guard code == SQLITE_OK else { throw connection.error(code, sql) }
    }
}
