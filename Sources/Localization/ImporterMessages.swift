/// The English messages importers write about a file or record (`no readable date`,
/// `expected 5 columns, found 3`) and the reasons a file was not read, as the English catalog
/// holds them under `importer_message.*` (docs/i18n.md, "Importer messages"): fixed texts, and
/// templates whose `{placeholders}` stand for any text. Reports find a message's key here and
/// show the key's text in their language with the captured values inserted unchanged.
public struct ImporterMessages: Sendable {
    public static let keyPrefix = "importer_message."

    /// A template cut into its literal parts and placeholder names, in order.
    struct Template: Sendable {
        enum Part: Sendable, Equatable { case literal(String), placeholder(String) }
        let key: String
        let parts: [Part]
        /// Characters outside placeholders: the more, the more specific the template.
        let literalLength: Int
    }

    private var fixed: [String: String] = [:]
    /// Templates by the first word of their leading literal, most specific first.
    private var byFirstWord: [String: [Template]] = [:]
    /// Templates that start with a placeholder (or whose first word is cut by one).
    private var unanchored: [Template] = []

    public init(english: Catalog) {
        var anchored: [String: [Template]] = [:]
        for (key, entry) in english.entries where key.hasPrefix(Self.keyPrefix) {
            guard case .text(let text) = entry else { continue }
            let parts = Self.parts(of: text)
            guard parts.contains(where: { if case .placeholder = $0 { return true } else { return false } }) else {
                fixed[text] = key
                continue
            }
            let template = Template(key: key, parts: parts, literalLength: parts.reduce(0) {
                if case .literal(let s) = $1 { return $0 + s.count } else { return $0 }
            })
            if case .literal(let lead)? = parts.first, let space = lead.firstIndex(of: " ") {
                anchored[String(lead[..<space]), default: []].append(template)
            } else {
                unanchored.append(template)
            }
        }
        let order: (Template, Template) -> Bool = {
            $0.literalLength != $1.literalLength ? $0.literalLength > $1.literalLength : $0.key < $1.key
        }
        byFirstWord = anchored.mapValues { $0.sorted(by: order) }
        unanchored.sort(by: order)
    }

    /// The key whose English text `message` is, and the values its placeholders captured; nil
    /// when no fixed text or template fits. Among fitting templates the one with the most
    /// literal characters wins.
    public func match(_ message: String) -> (key: String, values: [String: String])? {
        if let key = fixed[message] { return (key, [:]) }
        let firstWord = message.firstIndex(of: " ").map { String(message[..<$0]) }
        let anchored = firstWord.flatMap { byFirstWord[$0] } ?? []
        var best: (template: Template, values: [String: String])?
        for template in anchored {
            if let values = Self.captures(template.parts[...], in: Substring(message)) { best = (template, values); break }
        }
        for template in unanchored {
            if let found = best, found.template.literalLength >= template.literalLength { break }
            if let values = Self.captures(template.parts[...], in: Substring(message)) { best = (template, values); break }
        }
        return best.map { ($0.template.key, $0.values) }
    }

    /// Every key this table knows (fixed texts and templates).
    public var keys: [String] { Array(fixed.values) + (byFirstWord.values.joined() + unanchored).map(\.key) }

    static func parts(of text: String) -> [Template.Part] {
        var parts: [Template.Part] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            parts.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        return parts
    }

    /// The values `parts` capture when they spell `text` exactly; a placeholder takes at
    /// least one character, and the shortest text that lets the rest fit.
    static func captures(_ parts: ArraySlice<Template.Part>, in text: Substring) -> [String: String]? {
        guard let first = parts.first else { return text.isEmpty ? [:] : nil }
        switch first {
        case .literal(let literal):
            guard text.hasPrefix(literal) else { return nil }
            return captures(parts.dropFirst(), in: text.dropFirst(literal.count))
        case .placeholder(let name):
            let rest = parts.dropFirst()
            guard !text.isEmpty else { return nil }
            guard let next = rest.first else { return [name: String(text)] }
            guard case .literal(let literal) = next else { return nil }  // two placeholders in a row: ambiguous
            var from = text.index(after: text.startIndex)
            while from < text.endIndex, let found = text[from...].range(of: literal) {
                if var values = captures(rest, in: text[found.lowerBound...]) {
                    values[name] = String(text[..<found.lowerBound])
                    return values
                }
                from = text.index(after: found.lowerBound)
            }
            return nil
        }
    }
}

extension ImporterMessages {
    /// The table of the built-in English catalog, made once.
    public static let builtIn = ImporterMessages(english: ProgramCatalogs.catalog(.en))
}

extension Localizer {
    /// An importer's English message (without its record place) in this language; the message
    /// itself when the catalog has no text or template for it.
    public func importerMessage(_ english: String, table: ImporterMessages = .builtIn) -> String {
        guard language != .en, let (key, values) = table.match(english), has(key) else { return english }
        return self(key, values)
    }
}
