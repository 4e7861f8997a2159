import Foundation
import StewardCore
import Store

/// Everything steward writes, and where: the database, a JSON copy of every report and the
/// demo's synthetic exports in the data directory, plus any `--out` file, which is remembered in
/// a manifest with its identity at write time (device, inode, size, SHA-256) so that
/// `steward forget` removes it only while it is still the file steward wrote (see
/// docs/privacy.md). All files are created 0600, folders 0700.
public enum OutputLocations {
    /// `$XDG_DATA_HOME/steward`, or `~/.local/share/steward`.
    public static func dataDirectory(environment: [String: String]) -> String {
        ReportStore.defaultDirectory(environment: environment)
    }

    public static func databasePath(in dataDirectory: String) -> String { dataDirectory + "/" + ReportStore.defaultFileName }
    public static func reportsDirectory(in dataDirectory: String) -> String { dataDirectory + "/reports" }
    /// Where `steward demo` writes a persona's exports, so its stored scan can be read again.
    public static func demoDirectory(in dataDirectory: String) -> String { dataDirectory + "/demo" }
    /// The one place in the data directory where `steward redact --out` may write: `forget`
    /// removes what is there (docs/redact.md).
    public static func redactedDirectory(in dataDirectory: String) -> String { dataDirectory + "/redacted" }
    static func manifestPath(in dataDirectory: String) -> String { dataDirectory + "/written-reports.txt" }

    /// The folder part of a path ("" for a bare name). NSString.deletingLastPathComponent
    /// traps on a one-character path in swift-corelibs-foundation (`--out p`).
    public static func parentFolder(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// A file as steward left it: what `forget` compares before removing it.
    public struct WrittenFile: Sendable, Equatable {
        public var path: String
        public var device: UInt64
        public var inode: UInt64
        public var size: Int64
        public var sha256: String
    }

    /// Writes `contents` to `path` with mode 0600 (replacing an existing file). A missing
    /// parent folder is created (0700) only when `createFolders` is set: steward's own folders
    /// yes, a folder a person typed after `--out` never.
    @discardableResult
    public static func writePrivateFile(_ contents: String, to path: String, createFolders: Bool = true) throws(StewardError) -> WrittenFile {
        let parent = parentFolder(of: path)
        if !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) {
            guard createFolders else { throw .output(path, "the folder \(parent) does not exist") }
            do throws(StoreError) {
                try PrivateFolders.create(parent)
            } catch {
                throw .output(parent, "\(error)")
            }
        }
        // A report is never written through a symbolic link to a file: a link planted where the
        // report goes (a shared folder) would have steward overwrite whatever it points at. A
        // link to a device or pipe (`--out /dev/stdout`) is what the person asked for.
        var link = stat()
        var followLink = false
        if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
            var target = stat()
            guard stat(path, &target) == 0, target.st_mode & S_IFMT != S_IFREG, target.st_mode & S_IFMT != S_IFDIR else {
                throw .output(path, "is a symbolic link; steward does not write a report through a link to a file (give the real path)")
            }
            followLink = true
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | (followLink ? 0 : O_NOFOLLOW), 0o600)
        guard fd >= 0 else { throw .output(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        // An existing file keeps its old mode through O_TRUNC: make it private as promised
        // (regular files only: `--out /dev/stdout` must not change a device's mode).
        var info = stat()
        if fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG { fchmod(fd, 0o600) }
        let bytes = Array(contents.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .output(path, String(cString: strerror(errno)))
            }
            offset += n
        }
        _ = fstat(fd, &info)
        return WrittenFile(path: path, device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                           sha256: SHA256.hex(of: bytes))
    }

    /// Remembers a report written outside the data directory with its identity, so `forget`
    /// finds it and can tell whether it is still the same file. Only regular files are kept
    /// (`--out /dev/stdout` is not a report to forget).
    public static func remember(_ written: WrittenFile, dataDirectory: String) throws(StewardError) {
        var info = stat()
        guard lstat(written.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        var entry = written
        entry.path = URL(fileURLWithPath: written.path).standardizedFileURL.path
        var entries = rememberedReports(dataDirectory: dataDirectory).filter { $0.path != entry.path }
        entries.append(.recorded(entry))
        try writeManifest(entries, dataDirectory: dataDirectory)
    }

    /// One line of the manifest: an identity recorded at write time, or only a path (written by
    /// a steward before identities were recorded: never removed, since it cannot be checked).
    enum RememberedReport {
        case recorded(WrittenFile)
        case pathOnly(String)

        var path: String {
            switch self {
            case .recorded(let file): return file.path
            case .pathOnly(let path): return path
            }
        }

        /// `device TAB inode TAB size TAB sha256 TAB path`.
        var line: String {
            switch self {
            case .recorded(let f): return "\(f.device)\t\(f.inode)\t\(f.size)\t\(f.sha256)\t\(f.path)"
            case .pathOnly(let path): return path
            }
        }

        init(line: Substring) {
            let fields = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false)
            if fields.count == 5, let device = UInt64(fields[0]), let inode = UInt64(fields[1]), let size = Int64(fields[2]),
               fields[3].count == 64 {
                self = .recorded(WrittenFile(path: String(fields[4]), device: device, inode: inode, size: size, sha256: String(fields[3])))
            } else {
                self = .pathOnly(String(line))
            }
        }
    }

    static func rememberedReports(dataDirectory: String) -> [RememberedReport] {
        guard let text = try? String(contentsOfFile: manifestPath(in: dataDirectory), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(RememberedReport.init(line:))
    }

    static func writeManifest(_ entries: [RememberedReport], dataDirectory: String) throws(StewardError) {
        try writePrivateFile(entries.map(\.line).joined(separator: "\n") + "\n", to: manifestPath(in: dataDirectory))
    }
}
