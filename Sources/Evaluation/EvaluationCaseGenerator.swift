import Foundation
import Personas
import StewardCore

/// Builds the evaluation set from the data files under `eval/` (docs/rules.md, "Evaluation"):
/// `eval/cases/<lang>.tsv` hold signal and look-alike lines, `eval/people/<id>.tsv` one person
/// each. A line is written once; the generator turns it into one case per record form it names,
/// and draws what a real export would vary (the bank's booking prefix, upper-case statements,
/// lower-case searches, amounts, dates) from a seeded generator, so the same seed always gives
/// the same cases on every machine.
public enum EvaluationCaseGenerator {
    /// The seed `make eval` uses; `steward-eval --seed` changes it.
    public static let defaultSeed: UInt64 = 20_261_203

    /// Every case under `directory` (normally `eval/`), signal and look-alike cases by language
    /// (files in name order), then people.
    public static func generate(directory: String, seed: UInt64) throws(EvaluationDataError) -> [EvaluationCase] {
        var cases: [EvaluationCase] = []
        for file in try dataFiles(in: directory + "/cases") {
            let language = String((file as NSString).lastPathComponent.dropLast(4))
            cases += try self.cases(caseFile: try read(file), path: file, language: language, seed: seed)
        }
        for file in try dataFiles(in: directory + "/people") {
            cases.append(try person(file: try read(file), path: file, seed: seed))
        }
        return cases
    }

    /// Fails with the line of the first case naming an attribute that is not in `attributes`.
    public static func validate(_ cases: [EvaluationCase], attributes: Set<String>) throws(EvaluationDataError) {
        for c in cases {
            for id in c.truth.union(c.mustNot.map { [$0] } ?? []) where !attributes.contains(id) {
                throw error(origin: c.origin, "unknown attribute '\(id)' (not in rules/attributes.yaml)")
            }
        }
    }

    // MARK: - Signal and look-alike lines

    /// `+ <attributes> <forms> <text> [note]` (a signal) or `- <attribute>[><true attributes>]
    /// <forms> <text> <note>` (a look-alike), tab-separated; `#` starts a comment line. Forms are
    /// separated by spaces; ` ;; ` in the text makes several records of one case, ten days apart.
    static func cases(caseFile text: String, path: String, language: String, seed: UInt64) throws(EvaluationDataError) -> [EvaluationCase] {
        guard let locale = EvaluationLocale.all[language] else {
            throw EvaluationDataError(file: path, line: 0, message: "no locale for language '\(language)' (expected one of: \(EvaluationLocale.all.keys.sorted().joined(separator: ", ")))")
        }
        var random = SeededGenerator(seed: seed ^ stableHash(path.split(separator: "/").last.map(String.init) ?? path))
        var cases: [EvaluationCase] = []
        var counters: [EvaluationCase.Group: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = rawLine.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard columns.count >= 4, !columns[3].isEmpty else {
                throw EvaluationDataError(file: path, line: line, message: "expected at least 4 tab-separated columns (label, attributes, forms, text), got \(columns.count)")
            }
            let group: EvaluationCase.Group
            var truth: Set<String>
            var mustNot: String?
            switch columns[0] {
            case "+":
                group = .signal
                truth = attributeList(columns[1])
                guard !truth.isEmpty else { throw EvaluationDataError(file: path, line: line, message: "a signal line needs at least one attribute") }
            case "-":
                group = .lookAlike
                let parts = columns[1].split(separator: ">", maxSplits: 1).map(String.init)
                mustNot = parts.first?.trimmingCharacters(in: .whitespaces)
                truth = parts.count > 1 ? attributeList(parts[1]) : []
                guard let forbidden = mustNot, !forbidden.isEmpty, !truth.contains(forbidden) else {
                    throw EvaluationDataError(file: path, line: line, message: "a look-alike line names the attribute it must not produce (and may add '>' and its true attributes)")
                }
                guard columns.count >= 5, !columns[4].isEmpty else {
                    throw EvaluationDataError(file: path, line: line, message: "a look-alike line needs a note saying what it is confused with")
                }
            default:
                throw EvaluationDataError(file: path, line: line, message: "label must be '+' (signal) or '-' (look-alike), got '\(columns[0])'")
            }
            let formNames = columns[2].split(separator: " ").map(String.init)
            guard !formNames.isEmpty else { throw EvaluationDataError(file: path, line: line, message: "no record form") }
            let note = columns.count >= 5 && !columns[4].isEmpty ? columns[4] : nil
            let texts = columns[3].components(separatedBy: " ;; ")
            for name in formNames {
                guard let form = RecordForm(name) else {
                    throw EvaluationDataError(file: path, line: line, message: "unknown record form '\(name)' (expected one of: \(RecordForm.names.joined(separator: ", ")))")
                }
                counters[group, default: 0] += 1
                let id = "\(language)-\(group == .signal ? "s" : "l")\(counters[group]!)"
                let start = randomDay(&random)
                let events = texts.enumerated().map { offset, text in
                    makeEvent(form: form, text: text, locale: locale, day: start + offset * 10,
                              random: &random, position: .line(line))
                }
                cases.append(EvaluationCase(id: id, language: language, group: group, truth: truth, mustNot: mustNot,
                                            note: note, form: name, origin: "\(path):\(line)", events: events,
                                            splitKey: language + "\t" + columns[3]))
            }
        }
        return cases
    }

