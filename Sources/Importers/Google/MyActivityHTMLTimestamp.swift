import StewardCore

/// The time line of a My Activity HTML record, written in the account's locale and time zone
/// ("Sep 18, 2018, 5:48:23 AM UTC", "18.09.2018, 05:48:23 MESZ"). The JSON variant has ISO
/// 8601 UTC instead; HTML only has this. Shapes read (docs/formats/google.md says which are
/// confirmed by real exports and which only follow the locale's CLDR date format):
///
/// - month name first: `Sep 18, 2018, 5:48:23 AM UTC` (en-US; U+202F or U+00A0 before AM/PM
///   in newer exports — callers fold those to spaces first)
/// - day first with month name: `18 Sep 2018, 05:48:23 BST`, `15 mrt 2026, 20:30:41 CET`,
///   `17. Aug. 2026, 22:14:48 MESZ`, `18 sept. 2018 à 05:48:23 UTC`, `18 сент. 2018 г., 05:48:23 MSK`
/// - numeric, day first: `18.09.2018, 05:48:23 MESZ` (de), `18/09/2018, 05:48:23 UTC`
/// - numeric, year first: `2018-09-18 05:48:23 UTC`, `2018年9月18日 05:48:23 CEST` (zh, ja)
///
/// The zone is an abbreviation (`UTC`, `PDT`, `MESZ`, …: `zoneOffsets`) or `GMT+3` /
/// `UTC+05:30`. A time without a zone (exports before 2019) or with an abbreviation not in the
/// table keeps its wall-clock time with no offset, and the caller warns: the hour of day
/// (what night-activity rules read) is still right.
enum MyActivityHTMLTimestamp {
    /// What was read from one time line.
    struct Parsed: Equatable {
        var timestamp: Timestamp
        /// The zone as written when the table does not know it (the offset is then unknown).
        var unknownZone: String?
        /// True when no zone was written at all.
        var noZone: Bool
    }

    /// Offsets of the zone abbreviations Google writes (English and German names; `CST` is
    /// read as US Central, the usual meaning in Google's English exports; `IST` is left out on
    /// purpose: India, Ireland and Israel all write it).
    static let zoneOffsets: [String: Int32] = [
        "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEZ": 0,
        "BST": 3600, "WEST": 3600, "WESZ": 3600, "CET": 3600, "MEZ": 3600,
        "CEST": 7200, "MESZ": 7200, "EET": 7200, "OEZ": 7200, "SAST": 7200,
        "EEST": 10800, "OESZ": 10800, "MSK": 10800, "TRT": 10800,
        "GST": 14400, "PKT": 18000, "WIB": 25200, "ICT": 25200,
        "AWST": 28800, "SGT": 28800, "HKT": 28800, "PHT": 28800, "WITA": 28800,
        "JST": 32400, "KST": 32400, "WIT": 32400,
        "ACST": 34200, "AEST": 36000, "ACDT": 37800, "AEDT": 39600, "NZST": 43200, "NZDT": 46800,
        "NST": -12600, "NDT": -9000, "AST": -14400, "ADT": -10800,
        "EST": -18000, "EDT": -14400, "CST": -21600, "CDT": -18000,
        "MST": -25200, "MDT": -21600, "PST": -28800, "PDT": -25200,
        "AKST": -32400, "AKDT": -28800, "HST": -36000,
    ]

