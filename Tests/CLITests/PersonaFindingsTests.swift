import Foundation
import XCTest

/// What each built-in persona reveals, pinned: a rule or model change that moves a persona's
/// findings or tiers shows up here and has to be made deliberately (docs/workshop.md).
final class PersonaFindingsTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("cli-personas") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    struct Expected {
        var attributes: Set<String>
        var tiers: [String: String]
        /// Shop and place names that only look like something a scorer reads.
        var lookAlikes: [String]
    }

    static let expected: [String: Expected] = [
        "sam": Expected(
            attributes: ["civic.blood_donation", "civic.charity", "conduct.gaming", "finance.arrears", "finance.gambling",
                         "finance.income", "finance.loans", "finance.overdraft", "health.alcohol", "health.fitness",
                         "health.medical", "health.tobacco", "life.dating", "mobility.home", "mobility.shopping_trail", "mobility.travel_abroad",
                         "mobility.workplace"],
            tiers: ["citizen-1000": "B", "health-code": "red", "health-score": "below-start",
                    "hiring-stop-factors": "stop", "sesame-like": "below 600", "travel-blacklist": "stop"],
            lookAlikes: ["Church Street Tesco", "Court Road Bakery", "Casino Royale DVD"]),
        "lena": Expected(
            attributes: ["civic.blood_donation", "civic.charity", "finance.gambling", "finance.income", "finance.loans",
                         "health.fitness", "health.medical", "mobility.home", "mobility.shopping_trail", "mobility.night_activity",
                         "mobility.travel_abroad", "mobility.workplace", "platform.ad_interests"],
            tiers: ["citizen-1000": "AAA", "health-code": "red", "health-score": "above-start",
                    "hiring-stop-factors": "stop", "sesame-like": "below 600", "travel-blacklist": "pass"],
            lookAlikes: ["Weingarten", "Spielwaren", "Kirchstraße"]),
        "camille": Expected(
            attributes: ["civic.elder_care", "civic.volunteering", "finance.income", "health.medical", "legal.traffic_fines",
                         "mobility.home", "mobility.shopping_trail", "mobility.travel_abroad", "mobility.workplace", "platform.ad_interests",
                         "politics.protest", "union.membership"],
            tiers: ["citizen-1000": "A+", "health-code": "red", "health-score": "at-start",
                    "hiring-stop-factors": "pass", "sesame-like": "600+", "travel-blacklist": "pass"],
            lookAlikes: ["Boulangerie du Temple", "manifestation sportive", "Urban Trail"]),
        "lucia": Expected(
            // Her only monthly credit is the SEPE benefit: unemployment, not income (analyzers/income.yaml exclude).
            attributes: ["conduct.no_show", "finance.late_bills", "health.mental", "health.pregnancy",
                         "life.sexual_orientation", "mobility.home", "mobility.shopping_trail", "mobility.travel_abroad", "work.job_hopping",
                         "work.unemployment"],
            tiers: ["citizen-1000": "B", "health-code": "yellow", "health-score": "at-start",
                    "hiring-stop-factors": "pass", "sesame-like": "below 600", "travel-blacklist": "pass"],
            lookAlikes: ["Tabakalera", "Queer Eye"]),
        "dmitri": Expected(
            attributes: ["finance.arrears", "finance.income", "finance.late_bills", "health.alcohol", "health.medical",
                         "health.tobacco", "legal.court", "legal.traffic_fines", "mobility.home", "mobility.shopping_trail", "mobility.night_activity",
                         "mobility.travel_abroad", "mobility.workplace", "politics.protest"],
            tiers: ["citizen-1000": "D", "health-code": "red", "health-score": "below-start",
                    "hiring-stop-factors": "stop", "sesame-like": "below 600", "travel-blacklist": "stop"],
            lookAlikes: ["Судак", "судака"]),
        "fang": Expected(
            attributes: ["belief.religion", "civic.blood_donation", "conduct.gaming", "health.fitness", "health.medical",
                         "mobility.home", "mobility.shopping_trail", "mobility.travel_abroad", "mobility.workplace", "platform.ad_interests",
                         "politics.engagement", "politics.pro_government"],
            tiers: ["citizen-1000": "AAA", "health-code": "red", "health-score": "above-start",
                    "hiring-stop-factors": "pass", "sesame-like": "below 600", "travel-blacklist": "pass"],
            lookAlikes: ["党参"]),
    ]

    /// Each persona's report, scanned once for all tests of the class (a scan takes seconds).
    nonisolated(unsafe) static var reports: [String: [String: Any]] = [:]

    func report(_ persona: String) throws -> [String: Any] {
        if let cached = Self.reports[persona] { return cached }
        let result = try StewardProcess.run(["demo", persona, "--dir", home + "/" + persona, "--no-db", "--format", "json",
                                             "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try StewardProcess.json(result.stdout)
        Self.reports[persona] = report
        return report
    }

    func testEveryPersonaHasPinnedExpectations() throws {
        let listed = try StewardProcess.run(["demo", "--list"], home: home)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let ids = Set(listed.stdout.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) })
        XCTAssertEqual(ids, Set(Self.expected.keys))
    }

    func testEachPersonaRevealsExactlyItsPinnedAttributesAndTiers() throws {
        for (persona, expected) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let report = try report(persona)
            let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
            XCTAssertEqual(Set(findings.compactMap { $0["attribute"] as? String }), expected.attributes, persona)
            let scores = try XCTUnwrap(report["scores"] as? [[String: Any]])
            var tiers: [String: String] = [:]
            for score in scores { tiers[score["model"] as? String ?? ""] = score["tier"] as? String }
            XCTAssertEqual(tiers, expected.tiers, persona)
        }
    }

    /// Look-alike names are no evidence of what they resemble. The shop trail
    /// (mobility.shopping_trail) is left out: it cites payments at shops whatever their names.
    func testLookAlikeNamesProduceNoEvidence() throws {
        for (persona, expected) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let report = try report(persona)
            let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
            for finding in findings where finding["attribute"] as? String != "mobility.shopping_trail" {
                for item in finding["evidence"] as? [[String: Any]] ?? [] {
                    let excerpt = item["excerpt"] as? String ?? ""
                    for word in expected.lookAlikes {
                        XCTAssertFalse(excerpt.lowercased().contains(word.lowercased()), "\(persona): \(finding["attribute"] ?? "") cites \(word)")
                    }
                }
            }
        }
    }

    /// Every attribute of the taxonomy (rules/attributes.yaml) is revealed by at least one persona.
    func testThePersonasTogetherRevealEveryAttributeOfTheTaxonomy() throws {
        let taxonomy = try String(contentsOfFile: StewardProcess.rulesDirectory + "/attributes.yaml", encoding: .utf8)
        let ids = Set(taxonomy.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  - id: ") else { return nil }
            return String(line.dropFirst("  - id: ".count)).trimmingCharacters(in: .whitespaces)
        })
        XCTAssertEqual(ids.count, 35, "the taxonomy as read from rules/attributes.yaml")
        var revealed: Set<String> = []
        for persona in Self.expected.keys.sorted() {
            let findings = try XCTUnwrap(try report(persona)["findings"] as? [[String: Any]])
            revealed.formUnion(findings.compactMap { $0["attribute"] as? String })
        }
        XCTAssertEqual(ids.subtracting(revealed).sorted(), [], "attributes no persona reveals")
    }

    /// At least 80% of each persona's records are ordinary: behind no finding. Records read are
    /// the inputs' events; records behind findings are the findings' counts added up (a record
    /// behind two findings counts twice, so the share of ordinary records is never overstated).
    /// `mobility.shopping_trail` is left out: its records are the ordinary card payments
    /// themselves (every one is a shop-and-day point), which is what the finding is about.
    func testEachPersonaIsAtLeastEightyPercentOrdinaryRecords() throws {
        for persona in Self.expected.keys.sorted() {
            let report = try report(persona)
            let inputs = try XCTUnwrap(report["inputs"] as? [[String: Any]])
            let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
                .filter { $0["attribute"] as? String != "mobility.shopping_trail" }
            let records = inputs.reduce(0) { $0 + ($1["events"] as? Int ?? 0) }
            let behindFindings = findings.reduce(0) { $0 + ($1["count"] as? Int ?? 0) }
            XCTAssertGreaterThan(records, 0, persona)
            XCTAssertGreaterThanOrEqual(Double(records - behindFindings), 0.8 * Double(records),
                                        "\(persona): \(behindFindings) of \(records) records behind findings")
        }
    }

    /// The personas chat with each other under their names as written in the catalog without
    /// " (synthetic)", and Dmitri, the persona rated D by citizen-1000, is among the contacts of
    /// others: what a comparison needs to show the contact rule.
    func testPersonasChatWithEachOtherByNameAndTheDRatedPersonIsAContact() throws {
        let dir = home + "/all"
        let written = try StewardProcess.run(["demo", "--all", "--write-only", "--dir", dir], home: home)
        XCTAssertEqual(written.status, 0, written.stderr)
        func text(_ relative: String) throws -> String {
            try String(contentsOfFile: dir + "/" + relative, encoding: .utf8)
        }
        XCTAssertTrue(try text("sam/whatsapp/WhatsApp Chat with Lena Schneider.txt").contains("] Lena Schneider: "))
        XCTAssertTrue(try text("lena/whatsapp/WhatsApp Chat with Sam Taylor.txt").contains(" - Sam Taylor: "))
        XCTAssertTrue(try text("lena/whatsapp/WhatsApp Chat with Dmitri Volkov.txt").contains(" - Dmitri Volkov: "))
        XCTAssertTrue(try text("lucia/whatsapp/WhatsApp Chat with Dmitri Volkov.txt").contains(" - Dmitri Volkov: "))
        XCTAssertTrue(try text("lucia/whatsapp/WhatsApp Chat with Camille Martin.txt").contains(" - Camille Martin: "))
        let telegram = try text("dmitri/Telegram Desktop/DataExport_2026-03-01/result.json")
        XCTAssertTrue(telegram.contains("\"name\": \"Lena Schneider\""))
        XCTAssertTrue(telegram.contains("\"from\": \"Dmitri Volkov\""))
        XCTAssertEqual(Self.expected["dmitri"]?.tiers["citizen-1000"], "D")
        let tiers = try XCTUnwrap(try report("dmitri")["scores"] as? [[String: Any]])
        XCTAssertEqual(tiers.first { $0["model"] as? String == "citizen-1000" }?["tier"] as? String, "D")
    }
}
