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
    private let state = ReadingState()
    /// The elements are read on a second thread while this one splits the file
    /// (`RecordReadingThread`): one thread doing both was what a scan of `tweets.js` waited for.
    private var reading: RecordReadingThread<SplitterNote>?
    private let readingBatchBytes: Int

    /// What reading the elements keeps from one to the next, owned by the thread that reads them.
    private final class ReadingState {
        var owner = ConversationOwnerGuess()
    }

    /// The prefix is a short JavaScript assignment; anything longer before `[` is not an archive file.
    static let maxPrefixBytes = 4096

    public init(file: TwitterArchiveFile) {
        self.init(file: file, readingBatchBytes: recordReadingBatchBytes)
    }

    /// `readingBatchBytes`: element bytes handed to the reading thread at a time (tests pass a
    /// few bytes so that small inputs go through the thread).
    init(file: TwitterArchiveFile, readingBatchBytes: Int) {
        self.file = file
        self.readingBatchBytes = readingBatchBytes
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
        let reading = readingThread(into: sink)
        do throws(ParseError) {
            try splitter.feed(rest) { output in reading.add(output) }
        } catch {
            reading.settle()
            throw error
        }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        guard inArray else { throw ParseError("no array after the window.YTD prefix") }
        let reading = readingThread(into: sink)
        defer { reading.settle() }
        try splitter.finish { output in reading.add(output) }
        reading.settle()
        state.owner.flush(into: sink)
    }

    public mutating func settle(into sink: EventSink) {
        reading?.settle()
    }

    private mutating func readingThread(into sink: EventSink) -> RecordReadingThread<SplitterNote> {
        if let reading { return reading }
        let file = self.file, state = self.state
        let started = RecordReadingThread<SplitterNote>(batchBytes: readingBatchBytes, reading: { output in
            Self.handle(output, file: file, owner: &state.owner, into: sink)
        })
        reading = started
        return started
    }

    private static func handle(_ output: JSONArraySplitter.Output, file: TwitterArchiveFile,
                               owner: inout ConversationOwnerGuess, into sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: "", keys: nil, into: sink) { value, index, _ in
            TwitterRecordMapper.map(value, file: file, index: index, owner: &owner, into: sink)
        }
    }
}
