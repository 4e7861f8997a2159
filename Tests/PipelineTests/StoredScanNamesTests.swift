import StewardPipeline
import XCTest

/// Path spellings reduce to one form, and "did you mean" finds near misses but not far ones.
final class StoredScanNamesTests: XCTestCase {
    func testEverySpellingOfAPathHasOneNormalForm() {
        let cwd = "/home/sam"
        for spelling in ["exports/bank", "./exports/bank", "exports/bank/", "exports//bank", "/home/sam/exports/bank",
                         "/home/sam/./exports/x/../bank/"] {
            XCTAssertEqual(StoredScanNames.normalize(spelling, workingDirectory: cwd), "/home/sam/exports/bank", spelling)
        }
        XCTAssertEqual(StoredScanNames.normalize("./t.zip!Takeout/My Activity/", workingDirectory: cwd),
                       "/home/sam/t.zip!Takeout/My Activity")
    }

    func testClosestNamesFindTyposAndNotUnrelatedNames() {
        let names = ["finance.gambling", "finance.loans", "health.alcohol", "bank.csv", "bank.ofx"]
        XCTAssertEqual(ClosestNames.closest(to: "finance.gamblng", among: names).first, "finance.gambling")
        XCTAssertEqual(ClosestNames.closest(to: "gambling", among: names), ["finance.gambling"])
        XCTAssertEqual(ClosestNames.closest(to: "bank.xyz", among: names), ["bank.csv", "bank.ofx"])
        XCTAssertEqual(ClosestNames.closest(to: "bankk", among: names), ["bank.csv", "bank.ofx"])
        XCTAssertEqual(ClosestNames.closest(to: "weather.rain", among: names), [])
    }
}
