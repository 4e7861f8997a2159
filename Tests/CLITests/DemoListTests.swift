import XCTest

/// `steward demo --list`: every persona with its id, name, country and one line, nothing written.
final class DemoListTests: XCTestCase {
    func testListNamesEveryPersonaAndWritesNothing() throws {
        let home = NSTemporaryDirectory() + "steward-demo-list-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let result = try StewardProcess.run(["demo", "--list"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("sam  Sam Taylor (synthetic)  GB  34, Manchester"), String(lines[0]))
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/data/steward/demo"), "--list writes no exports")
    }
}