    // MARK: - People

    /// A person file: `language <lang>`, `truth <attribute>, …` and record lines
    /// `<form> <when> <text> [amount [currency]]`, tab-separated. `when` is `2025-03-04`,
    /// `2025-03-04T21:10` (the person's local clock) or `monthly:2025-01-28:6` (six records a
    /// month apart) or `weekly:2025-01-06:8`; a `position` takes `2021-03..2021-11`.
    static func person(file text: String, path: String, seed: UInt64) throws(EvaluationDataError) -> EvaluationCase {
        let name = String((path as NSString).lastPathComponent.dropLast(4))
        var random = SeededGenerator(seed: seed ^ stableHash(name))
        var language: String?
        var truth: Set<String>?
        var note: String?
        var events: [Event] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let columns = rawLine.split(separator: "\t", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            switch columns[0] {
            case "language":
                language = columns.count > 1 ? columns[1] : nil
            case "about":
                note = columns.count > 1 ? columns[1] : nil
            case "truth":
                truth = columns.count > 1 ? attributeList(columns[1]) : []
            default:
                guard let lang = language, let locale = EvaluationLocale.all[lang] else {
                    throw EvaluationDataError(file: path, line: line, message: "'language <code>' (one of: \(EvaluationLocale.all.keys.sorted().joined(separator: ", "))) must come before the records")
                }
                guard columns.count >= 3, let form = RecordForm(columns[0]) else {
                    throw EvaluationDataError(file: path, line: line, message: "expected '<form> <when> <text> [amount]' with a form among: \(RecordForm.names.joined(separator: ", "))")
                }
                if form == .position {
                    events.append(try position(columns[2], when: columns[1], path: path, line: line))
                    continue
                }
                let times = try schedule(columns[1], form: form, locale: locale, random: &random, path: path, line: line)
                var fixedAmount: Money?
                if columns.count > 3, !columns[3].isEmpty {
                    // `-23.40 EUR`: a payment in another currency than the account's (a trip abroad).
                    let parts = columns[3].split(separator: " ").map(String.init)
                    let currency = parts.count == 2 ? parts[1] : locale.currency
                    guard parts.count <= 2, let amount = Money.parse(parts[0], currency: currency) else {
                        throw EvaluationDataError(file: path, line: line, message: "amount '\(columns[3])' is not a plain decimal, optionally followed by a currency code")
                    }
                    fixedAmount = amount
                }
                for (occurrence, time) in times.enumerated() {
                    let amount = fixedAmount ?? randomAmount(form: form, locale: locale, random: &random)
                    // A repeated record (`monthly:…`) is one line of the file but several records.
                    let position = times.count == 1 ? SourcePosition.line(line) : SourcePosition(line: line, record: occurrence + 1)
                    events.append(form.event(text: columns[2], prefix: "", amount: form.isBankRecord ? amount : nil,
                                             time: time, position: position))
                }
            }
        }
        guard let language else { throw EvaluationDataError(file: path, line: 0, message: "no 'language' line") }
        guard let truth else { throw EvaluationDataError(file: path, line: 0, message: "no 'truth' line (the exact set of true attributes)") }
        guard !events.isEmpty else { throw EvaluationDataError(file: path, line: 0, message: "no records") }
        return EvaluationCase(id: name, language: language, group: .person, truth: truth, note: note,
                              form: "person", origin: path, events: events)
    }

