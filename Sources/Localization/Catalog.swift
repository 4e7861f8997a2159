import Yams

/// One language's catalog of steward's own strings (Sources/Localization/Catalog/<lang>.yaml,
/// docs/i18n.md): a flat YAML mapping from a dotted key to either a text or, for a text that
/// depends on a count, its plural forms by CLDR category. `{name}` in a text is a placeholder
/// the program fills in.
///
/// ```yaml
/// report.findings.heading: "FINDINGS ({count})"
/// report.records:
///   one: "{count} record"
///   other: "{count} records"
/// ```
public struct Catalog: Sendable {
    public enum Entry: Sendable, Hashable {
        case text(String)
        case plural([PluralCategory: String])
    }

    public let language: Language
    public let entries: [String: Entry]
    /// The line each key is on, for messages about the catalog file.
    public let lines: [String: Int]

    public init(language: Language, entries: [String: Entry], lines: [String: Int] = [:]) {
        self.language = language
        self.entries = entries
        self.lines = lines
    }

    /// Parses a catalog file's text; `file` names it in errors (`file:line: …`).
    public static func parse(_ yaml: String, language: Language, file: String) throws(CatalogError) -> Catalog {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic) // text only: no implicit tags to resolve (YAMLNodeReader.load)
        } catch {
            throw CatalogError(file: file, line: yamlErrorLine(error), message: "not valid YAML: \(yamlProblem(error))")
        }
        guard let root else { return Catalog(language: language, entries: [:]) }
        guard let mapping = root.mapping else {
            throw CatalogError(file: file, line: root.line, message: "a catalog is a mapping from keys to texts")
        }
        var entries: [String: Entry] = [:]
        var lines: [String: Int] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, !key.isEmpty else {
                throw CatalogError(file: file, line: keyNode.line, message: "a key must be a non-empty text")
            }
            if entries[key] != nil {
                throw CatalogError(file: file, line: keyNode.line, message: "\(key): given twice")
            }
            lines[key] = keyNode.line
            if let text = value.scalar?.string {
                entries[key] = .text(text)
            } else if let forms = value.mapping {
                var plural: [PluralCategory: String] = [:]
                for (formNode, formValue) in forms {
                    guard let name = formNode.string, let category = PluralCategory(rawValue: name) else {
                        throw CatalogError(file: file, line: formNode.line,
                                           message: "\(key): '\(formNode.string ?? "?")' is no plural category (zero, one, two, few, many, other)")
                    }
                    guard let text = formValue.scalar?.string else {
                        throw CatalogError(file: file, line: formValue.line, message: "\(key).\(name): must be a text")
                    }
                    plural[category] = text
                }
                guard plural[.other] != nil else {
                    throw CatalogError(file: file, line: keyNode.line, message: "\(key): plural forms need `other`")
                }
                entries[key] = .plural(plural)
            } else {
                throw CatalogError(file: file, line: value.line, message: "\(key): must be a text or plural forms")
            }
        }
        return Catalog(language: language, entries: entries, lines: lines)
    }
}

/// A catalog file that cannot be used, with its place.
public struct CatalogError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

extension Node {
    /// 1-based line of this node in its file.
    var line: Int? { mark.map { $0.line } }
}

/// The line a YAML syntax error is on (1-based), when the parser says.
func yamlErrorLine(_ error: Error) -> Int? {
    switch error as? YamlError {
    case .scanner(_, _, let mark, _)?, .parser(_, _, let mark, _)?, .composer(_, _, let mark, _)?: return mark.line
    default: return nil
    }
}

/// What is wrong, without Yams' copy of the offending line (the message already names it).
func yamlProblem(_ error: Error) -> String {
    switch error as? YamlError {
    case .scanner(_, let problem, _, _)?, .parser(_, let problem, _, _)?, .composer(_, let problem, _, _)?: return problem
    default: return "\(error)"
    }
}
