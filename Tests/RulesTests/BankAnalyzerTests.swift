import Foundation
import XCTest
import StewardCore
@testable import Rules

/// The bank analyzers of `rules/analyzers/` (income brackets, late bills, foreign-currency
/// spend) run through real inference sessions: merges across sessions, window edges and
/// currencies.
final class BankAnalyzerTests: XCTestCase {
    private func ruleSet() throws -> RuleSet { try RuleSetExamplesTests.loaded.get() }

    /// Each event gets its own line, as records of one file do.
    private var line = 0
    private func transaction(_ date: String, _ counterparty: String?, _ amount: String, _ currency: String? = nil,
                             text: String? = nil, mcc: Int? = nil, code: String? = nil, source: String = "bank.ofx") -> Event {
        line += 1
        var money = Money.parse(amount, decimalSeparator: UInt8(ascii: "."))!
        money.currency = currency
        return Event(source: source, kind: .transaction, time: Timestamp.parseISO8601(Array(date.utf8)), text: text,
                     counterparty: counterparty, amount: money, mcc: mcc, code: code, position: .line(line))
    }

    private func finding(_ attribute: String, _ events: [(Event, String)], sessions: Int = 1) throws -> Finding? {
        let set = try ruleSet()
        let all = (0..<sessions).map { _ in InferenceSession(ruleSet: set) }
        for (i, (event, path)) in events.enumerated() { all[i % sessions].process(event, path: path) }
        for other in all.dropFirst() { all[0].merge(other) }
        return all[0].findings().first { $0.attribute == attribute }
    }

    private func monthly(_ payer: String, _ amount: String, _ currency: String?, months: ClosedRange<Int>, day: Int = 25) -> [Event] {
        months.map { month in
            transaction(String(format: "2024-%02d-%02d", month, day), payer, amount, currency)
        }
    }

    // MARK: income

    func testIncomeIsTheSameWhetherOneSessionOrThreeSawTheSalaries() throws {
        let events = monthly("ACME LOGISTICS LTD", "2850.00", "GBP", months: 1...12).map { ($0, "statement.ofx") }
        let single = try XCTUnwrap(try finding("finance.income", events))
        let merged = try XCTUnwrap(try finding("finance.income", events, sessions: 3))
        XCTAssertEqual(single.value, "GBP 2,000–3,500 a month")
        XCTAssertEqual(single.count, 12)
        XCTAssertEqual(single.rules, ["finance.income.recurring_credits"])
        XCTAssertEqual(merged.value, single.value)
        XCTAssertEqual(merged.count, single.count)
        XCTAssertEqual(merged.evidence.map(\.locator), single.evidence.map(\.locator))
        XCTAssertEqual(single.firstSeen, "2024-01-25")
        XCTAssertEqual(single.lastSeen, "2024-12-25")
    }

    func testAPayersKeyLeavesOutEveryWordWithADigitSoChangingReferencesKeepOnePayer() {
        let march = "GEHALT VIVANTES KLINIKUM BERLIN 03/2025 EREF: 81Z5E4SFER4JTHWH SVWZ: 1234567890"
        let april = "Gehalt Vivantes Klinikum Berlin 04/2025 EREF: Q7PLM2XK9ZT4 SVWZ: 55"
        XCTAssertEqual(TransactionTextScanner.payeeKey(march), "gehalt vivantes klinikum berlin eref svwz")
        XCTAssertEqual(TransactionTextScanner.payeeKey(april), TransactionTextScanner.payeeKey(march))
        XCTAssertEqual(TransactionTextScanner.payeeKey("ACME LTD SALARY 03/24 REF 991"), "acme ltd salary ref")
        XCTAssertEqual(TransactionTextScanner.payeeKey("Pflegedienst Müller Kd-Nr. 58839804"), "pflegedienst muller kd nr")
        // A name made only of words with digits keeps its letters rather than vanishing.
        XCTAssertEqual(TransactionTextScanner.payeeKey("7ELEVEN 0042"), "eleven")
        XCTAssertEqual(TransactionTextScanner.payeeKey("2024-03-01 4711"), "")
    }

