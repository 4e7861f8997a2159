import XCTest
import StewardCore
@testable import Importers

/// Snapchat's My Data download in its real layout (values invented): `json/location_history.json`
/// in the older (objects with `Latitude, Longitude` and accuracy) and newer (pairs) forms,
/// `chat_history.json` in the older (Received/Sent lists) and newer (one list per
/// conversation) forms, `snap_history.json`, `memories_history.json` and `user_profile.json`.
final class SnapchatDataTests: XCTestCase {
    static let locationOlder = """
    {"Frequent Locations": [{"City": "London", "Country": "GB", "Region": "England"}],
     "Latest Location": [{"City": "London", "Country": "GB", "Region": "England"}],
     "Home, School & Work": {"Home": "London, England", "Work": "London, England"},
     "Daily Top Locations": ["Latitude, Longitude: 51.5, -0.1"],
     "Top Locations Per Six-Day Period": [],
     "Location History": [
      {"Time": "2020/08/20 14:51:25 UTC", "Latitude, Longitude": "51.53612 ± 14.86 meters, -0.10301 ± 14.86 meters"},
      {"Time": "2020/08/20 23:02:10 UTC", "Latitude, Longitude": "51.53620 ± 9.75 meters, -0.10295 ± 9.75 meters"},
      {"Time": "2020/08/21", "Latitude, Longitude": "51.5 ± 9 meters, -0.1 ± 9 meters"},
      {"Time": "2020/08/21 08:00:00 UTC", "Latitude, Longitude": "somewhere"}
     ],
     "Businesses and places you may have visited": [],
     "Areas you may have visited in the last two years": [
      {"Time": "2020/07/01 10:00:00 UTC", "City": "camden", "Region": "London", "Postal Code": "NW1"},
      {"Time": "2020/07/02 10:00:00 UTC", "City": "", "Region": ""}
     ]}
    """

    static let locationNewer = """
    {"Home, School & Work": {"inferredWork": "", "userProvidedHome": "lat 51.5 ± 0 meters, long -0.1 ± 0 meters", "schoolName": "", "inferredHome": "lat 51.507 ± 20 meters, long -0.128 ± 20 meters"},
     "Location History": [["2024-03-02 14:00:00 UTC", "51.503, -0.127"], ["2024-03-02 22:30:00 UTC", "52.520, 13.405"], ["2024-03-03 01:00:00 UTC"]],
     "Areas you may have visited in the last two years": [{"Time": "2024/01/05 09:00:00 UTC", "City": "hackney", "Region": "London"}]}
    """

    static let chatsOlder = """
    {"Received Saved Chat History": [
      {"From": "alex.rivera", "Media Type": "TEXT", "Created": "2022-07-22 19:28:21 UTC", "Text": "don&#39;t be late"},
      {"From": "alex.rivera", "Media Type": "MEDIA", "Created": "2022-07-22 19:29:00 UTC", "Text": ""}],
     "Sent Saved Chat History": [
      {"To": "alex.rivera", "Media Type": "TEXT", "Created": "2022-07-22 19:30:05 UTC", "Text": "on my way"},
      {"To": "alex.rivera", "Media Type": "TEXT", "Created": "last tuesday", "Text": "?"}]}
    """

    static let chatsNewer = """
    {"sam_k": [
      {"From": "sam_k", "Media Type": "TEXT", "Created": "2024-05-01 18:00:00 UTC", "Content": "are you coming tonight?", "Conversation Title": null, "IsSender": false, "Created(microseconds)": 1714586400000, "IsSaved": true, "Media IDs": ""},
      {"From": "demo.user", "Media Type": "TEXT", "Created": "2024-05-01 18:01:00 UTC", "Content": "yes, meet at the station", "Conversation Title": null, "IsSender": true, "Created(microseconds)": 1714586460000, "IsSaved": true, "Media IDs": ""}],
     "5c0f8a2e-1111-4aaa-9bbb-000000000001": [
      {"From": "priya.m", "Media Type": "NOTE", "Created": "2024-05-02 09:00:00 UTC", "Content": "", "Conversation Title": "Weekend Plans", "IsSender": false, "Created(microseconds)": 1714640400000, "IsSaved": true, "Media IDs": "b~abc"},
      {"From": "demo.user", "Media Type": "TEXT", "Created": "2024-05-02 09:05:00 UTC", "Content": "count me in", "Conversation Title": "Weekend Plans", "IsSender": true, "Created(microseconds)": 1714640700000, "IsSaved": true, "Media IDs": ""},
      "not a message"]}
    """

