import StewardCore
import Formats

/// The table names of a SQLite file, for detecting a database by its schema rather than its
/// name (the samples of this project are called chrome.sqlite and firefox.sqlite; a copied
/// Chrome profile file is just `History`).
///
/// On disk the names come from `sqlite_master`, read through `ImmutableSQLiteInput`, because
/// the schema table is a b-tree whose leaf pages can lie anywhere in the file: in a real
/// Chrome History file of 118 KB the CREATE TABLE statements start at byte 108,256, far past
/// the 64 KiB head a probe carries. For an archive member (no path on disk) only the head is
/// there, so the names found in its CREATE TABLE statements are all that can be known.
struct SQLiteSchemaTables {
    /// Lower-cased table names.
    let names: Set<String>
    /// True when the names came from `sqlite_master` (complete), false when from the head only.
    let complete: Bool

    static let magic: [UInt8] = Array("SQLite format 3\u{0}".utf8)

    /// nil when the probe is not a SQLite database at all.
    static func read(_ probe: FileProbe) -> SQLiteSchemaTables? {
        guard probe.head.starts(with: magic) else { return nil }
        if let diskPath = probe.diskPath, let names = fromSchemaTable(diskPath) {
            return SQLiteSchemaTables(names: names, complete: true)
        }
        return SQLiteSchemaTables(names: fromCreateStatements(probe.head), complete: false)
    }

    func contains(_ tables: String...) -> Bool { tables.allSatisfy { names.contains($0) } }

    private static func fromSchemaTable(_ path: String) -> Set<String>? {
        do {
            let database = try ImmutableSQLiteInput(path: path)
            var names: Set<String> = []
            try database.forEachRow("SELECT name FROM sqlite_master WHERE type = 'table'") { row in
                if let name = row.text(0) { names.insert(name.lowercased()) }
            }
            return names
        } catch {
            // Damaged or encrypted: fall back to what the head shows.
            return nil
        }
    }

    /// Table names after each `CREATE TABLE [IF NOT EXISTS]` in `bytes`, with SQL's quoting
    /// forms ("x", `x`, [x]) removed. Case-insensitive keywords, as SQLite stores them verbatim.
    static func fromCreateStatements(_ bytes: [UInt8]) -> Set<String> {
        var names: Set<String> = []
        let keyword = Array("create table".utf8)
        let ifNotExists = Array("if not exists".utf8)
        var i = 0
        while i + keyword.count < bytes.count {
            guard matchesFolded(bytes, at: i, keyword) else { i += 1; continue }
            var j = skipSpaces(bytes, from: i + keyword.count)
            if matchesFolded(bytes, at: j, ifNotExists) { j = skipSpaces(bytes, from: j + ifNotExists.count) }
            if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "`") || bytes[j] == UInt8(ascii: "[") { j += 1 }
            let start = j
            while j < bytes.count, j - start < 128, isIdentifierByte(bytes[j]) { j += 1 }
            if j > start { names.insert(String(decoding: bytes[start..<j], as: UTF8.self).lowercased()) }
            i = max(j, i + 1)
        }
        return names
    }

    private static func matchesFolded(_ bytes: [UInt8], at index: Int, _ lowercaseNeedle: [UInt8]) -> Bool {
        guard index + lowercaseNeedle.count <= bytes.count else { return false }
        for k in 0..<lowercaseNeedle.count {
            var b = bytes[index + k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if b != lowercaseNeedle[k] { return false }
        }
        return true
    }

    private static func skipSpaces(_ bytes: [UInt8], from index: Int) -> Int {
        var j = index
        while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D { j += 1 }
        return j
    }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }
}
