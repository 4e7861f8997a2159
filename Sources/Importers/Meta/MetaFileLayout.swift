/// How one Facebook / Instagram JSON file is laid out: which array holds its records, what
/// they are, and which platform wrote it. Recognized by content, because Meta renames its
/// folders between export versions (`friends/` → `friends_and_followers/` → `connections/`)
/// and localizes labels: the top-level key (`friends_v2`, `inferred_data_ig_interest`) is the
/// stable part. Keys end in `_v2` since the 2021 exporter; both spellings are listed.
public struct MetaFileLayout: Sendable, Equatable {
    public var kind: MetaRecordKind
    /// Key path of the records' array; empty for a top-level array.
    public var arrayPath: [String]
    /// Which list this is ("friends", "ads interests", …), kept as the events' `product`.
    public var list: String
    public var platform: MetaPlatform
    /// The 2024 exporter's `label_values` layout: the array's elements are `{"label", "vec":
    /// [{"value"} | {"dict": [{"label", "value"}]}]}` or `{"label", "value"}`, and every value
    /// in them is one record (see `labelValueLists`).
    public var labelValues = false

    public init(kind: MetaRecordKind, arrayPath: [String], list: String, platform: MetaPlatform, labelValues: Bool = false) {
        self.kind = kind
        self.arrayPath = arrayPath
        self.list = list
        self.platform = platform
        self.labelValues = labelValues
    }

    /// Top-level key → (record kind, list name, Instagram-only key). Keys from Facebook's and
    /// Instagram's 2020–2024 exports (JSON format).
    static let keyedLists: [String: (kind: MetaRecordKind, list: String, instagram: Bool)] = [
        "friends": (.contact, "friends", false),
        "friends_v2": (.contact, "friends", false),
        "following_v2": (.contact, "following", false),
        "followers_v2": (.contact, "followers", false),
        "relationships_following": (.contact, "following", true),
        "relationships_followers": (.contact, "followers", true),
        "relationships_close_friends": (.contact, "close friends", true),
        "comments": (.comment, "comments", false),
        "comments_v2": (.comment, "comments", false),
        "group_comments_v2": (.comment, "group comments", false),
        "comments_reels_comments": (.comment, "reels comments", true),
        "group_posts_v2": (.post, "group posts", false),
        "reactions": (.reaction, "reactions", false),
        "reactions_v2": (.reaction, "reactions", false),
        "likes_media_likes": (.reaction, "liked posts", true),
        "likes_comment_likes": (.reaction, "liked comments", true),
        "page_likes": (.page, "pages liked", false),
        "page_likes_v2": (.page, "pages liked", false),
        "pages_followed_v2": (.page, "pages followed", false),
        "groups_joined": (.group, "groups joined", false),
        "groups_joined_v2": (.group, "groups joined", false),
        "group_membership_v2": (.group, "groups joined", false),
        "your_events_v2": (.event, "your events", false),
        "searches": (.search, "search history", false),
        "searches_v2": (.search, "search history", false),
        "searches_user": (.search, "account searches", true),
        "searches_keyword": (.search, "word searches", true),
        "searches_hashtag": (.search, "tag searches", true),
        "topics": (.adInterest, "ads interests", false),
        "topics_v2": (.adInterest, "ads interests", false),
        "bcts": (.adInterest, "other categories used to reach you", false),
        "inferred_data_ig_interest": (.adInterest, "ads interests", true),
        "topics_your_topics": (.adInterest, "your topics", true),
        "custom_audiences": (.advertiser, "advertisers using your activity or information", false),
        "custom_audiences_v2": (.advertiser, "advertisers using your activity or information", false),
        "custom_audiences_all_types_v2": (.advertiser, "advertisers using your activity or information", false),
        "ig_custom_audiences_all_types": (.advertiser, "advertisers using your activity or information", true),
        "off_facebook_activity": (.offPlatformActivity, "off-Facebook activity", false),
        "off_facebook_activity_v2": (.offPlatformActivity, "off-Facebook activity", false),
    ]

    /// Files the 2024 exporter writes as one object `{"label_values": [{"label": "Name", "vec":
    /// [{"value": "Frequent travellers"}, …]}], "fbid": …, "media": []}` instead of a keyed list
    /// (Facebook's `your_facebook_activity/ads_information/` and Instagram's
    /// `ads_information/instagram_ads_and_businesses/`). `label_values` is used by many other
    /// files for single settings, so only these names are read as lists.
    static let labelValueLists: [String: (kind: MetaRecordKind, list: String)] = [
        "other_categories_used_to_reach_you.json": (.adInterest, "other categories used to reach you"),
        "advertisers_using_your_activity_or_information.json": (.advertiser, "advertisers using your activity or information"),
    ]

