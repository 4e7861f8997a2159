import XCTest
import StewardCore
@testable import Importers

/// Snapchat's My Data download in HTML, in its real layout (values invented): every page has
/// the inline stylesheet, the `leftpanel` with the ghost logo and the links to the other pages,
/// and the `rightpanel` with the page's `<h1>`, sections under `<h3>` and tables whose first
/// row is `<th><b>…</b></th>` headers. Chats come in two layouts: tables in
/// `chat_history.html` (older) and one subpage per conversation (newer).
final class SnapchatHTMLTests: XCTestCase {
    /// A page as Snapchat writes it: `subpage` pages link one folder up.
    static func page(_ panel: String, subpage: Bool = false) -> String {
        let up = subpage ? "../" : ""
        let links = [("faq.html", "Frequently Asked Questions"), ("account.html", "Login history and account information"),
                     ("snap_history.html", "Snap history metadata"), ("chat_history.html", "Chat history metadata"),
                     ("user_profile.html", "User profile"), ("friends.html", "Friends"), ("ranking.html", "Statistics &amp; ranking"),
                     ("location_history.html", "Location"), ("search_history.html", "Search history"),
                     ("memories_history.html", "Memories")]
            .map { "<li><a href=\"\($0.0)\">\($0.1)</a></li>" }.joined()
        _ = up
        return """

            <!DOCTYPE html>
            <head>
                <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
                <title></title>
                <style>
                    body { font-size: 14px; margin: 20px auto; width: 1200px; }
                    .leftpanel { height: 100vh; position: fixed; width: 300px; }
                    .rightpanel { padding-left: 310px; padding-top: 5px; }
                    .saved { background: #FFFC00; border-radius: 100px; }
                </style>
            </head>
            <html>
            <body>
            <div class="leftpanel"><img class="ghost" src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="><ul>\(links)</ul></div><div class="rightpanel">\(panel)</div></body>
            <script>
                const navigationItems = document.querySelectorAll('.leftpanel li');
            </script>
            </html>
        """
    }

