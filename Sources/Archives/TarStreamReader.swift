/// Reads a tar stream pushed in chunks of any size, as `tar` writes them: 512-byte headers
/// (POSIX ustar with its 155-byte name prefix, old v7, GNU), GNU long names (`L` entries),
/// pax extended headers (`x`: `path` and `size` records) and base-256 sizes for members over
/// 8 GiB. Member data is handed on in place, never buffered: the reader holds one header
/// and at most one metadata entry (capped), so memory stays bounded whatever the archive.
/// Names are returned as written; the caller decides how to show them (they may hold `..`).
public struct TarStreamReader {
    enum EntryKind: Equatable {
        case file, directory, link, other(String)
    }

    struct Entry {
        var path: String
        var size: Int64
        var kind: EntryKind
    }

    enum Output {
        /// A member starts; `.data` chunks follow for regular files, then `.end`.
        case begin(Entry)
        case data(UnsafeRawBufferPointer)
        case end
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private enum State {
        case header
        case data(remaining: Int64, padding: Int)
        case meta(type: UInt8, remaining: Int, padding: Int)
        case skip(remaining: Int64)
        case ended
    }

    static let maxMetaBytes = 1 << 20
    /// Largest entry size accepted from a pax header (2⁶⁰ bytes, an exbibyte); the ustar size
    /// field cannot state more than 2⁶³ − 2⁹, so block rounding never overflows.
    static let maxEntryBytes: Int64 = 1 << 60

    private var state = State.header
    private var header: [UInt8] = []
    private var meta: [UInt8] = []
    private var longName: String?
    private var paxPath: String?
    private var paxSize: Int64?
    private(set) var headersRead = 0
    private var offset: Int64 = 0

    /// True once the end-of-archive block was read.
    var ended: Bool { if case .ended = state { return true } else { return false } }
    /// True while a member's data is being delivered.
    var insideMember: Bool { if case .data = state { return true } else { return false } }

