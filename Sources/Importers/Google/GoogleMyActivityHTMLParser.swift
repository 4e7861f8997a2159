import StewardCore
import Formats

/// Google Takeout "My Activity" in HTML — the default format of Takeout for years, and still
/// the default for YouTube's `watch-history.html` / `search-history.html` — streamed through
/// `MarkupTokenizer` (no DOM) and read block by block (`MyActivityHTMLBlockReader`). Events are
/// the same as from the JSON variant, with source `google.my_activity`, so rules need not
/// know which format a person downloaded; positions are the block's index and line.
public struct GoogleMyActivityHTMLParser: ExportParser {
    private var tokenizer = MarkupTokenizer(.html, maxTagBytes: 64 * 1024, maxTextBytes: 1 << 20)
    private let blocks = MyActivityHTMLBlockReader(source: GoogleMyActivityParser.source)

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        let blocks = self.blocks
        tokenizer.feed(chunk) { blocks.handle($0, into: sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let blocks = self.blocks
        // A file cut inside a tag or comment keeps everything before the cut.
        _ = tokenizer.finish { blocks.handle($0, into: sink) }
        blocks.finishBlock(into: sink)
        if tokenizer.droppedTags > 0 {
            sink.warn("\(tokenizer.droppedTags) tag(s) longer than \(tokenizer.maxTagBytes >> 10) KiB were dropped (broken markup)")
        }
        if tokenizer.truncatedTexts > 0 {
            sink.warn("\(tokenizer.truncatedTexts) text run(s) longer than \(tokenizer.maxTextBytes >> 20) MiB were cut")
        }
        if blocks.blockCount == 0 {
            sink.warn("no activity blocks (div class=\"outer-cell\") found")
        }
    }
}
