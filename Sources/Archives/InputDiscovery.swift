import Foundation

/// Turns the paths a person gave into the list of files to read: folders are walked
/// (sorted, so scans are reproducible), symlinks that leave the given root are refused,
/// and anything that is not a regular file is reported rather than silently passed over.
public struct InputDiscovery {
    public struct Result {
        public var files: [DiskFileSource] = []
        public var skipped: [(path: String, reason: String)] = []
        /// Paths given on the command line that do not exist or cannot be opened.
        public var missing: [String] = []
    }

    public init() {}

    public func discover(_ roots: [String]) -> Result {
        var result = Result()
        let fm = FileManager.default
        for root in roots {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDirectory) else {
                result.missing.append(root)
                continue
            }
            if isDirectory.boolValue {
                walk(directory: root, root: canonical(root), display: root, into: &result)
            } else {
                add(path: root, display: root, namedByUser: true, into: &result)
            }
        }
        return result
    }

    private func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    private func walk(directory: String, root: String, display: String, into result: inout Result) {
        // Entries as the directory holds them: a name that is not valid UTF-8 stays openable
        // (`FileSystemName`), where Foundation would have replaced its bytes.
        guard let names = FileSystemName.entries(of: directory) else {
            result.skipped.append((display, "folder cannot be read"))
            return
        }
        for name in names.sorted() {
            let path = directory + "/" + name
            let shown = (display.hasSuffix("/") ? display : display + "/") + FileSystemName.display(name)
            var info = stat()
            guard lstat(FileSystemName.bytes(path), &info) == 0 else {
                result.skipped.append((shown, "cannot be read: \(String(cString: strerror(errno)))"))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(directory: path, root: root, display: shown, into: &result)
            case S_IFREG:
                add(path: path, display: shown, into: &result)
            case S_IFLNK:
                var targetInfo = stat()
                if stat(FileSystemName.bytes(path), &targetInfo) != 0 {
                    // A loop resolves to itself; say what it is instead of "read there".
                    result.skipped.append((shown, errno == ELOOP ? "symbolic link loop: not followed"
                                           : "symbolic link whose target does not exist: not followed"))
                    continue
                }
                let target = canonical(path)
                if target == root || target.hasPrefix(root + "/") {
                    // A link inside the scanned folder: its target is scanned where it lives.
                    result.skipped.append((shown, "symbolic link to \(target) inside the scanned folder: read there, not twice"))
                } else {
                    result.skipped.append((shown, "symbolic link that leaves the scanned folder: not followed"))
                }
            default:
                result.skipped.append((shown, "not a regular file (device, socket or pipe)"))
            }
        }
    }

    /// `namedByUser`: the path was given on the command line, so a symbolic link there is what
    /// the user asked to read and is followed; a file found in a folder never is.
    private func add(path: String, display: String, namedByUser: Bool = false, into result: inout Result) {
        var info = stat()
        guard stat(FileSystemName.bytes(path), &info) == 0 else {
            result.skipped.append((display, "cannot be read: \(String(cString: strerror(errno)))"))
            return
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            result.skipped.append((display, "not a regular file (device, socket or pipe)"))
            return
        }
        let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
        result.files.append(DiskFileSource(path: path, displayPath: display, size: Int64(info.st_size), modified: modified,
                                           followsSymlink: namedByUser))
    }
}
