import Foundation
import XCTest
import StewardCore
@testable import Rules

/// The `card_points` analyzer (rules/analyzers/card-points.yaml, docs/analyzers/card_points.md):
/// merchant names normalised across booking styles, points as shop × calendar day, the bound on
/// the set of points, merges across sessions and the illustrative average per 3 months.
final class CardPointsAnalyzerTests: XCTestCase {
    private func ruleSet() throws -> RuleSet { try RuleSetExamplesTests.loaded.get() }

    private var line = 0
    private func debit(_ date: String, text: String? = nil, counterparty: String? = nil, amount: String = "-10.00",
                       mcc: Int? = nil, code: String? = nil, source: String = "bank.csv") -> Event {
        line += 1
        var money = Money.parse(amount, decimalSeparator: UInt8(ascii: "."))!
        money.currency = "EUR"
        return Event(source: source, kind: .transaction, time: Timestamp.parseISO8601(Array(date.utf8)), text: text,
                     counterparty: counterparty, amount: money, mcc: mcc, code: code, position: .line(line))
    }

    private func analyzer(_ set: RuleSet) throws -> CardPointsAnalyzer {
        let definition = try XCTUnwrap(set.analyzers.first { $0 is CardPointsDefinition })
        return try XCTUnwrap(definition.makeAnalyzer(ruleSet: set) as? CardPointsAnalyzer)
    }

    private func finding(_ events: [Event], sessions: Int = 1) throws -> Finding? {
        let set = try ruleSet()
        let all = (0..<sessions).map { _ in InferenceSession(ruleSet: set) }
        for (i, event) in events.enumerated() { all[i % sessions].process(event, path: "statement.csv") }
        for other in all.dropFirst() { all[0].merge(other) }
        return all[0].findings().first { $0.attribute == "mobility.shopping_trail" }
    }

    func testBookingPrefixesDatesStoreNumbersAndMaskedCardNumbersAreNotPartOfTheShop() throws {
        let card = try analyzer(try ruleSet())
        for text in ["CARD PAYMENT TO TESCO STORES 3021 ON 04 MAR", "Tesco Stores 05/03", "TESCO STORES", "POS TESCO STORES 1182"] {
            XCTAssertEqual(card.merchantKey(text), "tesco stores", text)
        }
        XCTAssertEqual(card.merchantKey("CARTE X4821 01/03 CARREFOUR CITY LYON 7"), "carrefour city lyon")
        XCTAssertEqual(card.merchantKey("COMPRA TARJ. 4B12 MERCADONA VALENCIA RUZAFA"), "mercadona valencia ruzafa")
        XCTAssertEqual(card.merchantKey("Kartenzahlung girocard REWE Markt Berlin am 02.01."), "rewe markt berlin")
        XCTAssertEqual(card.merchantKey("Оплата картой Пятёрочка 1234"), "пятерочка")
        XCTAssertEqual(card.merchantKey("PAYPAL *NETFLIX 4029357733"), "paypal netflix")
        XCTAssertEqual(card.merchantKey("瑞幸咖啡"), "瑞幸咖啡")
        XCTAssertEqual(card.merchantKey("CARD PAYMENT 0412 12/03"), "", "nothing but the phrase and numbers")
    }

    func testAShopOnOneDayIsOnePointAndOnAnotherDayAnother() throws {
        let events = [
            debit("2024-03-04", text: "CARD PAYMENT TO PRET A MANGER ON 04 MAR"),
            debit("2024-03-04", text: "CARD PAYMENT TO PRET A MANGER ON 04 MAR", amount: "-3.10"),
            debit("2024-03-04", counterparty: "Pret A Manger", mcc: 5814),
            debit("2024-03-05", text: "CARD PAYMENT TO PRET A MANGER ON 05 MAR"),
            debit("2024-03-05", text: "CARD PAYMENT TO BOOTS 1143 ON 05 MAR"),
            debit("2024-03-06", counterparty: "WATERSTONES", mcc: 5942),
        ]
        let found = try XCTUnwrap(try finding(events))
        XCTAssertEqual(found.valueParts?.first, FindingValuePart("value.card_points.points", ["count": .integer(4)]))
        XCTAssertEqual(found.valueParts?[1], FindingValuePart("value.card_points.shops", ["count": .integer(3)]))
        XCTAssertEqual(found.valueParts?[2], FindingValuePart("value.card_points.days", ["count": .integer(3)]))
        XCTAssertEqual(found.count, 4, "the count is the distinct points (a payment two inputs deliver is one point)")
        XCTAssertEqual(found.firstSeen, "2024-03-04")
        XCTAssertEqual(found.lastSeen, "2024-03-06")
        XCTAssertEqual(found.evidence.count, 4, "one payment per point")
    }

