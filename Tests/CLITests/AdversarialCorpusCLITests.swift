import Foundation
import XCTest
import HostileInputs

/// The whole adversarial corpus in one folder, scanned by the binary in one run: it exits
/// normally, every case's folder is mentioned in the report, and the process's peak memory
/// (measured by GNU time) stays under 200 MB. docs/privacy.md,
/// "The adversarial corpus".
final class AdversarialCorpusCLITests: XCTestCase {
    private var home = ""

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("corpus") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    static let peakMemoryLimitBytes = 200 << 20

    /// Runs steward under GNU time, which reads the peak resident memory of its own child from
    /// wait4. (Measuring a child spawned from this test process directly would count this
    /// process's pages too: posix_spawn shares them until exec, and the kernel keeps that peak.)
    private func runMeasured(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String, peakBytes: Int) {
        let measured = home + "/peak.txt"
        let result = try StewardProcess.run(["-o", measured, "-f", "%M", StewardProcess.binary] + arguments, home: home,
                                            executable: "/usr/bin/time")
        let kib = Int((String(decoding: FileManager.default.contents(atPath: measured) ?? Data(), as: UTF8.self)
            .split(separator: "\n").last ?? "").trimmingCharacters(in: .whitespaces)) ?? Int.max / 1024
        return (result.status, result.stdout, result.stderr, kib * 1024)
    }

    func testTheWholeCorpusInOneScanIsReportedWithinTwoHundredMegabytes() throws {
        let root = home + "/corpus"
        for item in AdversarialCorpus.cases {
            try FileManager.default.createDirectory(atPath: root + "/" + item.name, withIntermediateDirectories: true)
            try item.make(root + "/" + item.name)
        }
        try AdversarialCorpus.put(root, "good-statement.csv", AdversarialCorpus.goodStatement)
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/time"),
                          "GNU time (Debian package `time`, installed by make deps) measures the peak memory: not found, not run")
        let started = Date()
        let result = try runMeasured(["scan", root, "--no-db", "--no-progress", "--format", "json", "--rules", StewardProcess.rulesDirectory])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 120, "bounded time")
        XCTAssertLessThan(result.peakBytes, Self.peakMemoryLimitBytes, "peak memory \(result.peakBytes >> 20) MiB")
        let report = try StewardProcess.json(result.stdout)
        let inputs = report["inputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(inputs.first { ($0["path"] as? String) == root + "/good-statement.csv" }?["events"] as? Int, 2)
        // Every case is mentioned: read, or named with a problem (the unread list is cut at
        // 100 paths, so cases are looked up among inputs first, then the listed files).
        let unread = (report["unrecognized"] as? [[String: Any]] ?? []) + (report["knownFiles"] as? [[String: Any]] ?? [])
        let mentioned = Set((inputs.compactMap { $0["path"] as? String } + unread.compactMap { $0["path"] as? String })
            .compactMap { $0.hasPrefix(root + "/") ? String($0.dropFirst(root.count + 1).prefix { $0 != "/" }) : nil })
        let totals = report["unreadTotals"] as? [String: Any]
        let omitted = ((totals?["unrecognized"] as? Int) ?? 0) - ((report["unrecognized"] as? [Any])?.count ?? 0)
        let missing = AdversarialCorpus.cases.map(\.name).filter { !mentioned.contains($0) }
        XCTAssertLessThanOrEqual(missing.count, max(0, omitted), "cases neither read nor listed: \(missing)")
        print("adversarial corpus: \(AdversarialCorpus.cases.count) cases, peak memory \(result.peakBytes >> 20) MiB")
    }
}
