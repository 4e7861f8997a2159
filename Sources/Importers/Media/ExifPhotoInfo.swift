import StewardCore

/// What `ExifPhotoParser` takes from the IFDs.
struct ExifPhotoInfo {
    var make: String?
    var model: String?
    var latitude: Double?
    var longitude: Double?
    var time: Timestamp?
    /// The first inconsistency met (an IFD pointer outside the block, a bad coordinate).
    var problem: String?

    mutating func read(_ r: ExifTIFFReader) {
        guard let ifd0Offset = r.firstIFDOffset, let ifd0 = r.entries(at: ifd0Offset) else {
            problem = "IFD0 offset points outside the Exif block"; return
        }
        var exifIFD: [ExifTIFFReader.Entry] = [], gpsIFD: [ExifTIFFReader.Entry] = []
        for e in ifd0 {
            switch e.tag {
            case 0x010F: make = r.ascii(e)?.trimmingSpaces
            case 0x0110: model = r.ascii(e)?.trimmingSpaces
            case 0x8769:
                if let o = r.pointer(e), let list = r.entries(at: o) { exifIFD = list } else { problem = "Exif IFD offset points outside the Exif block" }
            case 0x8825:
                if let o = r.pointer(e), let list = r.entries(at: o) { gpsIFD = list } else { problem = "GPS IFD offset points outside the Exif block" }
            default: break
            }
        }
        var original: String?, originalOffset: String?
        for e in exifIFD {
            if e.tag == 0x9003 { original = r.ascii(e) }
            else if e.tag == 0x9011 { originalOffset = r.ascii(e) }
        }
        var latRef: String?, lonRef: String?, gpsDate: String?
        var lat: ExifTIFFReader.Entry?, lon: ExifTIFFReader.Entry?, gpsTime: ExifTIFFReader.Entry?
        for e in gpsIFD {
            switch e.tag {
            case 0x0001: latRef = r.ascii(e)
            case 0x0002: lat = e
            case 0x0003: lonRef = r.ascii(e)
            case 0x0004: lon = e
            case 0x0007: gpsTime = e
            case 0x001D: gpsDate = r.ascii(e)
            default: break
            }
        }
        if let lat, let lon, let la = Self.degrees(r, lat), let lo = Self.degrees(r, lon) {
            let signedLat = latRef?.hasPrefix("S") == true ? -la : la
            let signedLon = lonRef?.hasPrefix("W") == true ? -lo : lo
            // 0,0 is what some cameras write when they had no fix.
            if (-90...90).contains(signedLat), (-180...180).contains(signedLon), !(signedLat == 0 && signedLon == 0) {
                latitude = signedLat
                longitude = signedLon
            } else {
                problem = "GPS position out of range or 0,0: not used"
            }
        }
        let local = original.flatMap { Self.exifDateTime($0, offset: Self.offset(originalOffset)) }
        var utc: Timestamp?
        if let gpsDate, let gpsTime, let day = Self.exifDateTime(gpsDate + " 00:00:00", offset: 0),
           let h = r.rational(gpsTime, 0), let m = r.rational(gpsTime, 1), let s = r.rational(gpsTime, 2),
           h >= 0, h < 24, m >= 0, m < 60, s >= 0, s < 61 {
            utc = Timestamp(epochSeconds: day.epochSeconds + Int64(h) * 3600 + Int64(m) * 60 + Int64(s), utcOffsetSeconds: 0)
        }
        if var utc {
            if let local {
                if let known = local.utcOffsetSeconds {
                    utc.utcOffsetSeconds = known
                } else {
                    // Local clock minus UTC, to the nearest quarter hour (a GPS fix can lag the shutter).
                    let difference = local.localSeconds - utc.epochSeconds
                    let quarters = (Double(difference) / 900).rounded()
                    if abs(quarters) <= 56 { utc.utcOffsetSeconds = Int32(quarters * 900) }
                }
            }
            time = utc
        } else {
            time = local
        }
    }

    /// Degrees + minutes/60 + seconds/3600 from three RATIONALs.
    static func degrees(_ r: ExifTIFFReader, _ e: ExifTIFFReader.Entry) -> Double? {
        guard e.count >= 3, let d = r.rational(e, 0), let m = r.rational(e, 1), let s = r.rational(e, 2) else { return nil }
        let value = d + m / 60 + s / 3600
        return value.isFinite ? value : nil
    }

    /// "2018:07:25 16:34:23" (Exif's colons in the date).
    static func exifDateTime(_ text: String, offset: Int32?) -> Timestamp? {
        let b = Array(text.utf8)
        guard b.count >= 19 else { return nil }
        func n(_ at: Int, _ count: Int) -> Int? {
            var v = 0
            for k in at..<(at + count) { guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }; v = v * 10 + Int(b[k] - 0x30) }
            return v
        }
        guard let y = n(0, 4), let mo = n(5, 2), let d = n(8, 2), let h = n(11, 2), let mi = n(14, 2), let s = n(17, 2) else { return nil }
        return Timestamp(year: y, month: mo, day: d, hour: h, minute: mi, second: s, utcOffsetSeconds: offset)
    }

    /// "+02:00" / "-05:30" (OffsetTimeOriginal).
    static func offset(_ text: String?) -> Int32? {
        guard let text else { return nil }
        let b = Array(text.utf8)
        guard b.count >= 6, b[0] == 0x2B || b[0] == 0x2D, b[3] == 0x3A,
              let h = Int(String(decoding: b[1..<3], as: UTF8.self)), let m = Int(String(decoding: b[4..<6], as: UTF8.self)),
              h <= 14, m < 60 else { return nil }
        let magnitude = Int32(h * 3600 + m * 60)
        return b[0] == 0x2D ? -magnitude : magnitude
    }
}

extension String {
    fileprivate var trimmingSpaces: String? {
        let t = self.utf8.drop(while: { $0 == 0x20 }).reversed().drop(while: { $0 == 0x20 }).reversed()
        let s = String(decoding: Array(t), as: UTF8.self)
        return s.isEmpty ? nil : s
    }
}