    func testSalaryCreditsWithADifferentSEPAReferenceEachMonthAreStillIncome() throws {
        let references = ["81Z5E4SFER4JTHWH", "Q7PLM2XK9ZT4", "ZZ0TRW8QPL3M", "K2J9X7QW1B0A"]
        let events = references.enumerated().map { month, reference in
            (transaction(String(format: "2024-%02d-25", month + 1), nil, "2650.00", "EUR",
                         text: "GEHALT VIVANTES KLINIKUM BERLIN \(month + 1)/2024 EREF: \(reference)"), "giro.csv")
        }
        let income = try XCTUnwrap(try finding("finance.income", events))
        XCTAssertEqual(income.count, 4)
        XCTAssertEqual(income.value, "EUR 2,000–3,500 a month")
    }

    func testMonthlyGapOf35DaysKeepsTheChainAnd36BreaksIt() throws {
        let kept = [transaction("2024-01-01", "PAYER A", "1500.00", "EUR"), transaction("2024-02-05", "PAYER A", "1500.00", "EUR"),
                    transaction("2024-03-11", "PAYER A", "1500.00", "EUR")]
        XCTAssertEqual(try finding("finance.income", kept.map { ($0, "a") })?.count, 3, "gaps of 35 days")
        let broken = [transaction("2024-01-01", "PAYER B", "1500.00", "EUR"), transaction("2024-02-06", "PAYER B", "1500.00", "EUR"),
                      transaction("2024-03-12", "PAYER B", "1500.00", "EUR")]
        XCTAssertNil(try finding("finance.income", broken.map { ($0, "a") }), "gaps of 36 days")
        let early = [transaction("2024-01-01", "PAYER C", "1500.00", "EUR"), transaction("2024-01-20", "PAYER C", "1500.00", "EUR"),
                     transaction("2024-01-26", "PAYER C", "1500.00", "EUR"), transaction("2024-02-26", "PAYER C", "1500.00", "EUR")]
        XCTAssertEqual(try finding("finance.income", early.map { ($0, "a") })?.count, 3,
                       "a credit 19 days after the last is skipped; the chain goes on from the 1st (25 days to the 26th)")
    }

    func testBracketsPerCurrencyWithExclusiveUpperBounds() throws {
        var events = monthly("EMPLOYER DE", "2000.00", "EUR", months: 1...4).map { ($0, "de.xml") }
        events += monthly("EMPLOYER UK", "999.99", "GBP", months: 1...3).map { ($0, "uk.ofx") }
        events += monthly("EMPLOYER JP", "300000", "JPY", months: 1...3).map { ($0, "jp.csv") }
        events += monthly("EMPLOYER X", "1200.00", nil, months: 1...3).map { ($0, "x.csv") }
        let income = try XCTUnwrap(try finding("finance.income", events, sessions: 2))
        // The currency with most recurring credits first, ties by code (no currency sorts first);
        // the `*` table covers JPY (no table of its own) and credits without a currency, each apart.
        // Issue 9: plain words instead of "no table for the currency".
        XCTAssertEqual(income.value, "EUR 2,000–3,500 a month; 1,000–2,000 a month (read as pounds, euros or dollars: "
                       + "the currency is not stated or has no bands of its own); GBP under 1,000 a month; JPY 6,000 or more "
                       + "a month (read as pounds, euros or dollars: the currency is not stated or has no bands of its own)")
        XCTAssertEqual(income.count, 13)
    }

