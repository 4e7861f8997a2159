import Localization
@testable import Reports
import StewardCore
import XCTest

/// The comparison of several people (docs/reports.md, "Comparing people"): tier positions on
/// each model's ladder, the contributions that decide a result, and disagreements.
final class ComparisonTests: XCTestCase {
    static let citizen = ScoreLadder(minimum: 0, maximum: 2000, base: 1000, lowerIsBetter: false, tiers: [
        .init(name: "AAA", label: "exemplary", minimum: 1050, benefits: [], consequences: []),
        .init(name: "B", label: "average", minimum: 900, benefits: [], consequences: []),
        .init(name: "D", label: "black mark", minimum: nil, benefits: [], consequences: ["no loans [SEED]"]),
    ])
    static let code = ScoreLadder(minimum: 0, maximum: nil, base: 0, lowerIsBetter: true, tiers: [
        .init(name: "red", label: nil, minimum: 2, benefits: [], consequences: ["quarantine"]),
        .init(name: "yellow", label: nil, minimum: 1, benefits: [], consequences: []),
        .init(name: "green", label: nil, minimum: nil, benefits: [], consequences: []),
    ])

    static func report(_ id: String, citizen: (Int, String, [Contribution]), code: String) -> ScanReport {
        var report = ReportFixture.report
        report.scan.id = id
        report.scores = [
            ScoreResult(model: "citizen-1000", title: "Municipal citizen score", total: citizen.0, base: 1000, tier: citizen.1,
                        contributions: citizen.2, consequences: citizen.1 == "D" ? ["no loans [SEED]"] : []),
            ScoreResult(model: "health-code", title: "Health code", total: code == "red" ? 2 : 0, base: 0, tier: code,
                        contributions: [], consequences: code == "red" ? ["quarantine"] : []),
        ]
        return report
    }

    static func part(_ attribute: String, _ delta: Int) -> Contribution {
        Contribution(rule: "r.\(attribute)", attribute: attribute, delta: delta, basis: .illustrative, source: "[SEED]")
    }

    func testPositionsRunFromTheWorstTierToTheBestWhicheverWayTheModelCounts() {
        XCTAssertEqual(Comparison.position(of: "AAA", on: Self.citizen), 1)
        XCTAssertEqual(Comparison.position(of: "B", on: Self.citizen), 0.5)
        XCTAssertEqual(Comparison.position(of: "D", on: Self.citizen), 0)
        XCTAssertEqual(Comparison.position(of: "green", on: Self.code), 1, "risk points: the lowest total is best")
        XCTAssertEqual(Comparison.position(of: "red", on: Self.code), 0)
        XCTAssertNil(Comparison.position(of: "Z", on: Self.citizen))
    }

    func testTheThreeLargestEffectsDecideInOrderAndTiesKeepTheModelsOrder() {
        let score = ScoreResult(model: "m", total: 1, tier: "B", contributions: [
            Self.part("a", 10), Self.part("b", -200), Self.part("c", 50), Self.part("d", -50), Self.part("e", 5),
        ], consequences: [])
        XCTAssertEqual(Comparison.deciding(score).map(\.attribute), ["b", "c", "d"])
    }

    func testADisagreementIsTwoModelsAtLeastHalfALadderApartAboutOnePerson() {
        let comparison = Comparison(people: [
            .init(label: "Ana", report: Self.report("s1", citizen: (1100, "AAA", [Self.part("civic.blood_donation", 200)]), code: "red")),
            .init(label: "Ben", report: Self.report("s2", citizen: (950, "B", []), code: "yellow")),
            .init(label: "Cy", report: Self.report("s3", citizen: (300, "D", [Self.part("finance.arrears", -100)]), code: "green")),
        ], ladders: ["citizen-1000": Self.citizen, "health-code": Self.code])
        XCTAssertEqual(comparison.models, ["citizen-1000", "health-code"])
        XCTAssertEqual(comparison.disagreements, [
            .init(person: "Ana", better: "citizen-1000", betterTier: "AAA", worse: "health-code", worseTier: "red"),
            .init(person: "Cy", better: "health-code", betterTier: "green", worse: "citizen-1000", worseTier: "D"),
        ], "Ben is in the middle of both ladders")
    }

