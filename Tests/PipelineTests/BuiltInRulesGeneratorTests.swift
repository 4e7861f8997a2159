import XCTest
@testable import BuiltInRulesGenerator

/// The generator writes each rule file as a Swift string literal that holds exactly its bytes.
final class BuiltInRulesGeneratorTests: XCTestCase {
    func testLiteralEscapesQuotesBackslashesLineBreaksAndInvisibleCharacters() {
        let text = "a\"b\\c\\(d)\n\r\t\u{0}\u{7F}\u{85}\u{200B}\u{202E}\u{2066}\u{FEFF}é中🙂"
        XCTAssertEqual(BuiltInRulesGenerator.literal(text),
                       #""a\"b\\c\\(d)\n\r\t\u{0}\u{7f}\u{85}\u{200b}\u{202e}\u{2066}\u{feff}é中🙂""#)
    }

    func testVersionHashesTheLoadersFilesInTheLoadersOrder() {
        // Files outside the versioned set (a README at the top) do not change the version; the
        // order is attributes, lexicons, signals, data, analyzers, models whatever the listing order.
        let files = ["README.md", "analyzers/a.yaml", "attributes.yaml", "data/d.csv", "lexicons/x.en.txt", "models/m.yaml", "signals/s.yaml"]
        var contents: [String: [UInt8]] = [:]
        for file in files { contents[file] = Array(file.utf8) }
        let version = BuiltInRulesGenerator.version(of: files, contents: contents)
        var withReadme = contents
        withReadme["README.md"] = Array("changed".utf8)
        XCTAssertEqual(BuiltInRulesGenerator.version(of: files, contents: withReadme), version)
        var withModel = contents
        withModel["models/m.yaml"] = Array("changed".utf8)
        XCTAssertNotEqual(BuiltInRulesGenerator.version(of: files, contents: withModel), version, "a model changes scores")
        var withData = contents
        withData["data/d.csv"] = Array("changed".utf8)
        XCTAssertNotEqual(BuiltInRulesGenerator.version(of: files, contents: withData), version)
        XCTAssertEqual(BuiltInRulesGenerator.version(of: files.reversed(), contents: contents), version)
    }
}
