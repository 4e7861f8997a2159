import StewardCore

/// The identity of a record across exports, for counting a record met in two downloads once
/// (docs/duplicates.md). Two records get the same key when they are the same thing seen by the
/// same family of sources: a bank statement as CSV and as OFX, a Takeout's Records.json and the
/// phone's Timeline export, My Activity as JSON and as HTML. Within one input, records with the
/// same key stay distinct (the session numbers their occurrences): two equal coffees on one
/// day in one statement are two coffees.
public enum OverlapKey {
    /// Sources whose records describe the same things, so their records may be merged.
    static func family(of source: String) -> String {
        if source.hasPrefix("bank.") { return "bank" }
        switch source {
        // Activity files are tracks too: the same run as a Strava GPX, a Garmin FIT and a TCX
        // has the same fixes (second and position), and the same workout as a row of Strava's
        // activities.csv and as the session of its FIT or TCX file has the same start.
        // Snapchat's location history holds the phone's fixes as well, and two of its
        // downloads overlap in time; its HTML pages carry the same records as its JSON files.
        case "google.location_records", "google.timeline", "google.semantic_location", "gpx.track",
             "fit.activity", "tcx.activity", "garmin.connect", "strava.activities", "snapchat.data",
             "snapchat.data_html": return "location"
        case "google.my_activity", "google.my_activity_html": return "google.my_activity"
        case "browser.chrome", "google.chrome_history": return "browser.chrome"
        case "whatsapp.chat", "whatsapp.msgstore": return "whatsapp"
        // Two backup apps' copies of one phone's message tables hold the same messages.
        case "android.sms_ie": return "android.sms_backup"
        // A video's own metadata and its Google Photos sidecar name the same recording.
        case "photo.exif", "google.photos_sidecar", "video.metadata": return "photo"
        default: return source.hasPrefix("meta.") ? "meta" : source
        }
    }

    /// The title every activity importer gives a recorded workout (docs/formats/health.md,
    /// "Workouts"): such records are keyed by their start, not by their wording.
    static let workoutTitlePrefix = "Activity: "

    /// Letters kept of a bank counterparty: OFX cuts NAME at 32 characters and bank CSVs add
    /// card numbers, branch numbers and booking words at the end, so the key keeps the start.
    static let counterpartyLetters = 12

    /// Kinds whose records analyzers count, checked for overlap by `OverlapGate` before
    /// analyzers see them.
    public static func isGated(_ kind: EventKind) -> Bool {
        kind == .location || kind == .visit || kind == .transaction
    }

    /// The kinds checked by the gate that records of `source` can have (the importers that
    /// emit fixes, visits or transactions); empty for every other source.
    public static func gatedKinds(ofSource source: String) -> [EventKind] {
        if source.hasPrefix("bank.") { return [.transaction] }
        switch source {
        case "google.location_records", "gpx.track", "fit.activity", "tcx.activity", "garmin.connect": return [.location]
        case "google.timeline", "snapchat.data", "snapchat.data_html": return [.location, .visit]
        case "google.semantic_location": return [.visit]
        default: return []
        }
    }

    /// Whether equal keys inside one input are distinct records (numbered by occurrence):
    /// true for all kinds but fixes and visits, where the same second at the same place is the
    /// same fix however often a file repeats it (and numbering would need a table as large as
    /// the file).
    public static func numbersOccurrences(_ kind: EventKind) -> Bool {
        kind != .location && kind != .visit
    }

    /// The key of a fix or visit with coordinates and a time, without building a buffer (every
    /// fix of a location history comes through here); nil for other records.
    static func positionKey(_ event: Event, familyHash: UInt64) -> UInt64? {
        guard event.kind == .location || event.kind == .visit, let time = event.time,
              let latitude = event.latitude, let longitude = event.longitude,
              latitude.isFinite, longitude.isFinite else { return nil }
        var key = ContentHash.combine(familyHash, event.kind == .location ? 1 : 2)
        key = ContentHash.combine(key, UInt64(bitPattern: time.epochSeconds))
        key = ContentHash.combine(key, UInt64(bitPattern: Int64((latitude * 10_000).rounded())))
        return ContentHash.combine(key, UInt64(bitPattern: Int64((longitude * 10_000).rounded())))
    }

    /// XXH64 of a source's family name.
    static func familyHash(of source: String) -> UInt64 {
        ContentHash.of(Array(family(of: source).utf8))
    }

    /// Buffers reused from one record to the next (a session keeps one).
    struct Scratch {
        var bytes: [UInt8] = []
        var folded: [UInt8] = []
    }

