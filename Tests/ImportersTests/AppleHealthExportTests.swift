import XCTest
@testable import Importers
@testable import StewardCore

/// Apple Health export.xml, written here in the Health app's real shape: the DTD with its
/// `<!ATTLIST` declarations (which crash FoundationXML), then `<HealthData>`.
final class AppleHealthExportTests: XCTestCase {
    static let dtd = """
    <?xml version="1.0" encoding="UTF-8"?>
    <!DOCTYPE HealthData [
    <!-- HealthKit Export Version: 13 -->
    <!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
    <!ATTLIST HealthData
      locale CDATA #REQUIRED
    >
    <!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
    <!ATTLIST Record
      type          CDATA #REQUIRED
      unit          CDATA #IMPLIED
      value         CDATA #IMPLIED
      sourceName    CDATA #REQUIRED
      startDate     CDATA #REQUIRED
      endDate       CDATA #REQUIRED
    >
    <!-- a comment holding ]> and a quote ' must not end the DTD -->
    <!ATTLIST Workout note CDATA "odd ]> default">
    <!ENTITY lol "lolololololololololol">
    <!ENTITY xxe SYSTEM "file:///etc/passwd">
    ]>

    """

    static let body = """
    <HealthData locale="de_DE">
     <ExportDate value="2024-03-02 08:00:00 +0100"/>
     <Me HKCharacteristicTypeIdentifierDateOfBirth="1990-02-02" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexFemale"/>
     <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Anna&#8217;s iPhone" sourceVersion="17.3" device="&lt;&lt;HKDevice: 0x1&gt;, name:iPhone&gt;" unit="count" creationDate="2024-03-01 10:05:00 +0100" startDate="2024-03-01 09:55:00 +0100" endDate="2024-03-01 10:04:00 +0100" value="8432"/>
     <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="Apple Watch" unit="" startDate="2024-03-01 23:30:00 +0100" endDate="2024-03-02 06:45:00 +0100" value="HKCategoryValueSleepAnalysisAsleepCore">
      <MetadataEntry key="HKTimeZone" value="Europe/Berlin"/>
     </Record>
     <Record type="HKQuantityTypeIdentifierNumberOfAlcoholicBeverages" sourceName="Drinks &amp; more &lol; &xxe;" unit="count" startDate="2024-03-01 20:00:00 +0100" endDate="2024-03-01 20:00:00 +0100" value="2"/>
     <Record type="HKQuantityTypeIdentifierBloodAlcoholContent" sourceName="BACtrack" unit="%" startDate="2024-03-01 23:00:00 +0100" endDate="2024-03-01 23:00:00 +0100" value="0.08"/>
     <Record type="HKCategoryTypeIdentifierPregnancy" sourceName="Health" startDate="2023-06-01 00:00:00 +0200" endDate="2024-02-20 00:00:00 +0100" value="HKCategoryValueNotApplicable"/>
     <Correlation type="HKCorrelationTypeIdentifierBloodPressure" sourceName="Omron" startDate="2024-03-01 07:00:00 +0100" endDate="2024-03-01 07:00:00 +0100">
      <Record type="HKQuantityTypeIdentifierBloodPressureSystolic" sourceName="Omron" unit="mmHg" startDate="2024-03-01 07:00:00 +0100" endDate="2024-03-01 07:00:00 +0100" value="128"/>
     </Correlation>
     <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Broken" unit="count" startDate="yesterday" endDate="today" value="5"/>
     <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" duration="45.5" durationUnit="min" totalEnergyBurned="310.25" totalEnergyBurnedUnit="kcal" sourceName="Apple Watch" startDate="2024-03-01 18:00:00 +0100" endDate="2024-03-01 18:45:30 +0100">
      <WorkoutRoute sourceName="iPhone" startDate="2024-03-01 18:00:00 +0100" endDate="2024-03-01 18:45:30 +0100">
       <FileReference path="/workout-routes/route_2024-03-01_6.00pm.gpx"/>
      </WorkoutRoute>
     </Workout>
     <ActivitySummary dateComponents="2024-03-01" activeEnergyBurned="590.252" activeEnergyBurnedGoal="630" activeEnergyBurnedUnit="kcal" appleExerciseTime="68" appleExerciseTimeGoal="30" appleStandHours="13" appleStandHoursGoal="12"/>
    </HealthData>

    """