    static let snaps = """
    {"Received Snap History": [{"From": "sam_k", "Media Type": "IMAGE", "Created": "2024-05-03 12:00:00 UTC"}],
     "Sent Snap History": [{"To": "sam_k", "Media Type": "VIDEO", "Created": "2024-05-03 12:05:00 UTC"}]}
    """

    static let memories = """
    {"Saved Media": [
      {"Date": "2021-06-01 17:45:00 UTC", "Media Type": "Image", "Location": "Latitude, Longitude: 48.85837, 2.29448", "Download Link": "https://app.snapchat.com/dmd/memories?uid=x"},
      {"Date": "2021-06-02 10:00:00 UTC", "Media Type": "Video", "Location": "Latitude, Longitude: 0.0, 0.0", "Download Link": "https://app.snapchat.com/dmd/memories?uid=y"},
      {"Date": "", "Media Type": "Image", "Location": ""}]}
    """

    static let profile = """
    {"App Profile": {"Country": "GB", "Creation Time": "2019-06-01 12:00:00 UTC"},
     "Demographics": {"Cohort Age": "18-24"},
     "Engagement": [{"Event": "Application Opens", "Occurrences": 212}],
     "Breakdown of Time Spent on App": ["Camera: 48.2%"],
     "Interest Categories": ["Sneakerheads", "Travel Enthusiasts", ""],
     "Content Categories": ["Comedy", "Sports/Football"]}
    """

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "snapchat.data", chunkSize: chunkSize)
    }

    func testOlderLocationHistoryIsTwoFixesAndOneAreaWithThreeSkips() throws {
        for size in [1, 7, 64 * 1024] {
            let r = try parse(Self.locationOlder, path: "mydata~1.zip!json/location_history.json", chunkSize: size)
            let fixes = r.events.filter { $0.kind == .location }
            XCTAssertEqual(fixes.count, 2, "chunk \(size)")
            XCTAssertEqual(fixes[0].latitude, 51.53612)
            XCTAssertEqual(fixes[0].longitude, -0.10301)
            XCTAssertEqual(fixes[0].time?.iso8601, "2020-08-20T14:51:25Z")
            XCTAssertEqual(fixes[1].position.pointer, "/Location History/1")
            let areas = r.events.filter { $0.kind == .visit }
            XCTAssertEqual(areas.map(\.place), ["camden, London, NW1"])
            XCTAssertNil(areas[0].latitude)
            XCTAssertEqual(r.events.filter { $0.kind == .adInterest }.map(\.text), ["Home: London, England", "Work: London, England"],
                           "Snapchat's own guess at home and work")
            XCTAssertEqual(r.events.count, 5)
            XCTAssertEqual(r.sink.skippedCount, 3, "chunk \(size): a date without a time, a position that is no number, an empty area")
            XCTAssertTrue(r.sink.errors.contains("record 2 (/Location History/2): unreadable time '2020/08/21'"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("record 3 (/Location History/3): no readable position"), "\(r.sink.issues)")
        }
    }

    func testNewerLocationHistoryPairsAreTwoFixesAndOneArea() throws {
        let r = try parse(Self.locationNewer, path: "json/location_history.json", chunkSize: 5)
        XCTAssertEqual(r.events.filter { $0.kind == .location }.map(\.latitude), [51.503, 52.520])
        XCTAssertEqual(r.events.filter { $0.kind == .location }.map { $0.time?.iso8601 }, ["2024-03-02T14:00:00Z", "2024-03-02T22:30:00Z"])
        XCTAssertEqual(r.events.filter { $0.kind == .visit }.map(\.place), ["hackney, London"])
        XCTAssertEqual(r.events.filter { $0.kind == .adInterest }.map(\.text), ["Inferred Home: lat 51.507 ± 20 meters, long -0.128 ± 20 meters"])
        XCTAssertEqual(r.events.filter { $0.kind == .adInterest }.map(\.product), ["inferred home and work"])
        XCTAssertEqual(r.sink.skippedCount, 1, "the pair without a position")
    }

    func testOlderChatHistoryTellsReceivedFromSentByTheListName() throws {
        for size in [1, 64 * 1024] {
            let r = try parse(Self.chatsOlder, path: "json/chat_history.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["don't be late", nil, "on my way"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.authoredByOthers), [true, true, false])
            XCTAssertEqual(r.events.map(\.counterparty), ["alex.rivera", "alex.rivera", "alex.rivera"])
            XCTAssertEqual(r.events.map(\.code), [nil, "media", nil])
            XCTAssertEqual(r.events[2].time?.iso8601, "2022-07-22T19:30:05Z")
            XCTAssertEqual(r.sink.skippedCount, 1)
            XCTAssertTrue(r.sink.errors.contains("record 1 (/Sent Saved Chat History/1): unreadable time (text, not quoted)"), "\(r.sink.issues)")
        }
    }

    func testNewerChatHistoryReadsIsSenderAndTheGroupTitle() throws {
        for size in [3, 64 * 1024] {
            let r = try parse(Self.chatsNewer, path: "json/chat_history.json", chunkSize: size)
            XCTAssertEqual(r.events.count, 4, "chunk \(size)")
            XCTAssertEqual(r.events.map(\.authoredByOthers), [true, false, true, false])
            XCTAssertEqual(r.events.map(\.counterparty), ["sam_k", "sam_k", "priya.m", "Weekend Plans"])
            XCTAssertEqual(r.events.map(\.title), [nil, nil, "Weekend Plans", "Weekend Plans"])
            XCTAssertEqual(r.events.map(\.text), ["are you coming tonight?", "yes, meet at the station", nil, "count me in"])
            XCTAssertEqual(r.events[2].code, "note")
            XCTAssertEqual(r.sink.skippedCount, 1)
            XCTAssertTrue(r.sink.errors.contains("record 2 (/5c0f8a2e-1111-4aaa-9bbb-000000000001/2): message is not an object"), "\(r.sink.issues)")
        }
    }

    func testSnapHistoryIsTwoSnapsWithoutText() throws {
        let r = try parse(Self.snaps, path: "json/snap_history.json", chunkSize: 64 * 1024)
        XCTAssertEqual(r.events.map(\.code), ["snap", "snap"])
        XCTAssertEqual(r.events.map(\.title), ["image", "video"])
        XCTAssertEqual(r.events.map(\.authoredByOthers), [true, false])
        XCTAssertTrue(r.events.allSatisfy { $0.text == nil && $0.kind == .message })
        XCTAssertEqual(r.sink.skippedCount, 0)
    }

    func testMemoriesAreTwoPhotosOnlyOneWithAPosition() throws {
        let r = try parse(Self.memories, path: "json/memories_history.json", chunkSize: 11)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertTrue(r.events.allSatisfy { $0.kind == .photo })
        XCTAssertEqual(r.events.map(\.latitude), [48.85837, nil], "0.0, 0.0 is no position")
        XCTAssertEqual(r.events.map(\.code), ["image", "video"])
        XCTAssertEqual(r.sink.skippedCount, 1, "the memory with an empty date")
    }

    func testUserProfileIsOneDemographicAndFourCategoriesNamedByTheirList() throws {
        let r = try parse(Self.profile, path: "json/user_profile.json", chunkSize: 2)
        XCTAssertEqual(r.events.map(\.text), ["Cohort Age: 18-24", "Sneakerheads", "Travel Enthusiasts", "Comedy", "Sports/Football"])
        XCTAssertEqual(r.events.map(\.product), ["demographics", "interest categories", "interest categories", "content categories", "content categories"])
        XCTAssertTrue(r.events.allSatisfy { $0.kind == .adInterest && $0.counterparty == "Snapchat" })
        XCTAssertEqual(r.sink.skippedCount, 1, "the empty category")
        XCTAssertTrue(r.sink.errors.contains("record 2 (/Interest Categories/2): a category without a name"), "\(r.sink.issues)")
    }

    static let searches = """
    {"": [
      {"Date and time (hourly)": "2024-05-04 21:00:00 UTC", "Search Term": "payday loans", "Location": "lat 51.5 ± 0 meters, long -0.1 ± 0 meters"},
      {"Date and time (hourly)": "2024-05-04 21:00:00 UTC", "Search Term": "payday loa", "Location": "lat 51.5 ± 0 meters, long -0.1 ± 0 meters"},
      {"Date and time (hourly)": "2024-05-04 21:00:00 UTC", "Search Term": "payday", "Location": "lat 51.5 ± 0 meters, long -0.1 ± 0 meters"},
      {"Date and time (hourly)": "2024-05-04 20:00:00 UTC", "Search Term": "sam_k", "Location": ""},
      {"Date and time (hourly)": "2024-05-04 19:00:00 UTC", "Search Term": "", "Location": ""}]}
    """

    func testSearchHistoryCountsASearchTypedLetterByLetterOnce() throws {
        for size in [1, 64 * 1024] {
            let r = try parse(Self.searches, path: "json/search_history.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["payday loans", "sam_k"], "chunk \(size)")
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .search && $0.product == "Snapchat" })
            XCTAssertEqual(r.events.first?.time?.iso8601, "2024-05-04T21:00:00Z")
            XCTAssertEqual(r.sink.skippedCount, 1, "the search without a term")
            XCTAssertTrue(r.sink.errors.contains("record 4 (//4): a search without a term"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("2 search(es) typed letter by letter were counted once, as the longest term of the hour"))
        }
    }

    func testOtherJSONWithLocationKeysIsNotClaimed() {
        let importer = SnapchatDataImporter()
        let google = #"{"locations": [{"latitudeE7": 515000000, "longitudeE7": -1000000, "timestamp": "2024-01-01T00:00:00Z"}]}"#
        XCTAssertNil(importer.detect(FileProbe(path: "Records.json", head: Array(google.utf8), size: nil)))
        let lone = #"{"Location History": []}"#
        XCTAssertNil(importer.detect(FileProbe(path: "export.json", head: Array(lone.utf8), size: nil)),
                     "one key alone, under another name, is not enough")
        XCTAssertNotNil(importer.detect(FileProbe(path: "json/location_history.json", head: Array(lone.utf8), size: nil)))
    }

    func testTimesAreReadInBothSpellingsAndRejectedOtherwise() {
        XCTAssertEqual(SnapchatDataParser.parseTime("2022-07-22 19:28:21 UTC")?.iso8601, "2022-07-22T19:28:21Z")
        XCTAssertEqual(SnapchatDataParser.parseTime("2020/08/20 14:51:25 UTC")?.iso8601, "2020-08-20T14:51:25Z")
        XCTAssertNil(SnapchatDataParser.parseTime("2020-02-30 10:00:00 UTC"))
        XCTAssertNil(SnapchatDataParser.parseTime("2020-08/20 10:00:00 UTC"))
        XCTAssertNil(SnapchatDataParser.coordinates("91.0, 10.0").map { _ in true })
    }
}
