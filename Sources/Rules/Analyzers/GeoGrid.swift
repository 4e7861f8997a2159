import Foundation
import StewardCore

/// A fixed latitude/longitude grid: a point becomes one integer cell key, so location analyzers
/// keep counts per cell (bounded by the places a person goes, not by the number of points).
/// Longitude wraps at the antimeridian; latitude rows are clamped at the poles.
public struct GeoGrid: Sendable, Hashable {
    /// Cell edge in degrees of latitude and longitude.
    public let cellDegrees: Double
    let rows: Int64
    let columns: Int64

    public init(cellDegrees: Double) {
        self.cellDegrees = cellDegrees
        rows = Int64((180 / cellDegrees).rounded(.up))
        columns = Int64((360 / cellDegrees).rounded(.up))
    }

    /// The cell of a point, or nil for coordinates that are not on Earth (NaN, |lat| > 90).
    public func key(latitude: Double, longitude: Double) -> Int64? {
        guard latitude.isFinite, longitude.isFinite, abs(latitude) <= 90, abs(longitude) <= 360 else { return nil }
        let row = min(rows - 1, max(0, Int64(((latitude + 90) / cellDegrees).rounded(.down))))
        let column = Int64(((longitude + 180) / cellDegrees).rounded(.down))
        return row * columns + GeoGrid.wrap(column, columns)
    }

    /// Row and column of a key.
    func position(_ key: Int64) -> (row: Int64, column: Int64) { (key / columns, key % columns) }

    /// Centre of a cell in degrees.
    public func center(_ key: Int64) -> (latitude: Double, longitude: Double) {
        let (row, column) = position(key)
        let lat = -90 + (Double(row) + 0.5) * cellDegrees
        var lon = -180 + (Double(column) + 0.5) * cellDegrees
        if lon > 180 { lon -= 360 }
        return (min(90, lat), lon)
    }

    /// The cell and its up to 8 neighbours (the 3 × 3 block a cluster is scored on, so a home
    /// on a cell border is not split in two). Columns wrap at the antimeridian.
    public func block(_ key: Int64) -> [Int64] {
        let (row, column) = position(key)
        var result: [Int64] = []
        result.reserveCapacity(9)
        for dr in -1...1 {
            let r = row + Int64(dr)
            guard r >= 0 && r < rows else { continue }
            for dc in -1...1 {
                let k = r * columns + GeoGrid.wrap(column + Int64(dc), columns)
                if !result.contains(k) { result.append(k) }
            }
        }
        return result
    }

    /// Chebyshev distance in cells between two keys, with longitude wrapping.
    public func cellDistance(_ a: Int64, _ b: Int64) -> Int64 {
        let (ra, ca) = position(a), (rb, cb) = position(b)
        let dc = abs(ca - cb)
        return max(abs(ra - rb), min(dc, columns - dc))
    }

    /// Size of a cell on the ground at a latitude, in metres (north–south, east–west), so a
    /// report can say honestly how precise a rounded location is.
    public func groundSize(atLatitude latitude: Double) -> (northSouth: Int, eastWest: Int) {
        let metresPerDegree = 111_195.0
        return (Int((cellDegrees * metresPerDegree).rounded()),
                Int((cellDegrees * metresPerDegree * cos(latitude * .pi / 180)).rounded()))
    }

    static func wrap(_ value: Int64, _ modulus: Int64) -> Int64 { ((value % modulus) + modulus) % modulus }

    /// Great-circle distance in kilometres (haversine, mean Earth radius 6,371 km).
    public static func kilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let toRadians = Double.pi / 180
        let dLat = (lat2 - lat1) * toRadians, dLon = (lon2 - lon1) * toRadians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * toRadians) * cos(lat2 * toRadians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371.0 * asin(min(1, sqrt(a)))
    }
}

/// The local clock a location record was made on. Location exports mostly write UTC
/// (Records.json and Semantic Location History use `Z`; only the 2024+ on-device Timeline
/// gives the local offset). When the export states a non-zero offset it is used; when it says
/// UTC or nothing and the record has a longitude, the local clock is estimated as the nautical
/// time zone of that longitude (UTC + round(longitude / 15) hours). That estimate ignores
/// political zones and daylight saving, so it can be 1–2 hours off (Spain, western China): the
/// night and day windows are wide enough for that.
public enum LocalClock {
    /// Seconds on the (estimated) local clock.
    public static func localSeconds(_ time: Timestamp, longitude: Double?) -> Int64 {
        if let offset = time.utcOffsetSeconds, offset != 0 { return time.epochSeconds + Int64(offset) }
        guard let longitude, longitude.isFinite, abs(longitude) <= 180 else { return time.epochSeconds + Int64(time.utcOffsetSeconds ?? 0) }
        return time.epochSeconds + Int64((longitude / 15).rounded()) * 3600
    }

    /// Hour 0–23 and day number (days since 1970-01-01) on the local clock; nil for date-only times.
    public static func hourAndDay(_ time: Timestamp, longitude: Double?) -> (hour: Int, day: Int64, weekday: Int)? {
        guard !time.dateOnly else { return nil }
        let local = localSeconds(time, longitude: longitude)
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let hour = Int((local - day * 86_400) / 3600)
        // 1970-01-01 was a Thursday (ISO weekday 4).
        let weekday = Int(((day + 3) % 7 + 7) % 7) + 1
        return (hour, day, weekday)
    }
}
