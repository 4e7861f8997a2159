/// "1 record", "2 records": counts in reports agree with their noun.
enum Plural {
    /// `n` and the noun in the number `n` needs (`plural` defaults to the noun plus "s").
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }
}
