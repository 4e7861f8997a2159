import Foundation
import Localization
@testable import Reports
import StewardCore
import XCTest

/// A finding's value given as data (`valueParts`) is said in the report's language, survives
/// the JSON report (which is also how scans are stored), and a value given only as English text
/// (a rule's, or a scan stored before values were data) is still shown (docs/i18n.md, "Values
/// of findings").
final class FindingValueReportTests: XCTestCase {
    private static let lateBills = [FindingValuePart("value.late_bills", ["count": .integer(3)])]
    private static let workplace = [
        FindingValuePart("value.place.center", ["coordinates": .text("52.520, 13.405"), "cell": .decimal(0.005, fractionDigits: 3),
                                                "northSouth": .integer(556), "eastWest": .integer(339)]),
        FindingValuePart("value.place.day_records", ["records": .integer(1204), "count": .integer(1310)]),
        FindingValuePart("value.place.from_home", ["km": .decimal(3.94, fractionDigits: 1)]),
    ]

    private func report(valueParts: [FindingValuePart]?, value: String?) -> ScanReport {
        var report = ReportFixture.report
        report.findings = [Finding(attribute: "finance.late_bills", title: "Late bills", sensitivity: .financial, confidence: 0.9,
                                   count: 3, firstSeen: nil, lastSeen: nil, rules: ["finance.late_bills.fees"], sources: ["bank.csv"],
                                   value: value, evidence: [], valueParts: valueParts)]
        return report
    }

    func testGermanReportsSayTheValueFromItsPartsNotTheStoredEnglishText() {
        let report = report(valueParts: Self.lateBills, value: "3 late bills")
        let t = Localizer(.de)
        for text in [TerminalReporter(color: false, width: 200, localizer: t).render(report),
                     MarkdownReporter(localizer: t).render(report), HTMLReporter(localizer: t).render(report)] {
            XCTAssertTrue(text.contains("3 verspätete Rechnungen"), text)
            XCTAssertFalse(text.contains("3 late bills"), text)
        }
    }

    func testArgumentsAreWrittenAsTheLanguageWritesNumbersButCoordinatesKeepTheirPoint() {
        XCTAssertEqual(Localizer(.de).findingValue(Self.workplace),
                       "52.520, 13.405 (3 × 3 Zellen zu 0,005°, jede ≈ 556 m × 339 m); "
                       + "1.204 von 1.310 Datensätzen tagsüber an Werktagen; 3,9 km von zu Hause")
        XCTAssertEqual(Localizer.english.findingValue(Self.workplace),
                       "52.520, 13.405 (3 × 3 cells of 0.005°, each ≈ 556 m × 339 m); "
                       + "1,204 of 1,310 weekday daytime records; 3.9 km from home")
    }

    func testPluralFormFollowsTheCountArgumentInRussian() {
        let t = Localizer(.ru)
        XCTAssertEqual(t.findingValue([FindingValuePart("value.late_bills", ["count": .integer(1)])]), "1 счёт оплачен с опозданием")
        XCTAssertEqual(t.findingValue([FindingValuePart("value.late_bills", ["count": .integer(3)])]), "3 счёта оплачены с опозданием")
        XCTAssertEqual(t.findingValue([FindingValuePart("value.late_bills", ["count": .integer(5)])]), "5 счетов оплачены с опозданием")
    }

    func testListsUseTheLanguagesSeparatorAndUnitsTheirTranslation() {
        let travel = [FindingValuePart("value.travel.countries", ["countries": .list([
            FindingValuePart("value.travel.country", ["country": .text("ES"), "count": .integer(21)]),
            FindingValuePart("value.travel.country", ["country": .text("FR"), "count": .integer(4)]),
        ])])]
        XCTAssertEqual(Localizer(.zh).findingValue(travel), "ES（21）、FR（4）")
        XCTAssertEqual(Localizer(.fr).findingValue(travel), "ES (21), FR (4)")
        let steps = [FindingValuePart("value.daily.days", ["qualifying": .integer(2), "count": .integer(14),
                                                           "threshold": .decimal(15000, fractionDigits: 0), "unit": .unit("steps")])]
        XCTAssertEqual(Localizer(.es).findingValue(steps), "2 de 14 días con al menos 15.000 pasos")
        // A unit the catalog does not know is written as the rules name it.
        let furlongs = [FindingValuePart("value.daily.days", ["qualifying": .integer(2), "count": .integer(14),
                                                              "threshold": .decimal(3, fractionDigits: 0), "unit": .unit("furlongs")])]
        XCTAssertEqual(Localizer.english.findingValue(furlongs), "2 of 14 days with at least 3 furlongs")
    }

    func testJSONReportCarriesThePartsAndTheyDecodeToTheSameParts() throws {
        let parts = Self.workplace + [FindingValuePart("value.travel.countries", ["countries": .list([
            FindingValuePart("value.travel.country", ["country": .text("ES"), "count": .integer(21)])])])]
        let json = JSONReporter().render(report(valueParts: parts, value: "English text"))
        let decoded = try JSONDecoder().decode(ScanReport.self, from: Data(json.utf8))
        XCTAssertEqual(decoded.findings.first?.valueParts, parts)
        XCTAssertEqual(decoded.findings.first?.value, "English text")
        let compact = json.filter { !$0.isWhitespace }
        XCTAssertTrue(compact.contains(#""valueParts":[{"key":"value.place.center","arguments":{"cell":{"decimal":0.005,"fractionDigits":3}"#),
                      json)
    }

    func testAValueWithoutPartsIsShownAsItsEnglishText() {
        let report = report(valueParts: nil, value: "2000-3000 EUR/month")
        let text = TerminalReporter(color: false, width: 200, localizer: Localizer(.de)).render(report)
        XCTAssertTrue(text.contains("Wert 2000-3000 EUR/month"), text)
        XCTAssertFalse(JSONReporter().render(report).contains("valueParts"))
    }
}
