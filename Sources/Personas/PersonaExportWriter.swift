import Foundation
import StewardCore
import ZIPFoundation

/// Writes a persona's exports (`Persona.exports`) in the real formats banks, payment apps,
/// Google, messengers and social networks hand out: here the ledger, the UK and German bank
/// CSVs, the card OFX and the Takeout; other countries' statements in
/// NationalStatementWriters.swift, chats and social archives in SocialExportWriters.swift
/// (docs/personas.md). Output is deterministic for a given persona and scale.
public struct PersonaExportWriter {
    public let persona: Persona
    /// Multiplies everyday spending and searches (1 for demos; larger for benchmarks).
    public let scale: Int

    public init(persona: Persona, scale: Int = 1) {
        self.persona = persona
        self.scale = max(1, scale)
    }

    /// What was written, for the caller to scan.
    public struct Output {
        public var directory: String
        public var files: [String]
        public var bytes: Int64
    }

    /// Writes the persona's exports (`persona.exports`, docs/personas.md) into `directory`,
    /// created if missing: each statement at its own path, the Takeout as
    /// `takeout-…-001.zip` (with `Takeout/My Activity/Search/MyActivity.json`, location history
    /// when the persona has places, and a Takeout index page steward does not read, so the demo
    /// shows an unrecognized file), chats and social archives in their platforms' layouts. With
    /// `zipTakeout: false` the Takeout folder is written as a folder instead. With
    /// `statementsOnly` only the bank, card and payment-app statements are written: benchmarks
    /// need statements of hundreds of MB, at a scale whose Takeout would be many GB.
    public func write(to directory: String, zipTakeout: Bool = true, statementsOnly: Bool = false) throws -> Output {
        try makeFolder(directory)
        let ledger = makeLedger()
        var files: [String] = []
        var bytes: Int64 = 0
        for export in persona.exports {
            if statementsOnly, case .statement = export {} else if statementsOnly { continue }
            switch export {
            case let .statement(format, account, file):
                let path = directory + "/" + file
                try makeFolder(parentFolder(of: path))
                bytes += try writeStatement(format, ledger.filter { $0.account == account }, to: path)
                files.append(path)
            case .takeout:
                let written = try writeTakeout(into: directory, zip: zipTakeout)
                files += written.files
                bytes += written.bytes
            case .whatsApp(let chat):
                let path = directory + "/whatsapp/WhatsApp Chat with \(chat.with).txt"
                try makeFolder(parentFolder(of: path))
                bytes += try writeWhatsAppChat(chat, to: path)
                files.append(path)
            case .telegram(let chats):
                let path = directory + "/Telegram Desktop/DataExport_2026-03-01/result.json"
                try makeFolder(parentFolder(of: path))
                bytes += try writeTelegramExport(chats, to: path)
                files.append(path)
            case .facebook(let profile):
                let written = try writeFacebook(profile, into: directory + "/facebook-\(persona.id)")
                files += written.files
                bytes += written.bytes
            case .instagram(let profile):
                let written = try writeInstagram(profile, into: directory + "/instagram-\(persona.id)")
                files += written.files
                bytes += written.bytes
            case .twitter(let profile):
                let written = try writeTwitter(profile, into: directory + "/twitter-\(persona.id)/data")
                files += written.files
                bytes += written.bytes
            case .linkedIn(let career):
                let written = try writeLinkedIn(career, into: directory + "/linkedin-\(persona.id)")
                files += written.files
                bytes += written.bytes
            }
        }
        return Output(directory: directory, files: files, bytes: bytes)
    }

