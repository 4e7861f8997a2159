import Foundation
import XCTest
import ZIPFoundation
@testable import Importers
import StewardCore
import HostileInputs
import Archives

/// Garmin's account data export (DI_CONNECT), on fixtures written in its layout: the
/// activity summaries, the daily summaries (UDSFile) and the sleep nights, and the export as a
/// zip with an uploaded original FIT file.
final class GarminConnectTests: XCTestCase {
    static let activities = """
        [{"summarizedActivitiesExport":[
        {"activityId":11000000001,"uuidMsb":1,"name":"Berlin Running","activityType":"running","userProfileId":7,"timeZoneId":124,"beginTimestamp":1709274600000,"eventTypeId":9,"rule":"private","sportType":"RUNNING","startTimeGmt":1709274600000.0,"startTimeLocal":1709278200000.0,"duration":1800000.0,"distance":520000.0,"elevationGain":3500.0,"avgHr":151.0,"calories":1400.0,"startLongitude":13.405,"startLatitude":52.52,"deviceId":3300000000,"manufacturer":"GARMIN","lapCount":6,"splitSummaries":[{"noOfSplits":1,"totalAscent":35.0}]},
        {"activityId":11000000002,"name":"Strength","activityType":"strength_training","sportType":"TRAINING","startTimeGmt":1709400000000.0,"duration":2700000.0,"distance":0.0,"deviceId":3300000000},
        {"activityId":11000000003,"name":"Drive home","activityType":{"typeKey":"driving_general"},"startTimeGmt":1709500000000.0,"duration":1200000.0,"startLatitude":0.0,"startLongitude":0.0},
        {"activityId":11000000004,"name":"Broken","activityType":"cycling","startTimeGmt":"soon"}
        ]}]
        """

    static let days = """
        [{"userProfilePK":7,"calendarDate":"2024-03-01","uuid":"a","durationInMilliseconds":86400000,"totalSteps":15321,"dailyStepGoal":7500,"totalDistanceMeters":12040,"wellnessStartTimeGmt":"2024-02-29T23:00:00.0","wellnessStartTimeLocal":"2024-03-01T00:00:00.0","restingHeartRate":52,"bodyBattery":{"chargedValue":60}},
        {"userProfilePK":7,"calendarDate":"2024-03-02","totalSteps":8200,"wellnessStartTimeGmt":"2024-03-01T23:00:00.0"},
        {"userProfilePK":7,"calendarDate":"2024-03-03","wellnessStartTimeGmt":"2024-03-02T23:00:00.0"},
        {"userProfilePK":7,"calendarDate":"2024-03-04","totalSteps":999999},
        {"userProfilePK":7,"calendarDate":{"date":"2024-03-05"},"totalSteps":16000}
        ]
        """

    static let sleep = """
        [{"sleepStartTimestampGMT":"2024-03-01T21:40:00.0","sleepEndTimestampGMT":"2024-03-02T05:50:00.0","calendarDate":"2024-03-02","sleepWindowConfirmationType":"ENHANCED_CONFIRMED_FINAL","deepSleepSeconds":5400,"lightSleepSeconds":16200,"remSleepSeconds":6600,"awakeSleepSeconds":1200,"unmeasurableSeconds":0,"averageRespiration":14.0,"spo2SleepSummary":{"averageSPO2":95},"sleepScores":{"overallScore":81}},
        {"sleepStartTimestampGMT":"2024-03-02T23:10:00.0","calendarDate":"2024-03-03","deepSleepSeconds":3600,"lightSleepSeconds":14400,"remSleepSeconds":3600},
        {"calendarDate":"2024-03-04","sleepWindowConfirmationType":"UNCONFIRMED"},
        {"sleepStartTimestampGMT":"2024-03-04T22:00:00.0","calendarDate":"2024-03-05","awakeSleepSeconds":600}
        ]
        """

    private func parse(_ kind: GarminConnectParser.Kind, _ text: String, chunk: Int = 64 * 1024) throws -> (EventCollector, [Event]) {
        var parser = GarminConnectParser(kind: kind)
        let collector = EventCollector()
        try parser.parseAll(Array(text.utf8), chunkSize: chunk, into: collector.sink)
        return (collector, collector.events)
    }

    func testActivitiesGiveThreeWorkoutsAndOneStartFixAndSkipTheUnreadableStart() throws {
        let (collector, events) = try parse(.activities, Self.activities)
        let workouts = events.filter { $0.kind == .healthRecord }
        XCTAssertEqual(workouts.map(\.code), ["running", "strength training", "driving general"])
        XCTAssertEqual(workouts[0].time?.iso8601, "2024-03-01T06:30:00Z")
        XCTAssertEqual(workouts[0].text, "Berlin Running · 30 min · 5.20 km")
        let fixes = events.filter { $0.kind == .location }
        XCTAssertEqual(fixes.count, 1, "0,0 is no position")
        XCTAssertEqual(fixes[0].latitude, 52.52)
        XCTAssertEqual(collector.sink.skippedCount, 1)
        XCTAssertEqual(collector.sink.errors.first?.hasPrefix("record 3 (/0/summarizedActivitiesExport/3)"), true, "\(collector.sink.errors)")
    }

