import RuleFileReading

/// Finds a lexicon term written twice in one file once folded: "chômage" and "chomage",
/// "учёт" and "учет", 無國界醫生 and 无国界医生 are one pattern to the automaton, since terms are
/// folded as records are (docs/rules.md, "Lexicons and text folding").
///
/// The second spelling adds nothing the first does not match, yet it reads as more coverage and
/// counts twice in the every-term examples; stop 50's review found eleven such pairs by hand.
/// `steward rules lint` reports each with its file and line and the line of the spelling kept
/// (docs/rules.md, "Terms written twice").
public enum FoldedDuplicateTermCheck {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let term: String
        public let firstLine: Int
        public let firstTerm: String

        public var description: String {
            "\(file):\(line): '\(term)' folds like '\(firstTerm)' on line \(firstLine), so the automaton already matches it: write it once"
        }
    }

    public static func problems(files: RuleFiles) -> [Problem] {
        var problems: [Problem] = []
        for file in LexiconFileTerms.lexiconFiles(in: files) {
            var firstByForm: [[UInt8]: (line: Int, term: String)] = [:]
            for (text, line) in file.terms {
                let form = foldedForm(of: text)
                if let first = firstByForm[form] {
                    problems.append(Problem(file: files.display(file.relative), line: line, term: text,
                                            firstLine: first.line, firstTerm: first.term))
                } else {
                    firstByForm[form] = (line, text)
                }
            }
        }
        return problems
    }

    /// The term as the automaton holds it: folded, with its prefix (`*`) or exact-form (`!`)
    /// mark kept apart, since "grève*" and "grève" match different texts.
    static func foldedForm(of term: String) -> [UInt8] {
        var body = term
        var mark: UInt8 = 0
        if body.hasSuffix("*") { mark = UInt8(ascii: "*"); body.removeLast() } else if body.hasSuffix("!") { mark = UInt8(ascii: "!"); body.removeLast() }
        var form = TextFolder.fold(body)
        form.append(0)
        form.append(mark)
        return form
    }
}