    func testTwoPayersAddUpAndOneOffCreditsDoNot() throws {
        var events = monthly("CAFE PAYROLL", "820.00", "GBP", months: 1...3, day: 1).map { ($0, "a") }
        events += monthly("DWP STATE PENSION", "700.00", "GBP", months: 1...3, day: 3).map { ($0, "a") }
        events.append((transaction("2024-02-14", "J SMITH", "5000.00", "GBP"), "a"))
        let income = try XCTUnwrap(try finding("finance.income", events))
        XCTAssertEqual(income.value, "GBP 1,000–2,000 a month")
        XCTAssertEqual(income.count, 6)
        XCTAssertFalse(income.evidence.contains { $0.excerpt.contains("J SMITH") })
    }

    func testEighteenDigitSalariesFromTwoPayersLandInTheTopBracketInsteadOfOverflowing() throws {
        // Each median fits Int64; their sum (and the rescaling of the scale-0 amount to two
        // decimals) does not. The total is held at the limit: the open top bracket.
        var events = monthly("PAYER ONE", "9999999999999999.99", "GBP", months: 1...3).map { ($0, "a") }
        events += monthly("PAYER TWO", "999999999999999999", "GBP", months: 1...3, day: 3).map { ($0, "a") }
        let income = try XCTUnwrap(try finding("finance.income", events))
        XCTAssertEqual(income.value, "GBP 6,000 or more a month")
        XCTAssertEqual(income.count, 6)
    }

    // MARK: late bills

    func testFeeOnTheSameDayOrThirtyDaysLaterIsPairedButNotThirtyOne() throws {
        // The fee also names the utility, which a signal rule counts whenever it comes (the
        // next test): the pairing shows as the analyzer among the finding's rules.
        for (feeDate, expected) in [("2024-03-01", true), ("2024-03-31", true), ("2024-04-01", false), ("2024-02-29", false)] {
            let events = [transaction("2024-03-01", "BRITISH GAS", "-60.00", "GBP", mcc: 4900),
                          transaction(feeDate, "BRITISH GAS", "-12.00", "GBP", text: "LATE PAYMENT FEE")]
            let late = try finding("finance.late_bills", events.map { ($0, "card.ofx") })
            XCTAssertEqual(late?.rules.contains("finance.late_bills.fee_after_utility"), expected, feeDate)
            if expected { XCTAssertEqual(late?.value, "1 late bill", feeDate) }
        }
    }

    func testALateFeeARuleCountsAndTheAnalyzerPairsWithItsBillCountsOnce() throws {
        // Two bills, each followed by a fee naming the supplier: rules count the fees, the
        // analyzer pairs them with their bills; the payments are evidence, not late bills.
        let events = [transaction("2024-03-01", "BRITISH GAS", "-60.00", "GBP", mcc: 4900),
                      transaction("2024-03-20", "BRITISH GAS", "-12.00", "GBP", text: "LATE PAYMENT FEE"),
                      transaction("2024-05-01", "BRITISH GAS", "-58.00", "GBP", mcc: 4900),
                      transaction("2024-05-22", "BRITISH GAS", "-12.00", "GBP", text: "LATE PAYMENT FEE")]
        for sessions in [1, 2] {
            let late = try XCTUnwrap(try finding("finance.late_bills", events.map { ($0, "card.ofx") }, sessions: sessions))
            XCTAssertEqual(late.count, 2, "sessions: \(sessions)")
            XCTAssertEqual(late.value, "2 late bills", "sessions: \(sessions)")
            XCTAssertEqual(late.ruleCounts?["finance.late_bills.fee_after_utility"], 0, "every fee was counted by a rule already")
            XCTAssertEqual(late.evidence.count, 4, "both payments and both fees are shown")
        }
    }

    func testALateFeeOnARecordNamingTheUtilityIsALateBillWhenever() throws {
        let events = [transaction("2024-03-01", "BRITISH GAS", "-12.00", "GBP", text: "LATE PAYMENT FEE")]
        let late = try XCTUnwrap(try finding("finance.late_bills", events.map { ($0, "card.ofx") }))
        XCTAssertEqual(late.rules, ["finance.late_bills.fee_naming_utility"])
        XCTAssertNil(try finding("finance.overdraft", events.map { ($0, "card.ofx") }), "the overdraft rule yields to it")
    }

