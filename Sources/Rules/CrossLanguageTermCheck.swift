import RuleFileReading
import StewardCore

/// Finds one-word lexicon terms that are everyday words of another language.
///
/// Every lexicon applies to every record, whatever language it is written in: a term of the
/// English protest list matches a French chat as well. A one-word term that is an ordinary word
/// elsewhere (English "placard" is a French cupboard, Spanish "paquete" a French "paqueté",
/// English "pies" sits in a Spanish search for athlete's foot) then fires, or cancels, on text
/// its author never meant. The everyday words of each language are those of
/// `rules/data/known-words.<lang>.txt`; `steward rules lint` reports each such term with its file
/// and line (docs/rules.md, "Terms that are words of another language").
///
/// Only lexicons a rule matches on (`lexicons:` and `also:`) are read: exclusions, decoys and topic
/// markers cancel a finding, and several of them list words of many languages on purpose. A term
/// that is also an everyday word of its own language, or that the same lexicon lists for the
/// other language too, means the same in both and is not reported.
public enum CrossLanguageTermCheck {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let term: String
        public let otherLanguage: String
        public let knownWordsFile: String

        public var description: String {
            "\(file):\(line): '\(term)' is an everyday word in '\(otherLanguage)' (\(knownWordsFile)), so text in that language matches it too: write it as a phrase, or list it in the '\(otherLanguage)' file of the same lexicon if it means the same there"
        }
    }

    public static func problems(in ruleSet: RuleSet, files: RuleFiles) -> [Problem] {
        // Everyday words by language, folded as the matcher folds text.
        var everyday: [String: Set<[UInt8]>] = [:]
        var everydayFile: [String: String] = [:]
        for relative in files.list(under: "data") where relative.hasPrefix("data/known-words.") && relative.hasSuffix(".txt") {
            // Loading the rule set has already checked these files; one that fails here is skipped.
            guard let bytes = files.read(relative),
                  let words = try? RuleSetLoader.parseKnownWords(bytes, file: files.display(relative)) else { continue }
            let language = RuleSetLoader.language(ofFile: relative)
            everyday[language, default: []].formUnion(words.map(TextFolder.fold))
            everydayFile[language] = files.display(relative)
        }
        guard !everyday.isEmpty else { return [] }

        let matched = Set(ruleSet.rules.flatMap { $0.match.lexicons + $0.match.alsoLexicons })
        // Each lexicon's folded terms by language, to see whether a word is listed in both.
        var listed: [String: [String: Set<[UInt8]>]] = [:]
        var lexiconFiles: [(relative: String, name: String, language: String, terms: [(text: String, line: Int)])] = []
        for (relative, fileTerms) in LexiconFileTerms.lexiconFiles(in: files) {
            let name = String((relative.split(separator: "/").last ?? "").prefix { $0 != "." })
            let language = RuleSetLoader.language(ofFile: relative)
            listed[name, default: [:]][language, default: []].formUnion(fileTerms.map { TextFolder.fold($0.text) })
            if matched.contains(name) { lexiconFiles.append((relative, name, language, fileTerms)) }
        }

        var problems: [Problem] = []
        for file in lexiconFiles {
            for (text, line) in file.terms where !text.hasSuffix("*") {
                let folded = TextFolder.fold(text)
                guard !folded.isEmpty, !folded.contains(UInt8(ascii: " ")),
                      everyday[file.language]?.contains(folded) != true else { continue }
                for other in everyday.keys.sorted() where other != file.language && everyday[other]!.contains(folded)
                && listed[file.name]?[other]?.contains(folded) != true {
                    problems.append(Problem(file: files.display(file.relative), line: line, term: text,
                                            otherLanguage: other, knownWordsFile: everydayFile[other] ?? other))
                }
            }
        }
        return problems
    }
}
