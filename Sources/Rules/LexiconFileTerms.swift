import StewardCore
import RuleFileReading

/// The terms of a lexicon file as the lint checks read them (`CrossLanguageTermCheck`,
/// `NumberShapedTermCheck`): each with its line number, comments, directives and blank lines
/// skipped. The loader has already rejected anything else malformed, so nothing is validated
/// here.
enum LexiconFileTerms {
    /// Every lexicon file of `files` (its path under the rules folder) with its terms, in the
    /// order the folder lists them: the one walk the lint checks share.
    static func lexiconFiles(in files: RuleFiles) -> [(relative: String, terms: [(text: String, line: Int)])] {
        files.list(under: "lexicons").filter { $0.hasSuffix(".txt") }.compactMap { relative in
            files.read(relative).map { (relative, terms(in: $0)) }
        }
    }

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
