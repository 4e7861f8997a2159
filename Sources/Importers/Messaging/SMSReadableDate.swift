import StewardCore

/// SMS Backup & Restore's `readable_date` is the message time on the phone's clock, written
/// with the phone's date format: "Aug 4, 2011 12:05:53 PM", "4 Aug 2011 12:05:53",
/// "2011-08-04 12:05:53", "04.08.2011 12:05:53". Compared with the UTC `date`, it gives the
/// UTC offset at that moment. Only English month abbreviations and year-first or
/// day-first-numeric forms are read; anything else gives no offset (the time stays UTC).
enum SMSReadableDate {
    static func utcOffset(readable: String, epochSeconds: Int64) -> Int32? {
        var numbers: [(value: Int, digits: Int)] = []
        var month: Int?
        var pm: Bool?
        var current = 0, digits = 0
        var word: [UInt8] = []
        func flushWord() {
            guard !word.isEmpty else { return }
            let w = String(decoding: word, as: UTF8.self)
            if let m = months[String(w.prefix(3))], month == nil { month = m }
            else if w == "am" { pm = false }
            else if w == "pm" { pm = true }
            word.removeAll()
        }
        for byte in readable.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                flushWord()
                current = current * 10 + Int(byte - 0x30)
                digits += 1
                if digits > 4 { return nil }
                continue
            }
            if digits > 0 { numbers.append((current, digits)); current = 0; digits = 0 }
            if (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A { word.append(byte | 0x20) } else { flushWord() }
        }
        if digits > 0 { numbers.append((current, digits)) }
        flushWord()

        var year = 0, monthNumber = 0, day = 0
        var time: ArraySlice<(value: Int, digits: Int)>
        if let month {
            guard numbers.count >= 4, let yearIndex = numbers.firstIndex(where: { $0.digits == 4 }), yearIndex <= 1 else { return nil }
            year = numbers[yearIndex].value
            day = numbers[yearIndex == 0 ? 1 : 0].value
            monthNumber = month
            time = numbers[2...]
        } else {
            guard numbers.count >= 5 else { return nil }
            if numbers[0].digits == 4 {
                (year, monthNumber, day) = (numbers[0].value, numbers[1].value, numbers[2].value)
            } else if numbers[2].digits == 4 {
                // Numeric day-first ("04.08.2011"); a month-first phone gives a wrong date,
                // which the plausibility check below rejects unless both readings agree.
                (day, monthNumber, year) = (numbers[0].value, numbers[1].value, numbers[2].value)
            } else {
                return nil
            }
            time = numbers[3...]
        }
        guard time.count >= 2 else { return nil }
        var hour = time[time.startIndex].value
        let minute = time[time.startIndex + 1].value
        let second = time.count >= 3 ? time[time.startIndex + 2].value : 0
        if let pm { hour = hour % 12 + (pm ? 12 : 0) }
        guard let local = Timestamp(year: year, month: monthNumber, day: day, hour: hour, minute: minute, second: second) else { return nil }
        // Offsets are whole quarter hours within ±14 h; the readable date drops milliseconds.
        let difference = local.epochSeconds - epochSeconds
        let quarter = (difference >= 0 ? difference + 450 : difference - 450) / 900 * 900
        guard abs(difference - quarter) <= 60, abs(quarter) <= 14 * 3600 else { return nil }
        return Int32(quarter)
    }

    private static let months = ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                                 "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
}