    func testRecordsWorkoutsAndSummariesFromARealShapedExport() throws {
        let result = try parseAtAllChunkSizes({ AppleHealthExportParser() }, Array((Self.dtd + Self.body).utf8))
        XCTAssertEqual(result.events.count, 8)
        XCTAssertEqual(result.skipped, 1, "the record with unreadable dates")
        XCTAssertTrue(result.issues.contains { $0.contains("without a readable startDate") }, "\(result.issues)")
        let e = result.events
        XCTAssertTrue(e.allSatisfy { $0.source == "apple.health" && $0.kind == .healthRecord })

        XCTAssertEqual(e[0].code, "HKQuantityTypeIdentifierStepCount")
        XCTAssertEqual(e[0].title, "StepCount")
        XCTAssertEqual(e[0].quantity, 8432)
        XCTAssertEqual(e[0].unit, "count")
        XCTAssertEqual(e[0].text, "8432 count")
        XCTAssertEqual(e[0].product, "Anna\u{2019}s iPhone", "numeric character reference decoded")
        XCTAssertEqual(e[0].time?.iso8601, "2024-03-01T09:55:00+01:00", "the phone's offset is kept")
        XCTAssertEqual(e[0].endTime?.iso8601, "2024-03-01T10:04:00+01:00")
        XCTAssertEqual(e[0].position.line, 25, "line of the <Record> in the fixture (DTD of 21 lines, root, ExportDate, Me)")

        XCTAssertEqual(e[1].code, "HKCategoryTypeIdentifierSleepAnalysis")
        XCTAssertEqual(e[1].text, "AsleepCore")
        XCTAssertNil(e[1].quantity)
        XCTAssertEqual(e[1].endTime!.epochSeconds - e[1].time!.epochSeconds, 7 * 3600 + 15 * 60)

        XCTAssertEqual(e[2].product, "Drinks & more &lol; &xxe;", "DTD entities are never expanded")
        XCTAssertEqual(e[2].quantity, 2)
        XCTAssertEqual(e[3].text, "0.08 %")
        XCTAssertEqual(e[4].code, "HKCategoryTypeIdentifierPregnancy")
        XCTAssertEqual(e[4].time?.iso8601, "2023-06-01T00:00:00+02:00")
        XCTAssertEqual(e[5].code, "HKQuantityTypeIdentifierBloodPressureSystolic", "records inside a Correlation")

        XCTAssertEqual(e[6].code, "HKWorkoutActivityTypeTraditionalStrengthTraining")
        XCTAssertEqual(e[6].title, "Workout: TraditionalStrengthTraining")
        XCTAssertEqual(e[6].quantity, 45.5)
        XCTAssertEqual(e[6].unit, "min")
        XCTAssertEqual(e[6].text, "45.5 min · 310.25 kcal")

        XCTAssertEqual(e[7].code, "ActivitySummary")
        XCTAssertEqual(e[7].time?.iso8601, "2024-03-01")
        XCTAssertEqual(e[7].text, "active energy 590.25 kcal · exercise 68 min · stand 13 h")
        XCTAssertEqual(Set(e.map { $0.position.record! }).count, e.count, "record indexes are distinct")
    }

    func testTruncatedExportKeepsEarlierRecordsAndSaysSo() throws {
        let full = Self.dtd + Self.body
        let cut = full.range(of: "<Record type=\"HKQuantityTypeIdentifierBloodAlcoholContent\"")!.upperBound
        let bytes = Array(full[..<cut].utf8) + Array(" sourceName=\"BAC".utf8)
        let result = try parseAtAllChunkSizes({ AppleHealthExportParser() }, bytes)
        XCTAssertEqual(result.events.count, 3)
        XCTAssertEqual(result.skipped, 1, "the record cut in the middle")
        XCTAssertTrue(result.issues.contains { $0.contains("truncated") })
        XCTAssertTrue(result.issues.contains { $0.contains("before </HealthData>") })
    }

