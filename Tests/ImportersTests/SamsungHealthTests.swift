import XCTest
import StewardCore
@testable import Importers

/// Samsung Health's "Download personal data" CSVs as the app writes them: a data-type line
/// (type, version, column count) before the header, a comma ending the header and every row,
/// day totals at the day's midnight in epoch milliseconds and sleep times in UTC with the
/// wearer's offset beside them (values invented).
final class SamsungHealthTests: XCTestCase {
    static let stepTrend = """
    com.samsung.shealth.step_daily_trend,6315002,13
    binning_data,update_time,create_time,source_pkg_name,count,speed,distance,calorie,deviceuuid,source_type,day_time,pkg_name,datauuid,
    ,2024-03-06 23:59:00.000,2024-03-06 08:00:00.000,com.sec.android.app.shealth,16240,1.3,12000.5,600.2,VfS0qUERdZ,-2,1709683200000,com.sec.android.app.shealth,d-1,
    ,2024-03-06 23:59:00.000,2024-03-06 08:00:00.000,com.sec.android.app.shealth,12100,1.2,9100.0,450.0,Wt7aB9xYzQ,4,1709683200000,com.sec.android.app.shealth,d-2,
    ,2024-03-07 12:00:00.000,2024-03-07 08:00:00.000,com.sec.android.app.shealth,9000,1.1,6500.0,300.0,VfS0qUERdZ,-2,1709769600000,com.sec.android.app.shealth,d-3,
    ,2024-03-07 23:59:00.000,2024-03-07 08:00:00.000,com.sec.android.app.shealth,9500,1.1,6800.0,310.0,VfS0qUERdZ,-2,1709769600000,com.sec.android.app.shealth,d-4,
    ,2024-03-08 23:59:00.000,2024-03-08 08:00:00.000,com.sec.android.app.shealth,7000,1.1,5000.0,250.0,VfS0qUERdZ,-2,yesterday,com.sec.android.app.shealth,d-5,
    ,2024-03-08 23:59:00.000,2024-03-08 08:00:00.000,com.sec.android.app.shealth,lots,1.1,5000.0,250.0,VfS0qUERdZ,-2,1709856000000,com.sec.android.app.shealth,d-6,
    ,2024-03-09 23:59:00.000,2024-03-09 08:00:00.000,com.sec.android.app.shealth,250000,1.1,5000.0,250.0,VfS0qUERdZ,-2,1709942400000,com.sec.android.app.shealth,d-7,

    """

    static let sleep = """
    com.samsung.shealth.sleep,7006003,9
    extra_data,sleep_score,sleep_duration,com.samsung.health.sleep.start_time,com.samsung.health.sleep.end_time,com.samsung.health.sleep.time_offset,com.samsung.health.sleep.deviceuuid,com.samsung.health.sleep.datauuid,
    ,82,475,2024-03-06 22:10:00.000,2024-03-07 06:05:00.000,UTC+0100,VfS0qUERdZ,s-1,
    ,70,300,2024-03-08 01:00:00.000,2024-03-08 06:00:00.000,UTC-0530,VfS0qUERdZ,s-2,
    ,,,2024-03-09 23:00:00.000,2024-03-09 22:00:00.000,UTC+0100,VfS0qUERdZ,s-3,
    ,,,2024-03-10 23:00:00.000,,UTC+0100,VfS0qUERdZ,s-4,
    ,,,2024-03-11 23:00:00.000,2024-03-12 06:00:00.000,CET,VfS0qUERdZ,s-5,

    """

