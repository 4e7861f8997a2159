import XCTest
@testable import Importers
@testable import StewardCore

/// WhatsApp "Export chat" text files, written here in the layouts phones produce.
final class WhatsAppChatTests: XCTestCase {
    private func parse(_ text: String, owners: Set<String> = []) throws -> ChunkedParseResult {
        try parseAtAllChunkSizes({ WhatsAppChatParser(ownerNames: owners) }, Array(text.utf8))
    }

    private func detect(_ text: String, name: String = "chat.txt") -> Detection? {
        WhatsAppChatImporter().detect(FileProbe(path: "/x/" + name, head: Array(text.utf8), size: nil))
    }

    func testIOSBracketedLayoutWithMarksAttachmentsAndMultiLineMessages() throws {
        let text = "[31/12/2019, 23:59:59] Ana Pérez: \u{200E}Messages and calls are end-to-end encrypted.\r\n"
            + "[01/01/2020, 00:00:05] Bob: Happy new year\r\nsecond line\r\n\r\nfourth line\r\n"
            + "\u{200E}[01/01/2020, 00:01:00] Ana Pérez: \u{200E}<attached: 00000012-PHOTO-2020-01-01-00-01-00.jpg>\r\n"
            + "[01/01/2020, 00:02:00] Bob: \u{200E}image omitted"
        let result = try parse(text, owners: ["Ana Pérez"])
        XCTAssertEqual(result.events.count, 4)
        XCTAssertEqual(result.events.map { $0.time?.iso8601 ?? "" },
                       ["2019-12-31T23:59:59", "2020-01-01T00:00:05", "2020-01-01T00:01:00", "2020-01-01T00:02:00"])
        XCTAssertEqual(result.events[1].text, "Happy new year\nsecond line\n\nfourth line")
        XCTAssertEqual(result.events[1].counterparty, "Bob")
        XCTAssertTrue(result.events[1].authoredByOthers)
        XCTAssertFalse(result.events[0].authoredByOthers, "the owner's name was given")
        XCTAssertEqual(result.events[0].text, "Messages and calls are end-to-end encrypted.", "the U+200E mark is dropped")
        XCTAssertEqual(result.events[2].code, "attachment")
        XCTAssertEqual(result.events[2].title, "00000012-PHOTO-2020-01-01-00-01-00.jpg")
        XCTAssertNil(result.events[2].text)
        XCTAssertEqual(result.events[3].title, "image omitted")
        XCTAssertEqual(result.events.map(\.position.line), [1, 2, 6, 7])
        XCTAssertTrue(result.events.allSatisfy { $0.source == "whatsapp.chat" && $0.kind == .message })
        XCTAssertTrue(result.issues.isEmpty, "\(result.issues)")
    }

    func testIOSTwelveHourClockWithNarrowNoBreakSpace() throws {
        let text = "[12/31/19, 11:59:59\u{202F}PM] Bob: late\n[1/1/20, 12:00:01\u{202F}AM] Bob: midnight\n[1/2/20, 12:30:00 PM] Bob: noon\n"
        let result = try parse(text)
        XCTAssertEqual(result.events.map { $0.time?.iso8601 ?? "" },
                       ["2019-12-31T23:59:59", "2020-01-01T00:00:01", "2020-01-02T12:30:00"])
        XCTAssertEqual(result.events[0].time?.hourOfDay, 23)
    }

    func testAndroidLayoutSystemLinesAndNoTrailingNewline() throws {
        let text = "01/30/2019, 08:49 p. m. - Jahn Doe: Lorem ipsum,\nconsectetur\n"
            + "06/20/2020, 00:08 a. m. - +12 345 578 created group \"Groupname\"\n"
            + "06/30/2020, 09:10 a. m. - You were added\n"
            + "12/20/2021, 12:10 p. m. - \u{1F913}: emoji sender\n"
            + "12/21/2021, 12:10 a. m. - John Doe:.\n"
            + "12/22/2021, 10:01 PM - John Doe: IMG-20211222-WA0001.jpg (file attached)\n"
            + "12/23/2021, 10:02 PM - John Doe: <Media omitted>\n"
            + "12/24/2021, 10:03 PM - John Doe: a: b : c"
        let result = try parse(text)
        XCTAssertEqual(result.events.count, 6, "system lines without a sender are not messages")
        XCTAssertEqual(result.events[0].time?.iso8601, "2019-01-30T20:49:00")
        XCTAssertEqual(result.events[0].text, "Lorem ipsum,\nconsectetur")
        XCTAssertEqual(result.events[1].counterparty, "\u{1F913}")
        XCTAssertEqual(result.events[1].time?.iso8601, "2021-12-20T12:10:00")
        XCTAssertEqual(result.events[2].text, ".")
        XCTAssertEqual(result.events[2].time?.hourOfDay, 0, "12 a. m. is midnight")
        XCTAssertEqual(result.events[3].title, "IMG-20211222-WA0001.jpg")
        XCTAssertEqual(result.events[4].title, "media omitted")
        XCTAssertEqual(result.events[5].text, "a: b : c", "the last message has no newline")
        XCTAssertTrue(result.events.allSatisfy(\.authoredByOthers), "without STEWARD_OWNER_NAME nobody is the owner")
    }

