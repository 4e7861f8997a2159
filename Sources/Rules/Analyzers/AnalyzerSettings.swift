import StewardCore
import RuleFileReading

/// Readers for settings that several analyzer kinds share (sources, MCC sets, codes, exact
/// decimals, the attribute), each failing with the file and line of the offending value.
enum AnalyzerSettings {
    static func attribute(_ node: YAMLNodeReader, _ attributes: [String: Attribute]) throws(RuleFileError) -> Attribute {
        let id = try node.string(context: "attribute")
        guard let attribute = attributes[id] else { throw node.error("unknown attribute '\(id)'") }
        return attribute
    }

    static func confidence(_ node: YAMLNodeReader) throws(RuleFileError) -> Double {
        let value = try node.double(context: "confidence")
        guard (0...1).contains(value) else { throw node.error("confidence must be between 0 and 1, got \(value)") }
        return value
    }

    static func positiveInt(_ node: YAMLNodeReader, context: String) throws(RuleFileError) -> Int {
        let value = try node.int(context: context)
        guard value >= 1 else { throw node.error("\(context) must be at least 1, got \(value)") }
        return value
    }

    static func sources(_ node: YAMLNodeReader?) throws(RuleFileError) -> [SourcePattern] {
        guard let node else { return [] }
        return try node.strings(context: "sources").map { SourcePattern($0) }
    }

    /// `[4900, 7800-7802]`: ISO 18245 codes and inclusive ranges.
    static func mccSet(_ node: YAMLNodeReader?) throws(RuleFileError) -> MCCSet? {
        guard let node else { return nil }
        var ranges: [ClosedRange<Int>] = []
        for text in try node.strings(context: "mcc") {
            let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(parts.count), let start = parts[0], let end = parts[parts.count - 1],
                  (0...9999).contains(start), (0...9999).contains(end), start <= end else {
                throw node.error("bad MCC '\(text)': expected a code such as 4900 or a range such as 7800-7802")
            }
            ranges.append(start...end)
        }
        return MCCSet(ranges: ranges)
    }

    /// Bank transaction codes as written in `Event.code` tokens (ISO 20022 purpose codes such
    /// as ELEC, German GVC numbers such as 108), kept upper-cased.
    static func codes(_ node: YAMLNodeReader?) throws(RuleFileError) -> Set<String> {
        guard let node else { return [] }
        var result = Set<String>()
        for text in try node.strings(context: "codes") {
            guard !text.isEmpty, text.utf8.allSatisfy({ LexiconAutomaton.isASCIIAlphanumeric($0) }) else {
                throw node.error("a code is letters and digits only, got '\(text)'")
            }
            result.insert(text.uppercased())
        }
        return result
    }

    static func lexicons(_ node: YAMLNodeReader?) throws(RuleFileError) -> [String] {
        guard let node else { return [] }
        return try node.strings(context: "lexicons")
    }

    /// A plain decimal such as `"-12.50"`, exactly.
}
