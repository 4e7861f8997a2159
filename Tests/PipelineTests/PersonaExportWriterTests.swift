import Foundation
import Personas
import XCTest

/// PersonaExportWriter's file placement.
final class PersonaExportWriterTests: XCTestCase {
    func testParentFolderOfShortAndRootPaths() {
        XCTAssertEqual(PersonaExportWriter.parentFolder(of: "d"), ".")
        XCTAssertEqual(PersonaExportWriter.parentFolder(of: "/"), "/")
        XCTAssertEqual(PersonaExportWriter.parentFolder(of: "/d"), "/")
        XCTAssertEqual(PersonaExportWriter.parentFolder(of: "d/e"), "d")
        XCTAssertEqual(PersonaExportWriter.parentFolder(of: "/a/b/c.json"), "/a/b")
    }

    func testWritesIntoAOneCharacterRelativeFolder() throws {
        let base = NSTemporaryDirectory() + "/persona-writer-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: base) }
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(base))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let output = try PersonaExportWriter(persona: PersonaCatalog.sam, scale: 2).write(to: "d", zipTakeout: false)
        XCTAssertFalse(output.files.isEmpty)
        for file in output.files {
            XCTAssertTrue(file.hasPrefix("d/"), file)
            XCTAssertTrue(FileManager.default.fileExists(atPath: base + "/" + file), file)
        }
    }
}
