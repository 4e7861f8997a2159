import StewardCore
import Formats

extension FileProbe {
    /// The lower-cased column names of the first line of the head, read within its first
    /// `bytes` bytes, or nil when the head starts like JSON or XML and cannot be a CSV: what
    /// every importer of a headed CSV export detects by (its required and telling columns).
    func csvHeaderColumns(within bytes: Int = 4096, maxLineBytes: Int = 4096) -> Set<String>? {
        let head = trimmedHead
        guard head.first != UInt8(ascii: "{"), head.first != UInt8(ascii: "["), head.first != UInt8(ascii: "<") else { return nil }
        return Set(CSVHeaderSniffer.firstLineColumns(head.prefix(bytes), maxLineBytes: maxLineBytes))
    }
}
