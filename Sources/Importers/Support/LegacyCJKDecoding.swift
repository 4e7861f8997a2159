import Foundation

/// GB18030 (and so GBK and GB2312) decoding through Foundation, whose ICU-backed converter
/// carries the tables on this machine; nothing is fetched. Used per CSV field, so only
/// fields with bytes ≥ 0x80 pay for the conversion.
enum LegacyCJKDecoding {
    /// `kCFStringEncodingGB_18030_2000` as an NSStringEncoding (0x80000632).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    static func decodeGB18030(_ b: UnsafeBufferPointer<UInt8>) -> String {
        if !b.contains(where: { $0 >= 0x80 }) { return String(decoding: b, as: UTF8.self) }
        if let s = String(bytes: b, encoding: gb18030) { return s }
        // Invalid or cut sequences: the valid run before a bad byte is converted, the bad byte
        // becomes U+FFFD, and decoding resumes after it.
        func convert(_ from: Int, _ to: Int) -> String {
            to > from ? String(bytes: UnsafeBufferPointer(rebasing: b[from..<to]), encoding: gb18030) ?? "" : ""
        }
        var out = ""
        var start = 0, i = 0
        while i < b.count {
            if b[i] < 0x80 { i += 1; continue }
            // Two bytes, or four when the second is a digit (GB18030's four-byte form).
            let length = i + 1 < b.count && b[i + 1] >= 0x30 && b[i + 1] <= 0x39 ? 4 : 2
            let end = i + length
            if end <= b.count, String(bytes: UnsafeBufferPointer(rebasing: b[i..<end]), encoding: gb18030) != nil {
                i = end
            } else {
                out += convert(start, i)
                out.append("\u{FFFD}")
                i += 1
                start = i
            }
        }
        out += convert(start, b.count)
        return out
    }
}