    /// A LinkedIn position: `2021-03..2021-11` (months, as Positions.csv gives them) or
    /// `2023-01..` for a job the person still holds.
    private static func position(_ text: String, when: String, path: String, line: Int) throws(EvaluationDataError) -> Event {
        let ends = when.components(separatedBy: "..")
        func month(_ s: String) -> Timestamp? {
            let parts = s.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2 else { return nil }
            return Timestamp(year: parts[0], month: parts[1], day: 1, dateOnly: true)
        }
        guard ends.count == 2, let start = month(ends[0]), ends[1].isEmpty || month(ends[1]) != nil else {
            throw EvaluationDataError(file: path, line: line, message: "a position's when is '<start month>..<end month>' such as 2021-03..2021-11, or 2023-01.. while still there")
        }
        var event = RecordForm.position.event(text: text, prefix: "", amount: nil, time: start, position: .line(line))
        event.endTime = ends[1].isEmpty ? nil : month(ends[1])
        return event
    }

    private static func schedule(_ when: String, form: RecordForm, locale: EvaluationLocale,
                                 random: inout SeededGenerator, path: String, line: Int) throws(EvaluationDataError) -> [Timestamp] {
        let parts = when.split(separator: ":", maxSplits: 2).map(String.init)
        if parts.count == 3, parts[0] == "monthly" || parts[0] == "weekly", let count = Int(parts[2]), count > 0,
           let first = timestamp(parts[1], form: form, locale: locale) {
            return (0..<count).map { i in
                var t = first
                if parts[0] == "weekly" {
                    t.epochSeconds += Int64(i * 7 * 86_400)
                } else {
                    // Same day of each month, as a standing order or salary run books it.
                    let c = first.civil
                    let monthIndex = c.month - 1 + i
                    let year = c.year + monthIndex / 12, month = monthIndex % 12 + 1
                    let day = min(c.day, Timestamp.daysIn(month: month, year: year))
                    t = Timestamp(year: year, month: month, day: day, hour: c.hour, minute: c.minute,
                                  utcOffsetSeconds: first.utcOffsetSeconds, dateOnly: first.dateOnly) ?? first
                }
                return t
            }
        }
        if let t = timestamp(when, form: form, locale: locale) {
            return [t]
        }
        throw EvaluationDataError(file: path, line: line, message: "when '\(when)' is not 2025-03-04, 2025-03-04T21:10, monthly:<date>:<n> or weekly:<date>:<n>")
    }

    /// A date or a local date and time; bank records keep the date only, as statements do.
    private static func timestamp(_ text: String, form: RecordForm, locale: EvaluationLocale) -> Timestamp? {
        let dateTime = text.split(separator: "T").map(String.init)
        let ymd = dateTime[0].split(separator: "-").compactMap { Int($0) }
        guard ymd.count == 3 else { return nil }
        var hour = 12, minute = 0
        if dateTime.count == 2 {
            let hm = dateTime[1].split(separator: ":").compactMap { Int($0) }
            guard hm.count == 2 else { return nil }
            hour = hm[0]
            minute = hm[1]
        }
        if form.isBankRecord {
            return Timestamp(year: ymd[0], month: ymd[1], day: ymd[2], dateOnly: true)
        }
        return Timestamp(year: ymd[0], month: ymd[1], day: ymd[2], hour: hour, minute: minute,
                         utcOffsetSeconds: locale.utcOffsetSeconds)
    }