    /// Creates `path` and its missing parents with mode 0700 given to mkdir itself (Foundation's
    /// createDirectory makes folders 0777 and narrows them afterwards, leaving a moment in which
    /// another user could enter); existing folders are left as they are.
    func makeFolder(_ path: String) throws {
        guard !path.isEmpty, path != "/" else { return }
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw PersonaError.cannotWrite(path, "a file that is not a folder is in the way") }
            return
        }
        try makeFolder(parentFolder(of: path))
        if mkdir(path, 0o700) != 0 {
            let code = errno
            if code == EEXIST, stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return }
            throw PersonaError.cannotWrite(path, String(cString: strerror(code)))
        }
        // The umask may have narrowed 0700 further (to an unusable mode): set it exactly.
        if chmod(path, 0o700) != 0 { throw PersonaError.cannotWrite(path, String(cString: strerror(errno))) }
    }

    func writeStatement(_ format: Persona.StatementFormat, _ entries: [Entry], to path: String) throws -> Int64 {
        switch format {
        case .ukCSV: return try writeCurrentAccountCSV(entries, to: path)
        case .germanCSV: return try writeGermanGiroCSV(entries, to: path)
        case .frenchCSV: return try writeFrenchCSV(entries, to: path)
        case .spanishCSV: return try writeSpanishCSV(entries, to: path)
        case .russianCSV: return try writeRussianCSV(entries, to: path)
        case .camt053: return try writeCAMT053(entries, to: path)
        case .cardOFX: return try writeCardOFX(entries, to: path)
        case .alipayCSV: return try writeAlipayCSV(entries, to: path)
        case .wechatPayCSV: return try writeWeChatPayCSV(entries, to: path)
        }
    }

    /// The Takeout: searches, location history when the persona has places, and at benchmark
    /// scales YouTube and Chrome history.
    func writeTakeout(into directory: String, zip zipTakeout: Bool) throws -> (files: [String], bytes: Int64) {
        let fm = FileManager.default
        var files: [String] = []
        var bytes: Int64 = 0
        let takeoutRoot = zipTakeout ? directory + "/.takeout-staging" : directory + "/Takeout"
        let activityDir = (zipTakeout ? takeoutRoot + "/Takeout" : takeoutRoot) + "/My Activity/Search"
        try makeFolder(activityDir)
        let jsonPath = activityDir + "/MyActivity.json"
        bytes += try writeSearchActivityJSON(to: jsonPath)
        var locationFiles: [String] = []
        if let places = persona.places {
            let locationDir = (zipTakeout ? takeoutRoot + "/Takeout" : takeoutRoot) + "/Location History (Timeline)"
            try makeFolder(locationDir)
            bytes += try writeLocationRecords(places, to: locationDir + "/Records.json")
            locationFiles.append("Location History (Timeline)/Records.json")
            for (relative, written) in try writeSemanticVisits(places, under: locationDir) {
                bytes += written
                locationFiles.append("Location History (Timeline)/Semantic Location History/" + relative)
            }
        }
        // Benchmark scales add the other big Takeout members (the demo stays as it was).
        var extraFiles: [String] = []
        if scale > 1 {
            let base = zipTakeout ? takeoutRoot + "/Takeout" : takeoutRoot
            for (relative, writeFile) in [("YouTube and YouTube Music/history/watch-history.json", writeYouTubeWatchHistoryJSON),
                                          ("Chrome/BrowserHistory.json", writeChromeBrowserHistoryJSON)] {
                let path = base + "/" + relative
                try makeFolder(parentFolder(of: path))
                bytes += try writeFile(path)
                extraFiles.append(relative)
            }
        }
        let indexPath = (zipTakeout ? takeoutRoot + "/Takeout" : takeoutRoot) + "/archive_browser.html"
        let index = try BufferedFileWriter(path: indexPath)
        try index.write("<!DOCTYPE html><html><head><title>Takeout</title></head><body><h1>Your Google data archive</h1><p>My Activity</p></body></html>\n")
        try index.close()
        bytes += index.bytesWritten

        if zipTakeout {
            let zipPath = directory + "/takeout-20260301T090000Z-001.zip"
            try? fm.removeItem(atPath: zipPath)
            do {
                let archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
                let base = URL(fileURLWithPath: takeoutRoot)
                try archive.addEntry(with: "Takeout/My Activity/Search/MyActivity.json", relativeTo: base, compressionMethod: .deflate)
                try archive.addEntry(with: "Takeout/archive_browser.html", relativeTo: base, compressionMethod: .deflate)
                for file in locationFiles + extraFiles {
                    try archive.addEntry(with: "Takeout/" + file, relativeTo: base, compressionMethod: .deflate)
                }
            } catch {
                throw PersonaError.cannotWrite(zipPath, "\(error)")
            }
            chmod(zipPath, 0o600)
            try? fm.removeItem(atPath: takeoutRoot)
            files.append(zipPath)
        } else {
            files.append(jsonPath)
            files.append(indexPath)
            files += (locationFiles + extraFiles).map { takeoutRoot + "/" + $0 }
        }
        return (files, bytes)
    }

    /// The folder a file is written into: "." for a bare name, "/" for a file at the root.
    /// (NSString's deletingLastPathComponent traps on some one-character paths on Linux.)
    public static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    func parentFolder(of path: String) -> String { Self.parentFolder(of: path) }

    // MARK: - Ledger

    public struct Entry {
        typealias Account = Persona.Account
        var day: (year: Int, month: Int, day: Int)
        var hour: Int
        var minute: Int
        var text: String
        var mcc: Int?
        var pence: Int64
        var account: Account
    }

    func monthOf(_ index: Int) -> (year: Int, month: Int) {
        let zeroBased = persona.start.month - 1 + index
        return (persona.start.year + zeroBased / 12, zeroBased % 12 + 1)
    }

    public func makeLedger() -> [Entry] {
        var rng = SeededGenerator(seed: persona.seed)
        var entries: [Entry] = []
        for m in 0..<persona.months {
            let (year, month) = monthOf(m)
            let days = Timestamp.daysIn(month: month, year: year)
            func day(_ d: Int) -> (Int, Int, Int) { (year, month, min(max(d, 1), days)) }
            entries.append(Entry(day: day(25), hour: 6, minute: 0, text: persona.salary.payer, mcc: nil,
                                 pence: persona.salary.amountPence, account: .current))
            entries.append(Entry(day: day(1), hour: 7, minute: 30, text: persona.rent.payee, mcc: nil,
                                 pence: -persona.rent.amountPence, account: .current))
            for merchant in persona.everyday {
                for _ in 0..<(merchant.perMonth * scale) {
                    let pence = Int64.random(in: merchant.minPence...merchant.maxPence, using: &rng)
                    entries.append(Entry(day: day(Int.random(in: 1...days, using: &rng)),
                                         hour: Int.random(in: 8...20, using: &rng), minute: Int.random(in: 0...59, using: &rng),
                                         text: merchant.name, mcc: merchant.mcc, pence: -pence,
                                         account: Bool.random(using: &rng) ? persona.everydayAccounts.0 : persona.everydayAccounts.1))
                }
            }
            for habit in persona.habits where m >= habit.offset && (m - habit.offset) % habit.everyMonths == 0 {
                for t in 0..<habit.times {
                    let d = 3 + (t * 9 + Int.random(in: 0...5, using: &rng)) % max(days - 3, 1)
                    entries.append(Entry(day: day(d), hour: habit.hour, minute: Int.random(in: 0...59, using: &rng),
                                         text: habit.text, mcc: habit.mcc, pence: habit.pence,
                                         account: habit.account))
                }
            }
        }
        entries.sort { ($0.day.year, $0.day.month, $0.day.day, $0.hour, $0.minute) < ($1.day.year, $1.day.month, $1.day.day, $1.hour, $1.minute) }
        return entries
    }

    // MARK: - Formats

    /// UK bank CSV as Barclays/Nationwide-style downloads look: header, DD/MM/YYYY, signed amounts.
    func writeCurrentAccountCSV(_ entries: [Entry], to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        try out.write("Date,Description,Amount,Balance\r\n")
        var balance: Int64 = 120_000
        var references = BookingReferences(seed: persona.seed)
        for e in entries {
            balance += e.pence
            let text = scale > 1 ? references.ukDescription(e) : e.text
            let description = text.contains(",") ? "\"\(text)\"" : text
            try out.write("\(two(e.day.day))/\(two(e.day.month))/\(e.day.year),\(description),\(pounds(e.pence)),\(pounds(balance))\r\n")
        }
        try out.close()
        return out.bytesWritten
    }

    /// A German bank's Girokonto export: ISO-8859-1, `;`-separated, quoted, with the account,
    /// period and balance as preamble lines before the header, dates `DD.MM.YYYY` and amounts
    /// `-1.234,56` (docs/formats/bank.md).
    func writeGermanGiroCSV(_ entries: [Entry], to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        var balance: Int64 = 180_000
        let closing = balance + entries.reduce(0) { $0 + $1.pence }
        let first = entries.first.map { "\(two($0.day.day)).\(two($0.day.month)).\($0.day.year)" } ?? ""
        let last = entries.last.map { "\(two($0.day.day)).\(two($0.day.month)).\($0.day.year)" } ?? ""
        var text = "\"Kontonummer:\";\"DE89 3704 0044 0532 0130 00 / Girokonto\";\r\n"
        text += "\"Zeitraum:\";\"\(first) - \(last)\";\r\n"
        text += "\"Kontostand vom \(last):\";\"\(euros(closing)) EUR\";\r\n\r\n"
        text += "\"Buchungstag\";\"Wertstellung\";\"Buchungstext\";\"Verwendungszweck\";\"Betrag (EUR)\";\"Saldo (EUR)\"\r\n"
        try out.write(bytes: windows1252(text))
        var references = BookingReferences(seed: persona.seed)
        for e in entries {
            balance += e.pence
            let date = "\(two(e.day.day)).\(two(e.day.month)).\(e.day.year)"
            let kind = e.pence > 0 ? "Gutschrift" : (e.mcc != nil ? "Kartenzahlung" : "Lastschrift")
            let purpose = (scale > 1 ? references.germanPurpose(e) : e.text).replacingOccurrences(of: "\"", with: "\"\"")
            // ISO-8859-1 and Windows-1252 agree on every letter a German text uses.
            try out.write(bytes: windows1252("\"\(date)\";\"\(date)\";\"\(kind)\";\"\(purpose)\";\"\(euros(e.pence))\";\"\(euros(balance))\"\r\n"))
        }
        try out.close()
        return out.bytesWritten
    }

    /// OFX 1.02 SGML credit card statement: header block, unclosed leaf tags, SIC = MCC.
    func writeCardOFX(_ entries: [Entry], to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        try out.write("""
            OFXHEADER:100\r\nDATA:OFXSGML\r\nVERSION:102\r\nSECURITY:NONE\r\nENCODING:USASCII\r\nCHARSET:1252\r\n\
            COMPRESSION:NONE\r\nOLDFILEUID:NONE\r\nNEWFILEUID:NONE\r\n\r\n\
            <OFX>\r\n<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>\
            <DTSERVER>20260301090000[0:GMT]<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>\r\n\
            <CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>\r\n\
            <CCSTMTRS><CURDEF>\(persona.currency)<CCACCTFROM><ACCTID>4929000000006781</CCACCTFROM>\r\n<BANKTRANLIST>\r\n
            """)
        var references = BookingReferences(seed: persona.seed)
        for (i, e) in entries.enumerated() {
            var record = "<STMTTRN>\r\n<TRNTYPE>\(e.pence < 0 ? "DEBIT" : "CREDIT")\r\n"
            record += "<DTPOSTED>\(e.day.year)\(two(e.day.month))\(two(e.day.day))\(two(e.hour))\(two(e.minute))00[0:GMT]\r\n"
            record += "<TRNAMT>\(pounds(e.pence))\r\n<FITID>\(persona.id.uppercased())\(String(format: "%08d", i))\r\n"
            if let mcc = e.mcc { record += "<SIC>\(mcc)\r\n" }
            record += "<NAME>\(ofxEscape(e.text))\r\n"
            if scale > 1 { record += "<MEMO>\(ofxEscape(references.ofxMemo(e)))\r\n" }
            record += "</STMTTRN>\r\n"
            // The header says CHARSET:1252, so the bytes must be Windows-1252, as banks write them.
            try out.write(bytes: windows1252(record))
        }
        try out.write("</BANKTRANLIST>\r\n<LEDGERBAL><BALAMT>-412.50<DTASOF>20260301090000[0:GMT]</LEDGERBAL>\r\n</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1>\r\n</OFX>\r\n")
        try out.close()
        return out.bytesWritten
    }

    /// The day index (0-based from the persona's start) and whether it falls inside the trip.
    private func onTrip(_ places: Persona.Places, day: Int) -> Bool {
        let tripStart = places.trip.month * 30 + places.trip.day
        return day >= tripStart && day < tripStart + places.trip.days
    }

    /// Records.json as Takeout wrote it until 2024: `locations[]` with E7 coordinates and ISO
    /// timestamps. Nights at home, weekdays at work and on the way, weekend outings, a week
    /// abroad. At scale n each
    /// fix becomes n fixes a second apart (a phone logging continuously), for benchmarks.
    func writeLocationRecords(_ places: Persona.Places, to path: String) throws -> Int64 {
        var rng = SeededGenerator(seed: persona.seed ^ 0x10CA7)
        let first = Timestamp(year: persona.start.year, month: persona.start.month, day: 1)!.epochSeconds - Int64(persona.utcOffsetHours) * 3600
        let out = try BufferedFileWriter(path: path)
        try out.write("{\n  \"locations\": [")
        var count = 0
        func point(_ at: Persona.Coordinate, _ seconds: Int64) throws {
            // A few metres of GPS noise, as phones report.
            let lat = Int((at.latitude + Double(Int.random(in: -30...30, using: &rng)) / 100_000) * 1e7)
            let lon = Int((at.longitude + Double(Int.random(in: -30...30, using: &rng)) / 100_000) * 1e7)
            let time = Timestamp(epochSeconds: seconds, utcOffsetSeconds: 0).iso8601.replacingOccurrences(of: "Z", with: ".000Z")
            try out.write("""
                \(count == 0 ? "" : ","){
                    "latitudeE7": \(lat),
                    "longitudeE7": \(lon),
                    "accuracy": \(Int.random(in: 8...40, using: &rng)),
                    "source": "WIFI",
                    "timestamp": "\(time)"
                  }
                """)
            count += 1
        }
        // A phone logs sparsely where it rests and densely while it moves: one fix late in the
        // evening and one early in the morning at home (or the hotel abroad), one at work at
        // noon on weekdays, and eight along each way of the commute and of a weekend outing
        // (docs/personas.md: most records are ordinary).
        func walk(from a: Persona.Coordinate, to b: Persona.Coordinate, at seconds: Int64) throws {
            for step in 1...8 {
                let f = Double(step) / 9
                let at = Persona.Coordinate(a.latitude + (b.latitude - a.latitude) * f, a.longitude + (b.longitude - a.longitude) * f)
                for k in 0..<scale { try point(at, seconds + Int64(step) * 180 + Int64(k)) }
            }
        }
        for day in 0..<(persona.months * 30) {
            let midnight = first + Int64(day) * 86_400
            let weekday = Timestamp(epochSeconds: midnight + Int64(persona.utcOffsetHours) * 3600).isoWeekday
            let trip = onTrip(places, day: day)
            let bed = trip ? places.trip.place : places.home
            for k in 0..<scale { try point(bed, midnight + Int64(5 * 60 + 40) * 60 + Int64(k)) }
            if !trip && weekday <= 5 {
                try walk(from: places.home, to: places.work, at: midnight + 8 * 3600)
                for k in 0..<scale { try point(places.work, midnight + 12 * 3600 + Int64(k)) }
                try walk(from: places.work, to: places.home, at: midnight + 18 * 3600)
            } else if !trip {
                let spot = Persona.Coordinate(places.home.latitude + Double(Int.random(in: -200...200, using: &rng)) / 10_000,
                                              places.home.longitude + Double(Int.random(in: -200...200, using: &rng)) / 10_000)
                try walk(from: places.home, to: spot, at: midnight + 13 * 3600)
                try walk(from: spot, to: places.home, at: midnight + 17 * 3600)
            }
            for k in 0..<scale { try point(bed, midnight + Int64(23 * 60 + 30) * 60 + Int64(k)) }
        }
        try out.write("\n  ]\n}\n")
        try out.close()
        return out.bytesWritten
    }

    /// Semantic Location History month files (`2025/2025_JUNE.json`): one placeVisit per named
    /// visit, spread over the period (`times × scale` visits each).
    func writeSemanticVisits(_ places: Persona.Places, under directory: String) throws -> [(String, Int64)] {
        let first = Timestamp(year: persona.start.year, month: persona.start.month, day: 1)!.epochSeconds - Int64(persona.utcOffsetHours) * 3600
        let span = persona.months * 30
        var byMonth: [String: [(Int64, Persona.Visit)]] = [:]
        for visit in places.visits {
            let times = visit.times * scale
            for k in 0..<times {
                let day = (k * span / max(times, 1) + 5) % span
                let start = first + Int64(day) * 86_400 + Int64(visit.hour) * 3600 + Int64(k % max(scale, 1)) * 60
                let c = Timestamp(epochSeconds: start).civil
                let names = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"]
                byMonth["\(c.year)/\(c.year)_\(names[c.month - 1]).json", default: []].append((start, visit))
            }
        }
        var written: [(String, Int64)] = []
        for (relative, visits) in byMonth.sorted(by: { $0.key < $1.key }) {
            let path = directory + "/Semantic Location History/" + relative
            try makeFolder(parentFolder(of: path))
            let out = try BufferedFileWriter(path: path)
            try out.write("{\n  \"timelineObjects\": [")
            for (i, (start, visit)) in visits.sorted(by: { $0.0 < $1.0 }).enumerated() {
                func iso(_ s: Int64) -> String { Timestamp(epochSeconds: s, utcOffsetSeconds: 0).iso8601.replacingOccurrences(of: "Z", with: ".000Z") }
                try out.write("""
                    \(i == 0 ? "" : ","){
                        "placeVisit": {
                          "location": {
                            "latitudeE7": \(Int(visit.at.latitude * 1e7)),
                            "longitudeE7": \(Int(visit.at.longitude * 1e7)),
                            "placeId": "synthetic-\(visit.name.unicodeScalars.reduce(UInt32(2_166_136_261)) { ($0 ^ $1.value) &* 16_777_619 })",
                            "address": "\(jsonEscape(visit.address))",
                            "name": "\(jsonEscape(visit.name))",
                            "semanticType": "TYPE_UNKNOWN"
                          },
                          "duration": {
                            "startTimestamp": "\(iso(start))",
                            "endTimestamp": "\(iso(start + 3600))"
                          },
                          "placeConfidence": "HIGH_CONFIDENCE"
                        }
                      }
                    """)
            }
            try out.write("\n  ]\n}\n")
            try out.close()
            written.append((relative, out.bytesWritten))
        }
        return written
    }

    /// Google Takeout My Activity (Search) in JSON: newest first, as Google writes it.
    func writeSearchActivityJSON(to path: String) throws -> Int64 {
        var rng = SeededGenerator(seed: persona.seed ^ 0x600613)
        struct Item { var seconds: Int64; var query: String }
        var items: [Item] = []
        let first = Timestamp(year: persona.start.year, month: persona.start.month, day: 1)!.epochSeconds - Int64(persona.utcOffsetHours) * 3600
        let span = Int64(persona.months) * 30 * 86_400
        for search in persona.searches {
            for _ in 0..<(search.times * scale) {
                let day = Int64.random(in: 0..<(span / 86_400), using: &rng)
                let seconds = first + day * 86_400 + Int64(search.hour) * 3600 + Int64.random(in: 0..<3600, using: &rng)
                items.append(Item(seconds: seconds, query: search.query))
            }
        }
        items.sort { $0.seconds > $1.seconds }
        let out = try BufferedFileWriter(path: path)
        try out.write("[")
        for (i, item) in items.enumerated() {
            let time = Timestamp(epochSeconds: item.seconds, utcOffsetSeconds: 0).iso8601.replacingOccurrences(of: "Z", with: ".\(String(format: "%03d", i % 1000))Z")
            let q = item.query.split(separator: " ").joined(separator: "+")
            try out.write("""
                \(i == 0 ? "" : ","){
                  "header": "Search",
                  "title": "Searched for \(jsonEscape(item.query))",
                  "titleUrl": "https://www.google.com/search?q\\u003d\(jsonEscape(q))",
                  "time": "\(time)",
                  "products": ["Search"],
                  "activityControls": ["Web \\u0026 App Activity"]
                }
                """)
        }
        try out.write("]\n")
        try out.close()
        return out.bytesWritten
    }
}

