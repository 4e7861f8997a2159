import XCTest
import StewardCore
@testable import Importers

/// Discord's data package in its real layout (values invented): `Messages/c<id>/messages.json`
/// (current packages), `messages.csv` (older ones) and `Servers/index.json`.
final class DiscordPackageTests: XCTestCase {
    static let messagesJSON = """
    [{"ID": 1100000000000000011, "Timestamp": "2024-03-01 21:14:09", "Contents": "anyone up for a raid tonight?", "Attachments": ""}, \
    {"ID": 1100000000000000012, "Timestamp": "2024-03-01 21:15:00", "Contents": "", "Attachments": "https://cdn.discordapp.com/attachments/1/2/screenshot.png"}, \
    {"ID": 1100000000000000013, "Timestamp": "2024-03-01 21:16:00", "Contents": "", "Attachments": ""}, \
    {"ID": 1100000000000000014, "Timestamp": "yesterday", "Contents": "hi", "Attachments": ""}, \
    "not a message"]
    """

    static let messagesCSV = "ID,Timestamp,Contents,Attachments\r\n"
        + "700000000000000001,2020-05-01 12:00:00.123000+00:00,\"two lines,\nwith a comma\",\r\n"
        + "700000000000000002,2020-05-02 23:59:59.000000+00:00,,https://cdn.discordapp.com/attachments/x.png\r\n"