    static let th = "<th style=\"white-space: nowrap; overflow: hidden;\">"

    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        "<table style=\"table-layout: auto;\"><tr>" + headers.map { "\(th)<b>\($0)</b></th>" }.joined() + "</tr>"
            + rows.map { "<tr>" + $0.map { "<td>\($0)</td>" }.joined() + "</tr>" }.joined() + "</table>"
    }

    static let location = page("""
        <h1>Location</h1><p>We use your device’s location to support features such as Snap Map.</p><p class="important"></p>\
        <h3>Latest location</h3><p>Your Latest location is the last location we've saved for you.</p>\
        \(table(["Town/city", "Country", "Region"], [["hackney", "gbr", "eng"]]))\
        <h3>Home, school &amp; work</h3>We may try to guess roughly where your home, school and work are located.\
        <table style="width:90%"><tbody><tr><th><b>Inferred Home:</b></th><th>lat 51.545 ± 5.3 meters, long -0.055 ± 5.3 meters</th></tr>\
        <tr><th><b>Declared Work:</b></th><th></th></tr></tbody></table>\
        <h3>Daily top locations</h3><p>The places you visited the most each day.</p>\
        <table style="table-layout: auto;"><tr>\(th)<b>Date: 2024-03-02 UTC</b></th></tr><tr><td>lat 51.54 ± 5429.97 meters, long -0.05 ± 5429.97 meters</td></tr></table>\
        <h3>Location history</h3>If you enable location permissions on your device, we store a list of the locations you’ve visited.\
        \(table(["Time", "Latitude, Longitude"], [
            ["2024-03-02 14:00:00 UTC", "51.503, -0.127"],
            ["2024-03-02 22:30:00 UTC", "52.52012 ± 14.86 meters, 13.40495 ± 14.86 meters"],
            ["2024-03-03", "51.5, -0.1"],
            ["2024-03-03 08:00:00 UTC", "somewhere"],
            ["2024-03-03 09:15:00 UTC", "51.54512, -0.05531"]]))\
        <h3>Businesses and places you may have visited</h3><div>Places we think you visited.</div>\
        <h4>Places you may have visited on particular dates</h4><table><thead>\(th)<b>Date</b></th>\(th)<b>Name</b></th></thead><tbody></tbody></table>\
        <h4>Inferred visitation information by name and city</h4><table><thead>\(th)<b>Place Name</b></th>\(th)<b>City Name</b></th></thead>\
        <tbody><tr><td>Corner Café</td><td>London</td></tr></tbody></table>\
        <h3>Areas you may have visited in the last two years</h3><p>Places we believe you have visited.</p>\
        \(table(["Time", "Town/city", "Region", "Postcode"], [
            ["2024/01/05 09:00:00 UTC", "hackney", "London", "E8"],
            ["2024/01/06 10:00:00 UTC", "", "", ""]]))
        """)

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "snapchat.data_html", chunkSize: chunkSize)
    }

    func testLocationPageIsThreeFixesOneAreaAndTheInferredHomeWithThreeSkips() throws {
        for size in [1, 7, 64 * 1024] {
            let r = try parse(Self.location, path: "mydata~1709400000000.zip!html/location_history.html", chunkSize: size)
            let fixes = r.events.filter { $0.kind == .location }
            XCTAssertEqual(fixes.map(\.latitude), [51.503, 52.52012, 51.54512], "chunk \(size)")
            XCTAssertEqual(fixes.map(\.longitude), [-0.127, 13.40495, -0.05531])
            XCTAssertEqual(fixes.map { $0.time?.iso8601 }, ["2024-03-02T14:00:00Z", "2024-03-02T22:30:00Z", "2024-03-03T09:15:00Z"])
            XCTAssertTrue(fixes.allSatisfy { $0.source == "snapchat.data" && $0.product == "location history" })
            let areas = r.events.filter { $0.kind == .visit }
            XCTAssertEqual(areas.map(\.place), ["hackney, London, E8"])
            XCTAssertEqual(areas.first?.time?.iso8601, "2024-01-05T09:00:00Z")
            let guesses = r.events.filter { $0.kind == .adInterest }
            XCTAssertEqual(guesses.map(\.text), ["Inferred Home: lat 51.545 ± 5.3 meters, long -0.055 ± 5.3 meters"], "the declared work is the person's own")
            XCTAssertEqual(guesses.map(\.product), ["inferred home and work"])
            XCTAssertEqual(r.events.count, 5, "chunk \(size): latest location, top locations and businesses are not read")
            XCTAssertEqual(r.sink.skippedCount, 3, "chunk \(size): a date without a time, a position that is no number, an empty area")
            XCTAssertTrue(r.sink.errors.contains { $0.hasSuffix("record 4: unreadable time '2024-03-03'") }, "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains { $0.hasSuffix("record 5: no readable position") }, "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains { $0.hasSuffix("record 8: an area without a city or region") }, "\(r.sink.issues)")
        }
    }

    /// A download cut short (a zip member cut, a copy interrupted) yields the records before the
    /// cut, never one with half its values: for every cut of the page, the records read are the
    /// first ones of the whole page, and a cut inside a record reports it.
    func testPageCutAnywhereYieldsALeadingRunOfItsRecords() throws {
        func facts(_ events: [Event]) -> [String] {
            events.map { "\($0.kind.rawValue)|\($0.time?.iso8601 ?? "")|\($0.latitude ?? 0)|\($0.longitude ?? 0)|\($0.place ?? "")|\($0.text ?? "")|\($0.authoredByOthers)" }
        }
        let importer = SnapchatHTMLImporter()
        for (page, path) in [(Self.location, "html/location_history.html"), (Self.friendChat, "html/chat_history/subpage_sam_k.html"),
                             (Self.olderChats, "html/chat_history.html")] {
            let bytes = Array(page.utf8)
            let probe = FileProbe(path: path, head: Array(bytes.prefix(FileProbe.headLength)), size: nil)
            func read(_ count: Int) throws -> (facts: [String], sink: EventSink) {
                var parser = importer.makeParser(for: probe)
                let collector = EventCollector()
                try parser.parseAll(Array(bytes.prefix(count)), chunkSize: 97, into: collector.sink)
                return (facts(collector.events), collector.sink)
            }
            let whole = try read(bytes.count).facts
            XCTAssertFalse(whole.isEmpty)
            var cutsInsideARecord = 0
            for count in stride(from: 0, to: bytes.count, by: 3) {
                let part = try read(count)
                XCTAssertEqual(part.facts, Array(whole.prefix(part.facts.count)), "\(path) cut at byte \(count)")
                if part.sink.errors.contains(where: { $0.hasSuffix("file ends inside a record (truncated?)") || $0.hasSuffix("truncated: the file ends inside this message") }) {
                    cutsInsideARecord += 1
                }
            }
            XCTAssertGreaterThan(cutsInsideARecord, 0, "\(path): some cuts fall inside a record and are reported")
        }
    }

    func testOverlongCellIsCutAndReported() throws {
        let long = String(repeating: "a", count: 70 * 1024)
        let page = Self.page("<h1>Search history</h1>" + Self.table(["Date and time (hourly)", "Search term", "Location"],
                                                                     [["2024-05-04 21:00:00 UTC", long, ""]]))
        let r = try parse(page, path: "html/search_history.html", chunkSize: 64 * 1024)
        XCTAssertEqual(r.events.map { $0.text?.utf8.count }, [64 * 1024])
        XCTAssertTrue(r.sink.warnings.contains("1 value(s) longer than 64 KiB were cut"), "\(r.sink.issues)")
    }

    func testSkippedRowIsNamedByItsLine() throws {
        let r = try parse(Self.location, path: "html/location_history.html", chunkSize: 64 * 1024)
        let lines = Self.location.split(separator: "\n", omittingEmptySubsequences: false)
        let badLine = try XCTUnwrap(lines.firstIndex { $0.contains("<td>2024-03-03</td>") }) + 1
        XCTAssertTrue(r.sink.errors.contains("line \(badLine) record 4: unreadable time '2024-03-03'"), "\(r.sink.issues)")
    }

    static let memories = page("""
        <h1>Memories</h1><p><p><b>Note</b>: download links expire.</p><p>Memories you saved.</p></p><p class="important"></p>\
        <script>function downloadMemories(url, element, isGetRequest) {}</script><div id="mem-info-bar"></div>\
        <table><tbody><tr><th><b>Date</b></th><th><b>Media Type</b></th><th><b>Location</b></th><th><b></b></th></tr>\
        <tr><td>2021-06-01 17:45:00 UTC</td><td>Image</td><td>Latitude, Longitude: 48.85837, 2.29448</td>\
        <td><a href="#" onclick="downloadMemories('https://app.snapchat.com/dmd/memories?uid=x', this, true); return false;">Download</a></td></tr>\
        <tr><td>2021-06-02 10:00:00 UTC</td><td>Video</td><td>Latitude, Longitude: 0.0, 0.0</td><td><span style="color: #999;">N/A</span></td></tr>\
        <tr><td></td><td>Image</td><td></td><td><span style="color: #999;">N/A</span></td></tr>\
        </tbody></table>
        """)

    func testMemoriesPageIsTwoPhotosOnlyOneWithAPosition() throws {
        for size in [3, 64 * 1024] {
            let r = try parse(Self.memories, path: "html/memories_history.html", chunkSize: size)
            XCTAssertEqual(r.events.count, 2, "chunk \(size)")
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .photo && $0.product == "memories" })
            XCTAssertEqual(r.events.map(\.latitude), [48.85837, nil], "0.0, 0.0 is no position")
            XCTAssertEqual(r.events.map(\.code), ["image", "video"])
            XCTAssertEqual(r.sink.skippedCount, 1, "the memory without a date")
            XCTAssertTrue(r.sink.errors.contains { $0.hasSuffix("record 2: no time") }, "\(r.sink.issues)")
        }
    }

    static let searches = page("""
        <h1>Search history</h1><p>Your recent searches. <a href="https://support.snapchat.com/en-US/article/clear-search-history">Learn more</a>.</p><p class="important"></p>\
        \(table(["Date and time (hourly)", "Search term", "Location"], [
            ["2024-05-04 21:00:00 UTC", "payday loa", "lat 51.5 ± 0 meters, long -0.1 ± 0 meters"],
            ["2024-05-04 21:00:00 UTC", "payday loans", "lat 51.5 ± 0 meters, long -0.1 ± 0 meters"],
            ["2024-05-04 21:00:00 UTC", "payday", "lat 51.5 ± 0 meters, long -0.1 ± 0 meters"],
            ["2024-05-04 20:00:00 UTC", "payday", "lat 51.5 ± 0 meters, long -0.1 ± 0 meters"],
            ["2024-05-04 20:00:00 UTC", "sam_k", ""],
            ["2024-05-04 19:00:00 UTC", "", ""]]))
        """)

    func testSearchPageCountsASearchTypedLetterByLetterOnce() throws {
        for size in [1, 64 * 1024] {
            let r = try parse(Self.searches, path: "html/search_history.html", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["payday loans", "payday", "sam_k"], "chunk \(size)")
            XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2024-05-04T21:00:00Z", "2024-05-04T20:00:00Z", "2024-05-04T20:00:00Z"])
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .search && $0.product == "Snapchat" })
            XCTAssertEqual(r.sink.skippedCount, 1, "the row without a term")
            XCTAssertTrue(r.sink.warnings.contains("2 search(es) typed letter by letter were counted once, as the longest term of the hour"),
                          "\(r.sink.issues)")
        }
    }

    static let profile = page("""
        <h1>User profile</h1><p class="important"></p><h3>App profile</h3><table style="width:90%"><tbody>\
        <tr><th><b>Country:</b></th><th>GB</th></tr><tr><th><b>Creation Time:</b></th><th>2019-06-01 12:00:00 UTC</th></tr></tbody></table>\
        <h3>Demographics</h3><table style="width:90%"><tbody><tr><th><b>Cohort Age:</b></th><th>AGE_25_TO_34</th></tr>\
        <tr><th><b>Derived Ad Demographic:</b></th><th>FEMALE</th></tr></tbody></table>\
        <h3>Engagement</h3>\(table(["Event", "Occurrences"], [["Application Opens", "212"]]))\
        <h3>Interest categories</h3><p>Categories we think you are interested in.</p><table><tbody><tr><td>Sneakerheads</td></tr></tbody></table>\
        <h3>Content categories</h3><p>Categories of content we think you are interested in.</p>\
        <table><tbody><tr><td>Comedy</td></tr><tr><td>Sports/Football</td></tr><tr><td> </td></tr></tbody></table>\
        <h3>Off-platform sharing</h3>\(table(["Share destination", "Date"], [["WhatsApp", "2024-01-01 10:00:00 UTC"]]))
        """)

    func testProfilePageIsTwoDemographicsAndThreeCategoriesNamedByTheirSection() throws {
        let r = try parse(Self.profile, path: "html/user_profile.html", chunkSize: 5)
        XCTAssertEqual(r.events.map(\.text), ["Cohort Age: AGE_25_TO_34", "Derived Ad Demographic: FEMALE", "Sneakerheads", "Comedy", "Sports/Football"])
        XCTAssertEqual(r.events.map(\.product), ["demographics", "demographics", "interest categories", "content categories", "content categories"])
        XCTAssertTrue(r.events.allSatisfy { $0.kind == .adInterest && $0.counterparty == "Snapchat" })
        XCTAssertEqual(r.sink.skippedCount, 1, "the empty category")
    }

    static let olderChats = page("""
        <h1>Chat History Metadata</h1><p>Chats you saved, sent and received.</p><p class="important"></p>\
        <h3>Received Saved Chat History</h3><table style="table-layout: auto;"><tbody><tr>\(th)<b>From</b></th>\(th)<b>Media Type</b></th>\(th)<b>Created</b></th></tr>\
        <tr><td>alex.rivera</td><td>TEXT</td><td>2022-07-22 19:28:21 UTC</td></tr><tr><td style="padding-top:0" colspan="3">don&amp;#39;t be late</td></tr>\
        <tr><td>alex.rivera</td><td>MEDIA</td><td>2022-07-22 19:29:00 UTC</td></tr><tr><td style="padding-top:0" colspan="3"></td></tr>\
        </tbody></table>\
        <h3>Sent Saved Chat History</h3><table style="table-layout: auto;"><tbody><tr>\(th)<b>To</b></th>\(th)<b>Media Type</b></th>\(th)<b>Created</b></th></tr>\
        <tr><td>alex.rivera</td><td>TEXT</td><td>2022-07-22 19:30:05 UTC</td></tr><tr><td style="padding-top:0" colspan="3">on my way</td></tr>\
        <tr><td>alex.rivera</td><td>TEXT</td><td>last tuesday</td></tr><tr><td style="padding-top:0" colspan="3">?</td></tr>\
        </tbody></table>
        """)

    func testOlderChatTablesTellReceivedFromSentByTheirSection() throws {
        for size in [1, 64 * 1024] {
            let r = try parse(Self.olderChats, path: "html/chat_history.html", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["don't be late", nil, "on my way"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.authoredByOthers), [true, true, false])
            XCTAssertEqual(r.events.map(\.counterparty), ["alex.rivera", "alex.rivera", "alex.rivera"])
            XCTAssertEqual(r.events.map(\.code), [nil, "media", nil])
            XCTAssertEqual(r.sink.skippedCount, 1)
            XCTAssertTrue(r.sink.errors.contains { $0.hasSuffix("record 3: unreadable time (text, not quoted)") }, "\(r.sink.issues)")
        }
    }

    /// The 2020 layout: links without quotes, "Received Chat History" without "Saved", no text rows.
    static let oldestChats = """
        <!DOCTYPE html><html><head><title></title><style>.leftpanel { float: left; width: 300px; }</style></head><body>\
        <div class="leftpanel"><img class="ghost" src="data:image/svg+xml;base64,PHN2Zy8+"><ul>\
        <li><a href=account.html>Login History and Account Information</a></li><li><a href=snap_history.html>Snap History</a></li>\
        <li><a href=chat_history.html>Chat History</a></li><li><a href=location_history.html>Location</a></li></ul></div>\
        <div class="rightpanel"><h1>Chat History</h1><p class="important"></p>\
        <h3>Received Chat History</h3><table><tbody><tr><th><b>From</b></th><th><b>Media Type</b></th><th><b>Created</b></th></tr>\
        <tr><td>alex.rivera</td><td>TEXT</td><td>2020-10-07 18:00:00 UTC</td></tr><tr><td>alex.rivera</td><td>MEDIA</td><td>2020-10-07 18:01:00 UTC</td></tr></tbody></table>\
        <h3>Sent Chat History</h3><table><tbody><tr><th><b>To</b></th><th><b>Media Type</b></th><th><b>Created</b></th></tr>\
        <tr><td>alex.rivera</td><td>TEXT</td><td>2020-10-07 18:02:00 UTC</td></tr></tbody></table></div></body></html>
        """

    func testOldestChatPageWithUnquotedLinksIsThreeMessagesWithoutText() throws {
        let r = try parse(Self.oldestChats, path: "html/chat_history.html", chunkSize: 4)
        XCTAssertEqual(r.events.map(\.authoredByOthers), [true, true, false])
        XCTAssertEqual(r.events.map(\.code), [nil, "media", nil])
        XCTAssertTrue(r.events.allSatisfy { $0.text == nil && $0.counterparty == "alex.rivera" })
        XCTAssertEqual(r.sink.skippedCount, 0)
    }

    static func message(saved: Bool, from: String, type: String, text: String, time: String) -> String {
        """
        <div style="background: #f2f2f2; border-radius: 7px; padding: 3px; margin-bottom:4px;"><span>\
        <div style="display: flex; justify-content: space-between;"><div style="display: flex;">\
        \(saved ? "<button class=\"saved\">Saved</button>" : "")<h4 style="float: left ">\(from)</h4></div>\
        <div><svg width="30" height="20" viewBox="0 0 30 20" fill="none" xmlns="http://www.w3.org/2000/svg" class="icons"><path stroke="#000" d="M7.5 8.25h9"/></svg>\
        <span style="transform: translate(155px, 9px); left: 50%; position: absolute; font-weight: bold; padding-top: 13px;">\(type)</span></div></div>\
        <hr style='margin-top:-1em'><p>\(text)</p><h6 style="color: gray; display: flex; justify-content: end;">\(time)</h6></span></div>
        """
    }

    static func conversation(_ title: String, _ messages: [String]) -> String {
        page("""
            <div style="display: flex"><svg width="32" height="32" viewBox="0 0 32 32" fill="none" xmlns="http://www.w3.org/2000/svg" class="back-button" onclick="history.back()"><path d="M9.8 14L27 14" fill="#2C3137"/></svg><h1> \(title)</h1></div><div>\(messages.joined())</div>
            """, subpage: true)
    }

    static let friendChat = conversation("Chat history with sam_k", [
        message(saved: true, from: "sam_k", type: "TEXT", text: "are you coming tonight?", time: "2024-05-01 18:00:00 UTC"),
        message(saved: true, from: "demo.user", type: "TEXT", text: "yes, meet at the station", time: "2024-05-01 18:01:00 UTC"),
        message(saved: false, from: "demo.user", type: "TEXT", text: "", time: "2024-05-01 18:02:00 UTC"),
        message(saved: false, from: "sam_k", type: "STICKER", text: "", time: "2024-05-01 18:03:00"),
        message(saved: true, from: "sam_k", type: "TEXT", text: "ok", time: "soon"),
    ])

    func testFriendSubpageTellsThePersonsMessagesByTheSender() throws {
        for size in [2, 64 * 1024] {
            let r = try parse(Self.friendChat, path: "mydata/html/chat_history/subpage_sam_k.html", chunkSize: size)
            XCTAssertEqual(r.events.count, 4, "chunk \(size)")
            XCTAssertEqual(r.events.map(\.authoredByOthers), [true, false, false, true])
            XCTAssertEqual(r.events.map(\.text), ["are you coming tonight?", "yes, meet at the station", nil, nil])
            XCTAssertEqual(r.events.map(\.counterparty), ["sam_k", "sam_k", "sam_k", "sam_k"])
            XCTAssertEqual(r.events.map(\.code), [nil, nil, nil, "sticker"])
            XCTAssertEqual(r.events[3].time?.iso8601, "2024-05-01T18:03:00Z", "a time without its zone is UTC")
            XCTAssertEqual(r.sink.skippedCount, 1)
            XCTAssertTrue(r.sink.errors.contains { $0.hasSuffix("record 4: unreadable time (text, not quoted)") }, "\(r.sink.issues)")
        }
    }

    func testGroupSubpageCountsEveryMessageAsAnothersAndKeepsTheGroupTitle() throws {
        let group = Self.conversation("Chat history with Weekend Plans", [
            Self.message(saved: true, from: "priya.m", type: "NOTE", text: "", time: "2024-05-02 09:00:00 UTC"),
            Self.message(saved: true, from: "demo.user", type: "TEXT", text: "count me in", time: "2024-05-02 09:05:00 UTC"),
        ])
        let r = try parse(group, path: "html/chat_history/subpage_5c0f8a2e-1111-4aaa-9bbb-000000000001.html", chunkSize: 9)
        XCTAssertEqual(r.events.map(\.authoredByOthers), [true, true], "a group's page says not which member is the person")
        XCTAssertEqual(r.events.map(\.counterparty), ["priya.m", "demo.user"])
        XCTAssertEqual(r.events.map(\.title), ["Weekend Plans", "Weekend Plans"])
        XCTAssertEqual(r.events.map(\.code), ["note", nil])
    }

    func testSnapSubpageIsSnapsWithoutText() throws {
        let snaps = Self.conversation("Snap history with sam_k", [
            Self.message(saved: false, from: "sam_k", type: "IMAGE", text: "", time: "2024-05-03 12:00:00 UTC"),
            Self.message(saved: false, from: "demo.user", type: "VIDEO", text: "", time: "2024-05-03 12:05:00 UTC"),
        ])
        let r = try parse(snaps, path: "html/snap_history/subpage_sam_k.html", chunkSize: 64 * 1024)
        XCTAssertEqual(r.events.map(\.code), ["snap", "snap"])
        XCTAssertEqual(r.events.map(\.title), ["image", "video"])
        XCTAssertEqual(r.events.map(\.authoredByOthers), [true, false])
        XCTAssertTrue(r.events.allSatisfy { $0.text == nil && $0.kind == .message })
    }

    /// The records both formats of one download hold, compared field by field.
    func testHTMLAndJSONOfOneDownloadGiveTheSameEvents() throws {
        func facts(_ events: [Event]) -> [String] {
            events.map { e in
                [e.source, e.kind.rawValue, e.time?.iso8601 ?? "", e.latitude.map { "\($0)" } ?? "", e.longitude.map { "\($0)" } ?? "",
                 e.place ?? "", e.text ?? "", e.title ?? "", e.counterparty ?? "", e.code ?? "", e.product ?? "",
                 "\(e.authoredByOthers)"].joined(separator: "|")
            }
        }
        let locationJSON = """
        {"Home, School & Work": {"inferredHome": "lat 51.545 ± 5.3 meters, long -0.055 ± 5.3 meters", "userProvidedWork": ""},
         "Location History": [["2024-03-02 14:00:00 UTC", "51.503, -0.127"], {"Time": "2024-03-02 22:30:00 UTC", "Latitude, Longitude": "52.52012 ± 14.86 meters, 13.40495 ± 14.86 meters"}, ["2024-03-03 09:15:00 UTC", "51.54512, -0.05531"]],
         "Areas you may have visited in the last two years": [{"Time": "2024/01/05 09:00:00 UTC", "City": "hackney", "Region": "London", "Postal Code": "E8"}]}
        """
        let json = try parseDetected(locationJSON, path: "json/location_history.json", expecting: "snapchat.data", chunkSize: 64 * 1024)
        let html = try parse(Self.location, path: "html/location_history.html", chunkSize: 64 * 1024)
        XCTAssertEqual(facts(html.events), facts(json.events))

        let chatsJSON = """
        {"sam_k": [
          {"From": "sam_k", "Media Type": "TEXT", "Created": "2024-05-01 18:00:00 UTC", "Content": "are you coming tonight?", "Conversation Title": null, "IsSender": false, "IsSaved": true},
          {"From": "demo.user", "Media Type": "TEXT", "Created": "2024-05-01 18:01:00 UTC", "Content": "yes, meet at the station", "Conversation Title": null, "IsSender": true, "IsSaved": true},
          {"From": "demo.user", "Media Type": "TEXT", "Created": "2024-05-01 18:02:00 UTC", "Content": "", "Conversation Title": null, "IsSender": true, "IsSaved": false},
          {"From": "sam_k", "Media Type": "STICKER", "Created": "2024-05-01 18:03:00 UTC", "Content": "", "Conversation Title": null, "IsSender": false, "IsSaved": false}]}
        """
        let chats = try parseDetected(chatsJSON, path: "json/chat_history.json", expecting: "snapchat.data", chunkSize: 64 * 1024)
        let subpage = try parse(Self.friendChat, path: "html/chat_history/subpage_sam_k.html", chunkSize: 64 * 1024)
        XCTAssertEqual(facts(subpage.events), facts(chats.events))
    }

    func testOtherPagesOfTheDownloadAndOtherHTMLAreNotClaimed() {
        let importer = SnapchatHTMLImporter()
        let friends = Self.page("<h1>Friends</h1><h3>Friends</h3>" + Self.table(["Username", "Display name"], [["sam_k", "Sam"]]))
        XCTAssertNil(importer.detect(FileProbe(path: "html/friends.html", head: Array(friends.utf8), size: nil)))
        let index = Self.page("<h1>Chat history metadata</h1><div><div class=\"thread-list\"><button class=\"single_chat\">sam_k</button></div></div>")
        XCTAssertNotNil(importer.detect(FileProbe(path: "html/chat_history.html", head: Array(index.utf8), size: nil)),
                        "the newer chat index is claimed and reads as no message")
        let other = "<html><body><div class=\"leftpanel\"></div><div class=\"rightpanel\"><h1>Location</h1></div></body></html>"
        XCTAssertNil(importer.detect(FileProbe(path: "location_history.html", head: Array(other.utf8), size: nil)),
                     "a two-panel page without the download's links is someone else's page")
    }

    func testNewerChatIndexReadsAsNoRecord() throws {
        let index = Self.page("<h1>Chat history metadata</h1><p><p>Your chats.</p></p><p class=\"important\"></p><div><div class=\"thread-list\"><button class=\"single_chat\" onclick=\"window.location.href = 'chat_history/subpage_sam_k.html'\">sam_k</button></div></div>")
        let r = try parse(index, path: "html/chat_history.html", chunkSize: 64 * 1024)
        XCTAssertEqual(r.events.count, 0)
        XCTAssertEqual(r.sink.skippedCount, 0)
    }

    func testPageIsToldByItsHeadingWhenTheFileWasRenamed() throws {
        let r = try parse(Self.memories, path: "Downloads/memories (1).html", chunkSize: 64 * 1024)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertTrue(SnapchatHTMLImporter.isUUID("5c0f8a2e-1111-4aaa-9bbb-000000000001"))
        XCTAssertFalse(SnapchatHTMLImporter.isUUID("sam_k"))
    }
}
