import Foundation
import Store

/// Everything steward writes, and where: the database and a JSON copy of every report in the
/// data directory, plus any `--out` file, which is remembered in a manifest so that
/// `steward forget` can remove it too. All files are created 0600, folders 0700.
public enum OutputLocations {
    /// `$XDG_DATA_HOME/steward`, or `~/.local/share/steward`.
    public static func dataDirectory(environment: [String: String]) -> String {
        ReportStore.defaultDirectory(environment: environment)
    }

    public static func databasePath(in dataDirectory: String) -> String { dataDirectory + "/" + ReportStore.defaultFileName }
    public static func reportsDirectory(in dataDirectory: String) -> String { dataDirectory + "/reports" }
    static func manifestPath(in dataDirectory: String) -> String { dataDirectory + "/written-reports.txt" }

    /// Writes `contents` to `path` with mode 0600 (replacing an existing file), creating a
    /// missing parent folder with mode 0700.
    public static func writePrivateFile(_ contents: String, to path: String) throws(StewardError) {
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw .output(parent, "\(error)")
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
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
    }

    /// Remembers a report written outside the data directory, so `forget` finds it.
    public static func remember(reportAt path: String, dataDirectory: String) throws(StewardError) {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var info = stat()
        guard stat(absolute, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        let manifest = manifestPath(in: dataDirectory)
        var lines = (try? String(contentsOfFile: manifest, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        guard !lines.contains(absolute) else { return }
        lines.append(absolute)
        try writePrivateFile(lines.joined(separator: "\n") + "\n", to: manifest)
    }

    /// Deletes the database (with its journal files), the stored reports, every remembered
    /// `--out` report that still exists, and the manifest. Returns what was removed.
    public static func forget(dataDirectory: String, extraDatabase: String? = nil) -> [String] {
        let fm = FileManager.default
        var removed: [String] = []
        func remove(_ path: String) {
            if fm.fileExists(atPath: path), (try? fm.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        let manifest = manifestPath(in: dataDirectory)
        if let text = try? String(contentsOfFile: manifest, encoding: .utf8) {
            for line in text.split(separator: "\n") { remove(String(line)) }
        }
        remove(manifest)
        for db in [databasePath(in: dataDirectory), extraDatabase].compactMap({ $0 }) {
            for file in ReportStore.files(forDatabaseAt: db) { remove(file) }
        }
        remove(reportsDirectory(in: dataDirectory))
        // The folder itself goes too when steward's files were all it held.
        if let rest = try? fm.contentsOfDirectory(atPath: dataDirectory), rest.isEmpty {
            remove(dataDirectory)
        }
        return removed
    }
}
