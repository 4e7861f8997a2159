#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Folders only the owner can enter, for everything steward writes (reports, demo exports):
/// created with mode 0700 by mkdir itself, never created open and narrowed afterwards, which
/// would leave a moment in which another user could open them (docs/privacy.md).
public enum PrivateFolders {
    /// Creates `path` and any missing parents with mode 0700; existing folders are left as they are.
    public static func create(_ path: String) throws(StoreError) { try OwnerOnlyFiles.createDirectory(path) }
}

/// Creates the database's directory (0700) and file (0600) so that nobody but the owner can
/// read what steward inferred, whatever the process umask is.
enum OwnerOnlyFiles {
    static let directoryMode: mode_t = 0o700
    static let fileMode: mode_t = 0o600

    /// Creates `path` and any missing parents with mode 0700. Directories that already exist
    /// are left as they are: they may be the user's home or /tmp.
    static func createDirectory(_ path: String) throws(StoreError) {
        guard !path.isEmpty, path != "/" else { return }
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw .cannotCreateDirectory(path: path, reason: "a file that is not a directory is in the way")
            }
            return
        }
        try createDirectory(parent(of: path))
        if mkdir(path, directoryMode) != 0 {
            let code = errno
            // Another process may have created it between stat and mkdir.
            if code == EEXIST, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return }
            throw .cannotCreateDirectory(path: path, reason: describe(code))
        }
        // mkdir applies the umask; a umask such as 0o200 would leave the directory unusable
        // and a umask of 0 is harmless here, so set the mode exactly.
        if chmod(path, directoryMode) != 0 {
            throw .cannotCreateDirectory(path: path, reason: "chmod 0700: " + describe(errno))
        }
    }

    /// Creates the file with mode 0600 before SQLite writes anything into it, or narrows an
    /// existing file to the owner if group or others could read it.
    static func prepareFile(_ path: String) throws(StoreError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, fileMode)
        if fd >= 0 {
            defer { close(fd) }
            if fchmod(fd, fileMode) != 0 {
                throw .cannotCreateFile(path: path, reason: "chmod 0600: " + describe(errno))
            }
            return
        }
        let code = errno
        guard code == EEXIST else { throw .cannotCreateFile(path: path, reason: describe(code)) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw .cannotCreateFile(path: path, reason: describe(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw .cannotCreateFile(path: path, reason: "not a regular file")
        }
        let permissions = info.st_mode & 0o7777
        if permissions & 0o077 != 0, chmod(path, permissions & 0o700) != 0 {
            throw .cannotCreateFile(path: path, reason: "cannot restrict its mode to the owner: " + describe(errno))
        }
    }

    /// The directory part of `path` (`.` for a bare file name).
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    static func describe(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
