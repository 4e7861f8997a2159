import StewardCore

/// A streaming reader of Garmin's FIT binary protocol (the `.fit` files of sport watches, bike
/// computers and Strava's bulk export; docs/formats/health.md, "FIT activity files"): bytes
/// pushed in chunks of any size, one decoded data message handed on at a time.
///
/// The layout it follows: a file header (12 or 14 bytes: header size, protocol and profile
/// versions, the length of the records, `.FIT`, an optional header CRC), then records, then a
/// CRC-16 over everything before it; several such files may follow one another (chained FIT).
/// A record starts with one header byte: a *normal* header says whether a definition or a data
/// message follows and which of 16 local message types it uses; a *compressed timestamp*
/// header (top bit set) is a data message of local type 0–3 whose time is the last full
/// timestamp seen, advanced to the 5-bit offset it carries. A definition message states a
/// global message number, the byte order of its fields and each field's number, size and base
/// type, then (when its developer flag is set) the sizes of developer fields, which are
/// skipped by size. Data messages are decoded against the definition of their local type.
///
/// Only single numeric fields are decoded (what activity files need: times, coordinates,
/// enums, counts); strings, arrays and floats are skipped by size. A value equal to its base
/// type's "invalid" marker comes out as nil. Memory: the 16 definitions plus at most one
/// record (a data message is at most 255 fields of 255 bytes and as many developer bytes).
public struct FITReader {
    /// The FIT epoch, 1989-12-31T00:00:00Z, in Unix seconds.
    public static let epochOffset: Int64 = 631_065_600
    /// Global message number of the time field every message may carry.
    public static let timestampField: UInt8 = 253

    public struct Field: Sendable, Equatable {
        public let number: UInt8
        /// The value as a signed integer (unsigned 64-bit values above `Int64.max` are nil);
        /// nil when the field holds its type's invalid marker or is not a single number.
        public let value: Int64?
    }

    public struct Message: Sendable {
        /// The global message number (0 file_id, 18 session, 19 lap, 20 record, 34 activity, …).
        public let global: UInt16
        /// 0-based index of this data message among the file's data messages.
        public let index: Int
        /// Byte offset of the record header in the input (all chained files counted).
        public let offset: Int64
        /// Seconds since the FIT epoch: the message's own `timestamp` field, or the time its
        /// compressed header stands for; nil when it has neither.
        public let timestamp: UInt32?
        public let fields: [Field]

        public func value(_ number: UInt8) -> Int64? {
            for field in fields where field.number == number { return field.value }
            return nil
        }
    }