    /// A 64-bit key of the record's identity (XXH64 of its identifying fields).
    public static func of(_ event: Event) -> UInt64 {
        var scratch = Scratch()
        return of(event, familyHash: familyHash(of: event.source), scratch: &scratch)
    }

    static func of(_ event: Event, familyHash: UInt64, scratch: inout Scratch) -> UInt64 {
        if let key = positionKey(event, familyHash: familyHash) { return key }
        var bytes: [UInt8] = []
        var folded: [UInt8] = []
        swap(&bytes, &scratch.bytes)
        swap(&folded, &scratch.folded)
        defer {
            swap(&bytes, &scratch.bytes)
            swap(&folded, &scratch.folded)
        }
        bytes.removeAll(keepingCapacity: true)
        withUnsafeBytes(of: familyHash.littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: event.kind.rawValue.utf8)
        bytes.append(0)
        switch event.kind {
        case .transaction:
            // A CSV has dates only, OFX a time of day too: the local calendar day is what both
            // carry. The amount is compared at a fixed scale so 12.5 and 12.50 agree.
            if let time = event.time { appendNumber(Timestamp.floorDiv(time.localSeconds, 86_400), to: &bytes) }
            // Not the currency: a CSV usually has none, the OFX of the same account names it.
            if let amount = event.amount { appendNumber(amount.units(atScale: 4), to: &bytes) }
            bytes.append(0)
            appendFolded(event.counterparty ?? event.text ?? "", lettersOnly: true, limit: counterpartyLetters, to: &bytes, using: &folded)
        case .location, .visit, .photo:
            // Fixes and visits: the second, and the position to 4 decimals (about 11 m): exports
            // of one history write coordinates as E7 integers or as decimal strings. A photo the
            // same way: its Exif and its Google Photos sidecar name the same second and place.
            if let time = event.time { appendNumber(time.epochSeconds, to: &bytes) }
            if let latitude = event.latitude, let longitude = event.longitude {
                appendNumber(Int64((latitude * 10_000).rounded()), to: &bytes)
                appendNumber(Int64((longitude * 10_000).rounded()), to: &bytes)
            } else {
                appendFolded(event.place ?? event.text ?? "", lettersOnly: false, limit: 64, to: &bytes, using: &folded)
            }
        case .healthRecord where event.title?.hasPrefix(workoutTitlePrefix) == true:
            // A workout: Strava's CSV names it "Run" with its distance in km, the FIT file
            // "running" in metres; both start in the same minute (UTC), and nobody starts two
            // workouts in one minute (two in one file stay two: occurrences are numbered).
            if let time = event.time { appendNumber(Timestamp.floorDiv(time.epochSeconds, 60), to: &bytes) }
        case .message:
            // Chat text exports have minutes only, databases milliseconds.
            if let time = event.time { appendNumber(Timestamp.floorDiv(time.epochSeconds, 60), to: &bytes) }
            bytes.append(event.authoredByOthers ? 1 : 2)
            appendFolded(event.text ?? "", lettersOnly: false, limit: 256, to: &bytes, using: &folded)
        default:
            // Searches, page views, posts and the rest: the second and what it says.
            if let time = event.time { appendNumber(time.epochSeconds, to: &bytes) }
            for field in [event.text, event.title, event.url, event.counterparty] {
                appendFolded(field ?? "", lettersOnly: false, limit: 256, to: &bytes, using: &folded)
                bytes.append(0)
            }
            if let amount = event.amount { appendNumber(amount.units(atScale: 4), to: &bytes) }
            if let quantity = event.quantity { appendNumber(Int64(exactly: (quantity * 1000).rounded()) ?? 0, to: &bytes) }
        }
        return bytes.withUnsafeBytes { ContentHash.of($0) }
    }

    private static func appendNumber(_ value: Int64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Folded text with punctuation and spacing dropped (exports differ in both); bank
    /// counterparties also drop digits (store and card numbers).
    private static func appendFolded(_ text: String, lettersOnly: Bool, limit: Int, to bytes: inout [UInt8],
                                     using folded: inout [UInt8]) {
        folded.removeAll(keepingCapacity: true)
        TextFolder.fold(text, into: &folded)
        var kept = 0
        for byte in folded where kept < limit {
            let isLetter = (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
            let isDigit = byte >= 0x30 && byte <= 0x39
            if isLetter || (isDigit && !lettersOnly) {
                bytes.append(byte)
                kept += 1
            }
        }
    }
}
