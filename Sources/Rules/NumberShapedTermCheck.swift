import RuleFileReading

/// Finds lexicon terms made only of digits, the number placeholder and the punctuation that
/// dates, times and amounts are written with ("-{n}", "{n}00", "{n}.{n}").
///
/// Such a term matches inside the numbers every export carries: "-{n}", written for a balance
/// in a chat ("account's on -60"), matched "-03" and "-01" of every ISO date in every bank row
/// ("2025-03-01T08:00:38"), so each row reported hits of a group no bank rule reads and the
/// bank CSV's matching thread became about a sixth slower (docs/performance.md, "A lexicon
/// term that matched every date"). A term also needs a letter, a currency or another symbol, or
/// at least `minimumLiteralCharacters` characters besides the placeholder: "-{n} €", "on -{n}",
/// a hotline's "116 123" and a consumer line's "12315" are fine. `steward rules lint` reports
/// each such term with its file and line (docs/rules.md, "Terms shaped like numbers").
///
/// Every lexicon file is read, decoys and topic markers included: every lexicon is part of the
/// one automaton, so each of its hits costs every record, whatever the rule that reads it.
public enum NumberShapedTermCheck {
    /// Characters besides the placeholder a number-shaped term must have to be specific enough.
    static let minimumLiteralCharacters = 4
    /// What dates, times and amounts are written with besides digits.
    static let numberPunctuation: Set<Unicode.Scalar> = ["-", ".", ",", ":", "/", "+", " "]

    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let term: String

        public var description: String {
            "\(file):\(line): '\(term)' is made only of digits and the punctuation of dates, times and amounts, so it matches inside the numbers every export carries (dates, amounts, references): add a word or a currency, as in '-{n} €' or 'on -{n}'"
        }
    }

    public static func problems(files: RuleFiles) -> [Problem] {
        var problems: [Problem] = []
        for file in LexiconFileTerms.lexiconFiles(in: files) {
            for (text, line) in file.terms where isNumberShaped(text) {
                problems.append(Problem(file: files.display(file.relative), line: line, term: text))
            }
        }
        return problems
    }

    /// Whether `term` (as written in a lexicon file) holds nothing but digits, the number
    /// placeholder and `-.,:/+` and spaces, with fewer than `minimumLiteralCharacters` of them
    /// besides the placeholder and the spaces. A prefix or exact-form mark at the end is not
    /// counted.
    static func isNumberShaped(_ term: String) -> Bool {
        var body = term
        if body.hasSuffix("*") || body.hasSuffix("!") { body.removeLast() }
        let literal = body.replacingOccurrences(of: LexiconAutomaton.numberPlaceholder, with: "")
        guard literal.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || numberPunctuation.contains($0) }) else { return false }
        return literal.unicodeScalars.filter { $0 != " " }.count < minimumLiteralCharacters
    }
}
