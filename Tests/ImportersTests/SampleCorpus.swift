import Foundation

/// Where the real sample exports live: beside the checkout, never copied into the package
/// (docs/architecture.md, "Sample exports"). Tests that read them skip when it is absent.
enum SampleCorpus {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ImportersTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()  // the folder beside it
        .appendingPathComponent("shared/samples")
}
