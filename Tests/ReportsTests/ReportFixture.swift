import StewardCore

/// A fixed scan report covering every section: inputs with errors, an unrecognized file,
/// findings of several sensitivities (one with an excerpt that tries to inject a terminal
/// escape), a points score and a verdict.
enum ReportFixture {
    static let report = ScanReport(
        tool: .init(version: "0.1.0", rules: "9f3a61c0d2e4b7a8"),
        scan: .init(id: "scan-20240305-0001", started: "2024-03-05T09:30:00Z",
                    paths: ["/home/ana/exports/statement-2024.ofx", "/home/ana/exports/takeout-20240301.zip"]),
        inputs: [
            .init(path: "/home/ana/exports/statement-2024.ofx", source: "bank.ofx", events: 412, skipped: 2,
                  errors: ["line 1880: STMTTRN without DTPOSTED, skipped", "line 2011: amount '12,5O' is not a number, skipped"],
                  warnings: ["dates read as day/month (01/03/2024 = 1 March): the rows are in date order only when read that way"]),
            .init(path: "/home/ana/exports/takeout-20240301.zip!Takeout/My Activity/Search/MyActivity.json",
                  source: "google.my_activity", events: 9_120, skipped: 0, errors: []),
        ],
        unrecognized: [
            .init(path: "/home/ana/exports/takeout-20240301.zip!Takeout/Fit/Daily activity metrics/2024-03-01.csv",
                  reason: "no importer recognizes this file (CSV header: Start time,End time,Move Minutes count)"),
        ],
        knownFiles: [
            .init(path: "/home/ana/exports/takeout-20240301.zip!Takeout/archive_browser.html",
                  reason: "Google Takeout's archive browser page (an index of the archive, no records)"),
        ],
        findings: [
            Finding(attribute: "finance.gambling", title: "Gambling", sensitivity: .financial, confidence: 0.9, count: 14,
                    firstSeen: "2024-01-04", lastSeen: "2024-02-27", rules: ["finance.gambling.bookmaker"],
                    sources: ["bank.ofx"], evidence: [
                        Evidence(path: "/home/ana/exports/statement-2024.ofx", locator: "line 233", time: "2024-01-04",
                                 excerpt: "BET365 · -25.00 EUR · MCC 7995", rule: "finance.gambling.bookmaker"),
                        Evidence(path: "/home/ana/exports/statement-2024.ofx", locator: "line 871", time: "2024-02-27",
                                 excerpt: "PADDY POWER \u{1B}[2J\u{1B}]0;owned\u{07} · -40.00 EUR", rule: "finance.gambling.bookmaker"),
                    ]),
            Finding(attribute: "health.alcohol", title: "Alcohol purchases", sensitivity: .special, confidence: 0.75,
                    count: 3, firstSeen: "2024-01-12", lastSeen: "2024-02-09", rules: ["health.alcohol.liquor_store"],
                    sources: ["bank.ofx"], evidence: [
                        Evidence(path: "/home/ana/exports/statement-2024.ofx", locator: "line 402", time: "2024-01-12",
                                 excerpt: "WEINHANDLUNG SCHMIDT · -32.90 EUR · MCC 5921", rule: "health.alcohol.liquor_store"),
                    ]),
            Finding(attribute: "civic.blood_donation", title: "Blood donation", sensitivity: .behavioral, confidence: 0.8,
                    count: 2, firstSeen: "2024-01-20T10:02:11Z", lastSeen: "2024-02-17T09:40:03Z",
                    rules: ["civic.blood_donation.search"], sources: ["google.my_activity"], evidence: [
                        Evidence(path: "/home/ana/exports/takeout-20240301.zip!Takeout/My Activity/Search/MyActivity.json",
                                 locator: "record 311 (/311)", time: "2024-01-20T10:02:11Z",
                                 excerpt: "Searched for blood donation centre opening hours <script>alert(1)</script>",
                                 rule: "civic.blood_donation.search"),
                    ]),
            Finding(attribute: "finance.income", title: "Income level", sensitivity: .financial, confidence: 0.6,
                    count: 2, firstSeen: nil, lastSeen: nil, rules: ["finance.income.salary"], sources: ["bank.ofx"],
                    value: "2000-3000 EUR/month", evidence: []),
        ],
        scores: [
            ScoreResult(model: "citizen-1000", title: "Municipal citizen score", total: 1140, base: 1000, tier: "AAA", tierLabel: "exemplary",
                        contributions: [
                            Contribution(rule: "citizen.blood_donation", attribute: "civic.blood_donation", delta: 200,
                                         basis: .documented, source: "[YJ] Yanji morality bank: blood donation 200 points",
                                         reason: "Donating blood earns points."),
                            Contribution(rule: "citizen.drinking", attribute: "health.alcohol", delta: -10,
                                         basis: .illustrative, source: "[HZ] [SEED] Hangzhou proposal: drinking lowers the health rating",
                                         reason: "Alcohol purchases lower the proposed health rating."),
                            Contribution(rule: "citizen.gambling", attribute: "finance.gambling", delta: -50,
                                         basis: .illustrative, source: "[SEED] direction is steward's assumption", reason: nil),
                        ],
                        benefits: ["faster permission to travel to Europe [SEED]", "renting without collateral [SEED]"],
                        consequences: [],
                        notes: ["2 of 3 contributions are illustrative: the direction has a source, the number of points is steward's own, to show the mechanism."]),
            ScoreResult(model: "health-score", title: "Hangzhou health score (proposal)", total: 1, base: 50, tier: "below-start",
                        tierLabel: "below the starting point", contributions: [
                            Contribution(rule: "health.drinking", attribute: "health.alcohol", delta: -36, basis: .illustrative,
                                         source: "[HZ] −1.5 per 200 ml of baijiu", reason: nil),
                            Contribution(rule: "health.smoking", attribute: "health.tobacco", delta: -60, basis: .illustrative,
                                         source: "[HZ] −3 per 5 cigarettes", reason: nil),
                        ], consequences: [],
                        notes: ["The base of 50 plus the contributions (-96) comes to -46; the scale stops at 1, so the total is 1."]),
            ScoreResult(model: "hiring-stop-factors", title: "Hiring stop factors", total: nil, tier: "pass",
                        tierLabel: "no stop factor found in these exports", contributions: [], consequences: [], notes: []),
        ])
}
