import Foundation
import Formats

/// The fields of one `locations[]` element of Google's Records.json, picked out by bytes.
/// Records.json is the largest file in most Takeouts (hundreds of MB to GBs), so its elements
/// are not built into `JSONValue`s: one pass over the element's top-level members reads the
/// few scalars steward uses and skips the rest (`activity[]` holds nested `timestamp`s of its
/// own, so only depth-1 keys count).
struct LocationRecordFields {
    var latitudeE7: Int64?
    var longitudeE7: Int64?
    /// Epoch milliseconds (`timestampMs`, a string of digits up to 2022).
    var timestampMs: Int64?
    /// The ISO 8601 `timestamp` (2022+ exports): its bytes inside the element being read
    /// (valid only while that element is), so no array is built per record.
    var timestamp: UnsafeBufferPointer<UInt8>?
    /// Metres; read for the format documentation's sake and for callers that filter.
    var accuracy: Int64?
    /// The first of latitudeE7, longitudeE7, timestampMs that is present but no 64-bit integer
    /// (`1e300`, a 30-digit number, `NaN`; `null` counts as absent), so the skip names it.
    var unreadableNumber: String?

    enum Problem: Error { case notAnObject, malformed }

    /// Reads the members of the object in `element`. Unknown members are skipped by a scan that
    /// tracks strings and nesting (the splitter already bounded the element's size and depth).
    static func read(_ element: UnsafeRawBufferPointer) throws(Problem) -> LocationRecordFields {
        guard let p = element.baseAddress?.assumingMemoryBound(to: UInt8.self) else { throw .notAnObject }
        let n = element.count
        var i = 0
        var fields = LocationRecordFields()
        @inline(__always) func skipSpace() { while i < n, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 } }
        skipSpace()
        guard i < n, p[i] == UInt8(ascii: "{") else { throw .notAnObject }
        i += 1
        while true {
            skipSpace()
            guard i < n else { throw .malformed }
            if p[i] == UInt8(ascii: "}") { return fields }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            guard p[i] == UInt8(ascii: "\"") else { throw .malformed }
            // The key: exports write plain ASCII keys; one with an escape matches nothing.
            let keyStart = i + 1
            i = keyStart
            var keyHasEscape = false
            while i < n && p[i] != UInt8(ascii: "\"") {
                if p[i] == UInt8(ascii: "\\") { keyHasEscape = true; i += 1 }
                i += 1
            }
            guard i < n else { throw .malformed }
            let key = Key(p + keyStart, i - keyStart, keyHasEscape)
            i += 1
            skipSpace()
            guard i < n, p[i] == UInt8(ascii: ":") else { throw .malformed }
            i += 1
            skipSpace()
            guard i < n else { throw .malformed }
            switch key {
            case .latitudeE7:
                fields.latitudeE7 = integer(p, &i, n)
                if fields.latitudeE7 == nil && p[i] != UInt8(ascii: "n") { fields.unreadableNumber = fields.unreadableNumber ?? "latitudeE7" }
            case .longitudeE7:
                fields.longitudeE7 = integer(p, &i, n)
                if fields.longitudeE7 == nil && p[i] != UInt8(ascii: "n") { fields.unreadableNumber = fields.unreadableNumber ?? "longitudeE7" }
            case .accuracy: fields.accuracy = integer(p, &i, n)
            case .timestampMs:
                fields.timestampMs = integer(p, &i, n)
                if fields.timestampMs == nil && p[i] != UInt8(ascii: "n") { fields.unreadableNumber = fields.unreadableNumber ?? "timestampMs" }
            case .timestamp:
                if p[i] == UInt8(ascii: "\"") {
                    let start = i + 1
                    var j = start
                    while j < n && p[j] != UInt8(ascii: "\"") && p[j] != UInt8(ascii: "\\") { j += 1 }
                    if j < n && p[j] == UInt8(ascii: "\"") && j - start <= 40 {
                        fields.timestamp = UnsafeBufferPointer(start: p + start, count: j - start)
                    }
                }
            case .other: break
            }
            i = try skipValue(p, i, n)
        }
    }

    private enum Key {
        case latitudeE7, longitudeE7, timestampMs, timestamp, accuracy, other

        @inline(__always)
        init(_ p: UnsafePointer<UInt8>, _ count: Int, _ escaped: Bool) {
            self = .other
            guard !escaped else { return }
            func equals(_ s: StaticString) -> Bool {
                guard s.utf8CodeUnitCount == count else { return false }
                return memcmp(p, s.utf8Start, count) == 0
            }
            switch count {
            case 10:
                if equals("latitudeE7") { self = .latitudeE7 }
            case 11:
                if equals("longitudeE7") { self = .longitudeE7 } else if equals("timestampMs") { self = .timestampMs }
            case 9:
                if equals("timestamp") { self = .timestamp }
            case 8:
                if equals("accuracy") { self = .accuracy }
            default:
                break
            }
        }
    }

    /// An integer written as a JSON number or as a string of digits (`"timestampMs": "1357…"`).
    /// Leaves `i` where it was; `skipValue` moves past the value. nil when not an integer.
    private static func integer(_ p: UnsafePointer<UInt8>, _ i: inout Int, _ n: Int) -> Int64? {
        var j = i
        let quoted = p[j] == UInt8(ascii: "\"")
        if quoted { j += 1 }
        var negative = false
        if j < n && p[j] == UInt8(ascii: "-") { negative = true; j += 1 }
        // The magnitude with checked arithmetic, so all of Int64 (and no more) is read.
        var magnitude: UInt64 = 0
        var digits = 0
        while j < n, p[j] >= 0x30, p[j] <= 0x39 {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(UInt64(p[j] - 0x30))
            if o1 || o2 { return nil }
            magnitude = next
            digits += 1
            j += 1
        }
        guard digits > 0 else { return nil }
        let value: Int64
        if negative {
            guard magnitude <= Int64.min.magnitude else { return nil }
            value = magnitude == Int64.min.magnitude ? .min : -Int64(magnitude)
        } else {
            guard let exact = Int64(exactly: magnitude) else { return nil }
            value = exact
        }
        if quoted { guard j < n, p[j] == UInt8(ascii: "\"") else { return nil } }
        else if j < n, p[j] == UInt8(ascii: ".") || p[j] == UInt8(ascii: "e") || p[j] == UInt8(ascii: "E") { return nil }
        return value
    }

    /// Moves past one value (scalar, string, object or array) and returns the index after it.
    private static func skipValue(_ p: UnsafePointer<UInt8>, _ start: Int, _ n: Int) throws(Problem) -> Int {
        var i = start
        var depth = 0
        var inString = false
        while i < n {
            if inString {
                i = JSONArraySplitter.plainStringEnd(p, i, n)
                guard i < n else { break }
                if p[i] == UInt8(ascii: "\\") { i += 2; continue }
                inString = false
                if depth == 0 { return i + 1 }
                i += 1
                continue
            }
            let b = p[i]
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return i }   // the enclosing object's end: a scalar ended here
                depth -= 1
                if depth == 0 { return i + 1 }
            case UInt8(ascii: ","):
                if depth == 0 { return i }
            default: break
            }
            i += 1
        }
        throw .malformed
    }
}
