import Foundation

/// A thread of its own that consumes batches in the order they are sent; the sender waits while
/// `maximumQueued` batches are pending, so memory stays bounded. One stage of a scan hands its
/// work to the next through it: a worker's parsed records to its inference thread, a large
/// file's cut-out records to their reading thread (docs/architecture.md, step 4). `send` and
/// `finish` are called by one thread, the producer.
public final class BatchConsumerThread<Batch>: @unchecked Sendable {
    private let maximumQueued: Int
    private let consume: (Batch) -> Void
    private let condition = NSCondition()
    private var queued: [Batch] = []
    private var closed = false
    private var done = false

    /// Starts the thread.
    public init(maximumQueued: Int, consume: @escaping (Batch) -> Void) {
        self.maximumQueued = max(1, maximumQueued)
        self.consume = consume
        let thread = Thread { [self] in run() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues `batch`, waiting first while the queue is full.
    public func send(_ batch: Batch) {
        condition.lock()
        // After `finish` the thread is gone: a batch sent then would never be consumed.
        precondition(!closed, "BatchConsumerThread.send after finish")
        while queued.count >= maximumQueued { condition.wait() }
        queued.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every batch sent has been consumed; the thread then ends. What the consumer
    /// wrote is visible to the caller afterwards. Safe to call more than once.
    public func finish() {
        condition.lock()
        closed = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while queued.isEmpty && !closed { condition.wait() }
            if queued.isEmpty {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queued.removeFirst()
            condition.broadcast()
            condition.unlock()
            consume(batch)
        }
    }
}
