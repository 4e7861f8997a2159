import StewardCore
import RuleFileReading

/// A condition on one transaction used by analyzer settings: a lexicon hit in its text or
/// counterparty, its merchant category code, or one of its bank codes — any of them.
struct TransactionCondition: Sendable {
    var lexicons: [String]
    var mcc: MCCSet?
    var codes: Set<String>

    static let keys: Set<String> = ["lexicons", "mcc", "codes"]

    init(lexicons: [String] = [], mcc: MCCSet? = nil, codes: Set<String> = []) {
        self.lexicons = lexicons
        self.mcc = mcc
        self.codes = codes
    }

    init(node: YAMLNodeReader, context: String) throws(RuleFileError) {
        let map = try node.mapping(allowed: Self.keys, context: context)
        lexicons = try AnalyzerSettings.lexicons(map["lexicons"])
        mcc = try AnalyzerSettings.mccSet(map["mcc"])
        codes = try AnalyzerSettings.codes(map["codes"])
        guard !lexicons.isEmpty || mcc != nil || !codes.isEmpty else {
            throw node.error("\(context) needs lexicons, mcc or codes")
        }
    }

    /// Resolved against one rule set's automaton.
    struct Compiled {
        var groups: [Int32]
        var mcc: MCCSet?
        var codes: BankCodes

        /// `scanner` must already have scanned `event`.
        func matches(_ event: Event, scanner: TransactionTextScanner) -> Bool {
            if let mcc, let code = event.mcc, mcc.contains(code) { return true }
            if !groups.isEmpty && scanner.hitsAny(of: groups) { return true }
            return codes.matches(event.code)
        }
    }

    func compiled(for automaton: LexiconAutomaton) -> Compiled {
        Compiled(groups: TransactionTextScanner.groupIds(lexicons, in: automaton), mcc: mcc, codes: BankCodes(codes))
    }
}
