/// Signal rule files whose examples were parsed and checked when steward was built, by their
/// exact bytes. Every load checks a rule file's examples (a broken example fails it with its
/// file and line), but the built-in files' examples were already checked by the build — and
/// they are nine tenths of the signal YAML (about 1.5 of 1.7 MB), whose parsing was a third of
/// every command's start. A command that lets examples go (every one but `steward rules`)
/// therefore reads a file with exactly these bytes with its `examples:` blocks emptied; any
/// other file, such as one edited in a `--rules` folder, is read and checked whole
/// (docs/performance.md, "Examples checked when steward is built").
public struct ExamplesCheckedAtBuild: Sendable {
    /// Relative path (`signals/finance/gambling.yaml`) → digest of its bytes (`digest(of:_:)`).
    public let digests: [String: UInt64]

    public init(digests: [String: UInt64]) { self.digests = digests }

    /// FNV-1a 64 over the path, a zero byte, the bytes and a zero byte (as the rule-set version
    /// hashes each file).
    public static func digest(of relative: String, _ bytes: [UInt8]) -> UInt64 {
        var hasher = FNV1a64()
        hasher.add(relative, bytes)
        return hasher.value
    }

    /// Whether `bytes` are exactly the bytes checked for `relative`.
    func covers(_ relative: String, _ bytes: [UInt8]) -> Bool {
        covers(relative, digest: Self.digest(of: relative, bytes))
    }

    /// As `covers(_:_:)` for a digest already taken (the loader takes it in the same pass as
    /// the rule-set version).
    func covers(_ relative: String, digest: UInt64) -> Bool {
        digests[relative] == digest
    }

    /// The YAML with every line of each `examples:` block emptied: the key's line (`examples:`
    /// alone on it, a comment allowed) and every following line that is blank, a comment or
    /// indented deeper than the key. Line breaks stay, so every other line keeps its number.
    /// An `examples:` written any other way (inline, after a list dash) is left as it is.
    public static func blankingExamples(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4)
        var blockIndent: Int? = nil
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let line = bytes[start..<end]
            var indent = 0
            while start + indent < end && bytes[start + indent] == 0x20 { indent += 1 }
            let rest = bytes[(start + indent)..<end]
            let blankOrComment = rest.allSatisfy { $0 == 0x20 || $0 == 0x0D } || rest.first == 0x23
            if let blockIndent, blankOrComment || indent > blockIndent {
                // Inside the block: dropped.
            } else if isExamplesKey(rest) {
                blockIndent = indent
            } else {
                blockIndent = nil
                out.append(contentsOf: line)
            }
            if end < bytes.count { out.append(0x0A) }
            start = end + 1
        }
        return out
    }

    private static let examplesKey = Array("examples:".utf8)

    /// `examples:` then nothing but spaces, a carriage return or a comment.
    private static func isExamplesKey(_ rest: ArraySlice<UInt8>) -> Bool {
        let key = examplesKey
        guard rest.starts(with: key) else { return false }
        let after = rest.dropFirst(key.count).drop { $0 == 0x20 || $0 == 0x09 }
        return after.isEmpty || after.first == 0x23 || after.allSatisfy { $0 == 0x0D }
    }
}
