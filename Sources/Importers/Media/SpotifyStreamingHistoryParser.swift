import StewardCore
import Formats

/// Spotify streaming history, both shapes, streamed element by element (one file can hold
/// tens of thousands of plays):
/// - extended streaming history (`Streaming_History_Audio_2023.json`, older `endsong_0.json`):
///   `[{"ts": "2023-03-19T18:31:37Z", "ms_played": 174424, "master_metadata_track_name": …,
///   "master_metadata_album_artist_name": …, "episode_name": …, "episode_show_name": …,
///   "audiobook_title": …, "audiobook_chapter_title": …, "offline": true,
///   "offline_timestamp": 1679250523, "ip_addr": …, "conn_country": …}, …]`;
/// - account data (`StreamingHistory0.json`, `StreamingHistory_music_0.json`,
///   `StreamingHistory_podcast_0.json`): `[{"endTime": "2019-02-03 14:15", "artistName": …,
///   "trackName": …, "msPlayed": 1234}]` or `{"podcastName": …, "episodeName": …}`.
/// One `listen` event per play: counterparty = artist, show or audiobook, title = track,
/// episode or chapter. Only the keys below are parsed at all: `ip_addr`, `username` and the
/// user agent never enter memory as values, let alone events.
public struct SpotifyStreamingHistoryParser: ExportParser {
    public static let source = "spotify.streaming"
    static let keysRead: JSONKeySet = [
        "ts", "ms_played", "master_metadata_track_name", "master_metadata_album_artist_name",
        "master_metadata_album_album_name", "spotify_track_uri", "episode_name", "episode_show_name",
        "spotify_episode_uri", "audiobook_title", "audiobook_uri", "audiobook_chapter_title",
        "reason_end", "offline", "offline_timestamp",
        "endTime", "msPlayed", "artistName", "trackName", "podcastName", "episodeName",
    ]

