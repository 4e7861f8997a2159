import StewardCore
import Formats

/// Turns the token stream of a My Activity HTML file into records. Takeout writes one
/// `<div class="outer-cell …">` per record:
///
/// ```html
/// <div class="outer-cell mdl-cell …"><div class="mdl-grid">
///   <div class="header-cell …"><p class="mdl-typography--title">YouTube<br></p></div>
///   <div class="content-cell … mdl-typography--body-1">Watched&nbsp;<a href="…watch?v=…">Title</a><br>
///        <a href="…/channel/…">Channel</a><br>Sep 18, 2018, 5:48:23 AM UTC</div>
///   <div class="content-cell … mdl-typography--body-1 mdl-typography--text-right"></div>
///   <div class="content-cell … mdl-typography--caption"><b>Products:</b><br>&emsp;YouTube<br></div>
/// </div></div>
/// ```
///
/// The body cell's lines (split at `<br>`) are: the title with its link, optional subtitle
/// lines (a channel link; a line without a link is a description), and the time last (in
/// Gemini Apps blocks the assistant's answer follows the time and is not read). The
/// caption (products, details, locations, "why is this here") is read only for the status
/// line of a Google Pay payment ("Completed", "Failed"): the header names the product. A block ends where the next one starts or at the end of the file, not at its
/// closing `</div>`s, because Takeout's markup does not always close its tags.
final class MyActivityHTMLBlockReader {
    private enum Cell { case none, header, body, caption, other }

    private struct Line {
        var text: [UInt8] = []
        var url: [UInt8]? = nil
    }

    /// Caps that bound memory per record on hostile input.
    static let maxLines = 32
    static let maxLineBytes = 64 * 1024

    private let source: String
    private var inBlock = false
    private var blockIndex = -1
    private var blockLine = 0
    private var cell = Cell.none
    private var header: [UInt8] = []
    private var headerDone = false
    private var bodySeen = false
    private var lines: [Line] = []
    /// The caption's lines (products, details), read only for a payment's status.
    private var captionLines: [[UInt8]] = []
    static let maxCaptionLines = 16
    static let maxCaptionLineBytes = 256
    private var warnedZones: Set<String> = []
    private var warnedNoZone = false

    init(source: String) { self.source = source }

    /// Number of `outer-cell` blocks seen.
    var blockCount: Int { blockIndex + 1 }

    func handle(_ token: MarkupTokenizer.Token, into sink: EventSink) {
        switch token {
        case .start(let tag):
            let classes = tag.classList
            if classes.contains("outer-cell") {
                finishBlock(into: sink)
                inBlock = true
                blockIndex += 1
                blockLine = tag.line
                cell = .none
                header.removeAll(keepingCapacity: true)
                headerDone = false
                bodySeen = false
                lines.removeAll(keepingCapacity: true)
                captionLines.removeAll(keepingCapacity: true)
                return
            }
            guard inBlock else { return }
            if classes.contains("content-cell") {
                if !bodySeen && classes.contains("mdl-typography--body-1") && !classes.contains("mdl-typography--text-right") {
                    cell = .body
                    bodySeen = true
                    lines = [Line()]
                } else if classes.contains("mdl-typography--caption") && captionLines.isEmpty {
                    cell = .caption
                    captionLines = [[]]
                } else {
                    cell = .other
                }
                return
            }
            if !headerDone && (classes.contains("header-cell") || classes.contains("mdl-typography--title")) {
                cell = .header
                return
            }
            if cell == .caption {
                if tag.isNamed("br"), captionLines.count < Self.maxCaptionLines { captionLines.append([]) }
                return
            }
            guard cell == .body else { return }
            if tag.isNamed("br") {
                if lines.count < Self.maxLines { lines.append(Line()) }
            } else if tag.isNamed("a"), lines[lines.count - 1].url == nil, let href = tag.attribute("href") {
                lines[lines.count - 1].url = Array(href.prefix(Self.maxLineBytes))
            }
        case .end(let tag):
            switch cell {
            case .header where tag.isNamed("p") || tag.isNamed("div"):
                cell = .none
                headerDone = true
            case .body where tag.isNamed("div"), .caption where tag.isNamed("div"), .other where tag.isNamed("div"):
                cell = .none
            default:
                break
            }
        case .text(let bytes):
            switch cell {
            case .header:
                let room = 1024 - header.count
                if room > 0 { header.append(contentsOf: bytes.prefix(room)) }
            case .body:
                let room = Self.maxLineBytes - lines[lines.count - 1].text.count
                if room > 0 { lines[lines.count - 1].text.append(contentsOf: bytes.prefix(room)) }
            case .caption:
                let room = Self.maxCaptionLineBytes - captionLines[captionLines.count - 1].count
                if room > 0 { captionLines[captionLines.count - 1].append(contentsOf: bytes.prefix(room)) }
            case .none, .other:
                break
            }
        case .doctype, .problem:
            break // HTML has no doctype subset; limits are counted by the tokenizer and summed up at the end
        }
    }