    // MARK: - Drawing what real exports vary

    private static func makeEvent(form: RecordForm, text: String, locale: EvaluationLocale, day: Int,
                                  random: inout SeededGenerator, position: SourcePosition) -> Event {
        let civil = civilDay(day)
        var shown = text
        var prefix = ""
        switch form {
        case .bank, .credit:
            prefix = pick(form == .credit ? locale.creditPrefixes : locale.debitPrefixes, &random)
            // About half of all statements print booking texts in capitals.
            if draw(2, &random) == 0 { shown = shown.uppercased(); prefix = prefix.uppercased() }
        case .fee:
            if draw(2, &random) == 0 { shown = shown.uppercased() }
        case .ofx, .card:
            if draw(3, &random) == 0 { shown = shown.uppercased() }
        case .search:
            // Most people type searches in lower case.
            if draw(2, &random) == 0 { shown = shown.lowercased() }
        default:
            break
        }
        let time: Timestamp
        if form.isBankRecord {
            time = Timestamp(year: civil.year, month: civil.month, day: civil.day, dateOnly: true)!
        } else {
            // Daytime (09:00–20:59) local: night-time records are an attribute of their own.
            time = Timestamp(year: civil.year, month: civil.month, day: civil.day, hour: 9 + draw(12, &random),
                             minute: draw(60, &random), utcOffsetSeconds: locale.utcOffsetSeconds)!
        }
        let amount = form.isBankRecord ? randomAmount(form: form, locale: locale, random: &random) : nil
        return form.event(text: shown, prefix: prefix, amount: amount, time: time, position: position)
    }

    private static func randomAmount(form: RecordForm, locale: EvaluationLocale, random: inout SeededGenerator) -> Money {
        let cents = Int64(300 + draw(14_700, &random)) * locale.amountFactor
        return Money(units: form == .credit ? cents : -cents, scale: 2, currency: locale.currency)
    }

    /// A day number (days since 1970-01-01) in 2025, leaving room for follow-up records.
    private static func randomDay(_ random: inout SeededGenerator) -> Int {
        let firstOf2025 = 20_089
        return firstOf2025 + draw(300, &random)
    }

    private static func civilDay(_ day: Int) -> (year: Int, month: Int, day: Int) {
        let c = Timestamp(epochSeconds: Int64(day) * 86_400).civil
        return (c.year, c.month, c.day)
    }

    private static func draw(_ n: Int, _ random: inout SeededGenerator) -> Int { Int(random.next() % UInt64(n)) }

    private static func pick(_ items: [String], _ random: inout SeededGenerator) -> String { items[draw(items.count, &random)] }

    private static func attributeList(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// FNV-1a: the per-file seed must not depend on Swift's randomised `Hasher`.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    private static func dataFiles(in directory: String) throws(EvaluationDataError) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw EvaluationDataError(file: directory, line: 0, message: "cannot list the folder: \(error.localizedDescription)")
        }
        return names.filter { $0.hasSuffix(".tsv") }.sorted().map { directory + "/" + $0 }
    }

    private static func read(_ path: String) throws(EvaluationDataError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw EvaluationDataError(file: path, line: 0, message: "cannot read the file as UTF-8")
        }
        return text
    }

    private static func error(origin: String, _ message: String) -> EvaluationDataError {
        let parts = origin.split(separator: ":")
        if parts.count >= 2, let line = Int(parts.last!) {
            return EvaluationDataError(file: parts.dropLast().joined(separator: ":"), line: line, message: message)
        }
        return EvaluationDataError(file: origin, line: 0, message: message)
    }
}
