import XCTest
@testable import Importers
@testable import StewardCore

/// mbox as Gmail's Takeout writes it (`Takeout/Mail/All mail Including Spam and Trash.mbox`):
/// `From <id>@xxx <date>` separators, `X-GM-THRID` and `X-Gmail-Labels`, CRLF inside messages,
/// MIME multiparts (docs/formats/mail.md).
final class MboxTests: XCTestCase {
    static let mbox = [
        "From 1792736403284719283@xxx Thu Mar 14 09:12:33 +0000 2024",
        "X-GM-THRID: 1792736403284719283",
        "X-Gmail-Labels: Inbox,Category Updates,Opened",
        "Delivered-To: anna@example.org",
        "Received: by 2002:a05:6a10:1234 with SMTP id x;",
        "        Thu, 14 Mar 2024 02:12:33 -0700 (PDT)",
        "From: =?UTF-8?Q?Kreditbank_M=C3=BCnchen?= <service@kreditbank.example>",
        "To: anna@example.org",
        "Subject: =?UTF-8?B?SWhyIERhcmxlaGVu?= =?UTF-8?B?IGlzdCBiZXdpbGxpZ3Q=?=",
        "Date: Thu, 14 Mar 2024 10:12:33 +0100",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"outer\"",
        "",
        "This is a multi-part message in MIME format.",
        "--outer",
        "Content-Type: multipart/alternative;",
        " boundary=\"inner\"",
        "",
        "--inner",
        "Content-Type: text/plain; charset=\"UTF-8\"",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "Sehr geehrte Frau M=C3=BCller, Ihr Darlehen =C3=BCber 2.000 EUR ist bewilli=",
        "gt.",
        "--inner",
        "Content-Type: text/html; charset=\"UTF-8\"",
        "",
        "<p>Sehr geehrte Frau M&uuml;ller</p>",
        "--inner--",
        "--outer",
        "Content-Type: application/pdf; name=\"Vertrag.pdf\"",
        "Content-Disposition: attachment; filename=\"Vertrag.pdf\"",
        "Content-Transfer-Encoding: base64",
        "",
        "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K",
        "--outer--",
        "",
        "From 1792736403284719284@xxx Fri Mar 15 18:00:00 +0000 2024",
        "X-GM-THRID: 1792736403284719284",
        "X-Gmail-Labels: Sent",
        "From: Anna Mueller <anna@example.org>",
        "Subject: Re: Wohnung",
        "Date: Fri, 15 Mar 2024 19:00:00 +0100",
        "Content-Type: text/plain; charset=ISO-8859-1",
        "Content-Transfer-Encoding: base64",
        "",
        "R3L832UgYXVzIEv2bG4=",
        "",
        "From 1792736403284719285@xxx Sat Mar 16 03:00:00 +0000 2024",
        "X-Gmail-Labels: Spam",
        "From: Lucky Loans <win@lucky-loans.example>",
        "Subject: Payday loan approved!!!",
        "Date: Sat, 16 Mar 2024 03:00:00 +0000",
        "",
        "Click here",
        "",
        "From 1792736403284719286@xxx Sun Mar 17 08:00:00 +0000 2024",
        "X-Gmail-Labels: Inbox",
        "From: newsletter@shop.example",
        "Subject: Weekly news",
        "Date: 17 Mar 2024 08:00 GMT",
        "",
        "Hello,",
        ">From the desk of our editor: nothing new.",
        "",
        "From 1792736403284719287@xxx Mon Mar 18 08:00:00 +0000 2024",
        "X-Gmail-Labels: Inbox",
        "From: someone@example.net",
        "Subject: Broken",
        "Date: someday",
        "",
        "text",
        "",
    ].joined(separator: "\r\n")