    /// Objects whose records sit one level further down, e.g. event responses:
    /// `{"event_responses_v2": {"events_joined": […], "events_declined": […]}}` (only the
    /// first array under the path is read: the events joined).
    static let nestedLists: [String: (path: [String], kind: MetaRecordKind, list: String)] = [
        "event_responses_v2": (["event_responses_v2", "events_joined"], .event, "events joined"),
        "event_responses": (["event_responses", "events_joined"], .event, "events joined"),
    ]

    /// The layout of the file `probe` shows, and why; nil when it is not a Meta JSON file
    /// steward reads.
    public static func detect(_ probe: FileProbe) -> (layout: MetaFileLayout, reason: String)? {
        let head = probe.trimmedHead
        guard let first = head.first else { return nil }
        let pathSaysInstagram = probe.path.lowercased().contains("instagram")
        if first == UInt8(ascii: "{") {
            guard let key = JSONHeadSniffer.firstKey(in: head) else { return nil }
            if key == "participants" || key == "threadName" {
                guard JSONHeadSniffer.containsKey("messages", in: head) else { return nil }
                let platform: MetaPlatform = pathSaysInstagram || probe.path.contains("your_instagram_activity") ? .instagram : .facebook
                return (MetaFileLayout(kind: .thread, arrayPath: ["messages"], list: "messages", platform: platform),
                        "message thread: participants and messages[] (\(platform.rawValue))")
            }
            if let entry = keyedLists[key] {
                let platform: MetaPlatform = entry.instagram || pathSaysInstagram || JSONHeadSniffer.containsKey("string_map_data", in: head.prefix(4096))
                    ? .instagram : .facebook
                return (MetaFileLayout(kind: entry.kind, arrayPath: [key], list: entry.list, platform: platform),
                        "\(platform.rawValue) export list \"\(key)\"")
            }
            if let entry = labelValueLists[probe.fileName.lowercased()],
               key == "label_values" || JSONHeadSniffer.containsKey("label_values", in: head) {
                let platform: MetaPlatform = pathSaysInstagram ? .instagram : .facebook
                return (MetaFileLayout(kind: entry.kind, arrayPath: ["label_values"], list: entry.list, platform: platform,
                                       labelValues: true),
                        "\(platform.rawValue) export list \"\(entry.list)\" (label_values)")
            }
            if let entry = nestedLists[key] {
                return (MetaFileLayout(kind: entry.kind, arrayPath: entry.path, list: entry.list, platform: .facebook),
                        "facebook export list \"\(key)\"")
            }
            return nil
        }
        guard first == UInt8(ascii: "[") else { return nil }
        // Top-level arrays: Facebook posts and reactions (`timestamp` + `data`/`attachments`)
        // and Instagram's label/value records, whose kind only the file name tells.
        let record = head.prefix(8 * 1024)
        let name = probe.fileName.lowercased()
        if JSONHeadSniffer.containsKey("timestamp", in: record),
           JSONHeadSniffer.containsKey("data", in: record) || JSONHeadSniffer.containsKey("attachments", in: record) {
            if JSONHeadSniffer.containsKey("reaction", in: record) || name.hasPrefix("likes_and_reactions") {
                return (MetaFileLayout(kind: .reaction, arrayPath: [], list: "likes and reactions", platform: .facebook),
                        "facebook likes and reactions (timestamp, data[].reaction)")
            }
            return (MetaFileLayout(kind: .post, arrayPath: [], list: "posts", platform: .facebook),
                    "facebook posts (timestamp, data[], attachments)")
        }
        if JSONHeadSniffer.containsKey("string_list_data", in: record) || JSONHeadSniffer.containsKey("string_map_data", in: record) {
            if name.hasPrefix("followers") {
                return (MetaFileLayout(kind: .contact, arrayPath: [], list: "followers", platform: .instagram), "instagram followers")
            }
            if name.contains("comments") {
                return (MetaFileLayout(kind: .comment, arrayPath: [], list: "comments", platform: .instagram), "instagram comments")
            }
            return nil
        }
        if JSONHeadSniffer.containsKey("media", in: record), JSONHeadSniffer.containsKey("creation_timestamp", in: record),
           name.hasPrefix("posts") || name.hasPrefix("stories") || name.hasPrefix("reels") {
            return (MetaFileLayout(kind: .post, arrayPath: [], list: name.hasPrefix("posts") ? "posts" : "stories", platform: .instagram),
                    "instagram \(name.hasPrefix("posts") ? "posts" : "stories") (media[], creation_timestamp)")
        }
        return nil
    }
}
