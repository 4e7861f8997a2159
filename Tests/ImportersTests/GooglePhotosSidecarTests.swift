import XCTest
import StewardCore
@testable import Importers

/// Google Photos sidecars as Takeout writes them (values invented).
final class GooglePhotosSidecarTests: XCTestCase {
    func parse(_ text: String, path: String, chunkSize: Int = 64 * 1024) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "google.photos_sidecar", chunkSize: chunkSize)
    }

    static func sidecar(taken: String = "\"1559376900\"", geo: String, exif: String) -> String {
        """
        {
          "title": "IMG_20190601_101500.jpg",
          "description": "",
          "imageViews": "3",
          "creationTime": {
            "timestamp": "1559384400",
            "formatted": "Jun 1, 2019, 10:20:00\\u202fAM UTC"
          },
          "photoTakenTime": {
            "timestamp": \(taken),
            "formatted": "Jun 1, 2019, 8:15:00\\u202fAM UTC"
          },
          "geoData": \(geo),
          "geoDataExif": \(exif),
          "people": [{
            "name": "Someone Else"
          }],
          "url": "https://photos.google.com/photo/AF1Qip000",
          "googlePhotosOrigin": {
            "mobileUpload": {
              "deviceFolder": {
                "localFolderName": ""
              },
              "deviceType": "ANDROID_PHONE"
            }
          },
          "photoLastModifiedTime": {
            "timestamp": "1559390000",
            "formatted": "Jun 1, 2019, 11:53:20\\u202fAM UTC"
          }
        }
        """
    }

    static func geo(_ lat: String, _ lon: String) -> String {
        "{\"latitude\": \(lat), \"longitude\": \(lon), \"altitude\": 35.0, \"latitudeSpan\": 0.0, \"longitudeSpan\": 0.0}"
    }

    func testTimeTakenAndTheCamerasPositionFirst() throws {
        let text = Self.sidecar(geo: Self.geo("48.8600", "2.3000"), exif: Self.geo("48.8584", "2.2945"))
        for size in [1, 9, 64 * 1024] {
            let r = try parse(text, path: "Takeout/Google Photos/Photos from 2019/IMG_20190601_101500.jpg.json", chunkSize: size)
            XCTAssertEqual(r.events.count, 1)
            let photo = r.events[0]
            XCTAssertEqual(photo.source, "google.photos_sidecar")
            XCTAssertEqual(photo.kind, .photo)
            XCTAssertEqual(photo.time?.epochSeconds, 1_559_376_900)
            XCTAssertEqual(photo.latitude, 48.8584)
            XCTAssertEqual(photo.longitude, 2.2945)
            XCTAssertEqual(photo.text, "GPS 48.858400, 2.294500")
            XCTAssertEqual(photo.product, "Google Photos")
            XCTAssertFalse([photo.text, photo.title, photo.counterparty].contains("Someone Else"), "tagged people are not read")
            XCTAssertEqual(r.sink.issues, [])
        }
    }

    func testGooglesEstimateWhenTheCameraHadNoFixAndZeroMeansNone() throws {
        let estimated = Self.sidecar(geo: Self.geo("51.5074", "-0.1278"), exif: Self.geo("0.0", "0.0"))
        let r = try parse(estimated, path: "Takeout/Google Photos/Trip/VID_0001.mp4.supplemental-metadata.json")
        XCTAssertEqual(r.events.first?.latitude, 51.5074)
        XCTAssertEqual(r.events.first?.longitude, -0.1278)
        let nowhere = Self.sidecar(geo: Self.geo("0.0", "0.0"), exif: Self.geo("0.0", "0.0"))
        let t = try parse(nowhere, path: "Takeout/Google Photos/Trip/IMG_0002.jpg.supplemental-metad.json")
        XCTAssertEqual(t.events.count, 1)
        XCTAssertNil(t.events[0].latitude)
        XCTAssertNil(t.events[0].text)
        XCTAssertEqual(t.events[0].time?.epochSeconds, 1_559_376_900)
    }

    func testSidecarWithoutTimeOrPlaceIsSkippedAndAPositionOffTheGlobeIsNamed() throws {
        let empty = Self.sidecar(taken: "\"0\"", geo: Self.geo("0.0", "0.0"), exif: Self.geo("0.0", "0.0"))
        let r = try parse(empty, path: "IMG_0003.jpg.json")
        XCTAssertEqual(r.events.count, 0)
        XCTAssertEqual(r.sink.skippedCount, 1)
        XCTAssertTrue(r.sink.issues.contains { $0.hasSuffix("sidecar has neither a time taken nor a position") }, "\(r.sink.issues)")
        let off = Self.sidecar(geo: Self.geo("0.0", "0.0"), exif: Self.geo("123.0", "2.0"))
        let o = try parse(off, path: "IMG_0004.jpg.json")
        XCTAssertEqual(o.events.count, 0)
        XCTAssertTrue(o.sink.issues.contains { $0.hasSuffix("geoDataExif holds a position outside the globe") }, "\(o.sink.issues)")
        let huge = Self.sidecar(taken: "\"99999999999999999999\"", geo: Self.geo("1.0", "1.0"), exif: Self.geo("1.0", "1.0"))
        let h = try parse(huge, path: "IMG_0005.jpg.json")
        XCTAssertEqual(h.events.count, 0)
        XCTAssertEqual(h.sink.skippedCount, 1)
    }

    func testAlbumMetadataAndOtherJSONAreNotClaimed() {
        let album = "{\n  \"title\": \"Trip\",\n  \"description\": \"\",\n  \"access\": \"protected\",\n  \"date\": {\"timestamp\": \"1559376900\", \"formatted\": \"Jun 1, 2019\"}\n}"
        XCTAssertNil(GooglePhotosSidecarImporter().detect(FileProbe(path: "Takeout/Google Photos/Trip/metadata.json", head: Array(album.utf8), size: nil)))
        let sidecar = Self.sidecar(geo: Self.geo("1.0", "1.0"), exif: Self.geo("1.0", "1.0"))
        XCTAssertEqual(GooglePhotosSidecarImporter().detect(FileProbe(path: "renamed.txt", head: Array(sidecar.utf8), size: nil))?.confidence, 0.9)
        XCTAssertEqual(GooglePhotosSidecarImporter().detect(FileProbe(path: "IMG_1.jpg(1).json", head: Array(sidecar.utf8), size: nil))?.confidence, 0.95)
    }

    func testNotJSONFailsTheFileAlone() {
        var parser = GooglePhotosSidecarParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array("{\"photoTakenTime\": ".utf8), into: collector.sink))
        XCTAssertEqual(collector.events.count, 0)
    }
}