    static let servers = #"{"800000000000000001": "Minecraft Survival Community", "800000000000000002": "LGBTQ+ Gamers Hangout \u2764", "800000000000000003": ""}"#

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "discord.package", chunkSize: chunkSize)
    }

    func testMessagesJSONIsTwoMessagesOfTheChannelWithTwoSkips() throws {
        for size in [1, 9, 64 * 1024] {
            let r = try parse(Self.messagesJSON, path: "package.zip!Messages/c1100000000000000001/messages.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["anyone up for a raid tonight?", nil], "chunk \(size)")
            XCTAssertEqual(r.events[1].title, "attachment", "an attachment without words")
            XCTAssertEqual(r.events.map(\.counterparty), ["c1100000000000000001", "c1100000000000000001"])
            XCTAssertEqual(r.events[0].time?.iso8601, "2024-03-01T21:14:09Z")
            XCTAssertEqual(r.events[0].code, "1100000000000000011")
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .message && !$0.authoredByOthers && $0.product == "Discord" })
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size): 'yesterday' and the string element; the empty message is nothing to read")
            XCTAssertTrue(r.sink.errors.contains("record 3 (/3): unreadable timestamp (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("record 4 (/4): not an object"), "\(r.sink.issues)")
        }
    }

    func testOlderMessagesCSVKeepsLineBreaksAndReadsTheOffset() throws {
        for size in [1, 64 * 1024] {
            let r = try parse(Self.messagesCSV, path: "package/messages/c700000000000000000/messages.csv", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["two lines,\nwith a comma", nil], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.title), [nil, "attachment"])
            XCTAssertEqual(r.events[1].time?.iso8601, "2020-05-02T23:59:59Z")
            XCTAssertEqual(r.events[0].counterparty, "c700000000000000000")
            XCTAssertEqual(r.sink.skippedCount, 0)
        }
    }

    func testServerIndexIsOneActivityPerNamedServer() throws {
        for size in [1, 64 * 1024] {
            let r = try parse(Self.servers, path: "package/Servers/index.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.title), ["Minecraft Survival Community", "LGBTQ+ Gamers Hangout \u{2764}"], "chunk \(size)")
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .activity && $0.code == "server" && $0.time == nil })
            XCTAssertEqual(r.events[0].position.pointer, "/800000000000000001")
            XCTAssertEqual(r.sink.skippedCount, 1, "the server without a name")
        }
    }

    func testOnlyTheServersFolderIndexIsClaimed() {
        let importer = DiscordPackageImporter()
        let head = Array(Self.servers.utf8)
        XCTAssertEqual(importer.detect(FileProbe(path: "package/servers/index.json", head: head, size: nil))?.confidence, 0.9)
        XCTAssertNil(importer.detect(FileProbe(path: "package/Messages/index.json", head: head, size: nil)),
                     "the channel index has the same shape and names channels, not servers")
        XCTAssertNil(importer.detect(FileProbe(path: "export/index.json", head: head, size: nil)))
        let other = #"[{"id": 1, "timestamp": "2024-01-01", "text": "hello"}]"#
        XCTAssertNil(importer.detect(FileProbe(path: "messages.json", head: Array(other.utf8), size: nil)), "keys are Discord's capitalized ones")
    }

    /// `Activity/analytics/events-*.json`: client events, one object per line, among them one line
    /// per day with the gender or age group Discord's models predicted (field names as the
    /// package writes them; values invented).
    static let analytics = [
        #"{"event_type": "app_opened", "event_id": "a1", "day": "19800", "client_track_timestamp": "2024-05-12T08:00:00.000Z"}"#,
        #"{"user_id": "900000000000000001", "predicted_gender": "male", "probability": 0.55, "prob_male": 0.55, "prob_female": 0.4, "prob_non_binary_gender_expansive": 0.05, "model_version": "2022-08-15T00:00:00Z", "day_pt": "2024-05-12"}"#,
        #"{"user_id": "900000000000000001", "predicted_gender": "female", "probability": 0.74, "prob_male": 0.2, "prob_female": 0.74, "prob_non_binary_gender_expansive": 0.06, "model_version": "2022-08-15T00:00:00Z", "day_pt": "2024-05-13"}"#,
        #"{"event_type": "channel_opened", "event_id": "a2", "channel_id": "1100000000000000001"}"#,
        #"{"user_id": "900000000000000001", "predicted_gender": "female", "probability": 0.81, "prob_male": 0.12, "prob_female": 0.81, "prob_non_binary_gender_expansive": 0.07, "model_version": "2022-08-15T00:00:00Z", "day_pt": "2024-05-14"}"#,
        #"{"user_id": "900000000000000001", "predicted_age": "18_24", "probability": 0.66, "prob_13_17": 0.2, "prob_18_24": 0.66, "prob_25_34": 0.1, "prob_35_over": 0.04, "model_version": "2022-08-15T00:00:00Z", "day_pt": "2024-05-14"}"#,
        #"{"user_id": "900000000000000001", "predicted_gender": null, "day_pt": "2024-05-15"}"#,
        #"{"user_id": "900000000000000001", "predicted_age": "25_34", "probab"#,
    ].joined(separator: "\n") + "\n"

    func testAnalyticsEventsGiveOneDemographicsInferencePerDistinctPrediction() throws {
        for size in [1, 7, 64 * 1024] {
            let r = try parse(Self.analytics, path: "package.zip!Activity/analytics/events-2024-00000-of-00001.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["predicted age group: 18–24", "predicted gender: female", "predicted gender: male"], "chunk \(size)")
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .adInterest && $0.product == "demographics" && $0.code == "prediction" })
            XCTAssertEqual(r.events.map(\.quantity), [1, 2, 1], "days with each prediction")
            XCTAssertEqual(r.events[1].time?.iso8601, "2024-05-14", "the latest day with that prediction")
            XCTAssertEqual(r.events[1].title, "probability 0.81", "the latest day's probability")
            XCTAssertEqual(r.events.map(\.position.line), [6, 5, 2], "each at its latest line")
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size): the null prediction and the cut-off last line")
            XCTAssertTrue(r.sink.errors.contains("line 7: a prediction without a predicted value"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 8: a prediction line that is not a JSON object"), "\(r.sink.issues)")
        }
    }

    func testAnalyticsEventsAreClaimedOnlyInTheActivityFolders() {
        let importer = DiscordPackageImporter()
        let head = Array(Self.analytics.utf8)
        XCTAssertEqual(importer.detect(FileProbe(path: "package/activity/analytics/events-2021-00000-of-00001.json", head: head, size: nil))?.confidence, 0.9)
        XCTAssertEqual(importer.detect(FileProbe(path: "package/Activity/modeling/events-2021-00000-of-00001.json", head: head, size: nil))?.confidence, 0.9)
        XCTAssertNil(importer.detect(FileProbe(path: "export/analytics/events.json", head: head, size: nil)),
                     "an events file outside a package's Activity folder is someone else's log")
    }

    func testReadableTurnsAgeRangesIntoDashesAndOtherValuesIntoWords() {
        XCTAssertEqual(DiscordPredictionsParser.readable("13_17"), "13–17")
        XCTAssertEqual(DiscordPredictionsParser.readable("35_over"), "35 over")
        XCTAssertEqual(DiscordPredictionsParser.readable("non_binary_gender_expansive"), "non binary gender expansive")
    }
}
