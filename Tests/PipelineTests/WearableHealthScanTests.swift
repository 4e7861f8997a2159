import XCTest
import Foundation
import StewardPipeline
import StewardCore
import Rules

/// Fitbit and Google Fit reach the health score the way Apple Health does: a scan of their
/// Takeout folders gives the health.daily findings (docs/formats/health.md).
final class WearableHealthScanTests: XCTestCase {
    func testFitbitStepsAndSleepAndGoogleFitTotalsReachTheDailyHealthAnalyzers() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-wearables-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fitbit = dir + "/Takeout/Fitbit/Global Export Data", fit = dir + "/Takeout/Fit/Daily activity metrics"
        for folder in [fitbit, fit] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        // 5 March: 16 hours of 1,000 steps (16,000 ≥ 15,000); 6 March: 14,000.
        var minutes: [String] = []
        for (day, hours) in [("05", 16), ("06", 14)] {
            for hour in 0..<hours {
                for minute in 0..<10 { minutes.append(#"{"dateTime":"03/\#(day)/24 \#(String(format: "%02d", hour + 6)):\#(String(format: "%02d", minute)):00","value":"100"}"#) }
            }
        }
        try Data(("[" + minutes.joined(separator: ",") + "]").utf8).write(to: URL(fileURLWithPath: fitbit + "/steps-2024-03-05.json"))
        // The night of 5 March: 7 h 45 min of stages.
        let sleep = #"[{"logId":1,"dateOfSleep":"2024-03-06","startTime":"2024-03-05T23:00:00.000","endTime":"2024-03-06T06:45:00.000","type":"stages","levels":{"data":[{"dateTime":"2024-03-05T23:00:00.000","level":"light","seconds":14400},{"dateTime":"2024-03-06T03:00:00.000","level":"rem","seconds":13500}]},"mainSleep":true}]"#
        try Data(sleep.utf8).write(to: URL(fileURLWithPath: fitbit + "/sleep-2024-03-06.json"))
        // Google Fit: 15,200 steps on 7 March in the summary.
        let summary = "Date,Move Minutes count,Calories (kcal),Distance (m),Heart Points,Step count\n2024-03-07,80,2100.0,11000.0,40,15200\n"
        try Data(summary.utf8).write(to: URL(fileURLWithPath: fit + "/Daily activity metrics.csv"))

        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        let report = try ScanPipeline.run(ScanOptions(paths: [dir], rulesDirectory: ScanPipelineTests.rulesDirectory, databasePath: nil, jobs: 1),
                                          ruleset: ruleset)
        XCTAssertEqual(Dictionary(report.inputs.map { ($0.source, $0.events) }, uniquingKeysWith: +),
                       ["fitbit.export": 30 + 2, "google.fit": 1])
        let fitness = try XCTUnwrap(report.findings.first { $0.attribute == "health.fitness" }, "\(report.findings.map(\.attribute))")
        XCTAssertEqual(fitness.ruleCounts?["health.fitness.daily_steps"], 2, "5 March (Fitbit) and 7 March (Google Fit); 6 March has 14,000")
        XCTAssertEqual(fitness.ruleCounts?["health.fitness.sleep_nights"], 1)
        XCTAssertEqual(fitness.sources, ["fitbit.export", "google.fit"])
        let nightEvidence = fitness.evidence.filter { $0.rule == "health.fitness.sleep_nights" }
        XCTAssertEqual(nightEvidence.map(\.excerpt), ["night of 2024-03-05: 7.8 h asleep"])
        XCTAssertTrue(nightEvidence.allSatisfy { $0.path.hasSuffix("sleep-2024-03-06.json") })
    }
}
