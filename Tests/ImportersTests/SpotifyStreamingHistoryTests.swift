import XCTest
@testable import Importers
@testable import StewardCore

/// Spotify extended streaming history and account-data StreamingHistory*.json, as inline
/// fixtures in the real shapes, fed in small chunks so plays split across chunks still parse.
final class SpotifyStreamingHistoryTests: XCTestCase {
    /// Extended history, 2023+ shape: a track played offline (ts is the later sync time,
    /// offline_timestamp the start in seconds), a podcast episode, an audiobook chapter, a
    /// play with every name null, and an older endsong-style play with offline_timestamp in ms.
    static let extended = """
    [
      {"ts": "2024-04-20T18:15:22Z", "platform": "android", "ms_played": 2385, "conn_country": "DE",
       "ip_addr": "203.0.113.77", "master_metadata_track_name": "Beqaaboo", "master_metadata_album_artist_name": "OAFF",
       "master_metadata_album_album_name": "Gehraiyaan", "spotify_track_uri": "spotify:track:1U8rhryVYw9gWZ6zvw4Orc",
       "episode_name": null, "episode_show_name": null, "spotify_episode_uri": null, "audiobook_title": null,
       "audiobook_uri": null, "audiobook_chapter_uri": null, "audiobook_chapter_title": null,
       "reason_start": "fwdbtn", "reason_end": "fwdbtn", "shuffle": true, "skipped": true, "offline": true,
       "offline_timestamp": 1679249719, "incognito_mode": false},
      {"ts": "2023-11-02T02:40:00Z", "platform": "ios", "ms_played": 1800000, "conn_country": "GB",
       "ip_addr": "2001:db8::1", "master_metadata_track_name": null, "master_metadata_album_artist_name": null,
       "master_metadata_album_album_name": null, "spotify_track_uri": null,
       "episode_name": "Coping with panic attacks", "episode_show_name": "The Anxiety Podcast",
       "spotify_episode_uri": "spotify:episode:0abc", "audiobook_title": null, "audiobook_uri": null,
       "audiobook_chapter_uri": null, "audiobook_chapter_title": null, "reason_start": "clickrow",
       "reason_end": "endplay", "shuffle": false, "skipped": false, "offline": false, "offline_timestamp": 0,
       "incognito_mode": false},
      {"ts": "2023-11-03T20:00:00Z", "ms_played": 600000, "ip_addr": "198.51.100.9",
       "master_metadata_track_name": null, "episode_name": null, "audiobook_title": "Debt Free for Good",
       "audiobook_uri": "spotify:show:9xyz", "audiobook_chapter_title": "Chapter 3", "offline": false},
      {"ts": "2023-11-03T21:00:00Z", "ms_played": 1000, "ip_addr": "198.51.100.9",
       "master_metadata_track_name": null, "episode_name": null, "audiobook_title": null},
      {"ts": "2019-05-01T10:03:00Z", "username": "someone", "ms_played": 180000, "ip_addr_decrypted": "192.0.2.1",
       "user_agent_decrypted": "unknown", "master_metadata_track_name": "Café del Mar", "master_metadata_album_artist_name": "Energy 52",
       "offline": true, "offline_timestamp": 1556704800000}
    ]
    """

    static let accountData = """
    [
      {
        "endTime" : "2019-02-03 14:15",
        "artistName" : "Жанна Агузарова",
        "trackName" : "Старый отель",
        "msPlayed" : 185000
      },
      {
        "endTime" : "2019-02-03 23:58",
        "podcastName" : "Casino Stories",
        "episodeName" : "Episode 12",
        "msPlayed" : 60000
      },
      {"endTime" : "2019-02-04", "artistName" : "x", "trackName" : "date only", "msPlayed" : 1},
      {"endTime" : "2019-02-04 10:00", "msPlayed" : 1}
    ]
    """

    private func parse(_ text: String, chunkSize: Int = 7) throws -> EventCollector {
        let collector = EventCollector()
        var parser = SpotifyStreamingHistoryParser()
        try parser.parseAll(Array(text.utf8), chunkSize: chunkSize, into: collector.sink)
        return collector
    }

