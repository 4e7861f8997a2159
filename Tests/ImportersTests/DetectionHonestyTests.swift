import Foundation
import Localization
import XCTest
@testable import Importers
@testable import StewardCore
@testable import Archives

/// Issue 9, point 7: wrong guesses no longer shout. A text file with a few commas was taken for
/// a bank CSV and gave a red "expected 41 columns" line per row; Takeout's own
/// archive_browser.html was listed as unrecognized in every scan.
final class DetectionHonestyTests: XCTestCase {
    /// An hledger-style CSV rules file: its `fields` line looks like a header with a date and
    /// an amount column, and nothing below it is a transaction.
    static let hledgerRules = """
        # hledger CSV conversion rules for my current account export
        skip 1
        fields date, description, amount, balance, category, reference, type, account, notes, tags
        date-format %d/%m/%Y
        currency £
        account1 assets:bank:current

        if TESCO|SAINSBURY|ALDI
          account2 expenses:food:groceries

        if SALARY
          account2 income:salary

        if NETFLIX, SPOTIFY
          account2 expenses:subscriptions

        """

    private func read(_ text: String, path: String, importers: [any Importer] = ImporterRegistry.all) -> RecordingDelegate {
        let delegate = RecordingDelegate()
        ExportReader(importers: importers).read(source: MemorySource(data: Data(text.utf8), displayPath: path),
                                                 diskPath: nil, modified: nil, depth: 0, delegate: delegate)
        return delegate
    }

    func testAccountingRulesFileIsOneDoubtfulLineNotARowOfErrorsPerLine() {
        let d = read(Self.hledgerRules, path: "/home/ana/finance/bank.csv.rules")
        XCTAssertEqual(d.inputs.count, 0, "\(d.inputs)")
        XCTAssertEqual(d.skipped.count, 1)
        XCTAssertEqual(d.skipped.first?.1, "not sure enough it is Bank statement CSV (only 0 of 9 rows below the header have a date and an amount)")
        XCTAssertEqual(d.known.count, 0)
    }

    /// The safety net behind every importer: a file taken for a format of which not one row
    /// reads is one "not recognized" line naming the first problem.
    func testAFileWhoseRowsAllFailIsReportedOnceAsAWrongGuess() {
        let d = read("a\nb\nc\nd\n", path: "/in/notes.txt", importers: [EveryLineFailsImporter()])
        XCTAssertEqual(d.inputs.count, 0)
        XCTAssertEqual(d.skipped.map(\.1), ["looked like Every line fails, but none of its 4 rows could be read "
            + "(first: line 1: not a record): probably not that format"])
        // Two failed rows are not enough to call it a wrong guess: the file stays an input.
        let short = read("a\nb\n", path: "/in/short.txt", importers: [EveryLineFailsImporter()])
        XCTAssertEqual(short.inputs.map(\.skipped), [2])
    }

    func testKnownCompanionFilesAreNamedAndNotUnrecognized() {
        let page = "<!DOCTYPE html><html><head><title>Google Takeout</title></head><body>archive browser</body></html>"
        let d = read(page, path: "/x/takeout-20240301T090000Z-001.zip!Takeout/archive_browser.html")
        XCTAssertEqual(d.skipped.count, 0, "\(d.skipped)")
        XCTAssertEqual(d.known.map(\.1), ["Google Takeout's archive browser page (an index of the archive's folders, no records)"])
    }

    func testCompanionTable() {
        XCTAssertNotNil(ExportCompanionFile.identify("/t/Takeout/archive_browser.html"))
        XCTAssertEqual(ExportCompanionFile.identify("/t/takeout.zip!Takeout/index.html"),
                       "Google Takeout's index page (links to the archive's folders, no records)")
        XCTAssertEqual(ExportCompanionFile.identify("/d/facebook-ana-2024.zip!start_here.html"),
                       "the start page of a Facebook or Instagram download (links to the other files, no records)")
        XCTAssertNotNil(ExportCompanionFile.identify("/d/instagram-ana.zip!index.html"))
        XCTAssertNotNil(ExportCompanionFile.identify("/d/twitter-2024.zip!Your archive.html"))
        XCTAssertNotNil(ExportCompanionFile.identify("/d/twitter-2024.zip!assets/js/main.8f2b.js"))
        XCTAssertNotNil(ExportCompanionFile.identify("/d/spotify/ReadMeFirst_ExtendedStreamingHistory.pdf"))
        // Data files, and index pages deep inside an export, are not companions.
        XCTAssertEqual(ExportCompanionFile.identify("/d/package.zip!Messages/index.json"),
                       "Discord's list of channels and direct-message partners (it names other people; the messages themselves are read)")
        XCTAssertNil(ExportCompanionFile.identify("/d/package.zip!Messages/c1100/messages.json"))
        XCTAssertNil(ExportCompanionFile.identify("/d/package.zip!Servers/index.json"), "the server index is read")
        XCTAssertNil(ExportCompanionFile.identify("/d/twitter-2024.zip!data/tweets.js"))
        XCTAssertNil(ExportCompanionFile.identify("/d/facebook.zip!your_activity/messages/inbox/ana/index.html"))
        XCTAssertNil(ExportCompanionFile.identify("/home/ana/statement.csv"))
    }

    /// Reports translate what a companion file is by its English text (stored scans hold the
    /// English): every description the table gives must be a `known_file.*` text of en.yaml,
    /// and German must say it differently.
    func testEveryCompanionDescriptionIsACatalogTextTheReportsTranslate() throws {
        let english = try ProgramCatalogs.load(.en)
        let catalogTexts = Set(english.entries.compactMap { key, entry -> String? in
            guard key.hasPrefix("known_file."), case .text(let text) = entry else { return nil }
            return text
        })
        let paths = ["/t/Takeout/archive_browser.html", "/t/takeout.zip!Takeout/index.html", "/d/facebook-ana-2024.zip!start_here.html",
                     "/d/instagram-ana.zip!index.html", "/d/twitter-2024.zip!Your archive.html",
                     "/d/twitter-2024.zip!assets/js/main.8f2b.js", "/d/spotify/ReadMeFirst_ExtendedStreamingHistory.pdf"]
        let descriptions = Set(try paths.map { try XCTUnwrap(ExportCompanionFile.identify($0), $0) })
        XCTAssertEqual(descriptions.count, 7, "one path per kind of companion file")
        XCTAssertEqual(descriptions.subtracting(catalogTexts), [], "descriptions en.yaml lacks under known_file.*")
        let german = Localizer(.de)
        for description in descriptions {
            XCTAssertNotEqual(german.translation(ofEnglish: description, keyPrefix: "known_file."), description)
        }
    }
}

/// Accepts every file and fails every line: stands for any importer that guessed wrong.
private struct EveryLineFailsImporter: Importer {
    let id = "test.every_line_fails"
    let title = "Every line fails"
    let howToRequest = "-"
    func detect(_ probe: FileProbe) -> Detection? { Detection(confidence: 0.9, reason: "test") }
    func makeParser(for probe: FileProbe) -> any ExportParser { Parser() }

    struct Parser: ExportParser {
        var line = 0
        mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
            for byte in chunk where byte == 0x0A { line += 1; sink.skip("not a record", at: .line(line)) }
        }
        mutating func finish(into sink: EventSink) throws(ParseError) {}
    }
}