    func testActivitiesInFiveByteChunksGiveTheSameFourEvents() throws {
        let (_, events) = try parse(.activities, Self.activities, chunk: 5)
        XCTAssertEqual(events.count, 4)
    }

    func testDailySummariesGiveThreeStepDaysSkipOneAndCountTheUnwornDay() throws {
        let (collector, events) = try parse(.dailySummaries, Self.days)
        XCTAssertEqual(events.map(\.quantity), [15321, 8200, 16000])
        XCTAssertEqual(events.map { $0.time?.iso8601 }, ["2024-03-01", "2024-03-02", "2024-03-05"].map { "\($0)T00:00:00" })
        XCTAssertEqual(collector.sink.skippedCount, 1)
        XCTAssertEqual(collector.sink.errors, ["record 3 (/3): totalSteps is outside 0–200000"])
        XCTAssertEqual(collector.sink.warnings, ["1 day(s) without a step count (watch not worn) were not read"])
    }

    func testSleepGivesTwoNightsWithTheirAsleepTotals() throws {
        let (collector, events) = try parse(.sleep, Self.sleep)
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events.map { $0.time?.iso8601 }, ["2024-03-01T21:40:00Z", "2024-03-02T23:10:00Z"])
        XCTAssertEqual(events.map { $0.endTime?.iso8601 }, ["2024-03-02T05:30:00Z", "2024-03-03T05:10:00Z"])
        XCTAssertEqual(events.map(\.text), ["asleep", "asleep"])
        XCTAssertEqual(collector.sink.skippedCount, 2)
    }

    func testDetectionTellsTheThreeFilesApartAndLeavesFitbitAlone() {
        let importer = GarminConnectImporter()
        XCTAssertEqual(importer.detect(FileProbe(path: "DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json", head: Array(Self.activities.utf8), size: nil))?.confidence, 0.95)
        XCTAssertEqual(importer.detect(FileProbe(path: "DI_CONNECT/DI-Connect-Aggregator/UDSFile_2024-03-01_2024-06-09.json", head: Array(Self.days.utf8), size: nil))?.confidence, 0.95)
        XCTAssertEqual(importer.detect(FileProbe(path: "x/renamed.json", head: Array(Self.sleep.utf8), size: nil))?.confidence, 0.85)
        XCTAssertNil(importer.detect(FileProbe(path: "x/sleep-2024-03-01.json", head: Array("[{\"logId\":1,\"dateOfSleep\":\"2024-03-01\",\"startTime\":\"2024-03-01T23:00:00.000\"}]".utf8), size: nil)))
    }

    func testExportZipReadsSummariesAndTheUploadedFITInsideItsInnerZip() throws {
        let dir = NSTemporaryDirectory() + "steward-garmin-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let innerPath = dir + "/UploadedFiles_0-_Part1.zip"
        let inner = try Archive(url: URL(fileURLWithPath: innerPath), accessMode: .create)
        let fit = Data(FITImage.runningActivity().bytes())
        try inner.addEntry(with: "me_11000000001.fit", type: .file, uncompressedSize: Int64(fit.count), compressionMethod: .deflate) { p, s in
            fit.subdata(in: Int(p)..<Int(p) + s)
        }
        let zipPath = dir + "/garmin-export.zip"
        let outer = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
        let innerData = try Data(contentsOf: URL(fileURLWithPath: innerPath))
        for (name, data) in [
            ("DI_CONNECT/DI-Connect-Fitness/me_0_summarizedActivities.json", Data(Self.activities.utf8)),
            ("DI_CONNECT/DI-Connect-Aggregator/UDSFile_2024-03-01_2024-06-09.json", Data(Self.days.utf8)),
            ("DI_CONNECT/DI-Connect-Wellness/2024-03-01_2024-06-09_7_sleepData.json", Data(Self.sleep.utf8)),
            ("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", innerData),
        ] {
            try outer.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { p, s in
                data.subdata(in: Int(p)..<Int(p) + s)
            }
        }
        let delegate = RecordingDelegate()
        let reader = ExportReader()
        for file in InputDiscovery().discover([zipPath]).files { reader.read(file, delegate: delegate) }
        let bySource = Dictionary(grouping: delegate.inputs, by: \.source).mapValues { $0.map(\.events).reduce(0, +) }
        XCTAssertEqual(bySource, ["garmin.connect": 4 + 3 + 2, "fit.activity": 5])
        XCTAssertEqual(delegate.skipped.map(\.0), [])
    }
}
