import Foundation
import XCTest

/// Error and warning messages name the file, the position and the problem, never what a record
/// says (names, amounts, texts): inputs whose records carry a unique marker — in malformed
/// fields that trigger errors, and in the text beside them — are scanned, and the marker must
/// not appear on stderr, in any input's errors or warnings, or in any reason a file was not
/// read (docs/privacy.md, "Record content in messages").
final class NoRecordContentInMessagesTests: XCTestCase {
    private var home = ""
    static let marker = "QZXMARK"

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("content") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    /// Files whose records carry the marker where parsing fails, keyed by path below the scanned folder.
    static func markedInputs() -> [(String, String)] {
        let m = marker
        return [
            ("bank/statement.csv", """
             Date,Description,Amount,Currency
             2024-03-01,Coffee \(m) shop,-3.50,EUR
             2024-03-02,Bad amount,\(m)12.00,EUR
             \(m)-03-03,Bad date,-1.00,EUR
             2024-03-04,Bad currency,-2.00,\(m)
             2024-03-05,"Unterminated \(m) quote,-1.00,EUR
             """),
            ("bank/all-bad.csv", """
             Date,Description,Amount
             \(m)1,\(m)a,\(m)1
             \(m)2,\(m)b,\(m)2
             \(m)3,\(m)c,\(m)3
             \(m)4,\(m)d,\(m)4
             """),
            ("bank/statement.sta", """
             :20:STARTUMS
             :25:10020030/1234567
             :28C:00001/001
             :60F:C240301EUR1000,00
             :61:2403010301DR3,50NTRFNONREF
             :86:Coffee \(m)
             :61:2403020302DR\(m),00NTRFNONREF
             :86:Huge \(m)
             :61:\(m)CR900,00NTRFNONREF
             :86:Salary \(m)
             :62F:C240303EUR1896,50
             -
             """),
            ("bank/statement.ofx", """
             OFXHEADER:100
             DATA:OFXSGML
             VERSION:102
             <OFX>
             <BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD
             <BANKTRANLIST>
             <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240205<TRNAMT>-45.10<FITID>A1<NAME>SHOP \(m)</STMTTRN>
             <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>\(m)<TRNAMT>-1.10<FITID>A2<NAME>BAD DATE \(m)</STMTTRN>
             <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240206<TRNAMT>\(m)<FITID>A3<NAME>BAD AMOUNT \(m)</STMTTRN>
             </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
             """),
            ("Telegram Desktop/ChatExport_2024-01-20/result.json", """
             {"name": "\(m) Alice", "type": "personal_chat", "id": 1, "messages": [
               {"id": 1, "type": "message", "date": "2024-01-15T10:30:00", "date_unixtime": "1705311000", "from": "\(m)", "from_id": "user1", "text": "hello \(m)"},
               {"id": 2, "type": "message", "date": "2024-01-15T10:30:00", "date_unixtime": "\(m)17", "from": "\(m)", "from_id": "user1", "text": "\(m)"},
               {"id": 3, "type": "message", "date": "\(m)", "from": "\(m)", "text": "\(m)"}
             ]}
             """),
            ("Takeout/Location History/Records.json", """
             {"locations": [
               {"latitudeE7": 525163400, "longitudeE7": 133777000, "accuracy": 20, "timestampMs": "1546300800000"},
               {"latitudeE7": "\(m)", "longitudeE7": 133777000, "accuracy": 20, "timestampMs": "1546300800000"},
               {"latitudeE7": 525163400, "longitudeE7": 133777000, "accuracy": 20, "timestampMs": "\(m)"},
               {"latitudeE7": 525163400, "longitudeE7": 133777000, "timestamp": "\(m)"}
             ]}
             """),
            ("Takeout/Chrome/BrowserHistory.json", """
             {"Browser History": [
               {"page_transition": "LINK", "title": "\(m)", "url": "https://example.org/\(m)", "time_usec": 1606820400000000},
               {"page_transition": "LINK", "title": "\(m)", "url": "https://example.org/\(m)", "time_usec": "\(m)"},
               {"page_transition": "LINK", "title": "\(m)", "url": "https://example.org/\(m)", "time_usec": \(String(repeating: "[", count: 300))"\(m)"\(String(repeating: "]", count: 300))}
             ]}
             """),
            ("Takeout/My Activity/Search/MyActivity.json", """
             [{"header": "Search", "title": "Searched for \(m)", "time": "2023-11-02T01:14:09.311Z", "products": ["Search"]},
              {"header": "Search", "title": "Searched for \(m)", "time": "\(m)", "products": ["Search"]}]
             """),
            ("Spotify Extended Streaming History/Streaming_History_Audio_2024.json", """
             [{"ts": "2024-04-20T18:15:22Z", "platform": "android", "ms_played": 2385, "master_metadata_track_name": "\(m)", "master_metadata_album_artist_name": "\(m)", "spotify_track_uri": "spotify:track:1"},
              {"ts": "2024-04-20T18:16:22Z", "platform": "android", "ms_played": "\(m)", "master_metadata_track_name": "\(m)", "master_metadata_album_artist_name": "\(m)", "spotify_track_uri": "spotify:track:1"},
              {"ts": "\(m)", "platform": "android", "ms_played": 1000, "master_metadata_track_name": "\(m)", "master_metadata_album_artist_name": "\(m)", "spotify_track_uri": "spotify:track:1"}]
             """),
            ("sms-20240804.xml", """
             <?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
             <smses count="2">
               <sms protocol="0" address="+15551234567" date="1722772800123" type="1" body="\(m)" read="1" contact_name="\(m)" />
               <sms protocol="0" address="+15551234567" date="\(m)" type="1" body="\(m)" read="1" contact_name="\(m)" />
             </smses>
             """),
            ("apple_health_export/export.xml", """
             <?xml version="1.0" encoding="UTF-8"?>
             <HealthData locale="en_US">
              <ExportDate value="2024-03-02 08:00:00 +0100"/>
              <Record type="HKQuantityTypeIdentifierStepCount" sourceName="\(m)" unit="count" startDate="2024-03-01 09:55:00 +0100" endDate="2024-03-01 10:04:00 +0100" value="8432"/>
              <Record type="HKQuantityTypeIdentifierStepCount" sourceName="\(m)" unit="count" startDate="2024-03-01 09:55:00 +0100" endDate="2024-03-01 10:04:00 +0100" value="\(m)"/>
              <Record type="HKQuantityTypeIdentifierStepCount" sourceName="\(m)" unit="count" startDate="\(m)" endDate="2024-03-01 10:04:00 +0100" value="12"/>
             </HealthData>
             """),
            ("workout-routes/route_2024-03-01_6.00pm.gpx", """
             <?xml version="1.0" encoding="UTF-8"?>
             <gpx version="1.1" creator="\(m)" xmlns="http://www.topografix.com/GPX/1/1">
               <trk><name>\(m)</name><trkseg>
                 <trkpt lon="13.404954" lat="52.520008"><time>2024-03-01T17:00:42Z</time></trkpt>
                 <trkpt lon="\(m)" lat="52.5"><time>2024-03-01T17:00:43Z</time></trkpt>
                 <trkpt lon="13.4" lat="52.5"><time>\(m)</time></trkpt>
               </trkseg></trk>
             </gpx>
             """),
            ("messages/inbox/ann_1/message_1.json", """
             {"participants": [{"name": "\(m)"}, {"name": "Me"}], "messages": [
               {"sender_name": "\(m)", "timestamp_ms": 1596910928321, "content": "\(m)", "type": "Generic"},
               {"sender_name": "\(m)", "timestamp_ms": "\(m)", "content": "\(m)", "type": "Generic"}
             ], "title": "\(m)", "thread_path": "inbox/ann_1"}
             """),
            ("twitter/data/tweets.js", """
             window.YTD.tweets.part0 = [
               {"tweet": {"id_str": "1", "created_at": "Sun Sep 10 08:00:00 +0000 2023", "full_text": "\(m)"}},
               {"tweet": {"id_str": "2", "created_at": "\(m)", "full_text": "\(m)"}}
             ]
             """),
            ("WhatsApp Chat with Ann.txt", """
             12/01/2024, 09:15 - Ann: \(m) hello
             12/01/2024, 09:16 - Me: \(m)
             99/99/2024, 09:17 - Ann: \(m)
             """),
            ("notes.txt", "\(m) \(m) \(m)\n"),
            ("bad-utf8.csv", "Date,Description,Amount\n2024-01-01,\(m)\u{FFFD},-1.00\n"),
        ]
    }

