import Foundation
import XCTest
@testable import Archives
@testable import Formats

/// File names that are not valid UTF-8 (a Latin-1 `relevé.csv` from an old system) are found,
/// shown with U+FFFD and opened by their real bytes (docs/privacy.md, "Limits"); before, they
/// were reported as "No such file or directory" and never read.
final class FileSystemNameTests: XCTestCase {
    func testInvalidBytesSurviveTheRoundTripAndValidNamesAreUnchanged() {
        let latin1: [UInt8] = Array("relev".utf8) + [0xE9] + Array(".csv".utf8)
        let name = FileSystemName.decode(latin1)
        XCTAssertEqual(FileSystemName.bytes(name).dropLast().map { UInt8(bitPattern: $0) }, latin1)
        XCTAssertEqual(FileSystemName.display(name), "relev\u{FFFD}.csv")
        XCTAssertEqual(FileSystemName.decode(Array("relevé.csv".utf8)), "relevé.csv")
        XCTAssertFalse(FileSystemName.hasEscapedBytes("relevé.csv"))
        // A truncated multi-byte sequence before ASCII: each stray byte escaped, the ASCII kept.
        let cut: [UInt8] = [0x61, 0xE2, 0x82, 0x62]
        XCTAssertEqual(FileSystemName.bytes(FileSystemName.decode(cut)).dropLast().map { UInt8(bitPattern: $0) }, cut)
    }

    func testAFolderScanFindsAndOpensAFileWhoseNameIsNotUTF8() throws {
        let dir = NSTemporaryDirectory() + "steward-names-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var raw = Array(dir.utf8) + Array("/statement-".utf8) + [0xE9, 0x74, 0xE9] + Array(".txt".utf8) + [0]
        let fd = raw.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o600) }
        }
        XCTAssertGreaterThanOrEqual(fd, 0)
        let text = Array("TESTLINES\nfirst\nsecond\n".utf8)
        XCTAssertEqual(write(fd, text, text.count), text.count)
        close(fd)

        let found = InputDiscovery().discover([dir])
        XCTAssertEqual(found.skipped.map(\.reason), [])
        let file = try XCTUnwrap(found.files.first)
        XCTAssertEqual(file.displayPath, dir + "/statement-\u{FFFD}t\u{FFFD}.txt")
        let opened = try file.openRegularFile()
        var bytes = [UInt8](repeating: 0, count: 64)
        XCTAssertEqual(read(opened, &bytes, 64), text.count, "opened by its real name")
        close(opened)
    }

    func testASQLiteURIGivesTheRealByteAndAZipSaysToRenameIt() throws {
        let name = FileSystemName.decode(Array("/x/Hist".utf8) + [0xF6] + Array("ry".utf8))
        XCTAssertEqual(ImmutableSQLiteInput.escapeURIPath(name), "/x/Hist%F6ry")

        let dir = NSTemporaryDirectory() + "steward-names-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var raw = Array(dir.utf8) + Array("/export-".utf8) + [0xE9] + Array(".zip".utf8) + [0]
        let fd = raw.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o600) }
        }
        // An empty archive: the end-of-central-directory record alone.
        let empty: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        XCTAssertEqual(write(fd, empty, empty.count), empty.count)
        close(fd)
        let file = try XCTUnwrap(InputDiscovery().discover([dir]).files.first)
        XCTAssertThrowsError(try ZipArchiveReader().forEachMember(of: file, diskPath: file.path, inMemory: nil,
                                                                 skipped: { _, _ in }, visit: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("not valid UTF-8"), "\(error)")
        }
    }
}