    func testGermanAndSpanishLayouts() throws {
        let german = "31.12.19, 23:59 - Max: Prost\n01.01.20, 9:05 vorm. - Max: Morgen\n01.01.20, 3:15 nachm. - Max: Mittag\n"
        let result = try parse(german)
        XCTAssertEqual(result.events.map { $0.time?.iso8601 ?? "" },
                       ["2019-12-31T23:59:00", "2020-01-01T09:05:00", "2020-01-01T15:15:00"])
        let spanish = "5/3/21, 10:15 p. m. - Ana: hola\n13/3/21, 1:00 a. m. - Ana: tarde\n"
        XCTAssertEqual(try parse(spanish).events.map { $0.time?.iso8601 ?? "" },
                       ["2021-03-05T22:15:00", "2021-03-13T01:00:00"], "13/3 shows the file is day first, also for 5/3 before it")
    }

    func testDayMonthOrderDefaultsFollowTheClockWhenUndecidable() throws {
        let twentyFour = try parse("01/07/2025, 12:00 - Ana: x\n02/07/2025, 13:00 - Ana: y\n")
        XCTAssertEqual(twentyFour.events.map { $0.time?.iso8601 ?? "" }, ["2025-07-01T12:00:00", "2025-07-02T13:00:00"])
        XCTAssertEqual(twentyFour.issues.count, 1)
        XCTAssertTrue(twentyFour.issues[0].contains("day/month"), twentyFour.issues[0])
        let twelve = try parse("01/07/2025, 12:00 PM - Ana: x\n")
        XCTAssertEqual(twelve.events.first?.time?.iso8601, "2025-01-07T12:00:00")
        let later = try parse("01/07/2025, 12:00 - Ana: x\n01/20/2025, 12:00 - Ana: y\n")
        XCTAssertEqual(later.events.map { $0.time?.iso8601 ?? "" }, ["2025-01-07T12:00:00", "2025-01-20T12:00:00"])
        XCTAssertTrue(later.issues.isEmpty)
    }

    func testBadRecordsAreSkippedNotFatal() throws {
        let text = "garbage before\n31/02/2020, 10:00 - Ana: impossible date\n12/12/2020, 13:00 PM - Ana: impossible hour\n"
            + "12/12/2020, 11:00 午後 - Ana: unknown marker\n12/12/2020, 11:00 - Ana: fine\n"
        let result = try parse(text)
        XCTAssertEqual(result.events.map(\.text), ["fine"])
        XCTAssertEqual(result.skipped, 3)
        XCTAssertTrue(result.issues.contains { $0.contains("line 1") && $0.contains("before the first message") }, "\(result.issues)")
        XCTAssertTrue(result.issues.contains { $0.contains("line 2") && $0.contains("impossible date") }, "\(result.issues)")
    }

    func testInvalidUTF8AndHugeLinesStayBounded() throws {
        var bytes = Array("[01/01/2020, 10:00:00] Ana: ".utf8) + [0xFF, 0xFE, 0x41] + Array("\n".utf8)
        bytes += Array("[01/01/2020, 10:00:01] Ana: ".utf8) + Array(repeating: UInt8(ascii: "x"), count: 200_000)
        var parser = WhatsAppChatParser()
        let collector = EventCollector()
        try parser.parseAll(bytes, chunkSize: 4096, into: collector.sink)
        XCTAssertEqual(collector.events.count, 2)
        XCTAssertEqual(collector.events[0].text, "\u{FFFD}\u{FFFD}A")
        XCTAssertLessThanOrEqual(collector.events[1].text?.utf8.count ?? 0, WhatsAppChatParser.maxMessageBytes)
    }

    func testDetectionByContentNotName() {
        XCTAssertGreaterThanOrEqual(detect("[31/12/2019, 23:59:59] A: x\n[31/12/2019, 23:59:59] B: y\n", name: "renamed.txt")?.confidence ?? 0, 0.8)
        XCTAssertGreaterThanOrEqual(detect("\u{200E}12/31/19, 11:59 PM - A: x\n12/31/19, 11:59 PM - B: y", name: "WhatsApp Chat with A.txt")?.confidence ?? 0, 0.9)
        XCTAssertNil(detect("Date,Amount\n2020-01-01,12.00\n"))
        XCTAssertNil(detect("hello\n[31/12/2019, 23:59:59] A: x\n"), "the first line must be a message header")
        XCTAssertNil(detect("2020-01-01, 12.00, Groceries\n"), "a CSV line is not a header")
    }

    func testOwnerNamesFromTheEnvironmentValue() {
        XCTAssertEqual(ImporterSettings.ownerNames(from: "Ana Pérez| Ana |"), ["Ana Pérez", "Ana"])
        XCTAssertEqual(ImporterSettings.ownerNames(from: nil), [])
    }
}
