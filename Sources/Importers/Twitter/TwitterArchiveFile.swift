/// Which data file of a Twitter/X archive a `window.YTD.<name>.partN = [` prefix names, and
/// what steward makes of it. Archives since 2019 ship `data/<name>.js` files that are
/// JavaScript assignments of one JSON array; the name uses `_` where the file name uses `-`
/// (`window.YTD.direct_messages.part0` in `direct-messages.js`).
public enum TwitterArchiveFile: String, Sendable, CaseIterable {
    case tweets
    case like
    case directMessages
    case following
    case follower
    case personalization
    case adImpressions
    case adEngagements
    case account

    /// The file for a `window.YTD` data-set name, e.g. `tweets`, `tweet`, `direct_messages_group`.
    public init?(dataSetName name: String) {
        switch name.replacingOccurrences(of: "-", with: "_") {
        case "tweets", "tweet", "community_tweet", "note_tweet": self = .tweets
        case "like": self = .like
        case "direct_messages", "direct_messages_group", "direct_message", "direct_message_group": self = .directMessages
        case "following": self = .following
        case "follower": self = .follower
        case "personalization": self = .personalization
        case "ad_impressions": self = .adImpressions
        case "ad_engagements": self = .adEngagements
        case "account": self = .account
        default: return nil
        }
    }

    /// The data-set name in `window.YTD.<name>.partN = ` at the start of `head`, or nil when
    /// the head is not a Twitter archive data file.
    public static func dataSetName(in head: ArraySlice<UInt8>) -> String? {
        let prefix = Array("window.YTD.".utf8)
        guard head.starts(with: prefix) else { return nil }
        var i = head.startIndex + prefix.count
        let start = i
        while i < head.endIndex, i - start < 100 {
            let b = head[i]
            let isNameByte = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D
            if !isNameByte { break }
            i += 1
        }
        guard i > start, i < head.endIndex, head[i] == UInt8(ascii: ".") else { return nil }
        return String(decoding: head[start..<i], as: UTF8.self)
    }
}