    /// Tags read on their own thread (`RecordReadingThread`, here after every few bytes of
    /// tags) reach the sink as they would inline: the same events, positions and issues in file
    /// order, for the whole export, a truncated one and one with a tag over the length limit.
    func testRecordsReadOnTheirOwnThreadAreTheSameInTheSameOrder() throws {
        let full = Self.dtd + Self.body
        let cut = full.range(of: "<Record type=\"HKQuantityTypeIdentifierBloodAlcoholContent\"")!.upperBound
        let truncated = String(full[..<cut]) + " sourceName=\"BAC"
        let overlong = "<HealthData><Record type=\"A\" sourceName=\"\(String(repeating: "x", count: 300 * 1024))\"/>"
            + "<Record type=\"HKQuantityTypeIdentifierStepCount\" unit=\"count\" startDate=\"2024-03-01 09:55:00 +0100\" value=\"4\"/></HealthData>"
        func lines(_ result: ChunkedParseResult) -> [String] { result.events.map { "\(describe($0)) | \($0.quantity ?? -1)" } }
        for text in [full, truncated, overlong] {
            let inline = try parseAtAllChunkSizes({ AppleHealthExportParser() }, Array(text.utf8))
            XCTAssertFalse(inline.events.isEmpty)
            for batch in [1, 100, 700] {
                let threaded = try parseAtAllChunkSizes({ AppleHealthExportParser(readingBatchBytes: batch) }, Array(text.utf8))
                XCTAssertEqual(lines(threaded), lines(inline), "batches of \(batch) bytes")
                XCTAssertEqual(threaded.issues, inline.issues, "batches of \(batch) bytes")
            }
        }
    }

    func testTruncatedInsideTheDTDIsNotAHealthExport() {
        var parser = AppleHealthExportParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array(Self.dtd.prefix(300).utf8), into: collector.sink))
        XCTAssertEqual(collector.events.count, 0)
    }

    func testOverlongTagIsSkippedWithBoundedMemory() throws {
        let huge = String(repeating: "x", count: 300 * 1024)
        let xml = "<HealthData><Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"\(huge)\" unit=\"count\" startDate=\"2024-03-01 09:55:00 +0100\" endDate=\"2024-03-01 09:56:00 +0100\" value=\"3\"/>"
            + "<Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"ok\" unit=\"count\" startDate=\"2024-03-01 09:55:00 +0100\" endDate=\"2024-03-01 09:56:00 +0100\" value=\"4\"/></HealthData>"
        var parser = AppleHealthExportParser()
        let collector = EventCollector()
        try parser.parseAll(Array(xml.utf8), chunkSize: 4096, into: collector.sink)
        XCTAssertEqual(collector.events.map(\.quantity), [4])
        XCTAssertEqual(collector.sink.skippedCount, 1)
    }

    func testDates() {
        XCTAssertEqual(AppleHealthDate.parse(Array("2019-06-11 15:00:00 +0200".utf8)[...])?.iso8601, "2019-06-11T15:00:00+02:00")
        XCTAssertEqual(AppleHealthDate.parse(Array("2019-06-11 15:00:00 -0700".utf8)[...])?.epochSeconds,
                       Timestamp(year: 2019, month: 6, day: 11, hour: 22)!.epochSeconds)
        XCTAssertEqual(AppleHealthDate.parse(Array("2016-11-15".utf8)[...])?.iso8601, "2016-11-15")
        XCTAssertNil(AppleHealthDate.parse(Array("2019-02-30 15:00:00 +0200".utf8)[...]))
        XCTAssertNil(AppleHealthDate.parse(Array("2019-06-11 15:00:00 +02".utf8)[...]))
    }

    func testDetectionByContentNotName() {
        let importer = AppleHealthExportImporter()
        let head = Array((Self.dtd + Self.body).utf8)
        XCTAssertGreaterThanOrEqual(importer.detect(FileProbe(path: "apple_health_export/Exportieren.xml", head: head, size: nil))?.confidence ?? 0, 0.9)
        XCTAssertNil(importer.detect(FileProbe(path: "export_cda.xml", head: Array("<?xml version=\"1.0\"?><ClinicalDocument/>".utf8), size: nil)))
        if case .success(let found) = ImporterRegistry.detect(FileProbe(path: "renamed.txt", head: head, size: nil)) {
            XCTAssertEqual(found.importer.id, "apple.health")
        } else { XCTFail("export.xml not detected") }
    }
}
