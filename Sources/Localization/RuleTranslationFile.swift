import Yams

/// A translation of the rules' texts (rules/translations/<lang>.yaml, docs/i18n.md): the same
/// shape as the English it translates, keyed by id rather than by position wherever the
/// English has an id, so a translator sees what each text belongs to:
///
/// ```yaml
/// attributes:
///   finance.loans:
///     title: Kredite
///     explanation: …
/// models:
///   citizen-1000:
///     title: …
///     notes: [ … ]            # the model's notes, in the model file's order
///     tiers:
///       AAA:
///         label: …
///         benefits: [ … ]     # in the model file's order
///     contributions:
///       citizen.blood_donation:
///         reason: …
/// ```
public enum RuleTranslationFile {
    /// Every text in the file under its dotted key (`RuleTexts`): mapping keys are joined with
    /// dots, list items are numbered from 0. `file` names the file in errors.
    public static func texts(_ yaml: String, file: String) throws(CatalogError) -> [String: String] {
        try entries(yaml, file: file).mapValues(\.text)
    }

    /// The same with the line each text is on, for messages that point into the file.
    public static func entries(_ yaml: String, file: String) throws(CatalogError) -> [String: (text: String, line: Int)] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic) // text only: no implicit tags to resolve (YAMLNodeReader.load)
        } catch {
            throw CatalogError(file: file, line: yamlErrorLine(error), message: "not valid YAML: \(yamlProblem(error))")
        }
        guard let root else { return [:] }
        var out: [String: (text: String, line: Int)] = [:]
        try flatten(root, prefix: "", into: &out, file: file)
        return out
    }

    private static func flatten(_ node: Node, prefix: String, into out: inout [String: (text: String, line: Int)],
                                file: String) throws(CatalogError) {
        switch node {
        case .scalar(let scalar):
            guard !prefix.isEmpty else { throw CatalogError(file: file, line: node.line, message: "expected a mapping") }
            out[prefix] = (scalar.string, node.line ?? 1)
        case .mapping(let mapping):
            for (keyNode, value) in mapping {
                guard let key = keyNode.string, !key.isEmpty else {
                    throw CatalogError(file: file, line: keyNode.line, message: "a key must be a non-empty text")
                }
                let path = prefix.isEmpty ? key : prefix + "." + key
                if out[path] != nil { throw CatalogError(file: file, line: keyNode.line, message: "\(path): given twice") }
                try flatten(value, prefix: path, into: &out, file: file)
            }
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                try flatten(item, prefix: prefix + ".\(index)", into: &out, file: file)
            }
        case .alias:
            throw CatalogError(file: file, line: node.line, message: "aliases are not used in translation files")
        }
    }
}