    /// The shop of a line is remembered by the text before its first digit only when the name
    /// ended at that digit's word: lines that differ from their first digit on are one shop,
    /// lines whose name comes after the digits are not, whatever came first.
    func testTheTextBeforeTheFirstDigitNamesTheShopOnlyWhenTheNameEndedThere() throws {
        let card = try analyzer(try ruleSet())
        let lines = [
            "REWE Markt GmbH Berlin//Berlin/DE 2025-03-01T11:44:53 KFN 2 VJ 2812 Folgenr. 849",
            "REWE Markt GmbH Berlin//Berlin/DE 2025-03-01T17:02:11 KFN 0 VJ 2812 Folgenr. 113",
            "CARTE X4821 01/03 CARREFOUR CITY LYON",
            "CARTE X4821 01/03 MONOPRIX LYON",
            "CARTE X4821 01/03 CARREFOUR CITY LYON",
        ]
        for text in lines { card.observe(debit("2025-03-01", text: text, code: "Kartenzahlung"), path: "a.csv") }
        XCTAssertEqual(card.payments, 5)
        XCTAssertEqual(card.shops.count, 3, "REWE twice, Carrefour twice, Monoprix once")
        for text in lines { XCTAssertEqual(card.merchantKey(text).isEmpty, false, text) }
        XCTAssertEqual(card.merchantKey(lines[3]), "monoprix lyon")
    }

    func testTransfersCardBillsCashAndRefundsAreNotPoints() throws {
        let events = [
            debit("2024-03-01", text: "STANDING ORDER TO J SMITH RENT", amount: "-650.00"),
            debit("2024-03-02", text: "CREDIT CARD PAYMENT BARCLAYCARD", amount: "-300.00"),
            debit("2024-03-03", text: "ATM WITHDRAWAL HSBC", amount: "-50.00", mcc: 6011),
            debit("2024-03-04", text: "CARD PAYMENT TO BOOTS 1143 ON 04 MAR", amount: "4.99"),
            debit("2024-03-05", text: "Umbuchung eigenes Konto", amount: "-100.00", code: "POS"),
        ]
        let card = try analyzer(try ruleSet())
        for event in events { card.observe(event, path: "a.csv") }
        XCTAssertEqual(card.payments, 0)
        XCTAssertTrue(card.points.isEmpty)
    }

    func testPaymentAppBillsCountEveryPaymentAndOtherSourcesNeedACardMarker() throws {
        let card = try analyzer(try ruleSet())
        card.observe(debit("2024-05-01T12:00:00+08:00", text: "午餐", counterparty: "瑞幸咖啡", source: "bank.alipay"), path: "a.csv")
        card.observe(debit("2024-05-01", text: "Lastschrift Stadtwerke", source: "bank.csv"), path: "b.csv")
        XCTAssertEqual(card.payments, 1)
    }

    func testTheDayIsTheCalendarDayOnTheExportsClock() throws {
        // 23:30 in Beijing on 1 May is 15:30 UTC; 00:30 on 2 May is 16:30 UTC on 1 May.
        let card = try analyzer(try ruleSet())
        card.observe(debit("2024-05-01T23:30:00+08:00", counterparty: "全家便利店", source: "bank.wechatpay"), path: "a")
        card.observe(debit("2024-05-02T00:30:00+08:00", counterparty: "全家便利店", source: "bank.wechatpay"), path: "a")
        XCTAssertEqual(card.points.count, 2)
    }