extension PersonaExportWriter {
    /// What Sam watches and browses at benchmark scales: mostly everyday noise, a few things a
    /// scorer reads (gambling, debt, health), as in the searches.
    static let videos: [(title: String, channel: String)] = [
        ("Premier League highlights this weekend", "Football Daily"),
        ("Easy weeknight pasta in 15 minutes", "Kitchen Basics"),
        ("Roulette strategy that actually works?", "Casino Talk"),
        ("How I paid off £10,000 of debt", "Money Matters UK"),
        ("Manchester weather: the week ahead", "North West Weather"),
        ("Beginner gym workout: full body", "Gym Starter"),
        ("Type 2 diabetes: early signs explained", "Health Explained"),
        ("Lo-fi beats to study to", "Chill Radio"),
    ]

    static let pages: [(title: String, url: String)] = [
        ("BBC Weather - Manchester", "https://www.bbc.co.uk/weather/2643123"),
        ("Train times Manchester to Leeds | National Rail", "https://www.nationalrail.co.uk/journey-planner/"),
        ("Online Casino | Free spins no deposit", "https://casino.example/free-spins"),
        ("Payday loans - same day decision", "https://loans.example/payday"),
        ("Football results and fixtures - BBC Sport", "https://www.bbc.co.uk/sport/football/scores-fixtures"),
        ("Pasta recipes | BBC Good Food", "https://www.bbcgoodfood.com/recipes/collection/pasta-recipes"),
        ("Give blood - NHS Blood and Transplant", "https://www.blood.co.uk/"),
        ("Debt advice | StepChange", "https://www.stepchange.org/"),
    ]

