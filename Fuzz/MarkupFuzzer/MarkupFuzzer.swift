import FuzzSupport
import Importers
import Formats

/// libFuzzer entry point for `MarkupTokenizer`, the one tokenizer under every XML and HTML
/// importer. The first byte picks the dialect, the chunk size and whether the limits are tiny
/// (so that every limit path is reached); the second picks an importer that then reads the
/// same input through the chunked path a scan uses. Besides crashes, traps and sanitizer
/// reports, a token stream that depends on where the chunks are cut is a finding: the input
/// is tokenized whole and in chunks and the two must agree. docs/privacy.md, "Fuzzing".
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkup(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start, count > 1 else { return 0 }
    let control = start[0], choice = start[1]
    let input = UnsafeRawBufferPointer(start: start + 2, count: count - 2)
    let dialect: MarkupTokenizer.Dialect = control & 0x01 == 0 ? .xml : .html
    let tiny = control & 0x02 != 0
    let chunkSize = Int(control >> 2) + 1
    let make = {
        tiny ? MarkupTokenizer(dialect, maxTagBytes: 48, maxValueBytes: 12, maxTextBytes: 24, maxDepth: 6,
                               collectText: choice & 0x80 == 0, startTagFirstBytes: choice & 0x40 == 0 ? nil : [0x52, 0x61])
             : MarkupTokenizer(dialect)
    }
    let whole = tokens(input, chunkSize: max(1, input.count), make())
    let parts = tokens(input, chunkSize: chunkSize, make())
    if whole != parts {
        fatalError("the token stream depends on the chunk size (\(chunkSize)): \(whole.count) vs \(parts.count) tokens")
    }
    var parser: any ExportParser
    let snapchatPages: [SnapchatHTMLParser.Page] = [
        .location, .memories, .search, .profile, .messageTables(snaps: false),
        .conversation(snaps: false, friend: "sam_k", isGroup: false), .conversation(snaps: true, friend: nil, isGroup: true),
    ]
    // The seeds' choices keep their importer: Snapchat's pages take the HTML slot's upper half.
    switch choice % 5 {
    case 0: parser = CAMTParser()
    case 1: parser = AppleHealthExportParser()
    case 2: parser = GPXTrackParser()
    case 3: parser = SMSBackupParser()
    default:
        parser = choice & 0x80 == 0 ? GoogleMyActivityHTMLParser()
            : SnapchatHTMLParser(page: snapchatPages[Int(choice >> 3) % snapchatPages.count])
    }
    let sink = EventSink { event in eventCount &+= 1; textBytes &+= event.text?.utf8.count ?? 0 }
    try? parser.parseAll(Array(input), chunkSize: chunkSize, into: sink)
    return 0
}

/// Every token as a string (name, attributes, flags, line and offset; text as bytes).
func tokens(_ input: UnsafeRawBufferPointer, chunkSize: Int, _ made: MarkupTokenizer) -> [String] {
    var tokenizer = made
    var out: [String] = []
    func record(_ token: MarkupTokenizer.Token) {
        switch token {
        case .start(let tag):
            var s = "<" + String(decoding: tag.name, as: UTF8.self) + "|" + String(decoding: tag.attributeBytes, as: UTF8.self)
            s += "|\(tag.selfClosing)|\(tag.valuesCut)|\(tag.line)|\(tag.offset)"
            // Exercise the attribute readers on every tag.
            s += "|" + (tag.xmlValue("a") ?? "-") + "|" + String(decoding: tag.attribute("href") ?? [], as: UTF8.self)
            tag.forEachAttribute { name, value in s += "|" + String(decoding: name, as: UTF8.self) + "=" + MarkupText.decodeXML(value) }
            s += "|\(tag.hasClass("outer-cell"))|" + String(decoding: tag.localName, as: UTF8.self)
            out.append(s)
        case .end(let tag): out.append("</" + String(decoding: tag.name, as: UTF8.self) + "|\(tag.line)|\(tag.offset)")
        case .text(let bytes):
            // Text runs may arrive split differently only where a limit cut them; joined, they agree.
            if let last = out.last, last.hasPrefix("\"") { out[out.count - 1] = last + String(decoding: bytes, as: UTF8.self) }
            else { out.append("\"" + String(decoding: bytes, as: UTF8.self)) }
        case .doctype(let line, let offset): out.append("!\(line)|\(offset)")
        case .problem(let problem): out.append("?" + problem.description + "|\(problem.line)")
        }
    }
    var offset = 0
    while offset < input.count {
        let end = min(input.count, offset + chunkSize)
        tokenizer.feed(UnsafeRawBufferPointer(rebasing: input[offset..<end]), record)
        offset = end
    }
    if let open = tokenizer.finish(record) { out.append("open " + open.description) }
    return out
}

/// Where what was read is counted, so reading it is not optimized away.
nonisolated(unsafe) var eventCount = 0
nonisolated(unsafe) var textBytes = 0

/// SwiftPM links an executable's entry point as `MarkupFuzzer_main`; hand control to
/// libFuzzer's driver there (its own `main` is then never linked in).
@_cdecl("MarkupFuzzer_main")
public func markupFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzMarkup)
}
