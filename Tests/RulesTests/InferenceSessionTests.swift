import XCTest
import Rules
import StewardCore

final class InferenceSessionTests: XCTestCase {
    static let rules = """
    rules:
      - id: finance.gambling.repeated
        attribute: finance.gambling
        title: Repeated gambling
        confidence: 0.9
        match:
          lexicons: [gambling]
          amount: {max: "-0.01"}
        aggregate: {count: 3, days: 90}
        examples:
          positive:
            - events:
                - {source: bank.ofx, kind: transaction, time: 2024-01-01, text: casino, amount: "-1.00"}
                - {source: bank.ofx, kind: transaction, time: 2024-01-02, text: casino, amount: "-1.00"}
                - {source: bank.ofx, kind: transaction, time: 2024-01-03, text: casino, amount: "-1.00"}
          negative:
            - {source: bank.ofx, kind: transaction, time: 2024-01-01, text: casino, amount: "-1.00"}
      - id: finance.gambling.single
        attribute: finance.gambling
        title: Any gambling payment
        confidence: 0.5
        match:
          sources: [bank.*]
          lexicons: [gambling]
          terms: [lotto*]
          exclude: {terms: [casino royale]}
        examples:
          positive:
            - {source: bank.ofx, kind: transaction, text: Lotto24}
          negative:
            - {source: google.my_activity, kind: search, text: casino}
      - id: health.alcohol.night
        attribute: health.alcohol
        title: Bars at night
        confidence: 0.7
        match:
          mcc: [5813]
          hours: 22-5
        examples:
          positive:
            - {source: bank.csv, kind: transaction, time: "2024-01-01T23:30:00Z", mcc: 5813}
          negative:
            - {source: bank.csv, kind: transaction, time: "2024-01-01", mcc: 5813}
    """

    private var fixture: RuleDirectoryFixture!
    private var ruleSet: RuleSet!

    override func setUpWithError() throws {
        fixture = try RuleDirectoryFixture(files: ["signals/test.yaml": Self.rules])
        ruleSet = try RuleSet.load(directory: fixture.rulesDirectory)
    }

    private func payment(_ year: Int, _ month: Int, _ day: Int, _ text: String = "CASINO", amount: String = "-10.00",
                         line: Int = 1) -> Event {
        Event(source: "bank.ofx", kind: .transaction, time: Timestamp(year: year, month: month, day: day, dateOnly: true),
              text: text, amount: Money.parse(amount), position: .line(line))
    }

    func testAggregateWindowEdges() {
        // 89 days between first and third: inside a 90-day window.
        let inside = InferenceSession(ruleSet: ruleSet)
        for (i, day) in [(1, 1), (2, 10), (3, 30)].enumerated() { inside.process(payment(2024, day.0, day.1, line: i), path: "a.ofx") }
        XCTAssertEqual(inside.findings().first?.rules, ["finance.gambling.repeated", "finance.gambling.single"])

        // Exactly 90 days: outside.
        let edge = InferenceSession(ruleSet: ruleSet)
        for (i, day) in [(1, 1), (2, 10), (4, 1)].enumerated() { edge.process(payment(2023, day.0, day.1, line: i), path: "a.ofx") }
        XCTAssertEqual(edge.findings().first?.rules, ["finance.gambling.single"])
        XCTAssertEqual(edge.matchCount(rule: "finance.gambling.repeated"), 3)

        // Credits are filtered out by the amount range.
        let credits = InferenceSession(ruleSet: ruleSet)
        for day in 1...3 { credits.process(payment(2024, 1, day, amount: "10.00"), path: "a.ofx") }
        XCTAssertEqual(credits.findings().first?.rules, ["finance.gambling.single"])
    }

