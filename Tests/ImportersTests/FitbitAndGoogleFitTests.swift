import XCTest
@testable import Importers
@testable import StewardCore

/// Fitbit's Global Export Data (steps-/sleep-<date>.json) and Google Fit's Takeout daily
/// activity metrics, written here in their real layouts (docs/formats/health.md).
final class FitbitAndGoogleFitTests: XCTestCase {
    /// Minute steps as Fitbit writes them: string values, month/day/two-digit year.
    static let steps = """
    [{
      "dateTime" : "03/04/24 07:58:00",
      "value" : "0"
    },{
      "dateTime" : "03/04/24 07:59:00",
      "value" : "41"
    },{
      "dateTime" : "03/04/24 08:00:00",
      "value" : "96"
    },{
      "dateTime" : "03/04/24 08:01:00",
      "value" : "110"
    },{
      "dateTime" : "03/04/24 08:02:00",
      "value" : "0"
    },{
      "dateTime" : "03/04/24 09:00:00",
      "value" : "0"
    },{
      "dateTime" : "03/04/24 09:01:00",
      "value" : "0"
    },{
      "dateTime" : "03/04/24 25:00:00",
      "value" : "12"
    },{
      "dateTime" : "03/04/24 10:30:00",
      "value" : "99999"
    },{
      "dateTime" : "03/04/24 10:31:00",
      "value" : "57"
    }]
    """

    func testMinuteStepsAreSummedIntoHoursWithStepsAndBadMinutesSkipped() throws {
        let result = try parseAtAllChunkSizes({ FitbitExportParser(resource: .steps) }, Array(Self.steps.utf8))
        XCTAssertEqual(result.events.count, 3, "07:00, 08:00 and 10:00 have steps; 09:00 has none")
        XCTAssertEqual(result.skipped, 2, "an impossible hour and 99,999 steps in a minute")
        XCTAssertEqual(result.events.map(\.quantity), [41, 206, 57])
        XCTAssertEqual(result.events.map { $0.time?.iso8601 }, ["2024-03-04T07:00:00", "2024-03-04T08:00:00", "2024-03-04T10:00:00"])
        XCTAssertEqual(result.events[1].endTime?.iso8601, "2024-03-04T09:00:00")
        XCTAssertEqual(result.events[1].text, "206 steps in 3 minute records")
        XCTAssertEqual(result.events[1].position, .record(2, pointer: "/2"), "an hour points at its first minute")
        XCTAssertTrue(result.events.allSatisfy { $0.source == "fitbit.export" && $0.kind == .healthRecord && $0.code == "steps" && $0.product == "Fitbit" })
        XCTAssertTrue(result.issues.contains { $0.contains("is outside 0–1000 steps a minute") }, "\(result.issues)")
    }

    /// A stages log (with a short wake overlaid in `shortData`), a classic log and a log
    /// without levels.
    static let sleep = """
    [{
      "logId" : 45000000001,
      "dateOfSleep" : "2024-03-05",
      "startTime" : "2024-03-04T23:10:00.000",
      "endTime" : "2024-03-05T07:05:00.000",
      "duration" : 28500000,
      "minutesToFallAsleep" : 0,
      "minutesAsleep" : 450,
      "minutesAwake" : 25,
      "minutesAfterWakeup" : 0,
      "timeInBed" : 475,
      "efficiency" : 93,
      "type" : "stages",
      "infoCode" : 0,
      "logType" : "auto_detected",
      "levels" : {
        "summary" : {
          "deep" : { "count" : 3, "minutes" : 88, "thirtyDayAvgMinutes" : 80 },
          "wake" : { "count" : 3, "minutes" : 25, "thirtyDayAvgMinutes" : 40 },
          "light" : { "count" : 3, "minutes" : 258, "thirtyDayAvgMinutes" : 250 },
          "rem" : { "count" : 5, "minutes" : 104, "thirtyDayAvgMinutes" : 90 }
        },
        "data" : [{
          "dateTime" : "2024-03-04T23:10:00.000",
          "level" : "wake",
          "seconds" : 600
        },{
          "dateTime" : "2024-03-04T23:20:00.000",
          "level" : "light",
          "seconds" : 7200
        },{
          "dateTime" : "2024-03-05T01:20:00.000",
          "level" : "deep",
          "seconds" : 5280
        },{
          "dateTime" : "2024-03-05T02:48:00.000",
          "level" : "rem",
          "seconds" : 6240
        },{
          "dateTime" : "2024-03-05T04:32:00.000",
          "level" : "light",
          "seconds" : 8400
        },{
          "dateTime" : "2024-03-05T06:52:00.000",
          "level" : "wake",
          "seconds" : 780
        }],
        "shortData" : [{
          "dateTime" : "2024-03-05T00:10:00.000",
          "level" : "wake",
          "seconds" : 120
        }]
      },
      "mainSleep" : true
    },{
      "logId" : 45000000002,
      "dateOfSleep" : "2024-03-06",
      "startTime" : "2024-03-05T14:00:00.000",
      "endTime" : "2024-03-05T14:40:00.000",
      "minutesAsleep" : 30,
      "type" : "classic",
      "levels" : {
        "summary" : { "restless" : { "count" : 1, "minutes" : 10 }, "asleep" : { "count" : 1, "minutes" : 30 } },
        "data" : [{
          "dateTime" : "2024-03-05T14:00:00.000",
          "level" : "restless",
          "seconds" : 600
        },{
          "dateTime" : "2024-03-05T14:10:00.000",
          "level" : "asleep",
          "seconds" : 1800
        }]
      },
      "mainSleep" : false
    },{
      "logId" : 45000000003,
      "dateOfSleep" : "2024-03-07",
      "startTime" : "2024-03-06T23:00:00.000",
      "endTime" : "2024-03-07T06:00:00.000",
      "type" : "stages"
    }]
    """