    init() { header.reserveCapacity(512) }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Output) throws -> Void) throws {
        guard let p = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let n = chunk.count
        var i = 0
        while i < n {
            switch state {
            case .ended:
                return
            case .header:
                let take = min(512 - header.count, n - i)
                header.append(contentsOf: UnsafeBufferPointer(start: p + i, count: take))
                i += take
                offset += Int64(take)
                if header.count == 512 {
                    try readHeader(body)
                    header.removeAll(keepingCapacity: true)
                }
            case .data(let remaining, let padding):
                let take = Int(min(remaining, Int64(n - i)))
                if take > 0 { try body(.data(UnsafeRawBufferPointer(start: p + i, count: take))) }
                i += take
                offset += Int64(take)
                if remaining - Int64(take) == 0 {
                    try body(.end)
                    state = padding > 0 ? .skip(remaining: Int64(padding)) : .header
                } else {
                    state = .data(remaining: remaining - Int64(take), padding: padding)
                }
            case .meta(let type, let remaining, let padding):
                let take = min(remaining, n - i)
                meta.append(contentsOf: UnsafeBufferPointer(start: p + i, count: take))
                i += take
                offset += Int64(take)
                if remaining - take == 0 {
                    try applyMeta(type)
                    meta.removeAll(keepingCapacity: false)
                    state = padding > 0 ? .skip(remaining: Int64(padding)) : .header
                } else {
                    state = .meta(type: type, remaining: remaining - take, padding: padding)
                }
            case .skip(let remaining):
                let take = Int(min(remaining, Int64(n - i)))
                i += take
                offset += Int64(take)
                state = remaining - Int64(take) == 0 ? .header : .skip(remaining: remaining - Int64(take))
            }
        }
    }

    /// What the end of input left unfinished, if anything (a truncated archive).
    func unfinished() -> String? {
        switch state {
        case .ended, .skip: return nil
        case .header: return header.isEmpty ? nil : "the archive ends inside a member header"
        case .data(let remaining, _): return "the archive ends inside this member (\(remaining) bytes missing)"
        case .meta: return "the archive ends inside an extended header"
        }
    }

    private mutating func readHeader(_ body: (Output) throws -> Void) throws {
        let h = header
        if h.allSatisfy({ $0 == 0 }) { state = .ended; return }
        guard Self.checksumMatches(h) else {
            throw Failure(description: headersRead == 0 ? "not a tar archive (no valid header at its start)"
                                                         : "damaged tar header at byte \(offset - 512)")
        }
        headersRead += 1
        guard var size = Self.size(h[124..<136]) else { throw Failure(description: "unreadable size in tar header at byte \(offset - 512)") }
        let type = h[156]
        let padding = Int((512 - size % 512) % 512)
        switch type {
        case UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g"):
            guard size <= Self.maxMetaBytes else { throw Failure(description: "extended tar header larger than 1 MiB") }
            meta.removeAll(keepingCapacity: true)
            if size == 0 { try applyMeta(type); state = .header; return }
            state = .meta(type: type, remaining: Int(size), padding: padding)
            return
        default:
            break
        }
        var path = Self.string(h[0..<100])
        if h[257..<262].elementsEqual(Array("ustar".utf8)) && h[262] == 0 {
            // POSIX ustar: a name prefix of up to 155 bytes (GNU tar uses "ustar  " and no prefix).
            let prefix = Self.string(h[345..<500])
            if !prefix.isEmpty { path = prefix + "/" + path }
        }
        if let longName { path = longName }
        if let paxPath { path = paxPath }
        if let paxSize { size = paxSize }
        longName = nil
        paxPath = nil
        paxSize = nil
        let kind: EntryKind
        switch type {
        case 0, UInt8(ascii: "0"), UInt8(ascii: "7"): kind = .file
        case UInt8(ascii: "5"): kind = .directory
        case UInt8(ascii: "1"), UInt8(ascii: "2"): kind = .link
        case UInt8(ascii: "S"): kind = .other("GNU sparse file")
        default: kind = .other("not a regular file (tar type '\(Character(Unicode.Scalar(type)))')")
        }
        if kind == .file {
            // Old tars mark directories only by a trailing slash.
            if path.hasSuffix("/") {
                try body(.begin(Entry(path: path, size: 0, kind: .directory)))
                try body(.end)
                state = size > 0 ? .skip(remaining: size + Int64((512 - size % 512) % 512)) : .header
                return
            }
            try body(.begin(Entry(path: path, size: size, kind: .file)))
            if size == 0 {
                try body(.end)
                state = .header
            } else {
                state = .data(remaining: size, padding: Int((512 - size % 512) % 512))
            }
        } else {
            try body(.begin(Entry(path: path, size: size, kind: kind)))
            try body(.end)
            state = size > 0 && kind != .link ? .skip(remaining: size + Int64((512 - size % 512) % 512)) : .header
        }
    }

    private mutating func applyMeta(_ type: UInt8) throws {
        switch type {
        case UInt8(ascii: "L"):
            longName = Self.string(meta[...])
        case UInt8(ascii: "x"):
            // pax records: "<length> <key>=<value>\n", length counting the whole record.
            var i = 0
            while i < meta.count {
                guard let space = meta[i...].firstIndex(of: 0x20),
                      let length = Int(String(decoding: meta[i..<space], as: UTF8.self)), length > 0,
                      i + length <= meta.count, length > space - i + 1 else { break }
                let record = meta[(space + 1)..<(i + length - 1)]
                if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
                    let key = String(decoding: record[record.startIndex..<equals], as: UTF8.self)
                    let value = String(decoding: record[(equals + 1)...], as: UTF8.self)
                    if key == "path" { paxPath = value }
                    if key == "size" {
                        // The size is later rounded up to whole 512-byte blocks: a value near
                        // Int64.max would overflow there, and no archive holds an entry that large.
                        guard let s = Int64(value), s >= 0, s <= Self.maxEntryBytes else {
                            throw Failure(description: "pax size \(value.prefix(40)) before byte \(offset) is not a possible entry size")
                        }
                        paxSize = s
                    }
                }
                i += length
            }
        default:
            // "K" (long link target) and "g" (global pax defaults) change nothing steward shows.
            break
        }
    }

    /// Bytes up to the first NUL, as UTF-8 (invalid bytes become U+FFFD).
    private static func string(_ bytes: ArraySlice<UInt8>) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// Octal digits padded with spaces or NULs, or GNU base-256 when the first byte's high bit is set.
    static func size(_ field: ArraySlice<UInt8>) -> Int64? {
        if let first = field.first, first & 0x80 != 0 {
            var value: Int64 = Int64(first & 0x3F)
            for b in field.dropFirst() {
                guard value < Int64.max >> 9 else { return nil }
                value = value << 8 | Int64(b)
            }
            return value
        }
        return octal(field)
    }

    private static func octal(_ field: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        var digits = 0
        for b in field {
            if b == 0 || b == 0x20 { if digits > 0 { break } else { continue } }
            guard b >= 0x30 && b <= 0x37, value < Int64.max >> 3 else { return nil }
            value = value << 3 | Int64(b - 0x30)
            digits += 1
        }
        return value
    }

    /// The header checksum: the sum of all bytes with the checksum field counted as spaces
    /// (unsigned; some old tars summed signed bytes, which is accepted too).
    static func checksumMatches(_ h: [UInt8]) -> Bool {
        guard let stored = octal(h[148..<156]) else { return false }
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (i, b) in h.enumerated() {
            let v = (148..<156).contains(i) ? 0x20 : b
            unsigned += Int64(v)
            signed += Int64(Int8(bitPattern: v))
        }
        return stored == unsigned || stored == signed
    }
}
