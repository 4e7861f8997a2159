import CSQLite

/// One open libsqlite3 handle. Not thread-safe by itself: `ReportStore` serialises access.
final class SQLiteConnection {
    let path: String
    private(set) var handle: OpaquePointer?

    init(path: String) throws(StoreError) {
        self.path = path
        var db: OpaquePointer?
        // NOMUTEX: ReportStore already serialises every call with its own lock, and SQLite's
        // per-call connection mutex cost ~10% of the matched-event insert time (perf).
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(db)
            throw .sqlite(path: path, statement: "open", code: code, message: message)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
    }

    deinit { close() }

    /// Closes the handle; statements still alive are finalised by their owners first.
    func close() {
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    func open() throws(StoreError) -> OpaquePointer {
        guard let handle else { throw .closed(path: path) }
        return handle
    }

    /// Runs one or more statements that return no rows we need.
    func execute(_ sql: String) throws(StoreError) {
        let db = try open()
        var errorText: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &errorText)
        if code != SQLITE_OK {
            let message = errorText.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(errorText)
            throw .sqlite(path: path, statement: sql, code: code, message: message)
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> PreparedStatement {
        let db = try open()
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw error(code, sql)
        }
        return PreparedStatement(connection: self, statement: statement, sql: sql)
    }

    /// The integer in the first column of the first row, e.g. a PRAGMA value or a count.
    func integer(_ sql: String) throws(StoreError) -> Int64 {
        let statement = try prepare(sql)
        guard try statement.step() else { return 0 }
        return statement.int64(0) ?? 0
    }

    var inTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    func error(_ code: Int32, _ statement: String) -> StoreError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        return .sqlite(path: path, statement: statement, code: code, message: message)
    }
}

extension SQLiteConnection {
    /// Row id of the last INSERT on this connection (for evidence → finding links).
    func lastInsertedRowId() throws(StoreError) -> Int64 {
        sqlite3_last_insert_rowid(try open())
    }
}
