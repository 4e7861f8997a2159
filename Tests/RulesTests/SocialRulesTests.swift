import XCTest
import StewardCore
@testable import Rules
@testable import RuleFileReading

/// The social rules and the tenure analyzer, run on the real `rules/` directory, plus the
/// tenure analyzer's settings validation.
final class SocialRulesTests: XCTestCase {
    static let loaded: Result<RuleSet, RuleFileError> = {
        do throws(RuleFileError) { return .success(try RuleSet.load(directory: RuleSetExamplesTests.rulesDirectory, findingValueText: englishFindingValues)) } catch { return .failure(error) }
    }()

    func findings(_ events: [Event]) throws -> [String: Finding] {
        let session = InferenceSession(ruleSet: try Self.loaded.get())
        for (i, var event) in events.enumerated() {
            event.position = .record(i)
            _ = session.process(event, path: "social.json")
        }
        return Dictionary(uniqueKeysWithValues: session.findings().map { ($0.attribute, $0) })
    }

    func testHashtagsAndMentionsAreWordBoundaries() throws {
        let hits = try findings([
            Event(source: "twitter.archive", kind: .post, text: "#protest tonight"),
            Event(source: "twitter.archive", kind: .post, text: "thanks @protest_org"),
            Event(source: "twitter.archive", kind: .post, text: "#FridaysForFuture"),
            Event(source: "twitter.archive", kind: .post, text: "#protestant heritage"),
        ])
        XCTAssertEqual(hits["politics.protest"]?.count, 3, "#protestant is not #protest")
    }

    func testOthersMessagesAreNeverEvidenceOfTheOwner() throws {
        let hits = try findings([
            Event(source: "meta.facebook", kind: .message, text: "join the protest, it's at the church", authoredByOthers: true),
        ])
        XCTAssertNil(hits["politics.protest"])
        XCTAssertNil(hits["belief.religion"])
    }

    func testAdInterestsAreListedPerPlatform() throws {
        let hits = try findings([
            Event(source: "meta.instagram", kind: .adInterest, text: "Interest 1", product: "ads interests"),
            Event(source: "meta.facebook", kind: .adInterest, text: "Payday loans", product: "ads interests"),
            Event(source: "twitter.archive", kind: .adInterest, text: "gender: female", product: "demographics"),
            Event(source: "linkedin.csv", kind: .adInterest, text: "Demographics · Age: 25-34", product: "inferences about you"),
        ])
        let finding = try XCTUnwrap(hits["platform.ad_interests"])
        XCTAssertEqual(finding.count, 4)
        XCTAssertEqual(finding.sources, ["linkedin.csv", "meta.facebook", "meta.instagram", "twitter.archive"])
        XCTAssertTrue(finding.evidence.contains { $0.excerpt == "Interest 1" })
        XCTAssertNil(hits["finance.loans"], "an inferred interest is the platform's claim, not the person's borrowing")
    }

    func testOrientationFromGroupsAndOwnSelfDescriptionNotFromAnOrientationWordInAPost() throws {
        XCTAssertNil(try findings([Event(source: "meta.facebook", kind: .post, text: "My favourite show finally has a gay character")])["life.sexual_orientation"],
                     "an orientation word alone in a post is news, a friend or a TV show")
        XCTAssertNotNil(try findings([Event(source: "meta.facebook", kind: .post, text: "I am gay and proud")])["life.sexual_orientation"],
                        "a self-description in the person's own post (life.sexual_orientation.own_posts)")
        XCTAssertNotNil(try findings([Event(source: "meta.facebook", kind: .activity, title: "Queer Book Club Leeds", product: "groups joined")])["life.sexual_orientation"])
    }

