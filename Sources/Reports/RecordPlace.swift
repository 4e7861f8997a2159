import Localization

/// A record's place in words a person can use to find it: `line 48` in a text file, `item 65`
/// in a JSON list, instead of the internal locator (`line 48 record 4`, `record 64 (/64)`).
/// The locator stays as it is in JSON reports and the database; only readable reports
/// rephrase it.
public enum RecordPlace {
    /// The plain form of a locator written by `SourcePosition.description`. A line wins (an
    /// editor can jump to it); otherwise the record's 0-based index becomes a 1-based item
    /// number; anything else is kept as it is.
    public static func plain(_ locator: String, localizer t: Localizer = .english) -> String {
        let words = locator.split(separator: " ")
        if let at = words.firstIndex(of: "line"), at + 1 < words.count, Int(words[at + 1]) != nil {
            return t("place.line", ["number": String(words[at + 1])])
        }
        if let at = words.firstIndex(of: "record"), at + 1 < words.count, let index = Int(words[at + 1]), index >= 0 {
            return t("place.item", ["number": "\(index + 1)"])
        }
        return locator
    }

    /// A problem message that starts with a locator (`record 4 (/4): no readable startTime`)
    /// with that locator in plain words (`item 5: no readable startTime`).
    public static func plainMessage(_ message: String, localizer t: Localizer = .english) -> String {
        guard let colon = message.range(of: ": ") else { return message }
        let head = String(message[..<colon.lowerBound])
        guard head.hasPrefix("line ") || head.hasPrefix("record ") else { return message }
        let plainHead = plain(head, localizer: t)
        return plainHead == head && !head.contains("(") ? message : plainHead + message[colon.lowerBound...]
    }

    /// An importer's message (`inputs[].errors`/`warnings`, an unread file's reason) for a
    /// readable report: the record place in plain words of `t`'s language, the rest translated
    /// when the catalog has it (`Localizer.importerMessage`), English otherwise.
    public static func message(_ message: String, localizer t: Localizer) -> String {
        if let colon = message.range(of: ": ") {
            let head = message[..<colon.lowerBound]
            if head.hasPrefix("line ") || head.hasPrefix("record ") {
                return plain(String(head), localizer: t) + ": " + t.importerMessage(String(message[colon.upperBound...]))
            }
            if head.hasPrefix("at /") || head == "whole file" {
                return head + ": " + t.importerMessage(String(message[colon.upperBound...]))
            }
        }
        return t.importerMessage(message)
    }
}
