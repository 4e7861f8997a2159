import Foundation

/// Content lines of iCalendar (RFC 5545 §3.1) and vCard (RFC 6350 §3.2): a physical line that
/// begins with a space or a tab continues the logical line before it. Physical lines go in (from
/// `LineSplitter`, with their numbers and whether they were cut); each logical line comes out
/// when the next one begins, and the last one from `finish`. A logical line longer than
/// `maxLength` is cut there and says so (a pasted document in a DESCRIPTION, a base64 PHOTO).
/// Memory: one logical line.
public struct ContentLineUnfolder {
    public struct Line {
        public var bytes: [UInt8]
        /// The number of the physical line it began on.
        public var number: Int
        /// Longer than the limit, or cut by the line splitter.
        public var cut: Bool
    }

    public let maxLength: Int
    private var current: Line?
    /// The storage of a logical line given back with `recycle`, filled by the next one: a
    /// calendar is mostly short lines, and a new array for each was a tenth of reading one
    /// (docs/performance.md, "Calendar lines read by name first").
    private var spare: [UInt8] = []

    public init(maxLength: Int) { self.maxLength = maxLength }

    /// Takes one physical line; returns the logical line it ends, if it begins a new one.
    public mutating func add(_ physical: ArraySlice<UInt8>, number: Int, cut: Bool) -> Line? {
        if let first = physical.first, first == 0x20 || first == 0x09, current != nil {
            let room = maxLength - current!.bytes.count
            if cut || room < physical.count - 1 { current!.cut = true }
            if room > 0 { current!.bytes.append(contentsOf: physical.dropFirst().prefix(room)) }
            return nil
        }
        let ended = current
        var bytes: [UInt8] = []
        swap(&bytes, &spare)
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: physical.prefix(maxLength))
        current = Line(bytes: bytes, number: number, cut: cut || physical.count > maxLength)
        return ended
    }

    /// Gives a logical line's storage back once it has been read, for the next line to reuse.
    public mutating func recycle(_ line: consuming Line) {
        spare = line.bytes
    }

    /// The last logical line.
    public mutating func finish() -> Line? {
        defer { current = nil }
        return current
    }
}

/// One unfolded content line: `NAME *(";" param) ":" value`. Parameter values may be quoted
/// and hold `:` or `;` (`TZID="GMT+01:00"`); the value is everything after the first colon
/// outside quotes.
public struct ContentLineProperty {
    public let name: String
    public let parameters: [(String, String)]
    public let rawValue: String

    /// The property name alone, upper-cased (`DTSTART` of `dtstart;TZID=…:…`): a reader checks
    /// it before splitting the line, so the properties it does not read (a calendar's
    /// DESCRIPTION, UID and a dozen others per event) never become strings.
    public static func name(of bytes: [UInt8]) -> String {
        asciiUppercased(bytes[0..<nameEnd(in: bytes)])
    }

    /// Where the name ends: the first `;` or `:`, or the end of the line.
    private static func nameEnd(in bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count, bytes[i] != 0x3B, bytes[i] != 0x3A { i += 1 }
        return i
    }

    public init(_ bytes: [UInt8]) {
        var i = Self.nameEnd(in: bytes)
        name = Self.asciiUppercased(bytes[0..<i])
        var params: [(String, String)] = []
        while i < bytes.count, bytes[i] == 0x3B {
            i += 1
            let keyStart = i
            while i < bytes.count, bytes[i] != 0x3D, bytes[i] != 0x3A, bytes[i] != 0x3B { i += 1 }
            let key = Self.asciiUppercased(bytes[keyStart..<i])
            var value: [UInt8] = []
            if i < bytes.count, bytes[i] == 0x3D {
                i += 1
                var quoted = false
                while i < bytes.count {
                    let b = bytes[i]
                    if b == 0x22 { quoted.toggle(); i += 1; continue }
                    if !quoted && (b == 0x3B || b == 0x3A) { break }
                    value.append(b)
                    i += 1
                }
            }
            params.append((key, String(decoding: value, as: UTF8.self)))
        }
        parameters = params
        rawValue = i < bytes.count ? String(decoding: bytes[(i + 1)...], as: UTF8.self) : ""
    }

    public func parameter(_ key: String) -> String? { parameters.first { $0.0 == key }?.1 }

    /// Property and parameter names are ASCII (RFC 5545 iana-token, x-name): upper-cased byte by
    /// byte, without `String.uppercased()`'s Unicode tables on every line.
    /// Through a contiguous buffer: decoding a lazily mapped sequence took the standard
    /// library's generic path, a dynamic cast per call — a fifth of reading a calendar.
    static func asciiUppercased(_ bytes: ArraySlice<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { buffer in
            for (k, byte) in bytes.enumerated() { buffer[k] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte }
            return String(decoding: UnsafeBufferPointer(buffer), as: UTF8.self)
        }
    }

    /// The value as TEXT: `\n`/`\N` → newline, `\,` `\;` `\\` → the character; empty → nil.
    /// Read byte by byte (every escape is ASCII): `String.contains` with Foundation loaded is a
    /// locale-aware search, and walking characters breaks graphemes, together most of reading a
    /// calendar's descriptions (docs/performance.md).
    public var text: String? {
        guard rawValue.utf8.contains(0x5C) else { return rawValue.isEmpty ? nil : rawValue }
        var out: [UInt8] = []
        out.reserveCapacity(rawValue.utf8.count)
        var escaped = false
        for byte in rawValue.utf8 {
            if escaped {
                out.append(byte == UInt8(ascii: "n") || byte == UInt8(ascii: "N") ? 0x0A : byte)
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }
}
