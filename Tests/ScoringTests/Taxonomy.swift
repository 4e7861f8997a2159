/// The 34 stable attribute ids of DESIGN.md's taxonomy. The pipeline passes the ids from
/// rules/attributes.yaml; these tests use the contract's list so they do not depend on the
/// rules engine (which is built separately).
enum Taxonomy {
    static let ids: Set<String> = [
        "finance.loans", "finance.arrears", "finance.overdraft", "finance.late_bills", "finance.gambling",
        "finance.income", "health.alcohol", "health.tobacco", "health.fitness", "health.medical",
        "health.mental", "health.pregnancy", "civic.blood_donation", "civic.volunteering", "civic.charity",
        "civic.elder_care", "belief.religion", "politics.engagement", "politics.protest",
        "politics.pro_government", "union.membership", "life.dating", "life.sexual_orientation",
        "work.job_hopping", "work.unemployment", "legal.court", "legal.traffic_fines", "conduct.gaming",
        "conduct.no_show", "mobility.home", "mobility.workplace", "mobility.travel_abroad",
        "mobility.night_activity", "platform.ad_interests",
    ]

    /// `rules/models` of this checkout, found from this file's path.
    static var modelsDirectory: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3) // Taxonomy.swift, ScoringTests, Tests
        return parts.joined(separator: "/") + "/rules/models"
    }
}
