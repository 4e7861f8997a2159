import StewardCore

/// Which Google product a My Activity file holds, read from its first record before the scan
/// parses anything. Takeout writes one file per product (Search, YouTube, Chrome, Maps, …), and
/// a record of one product can never be a record of another: knowing the product lets the
/// overlap check leave a lone Takeout's files alone while two downloads of the same product are
/// still reconciled (docs/duplicates.md, "What is checked"). The product list of a record is
/// not localized ("Search", "YouTube"), unlike folder names and headers of sub-products
/// ("Image Search", "YouTube Music"), so it is what this reads.
enum MyActivityProductProbe {
    /// The first string of the first `"products"` list in a JSON head; nil when the head holds
    /// none (an empty file, a first record without products) or it is escaped.
    static func productInJSON(_ head: ArraySlice<UInt8>) -> String? {
        JSONHeadProbe.firstString(of: "products", in: head, inList: true).flatMap { product($0.utf8[...]) }
    }

    /// The first line of the first record's caption in an HTML head (`<b>Products:</b><br>&emsp;YouTube<br>`;
    /// the label is localized, the product is not).
    static func productInHTML(_ head: ArraySlice<UInt8>) -> String? {
        guard let caption = ByteSearch.firstIndex(of: "mdl-typography--caption\">", in: head) else { return nil }
        let window = head[caption...].prefix(512)
        guard let line = ByteSearch.firstIndex(of: "&emsp;", in: window) else { return nil }
        let start = line + "&emsp;".utf8.count
        guard let end = head[start...].prefix(Self.longestProduct).firstIndex(of: UInt8(ascii: "<")) else { return nil }
        return Self.product(head[start..<end])
    }

    /// Product names are short; anything longer is not a product list.
    private static let longestProduct = 80

    private static func product<C: Collection>(_ bytes: C) -> String? where C.Element == UInt8 {
        let trimmed = Array(bytes).drop(while: JSONHeadProbe.isSpace).reversed().drop(while: JSONHeadProbe.isSpace).reversed()
        return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
    }
}
