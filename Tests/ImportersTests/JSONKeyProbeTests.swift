import XCTest
@testable import Importers

/// `GoogleMyActivityImporter.containsKey`, which detection asks of JSON heads: a key is a
/// quoted name followed by optional whitespace and a colon, never the same text as a value.
final class JSONKeyProbeTests: XCTestCase {
    /// The plain definition, compared at every position.
    private func reference(_ key: String, _ bytes: ArraySlice<UInt8>) -> Bool {
        let needle = Array("\"\(key)\"".utf8)
        guard bytes.count >= needle.count else { return false }
        for start in bytes.startIndex...(bytes.endIndex - needle.count) where bytes[start..<(start + needle.count)].elementsEqual(needle) {
            var j = start + needle.count
            while j < bytes.endIndex, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[j]) { j += 1 }
            if j < bytes.endIndex && bytes[j] == UInt8(ascii: ":") { return true }
        }
        return false
    }

    func testKeysAreFoundOnlyBeforeAColonAndAnswersEqualThePlainDefinition() {
        XCTAssertTrue(GoogleMyActivityImporter.containsKey("Date", in: Array(#"{"Date" :1}"#.utf8)[...]))
        XCTAssertFalse(GoogleMyActivityImporter.containsKey("Date", in: Array(#"{"a": "Date", "b": "Date"}"#.utf8)[...]))
        XCTAssertFalse(GoogleMyActivityImporter.containsKey("Date", in: Array(#"{"Dates": 1, "Date"#.utf8)[...]))
        let pieces = [#""Date""#, #""Dat""#, #""Date"#, ":", " ", "\n", ",", "{", "}", #""x""#, "Date", #"""#, "ü"]
        var generator = SeededTestRandom(defaultSeed: 29)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(("xx" + text).utf8)
            // A slice that does not start at index 0, as a detection head's prefix may not.
            let slice = bytes[2...]
            XCTAssertEqual(GoogleMyActivityImporter.containsKey("Date", in: slice), reference("Date", slice),
                           "\(text) \(generator.replay)")
        }
    }
}