    func testMessagesOfAGmailTakeoutMailboxBecomeEventsWithSenderSubjectDateAndPlainText() throws {
        let result = try parseAtAllChunkSizes({ MboxParser() }, Array(Self.mbox.utf8))
        XCTAssertEqual(result.events.count, 3, "5 messages: one is spam, one has no readable date")
        XCTAssertEqual(result.skipped, 1)
        XCTAssertTrue(result.issues.contains { $0.contains("1 messages labelled Spam not read") }, "\(result.issues)")
        let e = result.events
        XCTAssertTrue(e.allSatisfy { $0.source == "mail.mbox" && $0.kind == .message })
        XCTAssertEqual(e[0].counterparty, "Kreditbank München (kreditbank.example)")
        XCTAssertEqual(e[0].product, "kreditbank.example")
        XCTAssertEqual(e[0].title, "Ihr Darlehen ist bewilligt", "encoded words joined without the space between them")
        XCTAssertEqual(e[0].time?.iso8601, "2024-03-14T10:12:33+01:00")
        XCTAssertEqual(e[0].text, "Sehr geehrte Frau Müller, Ihr Darlehen über 2.000 EUR ist bewilligt. · Attachments: Vertrag.pdf",
                       "the plain part, not the HTML one; the PDF by name only")
        XCTAssertEqual(e[0].code, "Inbox,Category Updates,Opened")
        XCTAssertTrue(e[0].authoredByOthers)
        XCTAssertEqual(e[1].text, "Grüße aus Köln")
        XCTAssertFalse(e[1].authoredByOthers, "a message labelled Sent is the person's own")
        XCTAssertEqual(e[2].counterparty, "shop.example")
        XCTAssertEqual(e[2].time?.iso8601, "2024-03-17T08:00:00Z")
        XCTAssertEqual(e[2].text, "Hello, >From the desk of our editor: nothing new.", "an escaped From line stays in the body")
        XCTAssertEqual(e[2].position, SourcePosition(line: 57, record: 3))
    }

    /// Messages decoded on their own thread (`RecordReadingThread`, here a batch per message or
    /// per few) reach the sink as they would inline: the same events, positions and issues in
    /// order, for the whole mailbox and one cut inside its last message.
    func testMessagesDecodedOnTheirOwnThreadAreTheSameInTheSameOrder() throws {
        let truncated = String(Self.mbox.prefix(Self.mbox.count - 40))
        func lines(_ result: ChunkedParseResult) -> [String] {
            result.events.map { "\(describe($0)) | \($0.title ?? "-") | \($0.authoredByOthers)" }
        }
        for text in [Self.mbox, truncated] {
            let inline = try parseAtAllChunkSizes({ MboxParser() }, Array(text.utf8))
            XCTAssertFalse(inline.events.isEmpty)
            for batch in [1, 2000] {
                let threaded = try parseAtAllChunkSizes({ MboxParser(readingBatchBytes: batch) }, Array(text.utf8))
                XCTAssertEqual(lines(threaded), lines(inline), "batches of \(batch) bytes")
                XCTAssertEqual(threaded.issues, inline.issues, "batches of \(batch) bytes")
            }
        }
    }

    func testATextPartLargerThanTheCapIsCutAndSaidSo() throws {
        let big = String(repeating: "a", count: 76)
        let lines = ["From x@xxx Thu Mar 14 09:12:33 +0000 2024", "From: a@b.example", "Subject: Big", "Date: Thu, 14 Mar 2024 10:12:33 +0100", ""]
            + Array(repeating: big, count: MboxParser.maxTextBytes / 77 + 10)
        let result = try parseAtAllChunkSizes({ MboxParser() }, Array(lines.joined(separator: "\n").utf8))
        XCTAssertEqual(result.events.count, 1)
        XCTAssertEqual(result.events[0].text?.count, MboxParser.maxEventText + 1, "the text is cut to the event limit with an ellipsis")
        XCTAssertTrue(result.issues.contains { $0.contains("message longer than \(MboxParser.maxTextBytes) bytes: cut") }, "\(result.issues)")
    }

