/// The database schema as a list of migrations. `PRAGMA user_version` holds how many have
/// been applied; a file with a higher number was written by a newer steward and is refused.
/// Never edit a shipped migration: append a new one (docs/storage.md describes the result).
enum StoreSchema {
    /// `PRAGMA application_id`: "STWD" in ASCII, so steward never migrates someone else's
    /// SQLite file that was passed with `--db` by mistake.
    static let applicationId: Int32 = 0x5354_5744

    /// migrations[n] takes the schema from version n to n + 1.
    static let migrations: [String] = [
        // Version 1.
        """
        CREATE TABLE scans (
            id            TEXT PRIMARY KEY NOT NULL,
            started       TEXT NOT NULL,
            finished      TEXT,
            paths         TEXT NOT NULL,
            tool_version  TEXT NOT NULL,
            rules_version TEXT NOT NULL
        );
        CREATE TABLE inputs (
            id       INTEGER PRIMARY KEY,
            scan_id  TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            path     TEXT NOT NULL,
            source   TEXT NOT NULL,
            size     INTEGER,
            mtime    INTEGER,
            events   INTEGER NOT NULL,
            skipped  INTEGER NOT NULL,
            errors   TEXT NOT NULL,
            UNIQUE (scan_id, path)
        );
        CREATE TABLE matched_events (
            id          INTEGER PRIMARY KEY,
            scan_id     TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            input_path  TEXT NOT NULL,
            locator     TEXT NOT NULL,
            line        INTEGER,
            record      INTEGER,
            pointer     TEXT,
            time        INTEGER,
            utc_offset  INTEGER,
            date_only   INTEGER NOT NULL DEFAULT 0,
            source      TEXT NOT NULL,
            kind        TEXT NOT NULL,
            rules       TEXT NOT NULL,
            excerpt     TEXT NOT NULL
        );
        CREATE INDEX matched_events_by_scan ON matched_events (scan_id);
        CREATE TABLE findings (
            id          INTEGER PRIMARY KEY,
            scan_id     TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            attribute   TEXT NOT NULL,
            title       TEXT NOT NULL,
            sensitivity TEXT NOT NULL,
            confidence  REAL NOT NULL,
            count       INTEGER NOT NULL,
            first_seen  TEXT,
            last_seen   TEXT,
            rules       TEXT NOT NULL,
            sources     TEXT NOT NULL,
            value       TEXT
        );
        CREATE INDEX findings_by_scan ON findings (scan_id, attribute);
        CREATE TABLE evidence (
            id          INTEGER PRIMARY KEY,
            finding_id  INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
            ordinal     INTEGER NOT NULL,
            path        TEXT NOT NULL,
            locator     TEXT NOT NULL,
            time        TEXT,
            excerpt     TEXT NOT NULL,
            rule        TEXT NOT NULL
        );
        CREATE INDEX evidence_by_finding ON evidence (finding_id);
        CREATE TABLE scores (
            id           INTEGER PRIMARY KEY,
            scan_id      TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            model        TEXT NOT NULL,
            title        TEXT,
            total        INTEGER,
            tier         TEXT NOT NULL,
            tier_label   TEXT,
            consequences TEXT NOT NULL,
            notes        TEXT NOT NULL
        );
        CREATE INDEX scores_by_scan ON scores (scan_id);
        CREATE TABLE contributions (
            id        INTEGER PRIMARY KEY,
            score_id  INTEGER NOT NULL REFERENCES scores(id) ON DELETE CASCADE,
            ordinal   INTEGER NOT NULL,
            rule      TEXT NOT NULL,
            attribute TEXT NOT NULL,
            delta     INTEGER,
            basis     TEXT NOT NULL,
            source    TEXT NOT NULL,
            reason    TEXT
        );
        CREATE INDEX contributions_by_score ON contributions (score_id);
        CREATE TABLE unrecognized (
            id      INTEGER PRIMARY KEY,
            scan_id TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            path    TEXT NOT NULL,
            reason  TEXT NOT NULL
        );
        CREATE INDEX unrecognized_by_scan ON unrecognized (scan_id);
        CREATE TABLE reports (
            scan_id TEXT PRIMARY KEY NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            schema  TEXT NOT NULL,
            json    TEXT NOT NULL
        );
        """,
        // Version 2: a matched record's overlap key (docs/duplicates.md), equal for the same
        // record read from two inputs, so `steward explain` lists it once.
        """
        ALTER TABLE matched_events ADD COLUMN record_key INTEGER;
        """,
        // Version 3: every unread file counted by kind of reason; `unrecognized` keeps only
        // the first files of a long list (docs/privacy.md, "Limits").
        """
        CREATE TABLE unread_counts (
            scan_id TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            reason  TEXT NOT NULL,
            files   INTEGER NOT NULL,
            PRIMARY KEY (scan_id, reason)
        );
        """,
        // Version 4: matched records without the text each row repeated (docs/storage.md,
        // "matched_records"; docs/performance.md, "The database path: rows without repeated
        // text"). The scan id and input path move to `matched_inputs`; source, kind, rule list
        // and the JSON array a record is an element of to `matched_rule_sets`; a record's row
        // id is its input's id times 2^32 plus its place among that input's records, so the
        // rows of an input are one range of the table's own B-tree and need neither an index
        // nor a foreign-key check per insert. The locator and an element's pointer are rebuilt
        // when read; rows migrated from version 3 keep the text they were written with.
        // `matched_events` becomes a view with the old columns.
        """
        CREATE TABLE matched_inputs (
            id      INTEGER PRIMARY KEY,
            scan_id TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            path    TEXT NOT NULL,
            UNIQUE (scan_id, path)
        );
        CREATE TABLE matched_rule_sets (
            id      INTEGER PRIMARY KEY,
            scan_id TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
            source  TEXT NOT NULL,
            kind    TEXT NOT NULL,
            rules   TEXT NOT NULL,
            array   TEXT
        );
        CREATE INDEX matched_rule_sets_by_scan ON matched_rule_sets (scan_id);
        CREATE TABLE matched_records (
            id         INTEGER PRIMARY KEY,
            rule_set   INTEGER NOT NULL,
            line       INTEGER,
            record     INTEGER,
            pointer    TEXT,
            time       INTEGER,
            utc_offset INTEGER,
            date_only  INTEGER NOT NULL DEFAULT 0,
            excerpt    TEXT NOT NULL,
            record_key INTEGER,
            locator    TEXT
        );
        CREATE TRIGGER matched_inputs_delete AFTER DELETE ON matched_inputs BEGIN
            DELETE FROM matched_records WHERE id BETWEEN old.id << 32 AND (old.id << 32) + 4294967295;
        END;
        INSERT INTO matched_inputs (scan_id, path)
            SELECT scan_id, input_path FROM matched_events GROUP BY scan_id, input_path ORDER BY min(id);
        INSERT INTO matched_rule_sets (scan_id, source, kind, rules)
            SELECT scan_id, source, kind, rules FROM matched_events GROUP BY scan_id, source, kind, rules
            ORDER BY min(id);
        INSERT INTO matched_records (id, rule_set, line, record, pointer, time, utc_offset, date_only, excerpt,
                                     record_key, locator)
            SELECT (i.id << 32) + row_number() OVER (PARTITION BY i.id ORDER BY m.id) - 1, k.id, m.line, m.record,
                   m.pointer, m.time, m.utc_offset, m.date_only, m.excerpt, m.record_key, m.locator
            FROM matched_events m
            JOIN matched_inputs i ON i.scan_id = m.scan_id AND i.path = m.input_path
            JOIN matched_rule_sets k ON k.scan_id = m.scan_id AND k.source = m.source AND k.kind = m.kind
                                    AND k.rules = m.rules;
        DROP TABLE matched_events;
        CREATE VIEW matched_events AS
            SELECT id, scan_id, input_path, coalesce(stored_locator, \(locatorSQL(table: "m"))) AS locator,
                   line, record, pointer, time, utc_offset, date_only, source, kind, rules, excerpt, record_key
            FROM (SELECT r.id, i.scan_id, i.path AS input_path, r.locator AS stored_locator, r.line, r.record,
                         \(pointerSQL(record: "r", ruleSet: "k")) AS pointer, r.time, r.utc_offset, r.date_only,
                         k.source, k.kind, k.rules, r.excerpt, r.record_key
                  FROM matched_inputs i
                  JOIN matched_records r ON \(inputRange(input: "i", record: "r"))
                  JOIN matched_rule_sets k ON k.id = r.rule_set) m;
        """,
    ]

