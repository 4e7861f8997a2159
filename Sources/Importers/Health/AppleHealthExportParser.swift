import StewardCore
import Formats

/// Apple Health `export.xml` (Health app → profile → Export All Health Data →
/// `apple_health_export/export.xml`). A DTD with `<!ATTLIST` declarations, then
/// `<HealthData locale=…>` holding, all in attributes:
/// - `<Record type= sourceName= unit= value= creationDate= startDate= endDate=>` (with
///   `<MetadataEntry>` children): quantity samples (`HKQuantityTypeIdentifierStepCount`,
///   `…NumberOfAlcoholicBeverages`, `…BloodAlcoholContent`, value + unit) and category samples
///   (`HKCategoryTypeIdentifierSleepAnalysis` with a value such as
///   `HKCategoryValueSleepAnalysisAsleepCore`, `…Pregnancy`, `…Lactation`); records inside a
///   `<Correlation>` (blood pressure, food) are ordinary `<Record>`s;
/// - `<Workout workoutActivityType= duration= durationUnit= totalDistance= totalEnergyBurned= …>`
///   (iOS 16+ moved distance and energy into `<WorkoutStatistics>` children: not read);
///   its `<WorkoutRoute><FileReference path="/workout-routes/route_….gpx"/>` points to a GPX
///   file that the `gpx.track` importer reads on its own;
/// - `<ActivitySummary dateComponents= activeEnergyBurned= appleExerciseTime= appleStandHours=…/>`.
///
/// Each becomes a `.healthRecord` event: `code` = the type identifier (workouts: the
/// `HKWorkoutActivityType…` value, activity summaries: `ActivitySummary`), `quantity`/`unit` =
/// the measured number (workouts: the duration), `text` = value and unit as written, `title` =
/// the type without its HealthKit prefix, `product` = the writing app or device (`sourceName`),
/// `time`/`endTime` = start and end on the phone's clock with its UTC offset.
public struct AppleHealthExportParser: ExportParser, MarkupTokenDriven {
    public static let source = "apple.health"

    /// Text is never read and only the start tags of the four elements read are copied.
    var scanner = Self.tokenizer()
    private let reader = RecordReader()
    /// The records' attributes are read on a second thread while this one tokenizes the file
    /// (`RecordReadingThread`): one thread doing both was what a scan of export.xml waited for.
    private var reading: RecordReadingThread<RecordNote>?
    private let readingBatchBytes: Int
    private var sawRoot = false
    private var sawRootEnd = false

    /// A start tag of a record read, or a problem of the tokenizer, in file order.
    private enum RecordNote {
        case record(line: Int)
        case workout(line: Int)
        case summary(line: Int)
        case problem(MarkupError)
    }

    public init() { self.init(readingBatchBytes: recordReadingBatchBytes) }

    /// `readingBatchBytes`: tag bytes handed to the reading thread at a time (tests pass a few
    /// bytes so that small inputs go through the thread).
    init(readingBatchBytes: Int) {
        self.readingBatchBytes = readingBatchBytes
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        _ = readingThread(into: sink)
        feedTokens(chunk, into: sink)
    }

    static func tokenizer() -> MarkupTokenizer {
        MarkupTokenizer(.xml, maxTagBytes: 256 * 1024, collectText: false,
                        startTagFirstBytes: [UInt8(ascii: "H"), UInt8(ascii: "R"), UInt8(ascii: "W"), UInt8(ascii: "A")])
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let reading = readingThread(into: sink)
        let open = finishTokens(into: sink)
        reading.settle()
        guard sawRoot else { throw ParseError("no <HealthData> element: not an Apple Health export.xml") }
        if let open {
            sink.skip("truncated: the file ends inside a tag", at: SourcePosition(line: scanner.line, record: reader.recordIndex))
            if open.kind != .unclosedTag { open.report(to: sink, record: reader.recordIndex) }
        }
        if !sawRootEnd {
            sink.warn("the file ends before </HealthData>: the export is truncated, records up to line \(scanner.line) were read")
        }
    }