    /// Items a day per unit of scale, spread newest first over the period like Takeout writes them.
    private func forEachActivity(perDayPerScale: Int, seed: UInt64, _ body: (Int, Int64, Int) throws -> Void) throws {
        var rng = SeededGenerator(seed: persona.seed ^ seed)
        let first = Timestamp(year: persona.start.year, month: persona.start.month, day: 1)!.epochSeconds
        let days = persona.months * 30
        let perDay = max(1, perDayPerScale * scale / 30)
        var i = 0
        for day in stride(from: days - 1, through: 0, by: -1) {
            for k in stride(from: perDay - 1, through: 0, by: -1) {
                // Spread over waking hours 07:00–24:00, newest first.
                let seconds = first + Int64(day) * 86_400 + 7 * 3600 + Int64(k) * (17 * 3600) / Int64(perDay)
                try body(i, seconds, Int.random(in: 0..<1_000, using: &rng))
                i += 1
            }
        }
    }

    /// YouTube watch history (`YouTube and YouTube Music/history/watch-history.json`): My
    /// Activity's shape with a channel in `subtitles`.
    func writeYouTubeWatchHistoryJSON(to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        try out.write("[")
        try forEachActivity(perDayPerScale: 20, seed: 0x70_0BE) { i, seconds, pick in
            let video = Self.videos[pick % Self.videos.count]
            let time = Timestamp(epochSeconds: seconds, utcOffsetSeconds: 0).iso8601.replacingOccurrences(of: "Z", with: ".\(String(format: "%03d", pick))Z")
            try out.write("""
                \(i == 0 ? "" : ","){
                  "header": "YouTube",
                  "title": "Watched \(jsonEscape(video.title))",
                  "titleUrl": "https://www.youtube.com/watch?v\\u003dv\(pick)",
                  "subtitles": [{
                    "name": "\(jsonEscape(video.channel))",
                    "url": "https://www.youtube.com/channel/UC\(pick % Self.videos.count)"
                  }],
                  "time": "\(time)",
                  "products": ["YouTube"],
                  "activityControls": ["YouTube watch history"]
                }
                """)
        }
        try out.write("]\n")
        try out.close()
        return out.bytesWritten
    }

