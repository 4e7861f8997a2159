import Foundation
import Localization
import XCTest
@testable import Reports
import StewardCore

/// The HTML dossier's pieces (docs/reports.md): the script allowed by its hash, ladders with
/// the best tier on the right, the waterfall, the timeline, the map's rounding and the ways out.
final class HTMLDossierTests: XCTestCase {
    static let ladders: [String: ScoreLadder] = [
        "citizen-1000": ScoreLadder(minimum: 0, maximum: 2000, base: 1000, lowerIsBetter: false, tiers: [
            .init(name: "AAA", label: "exemplary", minimum: 1051, benefits: ["cheaper loans"], consequences: []),
            .init(name: "B", label: nil, minimum: 900, benefits: [], consequences: []),
            .init(name: "D", label: nil, minimum: nil, benefits: [], consequences: ["no loans"]),
        ]),
        "health-code": ScoreLadder(minimum: 0, maximum: 10, base: 0, lowerIsBetter: true, tiers: [
            .init(name: "red", label: nil, minimum: 2, benefits: [], consequences: ["quarantine"]),
            .init(name: "yellow", label: nil, minimum: 1, benefits: [], consequences: []),
            .init(name: "green", label: nil, minimum: nil, benefits: ["free movement"], consequences: []),
        ]),
    ]

    private func render(_ report: ScanReport = ReportFixture.report, context: DossierContext = DossierContext(ladders: ladders)) -> String {
        HTMLReporter(context: context).render(report)
    }

