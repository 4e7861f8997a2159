import XCTest

/// `steward-eval` (`make eval`) end to end: it prints the figures, and fails only when a
/// threshold is asked for and missed.
final class StewardEvalCommandTests: XCTestCase {
    /// A one-language evaluation folder: a bookmaker card payment that the rules recognise by
    /// its MCC alone (7995, betting), and a look-alike no rule has a reason to fire on.
    private func evaluationFolder(extraLine: String = "") throws -> String {
        let dir = try StewardProcess.makeTemporaryDirectory("eval-cases")
        try FileManager.default.createDirectory(atPath: dir + "/cases", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/people", withIntermediateDirectories: true)
        let lines = "+\tfinance.gambling\tcard:7995\tPAYMENT 0042\n-\tfinance.gambling\tsearch\thow long to boil an egg\tan everyday search\n" + extraLine
        try lines.write(toFile: dir + "/cases/en.tsv", atomically: true, encoding: .utf8)
        return dir
    }

    private func run(_ arguments: [String]) throws -> StewardProcess.Result {
        let home = try StewardProcess.makeTemporaryDirectory("eval-home")
        return try StewardProcess.run(["--rules", StewardProcess.rulesDirectory] + arguments, home: home,
                                      executable: StewardProcess.binary(named: "steward-eval"))
    }

    func testPrintsTheSeedAndTheFiguresAndExitsZeroWithoutAThreshold() throws {
        let result = try run(["--cases", try evaluationFolder()])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("steward evaluation — seed 20261203: 1 signal cases, 1 look-alikes, 0 people"), result.stdout)
        XCTAssertTrue(result.stdout.contains("finance.gambling.bookmaker"), "per-rule table names the rule that fired")
    }

    func testExitsOneOnlyWhenTheRequiredF1IsMissed() throws {
        // A deliberately unmatched label (an ordinary weather search said to show elder care)
        // brings the F1 to 2·1 / (2·1 + 0 + 1) = 0.667.
        let folder = try evaluationFolder(extraLine: "+\tcivic.elder_care\tsearch\tweather tomorrow\n")
        XCTAssertEqual(try run(["--cases", folder]).status, 0)
        XCTAssertEqual(try run(["--cases", folder, "--require-f1", "0.6"]).status, 0)
        let missed = try run(["--cases", folder, "--require-f1", "0.7"])
        XCTAssertEqual(missed.status, 1)
        XCTAssertTrue(missed.stderr.contains("overall F1 0.667 is below the required 0.700"), missed.stderr)
    }

    func testABadDataLineStopsWithItsFileAndLine() throws {
        let folder = try evaluationFolder(extraLine: "+\tfinance.gambling\tcrad:7995\tBet365\n")
        let result = try run(["--cases", folder])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("/cases/en.tsv:3: unknown record form 'crad:7995'"), result.stderr)
    }
}
