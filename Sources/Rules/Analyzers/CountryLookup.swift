import Foundation
import RuleFileReading

/// Offline reverse geocoding to a country: the nearest of ~143,000 places with 1,000+
/// inhabitants (GeoNames cities1000, CC BY; rules/data/README.md) decides the country of a
/// point. Places are bucketed into a 1° grid; a query searches rings of buckets outward until
/// no unsearched bucket can hold a nearer place. Near a border the nearest town can lie across
/// it, so the answer is "the country of the nearest town", which the report says.
public final class CountryLookup: Sendable {
    /// ISO 3166-1 alpha-2 codes, indexed by `placeCountry`.
    let codes: [String]
    let placeLatitude: [Float]
    let placeLongitude: [Float]
    let placeCountry: [UInt16]
    /// `bucketStart[b] ..< bucketStart[b + 1]` are the places of bucket b = row * 360 + column.
    let bucketStart: [Int32]
    /// Lines of the data file that could not be read (counted, not fatal).
    public let skippedLines: Int
    public var placeCount: Int { placeCountry.count }

    /// Reads `lat,lon,cc` lines (a header line and `#` comments are skipped).
    public init(csv: [UInt8]) {
        var lats: [Float] = [], lons: [Float] = [], countries: [UInt16] = [], buckets: [Int32] = []
        var codes: [String] = [], codeIndex: [String: UInt16] = [:]
        var skipped = 0
        var lineStart = 0
        func handle(_ line: ArraySlice<UInt8>) {
            guard let first = line.first, first != UInt8(ascii: "#"), first != UInt8(ascii: "l") else { return }
            let fields = line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            guard fields.count == 3, let lat = Double(String(decoding: fields[0], as: UTF8.self)),
                  let lon = Double(String(decoding: fields[1], as: UTF8.self)), abs(lat) <= 90, abs(lon) <= 180,
                  fields[2].count == 2 else { skipped += 1; return }
            let code = String(decoding: fields[2], as: UTF8.self)
            let index: UInt16
            if let known = codeIndex[code] { index = known } else {
                index = UInt16(codes.count)
                codes.append(code)
                codeIndex[code] = index
            }
            lats.append(Float(lat)); lons.append(Float(lon)); countries.append(index)
            buckets.append(Int32(CountryLookup.bucket(lat, lon)))
        }
        for i in csv.indices where csv[i] == UInt8(ascii: "\n") {
            var end = i
            if end > lineStart && csv[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            handle(csv[lineStart..<end])
            lineStart = i + 1
        }
        if lineStart < csv.count { handle(csv[lineStart...]) }

        // Counting sort by bucket.
        var start = [Int32](repeating: 0, count: 180 * 360 + 1)
        for b in buckets { start[Int(b) + 1] += 1 }
        for i in 1..<start.count { start[i] += start[i - 1] }
        var next = start
        var sortedLat = [Float](repeating: 0, count: lats.count), sortedLon = sortedLat
        var sortedCountry = [UInt16](repeating: 0, count: lats.count)
        for i in lats.indices {
            let slot = Int(next[Int(buckets[i])])
            next[Int(buckets[i])] += 1
            sortedLat[slot] = lats[i]; sortedLon[slot] = lons[i]; sortedCountry[slot] = countries[i]
        }
        self.codes = codes
        placeLatitude = sortedLat
        placeLongitude = sortedLon
        placeCountry = sortedCountry
        bucketStart = start
        skippedLines = skipped
    }

    static func bucket(_ lat: Double, _ lon: Double) -> Int {
        let row = min(179, max(0, Int((lat + 90).rounded(.down))))
        let column = ((Int((lon + 180).rounded(.down)) % 360) + 360) % 360
        return row * 360 + column
    }

    /// The country of the nearest place within `maximumKilometres`, and its distance; nil at sea,
    /// in Antarctica or anywhere farther than that from every listed place.
    public func country(latitude: Double, longitude: Double, maximumKilometres: Double) -> (code: String, kilometres: Double)? {
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90 else { return nil }
        let row0 = min(179, max(0, Int((latitude + 90).rounded(.down))))
        let column0 = ((Int((longitude + 180).rounded(.down)) % 360) + 360) % 360
        var best = Double.infinity
        var bestCountry: UInt16 = 0
        // Ring r holds buckets at Chebyshev distance r. Any place in ring r + 1 or beyond is at
        // least r whole degrees away in latitude or in longitude; a degree of longitude is
        // shortest at the band's highest latitude, so that bounds the distance from below.
        for ring in 0...180 {
            let highest = min(89.999, abs(latitude) + Double(ring) + 1)
            if ring > 0 {
                let bound = Double(ring - 1) * 111.195 * cos(highest * .pi / 180)
                if bound > min(best, maximumKilometres) { break }
            }
            let rowRange = max(0, row0 - ring)...min(179, row0 + ring)
            let columnSpan = min(ring, 180)
            for row in rowRange {
                let onEdgeRow = abs(row - row0) == ring
                var columns: [Int] = []
                if onEdgeRow || ring == 0 {
                    if 2 * columnSpan + 1 >= 360 { columns = Array(0..<360) } else {
                        columns = (-columnSpan...columnSpan).map { ((column0 + $0) % 360 + 360) % 360 }
                    }
                } else if columnSpan < 180 {
                    columns = [((column0 - ring) % 360 + 360) % 360, ((column0 + ring) % 360 + 360) % 360]
                    if columns[0] == columns[1] { columns.removeLast() }
                }
                for column in columns {
                    let b = row * 360 + column
                    for i in Int(bucketStart[b])..<Int(bucketStart[b + 1]) {
                        let d = GeoGrid.kilometres(latitude, longitude, Double(placeLatitude[i]), Double(placeLongitude[i]))
                        if d < best || (d == best && codes[Int(placeCountry[i])] < codes[Int(bestCountry)]) {
                            best = d
                            bestCountry = placeCountry[i]
                        }
                    }
                }
            }
            if ring >= 180 { break }
        }
        guard best <= maximumKilometres else { return nil }
        return (codes[Int(bestCountry)], best)
    }

    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [String: CountryLookup] = [:]

    /// The lookup for a data file, read once per process (it is ~2 MB; rule sets are loaded
    /// many times by tests and commands, and most scans have no location data at all).
    public static func shared(path: String) -> CountryLookup? {
        shared(key: path) { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }
    }

    /// The lookup for a data file of a rule set (a folder or the built-in copy; a binary has one
    /// built-in set, so its location and the file's path name the table).
    public static func shared(file relative: String, in files: RuleFiles) -> CountryLookup? {
        if let directory = files.directory { return shared(path: directory + "/" + relative) }
        return shared(key: files.location + ":" + relative) { files.read(relative) }
    }

    private static func shared(key: String, read: () -> [UInt8]?) -> CountryLookup? {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let cached = cache[key] { return cached }
        guard let bytes = read() else { return nil }
        let lookup = CountryLookup(csv: bytes)
        cache[key] = lookup
        return lookup
    }
}
