import Foundation
import StewardCore
import Store

/// What `steward forget` would remove and what it keeps, worked out before anything is
/// deleted, so it can be listed, confirmed or only shown (`--dry-run`). Only regular files are
/// removed, never through a symbolic link, and a report written with `--out` only while it is
/// still the file steward wrote (same device, inode, size and SHA-256) and only when asked
/// (`includeOutFiles`). Folders are removed only when steward's own and empty (see docs/privacy.md).
public struct ForgetPlan: Sendable {
    /// What a file is to steward; `description` says it in English, the CLI in any language.
    public enum Kind: String, Sendable, CaseIterable, CustomStringConvertible {
        case outReportList, extraDatabase, database, reportCopy, demoExport, outReport, redactedCopy

        public var description: String {
            switch self {
            case .outReportList: return "list of reports written with --out"
            case .extraDatabase: return "--db"
            case .database: return "database"
            case .reportCopy: return "stored report copy"
            case .demoExport: return "demo persona's synthetic export"
            case .outReport: return "report written with --out"
            case .redactedCopy: return "copy written by steward redact"
            }
        }
    }

    public struct Item: Sendable {
        public var path: String
        public var kind: Kind
        /// What the file is, in words ("database", "report written with --out").
        public var what: String { kind.description }
        /// Nil: it goes; otherwise why it stays.
        public var keptBecause: String?
        /// The identity to check again just before removing (reports written with --out).
        var identity: OutputLocations.WrittenFile?
    }

    public private(set) var items: [Item] = []
    let dataDirectory: String
    /// Manifest entries that stay remembered (reports kept only because they were not asked for).
    var stillRemembered: [OutputLocations.RememberedReport] = []
    /// steward's own folders, removed when empty afterwards (deepest first).
    var ownFolders: [String] = []

    public var removals: [Item] { items.filter { $0.keptBecause == nil } }
    public var kept: [Item] { items.filter { $0.keptBecause != nil } }

    public init(dataDirectory: String, extraDatabase: String? = nil, includeOutFiles: Bool) {
        self.dataDirectory = dataDirectory
        for entry in OutputLocations.rememberedReports(dataDirectory: dataDirectory) {
            addRemembered(entry, include: includeOutFiles)
        }
        let manifest = OutputLocations.manifestPath(in: dataDirectory)
        if stillRemembered.isEmpty { addOwn(manifest, kind: .outReportList) }
        var databases = [OutputLocations.databasePath(in: dataDirectory)]
        if let extraDatabase {
            let absolute = URL(fileURLWithPath: extraDatabase).standardizedFileURL.path
            if absolute != databases[0] { databases.append(absolute) }
        }
        for database in databases {
            // `--db` names a file the person typed: a typo must not delete one of their files.
            if database != databases[0] && !Self.isSQLiteDatabase(database) {
                var info = stat()
                if lstat(database, &info) == 0 {
                    items.append(Item(path: database, kind: .extraDatabase, keptBecause: "not an SQLite database, kept"))
                }
                continue
            }
            for file in ReportStore.files(forDatabaseAt: database) { addOwn(file, kind: .database) }
        }
        addOwnFolder(OutputLocations.reportsDirectory(in: dataDirectory), kind: .reportCopy)
        addOwnFolder(OutputLocations.demoDirectory(in: dataDirectory), kind: .demoExport)
        addOwnFolder(OutputLocations.redactedDirectory(in: dataDirectory), kind: .redactedCopy)
        ownFolders.append(dataDirectory)
    }

    /// Why a file at `path` is not (any more) a regular file steward may remove; nil when it is.
    static func notRemovable(_ path: String, expected: OutputLocations.WrittenFile? = nil) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return "gone" }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: return "changed since steward wrote it (now a symbolic link), kept"
        case S_IFDIR: return "changed since steward wrote it (now a folder), kept"
        default: return "changed since steward wrote it (not a regular file), kept"
        }
        guard let expected else { return nil }
        guard UInt64(info.st_dev) == expected.device, UInt64(info.st_ino) == expected.inode, Int64(info.st_size) == expected.size,
              contentHash(path) == expected.sha256 else {
            return "changed since steward wrote it, kept"
        }
        return nil
    }

    /// Whether `path` is a regular file that starts with SQLite's header.
    static func isSQLiteDatabase(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let n = header.withUnsafeMutableBytes { read(fd, $0.baseAddress, 16) }
        return n == 16 && header == Array("SQLite format 3\0".utf8)
    }

    /// SHA-256 of a file read in 64 KiB pieces (memory does not grow with the file), without
    /// following a symbolic link.
    static func contentHash(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            hasher.update(buffer[0..<n])
        }
        return hasher.finalizeHex()
    }

    private mutating func addRemembered(_ entry: OutputLocations.RememberedReport, include: Bool) {
        let what = Kind.outReport
        switch entry {
        case .pathOnly(let path):
            var info = stat()
            guard lstat(path, &info) == 0 else { return }
            items.append(Item(path: path, kind: what, keptBecause: "written before steward recorded what it wrote, so it cannot be checked: kept"))
        case .recorded(let file):
            let problem = Self.notRemovable(file.path, expected: file)
            if problem == "gone" { return }
            if let problem {
                items.append(Item(path: file.path, kind: what, keptBecause: problem))
            } else if include {
                items.append(Item(path: file.path, kind: what, keptBecause: nil, identity: file))
            } else {
                items.append(Item(path: file.path, kind: what, keptBecause: "kept: pass --include-out-files to remove it"))
                stillRemembered.append(entry)
            }
        }
    }

    private mutating func addOwn(_ path: String, kind what: Kind) {
        let problem = Self.notRemovable(path)
        if problem == "gone" { return }
        items.append(Item(path: path, kind: what, keptBecause: problem.map { _ in "not a regular file, kept" }))
    }

    /// Every file below one of steward's folders; the folders go afterwards if empty.
    private mutating func addOwnFolder(_ folder: String, kind what: Kind) {
        var info = stat()
        guard lstat(folder, &info) == 0 else { return }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            items.append(Item(path: folder, kind: what, keptBecause: "not a folder any more, kept"))
            return
        }
        var folders: [String] = []
        func walk(_ directory: String) {
            folders.append(directory)
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted() {
                let path = directory + "/" + name
                var entry = stat()
                guard lstat(path, &entry) == 0 else { continue }
                if entry.st_mode & S_IFMT == S_IFDIR { walk(path) } else { addOwn(path, kind: what) }
            }
        }
        walk(folder)
        ownFolders += folders.reversed()
    }

    /// Removes what the plan lists (checking each file again first) and returns the files
    /// removed and those that could not be, with why.
    public func execute() -> (removed: [String], failed: [(path: String, reason: String)]) {
        var removed: [String] = []
        var failed: [(String, String)] = []
        for item in removals {
            if let problem = Self.notRemovable(item.path, expected: item.identity) {
                if problem != "gone" { failed.append((item.path, problem)) }
                continue
            }
            if unlink(item.path) == 0 {
                removed.append(item.path)
            } else {
                failed.append((item.path, String(cString: strerror(errno))))
            }
        }
        // Reports kept only because they were not asked for stay remembered for a later forget.
        if !stillRemembered.isEmpty { try? OutputLocations.writeManifest(stillRemembered, dataDirectory: dataDirectory) }
        // rmdir removes only empty folders and never follows a link.
        for folder in ownFolders where rmdir(folder) == 0 { removed.append(folder) }
        return (removed, failed)
    }
}