    /// Chrome history as Takeout writes it (`Chrome/BrowserHistory.json`): `time_usec` in
    /// microseconds since 1970.
    func writeChromeBrowserHistoryJSON(to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        try out.write("{\n    \"Browser History\": [")
        try forEachActivity(perDayPerScale: 25, seed: 0xC4_80E) { i, seconds, pick in
            let page = Self.pages[pick % Self.pages.count]
            try out.write("""
                \(i == 0 ? "" : ","){
                        "favicon_url": "https://www.google.com/favicon.ico",
                        "page_transition": "LINK",
                        "title": "\(jsonEscape(page.title))",
                        "url": "\(jsonEscape(page.url))",
                        "client_id": "c2Fte3N5bnRoZXRpYw\\u003d\\u003d",
                        "time_usec": \(seconds * 1_000_000 + Int64(pick) * 997)
                    }
                """)
        }
        try out.write("\n    ]\n}\n")
        try out.close()
        return out.bytesWritten
    }
}

/// Windows-1252 bytes for text in the Latin-1 range (all the persona needs); other characters
/// become "?", as a bank's export would.
func windows1252(_ s: String) -> [UInt8] {
    s.unicodeScalars.map { $0.value < 0x80 || (0xA0...0xFF).contains($0.value) ? UInt8($0.value) : UInt8(ascii: "?") }
}

func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

/// German notation: thousands dots, decimal comma (`-1.234,56`).
func euros(_ cents: Int64) -> String {
    let sign = cents < 0 ? "-" : ""
    let whole = String(abs(cents) / 100)
    var grouped = ""
    for (i, c) in whole.reversed().enumerated() {
        if i > 0 && i % 3 == 0 { grouped.append(".") }
        grouped.append(c)
    }
    return sign + String(grouped.reversed()) + "," + two(Int(abs(cents) % 100))
}

func pounds(_ pence: Int64) -> String {
    Money(units: pence, scale: 2).decimalString
}

func ofxEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
}

/// Escapes as Google's and Meta's exporters do (`&` as \u0026, `=` as \u003d), not as steward's
/// own JSON writer (`JSONStringLiteral`): the personas' files must look like the real exports so
/// that the importers read what they will meet.
func jsonEscape(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "&": out += "\\u0026"
        case "=": out += "\\u003d"
        default:
            if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}
