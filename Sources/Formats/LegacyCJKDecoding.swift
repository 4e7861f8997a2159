import Foundation

/// GB18030 (and so GBK and GB2312) decoding. The two-byte table (lead 0x81–0xFE, trail
/// 0x40–0xFE) is built once, on first use, from Foundation's ICU-backed converter, whose data
/// is on this machine (nothing is fetched): 126 conversions of one row each. Decoding is
/// then a table lookup per character; only GB18030's rare four-byte sequences go through
/// Foundation per field. Converting every field through Foundation instead ran at 3 MB/s,
/// with a fresh ICU converter per call.
public enum LegacyCJKDecoding {
    /// `kCFStringEncodingGB_18030_2000` as an NSStringEncoding (0x80000632).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    /// Code point per (lead - 0x81) * 191 + (trail - 0x40); 0 where the pair is not a character.
    static let twoByteTable: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 126 * 191)
        for lead in 0x81...0xFE {
            let trails = (0x40...0xFE).filter { $0 != 0x7F }
            var row: [UInt8] = []
            for t in trails { row.append(UInt8(lead)); row.append(UInt8(t)) }
            if let s = String(bytes: row, encoding: gb18030), s.unicodeScalars.count == trails.count {
                for (k, scalar) in s.unicodeScalars.enumerated() where scalar.value <= 0xFFFF {
                    table[(lead - 0x81) * 191 + trails[k] - 0x40] = UInt16(scalar.value)
                }
            } else {
                // A row with an unmapped pair: one pair at a time.
                for t in trails {
                    if let s = String(bytes: [UInt8(lead), UInt8(t)], encoding: gb18030),
                       let scalar = s.unicodeScalars.first, s.unicodeScalars.count == 1, scalar.value <= 0xFFFF {
                        table[(lead - 0x81) * 191 + t - 0x40] = UInt16(scalar.value)
                    }
                }
            }
        }
        return table
    }()

    static func decodeGB18030(_ b: UnsafeBufferPointer<UInt8>) -> String {
        if !b.contains(where: { $0 >= 0x80 }) { return String(decoding: b, as: UTF8.self) }
        let table = twoByteTable
        var out: [UInt8] = []
        out.reserveCapacity(b.count * 3 / 2 + 4)
        @inline(__always) func appendScalar(_ v: UInt32) {
            if v < 0x80 { out.append(UInt8(v)) }
            else if v < 0x800 { out.append(UInt8(0xC0 | (v >> 6))); out.append(UInt8(0x80 | (v & 0x3F))) }
            else if v < 0x10000 {
                out.append(UInt8(0xE0 | (v >> 12))); out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
            } else {
                out.append(UInt8(0xF0 | (v >> 18))); out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
                out.append(UInt8(0x80 | ((v >> 6) & 0x3F))); out.append(UInt8(0x80 | (v & 0x3F)))
            }
        }
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { out.append(c); i += 1; continue }
            if c >= 0x81 && c <= 0xFE && i + 1 < n {
                let t = b[i + 1]
                if t >= 0x40 && t <= 0xFE && t != 0x7F {
                    let v = table[Int(c - 0x81) * 191 + Int(t - 0x40)]
                    if v != 0 { appendScalar(UInt32(v)); i += 2; continue }
                } else if t >= 0x30 && t <= 0x39 && i + 3 < n,
                          let s = String(bytes: UnsafeBufferPointer(rebasing: b[i..<(i + 4)]), encoding: gb18030),
                          let scalar = s.unicodeScalars.first {
                    // Four-byte form (characters outside GBK): rare, so converted one by one.
                    appendScalar(scalar.value); i += 4; continue
                }
            }
            // Invalid or cut sequence: the bad byte becomes U+FFFD and decoding resumes after it.
            appendScalar(0xFFFD)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
