import CSQLite
import Foundation

/// The adversarial corpus: hostile and broken inputs, generated (nothing large is checked
/// in). `AdversarialCorpusTests` scans each case on its own and checks its message;
/// `AdversarialCorpusCLITests` scans them all at once through the binary and bounds its memory.
/// docs/privacy.md, "The adversarial corpus".
public enum AdversarialCorpus {
    /// What a case must produce.
    public enum Expect: Sendable {
        /// A message about a path under the case's folder containing each of these words.
        case reported([String])
        /// Records read from a file under the case's folder (an odd but valid input).
        case read
    }

    public struct Case: Sendable {
        public var name: String
        public var expect: Expect
        /// Writes the case's files into its folder.
        public var make: @Sendable (String) throws -> Void
    }

    /// A statement every case is scanned beside: it must still be read.
    public static let goodStatement = "Date,Description,Amount,Balance\n02/03/2025,Tesco Stores,-12.40,87.60\n03/03/2025,Rent,-500.00,-412.40\n"

    // MARK: - Building blocks

    public static func put(_ dir: String, _ name: String, _ bytes: [UInt8]) throws {
        let path = dir + "/" + name
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    public static func put(_ dir: String, _ name: String, _ text: String) throws { try put(dir, name, Array(text.utf8)) }

    static func cut(_ text: String, at fraction: Double) -> [UInt8] {
        let bytes = Array(text.utf8)
        return Array(bytes.prefix(Int(Double(bytes.count) * fraction)))
    }

    static func sqlite(_ path: String, _ statements: [String]) throws {
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw NSError(domain: "sqlite", code: 1) }
        defer { sqlite3_close(db) }
        for sql in statements {
            guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
                throw NSError(domain: "sqlite", code: 2, userInfo: [NSLocalizedDescriptionKey: "\(sql): \(String(cString: sqlite3_errmsg(db)))"])
            }
        }
    }

    static let telegram = """
    {"name": "Ann", "type": "personal_chat", "id": 1, "messages": [
      {"id": 1, "type": "message", "date": "2024-01-15T10:30:00", "date_unixtime": "1705311000", "from": "Ann", "from_id": "user1", "text": "hello there"},
      {"id": 2, "type": "message", "date": "2024-01-15T10:31:00", "date_unixtime": "1705311060", "from": "Ann", "from_id": "user1", "text": "and again"}
    ]}
    """
    static let myActivity = """
    [{"header": "Search", "title": "Searched for payday loan", "time": "2023-11-02T01:14:09.311Z", "products": ["Search"]},
     {"header": "Search", "title": "Searched for gym prices", "time": "2023-11-02T01:15:09.311Z", "products": ["Search"]}]
    """
    static let records = """
    {"locations": [
      {"latitudeE7": 525163400, "longitudeE7": 133777000, "accuracy": 20, "timestampMs": "1546300800000"},
      {"latitudeE7": 525163500, "longitudeE7": 133777100, "accuracy": 20, "timestampMs": "1546300860000"}
    ]}
    """
    static let chrome = """
    {"Browser History": [
      {"page_transition": "LINK", "title": "Page", "url": "https://example.org/a", "time_usec": 1606820400000000},
      {"page_transition": "LINK", "title": "Page", "url": "https://example.org/b", "time_usec": 1606820460000000}
    ]}
    """
    static let spotify = """
    [{"ts": "2024-04-20T18:15:22Z", "platform": "android", "ms_played": 2385, "master_metadata_track_name": "Song", "master_metadata_album_artist_name": "Artist", "spotify_track_uri": "spotify:track:1"},
     {"ts": "2024-04-20T18:19:22Z", "platform": "android", "ms_played": 2385, "master_metadata_track_name": "Song", "master_metadata_album_artist_name": "Artist", "spotify_track_uri": "spotify:track:2"}]
    """
    static let sms = """
    <?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
    <smses count="2">
      <sms protocol="0" address="+15551234567" date="1722772800123" type="1" body="first" read="1" contact_name="Bob" />
      <sms protocol="0" address="+15551234567" date="1722772860123" type="1" body="second" read="1" contact_name="Bob" />
    </smses>
    """
    static let health = """
    <?xml version="1.0" encoding="UTF-8"?>
    <HealthData locale="en_US">
     <ExportDate value="2024-03-02 08:00:00 +0100"/>
     <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" startDate="2024-03-01 09:55:00 +0100" endDate="2024-03-01 10:04:00 +0100" value="8432"/>
     <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" startDate="2024-03-02 09:55:00 +0100" endDate="2024-03-02 10:04:00 +0100" value="8433"/>
    </HealthData>
    """
    static let gpx = """
    <?xml version="1.0" encoding="UTF-8"?>
    <gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1">
      <trk><name>Route</name><trkseg>
        <trkpt lon="13.404954" lat="52.520008"><time>2024-03-01T17:00:42Z</time></trkpt>
        <trkpt lon="13.405100" lat="52.520100"><time>2024-03-01T17:00:48Z</time></trkpt>
      </trkseg></trk>
    </gpx>
    """
    static let ofx = """
    OFXHEADER:100
    DATA:OFXSGML
    VERSION:102

    <OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST>
    <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250301<TRNAMT>-5.00<FITID>1<NAME>Oddbins</STMTTRN>
    <STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20250302<TRNAMT>-6.00<FITID>2<NAME>Tesco</STMTTRN>
    </BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
    """
    static let mt940 = """
    :20:STARTUMS
    :25:10020030/1234567
    :28C:00001/001
    :60F:C240301EUR1000,00
    :61:2403010301DR3,50NTRFNONREF
    :86:Coffee
    :61:2403030303CR900,00NTRFNONREF
    :86:Salary
    :62F:C240303EUR1896,50
    -
    """
    static let camt = """
    <?xml version="1.0" encoding="UTF-8"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt><Id>1</Id>
    <Ntry><Amt Ccy="EUR">12.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-03-01</Dt></BookgDt><NtryDtls><TxDtls><RmtInf><Ustrd>Coffee shop</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
    <Ntry><Amt Ccy="EUR">13.50</Amt><CdtDbtInd>DBIT</CdtDbtInd><BookgDt><Dt>2024-03-02</Dt></BookgDt><NtryDtls><TxDtls><RmtInf><Ustrd>Bakery</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
    </Stmt></BkToCstmrStmt></Document>
    """

    static func lines(_ tag: String) -> [UInt8] { Array("Date,Description,Amount\n05/03/2025,\(tag),-1.00\n".utf8) }

    // MARK: - The corpus

    public static let cases: [Case] = [
        // Truncated files of each format, cut inside a record.
        Case(name: "truncated-bank-csv", expect: .reported(["quoted field"])) { try put($0, "statement.csv", "Date,Description,Amount\n05/03/2025,Shop,-1.00\n06/03/2025,\"Cut off here") },
        Case(name: "truncated-ofx", expect: .reported(["file ends inside a transaction"])) { try put($0, "cut.ofx", cut(ofx, at: 0.75)) },
        Case(name: "truncated-mt940", expect: .reported(["file ends inside a :61:"])) { try put($0, "cut.sta", cut(mt940, at: 0.55)) },
        Case(name: "truncated-camt", expect: .reported(["truncated"])) { try put($0, "camt.xml", cut(camt, at: 0.6)) },
        Case(name: "truncated-telegram", expect: .reported(["truncated"])) { try put($0, "Telegram Desktop/ChatExport_2024-01-20/result.json", cut(telegram, at: 0.7)) },
        Case(name: "truncated-my-activity", expect: .reported(["truncated"])) { try put($0, "Takeout/My Activity/Search/MyActivity.json", cut(myActivity, at: 0.7)) },
        Case(name: "truncated-location-records", expect: .reported(["truncated"])) { try put($0, "Takeout/Location History/Records.json", cut(records, at: 0.7)) },
        Case(name: "truncated-chrome-history", expect: .reported(["truncated"])) { try put($0, "Takeout/Chrome/BrowserHistory.json", cut(chrome, at: 0.7)) },
        Case(name: "truncated-spotify", expect: .reported(["truncated"])) { try put($0, "Spotify Extended Streaming History/Streaming_History_Audio_2024.json", cut(spotify, at: 0.7)) },
        Case(name: "truncated-sms-xml", expect: .reported(["truncated"])) { try put($0, "sms-20240804.xml", cut(sms, at: 0.7)) },
        Case(name: "truncated-apple-health", expect: .reported(["truncated"])) { try put($0, "apple_health_export/export.xml", cut(health, at: 0.7)) },
        Case(name: "truncated-gpx", expect: .reported(["truncated"])) { try put($0, "workout-routes/route_2024-03-01_6.00pm.gpx", cut(gpx, at: 0.7)) },
        Case(name: "truncated-zip", expect: .reported(["damaged"])) { dir in
            let zip = ZipImage([.deflated("Takeout/My Activity/Search/MyActivity.json", Array(myActivity.utf8)), .init("b.csv", lines("Zip"))]).bytes
            try put(dir, "takeout.zip", Array(zip.prefix(zip.count * 2 / 3)))
        },
        Case(name: "truncated-tgz", expect: .reported(["truncated"])) { dir in
            let tgz = gzipBytes(tarBytes([("Takeout/Chrome/BrowserHistory.json", Array(chrome.utf8))]))
            try put(dir, "takeout.tgz", Array(tgz.prefix(tgz.count / 2)))
        },
        Case(name: "truncated-sqlite", expect: .reported(["malformed"])) { dir in
            try sqlite(dir + "/full.db", ["CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT, title TEXT, visit_count INTEGER, last_visit_time INTEGER)",
                                          "CREATE TABLE visits (id INTEGER PRIMARY KEY, url INTEGER, visit_time INTEGER, transition INTEGER)"]
                       + (0..<400).map { "INSERT INTO urls (url, title, last_visit_time) VALUES ('https://example.org/\($0)', 'Page \($0)', 13300000000000000)" })
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/full.db"))
            try FileManager.default.removeItem(atPath: dir + "/full.db")
            try put(dir, "History", Array(bytes.prefix(bytes.count / 2)))
        },
        // Nesting, long lines, big records.
        Case(name: "deep-json-array", expect: .reported(["nested"])) { try put($0, "Takeout/Chrome/BrowserHistory.json", "{\"Browser History\": [" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "]}") },
        Case(name: "deep-json-object", expect: .reported(["no importer knows"])) { try put($0, "Telegram Desktop/ChatExport_2024-01-20/result.json", "{\"name\": \"Ann\", \"type\": \"personal_chat\", \"id\": 1, \"messages\": [" + String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "]}") },
        Case(name: "deep-xml", expect: .reported(["entry without a booking or value date"])) { try put($0, "camt.xml", "<?xml version=\"1.0\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Ntry>" + String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000) + "</Ntry></Stmt></BkToCstmrStmt></Document>") },
        Case(name: "huge-csv-line", expect: .reported(["longer than 1 MiB"])) { try put($0, "statement.csv", "Date,Description,Amount\n05/03/2025,Shop,-1.00\n06/03/2025," + String(repeating: "x", count: 3 << 20) + ",-2.00\n") },
        Case(name: "huge-whatsapp-line", expect: .read) { try put($0, "WhatsApp Chat with Ann.txt", "12/01/2024, 09:15 - Ann: hello\n12/01/2024, 09:16 - Ann: " + String(repeating: "y", count: 3 << 20) + "\n12/01/2024, 09:17 - Ann: bye\n") },
        Case(name: "huge-json-record", expect: .reported(["larger than"])) { try put($0, "Takeout/Chrome/BrowserHistory.json", "{\"Browser History\": [{\"page_transition\": \"LINK\", \"title\": \"" + String(repeating: "z", count: 17 << 20) + "\", \"url\": \"https://example.org/\", \"time_usec\": 1606820400000000}]}") },
        Case(name: "million-column-csv", expect: .reported(["more than 4096 columns"])) { try put($0, "wide.csv", "Date,Description,Amount\n05/03/2025,Shop,-1.00\n" + String(repeating: "a,", count: 1_000_000) + "\n") },
        // Encodings.
        Case(name: "invalid-utf8-csv", expect: .read) { try put($0, "statement.csv", Array("Date,Description,Amount\n05/03/2025,".utf8) + [0xFF, 0xFE, 0xC3, 0x28] + Array(",-1.00\n".utf8)) },
        Case(name: "overlong-utf8-json", expect: .read) { try put($0, "Takeout/My Activity/Search/MyActivity.json", Array("[{\"header\": \"Search\", \"title\": \"Searched for ".utf8) + [0xC0, 0xAF, 0xE0, 0x80, 0xAF] + Array("\", \"time\": \"2023-11-02T01:14:09.311Z\", \"products\": [\"Search\"]}]".utf8)) },
        Case(name: "nul-bytes-csv", expect: .reported(["binary file"])) { try put($0, "statement.csv", Array("Date,Description,Amount\n05/03/2025,Shop,-1.00\n".utf8) + [UInt8](repeating: 0, count: 4096) + Array("\n06/03/2025,Other,-2.00\n".utf8)) },
        Case(name: "nul-bytes-json", expect: .reported(["invalid JSON"])) { try put($0, "Takeout/Chrome/BrowserHistory.json", Array("{\"Browser History\": [".utf8) + [UInt8](repeating: 0, count: 2048) + Array("]}".utf8)) },
        Case(name: "utf8-bom-csv", expect: .read) { try put($0, "statement.csv", [0xEF, 0xBB, 0xBF] + lines("Bom shop")) },
        Case(name: "utf16le-bom-csv", expect: .read) { dir in
            try put(dir, "statement.csv", [0xFF, 0xFE] + Array("Date,Description,Amount\n05/03/2025,Utf16 shop,-1.00\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        },
        Case(name: "utf16le-no-bom-csv", expect: .reported(["binary file"])) { dir in
            try put(dir, "statement.csv", Array("Date,Description,Amount\n05/03/2025,Utf16 shop,-1.00\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        },
        Case(name: "bom-only-json", expect: .reported(["empty file"])) { try put($0, "Takeout/Chrome/BrowserHistory.json", [0xEF, 0xBB, 0xBF]) },
        // XML attacks.
        Case(name: "billion-laughs-sms", expect: .reported(["entities are not expanded"])) { dir in
            var dtd = "<!DOCTYPE smses [\n<!ENTITY lol \"lol\">\n"
            for level in 1...9 { dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n" }
            try put(dir, "sms-20240804.xml", "<?xml version='1.0'?>\n" + dtd + "]>\n<smses count=\"1\"><sms protocol=\"0\" address=\"&lol9;\" date=\"1722772800123\" type=\"1\" body=\"&lol9;\" read=\"1\" /></smses>")
        },
        // Apple's own export.xml carries a DTD: entities in it are never expanded, the records are read.
        Case(name: "billion-laughs-health", expect: .read) { dir in
            var dtd = "<!DOCTYPE HealthData [\n<!ENTITY lol \"lol\">\n"
            for level in 1...9 { dtd += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level == 1 ? "" : String(level - 1));", count: 10) + "\">\n" }
            dtd += "]>\n"
            try put(dir, "apple_health_export/export.xml", "<?xml version=\"1.0\"?>\n" + dtd + "<HealthData locale=\"en_US\">\n<Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"&lol9;\" unit=\"count\" startDate=\"2024-03-01 09:55:00 +0100\" endDate=\"2024-03-01 10:04:00 +0100\" value=\"12\"/>\n</HealthData>")
        },
        Case(name: "external-entity", expect: .reported(["entities are not expanded"])) { dir in
            try put(dir, "sms-20240804.xml", "<?xml version='1.0'?>\n<!DOCTYPE smses [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<smses count=\"1\"><sms protocol=\"0\" address=\"&xxe;\" date=\"oops\" type=\"1\" body=\"&xxe;\" read=\"1\" /></smses>")
        },
        Case(name: "huge-attlist", expect: .reported(["no importer knows"])) { dir in
            try put(dir, "apple_health_export/export.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [<!ATTLIST Record " + (0..<50_000).map { "a\($0) CDATA #IMPLIED" }.joined(separator: " ") + ">]>\n<HealthData><Record type=\"x\" value=\"oops\"/></HealthData>")
        },
        // Archives.
        Case(name: "zip-bomb-ratio", expect: .reported(["zip bomb"])) { dir in
            // A Chrome history whose array holds 80 MiB of spaces: detected, then inflated until the ratio guard stops it.
            let body = Array("{\"Browser History\": [".utf8) + [UInt8](repeating: 0x20, count: 80 << 20) + Array("]}".utf8)
            try put(dir, "bomb.zip", ZipImage([.deflated("Takeout/Chrome/BrowserHistory.json", body)]).bytes)
        },
        Case(name: "zip-bomb-declared-size", expect: .reported(["disagree"])) { dir in
            var liar = ZipImage.Member("Takeout/Chrome/BrowserHistory.json", Array(chrome.utf8))
            liar.centralUncompressedSize = 0xFFFF_FFF0
            try put(dir, "declared.zip", ZipImage([liar]).bytes)
        },
        Case(name: "zip-overlapping-entries", expect: .reported(["overlap"])) { dir in
            var members: [ZipImage.Member] = [.init("block.csv", lines("Block"))]
            for n in 1..<50 { var m = ZipImage.Member("e\(n).csv", lines("Block")); m.centralOffsetOf = 0; members.append(m) }
            try put(dir, "overlap.zip", ZipImage(members).bytes)
        },
        Case(name: "zip-nested-too-deep", expect: .reported(["nested more than"])) { dir in
            var bytes = ZipImage([.init("data.csv", lines("Deep"))]).bytes
            for level in 0..<6 { bytes = ZipImage([.init("level\(level).zip", bytes)]).bytes }
            try put(dir, "deep.zip", bytes)
        },
        Case(name: "zip-path-traversal-names", expect: .reported(["names.zip!../../../../tmp/escape.txt", "names.zip!etc/absolute.txt", "names.zip!nul?name.txt"])) { dir in
            try put(dir, "names.zip", ZipImage([.init("../../../../tmp/escape.txt", Array("not an export".utf8)),
                                                .init("/etc/absolute.txt", Array("still not".utf8)),
                                                .init("C:\\Windows\\drive.txt", Array("nor this".utf8)),
                                                .init("nul\u{0}name.txt", Array("nor that".utf8))]).bytes)
        },
        Case(name: "zip-duplicate-names", expect: .read) { dir in
            try put(dir, "dupes.zip", ZipImage([.init("statement.csv", lines("First")), .init("statement.csv", lines("Second"))]).bytes)
        },
        Case(name: "zip-symlink-member", expect: .reported(["symbolic link"])) { dir in
            var link = ZipImage.Member("passwd", Array("/etc/passwd".utf8))
            link.externalAttributes = UInt32(0o120777) << 16
            try put(dir, "links.zip", ZipImage([link]).bytes)
        },
        Case(name: "zip-encrypted-member", expect: .reported(["encrypted"])) { dir in
            var secret = ZipImage.Member("statement.csv", lines("Secret"))
            secret.flags = 1
            try put(dir, "secret.zip", ZipImage([secret]).bytes)
        },
        Case(name: "zip-bad-crc", expect: .reported(["CRC-32"])) { dir in
            var bad = ZipImage.Member("statement.csv", lines("Crc"))
            bad.crc ^= 1
            try put(dir, "crc.zip", ZipImage([bad]).bytes)
        },
        Case(name: "tgz-traversal-names", expect: .reported(["names.tgz!../../escape.txt"])) { dir in
            try put(dir, "names.tgz", gzipBytes(tarBytes([("../../escape.txt", Array("not an export".utf8)), ("/abs.txt", Array("nor this".utf8))])))
        },
        // Folders.
        Case(name: "symlink-leaving-folder", expect: .reported(["leaves the scanned folder"])) { dir in
            try FileManager.default.createSymbolicLink(atPath: dir + "/outside.csv", withDestinationPath: "/etc/hostname")
        },
        Case(name: "symlink-loop", expect: .reported(["symbolic link loop"])) { dir in
            try FileManager.default.createSymbolicLink(atPath: dir + "/a", withDestinationPath: dir + "/b")
            try FileManager.default.createSymbolicLink(atPath: dir + "/b", withDestinationPath: dir + "/a")
        },
        Case(name: "dangling-symlink", expect: .reported(["target does not exist"])) { dir in
            try FileManager.default.createSymbolicLink(atPath: dir + "/gone.csv", withDestinationPath: dir + "/no-such-file.csv")
        },
        Case(name: "fifo", expect: .reported(["not a regular file"])) { dir in
            guard mkfifo(dir + "/statement.csv", 0o600) == 0 else { throw NSError(domain: "mkfifo", code: Int(errno)) }
        },
        Case(name: "empty-files", expect: .reported(["empty.zip: empty file", "empty.db: empty file", "empty.csv: empty file"])) { dir in
            for ext in ["csv", "json", "ofx", "qif", "sta", "xml", "gpx", "txt", "zip", "tgz", "db", "js", "html"] { try put(dir, "empty.\(ext)", [UInt8]()) }
        },
        // Databases.
        Case(name: "sqlite-wrong-schema", expect: .reported(["no such column"])) { dir in
            try sqlite(dir + "/History", ["CREATE TABLE urls (id INTEGER PRIMARY KEY, stuff TEXT)", "CREATE TABLE visits (id INTEGER PRIMARY KEY)"])
        },
        Case(name: "sqlite-wrong-types", expect: .reported(["not in the database"])) { dir in
            try sqlite(dir + "/History", ["CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT, title TEXT, visit_count INTEGER, last_visit_time INTEGER)",
                                          "CREATE TABLE visits (id INTEGER PRIMARY KEY, url INTEGER, visit_time INTEGER, transition INTEGER)",
                                          "INSERT INTO urls VALUES (1, x'FFFE00', 12.5, 'many', 'yesterday')",
                                          "INSERT INTO visits VALUES (1, 'one', 'noon', 'typed')"])
        },
        Case(name: "sqlite-corrupt", expect: .reported(["not a database"])) { dir in
            try put(dir, "History", Array("SQLite format 3\0".utf8) + (0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 9) })
        },
        // Values.
        Case(name: "dates-out-of-range", expect: .reported(["plausible"])) { try put($0, "Takeout/Chrome/BrowserHistory.json", "{\"Browser History\": [{\"page_transition\": \"LINK\", \"title\": \"P\", \"url\": \"https://example.org/\", \"time_usec\": 9223372036854775807}]}") },
        Case(name: "nan-coordinates", expect: .reported(["latitudeE7 is not a whole number"])) { try put($0, "Takeout/Location History/Records.json", "{\"locations\": [{\"latitudeE7\": \"NaN\", \"longitudeE7\": 1e999, \"timestampMs\": \"1546300800000\"}]}") },
        Case(name: "script-and-escapes-in-text", expect: .read) { dir in
            try put(dir, "statement.csv", "Date,Description,Amount\n05/03/2025,<script>alert(1)</script> javascript:alert(1) \u{202E}evil \u{1B}[31mred \u{9B}csi,-1.00\n")
        },
    ]
}