    static let pedometer = """
    com.samsung.shealth.tracker.pedometer_day_summary,6315002,6
    create_time,step_count,distance,deviceuuid,day_time,datauuid,
    2024-03-06 08:00:00.000,15100,11000.0,VfS0qUERdZ,1709683200000,p-1,
    2024-03-06 08:00:00.000,3100,2000.0,Wt7aB9xYzQ,1709683200000,p-2,

    """

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "samsung.health", chunkSize: chunkSize)
    }

    func testDailyStepTrendIsThreeDayTotalsPerSourceWithARewrittenDayKeptAtItsLargestAndThreeBadRowsSkipped() throws {
        for size in [1, 31, 64 * 1024] {
            let r = try parse(Self.stepTrend, path: "samsunghealth_alex_20240310/com.samsung.shealth.step_daily_trend.20240310120000.csv", chunkSize: size)
            XCTAssertEqual(r.events.map(\.quantity), [16240, 12100, 9500], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.product), ["Samsung Health (all devices)", "Samsung Health (source 4)", "Samsung Health (all devices)"])
            XCTAssertEqual(r.events.map(\.code), ["steps", "steps", "steps"])
            XCTAssertEqual(r.events[0].time?.iso8601, "2024-03-06T00:00:00")
            XCTAssertEqual(r.events[2].position.line, 6, "the row with the day's largest count")
            XCTAssertEqual(r.sink.skippedCount, 3, "chunk \(size): 'yesterday', 'lots', 250000")
            XCTAssertTrue(r.sink.errors.contains("line 7 record 4: unreadable day_time (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 9 record 6: step count is outside 0–200000"), "\(r.sink.issues)")
        }
    }

    func testSleepIsTwoNightsOnTheWearersClockWithThreeBadRowsSkipped() throws {
        for size in [1, 29, 64 * 1024] {
            let r = try parse(Self.sleep, path: "com.samsung.shealth.sleep.20240312120000.csv", chunkSize: size)
            XCTAssertEqual(r.events.count, 2, "chunk \(size)")
            XCTAssertEqual(r.events[0].time?.iso8601, "2024-03-06T23:10:00+01:00")
            XCTAssertEqual(r.events[0].endTime?.iso8601, "2024-03-07T07:05:00+01:00")
            XCTAssertEqual(r.events[0].quantity, 28_500)
            XCTAssertEqual(r.events[0].title, "Sleep: 7 h 55 min")
            XCTAssertEqual(r.events[1].time?.iso8601, "2024-03-07T19:30:00-05:30")
            XCTAssertEqual(r.events.map(\.text), ["asleep", "asleep"])
            XCTAssertEqual(r.sink.skippedCount, 3, "chunk \(size)")
            XCTAssertTrue(r.sink.errors.contains("line 5 record 2: a sleep that ends before it starts or lasts over 24 hours"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 6 record 3: a sleep without a start or end time"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 7 record 4: unreadable time offset (text, not quoted)"), "\(r.sink.issues)")
        }
    }

    func testPedometerDaySummaryIsOneTotalPerDevice() throws {
        let r = try parse(Self.pedometer, path: "com.samsung.shealth.tracker.pedometer_day_summary.20240310120000.csv", chunkSize: 64 * 1024)
        XCTAssertEqual(r.events.map(\.quantity), [15100, 3100])
        XCTAssertEqual(r.events.map(\.product), ["Samsung Health pedometer (device VfS0qUER)", "Samsung Health pedometer (device Wt7aB9xY)"])
        XCTAssertEqual(r.sink.skippedCount, 0)
    }

    func testDetectedByTheDataTypeLineAndOtherSamsungTypesAreNotClaimed() {
        let probe = { (text: String) in FileProbe(path: "x.csv", head: Array(text.utf8), size: nil) }
        XCTAssertEqual(SamsungHealthImporter().detect(probe(Self.stepTrend))?.confidence, 0.95)
        XCTAssertEqual(SamsungHealthImporter().detect(probe(Self.sleep))?.confidence, 0.95)
        let heart = "com.samsung.shealth.tracker.heart_rate,6313002,4\nheart_rate,start_time,end_time,time_offset,\n72,2024-03-06 08:00:00.000,2024-03-06 08:01:00.000,UTC+0100,\n"
        XCTAssertNil(SamsungHealthImporter().detect(probe(heart)), "heart rate is not read")
        let noHeader = "com.samsung.shealth.step_daily_trend,6315002,13\nsomething,else\n"
        XCTAssertNil(SamsungHealthImporter().detect(probe(noHeader)), "the data-type line alone is not enough")
    }
}
