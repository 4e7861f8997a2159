import Foundation
import XCTest

/// The promises of docs/privacy.md, checked on the built binary.
final class PrivacyTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("privacy") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    private func capture(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testBinaryLinksNoNetworkingLibrary() throws {
        let readelf = ["/usr/bin/readelf", "/bin/readelf"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let tool = try XCTUnwrap(readelf, "readelf is needed (make deps installs binutils)")
        let (status, output) = try capture(tool, ["-d", StewardProcess.binary])
        XCTAssertEqual(status, 0, output)
        let needed = output.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        XCTAssertFalse(needed.isEmpty, "readelf found no NEEDED entries: \(output)")
        for line in needed {
            XCTAssertFalse(line.contains("curl"), "links \(line)")
            XCTAssertFalse(line.contains("FoundationNetworking"), "links \(line)")
        }
        // ldd resolves transitive dependencies too.
        let (lddStatus, ldd) = try capture("/usr/bin/ldd", [StewardProcess.binary])
        XCTAssertEqual(lddStatus, 0, ldd)
        XCTAssertFalse(ldd.contains("libcurl"), ldd)
        XCTAssertFalse(ldd.contains("FoundationNetworking"), ldd)
    }

    /// A demo (which writes a persona's exports, scans them and stores the scan) and a scan of
    /// a folder make no socket, connect, sendto or sendmsg call of any kind: not even to a local
    /// name-service cache, which on LDAP/SSSD machines would reach the network (steward reads
    /// file sizes with stat, never through lookups of owner names).
    func testDemoAndScanMakeNoSocketCallAtAll() throws {
        guard let strace = ["/usr/bin/strace", "/bin/strace"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("skipped: strace is not installed (make test installs it)")
        }
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        let runs: [(String, [String])] = [
            ("demo", ["/usr/bin/env", "HOME=\(home!)", "XDG_DATA_HOME=\(home!)/data", StewardProcess.binary,
                      "demo", "--rules", StewardProcess.rulesDirectory]),
            ("scan", [StewardProcess.binary, "scan", dir, "--no-db", "--rules", StewardProcess.rulesDirectory]),
        ]
        for (name, command) in runs {
            let log = home + "/strace-\(name).log"
            let (status, output) = try capture(strace, ["-f", "-qq", "-yy", "-e", "trace=%network", "-o", log] + command)
            XCTAssertEqual(status, 0, output)
            let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            XCTAssertEqual(calls, [], "network-class system calls during `steward \(name)`")
        }
    }

    /// steward's own folders are made 0700 by mkdir itself, never made open and narrowed
    /// afterwards (another user could enter in between): strace shows the mode mkdir was given.
    func testStewardsFoldersAreCreatedPrivateByMkdirItself() throws {
        guard let strace = ["/usr/bin/strace", "/bin/strace"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("skipped: strace is not installed (make test installs it)")
        }
        let log = home + "/mkdir.log"
        let (status, output) = try capture(strace, ["-f", "-qq", "-e", "trace=mkdir,mkdirat", "-o", log, "/usr/bin/env",
                                                    "HOME=\(home!)", "XDG_DATA_HOME=\(home!)/data", StewardProcess.binary,
                                                    "demo", "--write-only", "--rules", StewardProcess.rulesDirectory])
        XCTAssertEqual(status, 0, output)
        let ours = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { line in
            ["/data\"", "/data/steward\"", "/data/steward/demo\"", "/data/steward/demo/sam\""].contains { line.contains($0) }
        }
        XCTAssertEqual(ours.count, 4, "the data folder, steward's folder, the demo folder and Sam's: \(ours)")
        // Every folder of the demo, down to the exports' own subfolders (bank/, Takeout/…).
        let all = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").filter { $0.contains("mkdir") && !$0.contains("EEXIST") }
        XCTAssertGreaterThan(all.count, 4, "the exports' subfolders are created too")
        for call in all { XCTAssertTrue(call.contains(", 0700)"), String(call)) }
    }

    /// Every input file is byte-identical, with the same mtime, after a scan.
    func testInputsAreNotModified() throws {
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        func snapshot() throws -> [String: (Data, Date)] {
            var result: [String: (Data, Date)] = [:]
            let enumerator = FileManager.default.enumerator(atPath: dir)!
            for case let name as String in enumerator {
                let path = dir + "/" + name
                var isDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
                let attrs = try FileManager.default.attributesOfItem(atPath: path)
                result[name] = (try Data(contentsOf: URL(fileURLWithPath: path)), attrs[.modificationDate] as! Date)
            }
            return result
        }
        let before = try snapshot()
        XCTAssertEqual(before.count, 4, "Sam's bank CSV, card OFX, WhatsApp chat and Takeout archive")
        let scan = try StewardProcess.run(["scan", dir, "--rules", StewardProcess.rulesDirectory, "--format", "json"], home: home)
        XCTAssertEqual(scan.status, 0, scan.stderr)
        let after = try snapshot()
        XCTAssertEqual(Set(before.keys), Set(after.keys), "no file may appear beside the inputs")
        for (name, (data, mtime)) in before {
            XCTAssertEqual(after[name]?.0, data, "\(name) changed")
            XCTAssertEqual(after[name]?.1, mtime, "\(name) mtime changed")
        }
    }

    func testOutputsArePrivateAndForgetRemovesThem() throws {
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        let out = home + "/shared-report.txt"
        let scan = try StewardProcess.run(["scan", dir, "--rules", StewardProcess.rulesDirectory, "--out", out], home: home)
        XCTAssertEqual(scan.status, 0, scan.stderr)
        let data = home + "/data/steward"
        let fm = FileManager.default
        let db = data + "/steward.db"
        XCTAssertTrue(fm.fileExists(atPath: db))
        let reports = try fm.contentsOfDirectory(atPath: data + "/reports")
        XCTAssertEqual(reports.count, 1)
        for path in [db, out, data + "/reports/" + reports[0]] {
            XCTAssertEqual(try fm.attributesOfItem(atPath: path)[.posixPermissions] as? Int, 0o600, path)
        }
        XCTAssertEqual(try fm.attributesOfItem(atPath: data)[.posixPermissions] as? Int, 0o700)

        let forget = try StewardProcess.run(["forget", "--yes", "--include-out-files"], home: home)
        XCTAssertEqual(forget.status, 0, forget.stderr)
        XCTAssertFalse(fm.fileExists(atPath: db))
        XCTAssertFalse(fm.fileExists(atPath: out), "reports written with --out are forgotten too")
        XCTAssertFalse(fm.fileExists(atPath: data + "/reports"))
        XCTAssertTrue(forget.stdout.contains("removed"))
        // The exports themselves are untouched.
        XCTAssertTrue(fm.fileExists(atPath: dir + "/bank/current-account.csv"))
        let again = try StewardProcess.run(["forget", "--yes"], home: home)
        XCTAssertTrue(again.stdout.contains("Nothing to forget"))
    }
}