    func testAggregateHoldsAcrossMergedSessions() {
        let a = InferenceSession(ruleSet: ruleSet)
        let b = InferenceSession(ruleSet: ruleSet)
        a.process(payment(2024, 1, 1, line: 1), path: "a.ofx")
        b.process(payment(2024, 1, 5, line: 1), path: "b.ofx")
        b.process(payment(2024, 1, 9, line: 2), path: "b.ofx")
        XCTAssertEqual(a.findings().first?.rules, ["finance.gambling.single"])
        a.merge(b)
        let finding = a.findings().first
        XCTAssertEqual(finding?.rules, ["finance.gambling.repeated", "finance.gambling.single"])
        XCTAssertEqual(finding?.count, 3, "an event matched by two rules of one attribute counts once")
        XCTAssertEqual(finding?.confidence, 0.9)
        XCTAssertEqual(finding?.firstSeen, "2024-01-01")
        XCTAssertEqual(finding?.lastSeen, "2024-01-09")
        XCTAssertEqual(finding?.evidence.map(\.path), ["a.ofx", "b.ofx", "b.ofx"])
    }

    func testMonthsCountEachRecordOnceInItsCalendarMonthAndSumToTheCount() {
        let session = InferenceSession(ruleSet: ruleSet)
        for (i, date) in [(2024, 1, 31), (2024, 2, 1), (2024, 2, 20), (2025, 12, 31)].enumerated() {
            session.process(payment(date.0, date.1, date.2, line: i), path: "a.ofx")
        }
        // No time: counted, but in no month.
        session.process(Event(source: "bank.ofx", kind: .transaction, text: "CASINO", amount: Money.parse("-1.00"), position: .line(9)), path: "a.ofx")
        let finding = session.findings().first
        XCTAssertEqual(finding?.count, 5)
        XCTAssertEqual(finding?.months, ["2024-01": 1, "2024-02": 2, "2025-12": 1],
                       "two rules matched each record; each counts once")
    }

    func testMonthsOfMergedSessionsAddUpAndLeaveOutRulesWhoseAggregateFails() {
        let a = InferenceSession(ruleSet: ruleSet)
        let b = InferenceSession(ruleSet: ruleSet)
        a.process(payment(2024, 3, 1, line: 1), path: "a.ofx")
        b.process(payment(2024, 3, 5, "LOTTO24", line: 1), path: "b.ofx")
        a.merge(b)
        XCTAssertEqual(a.findings().first?.months, ["2024-03": 2])
        XCTAssertEqual(a.findings().first?.rules, ["finance.gambling.single"])
    }

    func testEvidenceCarriesTheRecordsPosition() {
        let session = InferenceSession(ruleSet: ruleSet)
        var event = payment(2024, 1, 1)
        event.latitude = 53.4
        event.longitude = -2.2
        session.process(event, path: "a.ofx")
        XCTAssertEqual(session.findings().first?.evidence.first?.latitude, 53.4)
        XCTAssertEqual(session.findings().first?.evidence.first?.longitude, -2.2)
    }

    func testExclusionCancelsOnlyOverlappingHits() {
        let session = InferenceSession(ruleSet: ruleSet)
        XCTAssertEqual(session.process(payment(2024, 1, 1, "Casino Royale DVD", amount: "7.99"), path: "x"), [])
        XCTAssertEqual(session.process(payment(2024, 1, 1, "Casino Royale DVD; casino chips", amount: "7.99"), path: "x"),
                       ["finance.gambling.single"])
    }

    func testHourWindowWrapsMidnightAndIgnoresDateOnly() {
        let session = InferenceSession(ruleSet: ruleSet)
        func bar(_ time: String) -> [String] {
            session.process(Event(source: "bank.csv", kind: .transaction, time: Timestamp.parseISO8601(Array(time.utf8)), mcc: 5813), path: "x")
        }
        XCTAssertEqual(bar("2024-01-01T22:00:00Z"), ["health.alcohol.night"])
        XCTAssertEqual(bar("2024-01-01T04:59:00Z"), ["health.alcohol.night"])
        XCTAssertEqual(bar("2024-01-01T05:00:00Z"), [])
        XCTAssertEqual(bar("2024-01-01T21:59:00Z"), [])
        XCTAssertEqual(bar("2024-01-01T23:00:00+02:00"), ["health.alcohol.night"], "local clock of the export")
        XCTAssertEqual(bar("2024-01-01"), [], "date-only times never match an hour window")
    }

