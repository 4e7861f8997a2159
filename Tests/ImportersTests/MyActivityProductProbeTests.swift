import XCTest
@testable import Importers

final class MyActivityProductProbeTests: XCTestCase {
    func testJSONProductIsTheFirstStringOfTheFirstProductsList() {
        let head = Array(#"[{"header": "YouTube Music", "title": "Watched a", "products": [ "YouTube", "Search" ]}, {"products": ["Maps"]}]"#.utf8)
        XCTAssertEqual(MyActivityProductProbe.productInJSON(head[...]), "YouTube")
    }

    func testJSONWithoutProductsOrWithAnEscapedProductTellsNothing() {
        XCTAssertNil(MyActivityProductProbe.productInJSON(Array(#"[{"header": "Search", "title": "Searched for a"}]"#.utf8)[...]))
        XCTAssertNil(MyActivityProductProbe.productInJSON(Array(#"[{"products": ["Se\u0061rch"]}]"#.utf8)[...]))
        XCTAssertNil(MyActivityProductProbe.productInJSON(Array(#"[{"products": []}]"#.utf8)[...]))
    }

    func testHTMLProductIsTheFirstLineOfTheFirstCaptionWhateverTheLabelsLanguage() {
        let head = Array("""
            <html><style>.mdl-typography--caption{font-size:12px}</style><body>
            <div class="outer-cell mdl-cell"><div class="mdl-grid"><div class="header-cell mdl-cell"><p class="mdl-typography--title">Bildersuche<br></p></div>
            <div class="content-cell mdl-cell mdl-typography--body-1">Gesucht nach <a href="x">Katzen</a><br>30.05.2024, 15:37:18 MESZ</div>
            <div class="content-cell mdl-cell mdl-typography--caption"><b>Produkte:</b><br>&emsp;Search<br><b>Warum wird das angezeigt?</b></div></div></div>
            """.utf8)
        XCTAssertEqual(MyActivityProductProbe.productInHTML(head[...]), "Search")
    }

    func testHTMLWithoutACaptionTellsNothing() {
        let head = Array(#"<html><style>.mdl-typography--caption{font-size:12px}</style><div class="outer-cell">"#.utf8)
        XCTAssertNil(MyActivityProductProbe.productInHTML(head[...]))
    }
}

final class SemanticLocationMonthPartTests: XCTestCase {
    private func part(_ text: String) -> String? {
        SemanticLocationImporter().overlapPart(FileProbe(path: "2019_MARCH.json", head: Array(text.utf8), size: nil))
    }

    func testMonthIsTheUTCMonthOfTheFirstRecordsStartInEitherTimestampForm() {
        XCTAssertEqual(part(#"{"timelineObjects": [{"placeVisit": {"location": {"latitudeE7": 1}, "duration": {"startTimestamp": "2019-03-31T23:30:00.000Z", "endTimestamp": "2019-04-01T01:00:00Z"}}}]}"#), "2019-3")
        // 2019-03-31T23:30:00Z in milliseconds.
        XCTAssertEqual(part(#"{"timelineObjects": [{"activitySegment": {"duration": {"startTimestampMs": "1554075000000"}}}]}"#), "2019-3")
    }

    func testAFileWithoutAReadableStartTellsNothing() {
        XCTAssertNil(part(#"{"timelineObjects": []}"#))
        XCTAssertNil(part(#"{"timelineObjects": [{"placeVisit": {"duration": {"startTimestampMs": 1554075000000}}}]}"#))
    }
}
