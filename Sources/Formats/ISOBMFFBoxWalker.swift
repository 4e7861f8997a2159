import StewardCore

/// A streaming walker over ISO base media file format boxes (ISO/IEC 14496-12): the layout of
/// HEIC/HEIF photos, MP4 and MOV videos (docs/formats/photos.md, "HEIC photos and videos").
/// Bytes are pushed in chunks of any size; for each box header met the client decides whether
/// to step into the box (a container), to collect its payload (up to a limit), or to let it
/// stream past. Nothing but the current header and the collected payloads is ever held, so a
/// 2 GB video costs the same memory as a 2 MB photo.
///
/// A box is `size` (32-bit big-endian, counting its own header) and `type` (four bytes); size 1
/// means a 64-bit size follows the type, size 0 that the box runs to the end of its parent (or
/// of the file). Boxes that do not fit their parent, sizes smaller than their header, and
/// nesting deeper than `maxDepth` are errors naming the byte offset.
public struct ISOBMFFBoxWalker {
    /// One box header as met in the stream.
    public struct Box: Sendable, Equatable {
        /// The four-character type as a big-endian number (`ISOBMFFBoxWalker.fourCC("moov")`).
        public let type: UInt32
        /// Types of the boxes this one sits in, outermost first.
        public let parents: [UInt32]
        /// File offset of the first payload byte (after size, type and any 64-bit size).
        public let payloadStart: Int64
        /// File offset just past the box; nil when it runs to the end of the file.
        public let end: Int64?
    }

    public enum Action: Equatable {
        /// The box holds boxes: step in, after `headerBytes` of its own (4 for a full box's
        /// version and flags).
        case enter(headerBytes: Int)
        /// Like `enter`, for `meta`, which ISO writes as a full box and QuickTime as a plain
        /// one: the first payload bytes tell which.
        case enterMeta
        /// Hand the payload to `collected` when it is whole (at most `limit` bytes are kept;
        /// `truncated` says when there was more).
        case collect(limit: Int)
        /// Let it stream past.
        case skip
    }

    public static let maxDepth = 16

    /// File offset of the next byte `feed` will see.
    public private(set) var offset: Int64 = 0

    private enum State {
        case header
        case skipping(until: Int64?)
        case collecting(Box, limit: Int, until: Int64?)
        case metaHead(Box)
    }

    private var state: State = .header
    private var pending: [UInt8] = []
    /// Open containers: type and end offset (nil: to the end of the file).
    private var open: [(type: UInt32, end: Int64?)] = []

    public init() {}

