import Foundation
import StewardCore
import Formats

/// Streams TikTok's "Download your data" JSON (`user_data.json`, 2021–2024 layout): one object
/// of sections ("Activity" — "Your Activity" in newer files —, "Comment", "Direct Messages",
/// "Video", …), each holding lists of `{"Date": "2023-01-15 10:20:30", …}` records (UTC).
/// The lists read are found by key path with `JSONPathWalker`; everything else (login
/// history with IP addresses, settings, shopping) is passed over unbuilt.
/// Direct messages (`"Chat History with <user>:": [{"Date", "From", "Content"}]`) are
/// attributed with `ConversationOwnerGuess` across all chats of the file.
public struct TikTokUserDataParser: ExportParser {
    public static let source = "tiktok.json"

    /// Key paths of the lists read, and what their records are.
    static let lists: [(path: [String], kind: EventKind, list: String)] = [
        (["*", "Like List", "ItemFavoriteList"], .like, "liked videos"),
        (["*", "Favorite Videos", "FavoriteVideoList"], .like, "favorite videos"),
        (["*", "Favorite Hashtags", "FavoriteHashtagList"], .like, "favorite hashtags"),
        (["*", "Search History", "SearchList"], .search, "search history"),
        (["*", "Video Browsing History", "VideoList"], .watch, "watch history"),
        (["*", "Following List", "Following"], .contact, "following"),
        (["*", "Follower List", "FansList"], .contact, "followers"),
        (["Comment", "Comments", "CommentsList"], .comment, "comments"),
        (["Video", "Videos", "VideoList"], .post, "videos posted"),
        (["*", "Chat History", "ChatHistory", "*"], .message, "direct messages"),
    ]

    /// Single string values read: the ad interest categories TikTok inferred, `|`-separated.
    static let adInterestPath = ["Ads and data", "Ad Interests", "AdInterestCategories"]

    private var walker = JSONPathWalker(targets: TikTokUserDataParser.lists.map(\.path),
                                        valueTargets: [TikTokUserDataParser.adInterestPath])
    private var owner = ConversationOwnerGuess()
    private var prefixes = PointerPrefixes()

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var owner = self.owner, prefixes = self.prefixes
        walker.feed(chunk) { Self.handle($0, owner: &owner, prefixes: &prefixes, into: sink) }
        self.owner = owner
        self.prefixes = prefixes
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        var owner = self.owner, prefixes = self.prefixes
        walker.finish { Self.handle($0, owner: &owner, prefixes: &prefixes, into: sink) }
        owner.flush(into: sink)
        self.owner = owner
    }

    private static func handle(_ output: JSONPathWalker.Output, owner: inout ConversationOwnerGuess,
                               prefixes: inout PointerPrefixes, into sink: EventSink) {
        switch output {
        case .skippedValue(_, let keys, let reason):
            sink.skip(reason, at: SourcePosition(pointer: "/" + keys.joined(separator: "/")))
        case .value(_, _, let bytes):
            let text = (try? bytes.withUnsafeBytes { raw in try JSONValueParser.parse(raw) })?.stringValue ?? ""
            let pointer = "/" + adInterestPath.joined(separator: "/")
            for (i, category) in text.split(separator: "|").enumerated() {
                let name = category.trimmingSpaces()
                guard !name.isEmpty else { continue }
                sink.emit(Event(source: source, kind: .adInterest, text: name, product: "ad interests",
                                position: SourcePosition(record: i, pointer: pointer)))
            }
        case .skipped(let target, let key, let index, let reason):
            sink.skip(reason, at: position(target: target, key: key, index: index, prefixes: &prefixes))
        case .element(let target, let key, let index, let bytes):
            let at = position(target: target, key: key, index: index, prefixes: &prefixes)
            let value: JSONValue
            do {
                value = try bytes.withUnsafeBytes { raw in try JSONValueParser.parse(raw) }
            } catch {
                sink.skip("\(error)", at: at)
                return
            }
            let list = lists[target]
            func field(_ names: String...) -> String? {
                for name in names { if let s = value[name]?.stringValue, !s.isEmpty { return s } }
                return nil
            }
            let time = field("Date", "date").flatMap { Timestamp.parseISO8601($0.utf8) }
            var event = Event(source: source, kind: list.kind, time: time, product: list.list, position: at)
            switch list.kind {
            case .like, .watch:
                event.url = field("Link", "link", "VideoLink")
                event.title = field("HashtagName", "Hashtag")
            case .search:
                event.text = field("SearchTerm", "Search Term")
            case .contact:
                event.counterparty = field("UserName", "Username", "username")
            case .comment:
                event.text = field("Comment", "comment", "Comments")
                event.url = field("Url", "Link")
            case .post:
                event.text = field("Description", "Title", "desc")
                event.url = field("Link", "VideoLink")
            case .message:
                event.text = field("Content", "content", "Message")
                owner.add(event, sender: field("From", "from", "Sender"), into: sink)
                return
            default:
                break
            }
            guard event.time != nil || event.text != nil || event.url != nil || event.counterparty != nil else {
                sink.skip("record without date, text, link or user name", at: at)
                return
            }
            sink.emit(event)
        }
    }

    /// JSON pointer prefix of a list (`/…/Search History/SearchList`), escaped once per list
    /// and, for chats, once per chat key: building it per record cost more than parsing.
    struct PointerPrefixes {
        private var cache: [Int: (key: String, prefix: String)] = [:]

        mutating func prefix(target: Int, key: String) -> String {
            if let hit = cache[target], hit.key == key { return hit.prefix }
            var path = TikTokUserDataParser.lists[target].path
            if path.last == "*" { path[path.count - 1] = key }
            if path.first == "*" { path[0] = "…" }
            let prefix = JSONPointer.path(path)
            cache[target] = (key, prefix)
            return prefix
        }
    }

    private static func position(target: Int, key: String, index: Int, prefixes: inout PointerPrefixes) -> SourcePosition {
        // The element's pointer is written when read: most records are never shown.
        SourcePosition.element(index, of: prefixes.prefix(target: target, key: key))
    }
}
