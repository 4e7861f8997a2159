import XCTest
@testable import Localization

final class LanguageChoiceTests: XCTestCase {
    func testLangOptionWinsOverTheEnvironment() throws {
        XCTAssertEqual(try Language.choose(explicit: "fr", environment: ["LC_ALL": "de_DE.UTF-8"]), .fr)
    }

    func testLocaleNamesMapToTheirLanguage() {
        XCTAssertEqual(Language(localeName: "de_DE.UTF-8"), .de)
        XCTAssertEqual(Language(localeName: "zh_CN"), .zh)
        XCTAssertEqual(Language(localeName: "zh_TW.Big5"), .zh)
        XCTAssertEqual(Language(localeName: "zh-Hans"), .zh)
        XCTAssertEqual(Language(localeName: "fr_CA@euro"), .fr)
        XCTAssertEqual(Language(localeName: "ru"), .ru)
        XCTAssertEqual(Language(localeName: "C"), .en)
        XCTAssertEqual(Language(localeName: "POSIX"), .en)
        XCTAssertEqual(Language(localeName: "C.UTF-8"), .en)
        XCTAssertNil(Language(localeName: "it_IT.UTF-8"))
    }

    func testFirstSetVariableWinsInPosixOrder() throws {
        XCTAssertEqual(try Language.choose(explicit: nil, environment: ["LANG": "ru_RU.UTF-8", "LC_MESSAGES": "es_ES"]), .es)
        XCTAssertEqual(try Language.choose(explicit: nil, environment: ["LANG": "ru_RU.UTF-8", "LC_ALL": "zh_CN.UTF-8",
                                                                    "LC_MESSAGES": "es_ES"]), .zh)
        XCTAssertEqual(try Language.choose(explicit: nil, environment: ["LANG": "de_DE.UTF-8", "LC_ALL": ""]), .de)
    }

    func testUnsupportedOrMissingLocaleIsEnglish() throws {
        XCTAssertEqual(try Language.choose(explicit: nil, environment: ["LC_ALL": "it_IT.UTF-8", "LANG": "de_DE"]), .en)
        XCTAssertEqual(try Language.choose(explicit: nil, environment: [:]), .en)
        XCTAssertEqual(try Language.choose(explicit: nil, environment: ["LANG": "C"]), .en)
    }

    func testUnknownLangOptionIsAnErrorNamingTheChoices() {
        XCTAssertThrowsError(try Language.choose(explicit: "klingon", environment: [:])) { error in
            XCTAssertEqual("\(error)", "--lang klingon: no such language (available: en, de, fr, es, ru, zh)")
        }
    }
}

final class PluralCategoryTests: XCTestCase {
    func testEnglishGermanSpanishHaveOneForOneOnly() {
        for language in [Language.en, .de, .es] {
            XCTAssertEqual(PluralCategory.of(1, in: language), .one)
            XCTAssertEqual(PluralCategory.of(0, in: language), .other)
            XCTAssertEqual(PluralCategory.of(2, in: language), .other)
            XCTAssertEqual(PluralCategory.of(21, in: language), .other)
        }
    }

    func testFrenchHasOneForZeroAndOne() {
        XCTAssertEqual(PluralCategory.of(0, in: .fr), .one)
        XCTAssertEqual(PluralCategory.of(1, in: .fr), .one)
        XCTAssertEqual(PluralCategory.of(2, in: .fr), .other)
    }

    func testRussianOneFewMany() {
        let expected: [(Int, PluralCategory)] = [(1, .one), (21, .one), (101, .one), (11, .many), (2, .few), (4, .few),
                                                (22, .few), (12, .many), (14, .many), (5, .many), (0, .many), (25, .many),
                                                (111, .many), (1001, .one)]
        for (n, category) in expected { XCTAssertEqual(PluralCategory.of(n, in: .ru), category, "\(n)") }
    }

    func testChineseIsAlwaysOther() {
        for n in [0, 1, 2, 5, 21] { XCTAssertEqual(PluralCategory.of(n, in: .zh), .other) }
    }
}

final class NumberAndDateStyleTests: XCTestCase {
    func testDecimalAndGroupingSeparatorsPerLanguage() {
        let cases: [(Language, String, String)] = [
            (.en, "1,234.5", "12,345.6"), (.de, "1.234,5", "12.345,6"), (.fr, "1\u{202F}234,5", "12\u{202F}345,6"),
            (.es, "1234,5", "12.345,6"), (.ru, "1\u{00A0}234,5", "12\u{00A0}345,6"), (.zh, "1,234.5", "12,345.6"),
        ]
        for (language, small, large) in cases {
            let t = Localizer(language, catalog: Catalog(language: language, entries: [:]), english: Catalog(language: .en, entries: [:]))
            XCTAssertEqual(t.number(1234.5, fractionDigits: 1), small, "\(language)")
            XCTAssertEqual(t.number(12345.6, fractionDigits: 1), large, "\(language)")
        }
    }

    func testWholeNumbersGroupAndKeepTheirSign() {
        XCTAssertEqual(NumberStyle.of(.en).format(9532), "9,532")
        XCTAssertEqual(NumberStyle.of(.en).format(-1234567), "-1,234,567")
        XCTAssertEqual(NumberStyle.of(.en).format(999), "999")
        XCTAssertEqual(NumberStyle.of(.es).format(9532), "9532")
        XCTAssertEqual(NumberStyle.of(.de).format(Int.min), "-9.223.372.036.854.775.808")
    }