    func testJobHoppingFromPositionsMergedAcrossSessions() throws {
        let set = try Self.loaded.get()
        XCTAssertTrue(set.analyzers.contains { $0.id == "work.job_hopping.short_tenures" })
        let a = InferenceSession(ruleSet: set), b = InferenceSession(ruleSet: set)
        func position(_ company: String, _ start: (Int, Int), _ end: (Int, Int)?) -> Event {
            Event(source: "linkedin.csv", kind: .position, time: Timestamp(year: start.0, month: start.1, day: 1, dateOnly: true),
                  endTime: end.flatMap { Timestamp(year: $0.0, month: $0.1, day: 1, dateOnly: true) }, title: "Analyst",
                  counterparty: company, position: .line(2))
        }
        _ = a.process(position("Initech", (2021, 3), (2021, 11)), path: "a/Positions.csv")
        _ = b.process(position("Hooli", (2020, 6), (2020, 12)), path: "b/Positions.csv")
        _ = b.process(position("Initech", (2021, 3), (2021, 11)), path: "b/Positions.csv")
        _ = b.process(position("ACME", (2022, 1), nil), path: "b/Positions.csv")
        XCTAssertNil(a.findings().first { $0.attribute == "work.job_hopping" }, "one short job alone")
        a.merge(b)
        let finding = try XCTUnwrap(a.findings().first { $0.attribute == "work.job_hopping" })
        XCTAssertEqual(finding.count, 2, "the Initech job from two downloads counts once")
        XCTAssertEqual(finding.value, "2 of 3 positions lasted under 12 months")
        XCTAssertEqual(finding.evidence.first?.excerpt, "Hooli · Analyst · 2020-06 – 2020-12 (7 months)")
        XCTAssertEqual(finding.rules, ["work.job_hopping.short_tenures"])
    }

    func testTenureMonthsAreInclusive() {
        let start = Timestamp(year: 2021, month: 3, day: 1)!, end = Timestamp(year: 2021, month: 11, day: 1)!
        XCTAssertEqual(TenureAnalyzerDefinition.months(from: start, to: end), 9)
        XCTAssertEqual(TenureAnalyzerDefinition.months(from: start, to: start), 1)
    }

    func testTenureSettingsAreValidated() throws {
        let valid = """
        analyzer: work.tenures
        id: work.job_hopping.test
        attribute: finance.gambling
        confidence: 0.5
        max_tenure_months: 12
        min_short_tenures: 2
        basis: illustrative
        source: test
        examples:
          positive:
            - positions:
                - {company: A, start: 2020-01, end: 2020-03}
                - {company: B, start: 2020-04, end: 2020-06}
          negative:
            - positions:
                - {company: A, start: 2020-01}
        """
        let fixture = try RuleDirectoryFixture(files: ["analyzers/tenures.yaml": valid])
        let set = try RuleSet.load(directory: fixture.rulesDirectory)
        XCTAssertEqual(set.analyzers.map(\.id), ["work.job_hopping.test"])
        XCTAssertEqual(RuleExampleRunner.run(set), [])

        func error(_ text: String) throws -> String {
            let bad = try RuleDirectoryFixture(files: ["analyzers/tenures.yaml": text])
            do {
                _ = try RuleSet.load(directory: bad.rulesDirectory)
                return "loaded"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(try error(valid.replacingOccurrences(of: "basis: illustrative", with: "basis: guessed")),
                       "rules/analyzers/tenures.yaml:7: basis must be documented, reported or illustrative, got 'guessed'")
        XCTAssertEqual(try error(valid.replacingOccurrences(of: "max_tenure_months: 12", with: "max_tenure_months: 0")),
                       "rules/analyzers/tenures.yaml:5: max_tenure_months must be at least 1")
        XCTAssertEqual(try error(valid.replacingOccurrences(of: "start: 2020-01}", with: "start: January}")),
                       "rules/analyzers/tenures.yaml:16: start must be YYYY-MM or YYYY-MM-DD")
        XCTAssertTrue(try error(valid.replacingOccurrences(of: "  negative:\n    - positions:\n        - {company: A, start: 2020-01}", with: ""))
            .hasSuffix("needs at least one positive and one negative example"))
        // A wrong example is reported with its line.
        let wrong = try RuleDirectoryFixture(files: ["analyzers/tenures.yaml": valid.replacingOccurrences(of: "end: 2020-06", with: "end: 2021-06")])
        XCTAssertEqual(RuleExampleRunner.run(try RuleSet.load(directory: wrong.rulesDirectory)).map(\.description),
                       ["rules/analyzers/tenures.yaml:11: positive example did not fire analyzer work.job_hopping.test"])
    }
}
