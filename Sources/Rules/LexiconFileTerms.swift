import StewardCore

/// The terms of a lexicon file as the lint checks read them (`CrossLanguageTermCheck`,
/// `NumberShapedTermCheck`): each with its line number, comments, directives and blank lines
/// skipped. The loader has already rejected anything else malformed, so nothing is validated
/// here.
enum LexiconFileTerms {
    static func terms(in bytes: [UInt8]) -> [(text: String, line: Int)] {
        var result: [(String, Int)] = []
        for (index, raw) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = raw.trimmingSpacesAndLineBreaks()
            if text.isEmpty || text.hasPrefix("#") { continue }
            result.append((text, index + 1))
        }
        return result
    }
}
