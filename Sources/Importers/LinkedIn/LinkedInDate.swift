import Foundation
import StewardCore

/// The date forms of LinkedIn's CSV exports, all in English whatever the account's language:
/// `Jan 2019` and `2019` (Positions/Education start and end: month or year precision),
/// `15 Jan 2023` (Connections "Connected On"), `2023-01-15 10:20:30 UTC` (messages),
/// `1/15/23, 10:20 AM` (Job Applications, US month-first).
enum LinkedInDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    static func parse(_ text: String) -> Timestamp? {
        let trimmed = text.trimmingSpaces()
        if trimmed.isEmpty { return nil }
        if let first = trimmed.utf8.first, first >= 0x30, first <= 0x39, trimmed.utf8.count >= 10,
           trimmed.utf8.dropFirst(4).first == UInt8(ascii: "-") {
            var iso = trimmed
            if iso.hasSuffix(" UTC") { iso.removeLast(4); iso += "Z" }
            return Timestamp.parseISO8601(iso.utf8)
        }
        if trimmed.contains("/") { return monthFirstSlashed(trimmed) }
        let words = trimmed.split(separator: " ")
        switch words.count {
        case 1:
            guard let year = Int(words[0]) else { return nil }
            return Timestamp(year: year, month: 1, day: 1, dateOnly: true)
        case 2:
            guard let month = month(words[0]), let year = Int(words[1]) else { return nil }
            return Timestamp(year: year, month: month, day: 1, dateOnly: true)
        case 3:
            guard let day = Int(words[0]), let month = month(words[1]), let year = Int(words[2]) else { return nil }
            return Timestamp(year: year, month: month, day: day, dateOnly: true)
        default:
            return nil
        }
    }

    private static func month(_ word: Substring) -> Int? {
        let key = word.prefix(3).lowercased()
        return months.firstIndex(of: key).map { $0 + 1 }
    }

    /// `1/15/23, 10:20 AM` or `01/15/2023`.
    private static func monthFirstSlashed(_ text: String) -> Timestamp? {
        let halves = text.split(separator: ",", maxSplits: 1)
        let date = halves[0].split(separator: "/").compactMap { Int($0) }
        guard date.count == 3 else { return nil }
        let year = date[2] < 100 ? 2000 + date[2] : date[2]
        var hour = 0, minute = 0
        if halves.count == 2 {
            let clock = halves[1].trimmingSpaces().split(separator: " ")
            let hm = clock.first?.split(separator: ":").compactMap { Int($0) } ?? []
            if hm.count == 2 {
                hour = hm[0] % 12
                minute = hm[1]
                if clock.count > 1, clock[1].uppercased() == "PM" { hour += 12 }
                if clock.count == 1 { hour = hm[0] }
            }
        }
        return Timestamp(year: year, month: date[0], day: date[1], hour: hour, minute: minute,
                         dateOnly: halves.count < 2)
    }
}