    public mutating func settle(into sink: EventSink) {
        reading?.settle()
    }

    private mutating func readingThread(into sink: EventSink) -> RecordReadingThread<RecordNote> {
        if let reading { return reading }
        let reader = self.reader
        let started = RecordReadingThread<RecordNote>(batchBytes: readingBatchBytes) { note, bytes in
            reader.read(note, bytes, into: sink)
        }
        reading = started
        return started
    }

    private static let healthData = Array("HealthData".utf8)
    private static let recordName = Array("Record".utf8)
    private static let workoutName = Array("Workout".utf8)
    private static let summaryName = Array("ActivitySummary".utf8)

    mutating func handle(_ token: MarkupTokenizer.Token, _ sink: EventSink) {
        switch token {
        case .doctype, .text:
            break // the declaration is skipped whole, its entities never defined; text is not read
        case .problem(let problem):
            reading?.add(note: .problem(problem), bytes: UnsafeRawBufferPointer(start: nil, count: 0))
        case .end(let tag):
            if tag.name.elementsEqual(Self.healthData) { sawRootEnd = true }
        case .start(let tag):
            let name = tag.name
            let note: RecordNote
            if name.elementsEqual(Self.recordName) {
                note = .record(line: tag.line)
            } else if name.elementsEqual(Self.workoutName) {
                note = .workout(line: tag.line)
            } else if name.elementsEqual(Self.summaryName) {
                note = .summary(line: tag.line)
            } else {
                if name.elementsEqual(Self.healthData) { sawRoot = true }
                return
            }
            reading?.add(note: note, bytes: UnsafeRawBufferPointer(tag.attributeBytes))
        }
    }

    /// Reads the records' attributes and emits their events, on the reading thread.
    private final class RecordReader {
        private var record = HealthTagAttributes(names: ["type", "sourceName", "unit", "value", "startDate", "endDate"])
        private var workout = HealthTagAttributes(names: ["workoutActivityType", "sourceName", "duration", "durationUnit",
                                                          "totalDistance", "totalDistanceUnit", "totalEnergyBurned",
                                                          "totalEnergyBurnedUnit", "startDate", "endDate"])
        private var summary = HealthTagAttributes(names: ["dateComponents", "activeEnergyBurned", "activeEnergyBurnedUnit",
                                                          "appleExerciseTime", "appleStandHours"])
        private(set) var recordIndex = 0

        func read(_ note: RecordNote, _ bytes: ArraySlice<UInt8>, into sink: EventSink) {
            switch note {
            case .problem(let problem):
                if case .tagTooLong(let limit) = problem.kind {
                    sink.skip("tag longer than \(limit) bytes: not read", at: SourcePosition(line: problem.line, record: recordIndex))
                    recordIndex += 1
                } else {
                    problem.report(to: sink, record: recordIndex)
                }
            case .record(let line):
                bytes.withUnsafeBufferPointer { record.read($0) }
                emitRecord(line: line, sink)
            case .workout(let line):
                bytes.withUnsafeBufferPointer { workout.read($0) }
                emitWorkout(line: line, sink)
            case .summary(let line):
                bytes.withUnsafeBufferPointer { summary.read($0) }
                emitSummary(line: line, sink)
            }
        }

        private func nextPosition(_ line: Int) -> SourcePosition {
            defer { recordIndex += 1 }
            return SourcePosition(line: line, record: recordIndex)
        }

        func emitRecord(line: Int, _ sink: EventSink) {
            let position = nextPosition(line)
            guard let type = record.text(0) else { sink.skip("Record without a type", at: position); return }
            guard let startRaw = record[4], let start = AppleHealthDate.parse(startRaw) else {
                sink.skip("Record \(type) without a readable startDate", at: position); return
            }
            let end = record[5].flatMap(AppleHealthDate.parse)
            let quantity = record.number(3)
            let unit = record.text(2)
            var text: String?
            if let value = record.text(3) {
                if quantity != nil {
                    text = unit.map { "\(value) \($0)" } ?? value
                } else {
                    text = AppleHealthExportParser.shortCategoryValue(value, type: type)
                }
            }
            sink.emit(Event(source: AppleHealthExportParser.source, kind: .healthRecord, time: start, endTime: end, text: text,
                            title: AppleHealthExportParser.shortType(type), code: type, product: record.text(1), position: position,
                            quantity: quantity, unit: quantity == nil ? nil : unit))
        }

