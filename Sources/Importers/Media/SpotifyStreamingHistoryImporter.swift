import StewardCore

/// Spotify listening history: the extended streaming history (`Streaming_History_Audio_*.json`,
/// older `endsong_*.json`) and the account-data `StreamingHistory*.json`. Detected by the
/// keys of the first play (file names vary by year and are often renamed), never by name.
public struct SpotifyStreamingHistoryImporter: Importer {
    public init() {}

    public var id: String { SpotifyStreamingHistoryParser.source }
    public var title: String { "Spotify streaming history (extended or account data JSON)" }
    public var howToRequest: String {
        """
        spotify.com → Account → Privacy settings ("Account privacy") → "Download your data": tick \
        "Extended streaming history" (every play since the account began, up to 30 days to arrive) \
        and/or "Account data" (last year only, about 5 days). Scan the downloaded zip: \
        Spotify Extended Streaming History/Streaming_History_Audio_*.json, \
        Spotify Account Data/StreamingHistory*.json.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "[") else { return nil }
        let firstPlay = head.prefix(4096)
        func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: firstPlay) }
        if has("ts") && has("ms_played") {
            let named = has("master_metadata_track_name") || has("episode_name") || has("spotify_track_uri")
            return Detection(confidence: named ? 0.95 : 0.7,
                             reason: "JSON array of plays with ts and ms_played (Spotify extended streaming history)")
        }
        if has("endTime") && has("msPlayed") && (has("trackName") || has("episodeName")) {
            return Detection(confidence: 0.9, reason: "JSON array of plays with endTime and msPlayed (Spotify account data)")
        }
        return nil
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { SpotifyStreamingHistoryParser() }
}
