import Foundation
import XCTest
@testable import Importers

/// The registry is kept by hand, so these checks fail when it and its documentation drift.
final class ImporterRegistryTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testIdsAreUniqueAndWellFormed() {
        let ids = ImporterRegistry.all.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "duplicate importer ids: \(ids)")
        for importer in ImporterRegistry.all {
            XCTAssertNotNil(importer.id.range(of: #"^[a-z0-9]+(\.[a-z0-9_]+)+$"#, options: .regularExpression), importer.id)
            XCTAssertFalse(importer.title.isEmpty)
            XCTAssertGreaterThan(importer.howToRequest.count, 20, "\(importer.id) needs real instructions")
        }
    }

    /// docs/formats/ documents every importer by its id, so `steward sources` and the docs agree.
    func testEveryImporterIsDocumented() throws {
        let formats = Self.packageRoot.appendingPathComponent("docs/formats")
        let docs = try FileManager.default.contentsOfDirectory(atPath: formats.path)
            .filter { $0.hasSuffix(".md") }
            .map { try String(contentsOf: formats.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
        for importer in ImporterRegistry.all {
            XCTAssertTrue(docs.contains("`\(importer.id)`"), "docs/formats/ does not document `\(importer.id)`")
        }
    }

    /// Every importer has tests of its own that name its id.
    func testEveryImporterHasTests() throws {
        let tests = Self.packageRoot.appendingPathComponent("Tests/ImportersTests")
        let text = try FileManager.default.contentsOfDirectory(atPath: tests.path)
            .filter { $0.hasSuffix(".swift") && $0 != "ImporterRegistryTests.swift" }
            .map { try String(contentsOf: tests.appendingPathComponent($0), encoding: .utf8) }
            .joined(separator: "\n")
        for importer in ImporterRegistry.all {
            let typeName = String(describing: type(of: importer))
            XCTAssertTrue(text.contains(typeName) || text.contains("\"\(importer.id)\""), "no test mentions \(typeName) or \"\(importer.id)\"")
        }
    }

    func testUnknownFilesGetAnHonestReason() {
        func reason(_ bytes: [UInt8], _ name: String = "x") -> String? {
            if case .failure(let why) = ImporterRegistry.detect(FileProbe(path: name, head: bytes, size: Int64(bytes.count))) { return why.text }
            return nil
        }
        XCTAssertEqual(reason([]), "empty file")
        XCTAssertEqual(reason(Array("SQLite format 3\u{0}".utf8)),
                       "SQLite database of a kind no importer knows (steward reads: WhatsApp Android message database (msgstore.db, decrypted); "
                       + "Apple Messages database (chat.db, iMessage and SMS on a Mac); "
                       + "Chrome / Chromium / Edge / Brave history database (History); "
                       + "Firefox history database (places.sqlite); Safari history database (History.db); "
                       + "Bumble Android chat database (ChatComDatabase))")
        XCTAssertEqual(reason([0xFF, 0xD8, 0xFF, 0xE0]), "JPEG image: no supported importer yet")
        XCTAssertEqual(reason(Array("hello world".utf8)), "text file of a kind no importer knows")
    }
}
