import XCTest
import StewardCore
@testable import Rules

/// A place's lexicon terms meet a visit by its name and town with the street between them
/// left out (docs/rules.md, "Places by name and town").
final class PlaceNameAndTownTests: XCTestCase {
    private func appended(_ place: String) -> String {
        var folded = TextFolder.fold(place)
        let before = folded.count
        RuleMatcher.appendNameAndTown(of: place, to: &folded)
        return String(decoding: folded[before...], as: UTF8.self)
    }

    func testNameAndTownFollowTheFoldedPlaceWithoutStreetPostcodeOrDistrictNumber() {
        XCTAssertEqual(appended("Woody's, 467 Church Street, Toronto"), "\nwoody's toronto")
        XCTAssertEqual(appended("Deutsche Eiche, Reichenbachstraße 13, 80469 München"), "\ndeutsche eiche munchen")
        XCTAssertEqual(appended("La Ruche, 22 rue Gentil, Lyon 2e"), "\nla ruche lyon")
        XCTAssertEqual(appended("Le Déclic, Genève"), "\nle declic geneve")
    }

    func testRunsOfSpacesCollapseAndWordsWithDigitsOfAnyScriptAreLeftOutOfTheTown() {
        XCTAssertEqual(appended("  Café   Ñandú ,, Calle 5 ,  ７５００４   Paris  "), "\ncafe nandu paris")
    }

    func testAChineseTownWhoseCharactersAlsoNameNumbersIsATownNotANumber() {
        // 京 is also 10^16 and 三 three: only digits make a word a postcode or a house number
        // (folding joins Han words: no space between them).
        XCTAssertEqual(appended("老酒馆, 三里屯路19号, 北京 三环"), "\n老酒馆北京三环")
        XCTAssertEqual(appended("蓝调酒吧, 解放路８８号, 南京"), "\n蓝调酒吧南京")
    }

    func testNameAndTownAreFoldedAsOneTextSoAChineseTownJoinsItsNameAsInATerm() {
        // A term "destination 北京" folds to "destination北京": the appended name and town must
        // fold the same way, with no space kept between a Latin or Han name and a Han town.
        XCTAssertEqual(appended("Destination, 工体西路7号, 北京"), "\ndestination北京")
        XCTAssertEqual(appended("紀安德咖啡, 中山路3號, 台北"), "\n" + String(decoding: TextFolder.fold("紀安德咖啡台北"), as: UTF8.self))
        XCTAssertEqual(appended("Woody's, 467 Church Street, Toronto"), "\nwoody's toronto", "Latin words keep their space")
    }

    func testAPlaceWithoutACommaOrWithOnlyNumbersAfterItGetsNothing() {
        XCTAssertEqual(appended("Bar LL Chueca"), "")
        XCTAssertEqual(appended("Tresor, 10179"), "")
        XCTAssertEqual(appended(", Berlin"), "")
    }

    /// Whether a venue rule reading `lexicon` (file name, terms) fires on a visit to each place;
    /// the rule's own examples are the first place (positive) and the last (negative).
    private func venueRuleFires(lexicon: (file: String, terms: String), on places: [String]) throws -> [Bool] {
        let fixture = try RuleDirectoryFixture(files: [
            "lexicons/\(lexicon.file)": lexicon.terms,
            "signals/places.yaml": """
            rules:
              - id: health.alcohol.venue
                attribute: health.alcohol
                title: Venue
                confidence: 0.9
                match:
                  sources: [google.timeline]
                  kinds: [visit]
                  fields: [place]
                  lexicons: [places_bars]
                examples:
                  positive:
                    - {source: google.timeline, kind: visit, time: 2024-06-02, place: "\(places[0])"}
                  negative:
                    - {source: google.timeline, kind: visit, time: 2024-06-02, place: "\(places[places.count - 1])"}
            """,
        ])
        let session = InferenceSession(ruleSet: try RuleSet.load(directory: fixture.rulesDirectory))
        return places.map { place in
            session.process(Event(source: "google.timeline", kind: .visit, place: place, position: .line(1)), path: "t.json")
                .contains("health.alcohol.venue")
        }
    }

    func testAVenueTermWithItsTownFiresOnAVisitWithTheStreetBetween() throws {
        let fired = try venueRuleFires(lexicon: ("places_bars.en.txt", "woody's toronto\n"),
                                       on: ["Woody's, 467 Church Street, Toronto", "Woody's Toronto", "Woody's Hardware, Toronto Road, Ottawa"])
        XCTAssertEqual(fired, [true, true, false])
    }

    func testAChineseVenueTermWithItsTownFiresOnAVisitWithTheStreetBetween() throws {
        let fired = try venueRuleFires(lexicon: ("places_bars.zh.txt", "destination 北京\n老酒馆 北京\n"),
                                       on: ["Destination, 工体西路7号, 北京", "老酒馆, 三里屯路19号, 北京", "Destination, 淮海中路1号, 上海"])
        XCTAssertEqual(fired, [true, true, false])
    }
}
