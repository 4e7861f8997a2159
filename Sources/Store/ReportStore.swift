import CSQLite
import Foundation
import StewardCore

/// The SQLite database of past scans: what was scanned, every matched record with its
/// locator, findings with evidence, scores with contributions, and each scan's full report.
///
/// One scan is one transaction: `beginScan` opens it, `recordMatchedEvent` reuses a single
/// prepared insert, `finishScan` writes the rest and commits. A crash therefore leaves either
/// a whole scan or none. All methods may be called from any thread; calls are serialised.
///
/// Journal mode is the rollback journal (DELETE), not WAL: steward is one short-lived writer,
/// WAL's concurrent readers buy nothing here, and WAL would leave `-wal`/`-shm` files beside
/// the database between runs. SQLite gives the transient `-journal` file the database file's
/// mode (0600).
public final class ReportStore: @unchecked Sendable {
    /// File name inside `defaultDirectory`.
    public static let defaultFileName = "steward.db"
    /// Schema version this build writes (`PRAGMA user_version`).
    public static var schemaVersion: Int32 { StoreSchema.version }

    /// Path of the database file.
    public let path: String

    // Guards everything below: the pipeline parses files concurrently.
    private let lock = NSLock()
    private var connection: SQLiteConnection?
    private var insertMatchedEvent: PreparedStatement?
    private var openScanId: String?
    // The ids this scan's matched records refer to (schema version 4): each input path's
    // `matched_inputs` row with the next free row id in its range, and each source, kind and
    // rule list's `matched_rule_sets` row. Valid only inside one transaction of one scan, so
    // cleared whenever a transaction ends.
    private var idScanId: String?
    private var inputs: [MatchedInput] = []
    private var inputIndex: [String: Int] = [:]
    private var ruleSetIds: [RuleSetKey: Int64] = [:]
    // Consecutive records usually come from the same input with the same rule list: the last
    // input and the last rule set are compared before hashing (hashing each row's path and
    // rules was about 1 % of the scan in the profile).
    private var lastInput = -1
    private var lastRuleSet: (key: RuleSetKey, id: Int64)?

    private struct MatchedInput {
        var path: String
        var id: Int64
        var nextRowId: Int64
    }

    private struct RuleSetKey: Hashable {
        var source: String
        var kind: String
        var rules: [String]
        var array: String?
    }

    /// Opens (creating if needed) the database at `path`: parent directories 0700, file 0600,
    /// foreign keys on, schema migrated to `schemaVersion`.
    public init(path: String) throws(StoreError) {
        self.path = path
        try OwnerOnlyFiles.createDirectory(OwnerOnlyFiles.parent(of: path))
        // Create the file ourselves before SQLite writes a single page, so it is 0600 from the
        // start instead of briefly following the umask.
        try OwnerOnlyFiles.prepareFile(path)
        let connection = try SQLiteConnection(path: path)
        // journal_mode is persistent in the file; set it every time in case a tool switched it.
        // secure_delete zeroes freed pages: deleted scans hold personal data.
        // temp_store=MEMORY keeps sort and index temp files out of /tmp.
        try connection.execute("""
            PRAGMA foreign_keys = ON;
            PRAGMA journal_mode = DELETE;
            PRAGMA secure_delete = ON;
            PRAGMA temp_store = MEMORY;
            PRAGMA busy_timeout = 5000;
            """)
        try StoreSchema.migrate(connection)
        self.connection = connection
    }

    deinit { closeLocked() }

    // MARK: - Locations

