import StewardCore

/// Apple Health's `export.xml` (in `apple_health_export/` or the `export.zip` the Health app
/// shares). Detected by content, the `<HealthData` root in the head (after a DTD of a few
/// kilobytes), because the file name is localized (`export.xml`, `Export.xml`, `exportar.xml`).
/// `export_cda.xml` (the clinical document beside it) has another root and is not claimed.
public struct AppleHealthExportImporter: Importer {
    public init() {}

    public var id: String { AppleHealthExportParser.source }
    public var title: String { "Apple Health export (export.xml)" }
    public var howToRequest: String {
        """
        iPhone: Health app → tap your profile picture → Export All Health Data → Export; share \
        the resulting export.zip to a computer. It holds apple_health_export/export.xml and the \
        workout-routes/*.gpx files; steward reads the zip as it is.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "<"), HealthHeadSearch.find("<HealthData", in: head) != nil else { return nil }
        let nameHint = probe.fileExtension == "xml"
        return Detection(confidence: nameHint ? 0.95 : 0.9, reason: "XML with a <HealthData> root (Apple Health export)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { AppleHealthExportParser() }
}

/// Byte search in a file head, for detection only (a head is at most 64 KiB).
enum HealthHeadSearch {
    static func find(_ text: String, in bytes: ArraySlice<UInt8>) -> Int? {
        let needle = Array(text.utf8)
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var i = bytes.startIndex
        let last = bytes.endIndex - needle.count
        while i <= last {
            if bytes[i] == first && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
