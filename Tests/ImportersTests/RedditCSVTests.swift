import XCTest
import StewardCore
@testable import Importers

/// Reddit data request CSV files (header rows as Reddit writes them; values invented).
final class RedditCSVTests: XCTestCase {
    func parse(_ text: String, path: String, chunkSize: Int = 64 * 1024) throws -> [Event] {
        try parseDetected(text, path: path, expecting: "reddit.csv", chunkSize: chunkSize).events
    }

    func testCommentsPostsAndSubscriptions() throws {
        let comments = """
        id,permalink,date,ip,subreddit,gildings,link,parent,body,media
        k1,https://www.reddit.com/r/union/comments/a/b/k1/,2023-01-15 10:20:30 UTC,0.0.0.0,union,0,https://www.reddit.com/r/union/comments/a/b/,,"Our shop steward says
        the strike ballot is next week",
        """
        for chunk in [1, 64 * 1024] {
            let c = try parse(comments, path: "comments.csv", chunkSize: chunk)
            XCTAssertEqual(c.count, 1)
            XCTAssertEqual(c.first?.kind, .comment)
            XCTAssertEqual(c.first?.counterparty, "r/union")
            XCTAssertEqual(c.first?.text, "Our shop steward says\nthe strike ballot is next week")
            XCTAssertEqual(c.first?.time?.iso8601, "2023-01-15T10:20:30Z")
        }
        let posts = """
        id,permalink,date,ip,subreddit,gildings,title,url,body
        p1,https://www.reddit.com/r/AgingParents/comments/p1/x/,2023-02-01 08:00:00 UTC,0.0.0.0,AgingParents,0,Caring for my mother with dementia,,Any advice?
        """
        let p = try XCTUnwrap(try parse(posts, path: "posts.csv").first)
        XCTAssertEqual(p.kind, .post)
        XCTAssertEqual(p.title, "Caring for my mother with dementia")
        let subs = "subreddit\nlesbians\ngaming\n"
        XCTAssertEqual(try parse(subs, path: "subscribed_subreddits.csv").map(\.title), ["r/lesbians", "r/gaming"])
    }

    func testHeaderVariantsAndNonReddit() {
        func detect(_ text: String, _ name: String) -> Detection? {
            RedditCSVImporter().detect(FileProbe(path: name, head: Array(text.utf8), size: nil))
        }
        XCTAssertNil(detect("id,date,body\n1,2,3\n", "comments.csv"), "no ip/gildings column: not Reddit's")
        XCTAssertEqual(detect("subreddit\nx\n", "renamed.csv")?.confidence ?? 0, 0.6, accuracy: 0.001)
        XCTAssertNil(detect("subreddit,count\nx,1\n", "subs.csv"))
    }
}