        func emitWorkout(line: Int, _ sink: EventSink) {
            let position = nextPosition(line)
            guard let type = workout.text(0) else { sink.skip("Workout without a workoutActivityType", at: position); return }
            guard let startRaw = workout[8], let start = AppleHealthDate.parse(startRaw) else {
                sink.skip("Workout \(type) without a readable startDate", at: position); return
            }
            let end = workout[9].flatMap(AppleHealthDate.parse)
            var parts: [String] = []
            for (valueIndex, unitIndex) in [(2, 3), (4, 5), (6, 7)] {
                if let v = workout.number(valueIndex) { parts.append("\(AppleHealthExportParser.rounded(v)) \(workout.text(unitIndex) ?? "")") }
            }
            sink.emit(Event(source: AppleHealthExportParser.source, kind: .healthRecord, time: start, endTime: end,
                            text: parts.isEmpty ? nil : parts.joined(separator: " · "),
                            title: "Workout: " + AppleHealthExportParser.shortType(type), code: type, product: workout.text(1), position: position,
                            quantity: workout.number(2), unit: workout.number(2) == nil ? nil : workout.text(3)))
        }

        func emitSummary(line: Int, _ sink: EventSink) {
            let position = nextPosition(line)
            guard let dayRaw = summary[0], let day = AppleHealthDate.parse(dayRaw) else {
                sink.skip("ActivitySummary without a readable dateComponents", at: position); return
            }
            var parts: [String] = []
            if let v = summary.number(1) { parts.append("active energy \(AppleHealthExportParser.rounded(v)) \(summary.text(2) ?? "kcal")") }
            if let v = summary.number(3) { parts.append("exercise \(AppleHealthExportParser.rounded(v)) min") }
            if let v = summary.number(4) { parts.append("stand \(AppleHealthExportParser.rounded(v)) h") }
            sink.emit(Event(source: AppleHealthExportParser.source, kind: .healthRecord, time: day,
                            text: parts.isEmpty ? nil : parts.joined(separator: " · "),
                            title: "Activity summary", code: "ActivitySummary", position: position,
                            quantity: summary.number(3), unit: summary.number(3) == nil ? nil : "min"))
        }
    }

    private static let typePrefixes = ["HKQuantityTypeIdentifier", "HKCategoryTypeIdentifier", "HKCorrelationTypeIdentifier",
                                       "HKWorkoutActivityType", "HKDataType"]

    /// `HKQuantityTypeIdentifierStepCount` → `StepCount`.
    static func shortType(_ type: String) -> String {
        for prefix in typePrefixes where type.hasPrefix(prefix) && type.utf8.count > prefix.utf8.count {
            return String(type.dropFirst(prefix.count))
        }
        return type
    }

    /// `HKCategoryValueSleepAnalysisAsleepCore` (type `…SleepAnalysis`) → `AsleepCore`.
    static func shortCategoryValue(_ value: String, type: String) -> String {
        guard value.hasPrefix("HKCategoryValue") else { return value }
        let rest = value.dropFirst("HKCategoryValue".count)
        let typeName = shortType(type)
        if rest.hasPrefix(typeName), rest.count > typeName.count { return String(rest.dropFirst(typeName.count)) }
        return String(rest)
    }

    /// Two decimals at most, without trailing zeros: 5.19412346680959 → "5.19", 68 → "68".
    static func rounded(_ v: Double) -> String {
        let hundredths = (v * 100).rounded()
        guard abs(hundredths) < 1e15 else { return String(v) }
        let whole = Int64(hundredths) / 100, frac = abs(Int64(hundredths) % 100)
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        if frac == 0 { return "\(sign)\(whole)" }
        return frac % 10 == 0 ? "\(sign)\(whole).\(frac / 10)" : "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }
}
