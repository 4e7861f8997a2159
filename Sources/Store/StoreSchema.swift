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
    ]

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