    func testPaymentAndReturnSeenBySeparateSessionsAreStillPaired() throws {
        let events = [(transaction("2024-05-02", "Energieversorger Nord AG", "-120.00", "EUR", code: "ELEC", source: "bank.camt053"), "a.xml"),
                      (transaction("2024-05-06", "Energieversorger Nord AG", "120.00", "EUR", text: "Retoure", code: "NRTI+109", source: "bank.mt940"), "b.sta")]
        XCTAssertNil(try finding("finance.late_bills", [events[0]]))
        let late = try XCTUnwrap(try finding("finance.late_bills", events, sessions: 2))
        XCTAssertEqual(late.count, 1, "one late bill: the return, with its payment as evidence")
        XCTAssertEqual(late.sources, ["bank.camt053", "bank.mt940"])
        XCTAssertEqual(late.evidence.map(\.path), ["a.xml", "b.sta"])
    }

    func testAReturnMustBelongToTheUtilityPayment() throws {
        let other = [transaction("2024-05-02", "Stadtwerke Bonn", "-60.00", "EUR"),
                     transaction("2024-05-06", "FitX Fitnessstudio", "39.99", "EUR", code: "NRTI+109")]
        XCTAssertNil(try finding("finance.late_bills", other.map { ($0, "a") }), "the return is of another payee's debit (a gym, not a bill)")
        let same = [transaction("2024-05-02", "Stadtwerke Bonn", "-60.00", "EUR"),
                    transaction("2024-05-06", "Stadtwerke Bonn", "60.00", "EUR", code: "NRTI+109")]
        XCTAssertEqual(try finding("finance.late_bills", same.map { ($0, "a") })?.count, 1)
    }

    func testALateFeeNamingNobodyIsPairedWithTheLatestUtilityPaymentBeforeItOnly() throws {
        let events = [transaction("2024-03-01", nil, "-74.00", "EUR", text: "LASTSCHRIFT VATTENFALL EUROPE SALES ABSCHLAG", source: "bank.csv"),
                      transaction("2024-03-04", nil, "-31.00", "EUR", text: "KARTENZAHLUNG BERLINER WASSERBETRIEBE", source: "bank.csv"),
                      transaction("2024-03-19", nil, "-5.00", "EUR", text: "LASTSCHRIFT MAHNGEBÜHR", source: "bank.csv")]
        let late = try XCTUnwrap(try finding("finance.late_bills", events.map { ($0, "giro.csv") }))
        XCTAssertEqual(late.count, 1)
        let excerpts = late.evidence.map(\.excerpt)
        XCTAssertEqual(excerpts.count, 2, "\(excerpts)")
        XCTAssertTrue(excerpts.contains { $0.contains("WASSERBETRIEBE") }, "the water bill three days before: \(excerpts)")
        XCTAssertFalse(excerpts.contains { $0.contains("VATTENFALL") }, "not the electricity bill before it: \(excerpts)")
    }

    func testALateFeeNamingAnotherPayeeIsNotTheUtilityBillsUnnamedFee() throws {
        let events = [transaction("2024-03-04", nil, "-31.00", "GBP", text: "DIRECT DEBIT SOUTHERN WATER", source: "bank.csv"),
                      transaction("2024-03-19", nil, "-1.20", "GBP", text: "BRIGHTON LIBRARIES LATE FEE", source: "bank.csv")]
        XCTAssertNil(try finding("finance.late_bills", events.map { ($0, "a.csv") }))
        let unnamed = [events[0], transaction("2024-03-19", nil, "-1.20", "GBP", text: "LATE FEE", source: "bank.csv")]
        XCTAssertEqual(try finding("finance.late_bills", unnamed.map { ($0, "a.csv") })?.count, 1)
    }

