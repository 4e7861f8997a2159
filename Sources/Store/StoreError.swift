import Foundation

/// Everything that can go wrong in the store. Every message names the database path and what
/// was being done (the SQL statement or the file operation), so a user can act on it.
public enum StoreError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A directory on the way to the database could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// The database file could not be created, opened or given owner-only permissions.
    case cannotCreateFile(path: String, reason: String)
    /// SQLite refused a statement (or opening the file); `statement` is the SQL or the step.
    case sqlite(path: String, statement: String, code: Int32, message: String)
    /// The file was written by a newer steward whose schema this build does not know.
    case newerSchema(path: String, found: Int32, supported: Int32)
    /// The file is an SQLite database, but not one steward created.
    case notStewardDatabase(path: String, applicationId: Int32)
    /// A scan id prefix matched more than one stored scan.
    case ambiguousScanId(path: String, prefix: String, matches: [String])
    /// The stored report JSON of a scan could not be encoded or decoded.
    case reportCoding(path: String, scanId: String, reason: String)
    /// `beginScan` was called while another scan's transaction was still open.
    case scanInProgress(path: String, open: String, requested: String)
    /// The store was used after `close()`.
    case closed(path: String)

    public var description: String {
        switch self {
        case let .cannotCreateDirectory(path, reason):
            return "cannot create directory \(path): \(reason)"
        case let .cannotCreateFile(path, reason):
            return "cannot create database file \(path): \(reason)"
        case let .sqlite(path, statement, code, message):
            return "database \(path): \(message) (SQLite code \(code)) in: \(statement)"
        case let .newerSchema(path, found, supported):
            return "database \(path) has schema version \(found), but this steward only knows versions up to "
                + "\(supported): it was written by a newer steward. Use that version, or pass --db with another file."
        case let .notStewardDatabase(path, applicationId):
            return "database \(path) is not a steward database (SQLite application_id \(applicationId)); "
                + "refusing to change it. Pass --db with another file."
        case let .ambiguousScanId(path, prefix, matches):
            return "database \(path): scan id prefix '\(prefix)' matches \(matches.count) scans: "
                + matches.prefix(5).joined(separator: ", ") + (matches.count > 5 ? ", …" : "")
        case let .reportCoding(path, scanId, reason):
            return "database \(path): stored report of scan \(scanId) cannot be read or written: \(reason)"
        case let .scanInProgress(path, open, requested):
            return "database \(path): cannot begin scan \(requested) while scan \(open) is still open "
                + "(finish or abandon it first)"
        case let .closed(path):
            return "database \(path) was already closed"
        }
    }

    public var errorDescription: String? { description }
}