    func testEvidenceIsBoundedAndKeepsEarliest() {
        let session = InferenceSession(ruleSet: ruleSet, evidenceLimit: 3)
        for day in (1...28).reversed() { session.process(payment(2024, 2, day, line: day), path: "s.ofx") }
        let finding = session.findings()[0]
        XCTAssertEqual(finding.count, 28)
        XCTAssertEqual(finding.evidence.map(\.time), ["2024-02-01", "2024-02-02", "2024-02-03"])
        XCTAssertEqual(finding.evidence.first?.locator, "line 1")
        XCTAssertEqual(finding.evidence.first?.excerpt, "CASINO · -10.00")
    }

    /// The kept items are not held in order: whichever order the records come in (oldest first,
    /// or the earliest ones scattered among later ones), the earliest three are kept.
    func testEvidenceKeepsTheEarliestInAnyArrivalOrder() {
        let scattered = [14, 3, 27, 1, 20, 9, 2, 28, 15, 4, 11]
        for order in [Array(1...28), scattered] {
            let session = InferenceSession(ruleSet: ruleSet, evidenceLimit: 3)
            for day in order { session.process(payment(2024, 2, day, line: day), path: "s.ofx") }
            XCTAssertEqual(session.findings()[0].evidence.map(\.time), ["2024-02-01", "2024-02-02", "2024-02-03"], "\(order)")
        }
    }

    /// Records of one day in one file rank by their position's text ("line 12" before "line 9"),
    /// then by file: the sample kept is the same whether they arrive newest first, oldest first
    /// or split over two merged sessions, and it shows each record's own position, time and text.
    func testEvidenceOfRecordsOfOneDayIsTheSameInAnyOrderAndSplit() {
        var records: [(Event, String)] = []
        for line in 1...14 { records.append((payment(2024, 3, 5, "CASINO \(line)", line: line), "b.ofx")) }
        for line in 1...3 { records.append((payment(2024, 3, 5, "CASINO a\(line)", line: line), "a.ofx")) }
        records.append((payment(2024, 3, 6, "CASINO late", line: 99), "a.ofx"))
        func sample(_ order: [(Event, String)], split: Bool) -> [String] {
            let first = InferenceSession(ruleSet: ruleSet, evidenceLimit: 6)
            let second = InferenceSession(ruleSet: ruleSet, evidenceLimit: 6)
            for (n, (event, path)) in order.enumerated() { (split && n % 2 == 1 ? second : first).process(event, path: path) }
            first.merge(second)
            return first.findings()[0].evidence.map { "\($0.path) \($0.locator) \($0.time ?? "-") \($0.excerpt)" }
        }
        let expected = ["a.ofx line 1 2024-03-05 CASINO a1 · -10.00", "a.ofx line 2 2024-03-05 CASINO a2 · -10.00",
                        "a.ofx line 3 2024-03-05 CASINO a3 · -10.00", "b.ofx line 1 2024-03-05 CASINO 1 · -10.00",
                        "b.ofx line 10 2024-03-05 CASINO 10 · -10.00", "b.ofx line 11 2024-03-05 CASINO 11 · -10.00"]
        XCTAssertEqual(sample(records, split: false), expected)
        XCTAssertEqual(sample(records.reversed(), split: false), expected)
        XCTAssertEqual(sample(records, split: true), expected)
        XCTAssertEqual(sample(records.reversed(), split: true), expected)
    }

    func testFindingsFollowTaxonomyOrder() {
        let session = InferenceSession(ruleSet: ruleSet)
        session.process(Event(source: "bank.csv", kind: .transaction, time: Timestamp.parseISO8601(Array("2024-01-01T23:00:00Z".utf8)), mcc: 5813), path: "x")
        session.process(payment(2024, 1, 1), path: "x")
        XCTAssertEqual(session.findings().map(\.attribute), ["finance.gambling", "health.alcohol"])
        XCTAssertEqual(session.findings().map(\.sensitivity), [.financial, .special])
    }
}
