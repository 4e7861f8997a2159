import Foundation

/// Limits that hold for a whole scan, across every archive and nesting level, where
/// `ZipArchiveReader.Limits` holds per archive: archives that each stay within their own limits
/// must not add up to an unbounded scan (docs/privacy.md, "Limits").
public struct ScanLimits: Sendable {
    /// Members of all archives of a scan together (files inside zips and .tgz, at any depth).
    public static let defaultMaxArchiveMembers = 1_000_000
    /// Bytes read out of archives that are themselves inside an archive, all together: what a
    /// small zip of zips can make the scan inflate and parse.
    public static let defaultMaxNestedInflatedBytes: Int64 = 4 << 30

    public var maxArchiveMembers = ScanLimits.defaultMaxArchiveMembers
    public var maxNestedInflatedBytes = ScanLimits.defaultMaxNestedInflatedBytes
    public init() {}
}

/// What a scan has used of its `ScanLimits`, shared by every worker of the scan (one reader
/// per scan holds it; copies of the reader share it).
public final class ScanBudget: @unchecked Sendable {
    public let limits: ScanLimits
    private let lock = NSLock()
    private var members = 0
    private var nestedBytes: Int64 = 0

    public init(limits: ScanLimits = ScanLimits()) { self.limits = limits }

    /// Counts one archive member; false once the scan's members are used up.
    public func admitMember() -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard members < limits.maxArchiveMembers else { return false }
        members += 1
        return true
    }

    /// Counts bytes read from inside a nested archive; false once they pass the limit.
    public func admitNestedBytes(_ count: Int) -> Bool {
        lock.lock(); defer { lock.unlock() }
        nestedBytes += Int64(count)
        return nestedBytes <= limits.maxNestedInflatedBytes
    }

    /// Why the next member is refused, for the archive's message.
    public var membersExhausted: String {
        "the scan's limit of \(limits.maxArchiveMembers) archive members (all archives together) is reached: "
            + "the rest of this archive is not read"
    }

    public var nestedBytesExhausted: String {
        "archives inside archives have given \(limits.maxNestedInflatedBytes >> 20) MiB in this scan, its limit: "
            + "the rest is not read (extract the outer archive and scan the inner ones directly)"
    }
}

/// A byte source inside a nested archive whose bytes count against the scan's
/// `maxNestedInflatedBytes`.
public struct BudgetedSource: ByteSource {
    let inner: ByteSource
    let budget: ScanBudget

    public init(inner: ByteSource, budget: ScanBudget) {
        self.inner = inner
        self.budget = budget
    }
    public var displayPath: String { inner.displayPath }
    public var size: Int64? { inner.size }

    public func stream(_ body: (UnsafeRawBufferPointer) throws -> StreamControl) throws {
        let budget = self.budget
        let path = displayPath
        try inner.stream { chunk in
            guard budget.admitNestedBytes(chunk.count) else {
                throw DiscoveryError.scanLimit(path, budget.nestedBytesExhausted)
            }
            return try body(chunk)
        }
    }
}
