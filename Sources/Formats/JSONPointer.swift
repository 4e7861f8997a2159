/// JSON Pointers (RFC 6901), the positions importers give for records of JSON exports
/// (`/Usage/app_opens/2024-03-01`): each key escaped (`~` → `~0`, `/` → `~1`), joined by `/`.
public enum JSONPointer {
    /// One key as a reference token.
    public static func token(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The pointer of the value found under `keys` (`[]` → the whole document, `""`).
    public static func path(_ keys: [String]) -> String {
        keys.map { "/" + token($0) }.joined()
    }
}
