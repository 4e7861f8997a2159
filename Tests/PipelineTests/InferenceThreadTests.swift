import XCTest
import StewardCore
@testable import StewardPipeline

final class InferenceThreadTests: XCTestCase {
    private func event(_ n: Int) -> Event {
        // A text built at run time, so the string has heap storage: a record destroyed twice
        // would release freed memory and crash the test run.
        Event(source: "test", kind: .message, text: "message number \(n) " + String(repeating: "x", count: n % 40),
              position: .line(n + 1))
    }

    func testBatchDrainsRecordsInTheOrderAppendedAndIsEmptyAfterwards() {
        let batch = EventBatch(capacity: 5)
        for n in 0..<5 { batch.append(event(n), path: "file-\(n)") }
        XCTAssertTrue(batch.isFull)
        var seen: [(Int?, String)] = []
        batch.drain { event, path in seen.append((event.position.line, path)) }
        XCTAssertEqual(seen.map(\.0), [1, 2, 3, 4, 5])
        XCTAssertEqual(seen.map(\.1), ["file-0", "file-1", "file-2", "file-3", "file-4"])
        XCTAssertTrue(batch.isEmpty)
        var again = 0
        batch.drain { _, _ in again += 1 }
        XCTAssertEqual(again, 0, "a drained batch hands nothing over a second time")
        batch.append(event(9), path: "file-9")
        var refilled: [Int?] = []
        batch.drain { event, _ in refilled.append(event.position.line) }
        XCTAssertEqual(refilled, [10], "a drained batch is filled again from its start")
    }

    /// More records than one batch holds, and a last batch that is not full: all reach the
    /// matcher, in the order submitted, by the time `finish` returns.
    func testThreadMatchesEverySubmittedRecordInOrderAcrossBatches() {
        let total = InferenceThread.batchSize * 2 + 17
        let lock = NSLock()
        var lines: [Int] = []
        let thread = InferenceThread { event, _ in
            lock.lock()
            lines.append(event.position.line ?? -1)
            lock.unlock()
        }
        for n in 0..<total { thread.submit(event(n), path: "chat.txt") }
        thread.finish()
        lock.lock()
        defer { lock.unlock() }
        XCTAssertEqual(lines, Array(1...total))
    }
}