    func testChattingWithSomeoneAtTheWorstTierLowersTheMunicipalScoreAndMayChangeTheTier() {
        var ana = Self.report("s1", citizen: (1060, "AAA", [Self.part("civic.blood_donation", 60)]), code: "green")
        ana.contacts = [.init(key: ScanReport.Contact.key(forName: "cy  volkov"), messages: 12),
                        .init(key: ScanReport.Contact.key(forName: "Ben"), messages: 3)]
        var ben = Self.report("s2", citizen: (950, "B", []), code: "green")
        ben.contacts = [.init(key: ScanReport.Contact.key(forName: "Ana"), messages: 2)]
        let cy = Self.report("s3", citizen: (300, "D", []), code: "green")
        let comparison = Comparison(people: [.init(label: "Ana", report: ana), .init(label: "Ben", report: ben),
                                             .init(label: "Cy Volkov (synthetic)", report: cy)],
                                    ladders: ["citizen-1000": Self.citizen, "health-code": Self.code])
        XCTAssertEqual(comparison.contactEffects, [.init(person: "Ana", contact: "Cy Volkov (synthetic)", points: -100)])
        let anaCitizen = comparison.cells[0]["citizen-1000"]!
        XCTAssertEqual(anaCitizen.score.total, 960)
        XCTAssertEqual(anaCitizen.score.tier, "B", "1060 - 100 falls from AAA to B on the ladder")
        XCTAssertEqual(anaCitizen.position, 0.5)
        XCTAssertEqual(anaCitizen.score.contributions.last?.basis, .illustrative)
        XCTAssertEqual(anaCitizen.score.contributions.last?.rule, Comparison.ContactRule.rule)
        XCTAssertEqual(comparison.cells[1]["citizen-1000"]!.score.total, 950, "Ben chats with Ana, who is not at the worst tier")
        XCTAssertEqual(comparison.cells[2]["citizen-1000"]!.score.total, 300)
    }

    func testEveryFormatNamesEachPersonUnderEachModelInTheChosenLanguage() {
        let comparison = Comparison(people: [
            .init(label: "Ana <b>", report: Self.report("s1", citizen: (1100, "AAA", [Self.part("civic.blood_donation", 200)]), code: "red")),
            .init(label: "Cy", report: Self.report("s3", citizen: (300, "D", [Self.part("finance.arrears", -100)]), code: "green")),
        ], ladders: ["citizen-1000": Self.citizen, "health-code": Self.code])
        let terminal = ComparisonReporter(format: .terminal, localizer: Localizer(.de), width: 200).render(comparison)
        XCTAssertTrue(terminal.hasPrefix("VERGLEICH: 2 Personen, 2 Modelle"), terminal)
        XCTAssertTrue(terminal.contains("  Cy: 300 Punkte, D"), terminal)
        XCTAssertTrue(terminal.contains("D kostet: no loans [SEED]"), terminal)
        let markdown = ComparisonReporter(format: .markdown).render(comparison)
        XCTAssertTrue(markdown.contains(#"| Cy | 300 points | D | finance\.arrears \-100 \(illustrative\) |"#), markdown)
        let html = ComparisonReporter(format: .html).render(comparison)
        XCTAssertTrue(html.contains("Ana &lt;b&gt;"), "labels are escaped")
        XCTAssertFalse(html.contains("Ana <b>"))
        XCTAssertEqual(html.components(separatedBy: "<table class=\"compare\">").count - 1, 2)
        let json = ComparisonReporter(format: .json, localizer: Localizer(.de)).render(comparison)
        XCTAssertTrue(json.contains("\"tier\": \"D\"") || json.contains("\"tier\":\"D\""), json)
        XCTAssertFalse(json.contains("Punkte"), "JSON stays English")
    }
}
