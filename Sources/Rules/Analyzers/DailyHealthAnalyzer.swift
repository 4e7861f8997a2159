import StewardCore

/// The running per-day sums of a `health.daily` analyzer (see `DailyHealthDefinition` for
/// the method). Memory grows with the number of days (and, for sleep, of sleep records), not
/// with the number of records.
final class DailyHealthAnalyzer: EventAnalyzer {
    private struct FirstRecord {
        var time: Timestamp
        var path: String
        var position: SourcePosition
    }

    let definition: DailyHealthDefinition
    let attribute: Attribute?
    /// `quantity`: local day → device → sum.
    private var totals: [Int64: [String: Double]] = [:]
    /// `duration`: night → intervals in epoch seconds.
    private var intervals: [Int64: [(start: Int64, end: Int64)]] = [:]
    /// The earliest record of each day, for evidence.
    private var first: [Int64: FirstRecord] = [:]
    private var sources: Set<String> = []

    init(definition: DailyHealthDefinition, attribute: Attribute?) {
        self.definition = definition
        self.attribute = attribute
    }

    private static let secondsPerDay: Int64 = 86_400

    func observe(_ event: Event, path: String) {
        guard event.kind == .healthRecord, let code = event.code, let time = event.time, !time.dateOnly,
              definition.recordTypes.contains(code) else { return }
        if !definition.sources.isEmpty && !definition.sources.contains(where: { $0.matches(event.source) }) { return }
        let day: Int64
        switch definition.measure {
        case .quantity:
            guard let quantity = event.quantity, quantity.isFinite, quantity >= 0 else { return }
            day = Self.floorDiv(time.localSeconds, Self.secondsPerDay)
            totals[day, default: [:]][event.product ?? "", default: 0] += quantity
        case .duration:
            guard let value = event.text, definition.values.contains(value), let end = event.endTime, end > time,
                  end.epochSeconds - time.epochSeconds <= 2 * Self.secondsPerDay else { return }
            // Noon-to-noon nights: shift the local clock back 12 hours.
            day = Self.floorDiv(time.localSeconds - Self.secondsPerDay / 2, Self.secondsPerDay)
            intervals[day, default: []].append((time.epochSeconds, end.epochSeconds))
        }
        sources.insert(event.source)
        let candidate = FirstRecord(time: time, path: path, position: event.position)
        if let known = first[day], (known.time, known.path, known.position.description) <= (time, path, event.position.description) { return }
        first[day] = candidate
    }

    func merge(_ other: any EventAnalyzer) {
        guard let other = other as? DailyHealthAnalyzer else { return }
        for (day, devices) in other.totals {
            for (device, sum) in devices { totals[day, default: [:]][device, default: 0] += sum }
        }
        for (day, list) in other.intervals { intervals[day, default: []].append(contentsOf: list) }
        for (day, record) in other.first {
            if let known = first[day], (known.time, known.path, known.position.description) <= (record.time, record.path, record.position.description) { continue }
            first[day] = record
        }
        sources.formUnion(other.sources)
    }

    /// Per day: the measured value (steps of the busiest device, or hours of merged sleep).
    private func dailyValues() -> [Int64: (value: Double, device: String?)] {
        var result: [Int64: (Double, String?)] = [:]
        switch definition.measure {
        case .quantity:
            for (day, devices) in totals {
                // Largest device total; ties broken by name so the result does not depend on order.
                let best = devices.max { ($0.value, $1.key) < ($1.value, $0.key) }!
                result[day] = (best.value, best.key.isEmpty ? nil : best.key)
            }
        case .duration:
            for (day, list) in intervals {
                var covered: Int64 = 0
                var current: (start: Int64, end: Int64)?
                for interval in list.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
                    if let c = current, interval.start <= c.end {
                        current = (c.start, max(c.end, interval.end))
                    } else {
                        if let c = current { covered += c.end - c.start }
                        current = interval
                    }
                }
                if let c = current { covered += c.end - c.start }
                result[day] = (Double(covered) / 3600, nil)
            }
        }
        return result
    }

    func findings(evidenceLimit: Int) -> [Finding] {
        let values = dailyValues()
        let qualifying = values.filter { $0.value.value >= definition.minPerDay }.keys.sorted()
        guard !qualifying.isEmpty else { return [] }
        let label = definition.unitLabel.isEmpty ? "" : " " + definition.unitLabel
        var evidence: [Evidence] = []
        for day in qualifying.prefix(evidenceLimit) {
            guard let record = first[day], let measured = values[day] else { continue }
            let date = Timestamp(epochSeconds: day * Self.secondsPerDay, dateOnly: true).iso8601
            let amount = Self.format(measured.value, hours: definition.measure == .duration)
            let excerpt = definition.measure == .duration
                ? "night of \(date): \(amount)\(label)"
                : "\(date): \(amount)\(label)" + (measured.device.map { " (\($0))" } ?? "")
            evidence.append(Evidence(path: record.path, locator: record.position.description, time: record.time.iso8601,
                                     excerpt: excerpt, rule: definition.id))
        }
        let threshold = FindingValueArgument.decimal(definition.minPerDay, fractionDigits: definition.measure == .duration ? 1 : 0)
        let parts = [FindingValuePart(definition.measure == .duration ? "value.daily.nights" : "value.daily.days",
                                      ["qualifying": .integer(qualifying.count), "count": .integer(values.count),
                                       "threshold": threshold, "unit": .unit(definition.unitLabel)])]
        let firstDay = Timestamp(epochSeconds: qualifying.first! * Self.secondsPerDay, dateOnly: true).iso8601
        let lastDay = Timestamp(epochSeconds: qualifying.last! * Self.secondsPerDay, dateOnly: true).iso8601
        return [Finding(attribute: definition.attribute, title: attribute?.title ?? definition.attribute,
                        sensitivity: attribute?.sensitivity ?? .special, confidence: definition.confidence,
                        count: qualifying.count, firstSeen: firstDay, lastSeen: lastDay,
                        rules: [definition.id], sources: sources.sorted(),
                        evidence: evidence, valueParts: parts)]
    }

    /// Steps as whole numbers, hours with one decimal.
    /// A day's sum of hostile quantities can pass 9.2 × 10¹⁸ or reach infinity, where
    /// `Int64(_:)` traps: such a value is shown as the float it is.
    static func format(_ value: Double, hours: Bool) -> String {
        if !hours { return (try? CheckedNumber.integer(rounding: value, field: "quantity")).map { String($0) } ?? String(value) }
        guard let tenths = try? CheckedNumber.integer(rounding: value * 10, field: "hours") else { return String(value) }
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }
}