    // MARK: travel abroad

    func testForeignMeansOtherThanTheStatementsOwnCurrency() throws {
        var events: [(Event, String)] = []
        // A UK card statement with two euro payments…
        for day in 1...5 { events.append((transaction("2024-07-0\(day)", "TESCO", "-10.00", "GBP"), "uk.ofx")) }
        events.append((transaction("2024-07-10", "CAFE PARIS", "-14.50", "EUR"), "uk.ofx"))
        events.append((transaction("2024-07-11", "RATP", "-2.15", "EUR"), "uk.ofx"))
        // …and a German account in euros, whose euro payments are at home.
        for day in 1...4 { events.append((transaction("2024-07-1\(day)", "REWE", "-20.00", "EUR", source: "bank.camt053"), "de.xml")) }
        let single = try XCTUnwrap(try finding("mobility.travel_abroad", events))
        XCTAssertEqual(single.count, 2)
        XCTAssertEqual(single.value, "payments in EUR")
        XCTAssertEqual(Set(single.evidence.map(\.path)), ["uk.ofx"])
        let merged = try XCTUnwrap(try finding("mobility.travel_abroad", events, sessions: 3))
        XCTAssertEqual(merged.count, single.count)
        XCTAssertEqual(merged.evidence.map(\.locator), single.evidence.map(\.locator))
        // Files interleaved event by event (a worker may come back to a file): same result.
        let uk = events.filter { $0.1 == "uk.ofx" }, de = events.filter { $0.1 == "de.xml" }
        var interleaved: [(Event, String)] = []
        for i in 0..<max(uk.count, de.count) {
            if i < de.count { interleaved.append(de[i]) }
            if i < uk.count { interleaved.append(uk[uk.count - 1 - i]) }
        }
        let mixed = try XCTUnwrap(try finding("mobility.travel_abroad", interleaved))
        XCTAssertEqual(mixed.count, single.count)
        XCTAssertEqual(mixed.evidence.map(\.locator), single.evidence.map(\.locator))
    }

    func testTiedCurrenciesAreBothHome() throws {
        let events = [transaction("2024-07-01", "A", "-1.00", "GBP"), transaction("2024-07-02", "B", "-1.00", "GBP"),
                      transaction("2024-07-03", "C", "-1.00", "EUR"), transaction("2024-07-04", "D", "-1.00", "EUR")]
        XCTAssertNil(try finding("mobility.travel_abroad", events.map { ($0, "multi.csv") }))
    }

    // MARK: settings files

