import StewardCore

/// What an importer gets to decide whether a file is its format: the path (inside archives
/// too), the first bytes, and the size when known. Exports get renamed and localized, so
/// importers should trust content over names.
public struct FileProbe: Sendable {
    /// Full display path, archive members joined with `!`.
    public let path: String
    /// Last path component, as given (case kept).
    public let fileName: String
    /// Up to `FileProbe.headLength` leading bytes of the file.
    public let head: [UInt8]
    /// Total size in bytes when known before reading.
    public let size: Int64?
    /// The file's path on disk when it is a regular file there; nil for archive members and
    /// in-memory inputs. Only `PathReadingImporter`s use it (formats such as SQLite that can
    /// only be read by seeking in a real file).
    public let diskPath: String?

    public static let headLength = 64 * 1024

    public init(path: String, head: [UInt8], size: Int64?, diskPath: String? = nil) {
        self.path = path
        self.fileName = String(path.split(whereSeparator: { $0 == "/" || $0 == "!" }).last ?? Substring(path))
        self.head = head
        self.size = size
        self.diskPath = diskPath
    }

    /// Lower-cased file extension without the dot ("" when none).
    public var fileExtension: String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return "" }
        return fileName[fileName.index(after: dot)...].lowercased()
    }

    /// The head with a UTF-8 BOM and leading whitespace removed: what content sniffing looks at.
    public var trimmedHead: ArraySlice<UInt8> {
        var slice = head[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        while let b = slice.first, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { slice = slice.dropFirst() }
        return slice
    }
}

/// An importer's claim on a file: how sure it is (0–1) and why, for `--explain-detection`
/// and for the report of unrecognized files.
public struct Detection: Sendable {
    public var confidence: Double
    public var reason: String
    public init(confidence: Double, reason: String) {
        self.confidence = confidence
        self.reason = reason
    }
}

/// A pure streaming parser: bytes in, events out. It knows nothing of files, archives, the
/// database or the rules. Chunks arrive in order and may split a record anywhere, even inside
/// a UTF-8 sequence; `finish` is called once after the last chunk.
public protocol ExportParser {
    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError)
    mutating func finish(into sink: EventSink) throws(ParseError)
    /// True once the parser has all it will read of the file (a photo's metadata sits in its
    /// first kilobytes): the reader then stops streaming and calls `finish`, so the rest of a
    /// 40 MB photo is neither read nor, inside a zip, inflated.
    var isComplete: Bool { get }
    /// Waits for records the parser handed to a thread of its own (`RecordReadingThread`) to
    /// reach the sink. `finish` does it too; readers call this whatever happened (a read error
    /// stops them before `finish`) before they read the sink's counts.
    mutating func settle(into sink: EventSink)
}

extension ExportParser {
    public var isComplete: Bool { false }
    public mutating func settle(into sink: EventSink) {}
}

extension ExportParser {
    /// Convenience for tests and small inputs: feeds `bytes` in chunks of `chunkSize` (small
    /// chunk sizes are how tests prove records split across chunks still parse).
    public mutating func parseAll(_ bytes: [UInt8], chunkSize: Int = 64 * 1024, into sink: EventSink) throws(ParseError) {
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + max(1, chunkSize))
            let result: Result<Void, ParseError> = bytes[start..<end].withUnsafeBytes { raw in
                do throws(ParseError) { try feed(raw, into: sink); return .success(()) }
                catch { return .failure(error) }
            }
            try result.get()
            start = end
        }
        try finish(into: sink)
    }
}

/// One export format: how to recognize it, how to parse it, and how a person gets it.
public protocol Importer: Sendable {
    /// Stable source id used in reports and rules, e.g. `bank.ofx`.
    var id: String { get }
    /// Human title, e.g. "OFX / QFX bank statement".
    var title: String { get }
    /// How to request or download this export, shown by `steward sources`.
    var howToRequest: String { get }
    /// nil when the file is not this format; otherwise a confidence and the reason.
    func detect(_ probe: FileProbe) -> Detection?
    /// A fresh parser for one file (the probe lets the importer pass on a detected dialect).
    func makeParser(for probe: FileProbe) -> any ExportParser
    /// Which part of its kind of export a detected file holds, when its head tells and records
    /// of one part can never be records of another (a My Activity file's product): the overlap
    /// check then reconciles only files of the same part (docs/duplicates.md). nil: any part.
    func overlapPart(_ probe: FileProbe) -> String?
}

extension Importer {
    public func overlapPart(_ probe: FileProbe) -> String? { nil }
}

/// An importer for a format that cannot be streamed (a SQLite database needs random access to
/// its pages): `ExportReader` hands it the file's path on disk instead of feeding chunks to a
/// parser. It must open the file read-only and leave nothing beside it. A file of this kind
/// inside an archive is reported as unrecognized with `reasonInsideArchive`, never extracted.
public protocol PathReadingImporter: Importer {
    /// Reads the whole file at `diskPath`, delivering records to `sink`; file-level problems throw.
    func read(diskPath: String, probe: FileProbe, into sink: EventSink) throws(ParseError)
    /// Why a file of this format inside an archive is not read.
    var reasonInsideArchive: String { get }
}

extension PathReadingImporter {
    public var reasonInsideArchive: String { "SQLite database inside an archive: extract it first" }
    /// Never used: `ExportReader` calls `read(diskPath:…)` for path-reading importers.
    public func makeParser(for probe: FileProbe) -> any ExportParser { UnstreamableParser() }
}

/// The parser of a path-reading importer. A caller that ignores the protocol and feeds bytes
/// anyway gets a clear failure instead of a guess.
public struct UnstreamableParser: ExportParser {
    public init() {}
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        throw ParseError("a SQLite database cannot be streamed: it must be read from a file on disk")
    }
    public mutating func finish(into sink: EventSink) throws(ParseError) {}
}
