import Foundation

/// The column names of a CSV file's first line, for detection by header: lower-cased, trimmed
/// of spaces, quotes, a BOM and a carriage return. A header split across lines (a quoted name
/// with a line break) is not a header any importer detects this way.
public enum CSVHeaderSniffer {
    /// The first line's names; empty when the head has no line break within `maxLineBytes`
    /// and is longer than that (not a CSV header).
    public static func firstLineColumns(_ head: ArraySlice<UInt8>, maxLineBytes: Int = 4096) -> [String] {
        let end = head.firstIndex(of: 0x0A) ?? head.endIndex
        guard end - head.startIndex <= maxLineBytes else { return [] }
        let line = String(decoding: head[head.startIndex..<end], as: UTF8.self)
        return line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\"\u{FEFF}")).lowercased()
        }
    }
}