    /// Ends the open block, if any, emitting its event or saying why it was skipped.
    func finishBlock(into sink: EventSink) {
        guard inBlock else { return }
        inBlock = false
        let position = SourcePosition(line: blockLine, record: blockIndex)
        // Lines as text; a trailing `<br>` leaves an empty last line, which is not content.
        var texts: [(text: String, url: String?)] = lines.map {
            (Self.normalizedText($0.text), $0.url.map { String(decoding: $0, as: UTF8.self) })
        }
        while let last = texts.last, last.text.isEmpty, last.url == nil { texts.removeLast() }
        guard bodySeen, !texts.isEmpty else {
            sink.skip("activity block without a body cell", at: position)
            return
        }
        guard texts.count >= 2 else {
            sink.skip("no time line in the activity block", at: position)
            return
        }
        // The time is the last line, except in Gemini Apps blocks, where the assistant's answer
        // follows it: then the first line after the title that reads as a time.
        var timeIndex = texts.count - 1
        var parsed = MyActivityHTMLTimestamp.parse(texts[timeIndex].text)
        if parsed == nil, let found = (1..<(texts.count - 1)).lazy
            .compactMap({ i in MyActivityHTMLTimestamp.parse(texts[i].text).map { (i, $0) } }).first {
            (timeIndex, parsed) = (found.0, found.1)
        }
        guard let parsed else {
            let timeLine = texts[texts.count - 1].text
            sink.skip("unreadable time \(QuotedValue.describe(timeLine)) (not a date format steward knows)", at: position)
            return
        }
        if let zone = parsed.unknownZone, warnedZones.count < 8, warnedZones.insert(zone).inserted {
            sink.warn("time zone \"\(zone)\" is not in steward's table: such times keep their wall-clock time without a UTC offset", at: position)
        }
        if parsed.noZone && !warnedNoZone {
            warnedNoZone = true
            sink.warn("times without a time zone (exports before 2019) are read as wall-clock times without a UTC offset", at: position)
        }
        let title = texts[0].text
        guard !title.isEmpty else {
            sink.skip("no title", at: position)
            return
        }
        // A subtitle is a line with a link (the channel); a line without one is a description.
        let firstSubtitle = texts[1..<timeIndex].first { $0.url != nil && !$0.text.isEmpty }?.text
        let headerText = Self.normalizedText(header)
        var record = MyActivityRecord(header: MyActivityRecord.nonEmpty(headerText), title: title,
                                      titleUrl: texts[0].url, time: parsed.timestamp, firstSubtitle: firstSubtitle)
        record.details = captionLines.map(Self.normalizedText).filter { !$0.isEmpty }
        if record.isYouTube, let url = record.titleUrl {
            record.isWatchHistory = url.utf8.starts(with: "https://www.youtube.com/watch".utf8)
        }
        sink.emit(record.event(source: source, position: position))
    }

    /// UTF-8 text with every kind of space Google writes (U+00A0 from `&nbsp;`, U+2003 from
    /// `&emsp;`, U+202F before AM/PM in newer exports, line breaks) folded to one ASCII space,
    /// and trimmed. Invalid UTF-8 becomes U+FFFD.
    static func normalizedText(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            var spaceLength = 0
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                spaceLength = 1
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 {
                spaceLength = 2
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80,
                      (0x80...0x8A).contains(bytes[i + 2]) || bytes[i + 2] == 0xAF {
                spaceLength = 3   // U+2000–U+200A, U+202F
            } else if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 {
                spaceLength = 3   // U+3000 ideographic space
            }
            if spaceLength > 0 {
                pendingSpace = !out.isEmpty
                i += spaceLength
                continue
            }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