    private var splitter = JSONArraySplitter()

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        try splitter.feed(chunk) { output throws(ParseError) in Self.handle(output, into: sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        try splitter.finish { output throws(ParseError) in Self.handle(output, into: sink) }
        if splitter.elementCount == 0 && !splitter.arrayClosed {
            throw ParseError("not a JSON array of plays")
        }
    }

    private static func handle(_ output: JSONArraySplitter.Output, into sink: EventSink) {
        JSONRecordDelivery.deliver(output, pointerPrefix: "", keys: keysRead, into: sink, map: play(from:position:))
    }

    struct SkipReason: RecordSkipReason {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// Maps one play of either shape to an event, or says why it cannot.
    static func play(from value: JSONValue, position: SourcePosition) -> Result<Event, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        if value["ts"] != nil || value["ms_played"] != nil { return extendedPlay(value, position: position) }
        if value["endTime"] != nil || value["msPlayed"] != nil { return accountDataPlay(value, position: position) }
        return .failure(SkipReason("neither ts/ms_played nor endTime/msPlayed"))
    }

    /// Extended history. `ts` is when playback ENDED (Spotify's ReadMeFirst_ExtendedStreamingHistory),
    /// and for plays made offline it is when the app next synced — in the public sample a
    /// 2-second offline play of March 2023 carries a ts of April 2024. `offline_timestamp` is
    /// then when playback started: in SECONDS in 2023+ exports (1679249830 beside a ts 3 min
    /// 40 s later, ms_played 219813), in milliseconds in some older ones, told apart by size.
    static func extendedPlay(_ value: JSONValue, position: SourcePosition) -> Result<Event, SkipReason> {
        guard let tsText = value["ts"]?.stringValue, let ended = Timestamp.parseISO8601(Array(tsText.utf8)) else {
            return .failure(SkipReason(value["ts"] == nil ? "no ts" : "ts is not an ISO 8601 time"))
        }
        // Spotify states these instants in UTC.
        var start = Timestamp(epochSeconds: ended.epochSeconds, utcOffsetSeconds: 0), end: Timestamp
        do {
            let played = try CheckedNumber.durationSeconds(value.integer("ms_played") ?? 0, unit: .milliseconds,
                                                           field: "ms_played")
            start = try UntrustedTime.shifted(start, bySeconds: -played, field: "ms_played")
            if value["offline"]?.boolValue == true, let offline = try value.integer("offline_timestamp"), offline > 0 {
                start = try UntrustedTime.timestamp(offline, unit: offline > 100_000_000_000 ? .milliseconds : .seconds,
                                                    since: .unix1970, field: "offline_timestamp")
            }
            end = try UntrustedTime.shifted(start, bySeconds: played, field: "ms_played")
        } catch {
            return .failure(SkipReason(error.description))
        }
        let track = nonEmpty(value["master_metadata_track_name"]?.stringValue)
        let episode = nonEmpty(value["episode_name"]?.stringValue)
        let audiobook = nonEmpty(value["audiobook_title"]?.stringValue)
        let fields: (title: String?, counterparty: String?, text: String?, uri: String?, product: String)
        if let track {
            fields = (track, nonEmpty(value["master_metadata_album_artist_name"]?.stringValue),
                      nonEmpty(value["master_metadata_album_album_name"]?.stringValue),
                      nonEmpty(value["spotify_track_uri"]?.stringValue), "music")
        } else if let episode {
            fields = (episode, nonEmpty(value["episode_show_name"]?.stringValue), nil,
                      nonEmpty(value["spotify_episode_uri"]?.stringValue), "podcast")
        } else if let audiobook {
            fields = (nonEmpty(value["audiobook_chapter_title"]?.stringValue) ?? audiobook, audiobook, nil,
                      nonEmpty(value["audiobook_uri"]?.stringValue), "audiobook")
        } else {
            // Spotify leaves every name null for plays of since-removed or local content.
            return .failure(SkipReason("no track, episode or audiobook named"))
        }
        return .success(Event(source: source, kind: .listen,
                              time: start, endTime: end,
                              text: fields.text, title: fields.title, url: fields.uri, counterparty: fields.counterparty,
                              code: nonEmpty(value["reason_end"]?.stringValue), product: fields.product,
                              position: position))
    }

    /// Account data: `endTime` is "yyyy-MM-dd HH:mm" in UTC (minutes only), the end of playback.
    static func accountDataPlay(_ value: JSONValue, position: SourcePosition) -> Result<Event, SkipReason> {
        guard let endText = value["endTime"]?.stringValue, let parsed = Timestamp.parseISO8601(Array(endText.utf8)),
              !parsed.dateOnly else {
            return .failure(SkipReason(value["endTime"] == nil ? "no endTime" : "endTime is not a date and time"))
        }
        // Written without a designator, but Spotify documents these times as UTC.
        let ended = Timestamp(epochSeconds: parsed.epochSeconds, utcOffsetSeconds: 0), start: Timestamp
        do {
            let played = try CheckedNumber.durationSeconds(value.integer("msPlayed") ?? 0, unit: .milliseconds, field: "msPlayed")
            start = try UntrustedTime.shifted(ended, bySeconds: -played, field: "msPlayed")
        } catch {
            return .failure(SkipReason(error.description))
        }
        let title: String?, counterparty: String?, product: String
        if let track = nonEmpty(value["trackName"]?.stringValue) {
            (title, counterparty, product) = (track, nonEmpty(value["artistName"]?.stringValue), "music")
        } else if let episode = nonEmpty(value["episodeName"]?.stringValue) {
            (title, counterparty, product) = (episode, nonEmpty(value["podcastName"]?.stringValue), "podcast")
        } else {
            return .failure(SkipReason("no track or episode named"))
        }
        return .success(Event(source: source, kind: .listen,
                              time: start, endTime: ended,
                              title: title, counterparty: counterparty, product: product, position: position))
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
