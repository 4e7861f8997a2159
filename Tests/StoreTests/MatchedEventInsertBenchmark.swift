import Foundation
#if canImport(Glibc)
import Glibc
#endif
import StewardCore
import Store
import XCTest

/// Throughput of the hot path, not a timed test: it only runs when asked, in release mode:
/// `STEWARD_STORE_BENCHMARK=1 swift test -c release -Xswiftc -enable-testing --filter MatchedEventInsertBenchmark`
final class MatchedEventInsertBenchmark: XCTestCase {
    func testInsertOneMillionMatchedEventsInOneTransaction() throws {
        let environment = ProcessInfo.processInfo.environment
        try XCTSkipUnless(environment["STEWARD_STORE_BENCHMARK"] == "1", "set STEWARD_STORE_BENCHMARK=1 to run")
        let rows = Int(environment["STEWARD_STORE_BENCHMARK_ROWS"] ?? "") ?? 1_000_000
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        let store = try ReportStore(path: path)
        defer { store.close() }
        try store.beginScan(id: "benchmark", started: "2024-05-01T10:00:00Z", paths: ["/bench"],
                            toolVersion: "bench", rulesVersion: "bench")
        let inputPath = "/home/ana/takeout.zip!Takeout/My Activity/Search/MyActivity.json"
        let rules = ["finance.gambling.search"]
        var event = Event(source: "google.my_activity", kind: .search, text: "casino bonus codes")
        let clock = ContinuousClock()
        let cpuStart = clock_t(Glibc.clock())
        let start = clock.now
        for index in 0..<rows {
            event.time = Timestamp(epochSeconds: 1_600_000_000 + Int64(index) * 37)
            try store.recordMatchedEvent(scanId: "benchmark", path: inputPath, event: event,
                                         position: .record(index, pointer: "/\(index)"), rules: rules,
                                         excerpt: "casino bonus codes")
        }
        let inserted = clock.now
        let insertCPUSeconds = Double(Glibc.clock() - cpuStart) / Double(CLOCKS_PER_SEC)
        try store.finishScan(report: sampleReport(id: "benchmark"))
        let committed = clock.now
        XCTAssertEqual(try store.matchedEventCount(scanId: "benchmark"), rows)
        let insertSeconds = seconds(inserted - start)
        let totalSeconds = seconds(committed - start)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("""
            matched_events: \(rows) rows inserted in \(format(insertSeconds)) s = \(Int(Double(rows) / insertSeconds)) rows/s \
            (CPU \(format(insertCPUSeconds)) s = \(Int(Double(rows) / insertCPUSeconds)) rows per CPU-second); \
            with commit \(format(totalSeconds)) s = \(Int(Double(rows) / totalSeconds)) rows/s; \
            database \(size / 1_048_576) MiB
            """)
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }
}
