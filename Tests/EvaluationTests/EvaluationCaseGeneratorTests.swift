import XCTest
@testable import Evaluation
import Rules
import StewardCore

/// The generator over the real evaluation set in `eval/`: deterministic, large enough, and in
/// the taxonomy.
final class EvaluationCaseGeneratorTests: XCTestCase {
    static let packageRoot: String = {
        // Tests/EvaluationTests/EvaluationCaseGeneratorTests.swift → package root.
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    private func generate(seed: UInt64 = EvaluationCaseGenerator.defaultSeed) throws -> [EvaluationCase] {
        try EvaluationCaseGenerator.generate(directory: Self.packageRoot + "/eval", seed: seed)
    }

    /// Everything a case is made of, as text, so two runs can be compared exactly.
    private func fingerprint(_ cases: [EvaluationCase]) -> [String] {
        cases.map { c in
            ([c.id, c.language, c.group.rawValue, c.truth.sorted().joined(separator: ","), c.mustNot ?? "", c.form, c.origin]
             + c.events.map { e in
                 [e.source, e.kind.rawValue, e.time?.iso8601 ?? "", e.text ?? "", e.title ?? "", e.counterparty ?? "",
                  e.place ?? "", e.url ?? "", e.amount?.description ?? "", e.mcc.map(String.init) ?? ""].joined(separator: "|")
             }).joined(separator: " / ")
        }
    }

    func testTheSameSeedGivesTheSameCases() throws {
        let seed = EvaluationCaseGenerator.defaultSeed
        XCTAssertEqual(fingerprint(try generate(seed: seed)), fingerprint(try generate(seed: seed)), "seed \(seed)")
    }

    func testAnotherSeedChangesTheDrawnDetailsButNotTheCases() throws {
        let a = try generate(seed: 1), b = try generate(seed: 2)
        XCTAssertEqual(a.map(\.id), b.map(\.id))
        XCTAssertEqual(a.map(\.truth), b.map(\.truth))
        XCTAssertNotEqual(fingerprint(a), fingerprint(b), "seeds 1 and 2")
    }

    func testTheSetMeetsTheMinimumCountsOfIssue8() throws {
        let cases = try generate()
        let signals = cases.filter { $0.group == .signal }
        XCTAssertGreaterThanOrEqual(signals.count, 600)
        for language in ["en", "de", "fr", "es", "ru", "zh"] {
            XCTAssertGreaterThanOrEqual(signals.count { $0.language == language }, 50, "signal cases in \(language)")
        }
        XCTAssertGreaterThanOrEqual(cases.count { $0.group == .lookAlike }, 300)
        let people = cases.filter { $0.group == .person }
        XCTAssertGreaterThanOrEqual(people.count, 6)
        XCTAssertGreaterThanOrEqual(Set(people.map(\.language)).count, 6, "people from six countries")
        XCTAssertTrue(people.allSatisfy { !$0.truth.isEmpty && $0.events.count >= 10 }, "each person has records across sources and true attributes")
    }

    func testEveryAttributeOneRecordCanShowHasSignalCasesInEveryLanguage() throws {
        let rules = try RuleSet.load(directory: Self.packageRoot + "/rules")
        // These need many records (a series of salaries, of jobs, of nights, places or shop-days): the
        // people measure them (docs/rules.md, "Evaluation").
        let manyRecords: Set<String> = ["finance.income", "work.job_hopping", "mobility.home", "mobility.workplace",
                                        "mobility.travel_abroad", "mobility.night_activity",
                                        "mobility.shopping_trail"]
        let signals = try generate().filter { $0.group == .signal }
        for language in ["en", "de", "fr", "es", "ru", "zh"] {
            let covered = Set(signals.filter { $0.language == language }.flatMap(\.truth))
            for attribute in rules.attributes.map(\.id) where !manyRecords.contains(attribute) {
                XCTAssertTrue(covered.contains(attribute), "no \(language) signal case for \(attribute)")
            }
        }
    }

    func testEveryCaseNamesAttributesOfTheTaxonomy() throws {
        let rules = try RuleSet.load(directory: Self.packageRoot + "/rules")
        XCTAssertNoThrow(try EvaluationCaseGenerator.validate(try generate(), attributes: Set(rules.attributes.map(\.id))))
    }

    func testALineBecomesOneCasePerRecordFormWithTheBankPrefixAndDaytimeSearches() throws {
        let file = "# comment\n+\tfinance.gambling\tcard:7995 search\tBetfair\n-\tbelief.religion\tcard:5814\tChurch's Chicken\tfast food\n"
        let cases = try EvaluationCaseGenerator.cases(caseFile: file, path: "x/en.tsv", language: "en", seed: 7)
        XCTAssertEqual(cases.map(\.id), ["en-s1", "en-s2", "en-l1"])
        XCTAssertEqual(cases[0].events.first?.mcc, 7995)
        XCTAssertEqual(cases[0].events.first?.counterparty?.lowercased(), "betfair")
        XCTAssertEqual(cases[1].events.first?.kind, .search)
        let hour = try XCTUnwrap(cases[1].events.first?.time?.hourOfDay)
        XCTAssertTrue((9...20).contains(hour), "hour \(hour)")
        XCTAssertEqual(cases[2].mustNot, "belief.religion")
        XCTAssertEqual(cases[2].truth, [])
        XCTAssertEqual(cases[2].origin, "x/en.tsv:3")
    }

    func testALookAlikeWithoutANoteIsRejectedWithItsLine() {
        let file = "+\tfinance.gambling\tbank\tBetfair\n-\tbelief.religion\tcard:5814\tChurch's Chicken\n"
        XCTAssertThrowsError(try EvaluationCaseGenerator.cases(caseFile: file, path: "x/en.tsv", language: "en", seed: 7)) { error in
            XCTAssertEqual((error as? EvaluationDataError)?.line, 2)
        }
    }

    func testSplitPutsBetweenFortyAndSixtyPercentOfCasesOnEachSideAndEveryAttributeOnBoth() throws {
        let cases = try generate().filter { $0.group != .person }
        let dev = cases.filter(EvaluationSplit.dev.contains), holdout = cases.filter(EvaluationSplit.holdout.contains)
        XCTAssertEqual(dev.count + holdout.count, cases.count, "a case is on exactly one side")
        XCTAssertTrue((0.4...0.6).contains(Double(dev.count) / Double(cases.count)), "dev \(dev.count) of \(cases.count)")
        let signals = cases.filter { $0.group == .signal }
        for attribute in Set(signals.flatMap(\.truth)).sorted() {
            let sides = Set(signals.filter { $0.truth.contains(attribute) }.map(EvaluationSplit.side(of:)))
            XCTAssertEqual(sides, [.dev, .holdout], "\(attribute) has signal cases on one side only")
        }
        for language in Set(cases.map(\.language)).sorted() {
            let sides = Set(cases.filter { $0.language == language }.map(EvaluationSplit.side(of:)))
            XCTAssertEqual(sides, [.dev, .holdout], "\(language) has cases on one side only")
        }
    }

    func testEveryRecordFormOfOneDataLineIsOnTheSameSideWhateverTheSeed() throws {
        let a = try generate(seed: 1), b = try generate(seed: 2)
        XCTAssertEqual(a.map(EvaluationSplit.side(of:)), b.map(EvaluationSplit.side(of:)), "seeds 1 and 2")
        let byLine = Dictionary(grouping: a, by: \.origin)
        for (origin, cases) in byLine where Set(cases.map(EvaluationSplit.side(of:))).count > 1 {
            XCTFail("\(origin): its record forms are split across dev and holdout")
        }
    }
}