    func testBadSettingsNameFileAndLine() throws {
        let income = """
        analyzer: recurring_income
        id: finance.income.x
        attribute: finance.gambling
        confidence: 0.5
        min_occurrences: 3
        interval_days: {min: 25, max: 35}
        brackets:
          EUR:
            minimum: "100.00"
            bands:
              - {below: "2000.00"}
              - {below: "1000.00"}
        examples:
          positive:
            - events: [{source: bank.ofx, kind: transaction}]
          negative:
            - events: [{source: bank.ofx, kind: transaction}]
        """
        let fixture = try RuleDirectoryFixture(files: ["analyzers/income.yaml": income])
        XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory)) { error in
            XCTAssertEqual("\(error)", "rules/analyzers/income.yaml:12: bands must rise: 1000.00 is not above 2000.00")
        }
        let lateBills = """
        analyzer: late_bills
        id: finance.late_bills.x
        attribute: finance.gambling
        confidence: 0.5
        window_days: 30
        utility: {mcc: [4900]}
        fee: {codes: ["10 8"]}
        """
        let second = try RuleDirectoryFixture(files: ["analyzers/late.yaml": lateBills])
        XCTAssertThrowsError(try RuleSet.load(directory: second.rulesDirectory)) { error in
            XCTAssertEqual("\(error)", "rules/analyzers/late.yaml:7: a code is letters and digits only, got '10 8'")
        }
    }

    func testUnknownLexiconInSettingsFailsTheExampleRun() throws {
        let lateBills = """
        analyzer: late_bills
        id: finance.late_bills.x
        attribute: finance.gambling
        confidence: 0.5
        window_days: 30
        utility: {lexicons: [utilitees]}
        fee: {codes: ["108"]}
        examples:
          positive:
            - events:
                - {source: bank.ofx, kind: transaction, time: 2024-01-01, counterparty: X, amount: "-1.00", mcc: 4900}
          negative:
            - events:
                - {source: bank.ofx, kind: transaction, time: 2024-01-01, counterparty: X, amount: "-1.00"}
        """
        let fixture = try RuleDirectoryFixture(files: ["analyzers/late.yaml": lateBills])
        let set = try RuleSet.load(directory: fixture.rulesDirectory)
        let failures = RuleExampleRunner.run(set).map(\.description)
        XCTAssertTrue(failures.contains("rules/analyzers/late.yaml:1: unknown lexicon 'utilitees' in analyzer finance.late_bills.x"), "\(failures)")
        XCTAssertTrue(failures.contains("rules/analyzers/late.yaml:10: positive example did not produce a finding of analyzer finance.late_bills.x"), "\(failures)")
    }

    func testABankCodeMatchesWhenOneOfItsLetterAndDigitRunsIsListedInAnyCase() {
        let codes = BankCodes(["108", "KARTENZAHLUNG", "ELEC"])
        XCTAssertTrue(TransactionTextScanner.code("NDDT+108+00931", isIn: codes))
        XCTAssertTrue(TransactionTextScanner.code("Kartenzahlung", isIn: codes))
        XCTAssertTrue(TransactionTextScanner.code("purpose elec", isIn: codes))
        XCTAssertFalse(TransactionTextScanner.code("NDDT+1080+0093", isIn: codes), "a longer run is another code")
        XCTAssertFalse(TransactionTextScanner.code("ELECTRIC", isIn: codes))
        XCTAssertFalse(TransactionTextScanner.code(nil, isIn: codes))
        XCTAssertFalse(TransactionTextScanner.code("108", isIn: BankCodes([])))
    }

    func testShopMemoKeepsAnswersByDigestTellsNoLettersFromUnknownAndReplacesOnSlotCollision() {
        var memo = ShopMemo()
        XCTAssertNil(memo[7], "nothing stored: unknown")
        memo[7] = .some(42)
        memo[8] = .some(nil)
        XCTAssertEqual(memo[7], .some(42))
        XCTAssertEqual(memo[8], .some(nil), "a field without letters is remembered as such")
        // A digest that lands in the same slot replaces the older entry; the older one is then unknown.
        let colliding: UInt64 = 7 + UInt64(ShopMemo.slotCount)
        memo[colliding] = .some(99)
        XCTAssertEqual(memo[colliding], .some(99))
        XCTAssertNil(memo[7])
    }

    func testRememberedBankCodeAnswersMatchFreshAnswersWhenCodesAlternate() {
        let codes = BankCodes(["KARTENZAHLUNG", "ELEC"])
        // Long strings built at run time have their own storage, as a parser's fields do.
        let long = String(repeating: "x", count: 20)
        let asked: [String?] = ["Kartenzahlung", "Kartenzahlung", "Lastschrift", "Kartenzahlung", long + " elec",
                                long + " elec", long + " gas", nil, "ELEC", String("Kartenzahlung".reversed())]
        let fresh = BankCodes(["KARTENZAHLUNG", "ELEC"])
        for code in asked {
            XCTAssertEqual(codes.matches(code), TransactionTextScanner.code(code, isIn: fresh), "\(code ?? "nil")")
        }
        XCTAssertEqual(asked.map { codes.matches($0) }, [true, true, false, true, true, true, false, false, true, false])
    }
}
