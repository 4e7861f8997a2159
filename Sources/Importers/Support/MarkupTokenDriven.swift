import StewardCore
import Formats

/// An XML parser that runs a `MarkupTokenizer` and handles each token in a mutating method of
/// its own (GPX, TCX, SMS Backup & Restore, Apple Health). While the tokenizer works it is
/// moved out of the parser and a small placeholder holds its place, so `handle` can change the
/// parser without overlapping access and the tokenizer's buffers are never copied on write.
protocol MarkupTokenDriven {
    var scanner: MarkupTokenizer { get set }
    mutating func handle(_ token: MarkupTokenizer.Token, _ sink: EventSink)
}

/// What holds a parser's tokenizer place while the tokenizer runs; never fed.
private let tokenizerPlaceholder = MarkupTokenizer(.xml, maxTagBytes: 16, collectText: false)

extension MarkupTokenDriven {
    mutating func feedTokens(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) {
        var scanner = self.scanner
        self.scanner = tokenizerPlaceholder
        defer { self.scanner = scanner }
        scanner.feed(chunk) { token in handle(token, sink) }
    }

    /// The last tokens at the end of input; returns what was left open, if anything.
    mutating func finishTokens(into sink: EventSink) -> MarkupError? {
        var scanner = self.scanner
        self.scanner = tokenizerPlaceholder
        defer { self.scanner = scanner }
        return scanner.finish { token in handle(token, sink) }
    }
}