    /// `$XDG_DATA_HOME/steward`, or `$HOME/.local/share/steward` (XDG Base Directory spec:
    /// a relative or empty XDG_DATA_HOME is ignored).
    public static func defaultDirectory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return join(xdg, "steward")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? passwordDatabaseHome() ?? "."
        return join(home, ".local/share/steward")
    }

    /// `defaultDirectory(environment:)` + `/steward.db`.
    public static func defaultDatabasePath(environment: [String: String]) -> String {
        join(defaultDirectory(environment: environment), defaultFileName)
    }

    /// The database file and the side files SQLite may create next to it; `steward forget`
    /// deletes each of them that exists.
    public static func files(forDatabaseAt path: String) -> [String] {
        [path, path + "-journal", path + "-wal", path + "-shm"]
    }

    // MARK: - Writing a scan

    /// Inserts the scan row and opens the scan's transaction.
    public func beginScan(id: String, started: String, paths: [String], toolVersion: String,
                          rulesVersion: String) throws(StoreError) {
        lock.lock(); defer { lock.unlock() }
        let connection = try openConnection()
        if let openScanId { throw .scanInProgress(path: path, open: openScanId, requested: id) }
        forgetIds()
        try connection.execute("BEGIN IMMEDIATE")
        do throws(StoreError) {
            let insert = try connection.prepare("""
                INSERT INTO scans (id, started, paths, tool_version, rules_version) VALUES (?1, ?2, ?3, ?4, ?5)
                """)
            try insert.bind(1, id)
            try insert.bind(2, started)
            try insert.bind(3, JSONStringLiteral.array(paths))
            try insert.bind(4, toolVersion)
            try insert.bind(5, rulesVersion)
            try insert.run()
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
        openScanId = id
    }

    /// Records one event that a rule matched, with its place in `path`. Hot path: one
    /// prepared statement, reused, inside the scan's transaction; the scan, path, source,
    /// kind and rules are written once each and referred to by id (schema version 4).
    public func recordMatchedEvent(scanId: String, path inputPath: String, event: Event,
                                   position: SourcePosition, rules: [String], excerpt: String,
                                   recordKey: UInt64? = nil) throws(StoreError) {
        lock.lock(); defer { lock.unlock() }
        let connection = try openConnection()
        if idScanId != scanId { forgetIds(); idScanId = scanId }
        let input = try matchedInput(scanId: scanId, path: inputPath, connection)
        let rowId = inputs[input].nextRowId
        // An array element's pointer is its array's, kept with the rule set, and its index.
        let array = position.arrayPointer
        let ruleSet = try ruleSetId(scanId: scanId, source: event.source, kind: event.kind.rawValue, rules: rules,
                                    array: array, connection)
        let insert = try matchedEventStatement()
        // Every parameter is bound below for every row, so the bindings need no clearing.
        defer { insert.rewind() }
        try insert.bind(1, rowId)
        try insert.bind(2, ruleSet)
        try insert.bind(3, position.line)
        try insert.bind(4, position.record)
        try insert.bind(5, array == nil ? position.pointer : nil)
        try insert.bind(6, event.time?.epochSeconds)
        try insert.bind(7, event.time?.utcOffsetSeconds.map(Int64.init))
        try insert.bind(8, Int64(event.time?.dateOnly == true ? 1 : 0))
        try insert.bind(9, excerpt)
        try insert.bind(10, recordKey.map { Int64(bitPattern: $0) })
        try insert.step()
        inputs[input].nextRowId = rowId + 1
    }

    /// The index in `inputs` of `inputPath`, with the row id of its next record, creating the
    /// path's `matched_inputs` row on its first record.
    private func matchedInput(scanId: String, path inputPath: String,
                              _ connection: SQLiteConnection) throws(StoreError) -> Int {
        if lastInput < 0 || inputs[lastInput].path != inputPath {
            try findOrAddInput(scanId: scanId, path: inputPath, connection)
        }
        let written = inputs[lastInput].nextRowId - (inputs[lastInput].id << StoreSchema.recordBits)
        guard written < Self.recordsPerInput else {
            throw .sqlite(path: path, statement: "INSERT INTO matched_records", code: SQLITE_FULL,
                          message: "more than \(Self.recordsPerInput) matched records in \(inputPath)")
        }
        return lastInput
    }

    private func findOrAddInput(scanId: String, path inputPath: String,
                                _ connection: SQLiteConnection) throws(StoreError) {
        if let known = inputIndex[inputPath] {
            lastInput = known
        } else {
            let insert = try connection.prepare("""
                INSERT INTO matched_inputs (scan_id, path) VALUES (?1, ?2) ON CONFLICT (scan_id, path) DO NOTHING
                """)
            try insert.bind(1, scanId)
            try insert.bind(2, inputPath)
            try insert.run()
            let select = try connection.prepare("SELECT id FROM matched_inputs WHERE scan_id = ?1 AND path = ?2")
            try select.bind(1, scanId)
            try select.bind(2, inputPath)
            guard try select.step(), let id = select.int64(0) else {
                throw connection.error(SQLITE_NOTFOUND, "SELECT id FROM matched_inputs")
            }
            // The same scan and path written by an earlier transaction continue after its rows.
            let first = id << StoreSchema.recordBits
            let last = try connection.prepare("""
                SELECT max(id) FROM matched_records WHERE id BETWEEN ?1 AND ?2
                """)
            try last.bind(1, first)
            try last.bind(2, first + Self.recordsPerInput - 1)
            _ = try last.step()
            inputs.append(MatchedInput(path: inputPath, id: id, nextRowId: last.int64(0).map { $0 + 1 } ?? first))
            lastInput = inputs.count - 1
            inputIndex[inputPath] = lastInput
        }
    }

    private static let recordsPerInput = Int64(1) << StoreSchema.recordBits

    /// The `matched_rule_sets` row of this source, kind, rule list and array, created on first use.
    private func ruleSetId(scanId: String, source: String, kind: String, rules: [String], array: String?,
                           _ connection: SQLiteConnection) throws(StoreError) -> Int64 {
        if let last = lastRuleSet, last.key.rules == rules, last.key.array == array,
           last.key.source == source, last.key.kind == kind {
            return last.id
        }
        let key = RuleSetKey(source: source, kind: kind, rules: rules, array: array)
        let id: Int64
        if let known = ruleSetIds[key] {
            id = known
        } else {
            let json = JSONStringLiteral.array(rules)
            // An earlier transaction of the same scan may have written it (`IS`: array may be NULL).
            let select = try connection.prepare("""
                SELECT id FROM matched_rule_sets
                WHERE scan_id = ?1 AND source = ?2 AND kind = ?3 AND rules = ?4 AND array IS ?5
                """)
            try select.bind(1, scanId)
            try select.bind(2, source)
            try select.bind(3, kind)
            try select.bind(4, json)
            try select.bind(5, array)
            if try select.step(), let found = select.int64(0) {
                id = found
            } else {
                let insert = try connection.prepare("""
                    INSERT INTO matched_rule_sets (scan_id, source, kind, rules, array) VALUES (?1, ?2, ?3, ?4, ?5)
                    """)
                try insert.bind(1, scanId)
                try insert.bind(2, source)
                try insert.bind(3, kind)
                try insert.bind(4, json)
                try insert.bind(5, array)
                try insert.run()
                id = try connection.lastInsertedRowId()
            }
            ruleSetIds[key] = id
        }
        lastRuleSet = (key, id)
        return id
    }

    /// Drops the cached input and rule-set ids: after a rollback they may name rows that are gone.
    private func forgetIds() {
        idScanId = nil
        inputs.removeAll()
        inputIndex.removeAll()
        lastInput = -1
        ruleSetIds.removeAll()
        lastRuleSet = nil
    }

    /// Records one input file of a scan with its size and modification time, so a later scan
    /// can tell whether the file changed.
    public func recordInput(scanId: String, input: ScanReport.Input, size: Int64?, mtime: Timestamp?) throws(StoreError) {
        lock.lock(); defer { lock.unlock() }
        let connection = try openConnection()
        let upsert = try connection.prepare("""
            INSERT INTO inputs (scan_id, path, source, size, mtime, events, skipped, errors)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            ON CONFLICT (scan_id, path) DO UPDATE SET source = excluded.source, size = excluded.size,
                mtime = excluded.mtime, events = excluded.events, skipped = excluded.skipped,
                errors = excluded.errors
            """)
        try bindInput(upsert, scanId: scanId, input: input)
        try upsert.bind(4, size)
        try upsert.bind(5, mtime?.epochSeconds)
        try upsert.run()
    }

    /// Writes the scan's findings, evidence, scores, contributions, unrecognized files and
    /// full report JSON, marks it finished and commits. Calling it again for the same scan
    /// replaces those rows. Works without `beginScan` too (the scan row is created).
    public func finishScan(report: ScanReport, finished: String = ReportStore.now()) throws(StoreError) {
        lock.lock(); defer { lock.unlock() }
        let connection = try openConnection()
        // Committing another scan's open transaction would mark the wrong scan finished.
        if let openScanId, openScanId != report.scan.id {
            throw .scanInProgress(path: path, open: openScanId, requested: report.scan.id)
        }
        let json: String
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            json = String(decoding: try encoder.encode(report), as: UTF8.self)
        } catch {
            throw .reportCoding(path: path, scanId: report.scan.id, reason: "\(error)")
        }
        if !connection.inTransaction { try connection.execute("BEGIN IMMEDIATE") }
        do throws(StoreError) {
            try writeFinished(report, json: json, finished: finished, connection)
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            openScanId = nil
            forgetIds()
            throw error
        }
        openScanId = nil
        forgetIds()
    }

    /// Rolls back the open scan (nothing of it stays in the database).
    public func abandonScan() throws(StoreError) {
        lock.lock(); defer { lock.unlock() }
        let connection = try openConnection()
        if connection.inTransaction { try connection.execute("ROLLBACK") }
        openScanId = nil
        forgetIds()
    }

    // MARK: - Reading

    /// The stored report of `scanId` (an exact id or a unique prefix), or of the latest
    /// finished scan when nil; nil when there is no such scan.
    public func report(scanId: String?) throws(StoreError) -> ScanReport? {
        lock.lock(); defer { lock.unlock() }
        let connection = try openConnection()
        guard let found = try reportRow(scanId: scanId, connection) else { return nil }
        do {
            return try JSONDecoder().decode(ScanReport.self, from: Data(found.json.utf8))
        } catch {
            throw .reportCoding(path: path, scanId: found.id, reason: "\(error)")
        }
    }

    /// All scans, oldest first (a scan still being written has `finished == nil`).
    public func scans() throws(StoreError) -> [StoredScan] {
        lock.lock(); defer { lock.unlock() }
        let connection = try openConnection()
        let query = try connection.prepare("""
            SELECT id, started, finished, paths, tool_version, rules_version FROM scans ORDER BY rowid
            """)
        var result: [StoredScan] = []
        while try query.step() {
            let id = query.text(0) ?? ""
            let pathsJSON = query.text(3) ?? "[]"
            let paths: [String]
            do {
                paths = try JSONDecoder().decode([String].self, from: Data(pathsJSON.utf8))
            } catch {
                throw .reportCoding(path: path, scanId: id, reason: "scans.paths is not a JSON array of strings")
            }
            result.append(StoredScan(id: id, started: query.text(1) ?? "", finished: query.text(2), paths: paths,
                                     toolVersion: query.text(4) ?? "", rulesVersion: query.text(5) ?? ""))
        }
        return result
    }

    /// Number of matched events stored for a scan.
    public func matchedEventCount(scanId: String) throws(StoreError) -> Int {
        lock.lock(); defer { lock.unlock() }
        let query = try openConnection().prepare("""
            SELECT count(*) FROM matched_inputs i JOIN matched_records r ON \(StoreSchema.inputRange(input: "i", record: "r"))
            WHERE i.scan_id = ?1
            """)
        try query.bind(1, scanId)
        guard try query.step() else { return 0 }
        return Int(query.int64(0) ?? 0)
    }

    /// Every stored matched event of a scan that one of `rules` fired on, oldest first: the
    /// full evidence behind a finding (reports keep only a sample), for `steward explain`. A
    /// record read from several inputs (same overlap key) is listed once, from the first path,
    /// its excerpt ending with the other paths ("also in …").
    /// Stored records of a scan counted by source and by the rules that matched them (one row
    /// per distinct rule list), for `what-if --best --by source`.
    /// With `byPath`, the first element is the input path instead of the source.
    public func matchedRecordCounts(scanId: String, byPath: Bool = false) throws(StoreError) -> [(source: String, rules: [String], records: Int)] {
        lock.lock(); defer { lock.unlock() }
        let column = byPath ? "i.path" : "k.source"
        let query = try openConnection().prepare("""
            SELECT \(column), k.rules, COUNT(*)
            FROM matched_inputs i
            JOIN matched_records r ON \(StoreSchema.inputRange(input: "i", record: "r"))
            JOIN matched_rule_sets k ON k.id = r.rule_set
            WHERE i.scan_id = ?1
            GROUP BY \(column), k.rules ORDER BY \(column), k.rules
            """)
        try query.bind(1, scanId)
        var result: [(source: String, rules: [String], records: Int)] = []
        while try query.step() {
            let rules = (try? JSONDecoder().decode([String].self, from: Data((query.text(1) ?? "[]").utf8))) ?? []
            result.append((query.text(0) ?? "", rules, Int(query.int64(2) ?? 0)))
        }
        return result
    }

    public func matchedEvidence(scanId: String, rules: [String]) throws(StoreError) -> [Evidence] {
        lock.lock(); defer { lock.unlock() }
        let query = try openConnection().prepare("""
            WITH wanted (id, rule) AS (
                SELECT k.id, (SELECT j.value FROM json_each(k.rules) j WHERE j.value IN (SELECT value FROM json_each(?2))
                              LIMIT 1)
                FROM matched_rule_sets k WHERE k.scan_id = ?1
            )
            SELECT i.path, r.locator, r.time, r.utc_offset, r.date_only, r.excerpt, w.rule, r.record_key,
                   r.line, r.record, \(StoreSchema.pointerSQL(record: "r", ruleSet: "k"))
            FROM matched_inputs i
            JOIN matched_records r ON \(StoreSchema.inputRange(input: "i", record: "r"))
            JOIN wanted w ON w.id = r.rule_set AND w.rule IS NOT NULL
            JOIN matched_rule_sets k ON k.id = r.rule_set
            WHERE i.scan_id = ?1
            ORDER BY r.time, i.path, r.id
            """)
        try query.bind(1, scanId)
        try query.bind(2, JSONStringLiteral.array(rules))
        var result: [Evidence] = []
        var alsoIn: [[String]] = []
        var byRecord: [Int64: Int] = [:]
        while try query.step() {
            let path = query.text(0) ?? ""
            if let key = query.int64(7) {
                if let first = byRecord[key] {
                    if result[first].path != path && !alsoIn[first].contains(path) { alsoIn[first].append(path) }
                    continue
                }
                byRecord[key] = result.count
            }
            let time = query.int64(2).map { seconds in
                Timestamp(epochSeconds: seconds, utcOffsetSeconds: query.int64(3).map { Int32($0) },
                          dateOnly: (query.int64(4) ?? 0) != 0).iso8601
            }
            // Rows written since schema version 4 hold no locator text; it is the position's.
            let locator = query.text(1) ?? SourcePosition(line: query.int64(8).map { Int($0) },
                                                          record: query.int64(9).map { Int($0) },
                                                          pointer: query.text(10)).description
            result.append(Evidence(path: path, locator: locator, time: time,
                                   excerpt: query.text(5) ?? "", rule: query.text(6) ?? ""))
            alsoIn.append([])
        }
        for (index, paths) in alsoIn.enumerated() where !paths.isEmpty {
            result[index].excerpt += " (also in " + paths.joined(separator: ", ") + ")"
        }
        return result
    }

    /// Closes the database; an unfinished scan is rolled back. Safe to call twice.
    public func close() {
        lock.lock(); defer { lock.unlock() }
        closeLocked()
    }

    /// Current time as ISO 8601 UTC, the default `finished` stamp.
    public static func now() -> String {
        Timestamp(epochSeconds: Int64(Date().timeIntervalSince1970.rounded(.down)), utcOffsetSeconds: 0).iso8601
    }

    // MARK: - Internals (called with the lock held)

    private func openConnection() throws(StoreError) -> SQLiteConnection {
        guard let connection else { throw .closed(path: path) }
        return connection
    }

    private func closeLocked() {
        forgetIds()
        insertMatchedEvent?.finalize()
        insertMatchedEvent = nil
        // Closing with an open transaction rolls it back, which is what an unfinished scan needs.
        connection?.close()
        connection = nil
        openScanId = nil
    }

    private func matchedEventStatement() throws(StoreError) -> PreparedStatement {
        if let insertMatchedEvent { return insertMatchedEvent }
        let statement = try openConnection().prepare("""
            INSERT INTO matched_records (id, rule_set, line, record, pointer, time, utc_offset, date_only, excerpt,
                record_key)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """)
        insertMatchedEvent = statement
        return statement
    }

    private func bindInput(_ statement: PreparedStatement, scanId: String, input: ScanReport.Input) throws(StoreError) {
        try statement.bind(1, scanId)
        try statement.bind(2, input.path)
        try statement.bind(3, input.source)
        try statement.bind(6, input.events)
        try statement.bind(7, input.skipped)
        try statement.bind(8, JSONStringLiteral.array(input.errors))
    }

    private func writeFinished(_ report: ScanReport, json: String, finished: String,
                               _ connection: SQLiteConnection) throws(StoreError) {
        let scanId = report.scan.id
        let scan = try connection.prepare("""
            INSERT INTO scans (id, started, finished, paths, tool_version, rules_version)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (id) DO UPDATE SET finished = excluded.finished
            """)
        try scan.bind(1, scanId)
        try scan.bind(2, report.scan.started)
        try scan.bind(3, finished)
        try scan.bind(4, JSONStringLiteral.array(report.scan.paths))
        try scan.bind(5, report.tool.version)
        try scan.bind(6, report.tool.rules)
        try scan.run()

        // A second finishScan for the same id replaces the derived rows (cascades reach
        // evidence and contributions); matched events and input sizes stay.
        for table in ["findings", "scores", "unrecognized", "unread_counts", "reports"] {
            let delete = try connection.prepare("DELETE FROM \(table) WHERE scan_id = ?1")
            try delete.bind(1, scanId)
            try delete.run()
        }

        // Inputs recorded with recordInput keep their size and mtime; others are added.
        let input = try connection.prepare("""
            INSERT INTO inputs (scan_id, path, source, events, skipped, errors) VALUES (?1, ?2, ?3, ?6, ?7, ?8)
            ON CONFLICT (scan_id, path) DO UPDATE SET source = excluded.source, events = excluded.events,
                skipped = excluded.skipped, errors = excluded.errors
            """)
        for item in report.inputs {
            try bindInput(input, scanId: scanId, input: item)
            try input.run()
        }

        let finding = try connection.prepare("""
            INSERT INTO findings (scan_id, attribute, title, sensitivity, confidence, count, first_seen, last_seen,
                rules, sources, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
            """)
        let evidence = try connection.prepare("""
            INSERT INTO evidence (finding_id, ordinal, path, locator, time, excerpt, rule)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """)
        for item in report.findings {
            try finding.bind(1, scanId)
            try finding.bind(2, item.attribute)
            try finding.bind(3, item.title)
            try finding.bind(4, item.sensitivity.rawValue)
            try finding.bind(5, item.confidence)
            try finding.bind(6, item.count)
            try finding.bind(7, item.firstSeen)
            try finding.bind(8, item.lastSeen)
            try finding.bind(9, JSONStringLiteral.array(item.rules))
            try finding.bind(10, JSONStringLiteral.array(item.sources))
            try finding.bind(11, item.value)
            try finding.run()
            let findingId = try connection.lastInsertedRowId()
            for (ordinal, sample) in item.evidence.enumerated() {
                try evidence.bind(1, findingId)
                try evidence.bind(2, ordinal)
                try evidence.bind(3, sample.path)
                try evidence.bind(4, sample.locator)
                try evidence.bind(5, sample.time)
                try evidence.bind(6, sample.excerpt)
                try evidence.bind(7, sample.rule)
                try evidence.run()
            }
        }

        let score = try connection.prepare("""
            INSERT INTO scores (scan_id, model, title, total, tier, tier_label, consequences, notes)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        let contribution = try connection.prepare("""
            INSERT INTO contributions (score_id, ordinal, rule, attribute, delta, basis, source, reason)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        for item in report.scores {
            try score.bind(1, scanId)
            try score.bind(2, item.model)
            try score.bind(3, item.title)
            try score.bind(4, item.total)
            try score.bind(5, item.tier)
            try score.bind(6, item.tierLabel)
            try score.bind(7, JSONStringLiteral.array(item.consequences))
            try score.bind(8, JSONStringLiteral.array(item.notes))
            try score.run()
            let scoreId = try connection.lastInsertedRowId()
            for (ordinal, part) in item.contributions.enumerated() {
                try contribution.bind(1, scoreId)
                try contribution.bind(2, ordinal)
                try contribution.bind(3, part.rule)
                try contribution.bind(4, part.attribute)
                try contribution.bind(5, part.delta)
                try contribution.bind(6, part.basis.rawValue)
                try contribution.bind(7, part.source)
                try contribution.bind(8, part.reason)
                try contribution.run()
            }
        }

        let unrecognized = try connection.prepare("INSERT INTO unrecognized (scan_id, path, reason) VALUES (?1, ?2, ?3)")
        for item in report.unrecognized {
            try unrecognized.bind(1, scanId)
            try unrecognized.bind(2, item.path)
            try unrecognized.bind(3, item.reason)
            try unrecognized.run()
        }

        let counted = try connection.prepare("INSERT INTO unread_counts (scan_id, reason, files) VALUES (?1, ?2, ?3)")
        for item in ReportStore.unreadCounts(report) {
            try counted.bind(1, scanId)
            try counted.bind(2, item.reason)
            try counted.bind(3, item.files)
            try counted.run()
        }

        let stored = try connection.prepare("INSERT INTO reports (scan_id, schema, json) VALUES (?1, ?2, ?3)")
        try stored.bind(1, scanId)
        try stored.bind(2, report.schema)
        try stored.bind(3, json)
        try stored.run()
    }

    /// Unread files by kind of reason: the report's totals when its lists were cut, else its lists counted.
    static func unreadCounts(_ report: ScanReport) -> [ScanReport.ReasonCount] {
        if let totals = report.unreadTotals { return totals.byReason }
        var all = UnreadFiles(limit: 0)
        for item in report.unrecognized { all.add(item) }
        for item in report.knownFiles { all.add(item, kind: .companion) }
        return all.byReason
    }

    /// Unread files of a stored scan by kind of reason, in the order of `UnreadReason`.
    public func unreadCounts(scanId: String) throws(StoreError) -> [ScanReport.ReasonCount] {
        lock.lock(); defer { lock.unlock() }
        let connection = try openConnection()
        let query = try connection.prepare("SELECT reason, files FROM unread_counts WHERE scan_id = ?1")
        try query.bind(1, scanId)
        var counts: [ScanReport.ReasonCount] = []
        while try query.step() {
            counts.append(.init(reason: query.text(0) ?? "", files: Int(query.int64(1) ?? 0)))
        }
        let order = UnreadReason.allCases.map(\.rawValue)
        return counts.sorted { (order.firstIndex(of: $0.reason) ?? order.count) < (order.firstIndex(of: $1.reason) ?? order.count) }
    }

    private func reportRow(scanId: String?, _ connection: SQLiteConnection) throws(StoreError) -> (id: String, json: String)? {
        guard let scanId else {
            let latest = try connection.prepare("""
                SELECT r.scan_id, r.json FROM reports r JOIN scans s ON s.id = r.scan_id ORDER BY s.rowid DESC LIMIT 1
                """)
            guard try latest.step() else { return nil }
            return (latest.text(0) ?? "", latest.text(1) ?? "")
        }
        let exact = try connection.prepare("SELECT scan_id, json FROM reports WHERE scan_id = ?1")
        try exact.bind(1, scanId)
        if try exact.step() { return (exact.text(0) ?? "", exact.text(1) ?? "") }
        // Like git's short hashes: `steward report 3f2a` when that prefix is unique.
        guard !scanId.isEmpty else { return nil }
        let prefixed = try connection.prepare("""
            SELECT scan_id, json FROM reports WHERE substr(scan_id, 1, length(?1)) = ?1 ORDER BY scan_id
            """)
        try prefixed.bind(1, scanId)
        var matches: [(id: String, json: String)] = []
        while try prefixed.step() { matches.append((prefixed.text(0) ?? "", prefixed.text(1) ?? "")) }
        if matches.count > 1 {
            throw .ambiguousScanId(path: path, prefix: scanId, matches: matches.map(\.id))
        }
        return matches.first
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func passwordDatabaseHome() -> String? {
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        let home = String(cString: directory)
        return home.isEmpty ? nil : home
    }
}
