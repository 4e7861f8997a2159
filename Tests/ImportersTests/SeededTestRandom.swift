import Foundation

/// SplitMix64 for tests that draw random input: the seed comes from STEWARD_TEST_SEED when set
/// (to replay a failure) or is the test's fixed default, and failure messages print it.
struct SeededTestRandom: RandomNumberGenerator {
    let seed: UInt64
    private var state: UInt64

    init(defaultSeed: UInt64) {
        seed = ProcessInfo.processInfo.environment["STEWARD_TEST_SEED"].flatMap { UInt64($0) } ?? defaultSeed
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) } }

    /// Appended to assertion messages: how to replay this run.
    var replay: String { "(replay with STEWARD_TEST_SEED=\(seed))" }
}
