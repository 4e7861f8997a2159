import XCTest
import StewardCore
@testable import Importers

/// Uber's `Rider/trips_data-0.csv` from "Download your data", in its real layout: fifteen
/// columns, times as `2024-03-01 22:41:07 +0000 UTC`, cancelled trips with zero coordinates
/// and the 1970 epoch as their times (values invented).
final class UberTripsTests: XCTestCase {
    static let header = "City,Product Type,Trip or Order Status,Request Time,Begin Trip Time,Begin Trip Lat,Begin Trip Lng,Begin Trip Address,Dropoff Time,Dropoff Lat,Dropoff Lng,Dropoff Address,Distance (miles),Fare Amount,Fare Currency"
    static let file = [
        header,
        #"London,UberX,COMPLETED,2024-03-01 22:35:10 +0000 UTC,2024-03-01 22:41:07 +0000 UTC,51.5131,-0.1245,"Covent Garden, London WC2E, UK",2024-03-01 23:05:44 +0000 UTC,51.5362,-0.1030,"Upper Street, London N1, UK",3.10,14.52,GBP"#,
        #"London,UberX,CANCELED,2024-03-02 08:00:00 +0000 UTC,1970-01-01 00:00:00 +0000 UTC,0,0,,1970-01-01 00:00:00 +0000 UTC,0,0,,0.00,5.00,GBP"#,
        #"London,Pool: MATCHED,FARE_SPLIT,2024-03-03 01:50:00 +0000 UTC,2024-03-03 01:55:00 +0000 UTC,51.5108,-0.1300,"Grosvenor Casino, Leicester Square, London WC2H, UK",2024-03-03 02:20:31 +0000 UTC,51.5364,-0.1033,"Upper Street, London N1, UK",3.40,8.10,GBP"#,
        #"Paris,UberX,COMPLETED,2024-04-10 09:00:00 +0000 UTC,2024-04-10 09:04:00 +0000 UTC,48.8566,2.3522,"Rue de Rivoli, Paris",2024-04-10 09:30:00 +0000 UTC,,,,4.00,18.00,EUR"#,
        #"Paris,UberX,COMPLETED,2024-04-11 09:00:00 +0000 UTC,soon,48.8566,2.3522,"Rue de Rivoli, Paris",2024-04-11 09:30:00 +0000 UTC,,,,4.00,18.00,EUR"#,
    ].joined(separator: "\n") + "\n"

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "uber.trips", chunkSize: chunkSize)
    }

    func testCompletedTripsAreVisitsAtBothEndsAndCancelledTripsAreCounted() throws {
        for size in [1, 23, 64 * 1024] {
            let r = try parse(Self.file, path: "Uber Data/Rider/trips_data-0.csv", chunkSize: size)
            XCTAssertEqual(r.events.count, 5, "chunk \(size)")
            XCTAssertEqual(r.events.map { $0.code ?? "" }, ["pickup", "dropoff", "pickup", "dropoff", "pickup"])
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .visit && $0.source == "uber.trips" && $0.counterparty == "Uber" })
            XCTAssertEqual(r.events[0].time?.iso8601, "2024-03-01T22:41:07Z")
            XCTAssertEqual(r.events[1].time?.iso8601, "2024-03-01T23:05:44Z")
            XCTAssertEqual(r.events[1].latitude, 51.5362)
            XCTAssertEqual(r.events[1].longitude, -0.1030)
            XCTAssertEqual(r.events[1].place, "Upper Street, London N1, UK")
            XCTAssertEqual(r.events[2].place, "Grosvenor Casino, Leicester Square, London WC2H, UK")
            XCTAssertEqual(r.events[2].product, "Pool: MATCHED")
            XCTAssertEqual(r.events[0].position.line, 2)
            XCTAssertNil(r.events.first { $0.amount != nil }, "fares are not read")
            XCTAssertEqual(r.sink.skippedCount, 1, "chunk \(size): the trip whose pickup time is 'soon' and whose drop-off has no position")
            XCTAssertTrue(r.sink.errors.contains("line 6 record 4: unreadable pickup time (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 trip(s) that were cancelled or never completed were not read"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 trip(s) with only one readable end: the other end was left out"), "\(r.sink.issues)")
        }
    }

    func testTimesInUbersFormAndISO() {
        XCTAssertEqual(UberTripRowMapper.parseTime("2024-03-01 22:41:07 +0000 UTC")?.iso8601, "2024-03-01T22:41:07Z")
        XCTAssertEqual(UberTripRowMapper.parseTime("2024-03-01 22:41:07 -0500")?.iso8601, "2024-03-01T22:41:07-05:00")
        XCTAssertEqual(UberTripRowMapper.parseTime("2024-03-01T22:41:07.000Z")?.iso8601, "2024-03-01T22:41:07Z")
        XCTAssertNil(UberTripRowMapper.parseTime("2024-03-01"), "a date is no time of a ride's end")
    }

    func testDetectedByTheTripColumnsNotByName() {
        let head = Array(Self.file.utf8)
        XCTAssertEqual(UberTripsImporter().detect(FileProbe(path: "trips_data-0.csv", head: head, size: nil))?.confidence, 0.95)
        XCTAssertEqual(UberTripsImporter().detect(FileProbe(path: "rides.csv", head: head, size: nil))?.confidence, 0.9)
        let bank = "Date,Description,Amount\n2024-03-01,UBER *TRIP HELP.UBER.COM,-14.52\n"
        XCTAssertNil(UberTripsImporter().detect(FileProbe(path: "trips_data.csv", head: Array(bank.utf8), size: nil)))
    }
}
