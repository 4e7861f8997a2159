import XCTest
import Rules

/// Runs the examples of one rule or analyzer file for the generated `RuleFileExampleTests`:
/// each failing example is its own XCTFail naming the example's file and line, and the rest
/// of the file's examples still run.
enum RuleFileExamples {
    static func check(_ file: String) throws {
        let set = try RuleSetExamplesTests.loaded.get()
        for failure in RuleExampleRunner.run(set, file: file) { XCTFail(failure.description) }
    }
}