    /// Bits of a `matched_records` row id below its input's id: 2^32 records an input.
    static let recordBits = 32

    /// The condition that `record`'s row belongs to `input` (a row-id range, so SQLite reads
    /// the input's rows straight from the table's B-tree).
    static func inputRange(input: String, record: String) -> String {
        "\(record).id BETWEEN \(input).id << \(recordBits) AND (\(input).id << \(recordBits)) + \((Int64(1) << recordBits) - 1)"
    }

    /// A record's JSON pointer: its own, or for an array element its array's and its index.
    static func pointerSQL(record r: String, ruleSet k: String) -> String {
        "coalesce(\(r).pointer, \(k).array || '/' || \(r).record)"
    }

    /// `SourcePosition.description` in SQL, for the `matched_events` view: `line 12`,
    /// `record 3 (/3)`, `at /a/b`, `whole file`. StoreSchemaTests checks both give the same text.
    static func locatorSQL(table t: String) -> String {
        """
        coalesce(nullif(ltrim(coalesce('line ' || \(t).line, '') || coalesce(' record ' || \(t).record, '') || \
        CASE WHEN \(t).pointer IS NULL THEN '' WHEN \(t).line IS NULL AND \(t).record IS NULL THEN ' at ' || \(t).pointer \
        ELSE ' (' || \(t).pointer || ')' END, ' '), ''), 'whole file')
        """
    }

    /// The schema version this build writes.
    static var version: Int32 { Int32(migrations.count) }

    /// Brings the database to `version`, or refuses a file that is newer or not steward's.
    /// All pending migrations run in one transaction: a crash leaves the old version intact.
    static func migrate(_ connection: SQLiteConnection) throws(StoreError) {
        try connection.execute("BEGIN IMMEDIATE")
        do throws(StoreError) {
            let found = Int32(truncatingIfNeeded: try connection.integer("PRAGMA user_version"))
            let application = Int32(truncatingIfNeeded: try connection.integer("PRAGMA application_id"))
            if application != applicationId {
                let objects = try connection.integer("SELECT count(*) FROM sqlite_schema")
                guard application == 0, found == 0, objects == 0 else {
                    throw .notStewardDatabase(path: connection.path, applicationId: application)
                }
                try connection.execute("PRAGMA application_id = \(applicationId)")
            }
            guard found <= version else {
                throw .newerSchema(path: connection.path, found: found, supported: version)
            }
            for step in Int(found)..<Int(version) {
                try connection.execute(migrations[step])
                try connection.execute("PRAGMA user_version = \(step + 1)")
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }
}