    func testTheMarkerNeverAppearsInStderrErrorsWarningsOrReasons() throws {
        let dir = home + "/inputs"
        for (path, text) in Self.markedInputs() {
            let full = dir + "/" + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        let result = try StewardProcess.run(["scan", dir, "--no-db", "--format", "json", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertFalse(result.stderr.contains(Self.marker), "stderr quotes record content:\n\(result.stderr)")

        let report = try StewardProcess.json(result.stdout)
        let inputs = report["inputs"] as? [[String: Any]] ?? []
        var messages: [String] = []
        for input in inputs {
            let path = input["path"] as? String ?? ""
            for key in ["errors", "warnings"] {
                for message in input[key] as? [String] ?? [] { messages.append("\(path): \(key): \(message)") }
            }
        }
        for key in ["unrecognized", "knownFiles"] {
            for item in report[key] as? [[String: Any]] ?? [] { messages.append("\(item["path"] ?? ""): \(item["reason"] ?? "")") }
        }
        // The test means something only if the bad records were met and reported.
        let problems = inputs.reduce(0) { $0 + (($1["errors"] as? [String])?.count ?? 0) }
        XCTAssertGreaterThanOrEqual(problems, 15, "too few problems reported to check: \(messages.joined(separator: "\n"))")
        let leaks = messages.filter { $0.replacingOccurrences(of: home, with: "").contains(Self.marker) }
        XCTAssertEqual(leaks, [], "messages quote record content")
    }
}
