import Foundation

/// The files of one rule set, wherever they are: a `rules/` folder on disk (`--rules`,
/// `$STEWARD_RULES`) or the copy of the project's `rules/` compiled into steward, so a binary
/// copied alone to another machine still has its rules (docs/rules.md, "Where rules come from").
/// Paths are relative to the rules root, with `/` separators (`signals/finance/gambling.yaml`).
public struct RuleFiles: Sendable {
    enum Storage: Sendable {
        case folder(String)
        /// Relative path → bytes, held in the binary's read-only data; sorted by path.
        case compiledIn([(path: String, bytes: StaticString)])
    }

    let storage: Storage
    /// Shown before relative paths in messages: `rules` for `/x/y/rules` and for the built-in set.
    public let displayRoot: String

    /// The rule files in `directory` (normally a `rules/` folder).
    public static func folder(_ directory: String) -> RuleFiles {
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return RuleFiles(storage: .folder(trimmed), displayRoot: trimmed.split(separator: "/").last.map(String.init) ?? trimmed)
    }

    /// Rule files compiled into the binary (the table is generated at build time from
    /// `rules/`); messages name them `rules/<path>`, their place in the project.
    public static func compiledIn(_ files: [(path: String, bytes: StaticString)]) -> RuleFiles {
        RuleFiles(storage: .compiledIn(files.sorted { $0.path < $1.path }), displayRoot: "rules")
    }

    /// The folder the files are read from; nil for the built-in set.
    public var directory: String? {
        if case .folder(let path) = storage { return path }
        return nil
    }

    /// Where the rules came from, for people: the folder, or `built-in` for the compiled-in set.
    public var location: String { directory ?? "built-in" }

    /// `rules/signals/finance/gambling.yaml`: the name a message gives a file.
    public func display(_ relative: String) -> String { displayRoot + "/" + relative }

    /// The bytes of one file, or nil when it is missing or unreadable.
    public func read(_ relative: String) -> [UInt8]? {
        switch storage {
        case .folder(let directory):
            return FileManager.default.contents(atPath: directory + "/" + relative).map { [UInt8]($0) }
        case .compiledIn(let files):
            guard let file = files.first(where: { $0.path == relative }) else { return nil }
            return Self.bytes(of: file.bytes)
        }
    }

    /// Whether the set has this file (readable, for a folder), without reading it.
    public func contains(_ relative: String) -> Bool {
        switch storage {
        case .folder(let directory): return FileManager.default.isReadableFile(atPath: directory + "/" + relative)
        case .compiledIn(let files): return files.contains { $0.path == relative }
        }
    }

    /// Regular files below `folder` (recursively), relative to the rules root and sorted, so
    /// that load order (and so rule order and the version hash) never depends on the file system.
    public func list(under folder: String) -> [String] {
        switch storage {
        case .folder(let directory):
            return Self.regularFiles(below: directory + "/" + folder).map { folder + "/" + $0 }
        case .compiledIn(let files):
            return files.map(\.path).filter { $0.hasPrefix(folder + "/") }
        }
    }

    /// Every file of the set, relative and sorted.
    public func allFiles() -> [String] {
        switch storage {
        case .folder(let directory): return Self.regularFiles(below: directory)
        case .compiledIn(let files): return files.map(\.path)
        }
    }

    /// Regular files below `root`, relative to it, sorted; hidden files and folders (an
    /// editor's `.swp`, a `.DS_Store`) are not rule files and are left out. The build-time
    /// generator of the built-in set lists the folder through `allFiles()`, so both agree.
    static func regularFiles(below root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var result: [String] = []
        while let item = enumerator.nextObject() as? String {
            if item.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(item)
            }
        }
        return result.sorted()
    }

    /// A `StaticString` literal's UTF-8 bytes, exactly as the generator wrote them.
    static func bytes(of text: StaticString) -> [UInt8] {
        guard text.hasPointerRepresentation else {
            // A one-scalar literal may be stored as a scalar instead of a pointer.
            return Array(String(text.unicodeScalar).utf8)
        }
        return Array(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
