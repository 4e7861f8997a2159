/// A FIT file written byte by byte for tests (the layout of Garmin's FIT protocol: a 12- or
/// 14-byte file header, definition and data messages, a CRC-16 at the end), so tests can build
/// what devices write — compressed timestamp headers, developer fields, big-endian
/// definitions, chained files — and what they never should: wrong CRCs, data before its
/// definition, files cut short. The CRC here is the nibble-table form of the protocol's
/// documentation, independent of the reader's bitwise one.
public struct FITImage {
    public enum BaseType: UInt8 {
        case enumeration = 0x00, sint8 = 0x01, uint8 = 0x02, sint16 = 0x83, uint16 = 0x84
        case sint32 = 0x85, uint32 = 0x86, string = 0x07, uint8z = 0x0A, byte = 0x0D

        var size: Int {
            switch self {
            case .enumeration, .sint8, .uint8, .uint8z, .string, .byte: return 1
            case .sint16, .uint16: return 2
            case .sint32, .uint32: return 4
            }
        }
    }

    public struct FieldSpec {
        public var number: UInt8
        public var type: BaseType
        public var size: Int
        public init(_ number: UInt8, _ type: BaseType, size: Int? = nil) {
            self.number = number
            self.type = type
            self.size = size ?? type.size
        }
    }

    public private(set) var records: [UInt8] = []
    private var layouts: [Int: (fields: [FieldSpec], developer: [Int], bigEndian: Bool)] = [:]

    public init() {}

    /// A definition message for `local` type: the global message number and fields, with
    /// developer field sizes when `developer` is not empty.
    public mutating func define(local: Int, global: UInt16, fields: [FieldSpec], developer: [Int] = [], bigEndian: Bool = false) {
        records.append(0x40 | (developer.isEmpty ? 0 : 0x20) | UInt8(local))
        records.append(0)
        records.append(bigEndian ? 1 : 0)
        records += bigEndian ? [UInt8(global >> 8), UInt8(global & 0xFF)] : [UInt8(global & 0xFF), UInt8(global >> 8)]
        records.append(UInt8(fields.count))
        for field in fields { records += [field.number, UInt8(field.size), field.type.rawValue] }
        if !developer.isEmpty {
            records.append(UInt8(developer.count))
            for (i, size) in developer.enumerated() { records += [UInt8(i), UInt8(size), 0] }
        }
        layouts[local] = (fields, developer, bigEndian)
    }

    /// A data message of `local` type with one integer per field (in definition order); a nil
    /// value writes the field's invalid marker. Developer fields are filled with 0xEE.
    public mutating func data(local: Int, _ values: [Int64?], compressedTimeOffset: UInt8? = nil) {
        let layout = layouts[local]!
        if let offset = compressedTimeOffset {
            records.append(0x80 | UInt8(local & 0x03) << 5 | (offset & 0x1F))
        } else {
            records.append(UInt8(local))
        }
        for (field, value) in zip(layout.fields, values) {
            records += Self.encode(value, field, bigEndian: layout.bigEndian)
        }
        for size in layout.developer { records += [UInt8](repeating: 0xEE, count: size) }
    }

    /// Raw bytes appended to the records (for damaged files).
    public mutating func raw(_ bytes: [UInt8]) { records += bytes }

    static func encode(_ value: Int64?, _ field: FieldSpec, bigEndian: Bool) -> [UInt8] {
        let invalid: UInt64
        switch field.type {
        case .enumeration, .uint8, .byte: invalid = 0xFF
        case .sint8: invalid = 0x7F
        case .sint16: invalid = 0x7FFF
        case .uint16: invalid = 0xFFFF
        case .sint32: invalid = 0x7FFF_FFFF
        case .uint32: invalid = 0xFFFF_FFFF
        case .uint8z, .string: invalid = 0
        }
        let raw = value.map { UInt64(bitPattern: $0) } ?? invalid
        var bytes = (0..<field.size).map { UInt8(truncatingIfNeeded: raw >> (8 * UInt64($0))) }
        if bigEndian { bytes.reverse() }
        return bytes
    }