    func testHeaderDecoding() {
        XCTAssertEqual(MailHeaderText.decodeWords("=?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?="), "Grüße aus Köln")
        XCTAssertEqual(MailHeaderText.decodeWords("Re: =?utf-8?q?caf=C3=A9?= tomorrow"), "Re: café tomorrow")
        XCTAssertEqual(MailHeaderText.decodeWords("=?unknown?X?abc?="), "=?unknown?X?abc?=")
        XCTAssertEqual(MailHeaderText.address("\"Müller, Anna\" <anna@Example.ORG>").name, "Müller, Anna")
        XCTAssertEqual(MailHeaderText.domain(MailHeaderText.address("\"Müller, Anna\" <anna@Example.ORG>").address), "example.org")
        XCTAssertEqual(MailHeaderText.date("Mon, 1 Jan 2024 00:00:00 -0500 (EST)")?.iso8601, "2024-01-01T00:00:00-05:00")
        XCTAssertNil(MailHeaderText.date("Mon, 30 Feb 2024 00:00:00 +0000"))
        XCTAssertEqual(MailHeaderText.quotedPrintable(Array("a=3Db=\r\nc".utf8)), Array("a=bc".utf8))
    }

    func testMailboxesAreDetectedByTheirSeparatorAndHeadersNotByName() {
        let importer = MboxImporter()
        let head = Array(Self.mbox.utf8)
        XCTAssertEqual(importer.detect(FileProbe(path: "Takeout/Mail/All mail Including Spam and Trash.mbox", head: head, size: nil))?.confidence, 0.95)
        XCTAssertEqual(importer.detect(FileProbe(path: "Inbox", head: Array("From - Thu Mar 14 09:12:33 2024\nFrom: a@b.example\nDate: Thu, 14 Mar 2024 10:12:33 +0100\n\nhi\n".utf8), size: nil))?.confidence, 0.85)
        XCTAssertNil(importer.detect(FileProbe(path: "letter.txt", head: Array("From the desk of the editor\nDear all,\n".utf8), size: nil)))
        if case .success(let found) = ImporterRegistry.detect(FileProbe(path: "Takeout/Mail/All mail Including Spam and Trash.mbox", head: head, size: nil)) {
            XCTAssertEqual(found.importer.id, "mail.mbox")
        } else { XCTFail("mbox not detected") }
    }
    /// The body text is the words one space apart, cut after the limit with "…": the same
    /// string as splitting on `Character.isWhitespace` and joining, for ASCII and Unicode
    /// whitespace (no-break space, ideographic space, NEL, CRLF), combining marks and emoji,
    /// at limits below, at and above the text's length.
    func testBodyWordsEqualSplittingOnWhitespaceAndJoiningAtEveryLimit() {
        func reference(_ text: String, _ limit: Int) -> String? {
            let words = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            guard !words.isEmpty else { return nil }
            return words.count > limit ? String(words.prefix(limit)) + "…" : words
        }
        let pieces = ["a", "word", " ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{3000}", "\u{85}", "\u{2003}", "é", "e\u{301}",
                      "日本", "🏳️‍🌈", "👍🏽", "\u{0B}", "\u{0C}", "x\u{200B}y", "Straße", "—", ".", "\u{1680}",
                      "\u{301}", "\u{200D}", "\u{93F}", "कि", "🇬🇧", "\u{1F3FD}"]
        var generator = SeededTestRandom(defaultSeed: 28)
        var texts = ["", " ", " \n\t ", "one", "  leading and trailing  ", "a\r\nb"]
        for _ in 0..<400 {
            texts.append((0..<Int.random(in: 1...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            for limit in [1, 2, 3, 5, 8, 13, 40, 2000] {
                XCTAssertEqual(text.wordsOneSpaceApart(limit: limit), reference(text, limit),
                               "text \(text.unicodeScalars.map { String($0.value, radix: 16) }) at limit \(limit) \(generator.replay)")
            }
        }
    }

    /// Header names longer than `longestWantedHeader` are passed over unread, so it must be the
    /// longest name a message or part header block keeps.
    func testLongestWantedHeaderIsTheLongestNameKept() {
        let kept = MboxParser.Message.messageHeaders.union(MboxParser.Message.partHeaders)
        XCTAssertEqual(MboxParser.longestWantedHeader, kept.map(\.utf8.count).max())
    }
}