    func testSleepStagesBecomeAsleepStretchesWithShortWakesCutOut() throws {
        let result = try parseAtAllChunkSizes({ FitbitExportParser(resource: .sleep) }, Array(Self.sleep.utf8))
        XCTAssertEqual(result.events.count, 6, "light cut in two by the short wake, deep, rem, light; classic asleep")
        XCTAssertEqual(result.skipped, 1, "the log without levels")
        XCTAssertTrue(result.issues.contains { $0.contains("sleep log without levels.data") }, "\(result.issues)")
        XCTAssertEqual(result.events.map(\.text), ["light", "light", "deep", "rem", "light", "asleep"])
        XCTAssertEqual(result.events[0].endTime?.iso8601, "2024-03-05T00:10:00")
        XCTAssertEqual(result.events[1].time?.iso8601, "2024-03-05T00:12:00")
        let main = result.events.prefix(5).reduce(Int64(0)) { $0 + $1.endTime!.epochSeconds - $1.time!.epochSeconds }
        XCTAssertEqual(main / 60, 450, "asleep minutes equal Fitbit's own minutesAsleep")
        XCTAssertEqual(result.events[5].product, "Fitbit (classic)")
        XCTAssertTrue(result.events.allSatisfy { $0.source == "fitbit.export" && $0.code == "sleep" })
    }

    func testFitbitFilesAreDetectedByNameAndShapeButOtherMinuteResourcesAreNot() {
        let importer = FitbitExportImporter()
        let stepsHead = Array(Self.steps.utf8), sleepHead = Array(Self.sleep.utf8)
        XCTAssertEqual(importer.detect(FileProbe(path: "Takeout/Fitbit/Global Export Data/steps-2024-03-04.json", head: stepsHead, size: nil))?.confidence, 0.95)
        XCTAssertNil(importer.detect(FileProbe(path: "Takeout/Fitbit/Global Export Data/calories-2024-03-04.json", head: stepsHead, size: nil)),
                     "calories have the same shape as steps")
        XCTAssertNil(importer.detect(FileProbe(path: "steps.json", head: stepsHead, size: nil)))
        XCTAssertEqual(importer.detect(FileProbe(path: "Fitbit/Global Export Data/sleep-2024-03-05.json", head: sleepHead, size: nil))?.confidence, 0.95)
        XCTAssertEqual(importer.detect(FileProbe(path: "my-nights.json", head: sleepHead, size: nil))?.confidence, 0.85)
        if case .success(let found) = ImporterRegistry.detect(FileProbe(path: "Takeout/Fitbit/Global Export Data/steps-2024-03-04.json", head: stepsHead, size: nil)) {
            XCTAssertEqual(found.importer.id, "fitbit.export")
        } else { XCTFail("steps file not detected") }
        XCTAssertTrue(importer.makeParser(for: FileProbe(path: "x/steps-2024-03-04.json", head: stepsHead, size: nil)) is FitbitExportParser)
    }

    func testFitbitMinuteTimes() {
        XCTAssertEqual(FitbitExportParser.minuteTime("12/31/23 23:59:00")?.iso8601, "2023-12-31T23:59:00")
        XCTAssertNil(FitbitExportParser.minuteTime("02/30/24 10:00:00"))
        XCTAssertNil(FitbitExportParser.minuteTime("2024-03-04 10:00:00"))
    }

    // MARK: Google Fit

    static let fitHeader = "Start time,End time,Move Minutes count,Calories (kcal),Distance (m),Heart Points,Heart Minutes,Average heart rate (bpm),Max heart rate (bpm),Min heart rate (bpm),Low latitude (deg),Low longitude (deg),High latitude (deg),High longitude (deg),Average speed (m/s),Max speed (m/s),Min speed (m/s),Step count,Average weight (kg),Max weight (kg),Min weight (kg),Walking duration (ms)"