    func testTheInlineScriptIsTheOneTheContentSecurityPolicyAllowsByHash() throws {
        let html = render()
        let script = try XCTUnwrap(html.components(separatedBy: "<script>").last?.components(separatedBy: "</script>").first)
        var hasher = SHA256()
        hasher.update(Array(script.utf8))
        let hex = hasher.finalizeHex()
        let digest = stride(from: 0, to: hex.count, by: 2).map { i -> UInt8 in
            let start = hex.index(hex.startIndex, offsetBy: i)
            return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16)!
        }
        XCTAssertTrue(html.contains("script-src 'sha256-\(Data(digest).base64EncodedString())'"))
    }

    func testEverySectionIsThereInOrder() {
        let html = render()
        let ids = ["summary", "change", "scores", "timeline", "map", "findings", "delete", "inventory", "inputs"]
        let positions = ids.map { html.range(of: "<section id=\"\($0)\"")?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "missing: \(zip(ids, positions).filter { $0.1 == nil }.map(\.0))")
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
    }

    func testALadderDrawsEveryTierAndMarksTheOneThePersonIsIn() {
        let score = ReportFixture.report.scores[0]
        let svg = LadderSVG.render(score: score, ladder: Self.ladders["citizen-1000"]!, t: .english)
        XCTAssertEqual(svg.components(separatedBy: "<rect").count - 1, 3)
        XCTAssertEqual(svg.components(separatedBy: "class=\"current\"").count - 1, 1)
        XCTAssertTrue(svg.contains("class=\"marker\""))
        XCTAssertTrue(svg.contains(">1,140</text>"), "the total is written above the marker")
    }

    func testOnARiskPointsScaleTheBestTierIsStillOnTheRight() {
        let ladder = Self.ladders["health-code"]!
        let layout = LadderSVG.Layout(ladder: ladder, tiersBestLast: ladder.tiers, total: 2)
        let order = layout.spans.sorted { $0.from < $1.from }.map(\.tier.name)
        XCTAssertEqual(order, ["red", "yellow", "green"])
        // Fewer risk points sit further right.
        XCTAssertGreaterThan(layout.fraction(of: 0)!, layout.fraction(of: 2)!)
    }

    func testTheWaterfallHasABarPerContributionBetweenStartAndTotalAndHatchesIllustrativeOnes() throws {
        let score = ReportFixture.report.scores[0]
        let svg = WaterfallSVG.render(score: score, t: .english)
        let withDelta = score.contributions.filter { $0.delta != nil }
        XCTAssertEqual(svg.components(separatedBy: "<g class=\"row").count - 1, withDelta.count + 2)
        let illustrative = withDelta.filter { $0.basis == .illustrative }.count
        XCTAssertEqual(svg.components(separatedBy: "fill:url(#hatch-").count - 1, illustrative)
        let illustrativeGains = withDelta.filter { $0.basis == .illustrative && ($0.delta ?? 0) > 0 }.count
        XCTAssertEqual(svg.components(separatedBy: "fill:url(#hatch-up-").count - 1, illustrativeGains, "a gain is hatched green, not red")
        XCTAssertTrue(svg.contains(">Start</text>") && svg.contains(">Total</text>"))
    }

    func testTheTimelineHasARowPerFindingWithMonthsAndOutlinesTheFirstMonth() throws {
        var report = ReportFixture.report
        report.findings[0].months = ["2024-01": 4, "2024-02": 10]
        report.findings[1].months = ["2024-02": 3]
        let drawn = try XCTUnwrap(TimelineSVG.render(findings: report.findings, t: .english))
        XCTAssertEqual(drawn.svg.components(separatedBy: "class=\"cell").count - 1, 3)
        XCTAssertEqual(drawn.svg.components(separatedBy: " first\"").count - 1, 2, "one first month per row")
        XCTAssertTrue(drawn.svg.contains("2024-02: 10 records"))
        XCTAssertEqual(drawn.monthsLeftOut, 0)
    }

    func testTheTimelineDrawsAtMostSixtyMonthsAndCountsTheRest() throws {
        var report = ReportFixture.report
        var months: [String: Int] = [:]
        for year in 2015...2024 { for month in 1...12 { months[String(format: "%04d-%02d", year, month)] = 1 } }
        report.findings[0].months = months
        let drawn = try XCTUnwrap(TimelineSVG.render(findings: [report.findings[0]], t: .english))
        XCTAssertEqual(drawn.svg.components(separatedBy: "class=\"cell").count - 1, 60)
        XCTAssertEqual(drawn.monthsLeftOut, 60)
    }

    func testTheMapRoundsPlacesToThePrecisionTheirFindingStates() throws {
        let home = Finding(attribute: "mobility.home", title: "Home location", sensitivity: .location, confidence: 0.9, count: 2,
                           firstSeen: nil, lastSeen: nil, rules: ["location.home"], sources: ["google.location_records"], evidence: [
                               Evidence(path: "Records.json", locator: "record 2", time: nil, excerpt: "53.44513, -2.23009", rule: "location.home",
                                        latitude: 53.44513, longitude: -2.23009),
                               Evidence(path: "Records.json", locator: "record 3", time: nil, excerpt: "53.44494, -2.22986", rule: "location.home",
                                        latitude: 53.44494, longitude: -2.22986),
                           ])
        let casino = Finding(attribute: "finance.gambling", title: "Gambling", sensitivity: .financial, confidence: 0.9, count: 1,
                             firstSeen: nil, lastSeen: nil, rules: ["places.casino"], sources: ["google.semantic_location"], evidence: [
                                 Evidence(path: "2025_MAY.json", locator: "record 0", time: nil, excerpt: "Casino", rule: "places.casino",
                                          latitude: 53.47716, longitude: -2.24789),
                             ])
        let svg = try XCTUnwrap(PlacesMapSVG.render(findings: [home, casino], outlines: CountryOutlines(countries: []), t: .english))
        // Both home records fall in one 0.005° cell: one dot, two records.
        XCTAssertEqual(svg.components(separatedBy: "class=\"place home\"").count - 1, 1)
        XCTAssertTrue(svg.contains("home · 53.445, -2.230 · Home location · 2 records"), svg)
        XCTAssertTrue(svg.contains("sensitive place · 53.48, -2.25 · Gambling · 1 record"), svg)
        XCTAssertFalse(svg.contains("53.44513") || svg.contains("53.47716"), "no coordinate is drawn at the precision it was recorded")
    }

    func testTheMapIsLeftOutWhenNoEvidenceHasAPosition() {
        XCTAssertNil(PlacesMapSVG.render(findings: ReportFixture.report.findings, outlines: CountryOutlines(countries: []), t: .english))
        XCTAssertTrue(render().contains(Localizer.english("html.map.none")))
    }

    func testWaysOutAreOrderedByTiersGainedAndNameTheAttributesByTitle() {
        let context = DossierContext(ladders: Self.ladders, waysOut: [
            "citizen-1000": [WayOut(attributes: ["finance.gambling"], records: 14, tier: "AAA", total: 1200, tiersGained: 1)],
            "health-score": [WayOut(attributes: ["health.alcohol"], records: 3, tier: "above-start", total: 60, tiersGained: 2)],
        ])
        let html = render(context: context)
        let table = html.components(separatedBy: "<table class=\"ways\">")[1].components(separatedBy: "</table>")[0]
        let alcohol = table.range(of: "health.alcohol")?.lowerBound ?? table.range(of: "3 records")!.lowerBound
        let gambling = table.range(of: "14 records")!.lowerBound
        XCTAssertLessThan(alcohol, gambling, "two tiers gained comes before one")
        XCTAssertTrue(table.contains("1,200 · AAA"))
    }

    func testTheSourceFilterOffersEverySourceOfTheFindingsAndRowsCarryTheirSource() {
        let html = render()
        for source in Set(ReportFixture.report.findings.flatMap(\.sources)) {
            XCTAssertTrue(html.contains("<option value=\"\(source)\">"), source)
        }
        XCTAssertTrue(html.contains("<tr data-source=\"bank.ofx\">"))
    }

    func testTheDossierSpeaksTheLocalizersLanguage() {
        let german = HTMLReporter(localizer: Localizer(.de), context: DossierContext(ladders: Self.ladders)).render(ReportFixture.report)
        XCTAssertTrue(german.contains("<html lang=\"de\">"))
        XCTAssertTrue(german.contains(Localizer(.de)("html.heading")))
        XCTAssertNotEqual(Localizer(.de)("html.heading"), Localizer.english("html.heading"))
    }

    func testCountryOutlinesParseAndABadLineIsNamed() throws {
        let parsed = try CountryOutlines.parse("# comment\nGB\t-50,500 10,500 10,560 -50,560\n", file: "o.tsv")
        XCTAssertEqual(parsed.countries.map(\.code), ["GB"])
        XCTAssertEqual(parsed.countries[0].rings[0][1].longitude, 1.0)
        XCTAssertThrowsError(try CountryOutlines.parse("GB\t-50,500 10,x\n", file: "o.tsv")) { error in
            XCTAssertTrue("\(error)".hasPrefix("o.tsv:1: bad point '10,x'"), "\(error)")
        }
        XCTAssertThrowsError(try CountryOutlines.parse("\nGBR\t1,1 2,2 3,3\n", file: "o.tsv")) { error in
            XCTAssertTrue("\(error)".hasPrefix("o.tsv:2:"), "\(error)")
        }
    }
}
