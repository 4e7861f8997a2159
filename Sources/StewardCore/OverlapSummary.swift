/// What a scan merged because it met the same data twice (docs/duplicates.md): inputs whose
/// bytes were identical to another input (read once), and matched records found in several
/// inputs (counted once). In the JSON report under the added key `overlaps`.
public struct OverlapSummary: Sendable, Codable, Equatable {
    /// An input that was not read because `copyOf` has the same bytes and was read.
    public struct IdenticalFile: Sendable, Codable, Equatable {
        public var path: String
        public var copyOf: String
        public init(path: String, copyOf: String) {
            self.path = path
            self.copyOf = copyOf
        }
    }

    /// Records (of the kinds that count toward findings) found in each of `inputs`, counted once.
    public struct MergedRecords: Sendable, Codable, Equatable {
        public var inputs: [String]
        public var records: Int
        public init(inputs: [String], records: Int) {
            self.inputs = inputs
            self.records = records
        }
    }

    public var identicalFiles: [IdenticalFile]
    public var mergedRecords: [MergedRecords]
    /// Matched records past the overlap check's capacity: counted without looking for copies.
    public var uncheckedRecords: Int

    public init(identicalFiles: [IdenticalFile] = [], mergedRecords: [MergedRecords] = [], uncheckedRecords: Int = 0) {
        self.identicalFiles = identicalFiles
        self.mergedRecords = mergedRecords
        self.uncheckedRecords = uncheckedRecords
    }

    public var isEmpty: Bool { identicalFiles.isEmpty && mergedRecords.isEmpty && uncheckedRecords == 0 }

    /// One short sentence per merge, for the inputs section of human-readable reports: copies
    /// are grouped by the scanned path (argument) they were found under, so a Takeout saved
    /// twice is one line, not one per member.
    public func sentences(scanPaths: [String]) -> [String] {
        func root(_ path: String) -> String {
            scanPaths.filter { path == $0 || path.hasPrefix($0 + "/") || path.hasPrefix($0 + "!") }
                .max { $0.count < $1.count } ?? path
        }
        var lines: [String] = []
        var groups: [String: (copy: String, original: String, files: Int)] = [:]
        for file in identicalFiles {
            let copy = root(file.path), original = root(file.copyOf)
            groups[copy + "\u{0}" + original, default: (copy, original, 0)].files += 1
        }
        for group in groups.values.sorted(by: { ($0.copy, $0.original) < ($1.copy, $1.original) }) {
            if group.copy == group.original {
                let noun = group.files == 1 ? "file is an identical copy" : "files are identical copies"
                lines.append("\(group.files) \(noun) of another file in \(group.copy): read once")
            } else {
                let noun = group.files == 1 ? "file in \(group.copy) is an identical copy" : "files in \(group.copy) are identical copies"
                lines.append("\(group.files) \(noun) of files in \(group.original): read once")
            }
        }
        // Records shared by inputs under different path arguments (two downloads) are summed
        // per group of arguments; inputs under one argument (a CSV beside its OFX) are named.
        var byGroup: [[String]: Int] = [:]
        for merged in mergedRecords {
            let roots = Array(Set(merged.inputs.map(root))).sorted()
            byGroup[roots.count > 1 ? roots : merged.inputs, default: 0] += merged.records
        }
        for (names, records) in byGroup.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let noun = records == 1 ? "record" : "records"
            lines.append("\(names.joined(separator: " and ")) overlap: \(records) \(noun) counted once")
        }
        if uncheckedRecords > 0 {
            lines.append("overlap check full: \(uncheckedRecords) matched records counted without looking for copies")
        }
        return lines
    }
}