    func testExtendedHistoryTracksEpisodesAudiobooks() throws {
        let collector = try parse(Self.extended)
        let events = collector.events
        XCTAssertEqual(events.count, 4)
        XCTAssertEqual(collector.sink.skippedCount, 1, "the play without any name")
        XCTAssertTrue(collector.sink.issues.contains { $0.contains("record 3") && $0.contains("no track, episode or audiobook") }, "\(collector.sink.issues)")
        XCTAssertTrue(events.allSatisfy { $0.source == "spotify.streaming" && $0.kind == .listen })

        // Offline play: started at offline_timestamp (seconds), not at the sync time in ts.
        XCTAssertEqual(events[0].time?.iso8601, "2023-03-19T18:15:19Z")
        XCTAssertEqual(events[0].endTime?.iso8601, "2023-03-19T18:15:21Z")
        XCTAssertEqual(events[0].title, "Beqaaboo")
        XCTAssertEqual(events[0].counterparty, "OAFF")
        XCTAssertEqual(events[0].text, "Gehraiyaan")
        XCTAssertEqual(events[0].url, "spotify:track:1U8rhryVYw9gWZ6zvw4Orc")
        XCTAssertEqual(events[0].product, "music")
        XCTAssertEqual(events[0].code, "fwdbtn")

        // Online play: ts is the end, the start is ts − ms_played.
        XCTAssertEqual(events[1].time?.iso8601, "2023-11-02T02:10:00Z")
        XCTAssertEqual(events[1].endTime?.iso8601, "2023-11-02T02:40:00Z")
        XCTAssertEqual(events[1].title, "Coping with panic attacks")
        XCTAssertEqual(events[1].counterparty, "The Anxiety Podcast")
        XCTAssertEqual(events[1].product, "podcast")

        XCTAssertEqual(events[2].title, "Chapter 3")
        XCTAssertEqual(events[2].counterparty, "Debt Free for Good")
        XCTAssertEqual(events[2].product, "audiobook")

        // endsong-era offline_timestamp in milliseconds.
        XCTAssertEqual(events[3].time?.iso8601, "2019-05-01T10:00:00Z")
        XCTAssertEqual(events[3].title, "Café del Mar")
        XCTAssertEqual(events[3].position.pointer, "/4")
    }

    func testIPAddressesAndUsernamesNeverReachEvents() throws {
        let events = try parse(Self.extended).events
        let everything = events.flatMap { event in Event.Field.allCases.compactMap { event.value(of: $0) } }.joined(separator: "\n")
        for secret in ["203.0.113.77", "2001:db8::1", "198.51.100.9", "192.0.2.1", "someone", "DE", "GB"] {
            XCTAssertFalse(everything.contains(secret), secret)
        }
    }

    func testAccountDataMusicAndPodcasts() throws {
        let collector = try parse(Self.accountData, chunkSize: 3)
        let events = collector.events
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(collector.sink.skippedCount, 2)
        XCTAssertEqual(events[0].title, "Старый отель")
        XCTAssertEqual(events[0].counterparty, "Жанна Агузарова")
        XCTAssertEqual(events[0].endTime?.iso8601, "2019-02-03T14:15:00Z", "account-data times are UTC")
        XCTAssertEqual(events[0].time?.iso8601, "2019-02-03T14:11:55Z")
        XCTAssertEqual(events[1].title, "Episode 12")
        XCTAssertEqual(events[1].counterparty, "Casino Stories")
        XCTAssertEqual(events[1].product, "podcast")
    }

    func testBadElementsAreSkippedAndTheRestRead() throws {
        let text = ##"[{"ts": "yesterday", "ms_played": 5, "master_metadata_track_name": "a"}, 42, {"ts": "2023-01-01T00:00:10Z", "ms_played": 10000, "master_metadata_track_name": "b", "master_metadata_album_artist_name": "<script>x</script>"}, {"ts": "2023-01-01T00:00:10Z", "ms_played": [[[[1]]]], "#"##
        let collector = try parse(text)
        XCTAssertEqual(collector.events.map { $0.title ?? "-" }, ["b"])
        XCTAssertEqual(collector.events[0].counterparty, "<script>x</script>")
        XCTAssertEqual(collector.events[0].time?.iso8601, "2023-01-01T00:00:00Z")
        XCTAssertEqual(collector.sink.skippedCount, 3, "bad ts, not an object, truncated: \(collector.sink.issues)")
    }

    func testNotAnArrayIsAFileLevelError() {
        var parser = SpotifyStreamingHistoryParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array(#"{"ts": 1}"#.utf8), into: collector.sink))
    }

    func testDetectionByKeysNotNames() {
        func detect(_ text: String, _ name: String = "renamed.json") -> String? {
            let probe = FileProbe(path: "/x/" + name, head: Array(text.utf8), size: nil)
            if case .success(let found) = ImporterRegistry.detect(probe) { return found.importer.id }
            return nil
        }
        XCTAssertEqual(detect(Self.extended), "spotify.streaming")
        XCTAssertEqual(detect(Self.accountData, "StreamingHistory0.json"), "spotify.streaming")
        XCTAssertNil(SpotifyStreamingHistoryImporter().detect(FileProbe(path: "StreamingHistory0.json", head: Array("[]".utf8), size: 2)))
        XCTAssertNil(SpotifyStreamingHistoryImporter().detect(FileProbe(path: "a.json", head: Array(#"[{"header": "Search", "title": "Searched for ts", "time": "2024-01-01T00:00:00Z"}]"#.utf8), size: nil)))
        XCTAssertNil(SpotifyStreamingHistoryImporter().detect(FileProbe(path: "a.json", head: Array(#"{"ts": "x", "ms_played": 1}"#.utf8), size: nil)))
    }
}