    public static func fourCC(_ text: StaticString) -> UInt32 {
        precondition(text.utf8CodeUnitCount == 4)
        return text.withUTF8Buffer { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }

    /// Feeds the next chunk. `decide` is asked once per box header; `collected` gets each
    /// collected payload (`truncated`: the box was longer than its limit).
    public mutating func feed(_ chunk: UnsafeRawBufferPointer,
                              decide: (Box) -> Action,
                              collected: (Box, ArraySlice<UInt8>, _ truncated: Bool) -> Void) throws(ParseError) {
        var index = 0
        while index < chunk.count {
            closeFinishedContainers()
            switch state {
            case .header:
                let need = headerLength(pending) - pending.count
                let take = min(need, chunk.count - index)
                pending.append(contentsOf: chunk[index..<(index + take)])
                index += take
                offset += Int64(take)
                if pending.count == headerLength(pending) { try startBox(decide: decide, collected: collected) }
            case .skipping(let until):
                let take = until.map { Int(min(Int64(chunk.count - index), $0 - offset)) } ?? (chunk.count - index)
                index += take
                offset += Int64(take)
                if let until, offset >= until { state = .header }
            case .collecting(let box, let limit, let until):
                let take = until.map { Int(min(Int64(chunk.count - index), $0 - offset)) } ?? (chunk.count - index)
                let room = max(0, limit - pending.count)
                pending.append(contentsOf: chunk[index..<(index + min(take, room))])
                index += take
                offset += Int64(take)
                if let until, offset >= until {
                    collected(box, pending[...], until - box.payloadStart > Int64(limit))
                    pending.removeAll(keepingCapacity: true)
                    state = .header
                }
            case .metaHead(let box):
                // Four bytes decide: zero version and flags (ISO full box), or the size of the
                // first child (QuickTime, whose children follow at once).
                let take = min(4 - pending.count, chunk.count - index)
                pending.append(contentsOf: chunk[index..<(index + take)])
                index += take
                offset += Int64(take)
                guard pending.count == 4 else { continue }
                let isFullBox = pending.allSatisfy { $0 == 0 }
                let first = pending
                pending.removeAll(keepingCapacity: true)
                try enter(box)
                if !isFullBox { pending = first }
            }
        }
        closeFinishedContainers()
    }

    /// Ends the stream: a collected box cut short is handed on (`truncated`), as is one that
    /// runs to the end of the file; a header cut short is an error.
    public mutating func finish(collected: (Box, ArraySlice<UInt8>, _ truncated: Bool) -> Void) throws(ParseError) {
        switch state {
        case .collecting(let box, let limit, let until):
            collected(box, pending[...], until != nil || offset - box.payloadStart > Int64(limit))
        case .header where !pending.isEmpty:
            throw ParseError("file ends inside a box header at byte \(offset - Int64(pending.count))")
        default:
            break
        }
        state = .header
        pending.removeAll()
    }

    /// Bytes of the header begun in `bytes`: 8, or 16 with a 64-bit size.
    private func headerLength(_ bytes: [UInt8]) -> Int {
        bytes.count >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 1 ? 16 : 8
    }

    private mutating func startBox(decide: (Box) -> Action,
                                   collected: (Box, ArraySlice<UInt8>, _ truncated: Bool) -> Void) throws(ParseError) {
        let start = offset - Int64(pending.count)
        let size32 = pending[0..<4].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let type = pending[4..<8].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let size: UInt64 = size32 == 1 ? pending[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } : size32
        pending.removeAll(keepingCapacity: true)
        let parentEnd = open.last?.end
        let end: Int64?
        if size == 0 {
            end = parentEnd
        } else {
            guard size >= UInt64(offset - start), size <= UInt64(Int64.max - start) else {
                throw ParseError("box '\(Self.name(type))' at byte \(start) has size \(size), less than its header or beyond any file")
            }
            end = start + Int64(size)
        }
        if let parentEnd, let end, end > parentEnd {
            throw ParseError("box '\(Self.name(type))' at byte \(start) runs past the end of its parent '\(Self.name(open.last!.type))' (byte \(parentEnd))")
        }
        let box = Box(type: type, parents: open.map(\.type), payloadStart: offset, end: end)
        switch decide(box) {
        case .skip:
            state = .skipping(until: end)
        case .collect(let limit):
            state = .collecting(box, limit: max(0, limit), until: end)
        case .enter(let headerBytes):
            try enter(box)
            if headerBytes > 0 {
                // The full box's own fields are passed over as a nameless skip inside it.
                state = .skipping(until: offset + Int64(headerBytes))
            }
        case .enterMeta:
            // An empty meta box has nothing to tell apart.
            state = end == offset ? .header : .metaHead(box)
        }
        if case .skipping(let until) = state, let until, until == offset { state = .header }
        if case .collecting(_, _, let until) = state, let until, until == offset {
            collected(box, [][...], false)
            state = .header
        }
    }

    private mutating func enter(_ box: Box) throws(ParseError) {
        guard open.count < Self.maxDepth else {
            throw ParseError("boxes nested more than \(Self.maxDepth) deep at byte \(offset)")
        }
        open.append((box.type, box.end))
        state = .header
    }

    /// Containers whose end has been reached are left (only between boxes).
    private mutating func closeFinishedContainers() {
        guard case .header = state, pending.isEmpty else { return }
        while let last = open.last, let end = last.end, offset >= end { open.removeLast() }
    }

    /// A type as text for messages (`ftyp`, `©xyz`), bytes outside printable ASCII as `?`.
    public static func name(_ type: UInt32) -> String {
        String((0..<4).map { shift -> Character in
            let byte = UInt8(truncatingIfNeeded: type >> (24 - 8 * shift))
            if byte == 0xA9 { return "©" }
            return (0x20..<0x7F).contains(byte) ? Character(UnicodeScalar(byte)) : "?"
        })
    }
}