    func testMergedSessionsGiveTheSameFindingAsOne() throws {
        var events: [Event] = []
        for day in 1...28 {
            for shop in ["REWE", "dm-drogerie markt", "Bäckerei Weingarten"] where (day + shop.count) % 3 != 0 {
                events.append(debit(String(format: "2024-02-%02d", day), text: "Kartenzahlung \(shop) \(day).02.", code: "Kartenzahlung"))
            }
        }
        let single = try XCTUnwrap(try finding(events))
        let merged = try XCTUnwrap(try finding(events, sessions: 3))
        XCTAssertEqual(merged.englishValue, single.englishValue)
        XCTAssertEqual(merged.count, single.count)
        XCTAssertEqual(merged.evidence.map(\.locator), single.evidence.map(\.locator))
        XCTAssertEqual(merged.firstSeen, single.firstSeen)
        XCTAssertEqual(merged.lastSeen, single.lastSeen)
    }

    func testMoreThanThreeMonthsAddsTheIllustrativeAveragePerStudyWindowAndThreeMonthsDoNot() throws {
        let short = (1...4).map { debit(String(format: "2024-01-%02d", $0 * 7), counterparty: "SHOP \(["A", "B", "C", "D"][$0 - 1])", mcc: 5411) }
        XCTAssertFalse(try XCTUnwrap(try finding(short)).valueParts!.contains { $0.key == "value.card_points.per_study_window" })
        // 182 points over 182 days (one a day): 91 per 3 months.
        var long: [Event] = []
        var time = Timestamp(year: 2024, month: 1, day: 1)!
        for _ in 0..<182 {
            long.append(Event(source: "bank.ofx", kind: .transaction, time: time, counterparty: "EDEKA",
                              amount: Money(units: -500, scale: 2), mcc: 5411, position: .line(Int(time.epochSeconds / 86_400))))
            time = Timestamp(epochSeconds: time.epochSeconds + 86_400)
        }
        let parts = try XCTUnwrap(try finding(long)?.valueParts)
        XCTAssertEqual(parts.last, FindingValuePart("value.card_points.per_study_window", ["count": .integer(91)]))
        XCTAssertTrue(try XCTUnwrap(try finding(long)?.englishValue).hasSuffix("(steward's average over your period: illustrative)"))
    }

    func testPastMaxPointsTheCountsStopAndTheValueSaysAtLeast() throws {
        let real = RuleSetExamplesTests.rulesDirectory
        func copy(_ path: String) throws -> String { try String(contentsOfFile: real + "/" + path, encoding: .utf8) }
        let settings = try copy("analyzers/card-points.yaml").replacingOccurrences(of: "max_points: 200000", with: "max_points: 5")
        XCTAssertTrue(settings.contains("max_points: 5"))
        var files = ["attributes.yaml": try copy("attributes.yaml"), "analyzers/card-points.yaml": settings]
        for name in ["card_payments", "card_payments_decoys", "own_account_transfers"] {
            for language in ["en", "de", "fr", "es", "ru", "zh"] {
                files["lexicons/\(name).\(language).txt"] = try copy("lexicons/\(name).\(language).txt")
            }
        }
        let fixture = try RuleDirectoryFixture(files: files)
        let set = try RuleSet.load(directory: fixture.rulesDirectory)
        let card = try analyzer(set)
        for day in 1...9 { card.observe(debit(String(format: "2024-04-%02d", day), counterparty: "SHOP", mcc: 5411), path: "a") }
        XCTAssertEqual(card.points.count, 5)
        XCTAssertTrue(card.overflow)
        XCTAssertEqual(card.payments, 9, "payments are counted past the bound")
        let found = try XCTUnwrap(card.findings(evidenceLimit: 20).first)
        XCTAssertEqual(found.valueParts?.first, FindingValuePart("value.card_points.points_at_least", ["count": .integer(5)]))
        XCTAssertTrue(try XCTUnwrap(found.englishValue).hasPrefix("your card and app payments expose at least 5 distinct shop-and-day points"))
        XCTAssertEqual(found.valueParts?[2], FindingValuePart("value.card_points.days", ["count": .integer(9)]), "the period stays exact")
    }
}
