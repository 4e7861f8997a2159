import Foundation
import XCTest
import StewardCore
@testable import Rules

/// The search and sensitive-place lexicons cover the six languages DESIGN.md asks for, and the
/// rules that use them fire through a whole scan session (not only in their own examples).
final class SearchAndPlaceLexiconTests: XCTestCase {
    func testEverySearchAndPlaceLexiconHasSixLanguages() throws {
        let folder = RuleSetExamplesTests.rulesDirectory + "/lexicons"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        let names = Set(files.filter { ($0.hasPrefix("search_") || $0.hasPrefix("places_")) && !$0.contains("_decoys") }
            .map { String($0.split(separator: ".")[0]) })
        XCTAssertEqual(names.count, 17, "6 place and 11 search lexicons")
        for name in names.sorted() {
            for lang in ["en", "de", "fr", "es", "ru", "zh"] {
                XCTAssertTrue(files.contains("\(name).\(lang).txt"), "\(name) lacks \(lang)")
            }
        }
    }

    func testVisitsAndSearchesOfOneScanGiveTheirAttributes() throws {
        let ruleSet = try RuleSet.load(directory: RuleSetExamplesTests.rulesDirectory)
        let session = InferenceSession(ruleSet: ruleSet)
        let time = Timestamp.parseISO8601(Array("2024-10-06T10:00:00Z".utf8))
        let events = [
            Event(source: "google.semantic_location", kind: .visit, time: time, text: "Bevis Marks, London EC3A 5DQ",
                  latitude: 51.5143, longitude: -0.0790, place: "Bevis Marks Synagogue", position: .record(0, pointer: "/timelineObjects/0")),
            Event(source: "google.semantic_location", kind: .visit, time: time, place: "Church Street Car Park", position: .record(1)),
            Event(source: "google.my_activity", kind: .search, time: time, text: "arbeitslos melden online", position: .record(2)),
            Event(source: "google.my_activity", kind: .search, time: time, text: "food court near me", position: .record(3)),
        ]
        for event in events { session.process(event, path: "takeout.zip") }
        let findings = session.findings()
        XCTAssertEqual(findings.map(\.attribute), ["belief.religion", "work.unemployment"])
        XCTAssertEqual(findings.map(\.count), [1, 1])
        XCTAssertEqual(findings[0].evidence.first?.locator, "record 0 (/timelineObjects/0)")
    }
}
