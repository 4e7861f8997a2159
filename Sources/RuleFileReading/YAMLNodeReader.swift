import StewardCore
import Yams

/// Typed, line-aware access to a parsed YAML node. Every accessor throws `RuleFileError`
/// naming the file and the node's line, and mappings reject keys they do not know, so a typo
/// in a rule file is an error instead of a silently ignored setting.
public struct YAMLNodeReader {
    public let node: Node
    public let file: String
    /// The rule set the file was read from, when a loader set it, so a settings file can name
    /// reference data beside it (`rules/data/`).
    public var ruleFiles: RuleFiles?

    public init(node: Node, file: String) {
        self.node = node
        self.file = file
    }

    /// Parses a whole YAML file (one document) with line information kept.
    public static func load(yaml: String, file: String) throws(RuleFileError) -> YAMLNodeReader {
        do {
            // Every value is read as the text written (`string(context:)` and the typed
            // readers built on it), so scalars need no implicit tags: the basic resolver spares
            // the regular expressions Yams otherwise runs on every key of every mapping to check
            // for duplicates, a fifth of a scan's start-up (docs/performance.md, "Rules loaded on
            // all cores").
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                throw RuleFileError(file: file, line: 1, "file is empty")
            }
            return YAMLNodeReader(node: node, file: file)
        } catch let error as RuleFileError {
            throw error
        } catch let error as YamlError {
            throw RuleFileError(file: file, line: YAMLNodeReader.line(of: error), "YAML syntax error: \(error)")
        } catch {
            throw RuleFileError(file: file, line: 1, "cannot read YAML: \(error)")
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 1
        }
    }

    /// 1-based line of this node in its file.
    public var line: Int { node.mark?.line ?? 1 }

    public func error(_ message: String) -> RuleFileError { RuleFileError(file: file, line: line, message) }

    /// The mapping's entries, after checking every key is in `allowed` and no key repeats.
    public func mapping(allowed: Set<String>, context: String) throws(RuleFileError) -> [String: YAMLNodeReader] {
        guard case .mapping(let mapping) = node else { throw error("\(context) must be a mapping") }
        var result: [String: YAMLNodeReader] = [:]
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let key) = keyNode else {
                throw RuleFileError(file: file, line: keyNode.mark?.line ?? line, "\(context): keys must be plain text")
            }
            let keyLine = keyNode.mark?.line ?? line
            guard allowed.contains(key.string) else {
                throw RuleFileError(file: file, line: keyLine,
                                    "unknown key '\(key.string)' in \(context) (expected one of: \(allowed.sorted().joined(separator: ", ")))")
            }
            guard result[key.string] == nil else {
                throw RuleFileError(file: file, line: keyLine, "duplicate key '\(key.string)' in \(context)")
            }
            result[key.string] = YAMLNodeReader(node: valueNode, file: file)
        }
        return result
    }

    public func sequence(context: String) throws(RuleFileError) -> [YAMLNodeReader] {
        guard case .sequence(let seq) = node else { throw error("\(context) must be a list") }
        return seq.map { YAMLNodeReader(node: $0, file: file) }
    }

    /// A scalar as text. Numbers and booleans are returned as written.
    public func string(context: String) throws(RuleFileError) -> String {
        guard case .scalar(let scalar) = node else { throw error("\(context) must be a single value") }
        return scalar.string
    }

    public func int(context: String) throws(RuleFileError) -> Int {
        let text = try string(context: context)
        guard let value = Int(text) else { throw error("\(context) must be a whole number, got '\(text)'") }
        return value
    }

    public func double(context: String) throws(RuleFileError) -> Double {
        let text = try string(context: context)
        guard let value = Double(text), value.isFinite else { throw error("\(context) must be a number, got '\(text)'") }
        return value
    }

    public func bool(context: String) throws(RuleFileError) -> Bool {
        switch try string(context: context).lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw error("\(context) must be true or false, got '\(other)'")
        }
    }

    /// An exact decimal such as `-12.50` (amounts in rule and analyzer files: never a float).
    public func decimal(context: String) throws(RuleFileError) -> Money {
        let text = try string(context: context)
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), pieces.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let money = Money.parse(text, decimalSeparator: UInt8(ascii: ".")) else {
            throw error("\(context) must be a plain decimal such as \"-12.50\", got '\(text)'")
        }
        return money
    }

    /// A list of scalars, or a single scalar read as a one-element list.
    public func strings(context: String) throws(RuleFileError) -> [String] {
        if case .scalar(let scalar) = node { return [scalar.string] }
        var result: [String] = []
        for item in try sequence(context: context) { result.append(try item.string(context: "item of \(context)")) }
        return result
    }
}

extension Dictionary where Key == String, Value == YAMLNodeReader {
    /// The value for a key that must be present, or an error at the mapping's line.
    public func required(_ key: String, in parent: YAMLNodeReader, context: String) throws(RuleFileError) -> YAMLNodeReader {
        guard let value = self[key] else { throw parent.error("\(context) is missing '\(key)'") }
        return value
    }
}
