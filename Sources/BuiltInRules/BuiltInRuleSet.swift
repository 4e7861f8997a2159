import Rules
import RuleFileReading

/// The project's `rules/` as compiled into steward (the table is generated at build time by
/// `BuiltInRulesPlugin`): the rules a command uses without `--rules` or `$STEWARD_RULES`.
/// See docs/rules.md, "Where rules come from".
public enum BuiltInRuleSet {
    /// Every file of `rules/`, read in place from the binary.
    public static let files = RuleFiles.compiledIn(builtInRuleFileTable)
    /// `RuleSet.version` of the built-in rules, computed at build time.
    public static let version = builtInRulesVersion
    /// The lexicon automaton of these files, compiled at build time; `RuleSet.load` reads it
    /// instead of compiling when the rules it loads have exactly these terms.
    public static let lexiconImage = builtInLexiconImage
    /// The signal files whose examples were checked at build time (by their bytes); a load
    /// that lets examples go reads them without (`ExamplesCheckedAtBuild`).
    public static let examplesChecked = builtInExamplesChecked
}