    /// One day's file: intervals without steps (empty cells), with steps, a bad count, and the
    /// last interval ending at 00:00.
    static let fitDay = fitHeader + "\r\n" + """
    00:00:00.000+01:00,00:15:00.000+01:00,,18.2,,,,,,,,,,,,,,,,,,\r
    08:00:00.000+01:00,08:15:00.000+01:00,9,60.1,812.4,9,9,,,,52.51,13.39,52.52,13.41,1.4,2.1,0.9,1104,,,,540000\r
    08:15:00.000+01:00,08:30:00.000+01:00,4,35.0,301.0,,,,,,,,,,,,,436,,,,240000\r
    12:00:00.000+01:00,12:15:00.000+01:00,,20.0,,,,,,,,,,,,,,lots,,,,\r
    23:45:00.000+01:00,00:00:00.000+01:00,,12.0,30.0,,,,,,,,,,,,,52,,,,30000\r

    """

    static let fitSummary = """
    Date,Move Minutes count,Calories (kcal),Distance (m),Heart Points,Heart Minutes,Average heart rate (bpm),Max heart rate (bpm),Min heart rate (bpm),Median heart rate (bpm),Low latitude (deg),Low longitude (deg),High latitude (deg),High longitude (deg),Average speed (m/s),Max speed (m/s),Min speed (m/s),Step count,Average weight (kg),Max weight (kg),Min weight (kg),Walking duration (ms)
    2024-03-04,13,1830.5,1143.4,9,9,,,,,,,,,,,,1592,,,,810000
    2024-03-05,0,1702.2,,,,,,,,,,,,,,,,,,,
    2024-13-01,1,1700.0,,,,,,,,,,,,,,,10,,,,

    """

    func testGoogleFitDayFileIntervalsWithStepsBecomeRecordsOnTheFileDate() throws {
        let name = "Takeout/Fit/Daily activity metrics/2024-03-04.csv"
        let result = try parseAtAllChunkSizes({ GoogleFitImporter().makeParser(for: FileProbe(path: name, head: [], size: nil)) },
                                              Array(Self.fitDay.utf8))
        XCTAssertEqual(result.events.count, 3)
        XCTAssertEqual(result.skipped, 1, "the unreadable step count")
        XCTAssertEqual(result.events.map(\.quantity), [1104, 436, 52])
        XCTAssertEqual(result.events[0].time?.iso8601, "2024-03-04T08:00:00+01:00")
        XCTAssertEqual(result.events[2].endTime?.iso8601, "2024-03-05T00:00:00+01:00", "the last interval ends at the next midnight")
        XCTAssertTrue(result.events.allSatisfy { $0.source == "google.fit" && $0.code == "Step count" && $0.product == "Google Fit" })
    }

    func testGoogleFitSummaryRowsBecomeDailyTotalsAndRowsWithoutStepsEmitNothing() throws {
        let name = "Takeout/Fit/Daily activity metrics/Daily activity metrics.csv"
        let result = try parseAtAllChunkSizes({ GoogleFitImporter().makeParser(for: FileProbe(path: name, head: [], size: nil)) },
                                              Array(Self.fitSummary.utf8))
        XCTAssertEqual(result.events.count, 1)
        XCTAssertEqual(result.skipped, 1, "month 13")
        XCTAssertEqual(result.events[0].quantity, 1592)
        XCTAssertEqual(result.events[0].time?.iso8601, "2024-03-04T00:00:00")
        XCTAssertEqual(result.events[0].product, "Google Fit (daily total)")
    }

    func testGoogleFitIntervalsInARenamedFileAreSkippedWithAReason() throws {
        let result = try parseAtAllChunkSizes({ GoogleFitImporter().makeParser(for: FileProbe(path: "fit.csv", head: [], size: nil)) },
                                              Array(Self.fitDay.utf8))
        XCTAssertEqual(result.events.count, 0)
        XCTAssertEqual(result.skipped, 4)
        XCTAssertTrue(result.issues.contains { $0.contains("not named by its date") }, "\(result.issues)")
    }

    func testGoogleFitIsDetectedByItsMetricColumnsNotByAStepsColumnAlone() {
        let importer = GoogleFitImporter()
        XCTAssertEqual(importer.detect(FileProbe(path: "Takeout/Fit/Daily activity metrics/2024-03-04.csv", head: Array(Self.fitDay.utf8), size: nil))?.confidence, 0.95)
        XCTAssertEqual(importer.detect(FileProbe(path: "Downloads/summary.csv", head: Array(Self.fitSummary.utf8), size: nil))?.confidence, 0.85)
        XCTAssertNil(importer.detect(FileProbe(path: "pedometer.csv", head: Array("Date,Step count\n2024-03-04,1000\n".utf8), size: nil)))
        if case .success(let found) = ImporterRegistry.detect(FileProbe(path: "Takeout/Fit/Daily activity metrics/2024-03-04.csv", head: Array(Self.fitDay.utf8), size: nil)) {
            XCTAssertEqual(found.importer.id, "google.fit")
        } else { XCTFail("Google Fit day file not detected") }
    }
}