    /// Month names and their abbreviations, lower-cased, trailing dot removed: en, de, fr, es,
    /// ru (genitive, as dates use them), nl, tr. Identical spellings agree across languages.
    static let months: [String: Int] = {
        let names: [[String]] = [
            ["jan", "january", "januar", "jän", "jänner", "janv", "janvier", "ene", "enero", "januari",
             "янв", "января", "январь", "oca", "ocak"],
            ["feb", "february", "februar", "févr", "fevr", "février", "febrero", "februari",
             "фев", "февр", "февраля", "февраль", "şub", "şubat"],
            ["mar", "march", "mär", "märz", "mrz", "mars", "marzo", "mrt", "maart", "мар", "марта", "март"],
            ["apr", "april", "avr", "avril", "abr", "abril", "апр", "апреля", "апрель", "nis", "nisan"],
            ["may", "mai", "mayo", "mei", "мая", "май", "mayıs"],
            ["jun", "june", "juni", "juin", "junio", "июн", "июня", "июнь", "haz", "haziran"],
            ["jul", "july", "juli", "juil", "juillet", "julio", "июл", "июля", "июль", "tem", "temmuz"],
            ["aug", "august", "août", "aout", "ago", "agosto", "augustus", "авг", "августа", "август", "ağu", "ağustos"],
            ["sep", "sept", "september", "septembre", "septiembre", "setiembre", "сен", "сент", "сентября",
             "сентябрь", "eyl", "eylül"],
            ["oct", "october", "okt", "oktober", "octobre", "octubre", "окт", "октября", "октябрь", "eki", "ekim"],
            ["nov", "november", "novembre", "noviembre", "ноя", "нояб", "ноября", "ноябрь", "kas", "kasım"],
            ["dec", "december", "dez", "dezember", "déc", "décembre", "dic", "diciembre", "дек", "декабря",
             "декабрь", "ara", "aralık"],
        ]
        var table: [String: Int] = [:]
        for (index, spellings) in names.enumerated() {
            for name in spellings { table[name] = index + 1 }
        }
        return table
    }()

