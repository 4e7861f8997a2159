import XCTest
@testable import StewardCore

final class MoneyTests: XCTestCase {
    private func assertParses(_ text: String, _ units: Int64, _ scale: Int, separator: UInt8? = nil,
                              file: StaticString = #filePath, line: UInt = #line) {
        guard let money = Money.parse(text, decimalSeparator: separator) else {
            return XCTFail("\(text) did not parse", file: file, line: line)
        }
        XCTAssertEqual(money.units, units, "units of \(text)", file: file, line: line)
        XCTAssertEqual(money.scale, scale, "scale of \(text)", file: file, line: line)
    }

    func testPlainAndSignedForms() {
        assertParses("-1234.56", -123_456, 2)
        assertParses("1234.56", 123_456, 2)
        assertParses("+1,23", 123, 2)
        assertParses("0.01", 1, 2)
        assertParses("-0,42", -42, 2)
        assertParses("42", 42, 0)
        assertParses(".50", 50, 2)
        assertParses("-.5", -5, 1)
        assertParses("0.125", 125, 3)
    }

    func testGroupingForms() {
        assertParses("1.234,56", 123_456, 2)
        assertParses("-1.234,56", -123_456, 2)
        assertParses("1,234.56", 123_456, 2)
        assertParses("1 234,56", 123_456, 2)
        assertParses("1\u{00A0}234,56", 123_456, 2)
        assertParses("1\u{202F}234,56", 123_456, 2)
        assertParses("1'234.50", 123_450, 2)
        assertParses("1\u{2019}234.50", 123_450, 2)
        assertParses("1.234.567", 1_234_567, 0)
        assertParses("1,234,567.89", 123_456_789, 2)
        assertParses("1,23,456.00", 12_345_600, 2) // Indian lakh grouping
        assertParses("-1.001,00", -100_100, 2)
    }

    func testNegativeNotations() {
        assertParses("(12.00)", -1200, 2)
        assertParses("12.00-", -1200, 2)
        assertParses("\u{2212}5.00", -500, 2)
        assertParses("- 3,10", -310, 2)
    }

    func testCurrencyTextAroundTheNumber() {
        assertParses("EUR 12,00", 1200, 2)
        assertParses("12.00 €", 1200, 2)
        assertParses("$1,234.50", 123_450, 2)
        assertParses("-1 234,50 руб.", -123_450, 2)
        XCTAssertEqual(Money.parse("9.99", currency: "USD")?.currency, "USD")
    }

    func testLoneSeparatorWithThreeDigitsIsGroupingUnlessTold() {
        assertParses("1.234", 1234, 0)
        assertParses("1,234", 1234, 0)
        assertParses("1.234", 1234, 3, separator: UInt8(ascii: "."))
        assertParses("1.234", 1234, 0, separator: UInt8(ascii: ","))
        assertParses("1,5", 15, 1, separator: UInt8(ascii: ","))
    }

    func testExplicitSeparatorRejectsContradictions() {
        XCTAssertNil(Money.parse("1,23", decimalSeparator: UInt8(ascii: ".")))
        XCTAssertNil(Money.parse("1.234,56", decimalSeparator: UInt8(ascii: ".")))
        assertParses("1.234,56", 123_456, 2, separator: UInt8(ascii: ","))
    }

    func testALoneGroupingMarkNeedsOneToThreeDigitsBeforeItAndThreeAfter() {
        XCTAssertNil(Money.parse("1.2345", decimalSeparator: UInt8(ascii: ",")))
        XCTAssertNil(Money.parse("1234.567", decimalSeparator: UInt8(ascii: ",")))
        XCTAssertNil(Money.parse("12,5", decimalSeparator: UInt8(ascii: ".")))
        assertParses("123.456", 123_456, 0, separator: UInt8(ascii: ","))
        assertParses("0.500", 500, 3)
        assertParses("-16,10", -1610, 2, separator: UInt8(ascii: ","))
    }

    func testRejectsWhatIsNotOneAmount() {
        for bad in ["", "   ", "EUR", "12-34", "1.2.3", "1,2,3.4", "12 EUR 5", "--5", "(5", "5)",
                    "1,2345,67", "1234567890123456789", "-(5)"] {
            XCTAssertNil(Money.parse(bad), "\(bad) should not parse")
        }
    }

    func testEighteenDigitsStillFit() {
        assertParses("999999999999999999", 999_999_999_999_999_999, 0)
        assertParses("0000000000000000000001.5", 15, 1)
    }

    func testGenericCollectionInputs() {
        let bytes: [UInt8] = Array("x;-7,25;y".utf8)
        XCTAssertEqual(Money.parse(bytes[2..<7])?.units, -725)
        XCTAssertEqual(Money.parse(AnyCollection(Array("3.10".utf8)))?.units, 310)
    }

    func testExactArithmeticHelpers() {
        let a = Money.parse("0.1")!, b = Money.parse("0.10")!
        XCTAssertEqual(a.compare(b), 0)
        XCTAssertEqual(Money.parse("-1234.5")!.decimalString, "-1234.5")
        XCTAssertEqual(Money(units: 5, scale: 2).decimalString, "0.05")
    }
}
