import Foundation
import XCTest
import HostileInputs
@testable import Importers
import StewardCore
@testable import Archives

/// Hand-built archives no zip tool writes: overlapping entries, sizes that disagree, damaged
/// directories, bad CRCs, truncated and encrypted members. Each is reported naming the archive
/// or the member, the refused members are not read, the others are, and nothing crashes.
final class ZipDirectorySurveyTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "steward-survey-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func text(_ tag: String) -> [UInt8] { Array("TESTLINES\n\(tag) one\n\(tag) two".utf8) }

    private func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Reads `path` whole (as a sequential read does) and, separately, through the parallel
    /// plan: both must refuse and report the same way.
    private func read(_ path: String) -> (whole: RecordingDelegate, planned: RecordingDelegate) {
        let reader = ExportReader(importers: [TestLinesImporter()])
        let file = InputDiscovery().discover([path]).files[0]
        let whole = RecordingDelegate()
        reader.read(file, delegate: whole)
        let planned = RecordingDelegate()
        let cursor = ZipMemberCursor()
        for task in reader.plan([file], skipped: { planned.skipped.append(($0, $1)) }) {
            reader.read(task, cursor: cursor, delegate: planned)
        }
        return (whole, planned)
    }

    private func check(_ path: String, read expected: [String], skipped: [(String, String)],
                       file: StaticString = #filePath, line: UInt = #line) {
        let (whole, planned) = read(path)
        for (how, delegate) in [("whole", whole), ("planned", planned)] {
            XCTAssertEqual(delegate.inputs.map(\.path), expected.map { path + "!" + $0 }, how, file: file, line: line)
            XCTAssertEqual(delegate.skipped.count, skipped.count, "\(how): \(delegate.skipped)", file: file, line: line)
            for (expectedPath, words) in skipped {
                XCTAssertTrue(delegate.skipped.contains { $0.0 == expectedPath && $0.1.contains(words) },
                              "\(how): no '\(words)' for \(expectedPath) in \(delegate.skipped)", file: file, line: line)
            }
        }
    }

    func testEntriesSharingOneMembersBytesAreRefusedOnceForTheArchive() throws {
        var members: [ZipImage.Member] = [.init("a.txt", text("a"))]
        for n in 1...3 {
            var copy = ZipImage.Member("copy\(n).txt", text("a"))
            copy.centralOffsetOf = 0
            members.append(copy)
        }
        members.append(.init("z.txt", text("z")))
        let zip = try write("shared.zip", ZipImage(members).bytes)
        check(zip, read: ["a.txt", "z.txt"],
              skipped: [(zip, "the data of 3 members overlap other members' (a zip-bomb technique) (first: \(zip)!copy1.txt)")])
    }

    func testAnEntryWhoseHeaderLiesInsideAnotherMembersDataIsRefused() throws {
        // The quoted-overlap bomb: member a's data is b's local header and data, and b's
        // directory entry points into it.
        let inner = ZipImage.Member("b.txt", text("b"))
        let quoted = Array(ZipImage([inner]).bytes.prefix(30 + 5 + inner.stored.count))
        var b = inner
        b.centralOffsetOf = 0
        b.centralOffsetAdjust = 30 + "a.txt".utf8.count
        let zip = try write("quoted.zip", ZipImage([.init("a.txt", quoted), b]).bytes)
        let survey = ZipDirectorySurvey.survey(data: try Data(contentsOf: URL(fileURLWithPath: zip)), maxEntries: 10)
        XCTAssertEqual(survey.problems[1]?.problem, .overlaps(other: 0))
        XCTAssertNil(survey.problems[0])
        // a.txt holds binary header bytes: read, but not taken by the test importer.
        let (whole, _) = read(zip)
        XCTAssertTrue(whole.skipped.contains { $0.0 == zip && $0.1.contains("the data of 1 member overlaps") }, "\(whole.skipped)")
        XCTAssertFalse(whole.inputs.contains { $0.path.hasSuffix("b.txt") })
    }

    func testTwentyThousandEntriesOnOneBlockAreRefusedQuickly() throws {
        var members: [ZipImage.Member] = [.init("block.txt", text("block"))]
        for n in 1..<20_000 {
            var entry = ZipImage.Member(String(format: "e%05d.txt", n), text("block"))
            entry.centralOffsetOf = 0
            members.append(entry)
        }
        let zip = try write("block.zip", ZipImage(members).bytes)
        let started = Date()
        check(zip, read: ["block.txt"], skipped: [(zip, "the data of 19999 members overlap")])
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "bounded time")
    }

    func testSizesThatDisagreeWithTheLocalHeaderRefuseTheMemberAndNameIt() throws {
        var liar = ZipImage.Member("liar.txt", text("liar"))
        liar.centralUncompressedSize = 4_000_000_000
        let zip = try write("liar.zip", ZipImage([.init("a.txt", text("a")), liar, .init("c.txt", text("c"))]).bytes)
        check(zip, read: ["a.txt", "c.txt"],
              skipped: [(zip + "!liar.txt", "sizes in the central directory (\(text("liar").count) compressed, 4000000000 inflated) disagree with its local header")])
    }

    func testABadCRCIsReportedForTheMemberAndTheOthersAreRead() throws {
        var bad = ZipImage.Member("bad.txt", text("bad"))
        bad.crc ^= 0xFFFF
        let zip = try write("crc.zip", ZipImage([.init("a.txt", text("a")), bad, .init("c.txt", text("c"))]).bytes)
        let (whole, planned) = read(zip)
        for delegate in [whole, planned] {
            // A member shorter than the sniffed head is read to its end while sniffing, so the
            // mismatch shows there: the member is reported as not read, naming the CRC.
            XCTAssertEqual(delegate.inputs.map(\.path), [zip + "!a.txt", zip + "!c.txt"])
            XCTAssertEqual(delegate.inputs.flatMap(\.errors), [])
            XCTAssertEqual(delegate.skipped.count, 1)
            XCTAssertEqual(delegate.skipped.first?.0, zip + "!bad.txt")
            XCTAssertTrue(delegate.skipped.first?.1.contains("CRC-32 does not match its data (damaged member)") == true, "\(delegate.skipped)")
        }
    }

    func testABadCRCInALongMemberIsAnErrorOfThatInput() throws {
        // Longer than the sniffed head: parsed, then the mismatch is found at its end.
        var bad = ZipImage.Member("bad.txt", Array(("TESTLINES\n" + String(repeating: "a line\n", count: 20_000)).utf8))
        bad.crc ^= 0xFFFF
        let zip = try write("crc-long.zip", ZipImage([bad, .init("c.txt", text("c"))]).bytes)
        let (whole, planned) = read(zip)
        for delegate in [whole, planned] {
            XCTAssertEqual(delegate.inputs.map(\.path), [zip + "!bad.txt", zip + "!c.txt"])
            XCTAssertEqual(delegate.inputs.first?.errors.contains { $0.contains("CRC-32 does not match its data (damaged member)") }, true,
                           "\(delegate.inputs.map(\.errors))")
            XCTAssertEqual(delegate.inputs.last?.errors, [])
        }
    }

    func testATruncatedLastMemberIsRefusedAndTheOthersAreRead() throws {
        var cut = ZipImage.Member("cut.txt", text("cut"))
        cut.declaredCompressedSize = 5_000
        cut.uncompressedSize = 5_000
        let zip = try write("cut.zip", ZipImage([.init("a.txt", text("a")), .init("b.txt", text("b")), cut]).bytes)
        check(zip, read: ["a.txt", "b.txt"], skipped: [(zip + "!cut.txt", "runs past the end of the members (truncated archive)")])
    }

    func testADamagedDirectoryEntrySaysHowFarTheArchiveWasRead() throws {
        let image = ZipImage([.init("a.txt", text("a")), .init("b.txt", text("b")), .init("c.txt", text("c"))])
        var bytes = image.bytes
        // The second central-directory entry loses its signature.
        let directory = image.localHeaderOffsets[2] + 30 + 5 + text("c").count
        let second = directory + 46 + 5
        XCTAssertEqual(Array(bytes[second..<(second + 4)]), [0x50, 0x4B, 0x01, 0x02])
        bytes[second] = 0
        let zip = try write("directory.zip", bytes)
        let (whole, planned) = read(zip)
        for delegate in [whole, planned] {
            XCTAssertFalse(delegate.inputs.contains { $0.path == zip + "!b.txt" || $0.path == zip + "!c.txt" })
            XCTAssertTrue(delegate.skipped.contains { $0.0 == zip && $0.1.contains("central directory entry 2 of 3 is damaged") },
                          "\(delegate.skipped)")
        }
    }

    func testAMissingLocalHeaderIsReportedByMemberName() throws {
        var lost = ZipImage.Member("lost.txt", text("lost"))
        lost.centralOffsetOf = 0
        lost.centralOffsetAdjust = 7
        let zip = try write("lost.zip", ZipImage([.init("a.txt", text("a")), lost, .init("c.txt", text("c"))]).bytes)
        check(zip, read: ["a.txt"], skipped: [
            (zip, "its central directory lists 3 entries, but only the first 1 could be read: entry 2 (lost.txt) ends the listing, "
                + "its local header is missing or damaged"),
        ])
    }

    func testAnEncryptedMemberIsNamedAndTheMembersBeforeItAreRead() throws {
        var secret = ZipImage.Member("secret.txt", text("secret"))
        secret.flags = 0x0001
        let zip = try write("secret.zip", ZipImage([.init("a.txt", text("a")), secret, .init("c.txt", text("c"))]).bytes)
        // The zip library ends its listing at an encrypted entry: the archive says so, naming it.
        check(zip, read: ["a.txt"], skipped: [
            (zip, "its central directory lists 3 entries, but only the first 1 could be read: entry 2 (secret.txt) ends the listing, "
                + "encrypted member: steward does not read encrypted members"),
        ])
    }

    func testAGarbageZip64LocatorIsReportedNotFatal() throws {
        var bytes = ZipImage([.init("a.txt", text("a"))]).bytes
        // The end record's entry counts set to 0xFFFF: readers must look for a zip64 locator.
        let end = bytes.count - 22
        for at in [end + 8, end + 9, end + 10, end + 11] { bytes[at] = 0xFF }
        let zip = try write("zip64.zip", bytes)
        let survey = ZipDirectorySurvey.survey(data: Data(bytes), maxEntries: 10)
        XCTAssertEqual(survey.damage, "zip64 end of central directory locator missing or damaged")
        let (whole, _) = read(zip)
        XCTAssertTrue(whole.skipped.contains { $0.0 == zip && $0.1.contains("damaged") }, "\(whole.skipped)")
    }

    func testOverlappingEntriesInsideANestedArchiveAreRefusedNamingThePath() throws {
        var copy = ZipImage.Member("copy.txt", text("a"))
        copy.centralOffsetOf = 0
        let inner = ZipImage([.init("a.txt", text("a")), copy]).bytes
        let zip = try write("outer.zip", ZipImage([.init("inner.zip", inner)]).bytes)
        let (whole, _) = read(zip)
        XCTAssertEqual(whole.inputs.map(\.path), [zip + "!inner.zip!a.txt"])
        XCTAssertTrue(whole.skipped.contains { $0.0 == zip + "!inner.zip" && $0.1.contains("overlaps") }, "\(whole.skipped)")
    }

    func testRandomlyCutArchivesNeverCrashAndAlwaysSaySomething() throws {
        var generator = SeededTestRandom(defaultSeed: 16)
        let image = ZipImage((0..<6).map { ZipImage.Member.deflated("m\($0).txt", text("m\($0)")) }).bytes
        for _ in 0..<40 {
            let cut = Int.random(in: 1..<image.count, using: &generator)
            let zip = try write("cut-\(cut).zip", Array(image.prefix(cut)))
            let (whole, _) = read(zip)
            XCTAssertFalse(whole.skipped.isEmpty && whole.inputs.allSatisfy(\.errors.isEmpty),
                           "cut at \(cut): the damage went unmentioned \(generator.replay)")
        }
    }
}