    /// The whole file: header (14 bytes with a header CRC, or 12), records, file CRC.
    public func bytes(headerSize: Int = 14, crcOverride: UInt16? = nil) -> [UInt8] {
        var header: [UInt8] = [UInt8(headerSize), 0x20, 0x08, 0x08]   // protocol 2.0, profile 20.56
        let size = UInt32(records.count)
        header += [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)]
        header += Array(".FIT".utf8)
        if headerSize == 14 {
            let crc = Self.crc(header)
            header += [UInt8(crc & 0xFF), UInt8(crc >> 8)]
        }
        let file = header + records
        let crc = crcOverride ?? Self.crc(file)
        return file + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }

    /// The protocol's CRC-16, in the nibble-table form its documentation gives.
    public static func crc(_ bytes: [UInt8]) -> UInt16 {
        let table: [UInt16] = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
                               0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]
        var crc: UInt16 = 0
        for byte in bytes {
            var tmp = table[Int(crc & 0xF)]
            crc = (crc >> 4) & 0x0FFF
            crc = crc ^ tmp ^ table[Int(byte & 0xF)]
            tmp = table[Int(crc & 0xF)]
            crc = (crc >> 4) & 0x0FFF
            crc = crc ^ tmp ^ table[Int((byte >> 4) & 0xF)]
        }
        return crc
    }

    /// Seconds since the FIT epoch (1989-12-31T00:00:00Z) of a Unix time.
    public static func fitTime(unix: Int64) -> Int64 { unix - 631_065_600 }

    /// Semicircles of a coordinate in degrees.
    public static func semicircles(_ degrees: Double) -> Int64 { Int64((degrees * 2_147_483_648.0 / 180.0).rounded()) }

    /// A small running activity as a watch writes it: file_id, 5 records (the first with a full
    /// timestamp, then compressed timestamp headers, one indoor record without a position, a
    /// developer field on every record), a lap, a session (running, 30 min, 5.2 km) and an
    /// activity message. Start: 2024-03-01T06:30:00Z at 52.52 N, 13.405 E.
    public static func runningActivity() -> FITImage {
        var fit = FITImage()
        let start: Int64 = fitTime(unix: 1_709_274_600)
        fit.define(local: 0, global: 0, fields: [FieldSpec(0, .enumeration), FieldSpec(1, .uint16), FieldSpec(4, .uint32)])
        fit.data(local: 0, [4, 1, start])
        fit.define(local: 1, global: 20, fields: [FieldSpec(253, .uint32), FieldSpec(0, .sint32), FieldSpec(1, .sint32), FieldSpec(3, .uint8)],
                   developer: [2])
        fit.data(local: 1, [start, semicircles(52.52), semicircles(13.405), 120])
        fit.define(local: 2, global: 20, fields: [FieldSpec(0, .sint32), FieldSpec(1, .sint32), FieldSpec(3, .uint8)], developer: [2])
        // compressed headers: +5 s, +10 s, +40 s (the 5-bit offset rolls over), then one without a position
        fit.data(local: 2, [semicircles(52.5205), semicircles(13.4055), 130], compressedTimeOffset: UInt8((start + 5) & 0x1F))
        fit.data(local: 2, [semicircles(52.5210), semicircles(13.4060), 135], compressedTimeOffset: UInt8((start + 10) & 0x1F))
        fit.data(local: 2, [semicircles(52.5220), semicircles(13.4070), 140], compressedTimeOffset: UInt8((start + 40) & 0x1F))
        fit.data(local: 2, [nil, nil, 141], compressedTimeOffset: UInt8((start + 45) & 0x1F))
        fit.define(local: 3, global: 19, fields: [FieldSpec(253, .uint32), FieldSpec(2, .uint32)])
        fit.data(local: 3, [start + 1800, start])
        fit.define(local: 4, global: 18, fields: [FieldSpec(253, .uint32), FieldSpec(2, .uint32), FieldSpec(5, .enumeration),
                                                  FieldSpec(6, .enumeration), FieldSpec(7, .uint32), FieldSpec(9, .uint32)])
        fit.data(local: 4, [start + 1800, start, 1, 0, 1_800_000, 520_000])
        fit.define(local: 5, global: 34, fields: [FieldSpec(253, .uint32), FieldSpec(0, .uint32), FieldSpec(1, .uint16), FieldSpec(5, .uint32)])
        fit.data(local: 5, [start + 1800, 1_800_000, 1, start + 1800 + 3600])
        return fit
    }
}
