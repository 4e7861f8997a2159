import StewardCore

/// A WGS 84 position as Google's location exports write it, in the three notations they
/// have used: E7 integers (`latitudeE7: 533690550`, Takeout 2012–2024), degree strings
/// (`"48.1351253°, 11.5819806°"`, the 2024+ on-device Timeline.json) and geo URIs
/// (`"geo:48.135125,11.581981"`, the array-shaped location-history.json).
/// Values outside the valid range are rejected rather than clamped: Google's older exports
/// contain a few E7 values that overflowed 32 bits, and a wrong position is worse than none.
struct LocationCoordinate: Equatable {
    var latitude: Double
    var longitude: Double

    init?(latitude: Double, longitude: Double) {
        guard latitude >= -90, latitude <= 90, longitude >= -180, longitude <= 180,
              latitude.isFinite, longitude.isFinite else { return nil }
        self.latitude = latitude
        self.longitude = longitude
    }

    /// From E7 integers (degrees × 10⁷).
    init?(latitudeE7: Int64, longitudeE7: Int64) {
        guard let latitude = try? CheckedNumber.latitude(e7: latitudeE7, field: "latitudeE7"),
              let longitude = try? CheckedNumber.longitude(e7: longitudeE7, field: "longitudeE7") else { return nil }
        self.init(latitude: latitude, longitude: longitude)
    }

    /// From `"48.1°, 11.5°"` (degree signs optional, comma between) or `"geo:48.1,11.5"`.
    init?(text: String) {
        var bytes = Array(text.utf8)[...]
        if bytes.starts(with: Array("geo:".utf8)) { bytes = bytes.dropFirst(4) }
        guard let comma = bytes.firstIndex(of: UInt8(ascii: ",")),
              let lat = Self.degrees(bytes[bytes.startIndex..<comma]),
              let lng = Self.degrees(bytes[(comma + 1)...]) else { return nil }
        self.init(latitude: lat, longitude: lng)
    }

    /// A decimal number with optional surrounding spaces and a trailing `°` (C2 B0); a geo URI
    /// may carry `;u=35` parameters after the longitude.
    private static func degrees(_ raw: ArraySlice<UInt8>) -> Double? {
        var s = raw
        while let b = s.first, b == 0x20 { s = s.dropFirst() }
        if let semicolon = s.firstIndex(of: UInt8(ascii: ";")) { s = s[s.startIndex..<semicolon] }
        while let b = s.last, b == 0x20 { s = s.dropLast() }
        if s.count >= 2 && s[s.endIndex - 2] == 0xC2 && s[s.endIndex - 1] == 0xB0 { s = s.dropLast(2) }
        guard !s.isEmpty, s.count < 32,
              s.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }),
              let value = Double(String(decoding: s, as: UTF8.self)) else { return nil }
        return value
    }
}
