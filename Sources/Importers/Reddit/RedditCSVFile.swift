import Foundation

/// The files of Reddit's data request (GDPR/CCPA export) steward reads, by header row.
public enum RedditCSVFile: String, Sendable, CaseIterable {
    case comments
    case posts
    case subscribedSubreddits

    /// Header columns (lower-case) that identify the file.
    public var requiredColumns: [String] {
        switch self {
        case .comments: return ["id", "permalink", "date", "subreddit", "parent", "body"]
        case .posts: return ["id", "permalink", "date", "subreddit", "title", "body"]
        case .subscribedSubreddits: return ["subreddit"]
        }
    }

    /// The file whose header is the first line of `head`. subscribed_subreddits.csv has the
    /// single column `subreddit`, so for it the header must be exactly that.
    public static func detect(head: ArraySlice<UInt8>) -> RedditCSVFile? {
        let end = head.firstIndex(of: 0x0A) ?? head.endIndex
        let line = String(decoding: head[head.startIndex..<end], as: UTF8.self)
        let names = line.lowercased().split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \r\"\u{FEFF}"))
        }
        if names == ["subreddit"] { return .subscribedSubreddits }
        guard names.contains("ip") || names.contains("gildings") else { return nil }
        for file in [RedditCSVFile.comments, .posts] where file.requiredColumns.allSatisfy(names.contains) { return file }
        return nil
    }
}
