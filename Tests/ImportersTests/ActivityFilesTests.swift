import Foundation
import XCTest
import ZIPFoundation
@testable import Importers
import StewardCore
import HostileInputs
@testable import Archives

/// Strava's bulk export as it is downloaded (activities.csv beside activities/ holding .fit,
/// .tcx and .gpx files, most of them gzip-compressed), and the FIT, TCX and Strava CSV
/// importers on their own. FIT files are written byte by byte by `FITImage`.
final class ActivityFilesTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "steward-activity-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir + "/export_12345/activities", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    // MARK: fixtures

    /// Strava writes its TCX files with spaces before the XML declaration.
    static let tcx = """
              <?xml version="1.0" encoding="UTF-8"?>
        <TrainingCenterDatabase xsi:schemaLocation="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2 http://www.garmin.com/xmlschemas/TrainingCenterDatabasev2.xsd" xmlns:ns5="http://www.garmin.com/xmlschemas/ActivityGoals/v1" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2" xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
         <Activities>
          <Activity Sport="Biking">
           <Id>2024-03-02T16:00:00.000Z</Id>
           <Lap StartTime="2024-03-02T16:00:00.000Z">
            <TotalTimeSeconds>1200.0</TotalTimeSeconds>
            <DistanceMeters>8000.0</DistanceMeters>
            <Calories>210</Calories>
            <Intensity>Active</Intensity>
            <TriggerMethod>Manual</TriggerMethod>
            <Track>
             <Trackpoint>
              <Time>2024-03-02T16:00:00.000Z</Time>
              <Position><LatitudeDegrees>48.1371</LatitudeDegrees><LongitudeDegrees>11.5754</LongitudeDegrees></Position>
              <AltitudeMeters>519.0</AltitudeMeters>
              <HeartRateBpm><Value>101</Value></HeartRateBpm>
             </Trackpoint>
             <Trackpoint>
              <Time>2024-03-02T16:00:10.000Z</Time>
              <HeartRateBpm><Value>104</Value></HeartRateBpm>
             </Trackpoint>
             <Trackpoint>
              <Time>2024-03-02T16:00:20.000Z</Time>
              <Position><LatitudeDegrees>148.1380</LatitudeDegrees><LongitudeDegrees>11.5760</LongitudeDegrees></Position>
             </Trackpoint>
            </Track>
           </Lap>
           <Lap StartTime="2024-03-02T16:20:00.000Z">
            <TotalTimeSeconds>600.0</TotalTimeSeconds>
            <DistanceMeters>4000.0</DistanceMeters>
            <Track>
             <Trackpoint>
              <Time>2024-03-02T16:20:00.000Z</Time>
              <Position><LatitudeDegrees>48.1500</LatitudeDegrees><LongitudeDegrees>11.5900</LongitudeDegrees></Position>
              <Extensions><ns3:TPX><ns3:Speed>6.5</ns3:Speed></ns3:TPX></Extensions>
             </Trackpoint>
             <Trackpoint>
              <Time>2024-03-02T16:30:00.000Z</Time>
              <Position><LatitudeDegrees>48.1600</LatitudeDegrees><LongitudeDegrees>11.6000</LongitudeDegrees></Position>
             </Trackpoint>
            </Track>
           </Lap>
           <Creator xsi:type="Device_t"><Name>Edge 530</Name><UnitId>3300000000</UnitId><ProductID>3121</ProductID></Creator>
          </Activity>
         </Activities>
         <Courses>
          <Course><Name>Planned loop</Name><Track><Trackpoint><Time>2024-04-01T00:00:00Z</Time><Position><LatitudeDegrees>1.0</LatitudeDegrees><LongitudeDegrees>2.0</LongitudeDegrees></Position></Trackpoint></Track></Course>
         </Courses>
        </TrainingCenterDatabase>
        """

    /// Strava's header repeats Elapsed Time and Distance; dates are UTC in English form.
    static let activitiesCSV = """
        Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Max Heart Rate,Relative Effort,Commute,Activity Private Note,Activity Gear,Filename,Athlete Weight,Bike Weight,Elapsed Time,Moving Time,Distance,Max Speed,Average Speed,Elevation Gain,Elevation Loss,Elevation Low,Elevation High
        101,"Mar 1, 2024, 6:30:00 AM",Morning Run,Run,,1800,5.20,171,48,false,,Pegasus 40,activities/101.fit.gz,,,1800.0,1750.0,5200.0,4.1,2.97,35.0,34.0,31.0,48.0
        102,"Mar 2, 2024, 4:00:00 PM","Afternoon Ride, easy",Ride,"Along the river",1800,12.00,150,30,false,,Canyon,activities/102.tcx.gz,,,1800.0,1790.0,12000.0,9.2,6.7,20.0,20.0,510.0,530.0
        103,"Mar 3, 2024, 12:05:00 PM",Lunch Walk,Walk,,2400,2.80,,5,false,,,activities/103.gpx.gz,,,2400.0,2300.0,2800.0,1.6,1.2,5.0,5.0,30.0,35.0
        104,"Mär 4, 2024, 7:00:00",Yoga,Yoga,,3600,0.00,,12,false,,,,,,3600.0,3600.0,0.0,0.0,0.0,0.0,0.0,,
        105,"Mar 5, 2024, 7:15:00 PM",Evening Weights,Weight Training,,2700,0.00,,20,false,,,activities/105.gpx,,,2700.0,2700.0,0.0,0.0,0.0,0.0,0.0,,

        """

    static let gpx = """
        <?xml version="1.0" encoding="UTF-8"?>
        <gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1">
         <metadata><time>2024-03-03T12:05:00Z</time></metadata>
         <trk><name>Lunch Walk</name><type>walking</type><trkseg>
          <trkpt lat="52.5200" lon="13.4050"><ele>35.0</ele><time>2024-03-03T12:05:00Z</time></trkpt>
          <trkpt lat="52.5205" lon="13.4058"><ele>35.2</ele><time>2024-03-03T12:06:00Z</time></trkpt>
          <trkpt lat="52.5210" lon="13.4066"><ele>35.4</ele><time>2024-03-03T12:07:00Z</time></trkpt>
         </trkseg></trk>
        </gpx>
        """

    private func write(_ bytes: [UInt8], _ name: String) -> String {
        let path = dir + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    private func read(_ paths: [String], limits: ZipArchiveReader.Limits = .init()) -> RecordingDelegate {
        let delegate = RecordingDelegate()
        let reader = ExportReader(zipLimits: limits)
        for file in InputDiscovery().discover(paths).files { reader.read(file, delegate: delegate) }
        return delegate
    }

    private func parse(_ parser: some ExportParser, _ bytes: [UInt8], chunk: Int = 64 * 1024) throws -> (EventCollector, [Event]) {
        var parser = parser
        let collector = EventCollector()
        try parser.parseAll(bytes, chunkSize: chunk, into: collector.sink)
        return (collector, collector.events)
    }

    /// The export folder as Strava's zip unpacks: three of the four routes gzip-compressed.
    private func writeExport() -> String {
        _ = write(Array(Self.activitiesCSV.utf8), "export_12345/activities.csv")
        _ = write(gzipFixture(FITImage.runningActivity().bytes()), "export_12345/activities/101.fit.gz")
        _ = write(gzipFixture(Array(Self.tcx.utf8)), "export_12345/activities/102.tcx.gz")
        _ = write(gzipFixture(Array(Self.gpx.utf8)), "export_12345/activities/103.gpx.gz")
        _ = write(Array(Self.gpx.utf8), "export_12345/activities/105.gpx")
        return dir + "/export_12345"
    }

    // MARK: FIT

    func testFITRunningActivityGivesFourFixesAndOneWorkout() throws {
        let (collector, events) = try parse(FITActivityParser(), FITImage.runningActivity().bytes())
        XCTAssertEqual(events.filter { $0.kind == .location }.count, 4)
        XCTAssertEqual(collector.sink.skippedCount, 0)
        let workouts = events.filter { $0.kind == .healthRecord }
        XCTAssertEqual(workouts.count, 1)
        let run = try XCTUnwrap(workouts.first)
        XCTAssertEqual(run.source, "fit.activity")
        XCTAssertEqual(run.code, "running")
        // The activity message's local_timestamp is an hour ahead of its timestamp (Berlin in
        // March): the workout is on the watch's clock, the fixes stay in UTC.
        XCTAssertEqual(run.time?.iso8601, "2024-03-01T07:30:00+01:00")
        XCTAssertEqual(run.endTime?.iso8601, "2024-03-01T08:00:00+01:00")
        XCTAssertEqual(run.time?.epochSeconds, 1_709_274_600)
        XCTAssertEqual(run.text, "30 min · 5.20 km")
        XCTAssertEqual(run.quantity, 5200)
        let first = try XCTUnwrap(events.first)
        XCTAssertEqual(first.latitude ?? 0, 52.52, accuracy: 1e-6)
        XCTAssertEqual(first.longitude ?? 0, 13.405, accuracy: 1e-6)
        XCTAssertEqual(events.filter { $0.kind == .location }.map { $0.time?.iso8601 },
                       ["2024-03-01T06:30:00Z", "2024-03-01T06:30:05Z", "2024-03-01T06:30:10Z", "2024-03-01T06:30:40Z"])
    }

    func testFITReadInSevenByteChunksGivesTheSameFiveEvents() throws {
        let (_, whole) = try parse(FITActivityParser(), FITImage.runningActivity().bytes())
        let (_, chunked) = try parse(FITActivityParser(), FITImage.runningActivity().bytes(), chunk: 7)
        XCTAssertEqual(chunked.count, 5)
        XCTAssertEqual(chunked.map { $0.time?.epochSeconds }, whole.map { $0.time?.epochSeconds })
    }

    func testFITWithoutSessionTakesTheActivityMessageAndTheSportMessage() throws {
        var fit = FITImage()
        let end = FITImage.fitTime(unix: 1_709_280_000)
        fit.define(local: 0, global: 12, fields: [.init(0, .enumeration), .init(1, .enumeration)])
        fit.data(local: 0, [17, 0])
        fit.define(local: 1, global: 34, fields: [.init(253, .uint32), .init(0, .uint32)])
        fit.data(local: 1, [end, 3_600_000])
        let (_, events) = try parse(FITActivityParser(), fit.bytes())
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(events[0].code, "hiking")
        XCTAssertEqual(events[0].time?.epochSeconds, 1_709_280_000 - 3600)
    }

    func testFITActivityLocalTimestampGivesTheWorkoutANegativeOffsetAndANonZoneDifferenceIsWarnedAndUnused() throws {
        func file(localMinusUTC: Int64) -> [UInt8] {
            var fit = FITImage()
            let start = FITImage.fitTime(unix: 1_709_274_600)
            fit.define(local: 0, global: 18, fields: [.init(253, .uint32), .init(2, .uint32), .init(5, .enumeration), .init(7, .uint32)])
            fit.data(local: 0, [start + 600, start, 11, 600_000])
            fit.define(local: 1, global: 34, fields: [.init(253, .uint32), .init(0, .uint32), .init(5, .uint32)])
            fit.data(local: 1, [start + 600, 600_000, start + 600 + localMinusUTC])
            return fit.bytes()
        }
        let (_, newYork) = try parse(FITActivityParser(), file(localMinusUTC: -5 * 3600 + 2))
        XCTAssertEqual(newYork.map { $0.time?.iso8601 }, ["2024-03-01T01:30:00-05:00"], "two seconds off the hour are rounded off")
        XCTAssertEqual(newYork.map { $0.endTime?.iso8601 }, ["2024-03-01T01:40:00-05:00"])
        let (odd, oddEvents) = try parse(FITActivityParser(), file(localMinusUTC: 1234))
        XCTAssertEqual(oddEvents.map { $0.time?.iso8601 }, ["2024-03-01T06:30:00Z"])
        XCTAssertTrue(odd.sink.warnings.contains { $0.hasSuffix("local time 1234 s from UTC is no time zone, not used") }, "\(odd.sink.issues)")
    }

    func testFITWithoutSessionTakesTheActivityMessagesOffsetToo() throws {
        var fit = FITImage()
        let end = FITImage.fitTime(unix: 1_709_280_000)
        fit.define(local: 0, global: 34, fields: [.init(253, .uint32), .init(0, .uint32), .init(5, .uint32)])
        fit.data(local: 0, [end, 3_600_000, end + 5 * 3600 + 1800])
        let (_, events) = try parse(FITActivityParser(), fit.bytes())
        XCTAssertEqual(events.map { $0.time?.iso8601 }, ["2024-03-01T12:30:00+05:30"])
    }

    func testFITRecordsWithHalfAPositionOrNoTimeAreSkippedWithTheirByteOffset() throws {
        var fit = FITImage()
        fit.define(local: 0, global: 20, fields: [.init(253, .uint32), .init(0, .sint32), .init(1, .sint32)])
        fit.data(local: 0, [FITImage.fitTime(unix: 1_709_274_600), FITImage.semicircles(52.5), nil])
        fit.data(local: 0, [1000, FITImage.semicircles(52.5), FITImage.semicircles(13.4)])
        fit.data(local: 0, [FITImage.fitTime(unix: 1_709_274_700), FITImage.semicircles(52.5), FITImage.semicircles(13.4)])
        let (collector, events) = try parse(FITActivityParser(), fit.bytes())
        XCTAssertEqual(events.count, 1)
        XCTAssertEqual(collector.sink.skippedCount, 2)
        XCTAssertEqual(collector.sink.errors, [
            "record 0: record at byte 29 with only one of latitude and longitude",
            "record 1: record at byte 42 without a date and time",
        ])
    }

    func testFITWithWrongCRCKeepsItsRecordsAndWarns() throws {
        let (collector, events) = try parse(FITActivityParser(), FITImage.runningActivity().bytes(crcOverride: 7))
        XCTAssertEqual(events.count, 5)
        XCTAssertEqual(collector.sink.warnings.count, 1)
        XCTAssertTrue(collector.sink.warnings[0].contains("file CRC does not match"), collector.sink.warnings[0])
    }

    func testFITImporterTakesTheHeaderNotTheName() {
        let fit = FITImage.runningActivity().bytes()
        XCTAssertEqual(FITActivityImporter().detect(FileProbe(path: "a/101.fit", head: fit, size: nil))?.confidence, 0.95)
        XCTAssertEqual(FITActivityImporter().detect(FileProbe(path: "a/renamed.bin", head: fit, size: nil))?.confidence, 0.9)
        XCTAssertNil(FITActivityImporter().detect(FileProbe(path: "a/fake.fit", head: Array("not a fit file at all".utf8), size: nil)))
    }

    // MARK: TCX

    func testTCXBikeRideGivesFourFixesOneWorkoutAndSkipsTheOffGlobePoint() throws {
        let (collector, events) = try parse(TCXActivityParser(), Array(Self.tcx.utf8))
        let fixes = events.filter { $0.kind == .location }
        XCTAssertEqual(fixes.count, 3)
        XCTAssertEqual(collector.sink.skippedCount, 1)
        XCTAssertEqual(fixes.map { $0.time?.iso8601 }, ["2024-03-02T16:00:00Z", "2024-03-02T16:20:00Z", "2024-03-02T16:30:00Z"])
        let workouts = events.filter { $0.kind == .healthRecord }
        XCTAssertEqual(workouts.count, 1)
        XCTAssertEqual(workouts[0].code, "Biking")
        XCTAssertEqual(workouts[0].text, "30 min · 12.00 km")
        XCTAssertEqual(workouts[0].endTime?.iso8601, "2024-03-02T16:30:00Z")
        XCTAssertTrue(collector.sink.errors[0].contains("trackpoint without a valid latitude and longitude"), collector.sink.errors[0])
    }

    func testTCXInElevenByteChunksGivesTheSameFourEvents() throws {
        let (_, events) = try parse(TCXActivityParser(), Array(Self.tcx.utf8), chunk: 11)
        XCTAssertEqual(events.count, 4)
    }

    func testTCXWithoutTheRootIsAnError() {
        var parser = TCXActivityParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array("<gpx></gpx>".utf8), into: collector.sink))
    }

    // MARK: Strava activities.csv

    func testStravaActivitiesCSVGivesFourWorkoutsAndSkipsTheGermanDate() throws {
        let (collector, events) = try parse(HeaderedCSVParser(mapper: StravaActivityRowMapper()), Array(Self.activitiesCSV.utf8))
        XCTAssertEqual(events.count, 4)
        XCTAssertEqual(collector.sink.skippedCount, 1)
        XCTAssertEqual(collector.sink.errors, ["line 5 record 3: unreadable date (text, not quoted)"])
        XCTAssertEqual(events.map(\.code), ["Run", "Ride", "Walk", "Weight Training"])
        XCTAssertEqual(events.map { $0.time?.iso8601 }, ["2024-03-01T06:30:00Z", "2024-03-02T16:00:00Z",
                                                           "2024-03-03T12:05:00Z", "2024-03-05T19:15:00Z"])
        XCTAssertEqual(events[1].text, "Afternoon Ride, easy · 30 min")
        XCTAssertEqual(events.map(\.source), Array(repeating: "strava.activities", count: 4))
    }

    func testStravaDatesAtNoonAndMidnight() {
        XCTAssertEqual(StravaActivityRowMapper.parseDate("Jan 1, 2024, 12:00:00 AM")?.iso8601, "2024-01-01T00:00:00Z")
        XCTAssertEqual(StravaActivityRowMapper.parseDate("Jan 1, 2024, 12:30:00 PM")?.iso8601, "2024-01-01T12:30:00Z")
        XCTAssertEqual(StravaActivityRowMapper.parseDate("2019-06-11 15:00:00")?.iso8601, "2019-06-11T15:00:00Z")
        XCTAssertNil(StravaActivityRowMapper.parseDate("Jan 1, 2024, 13:00:00 PM"))
    }

    func testStravaImporterNeedsItsColumnsNotItsName() {
        let head = Array(Self.activitiesCSV.utf8)
        XCTAssertEqual(StravaActivitiesImporter().detect(FileProbe(path: "x/activities.csv", head: head, size: nil))?.confidence, 0.95)
        XCTAssertNil(StravaActivitiesImporter().detect(FileProbe(path: "x/activities.csv", head: Array("Activity ID,Activity Date,Activity Type\n1,2,3\n".utf8), size: nil)))
    }

    // MARK: the export as downloaded

    func testStravaExportFolderReadsEveryRouteIncludingGzipMembers() throws {
        let delegate = read([writeExport()])
        XCTAssertEqual(delegate.skipped.map(\.0), [])
        let bySource = Dictionary(grouping: delegate.inputs, by: \.source).mapValues { $0.map(\.events).reduce(0, +) }
        XCTAssertEqual(bySource, ["strava.activities": 4, "fit.activity": 5, "tcx.activity": 4, "gpx.track": 6])
        let paths = delegate.inputs.map { ($0.path as NSString).lastPathComponent }.sorted()
        XCTAssertEqual(paths, ["101.fit.gz!101.fit", "102.tcx.gz!102.tcx", "103.gpx.gz!103.gpx", "105.gpx", "activities.csv"])
    }

    func testStravaExportZipReadsGzipMembersInsideTheZip() throws {
        let folder = writeExport()
        let zipPath = dir + "/export_12345.zip"
        let archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
        for name in ["activities.csv", "activities/101.fit.gz", "activities/102.tcx.gz", "activities/103.gpx.gz", "activities/105.gpx"] {
            try archive.addEntry(with: name, relativeTo: URL(fileURLWithPath: folder))
        }
        let delegate = read([zipPath])
        XCTAssertEqual(delegate.events.count, 19)
        XCTAssertTrue(delegate.inputs.contains { $0.path == zipPath + "!activities/101.fit.gz!101.fit" && $0.events == 5 },
                      "\(delegate.inputs.map(\.path))")
    }

    func testGzipMemberInsideATgzIsRead() throws {
        var tar = TarFixtureWriter()
        tar.add("export/activities/101.fit.gz", gzipFixture(FITImage.runningActivity().bytes()))
        tar.end()
        let path = write(gzipFixture(tar.bytes), "export.tgz")
        let delegate = read([path])
        XCTAssertEqual(delegate.inputs.map(\.events), [5])
        XCTAssertEqual(delegate.inputs.first?.path, path + "!export/activities/101.fit.gz!101.fit")
    }

    func testGzipNamedByItsHeaderWhenTheFileLacksGz() throws {
        // gzip -N keeps the original name in the header (FNAME, flag 0x08).
        var bytes = gzipFixture(Array(Self.gpx.utf8))
        bytes[3] |= 0x08
        bytes.insert(contentsOf: Array("route.gpx".utf8) + [0], at: 10)
        let path = write(bytes, "download.bin")
        let delegate = read([path])
        XCTAssertEqual(delegate.inputs.map(\.path), [path + "!route.gpx"])
        XCTAssertEqual(delegate.inputs.map(\.events), [3])
    }

    func testGzipBombIsStoppedAndNamed() throws {
        let zeros = [UInt8](repeating: 0x20, count: 4 << 20)
        let path = write(gzipFixture(Array("<?xml version=\"1.0\"?><gpx>".utf8) + zeros, level: 9), "bomb.gpx.gz")
        var limits = ZipArchiveReader.Limits()
        limits.ratioFloorBytes = 1 << 20
        limits.maxCompressionRatio = 100
        let delegate = read([path], limits: limits)
        let errors = delegate.inputs.flatMap(\.errors)
        XCTAssertTrue(errors.contains { $0.contains("inflates more than 100× its compressed size") }, "\(errors) \(delegate.skipped)")
    }

    func testTruncatedGzipIsReportedWithThePath() throws {
        let full = gzipFixture(FITImage.runningActivity().bytes())
        let path = write(Array(full.prefix(full.count - 12)), "cut.fit.gz")
        let delegate = read([path])
        XCTAssertEqual(delegate.skipped.map(\.0), [path + "!cut.fit"])
        XCTAssertEqual(delegate.skipped.map(\.1), ["cannot read: truncated: the gzip stream ends early"])
    }
}
