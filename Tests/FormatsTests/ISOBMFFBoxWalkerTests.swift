import XCTest
@testable import Formats
import StewardCore

/// The box walker alone: which boxes it reports, with which parents and offsets, what it
/// collects, and the errors it names, whatever the chunk size.
final class ISOBMFFBoxWalkerTests: XCTestCase {
    private func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let n = 8 + payload.count
        return [UInt8(n >> 24 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + payload
    }

    private struct Walk: Equatable {
        var seen: [String] = []
        var collected: [String: [UInt8]] = [:]
    }

    private func walk(_ bytes: [UInt8], chunkSize: Int, decide: (ISOBMFFBoxWalker.Box) -> ISOBMFFBoxWalker.Action) throws -> Walk {
        var walker = ISOBMFFBoxWalker()
        var result = Walk()
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            let fed: Result<Void, ParseError> = bytes[start..<end].withUnsafeBytes { chunk in
                do throws(ParseError) {
                    try walker.feed(chunk, decide: { box in
                        result.seen.append((box.parents.map(ISOBMFFBoxWalker.name) + [ISOBMFFBoxWalker.name(box.type)]).joined(separator: "/") + "@\(box.payloadStart)")
                        return decide(box)
                    }, collected: { box, payload, _ in result.collected[ISOBMFFBoxWalker.name(box.type)] = Array(payload) })
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            try fed.get()
            start = end
        }
        try walker.finish { box, payload, _ in result.collected[ISOBMFFBoxWalker.name(box.type)] = Array(payload) }
        return result
    }

    func testEnteredContainersReportTheirChildrenWithParentsAndPayloadOffsets() throws {
        // moov { mvhd, udta { ©xyz } }, then mdat; a full box (meta) skips its 4 header bytes.
        let file = box("ftyp", Array("isom".utf8) + [0, 0, 0, 0]) +
            box("moov", box("mvhd", [1, 2, 3]) + box("meta", [0, 0, 0, 0] + box("keys", [9]))) + box("mdat", Array(repeating: 7, count: 100))
        for size in [1, 3, 64, 4096] {
            let result = try walk(file, chunkSize: size) { box in
                switch ISOBMFFBoxWalker.name(box.type) {
                case "moov": return .enter(headerBytes: 0)
                case "meta": return .enterMeta
                case "mvhd", "keys": return .collect(limit: 16)
                default: return .skip
                }
            }
            XCTAssertEqual(result.seen, ["ftyp@8", "moov@24", "moov/mvhd@32", "moov/meta@43", "moov/meta/keys@55", "mdat@64"], "chunk \(size)")
            XCTAssertEqual(result.collected, ["mvhd": [1, 2, 3], "keys": [9]], "chunk \(size)")
        }
    }

    func testQuickTimeMetaWithoutVersionAndFlagsIsEnteredAtOnce() throws {
        let file = box("meta", box("hdlr", [0]) + box("keys", [5, 6]))
        let result = try walk(file, chunkSize: 5) { box in
            ISOBMFFBoxWalker.name(box.type) == "meta" ? .enterMeta : (ISOBMFFBoxWalker.name(box.type) == "keys" ? .collect(limit: 8) : .skip)
        }
        XCTAssertEqual(result.seen, ["meta@8", "meta/hdlr@16", "meta/keys@25"])
        XCTAssertEqual(result.collected, ["keys": [5, 6]])
    }

    func testALargeSizeBoxAndALimitOnCollecting() throws {
        // size 1: a 64-bit size follows the type.
        let payload: [UInt8] = Array(0..<40)
        let large: [UInt8] = [0, 0, 0, 1] + Array("mdat".utf8) + [0, 0, 0, 0, 0, 0, 0, UInt8(16 + payload.count)] + payload
        let result = try walk(large + box("free", []), chunkSize: 7) { _ in .collect(limit: 10) }
        XCTAssertEqual(result.seen, ["mdat@16", "free@64"])
        XCTAssertEqual(result.collected["mdat"], Array(0..<10))
    }

    func testBrokenSizesAreErrorsNamingTheByte() {
        XCTAssertThrowsError(try walk([0, 0, 0, 4] + Array("moov".utf8), chunkSize: 8) { _ in .skip }) { error in
            XCTAssertEqual("\(error)", "box 'moov' at byte 0 has size 4, less than its header or beyond any file")
        }
        XCTAssertThrowsError(try walk([0, 0, 0, 20] + Array("moo".utf8), chunkSize: 8) { _ in .skip }) { error in
            XCTAssertEqual("\(error)", "file ends inside a box header at byte 0")
        }
        let deep = (0..<20).reduce([UInt8]()) { inner, _ in box("dinf", inner) }
        XCTAssertThrowsError(try walk(deep, chunkSize: 64) { _ in .enter(headerBytes: 0) }) { error in
            XCTAssertEqual("\(error)", "boxes nested more than 16 deep at byte 136")
        }
    }
}
