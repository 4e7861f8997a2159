import Foundation
import XCTest
@testable import Rules
import StewardCore

/// The overlap key, ledger and gate behind counting a record met in two inputs once
/// (docs/duplicates.md).
final class OverlapLedgerTests: XCTestCase {
    func testXXH64MatchesTheReferenceVectors() {
        XCTAssertEqual(ContentHash.of([]), 0xEF46_DB37_51D8_E999)
        XCTAssertEqual(ContentHash.of(Array("a".utf8)), 0xD24E_C4F1_A98C_6E5B)
        XCTAssertEqual(ContentHash.of(Array("abc".utf8)), 0x44BC_2CF5_AD77_0999)
    }

    /// Seeded: the seed is in every failure message, and STEWARD_TEST_SEED replays it.
    func testStreamedHashDoesNotDependOnChunking() {
        let seed = ProcessInfo.processInfo.environment["STEWARD_TEST_SEED"].flatMap { UInt64($0) } ?? 0x0C4A_11CE
        var generator = SplitMix64(seed: seed)
        let bytes = (0..<1000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let whole = ContentHash.of(bytes)
        for chunk in [1, 3, 31, 32, 33, 64, 999] {
            var hash = ContentHash()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunk)
                bytes[start..<end].withUnsafeBytes { hash.update($0) }
                start = end
            }
            XCTAssertEqual(hash.digest, whole, "chunk \(chunk) (replay with STEWARD_TEST_SEED=\(seed))")
        }
    }

    private func transaction(_ source: String, day: Int, hour: Int = 0, amount: Int64, name: String, currency: String? = nil) -> Event {
        Event(source: source, kind: .transaction, time: Timestamp(year: 2025, month: 3, day: day, hour: hour),
              text: name, amount: Money(units: amount, scale: 2, currency: currency))
    }

    func testBankKeyIsDayAmountAndTheLettersOfTheCounterparty() {
        let csv = transaction("bank.csv", day: 2, amount: -2000, name: "BET365 DEPOSIT 4471")
        let ofx = transaction("bank.ofx", day: 2, hour: 21, amount: -20_000 / 10, name: "Bet365 deposit", currency: "GBP")
        XCTAssertEqual(OverlapKey.of(csv), OverlapKey.of(ofx))
        XCTAssertNotEqual(OverlapKey.of(csv), OverlapKey.of(transaction("bank.csv", day: 3, amount: -2000, name: "BET365 DEPOSIT")))
        XCTAssertNotEqual(OverlapKey.of(csv), OverlapKey.of(transaction("bank.csv", day: 2, amount: -2001, name: "BET365 DEPOSIT")))
        XCTAssertNotEqual(OverlapKey.of(csv), OverlapKey.of(transaction("bank.csv", day: 2, amount: -2000, name: "Tesco")))
        // Another family of sources never merges with a bank.
        XCTAssertNotEqual(OverlapKey.of(csv), OverlapKey.of(transaction("paypal.csv", day: 2, amount: -2000, name: "BET365 DEPOSIT")))
    }

    func testLocationKeyIsTheSecondAndThePositionToFourDecimals() {
        let time = Timestamp(epochSeconds: 1_740_000_000)
        let records = Event(source: "google.location_records", kind: .location, time: time, latitude: 53.4449400, longitude: -2.2298600)
        let timeline = Event(source: "google.timeline", kind: .location, time: time, latitude: 53.444941, longitude: -2.229861)
        XCTAssertEqual(OverlapKey.of(records), OverlapKey.of(timeline))
        let later = Event(source: "google.timeline", kind: .location, time: Timestamp(epochSeconds: 1_740_000_001),
                          latitude: 53.44494, longitude: -2.22986)
        XCTAssertNotEqual(OverlapKey.of(records), OverlapKey.of(later))
    }

    func testAFixOfARunInAStravaGPXAndInAGarminFITShareAKeyAndAreChecked() {
        let time = Timestamp(epochSeconds: 1_740_000_000)
        let gpx = Event(source: "gpx.track", kind: .location, time: time, latitude: 51.50720, longitude: -0.12760)
        let fit = Event(source: "fit.activity", kind: .location, time: time, latitude: 51.507201, longitude: -0.127601)
        XCTAssertEqual(OverlapKey.of(gpx), OverlapKey.of(fit))
        let gate = OverlapGate(inputSources: ["gpx.track", "fit.activity"])
        XCTAssertTrue(gate.checks(source: "fit.activity", kind: .location, path: "#0"), "two activity formats of one family are checked")
        XCTAssertTrue(gate.checks(source: "tcx.activity", kind: .location, path: "#0"))
    }

    func testSnapchatHTMLAndJSONOfOneDownloadAreOneFamilyAndTheirFixesAreChecked() {
        // Both importers' events carry `snapchat.data`; the inputs are told apart by importer id.
        XCTAssertEqual(OverlapKey.family(of: "snapchat.data_html"), OverlapKey.family(of: "snapchat.data"))
        let gate = OverlapGate(inputSources: ["snapchat.data", "snapchat.data_html"])
        XCTAssertTrue(gate.checks(source: "snapchat.data_html", kind: .location, path: "html/location_history.html"))
        XCTAssertTrue(gate.checks(source: "snapchat.data", kind: .visit, path: "json/location_history.json"))
    }

    func testPhotoExifAndItsGooglePhotosSidecarShareAKey() {
        let time = Timestamp(epochSeconds: 1_559_376_900, utcOffsetSeconds: 7200)
        let exif = Event(source: "photo.exif", kind: .photo, time: time, text: "GPS 48.858400, 2.294500",
                         title: "Photo · Google Pixel 3", latitude: 48.8584, longitude: 2.2945, product: "Google Pixel 3")
        let sidecar = Event(source: "google.photos_sidecar", kind: .photo, time: Timestamp(epochSeconds: 1_559_376_900, utcOffsetSeconds: 0),
                            text: "GPS 48.858400, 2.294500", title: "Photo", latitude: 48.858401, longitude: 2.294502, product: "Google Photos")
        XCTAssertEqual(OverlapKey.of(exif), OverlapKey.of(sidecar), "one photo, two descriptions of it")
        var elsewhere = sidecar
        elsewhere.latitude = 48.86
        XCTAssertNotEqual(OverlapKey.of(exif), OverlapKey.of(elsewhere))
        // A location fix at the same second and place is not the photo.
        let fix = Event(source: "google.location_records", kind: .location, time: time, latitude: 48.8584, longitude: 2.2945)
        XCTAssertNotEqual(OverlapKey.of(fix), OverlapKey.of(exif))
    }

    func testLedgerCountsARecordOnceAcrossInputsAndReportsTheInputs() {
        let ledger = OverlapLedger()
        XCTAssertEqual(ledger.claim(key: 7, rules: [1], input: "a.csv", primary: true), .new)
        XCTAssertEqual(ledger.claim(key: 7, rules: [1, 4], input: "b.ofx", primary: true), .seen(previous: [1], union: [1, 4]))
        XCTAssertEqual(ledger.claim(key: 7, rules: [1], input: "c.csv", primary: true), .seen(previous: [1, 4], union: [1, 4]))
        XCTAssertEqual(ledger.claim(key: 8, rules: [2], input: "a.csv", primary: true), .new)
        XCTAssertEqual(ledger.mergedRecords(), [.init(inputs: ["a.csv", "b.ofx", "c.csv"], records: 1)])
    }

    func testFullLedgerCountsWithoutACheckAndSaysHowMany() {
        let ledger = OverlapLedger(capacity: 2)
        XCTAssertEqual(ledger.claim(key: 1, rules: [0], input: "a", primary: true), .new)
        XCTAssertEqual(ledger.claim(key: 2, rules: [0], input: "a", primary: true), .new)
        XCTAssertEqual(ledger.claim(key: 3, rules: [0], input: "b", primary: true), .unchecked)
        XCTAssertEqual(ledger.claim(key: 4, rules: [0], input: "b", primary: false), .unchecked)
        XCTAssertEqual(ledger.unchecked, 1)
        XCTAssertEqual(ledger.summary(identicalFiles: []).uncheckedRecords, 1)
    }

    func testGateAdmitsARecordFromItsFirstInputOnlyAndStaysBounded() {
        let gate = OverlapGate(capacity: 16 * 2)
        let a = gate.inputId("a/Records.json"), b = gate.inputId("b/Records.json")
        XCTAssertTrue(gate.admits(key: 16, input: a))
        XCTAssertTrue(gate.admits(key: 16, input: a), "a repeat inside one input is that input's own business")
        XCTAssertFalse(gate.admits(key: 16, input: b))
        XCTAssertEqual(gate.mergedRecords(), [.init(inputs: ["a/Records.json", "b/Records.json"], records: 1)])
        // Keys 0, 16, 32, … share a shard of two entries: the third is admitted unchecked.
        XCTAssertTrue(gate.admits(key: 32, input: a))
        XCTAssertTrue(gate.admits(key: 48, input: a))
        XCTAssertTrue(gate.admits(key: 48, input: b))
        XCTAssertEqual(gate.unchecked, 2)
    }

    func testGateRemembersEveryKeyAcrossItsTablesGrowth() {
        let gate = OverlapGate(capacity: 100_000)
        let a = gate.inputId("a/track.gpx"), b = gate.inputId("b/track.gpx")
        // Consecutive numbers, as tests and weak hashes give: they differ only in low bits.
        for key in UInt64(0)..<20_000 { XCTAssertTrue(gate.admits(key: key, input: a)) }
        var admittedFromB = 0
        for key in UInt64(0)..<20_000 where gate.admits(key: key, input: b) { admittedFromB += 1 }
        XCTAssertEqual(admittedFromB, 0)
        XCTAssertEqual(gate.mergedRecords(), [.init(inputs: ["a/track.gpx", "b/track.gpx"], records: 20_000)])
        XCTAssertTrue(gate.admits(key: 20_000, input: b), "a key no input delivered before is admitted")
        XCTAssertEqual(gate.unchecked, 0)
    }

    func testGateAdmitsRecordsOfInputsBeyondWhatASlotCanNameAsUnchecked() {
        let gate = OverlapGate(capacity: 1_000)
        for i in 0..<65_535 { _ = gate.inputId("in/\(i).gpx") }
        let last = gate.inputId("in/last.gpx")
        XCTAssertEqual(last, 65_535)
        XCTAssertTrue(gate.admits(key: 7, input: last))
        XCTAssertTrue(gate.admits(key: 7, input: last))
        XCTAssertEqual(gate.unchecked, 2)
        XCTAssertTrue(gate.admits(key: 7, input: 0))
        XCTAssertFalse(gate.admits(key: 7, input: 1))
    }

    func testGateChecksOnlyKindsThatTwoInputsOfOneFamilyCanDeliver() {
        // One Takeout: one Records.json, a dozen Semantic Location History months, one CSV.
        let takeout = OverlapGate(inputSources: ["google.location_records", "bank.csv", "google.my_activity"]
                                  + Array(repeating: "google.semantic_location", count: 12))
        XCTAssertFalse(takeout.checks(source: "google.location_records", kind: .location, path: "#0"))
        XCTAssertTrue(takeout.checks(source: "google.semantic_location", kind: .visit, path: "#3"))
        XCTAssertFalse(takeout.checks(source: "bank.csv", kind: .transaction, path: "#1"))
        XCTAssertFalse(takeout.checks(source: "google.my_activity", kind: .search, path: "#2"), "searches are the ledger's")
        // Records.json beside the phone's Timeline export, a CSV beside an OFX.
        let both = OverlapGate(inputSources: ["google.location_records", "google.timeline", "bank.csv", "bank.ofx"])
        XCTAssertTrue(both.checks(source: "google.location_records", kind: .location, path: "#0"))
        XCTAssertTrue(both.checks(source: "bank.ofx", kind: .transaction, path: "#3"))
        // An input whose content is only known when it is read (a .tgz): everything is checked.
        let unknown = OverlapGate(inputSources: ["google.location_records", nil])
        XCTAssertTrue(unknown.checks(source: "google.location_records", kind: .location, path: "#0"))
    }

    func testGateLeavesOutSemanticMonthFilesThatNoOtherInputHolds() {
        // One Takeout: three month files, each of its own month.
        let months = ["2019-1", "2019-2", "2019-3"].map {
            OverlapInput(source: "google.semantic_location", path: "t/" + $0 + ".json", part: $0)
        }
        let lone = OverlapGate(inputs: months)
        for month in months {
            XCTAssertFalse(lone.checks(source: "google.semantic_location", kind: .visit, path: month.path))
        }
        // A second download holding March again: both March files are checked, the others not.
        let twice = OverlapGate(inputs: months + [OverlapInput(source: "google.semantic_location", path: "u/2019-3.json", part: "2019-3")])
        XCTAssertFalse(twice.checks(source: "google.semantic_location", kind: .visit, path: "t/2019-1.json"))
        XCTAssertTrue(twice.checks(source: "google.semantic_location", kind: .visit, path: "t/2019-3.json"))
        XCTAssertTrue(twice.checks(source: "google.semantic_location", kind: .visit, path: "u/2019-3.json"))
        // The phone's Timeline export may hold any month's visits.
        let phone = OverlapGate(inputs: months + [OverlapInput(source: "google.timeline", path: "Timeline.json")])
        XCTAssertTrue(phone.checks(source: "google.semantic_location", kind: .visit, path: "t/2019-1.json"))
        XCTAssertTrue(phone.checks(source: "google.timeline", kind: .visit, path: "Timeline.json"))
    }

    func testLedgerEntersOnlyFamiliesThatTwoInputsCanDeliver() {
        // One Takeout with one search history and one browser history, beside a CSV and an OFX.
        let lone = OverlapLedger(gate: OverlapGate(), inputSources: ["google.my_activity", "google.chrome_history", "bank.csv", "bank.ofx"])
        XCTAssertFalse(lone.claims(source: "google.my_activity", kind: .search, path: "#0"), "one search history cannot hold a search twice")
        XCTAssertFalse(lone.claims(source: "google.chrome_history", kind: .pageView, path: "#1"))
        XCTAssertTrue(lone.claims(source: "bank.ofx", kind: .transaction, path: "#3"), "a CSV and an OFX of one account can")
        // The same Takeout downloaded twice: its search history is delivered by two inputs.
        let twice = OverlapLedger(gate: OverlapGate(), inputSources: ["google.my_activity", "google.my_activity_html"])
        XCTAssertTrue(twice.claims(source: "google.my_activity_html", kind: .search, path: "#1"))
        // An input whose content is only known when it is read (a .tgz): everything is entered.
        let unknown = OverlapLedger(gate: OverlapGate(), inputSources: ["google.my_activity", nil])
        XCTAssertTrue(unknown.claims(source: "google.my_activity", kind: .search, path: "#0"))
        XCTAssertTrue(OverlapLedger().claims(source: "google.my_activity", kind: .search, path: "a"), "a ledger told nothing enters everything")
    }

    func testLedgerLeavesOutAMyActivityFileWhoseProductNoOtherInputHolds() {
        // One Takeout: a search history and a YouTube history are two inputs of one family.
        let lone = OverlapLedger(gate: OverlapGate(), inputs: [
            OverlapInput(source: "google.my_activity", path: "t/Search/MyActivity.json", part: "Search"),
            OverlapInput(source: "google.my_activity", path: "t/history/watch-history.json", part: "YouTube"),
        ])
        XCTAssertFalse(lone.claims(source: "google.my_activity", kind: .search, path: "t/Search/MyActivity.json"))
        XCTAssertFalse(lone.claims(source: "google.my_activity", kind: .search, path: "t/history/watch-history.json"))
        // A second download's search history (here as HTML) can hold the same searches.
        let twice = OverlapLedger(gate: OverlapGate(), inputs: [
            OverlapInput(source: "google.my_activity", path: "t/Search/MyActivity.json", part: "Search"),
            OverlapInput(source: "google.my_activity", path: "t/history/watch-history.json", part: "YouTube"),
            OverlapInput(source: "google.my_activity_html", path: "u/Search/MyActivity.html", part: "Search"),
        ])
        XCTAssertTrue(twice.claims(source: "google.my_activity", kind: .search, path: "t/Search/MyActivity.json"))
        XCTAssertTrue(twice.claims(source: "google.my_activity", kind: .search, path: "u/Search/MyActivity.html"))
        XCTAssertFalse(twice.claims(source: "google.my_activity", kind: .search, path: "t/history/watch-history.json"))
        // A file whose head did not tell its product may hold any product's records.
        let unsure = OverlapLedger(gate: OverlapGate(), inputs: [
            OverlapInput(source: "google.my_activity", path: "t/Search/MyActivity.json", part: "Search"),
            OverlapInput(source: "google.my_activity", path: "t/history/watch-history.json", part: "YouTube"),
            OverlapInput(source: "google.my_activity", path: "v/MyActivity.json", part: nil),
        ])
        XCTAssertTrue(unsure.claims(source: "google.my_activity", kind: .search, path: "t/Search/MyActivity.json"))
        XCTAssertTrue(unsure.claims(source: "google.my_activity", kind: .search, path: "t/history/watch-history.json"))
        XCTAssertTrue(unsure.claims(source: "google.my_activity", kind: .search, path: "v/MyActivity.json"))
    }
}