    /// Something wrong in the input, with the byte offset where it was found.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public let offset: Int64
        public let message: String
        public var description: String { "byte \(offset): \(message)" }
        public init(offset: Int64, message: String) {
            self.offset = offset
            self.message = message
        }
    }

    public enum Output {
        case message(Message)
        /// A problem that loses nothing or only the part named; reading goes on.
        case problem(Problem)
    }

    private struct FieldDefinition {
        let number: UInt8
        let size: UInt8
        let baseType: UInt8
    }

    private struct Definition {
        let global: UInt16
        let bigEndian: Bool
        let fields: [FieldDefinition]
        let developerBytes: Int
        var size: Int { fields.reduce(0) { $0 + Int($1.size) } + developerBytes }
    }

    private enum State { case fileHeader, records, crc, ended }

    private let wanted: Set<UInt16>?
    private var state = State.fileHeader
    private var pending: [UInt8] = []
    /// Absolute offset of `pending[0]`.
    private var base: Int64 = 0
    private var definitions = [Definition?](repeating: nil, count: 16)
    private var lastTimestamp: UInt32?
    private var recordsLeft: Int64 = 0
    private var crc: UInt16 = 0
    private var dataMessages = 0
    /// Bytes fed so far, and where bytes that are no FIT file began after a complete one.
    private var fed: Int64 = 0
    private var trailingFrom: Int64?
    /// Files read (chained FIT files count one each).
    public private(set) var filesRead = 0
    /// True once the input stopped making sense (a data message of an undefined type): the
    /// rest is not read.
    public private(set) var gaveUp = false

    /// `messages`: the global message numbers to decode; others are skipped by size (nil: all).
    public init(messages: Set<UInt16>? = nil) {
        wanted = messages
    }

    /// True when `head` starts like a FIT file: a 12- or 14-byte header with `.FIT` at bytes 8–11.
    public static func looksLikeFIT(_ head: some Collection<UInt8>) -> Bool {
        let bytes = Array(head.prefix(12))
        return bytes.count == 12 && (bytes[0] == 12 || bytes[0] == 14) && bytes[8...11].elementsEqual(Array(".FIT".utf8))
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Output) -> Void) {
        fed += Int64(chunk.count)
        guard state != .ended, !gaveUp else { return }
        pending.append(contentsOf: chunk)
        var at = 0
        while !gaveUp, let used = step(at, body) { at += used }
        if at > 0 {
            pending.removeFirst(at)
            base += Int64(at)
        }
    }

    /// The input ended: what is missing, if anything.
    public mutating func finish(_ body: (Output) -> Void) {
        if let trailingFrom {
            body(.problem(Problem(offset: trailingFrom, message: "\(fed - trailingFrom) bytes after the last FIT file: not read")))
            self.trailingFrom = nil
        }
        guard !gaveUp else { return }
        switch state {
        case .ended:
            break
        case .fileHeader:
            if filesRead == 0 { body(.problem(Problem(offset: base, message: "no FIT file header"))) }
            else if !pending.isEmpty { body(.problem(Problem(offset: base, message: "\(pending.count) bytes after the last FIT file: not read"))) }
        case .records:
            // Counted from where the input ends, not from the last whole record.
            let missing = recordsLeft - Int64(pending.count)
            body(.problem(Problem(offset: base + Int64(pending.count), message: "truncated: the file ends \(missing) bytes before the end of its records")))
        case .crc:
            body(.problem(Problem(offset: base, message: "truncated: the file ends before its CRC")))
        }
        state = .ended
    }

    /// Reads one unit (a file header, a record or a CRC) at `at` in `pending`; the bytes it used,
    /// or nil when more input is needed.
    private mutating func step(_ at: Int, _ body: (Output) -> Void) -> Int? {
        let available = pending.count - at
        switch state {
        case .ended:
            return nil
        case .fileHeader:
            guard available >= 1 else { return nil }
            let size = Int(pending[at])
            guard size != 12 && size != 14 || available >= size else { return nil }
            guard size == 12 || size == 14, pending[at + 8..<at + 12].elementsEqual(Array(".FIT".utf8)) else {
                if filesRead == 0 {
                    body(.problem(Problem(offset: base + Int64(at), message: "not a FIT file header")))
                } else {
                    // Counted at the end, when the input's length is known whatever the chunks.
                    trailingFrom = base + Int64(at)
                }
                gaveUp = true
                return nil
            }
            recordsLeft = Int64(pending[at + 4]) | Int64(pending[at + 5]) << 8 | Int64(pending[at + 6]) << 16 | Int64(pending[at + 7]) << 24
            crc = 0
            crc = Self.crc16(crc, pending[at..<at + size])
            definitions = [Definition?](repeating: nil, count: 16)
            lastTimestamp = nil
            state = recordsLeft > 0 ? .records : .crc
            return size
        case .crc:
            guard available >= 2 else { return nil }
            let stated = UInt16(pending[at]) | UInt16(pending[at + 1]) << 8
            if stated != crc {
                body(.problem(Problem(offset: base + Int64(at), message: "file CRC does not match its contents: the file may be damaged")))
            }
            filesRead += 1
            state = .fileHeader
            return 2
        case .records:
            guard available >= 1 else { return nil }
            let header = pending[at]
            let offset = base + Int64(at)
            let used: Int?
            if header & 0x80 != 0 {
                used = dataMessage(at, local: Int((header >> 5) & 0x03), timeOffset: header & 0x1F, offset: offset, body)
            } else if header & 0x40 != 0 {
                used = definitionMessage(at, local: Int(header & 0x0F), developer: header & 0x20 != 0, offset: offset, body)
            } else {
                used = dataMessage(at, local: Int(header & 0x0F), timeOffset: nil, offset: offset, body)
            }
            guard let used else { return nil }
            if Int64(used) > recordsLeft {
                body(.problem(Problem(offset: offset, message: "record runs past the end of the records the header states")))
                gaveUp = true
                return nil
            }
            crc = Self.crc16(crc, pending[at..<at + used])
            recordsLeft -= Int64(used)
            if recordsLeft == 0 { state = .crc }
            return used
        }
    }

    private mutating func definitionMessage(_ at: Int, local: Int, developer: Bool, offset: Int64, _ body: (Output) -> Void) -> Int? {
        // header, reserved, architecture, global number (2), field count
        guard pending.count - at >= 6 else { return nil }
        let bigEndian = pending[at + 2] == 1
        let global = bigEndian ? UInt16(pending[at + 3]) << 8 | UInt16(pending[at + 4]) : UInt16(pending[at + 3]) | UInt16(pending[at + 4]) << 8
        let count = Int(pending[at + 5])
        var length = 6 + count * 3
        guard pending.count - at >= length + (developer ? 1 : 0) else { return nil }
        var fields: [FieldDefinition] = []
        fields.reserveCapacity(count)
        for i in 0..<count {
            let p = at + 6 + i * 3
            fields.append(FieldDefinition(number: pending[p], size: pending[p + 1], baseType: pending[p + 2]))
        }
        var developerBytes = 0
        if developer {
            let devCount = Int(pending[at + length])
            length += 1 + devCount * 3
            guard pending.count - at >= length else { return nil }
            for i in 0..<devCount { developerBytes += Int(pending[at + 6 + count * 3 + 1 + i * 3 + 1]) }
        }
        // Said only once the whole definition is here: a definition split across chunks is
        // looked at again when more bytes arrive.
        if pending[at + 2] > 1 {
            body(.problem(Problem(offset: offset, message: "definition with an unknown byte order \(pending[at + 2]): read as little-endian")))
        }
        definitions[local] = Definition(global: global, bigEndian: bigEndian, fields: fields, developerBytes: developerBytes)
        return length
    }

    private mutating func dataMessage(_ at: Int, local: Int, timeOffset: UInt8?, offset: Int64, _ body: (Output) -> Void) -> Int? {
        guard let definition = definitions[local] else {
            body(.problem(Problem(offset: offset, message: "data message of local type \(local) before any definition of it: the rest of the file cannot be read")))
            gaveUp = true
            return nil
        }
        let length = 1 + definition.size
        guard pending.count - at >= length else { return nil }
        let index = dataMessages
        dataMessages += 1
        var compressedTime: UInt32?
        if let timeOffset {
            if let last = lastTimestamp {
                let lastOffset = UInt8(last & 0x1F)
                var time = (last & ~UInt32(0x1F)) &+ UInt32(timeOffset)
                if timeOffset < lastOffset { time &+= 0x20 }
                compressedTime = time
                lastTimestamp = time
            } else {
                body(.problem(Problem(offset: offset, message: "compressed timestamp before any full timestamp: message kept without a time")))
            }
        }
        let decode = wanted?.contains(definition.global) ?? true
        var fields: [Field] = []
        if decode { fields.reserveCapacity(definition.fields.count) }
        var ownTimestamp: UInt32?
        var p = at + 1
        for field in definition.fields {
            let size = Int(field.size)
            if field.number == Self.timestampField, size == 4 {
                let raw = Self.unsigned(pending, p, 4, bigEndian: definition.bigEndian)
                if raw != 0xFFFF_FFFF {
                    ownTimestamp = UInt32(raw)
                    lastTimestamp = UInt32(raw)
                }
            }
            if decode {
                fields.append(Field(number: field.number, value: Self.value(pending, p, size: size, baseType: field.baseType, bigEndian: definition.bigEndian)))
            }
            p += size
        }
        if decode {
            body(.message(Message(global: definition.global, index: index, offset: offset,
                                  timestamp: ownTimestamp ?? compressedTime, fields: fields)))
        }
        return length
    }

    /// Byte size of each base type, by its number (the low 5 bits of the base type byte).
    private static let baseSizes: [Int] = [1, 1, 1, 2, 2, 4, 4, 1, 4, 8, 1, 2, 4, 1, 8, 8, 8]

    private static func value(_ bytes: [UInt8], _ at: Int, size: Int, baseType: UInt8, bigEndian: Bool) -> Int64? {
        let type = Int(baseType & 0x1F)
        guard type < baseSizes.count, baseSizes[type] == size else { return nil }
        switch type {
        case 7, 8, 9, 13: return nil   // string, float32, float64, byte array
        default: break
        }
        let raw = unsigned(bytes, at, size, bigEndian: bigEndian)
        switch type {
        case 0, 2: return raw == 0xFF ? nil : Int64(raw)                       // enum, uint8
        case 10, 11, 12, 16: return raw == 0 ? nil : (raw > UInt64(Int64.max) ? nil : Int64(raw))  // uint*z
        case 1: return raw == 0x7F ? nil : Int64(Int8(truncatingIfNeeded: raw))
        case 3: return raw == 0x7FFF ? nil : Int64(Int16(truncatingIfNeeded: raw))
        case 4: return raw == 0xFFFF ? nil : Int64(raw)
        case 5: return raw == 0x7FFF_FFFF ? nil : Int64(Int32(truncatingIfNeeded: raw))
        case 6: return raw == 0xFFFF_FFFF ? nil : Int64(raw)
        case 14: return raw == 0x7FFF_FFFF_FFFF_FFFF ? nil : Int64(bitPattern: raw)
        case 15: return raw == UInt64.max || raw > UInt64(Int64.max) ? nil : Int64(raw)
        default: return nil
        }
    }

    private static func unsigned(_ bytes: [UInt8], _ at: Int, _ size: Int, bigEndian: Bool) -> UInt64 {
        var raw: UInt64 = 0
        for i in 0..<size {
            let byte = UInt64(bytes[at + (bigEndian ? i : size - 1 - i)])
            raw = raw << 8 | byte
        }
        return raw
    }

    /// CRC-16 as FIT computes it (polynomial 0x8005 reflected, initial 0: CRC-16/ARC).
    public static func crc16(_ start: UInt16, _ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc = start
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
        }
        return crc
    }

    /// Degrees from FIT's semicircles (2³¹ semicircles = 180°).
    public static func degrees(semicircles: Int64) -> Double {
        Double(semicircles) * (180.0 / 2_147_483_648.0)
    }
}
