import Foundation
import StewardCore
import Formats

/// Discord's own guesses about the person, in the analytics files of the data package
/// (`Activity/analytics/events-<year>-<part>.json`, one JSON object per line; docs/formats/social.md
/// "Discord"). Among millions of client events, Discord writes one line per day on which its
/// models predicted the person's gender or age group:
///
///     {"user_id": "…", "predicted_gender": "female", "probability": 0.81, "prob_male": 0.12,
///      "prob_female": 0.81, "prob_non_binary_gender_expansive": 0.07,
///      "model_version": "2022-08-15T00:00:00Z", "day_pt": "2024-05-13"}
///     {"user_id": "…", "predicted_age": "18_24", "probability": 0.66, "prob_13_17": 0.2, …}
///
/// Like Meta's ad categories and X's inferred demographics these are platform inferences, so
/// they become `ad_interest` events with `product` `demographics`: one per distinct prediction
/// ("predicted gender: female"), dated by its latest day and positioned at that line, its
/// `quantity` the number of days with that prediction and the latest probability in `title`.
/// Every other line is passed over by a byte search, without parsing: the files run to
/// gigabytes of clicks and screen views that steward does not read.
struct DiscordPredictionsParser: ExportParser {
    /// Analytics lines are a few hundred bytes; a longer line is cut, and only reported when
    /// it held a prediction.
    static let maxLine = 64 * 1024
    /// Each prediction's key and the words it is shown with, in the order they are read.
    static let keys = [("predicted_age", "age group"), ("predicted_gender", "gender")]
    private static let marker = Array(#""predicted_"#.utf8)

    struct Prediction {
        var days = 0
        var latest: Timestamp?
        var probability: Double?
        var line: Int
    }

    private var lines = LineSplitter(maxLineLength: maxLine)
    private var state = State()

    struct State {
        var predictions: [String: Prediction] = [:]
        var sawObjectLine = false

        mutating func line(_ bytes: ArraySlice<UInt8>, _ number: Int, _ cut: Bool, _ sink: EventSink) {
            guard let first = bytes.first(where: { !JSONPathWalker.isSpace($0) }) else { return }
            if first == UInt8(ascii: "{") { sawObjectLine = true }
            guard DiscordPredictionsParser.mentionsPrediction(bytes) else { return }
            let position = SourcePosition(line: number)
            guard !cut else {
                sink.skip("a prediction line too long to read", at: position)
                return
            }
            guard let value = try? bytes.withUnsafeBytes({ raw throws(JSONValueParser.SyntaxError) in try JSONValueParser.parse(raw) }),
                  value.objectMembers != nil else {
                sink.skip("a prediction line that is not a JSON object", at: position)
                return
            }
            for (key, what) in DiscordPredictionsParser.keys {
                guard let member = value[key] else { continue }
                guard let predicted = member.stringValue?.trimmingSpaces(), !predicted.isEmpty else {
                    sink.skip("a prediction without a predicted value", at: position)
                    continue
                }
                let label = "predicted \(what): \(DiscordPredictionsParser.readable(predicted))"
                let day = value["day_pt"]?.stringValue.flatMap { Timestamp.parseISO8601($0.utf8) }
                    ?? value["model_version"]?.stringValue.flatMap { Timestamp.parseISO8601($0.utf8) }
                var p = predictions[label] ?? Prediction(line: number)
                p.days += 1
                // The latest day decides which line stands for the prediction; lines without a
                // readable day count but do not move it.
                let moves = p.latest.map { latest in day.map { $0.epochSeconds >= latest.epochSeconds } ?? false } ?? true
                if moves {
                    p.latest = day ?? p.latest
                    p.probability = value["probability"]?.doubleValue
                    p.line = number
                }
                predictions[label] = p
            }
        }
    }

    init() {}

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var state = self.state
        defer { self.state = state }
        try lines.feed(chunk) { line, number, cut throws(ParseError) in state.line(line, number, cut, sink) }
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        var state = self.state
        defer { self.state = state }
        try lines.finish { line, number, cut throws(ParseError) in state.line(line, number, cut, sink) }
        guard state.sawObjectLine else { throw ParseError("not Discord analytics events (one JSON object per line)") }
        for (label, p) in state.predictions.sorted(by: { $0.key < $1.key }) {
            let probability = p.probability.map { String(format: "probability %.2f", $0) }
            sink.emit(Event(source: DiscordPackage.source, kind: .adInterest, time: p.latest, text: label,
                            title: probability, code: "prediction", product: "demographics",
                            position: SourcePosition(line: p.line), quantity: Double(p.days), unit: "days"))
        }
    }

    /// Whether `"predicted_` occurs in the line: the only lines worth parsing.
    static func mentionsPrediction(_ bytes: ArraySlice<UInt8>) -> Bool {
        ByteSearch.contains(bytes, marker)
    }

    /// `18_24` → `18–24`, `35_over` → `35 over`: Discord's value names as a person reads them.
    static func readable(_ value: String) -> String {
        let parts = value.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else {
            return value.replacingOccurrences(of: "_", with: " ")
        }
        return parts.joined(separator: "–")
    }
}
