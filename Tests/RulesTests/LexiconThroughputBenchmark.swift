import XCTest
import Rules
import Foundation

/// Throughput of folding + matching, as the scan does it (one short field at a time). A
/// benchmark, not a timed test: it only runs with STEWARD_BENCH=1, in release mode:
/// `STEWARD_BENCH=1 swift test -c release --filter LexiconThroughputBenchmark`
final class LexiconThroughputBenchmark: XCTestCase {
    func testFoldAndScanThroughput() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["STEWARD_BENCH"] == "1", "set STEWARD_BENCH=1 to run")
        var generator = SplitMix64(seed: 42)
        let syllables = ["ka", "lo", "mi", "ner", "sto", "ba", "tel", "ri", "un", "gar", "po", "ве", "ло", "ü", "é"]
        func word() -> String { (0..<Int.random(in: 1...4, using: &generator)).map { _ in syllables.randomElement(using: &generator)! }.joined() }
        // ~500 terms: one- to three-word phrases, some prefix terms.
        var terms: [LexiconAutomaton.Term] = []
        for i in 0..<500 {
            let phrase = (0..<Int.random(in: 1...3, using: &generator)).map { _ in word() }.joined(separator: " ")
            terms.append(.init(group: "g\(i % 25)", text: phrase, isPrefix: i % 10 == 0))
        }
        let automaton = LexiconAutomaton(terms: terms)
        // ~50 MB of event-sized lines (bank booking texts, search queries). "dense": every word
        // is built from the terms' syllables, so hits are everywhere; "realistic": other words,
        // with a term in about one line in ten.
        let otherSyllables = ["qu", "zy", "fa", "dor", "wix", "pe", "hu", "jo", "ся", "ть", "ä", "ç"]
        func otherWord() -> String { (0..<Int.random(in: 1...4, using: &generator)).map { _ in otherSyllables.randomElement(using: &generator)! }.joined() }
        func corpus(dense: Bool) -> (lines: [String], bytes: Int) {
            var lines: [String] = []
            var total = 0
            while total < 50_000_000 {
                var words = (0..<Int.random(in: 4...14, using: &generator)).map { _ in dense ? word() : otherWord() }
                if !dense && Int.random(in: 0..<10, using: &generator) == 0 { words.append(terms.randomElement(using: &generator)!.text) }
                let line = words.joined(separator: " ")
                total += line.utf8.count
                lines.append(line)
            }
            return (lines, total)
        }
        for (name, dense) in [("realistic", false), ("dense", true)] {
            let (lines, total) = corpus(dense: dense)
            var buffer: [UInt8] = []
            var hits = 0
            let megabytes = Double(total) / 1_000_000
            var start = DispatchTime.now().uptimeNanoseconds
            for line in lines {
                buffer.removeAll(keepingCapacity: true)
                TextFolder.fold(line, into: &buffer)
            }
            let foldSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            start = DispatchTime.now().uptimeNanoseconds
            for line in lines {
                buffer.removeAll(keepingCapacity: true)
                TextFolder.fold(line, into: &buffer)
                buffer.withUnsafeBufferPointer { automaton.scan(folded: $0) { _ in hits += 1 } }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            print("LexiconThroughputBenchmark \(name): \(terms.count) terms, \(automaton.stateCount) states, \(lines.count) lines, "
                  + "\(String(format: "%.1f", megabytes)) MB: fold only \(String(format: "%.0f", megabytes / foldSeconds)) MB/s, "
                  + "fold + match \(String(format: "%.0f", megabytes / seconds)) MB/s, \(hits) hits")
            XCTAssertGreaterThan(hits, 0)
        }
    }
}

/// Deterministic generator so every run measures the same text.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
