import Foundation
import Personas
import XCTest

/// PersonaExportWriter: file placement, the same bytes on every run, and each country's
/// statement in the encoding its banks and apps use (docs/personas.md).
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

    private func temporaryFolder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "/persona-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func testEveryPersonaWritesTheSameBytesOnEveryRun() throws {
        let base = try temporaryFolder("twice")
        defer { try? FileManager.default.removeItem(atPath: base) }
        for persona in PersonaCatalog.all {
            // The Takeout as a folder: a zip records the time it was made.
            let first = try PersonaExportWriter(persona: persona).write(to: base + "/a/" + persona.id, zipTakeout: false)
            let second = try PersonaExportWriter(persona: persona).write(to: base + "/b/" + persona.id, zipTakeout: false)
            XCTAssertEqual(first.files.count, second.files.count, persona.id)
            XCTAssertEqual(first.bytes, second.bytes, persona.id)
            for (a, b) in zip(first.files, second.files) {
                XCTAssertEqual(FileManager.default.contents(atPath: a), FileManager.default.contents(atPath: b), a)
            }
        }
    }

    func testEachStatementIsInItsCountrysEncoding() throws {
        let base = try temporaryFolder("encodings")
        defer { try? FileManager.default.removeItem(atPath: base) }
        func bytes(_ persona: Persona, _ file: String) throws -> [UInt8] {
            _ = try PersonaExportWriter(persona: persona).write(to: base + "/" + persona.id, zipTakeout: false)
            return [UInt8](try XCTUnwrap(FileManager.default.contents(atPath: base + "/" + persona.id + "/" + file)))
        }
        func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
            haystack.count >= needle.count && (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
        }
        // Windows-1252: "é" is the single byte E9.
        let french = try bytes(PersonaCatalog.camille, "banque/releve-compte-courant.csv")
        XCTAssertTrue(contains(french, Array("Date de l'op".utf8) + [0xE9] + Array("ration;Libell".utf8)))
        XCTAssertNil(String(validatingUTF8: french.map { CChar(bitPattern: $0) } + [0]))
        let spanish = try bytes(PersonaCatalog.lucia, "banco/movimientos-cuenta.csv")
        XCTAssertTrue(contains(spanish, Array("Fecha Operaci".utf8) + [0xF3] + Array("n;Fecha Valor;Concepto;Importe;Saldo".utf8)))
        // Windows-1251: "Дата" is C4 E0 F2 E0.
        let russian = try bytes(PersonaCatalog.dmitri, "bank/operations.csv")
        XCTAssertEqual(Array(russian.prefix(5)), [0x22, 0xC4, 0xE0, 0xF2, 0xE0])
        // GBK: "交易时间" is BD BB D2 D7 CA B1 BC E4.
        let alipay = try bytes(PersonaCatalog.fang, "支付宝交易明细(20250301-20260228).csv")
        XCTAssertTrue(contains(alipay, [0xBD, 0xBB, 0xD2, 0xD7, 0xCA, 0xB1, 0xBC, 0xE4, UInt8(ascii: ",")]))
        // WeChat Pay: UTF-8 with a byte-order mark.
        let wechat = try bytes(PersonaCatalog.fang, "微信支付账单(20250301-20260228).csv")
        XCTAssertEqual(Array(wechat.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertTrue(contains(wechat, Array("交易时间,交易类型,交易对方".utf8)))
    }

    /// The Verwendungszweck column of every REWE card line of Lena's Girokonto CSV.
    private func reweCardPurposes(scale: Int, in folder: String) throws -> [String] {
        _ = try PersonaExportWriter(persona: PersonaCatalog.lena, scale: scale).write(to: folder, statementsOnly: true)
        let data = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/bank/girokonto.csv"))
        let text = try XCTUnwrap(String(data: data, encoding: .isoLatin1))
        return text.split(separator: "\r\n").map { $0.components(separatedBy: "\";\"") }
            .filter { $0.count == 6 && $0[2] == "Kartenzahlung" && $0[3].hasPrefix("REWE") }.map { $0[3] }
    }

    func testBenchmarkScaleBookingTextsCarryReferencesAndNoTwoAreEqualWhileTheDemoKeepsThePayeeAlone() throws {
        let base = try temporaryFolder("references")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let demo = try reweCardPurposes(scale: 1, in: base + "/demo")
        XCTAssertFalse(demo.isEmpty)
        XCTAssertEqual(Set(demo), ["REWE Markt GmbH Berlin"])
        let bench = try reweCardPurposes(scale: 3, in: base + "/bench")
        XCTAssertGreaterThan(bench.count, demo.count * 2, "scale 3 writes about three times the lines (each draws its account)")
        XCTAssertEqual(Set(bench).count, bench.count, "two REWE lines with the same bytes")
        for purpose in bench {
            XCTAssertTrue(purpose.hasPrefix("REWE Markt GmbH Berlin//Berlin/DE 20"), purpose)
            XCTAssertTrue(purpose.contains(" Folgenr. "), purpose)
        }
        XCTAssertEqual(try reweCardPurposes(scale: 3, in: base + "/again"), bench, "the same references on every run")
    }
}
