import StewardCore
import Formats

/// vCard address books (RFC 2426 vCard 3.0, RFC 6350 vCard 4.0, and the 2.1 phones still
/// write): Google Contacts' Takeout (`Takeout/Contacts/<group>/<group>.vcf`), iCloud and phone
/// exports. Content lines are unfolded like iCalendar's (a line starting with a space or tab
/// continues the previous one; RFC 6350 §3.2) and read with `ContentLineProperty`.
///
/// One `.contact` event per `BEGIN:VCARD` … `END:VCARD`: `counterparty` = `FN` (or `N` put
/// together as "Given Family" when `FN` is missing), `product` `contacts`, positioned at the
/// `BEGIN:VCARD` line. Telephone numbers, e-mail and postal addresses, photos and notes are not
/// kept: steward infers nothing from whom a person knows (see `ImporterEventCatalog`), and a
/// contact is counted, not profiled. A card without a name is reported and skipped.
public struct VCardParser: ExportParser {
    public static let source = "contacts.vcf"
    /// An unfolded line longer than this is cut (an embedded PHOTO is base64 of many kilobytes).
    static let maxLogicalLine = 64 * 1024

    private var lines = LineSplitter(maxLineLength: maxLogicalLine)
    private var state = State()

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var state = self.state
        defer { self.state = state }
        try lines.feed(chunk) { line, number, _ throws(ParseError) in state.physical(line, number, sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        var state = self.state
        defer { self.state = state }
        try lines.finish { line, number, _ throws(ParseError) in state.physical(line, number, sink) }
        state.flushLogical(sink)
        guard state.cardCount > 0 else { throw ParseError("no BEGIN:VCARD line: not a vCard file") }
        if let card = state.card { sink.skip("truncated: the file ends inside this contact", at: card.position) }
    }

    struct Card {
        var position: SourcePosition
        var formatted: String?
        var structured: String?
    }

    struct State {
        var unfolder = ContentLineUnfolder(maxLength: VCardParser.maxLogicalLine)
        var card: Card?
        var cardCount = 0

        mutating func physical(_ line: ArraySlice<UInt8>, _ number: Int, _ sink: EventSink) {
            if let ended = unfolder.add(line, number: number, cut: false) { logical(ended, sink) }
        }

        mutating func flushLogical(_ sink: EventSink) {
            if let last = unfolder.finish() { logical(last, sink) }
        }

        private mutating func logical(_ line: ContentLineUnfolder.Line, _ sink: EventSink) {
            guard !line.bytes.isEmpty else { return }
            // Only the names are needed: skip every other line (a PHOTO can be 64 KiB) unparsed.
            let head = line.bytes.prefix(6).map { $0 | 0x20 }
            guard ["begin", "end", "fn", "n:", "n;"].contains(where: { head.starts(with: Array($0.utf8)) }) else { return }
            let p = ContentLineProperty(line.bytes)
            switch p.name {
            case "BEGIN" where p.rawValue.uppercased() == "VCARD":
                if let open = card { sink.skip("contact without END:VCARD", at: open.position) }
                card = Card(position: SourcePosition(line: line.number, record: cardCount))
                cardCount += 1
            case "END" where p.rawValue.uppercased() == "VCARD":
                if let done = card { emit(done, sink) }
                card = nil
            case "FN":
                card?.formatted = p.text?.trimmingSpaces()
            case "N":
                // Family;Given;Additional;Prefix;Suffix
                let parts = (p.text ?? "").split(separator: ";", omittingEmptySubsequences: false).map {
                    $0.trimmingSpaces()
                }
                let name = [parts.count > 1 ? parts[1] : "", parts.first ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
                card?.structured = name.isEmpty ? nil : name
            default:
                break
            }
        }

        private func emit(_ card: Card, _ sink: EventSink) {
            guard let name = card.formatted.flatMap({ $0.isEmpty ? nil : $0 }) ?? card.structured else {
                sink.skip("contact without a name (FN or N)", at: card.position); return
            }
            sink.emit(Event(source: VCardParser.source, kind: .contact, counterparty: name, product: "contacts", position: card.position))
        }
    }
}
