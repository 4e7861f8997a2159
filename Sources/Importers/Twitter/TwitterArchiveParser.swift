import StewardCore
import Formats

/// Streams one Twitter/X archive data file: skips the `window.YTD.<name>.partN = ` prefix up
/// to the first `[`, then splits the array with `JSONArraySplitter` and maps each element by
/// `TwitterRecordMapper`. Ids are strings in archives and stay strings here.
///
/// Direct messages are attributed with `ConversationOwnerGuess`: the account owner is sender
/// or recipient of every message in the file, so the most frequent participant is the owner,
/// and the other side's messages are `authoredByOthers`.
public struct TwitterArchiveParser: ExportParser {
    public static let source = "twitter.archive"

    public let file: TwitterArchiveFile
    private var splitter = JSONArraySplitter()
    private var inArray = false
    private var prefixBytes = 0
    private var owner = ConversationOwnerGuess()

    /// The prefix is a short JavaScript assignment; anything longer before `[` is not an archive file.
    static let maxPrefixBytes = 4096

    public init(file: TwitterArchiveFile) {
        self.file = file
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var rest = chunk
        if !inArray {
            guard let open = chunk.firstIndex(of: UInt8(ascii: "[")) else {
                prefixBytes += chunk.count
                if prefixBytes > Self.maxPrefixBytes { throw ParseError("no array after the window.YTD prefix") }
                return
            }
            prefixBytes += open
            if prefixBytes > Self.maxPrefixBytes { throw ParseError("no array after the window.YTD prefix") }
            inArray = true
            rest = UnsafeRawBufferPointer(rebasing: chunk[open...])
        }
        let file = self.file
        var owner = self.owner
        try splitter.feed(rest) { output throws(ParseError) in Self.handle(output, file: file, owner: &owner, into: sink) }
        self.owner = owner
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        guard inArray else { throw ParseError("no array after the window.YTD prefix") }
        let file = self.file
        var owner = self.owner
        try splitter.finish { output throws(ParseError) in Self.handle(output, file: file, owner: &owner, into: sink) }
        owner.flush(into: sink)
        self.owner = owner
    }

    private static func handle(_ output: JSONArraySplitter.Output, file: TwitterArchiveFile,
                               owner: inout ConversationOwnerGuess, into sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: "", keys: nil, into: sink) { value, index, _ in
            TwitterRecordMapper.map(value, file: file, index: index, owner: &owner, into: sink)
        }
    }
}
