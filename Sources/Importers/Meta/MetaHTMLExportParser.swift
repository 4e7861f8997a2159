import StewardCore
/// The "parser" for Meta HTML downloads: it reads nothing and ends the file with the advice
/// to request the JSON format, which `MetaJSONParser` reads.
struct MetaHTMLExportParser: ExportParser {
    static let advice = "Facebook/Instagram download in HTML format: steward reads the JSON format only; request the download again with Format: JSON (Accounts Center → Download your information)"

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        throw ParseError(Self.advice)
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        throw ParseError(Self.advice)
    }
}