    private enum Piece: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case plus, minus, colon
        /// 年 月 日: CJK year/month/day markers after a number.
        case cjk(Character)
    }

    /// Reads one time line; nil when its shape is not one of the above.
    static func parse(_ line: String) -> Parsed? {
        let pieces = split(line)
        // The clock time: number ':' number (':' number).
        guard let clockStart = pieces.indices.first(where: { index in
            guard case .number(_, let d) = pieces[index], d <= 2, index + 2 < pieces.count,
                  pieces[index + 1] == .colon, case .number(_, 2) = pieces[index + 2] else { return false }
            return true
        }) else { return nil }
        guard case .number(var hour, _) = pieces[clockStart], case .number(let minute, _) = pieces[clockStart + 2] else { return nil }
        var second = 0
        var afterClock = clockStart + 3
        if afterClock + 1 < pieces.count, pieces[afterClock] == .colon, case .number(let s, 2) = pieces[afterClock + 1] {
            second = s
            afterClock += 2
        }
        guard let date = readDate(Array(pieces[..<clockStart])) else { return nil }

        // After the clock: an AM/PM marker, then the zone.
        var rest = Array(pieces[afterClock...])
        if let meridiem = readMeridiem(&rest) {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (meridiem == .pm ? 12 : 0)
        }
        var offset: Int32? = nil
        var unknownZone: String? = nil
        var noZone = false
        if rest.isEmpty {
            noZone = true
        } else if case .word(let zone) = rest[0] {
            let upper = zone.uppercased()
            if let known = zoneOffsets[upper] {
                offset = known
                if rest.count > 1 {
                    // GMT+3, UTC+05:30, GMT-4
                    guard let delta = readOffset(Array(rest[1...])) else { return nil }
                    offset = known + delta
                }
            } else {
                unknownZone = String(zone.prefix(40))
            }
        } else {
            return nil
        }
        guard let timestamp = Timestamp(year: date.year, month: date.month, day: date.day, hour: hour,
                                        minute: minute, second: second, utcOffsetSeconds: offset) else { return nil }
        return Parsed(timestamp: timestamp, unknownZone: unknownZone, noZone: noZone)
    }

    // MARK: - Pieces

    private static func split(_ line: String) -> [Piece] {
        var pieces: [Piece] = []
        var number = 0
        var digits = 0
        var word = ""
        func flush() {
            if digits > 0 { pieces.append(.number(number, digits: digits)); number = 0; digits = 0 }
            if !word.isEmpty { pieces.append(.word(word)); word = "" }
        }
        for scalar in line.unicodeScalars {
            let v = scalar.value
            if v >= 0x30 && v <= 0x39 {
                if !word.isEmpty { flush() }
                if digits < 9 { number = number * 10 + Int(v - 0x30) }
                digits += 1
            } else if scalar == "年" || scalar == "月" || scalar == "日" {
                flush()
                pieces.append(.cjk(Character(scalar)))
            } else if Self.isWordScalar(v) {
                if digits > 0 { flush() }
                word.unicodeScalars.append(scalar)
            } else {
                flush()
                switch scalar {
                case "+": pieces.append(.plus)
                case "-", "\u{2212}": pieces.append(.minus)
                case ":": pieces.append(.colon)
                default: break   // spaces, commas (also U+060C), dots, slashes, RTL marks
                }
            }
        }
        flush()
        return pieces
    }

    /// ASCII letters, and any non-ASCII scalar except the separators time lines use (Unicode
    /// property lookups cost more than the rest of the parse, and this runs once per record).
    private static func isWordScalar(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        switch v {
        case 0xA0, 0x060C, 0x2000...0x200F, 0x2028, 0x2029, 0x202F, 0x2212, 0x3000, 0x3001: return false
        default: return true
        }
    }

    private static func readDate(_ pieces: [Piece]) -> (year: Int, month: Int, day: Int)? {
        var numbers: [(value: Int, digits: Int)] = []
        var monthFromName: Int? = nil
        var hasCJK = false
        for piece in pieces {
            switch piece {
            case .number(let v, let d): numbers.append((v, d))
            case .word(let w):
                let key = w.lowercased()
                if let m = months[key] {
                    guard monthFromName == nil else { return nil }
                    monthFromName = m
                }
                // Other words ("à", "г", "de", weekday names) carry no date.
            case .cjk: hasCJK = true
            case .minus, .plus, .colon: break
            }
        }
        if let month = monthFromName {
            guard numbers.count == 2 else { return nil }
            if numbers[0].digits == 4 && numbers[1].digits <= 2 { return (numbers[0].value, month, numbers[1].value) }
            if numbers[1].digits == 4 && numbers[0].digits <= 2 { return (numbers[1].value, month, numbers[0].value) }
            return nil
        }
        guard numbers.count == 3 else { return nil }
        if numbers[0].digits == 4 {
            // 2018-09-18, 2018年9月18日
            return (numbers[0].value, numbers[1].value, numbers[2].value)
        }
        guard !hasCJK, numbers[2].digits == 4 else { return nil }
        // 18.09.2018 and 18/09/2018: day first in every locale Google writes them in.
        return (numbers[2].value, numbers[1].value, numbers[0].value)
    }

    private enum Meridiem { case am, pm }

    /// `AM`, `PM`, `a.m.`, `p. m.`, Arabic `ص`/`م`; removes what it read from `rest`.
    private static func readMeridiem(_ rest: inout [Piece]) -> Meridiem? {
        guard case .word(let first) = rest.first else { return nil }
        let lower = first.lowercased()
        switch lower {
        case "am", "ص": rest.removeFirst(); return .am
        case "pm", "م": rest.removeFirst(); return .pm
        case "a", "p":
            guard rest.count >= 2, case .word(let second) = rest[1], second.lowercased() == "m" else { return nil }
            rest.removeFirst(2)
            return lower == "a" ? .am : .pm
        default: return nil
        }
    }

    /// `+3`, `+05:30`, `-4` after GMT/UTC, in seconds.
    private static func readOffset(_ pieces: [Piece]) -> Int32? {
        guard let sign = pieces.first, sign == .plus || sign == .minus, pieces.count >= 2,
              case .number(let hours, let digits) = pieces[1], digits <= 2, hours <= 14 else { return nil }
        var minutes = 0
        if pieces.count >= 4, pieces[2] == .colon, case .number(let m, 2) = pieces[3], m < 60 { minutes = m }
        else if pieces.count > 2 { return nil }
        let seconds = Int32(hours * 3600 + minutes * 60)
        return sign == .plus ? seconds : -seconds
    }
}