    func testFractionsRoundHalfAwayFromZeroAndPad() {
        XCTAssertEqual(NumberStyle.of(.en).format(0.9, fractionDigits: 2), "0.90")
        XCTAssertEqual(NumberStyle.of(.de).format(-2.345, fractionDigits: 1), "-2,3")
        XCTAssertEqual(NumberStyle.of(.en).format(-0.001, fractionDigits: 2), "0.00")
        XCTAssertEqual(NumberStyle.of(.en).format(Double.nan, fractionDigits: 2), "?")
    }

    func testDatesPerLanguageAndEnglishKeepsISO() {
        XCTAssertEqual(DateStyle.format("2024-03-05", in: .en), "2024-03-05")
        XCTAssertEqual(DateStyle.format("2024-03-05T09:30:00Z", in: .en), "2024-03-05T09:30:00Z")
        XCTAssertEqual(DateStyle.format("2024-03-05", in: .de), "05.03.2024")
        XCTAssertEqual(DateStyle.format("2024-03-05T09:30:00Z", in: .ru), "05.03.2024 09:30 UTC")
        XCTAssertEqual(DateStyle.format("2024-03-05T09:30:00Z", in: .fr), "05/03/2024 09:30 UTC")
        XCTAssertEqual(DateStyle.format("2024-03-05", in: .es), "05/03/2024")
        XCTAssertEqual(DateStyle.format("2024-03-05T09:30:00Z", in: .zh), "2024年3月5日 09:30 UTC")
        XCTAssertEqual(DateStyle.format("yesterday", in: .de), "yesterday")
    }
}

final class LocalizerLookupTests: XCTestCase {
    private let english = Catalog(language: .en, entries: [
        "greeting": .text("Hello {name}"),
        "only.english": .text("Only in English"),
        "records": .plural([.one: "{count} record", .other: "{count} records"]),
    ])
    private let russian = Catalog(language: .ru, entries: [
        "greeting": .text("Привет, {name}"),
        "records": .plural([.one: "{count} запись", .few: "{count} записи", .many: "{count} записей", .other: "{count} записи"]),
    ])

    func testPlaceholdersAreFilledAndUnknownOnesKept() {
        let t = Localizer(.ru, catalog: russian, english: english)
        XCTAssertEqual(t("greeting", ["name": "Ана"]), "Привет, Ана")
        XCTAssertEqual(t("greeting"), "Привет, {name}")
    }

    func testMissingStringFallsBackToEnglishThenToTheKey() {
        let t = Localizer(.ru, catalog: russian, english: english)
        XCTAssertEqual(t("only.english"), "Only in English")
        XCTAssertEqual(t("no.such.key"), "no.such.key")
    }

    func testPluralPicksTheLanguagesFormAndFormatsTheCount() {
        let t = Localizer(.ru, catalog: russian, english: english)
        XCTAssertEqual(t.plural("records", 1), "1 запись")
        XCTAssertEqual(t.plural("records", 3), "3 записи")
        XCTAssertEqual(t.plural("records", 9532), "9\u{00A0}532 записи")
        XCTAssertEqual(t.plural("records", 11), "11 записей")
        let en = Localizer(.en, catalog: english, english: english)
        XCTAssertEqual(en.plural("records", 1), "1 record")
        XCTAssertEqual(en.plural("records", 0), "0 records")
    }

    func testRuleTextsTranslateByIdAndByEnglishText() {
        let texts = RuleTexts(english: [
            "attributes.finance.loans.title": "Borrowing",
            "models.citizen-1000.title": "Municipal citizen score",
            "models.citizen-1000.tiers.AAA.label": "exemplary",
            "models.citizen-1000.tiers.D.consequences.1": "no loans [SEED]",
        ], translated: [
            "attributes.finance.loans.title": "Kredite",
            "models.citizen-1000.tiers.D.consequences.1": "keine Kredite [SEED]",
        ])
        let t = Localizer(.de, catalog: Catalog(language: .de, entries: [:]), english: english, ruleTexts: texts)
        XCTAssertEqual(t.attributeTitle("finance.loans"), "Kredite")
        XCTAssertEqual(t.attributeTitle("finance.unknown"), "finance.unknown")
        XCTAssertEqual(t.modelName("citizen-1000"), "Municipal citizen score")
        XCTAssertEqual(t.tier("citizen-1000", "AAA"), "exemplary")
        XCTAssertNil(t.tier("citizen-1000", "B"))
        XCTAssertEqual(t.modelText("citizen-1000", "no loans [SEED]"), "keine Kredite [SEED]")
        XCTAssertEqual(t.modelText("citizen-1000", "a note made at run time"), "a note made at run time")
        XCTAssertEqual(texts.missing, ["models.citizen-1000.tiers.AAA.label", "models.citizen-1000.title"])
    }
}

final class ProgramCatalogTests: XCTestCase {
    func testEveryCompiledInCatalogParses() throws {
        XCTAssertTrue(ProgramCatalogs.languages.contains(.en))
        for language in ProgramCatalogs.languages {
            XCTAssertNoThrow(try ProgramCatalogs.load(language), "\(language)")
        }
    }

    func testCompiledInCatalogsMatchTheFilesInTheRepository() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for language in ProgramCatalogs.languages {
            let file = root.appendingPathComponent("Sources/Localization/Catalog/\(language.rawValue).yaml")
            XCTAssertEqual(ProgramCatalogs.source(language), try String(contentsOf: file, encoding: .utf8),
                           "\(language.rawValue).yaml: the binary's copy is stale; rebuild")
        }
    }

    func testEnglishCatalogGivesTheRecordsPlural() {
        XCTAssertEqual(Localizer(.en).plural("count.records", 1), "1 record")
        XCTAssertEqual(Localizer(.en).plural("count.records", 9532), "9,532 records")
    }
}
