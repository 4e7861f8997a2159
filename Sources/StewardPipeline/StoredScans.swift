import StewardCore
import Store

/// Read access to stored scans for `steward report`.
public enum StoredScans {
    public static func list(databasePath: String) throws(StewardError) -> [(id: String, started: String, paths: [String])] {
        do throws(StoreError) {
            let store = try ReportStore(path: databasePath)
            defer { store.close() }
            return try store.scans().map { ($0.id, $0.started, $0.paths) }
        } catch {
            throw .store(error)
        }
    }

    public static func report(databasePath: String, scanId: String?) throws(StewardError) -> ScanReport? {
        do throws(StoreError) {
            let store = try ReportStore(path: databasePath)
            defer { store.close() }
            return try store.report(scanId: scanId)
        } catch {
            throw .store(error)
        }
    }
}

extension StoredScans {
    /// Every stored record of a scan that one of `rules` matched, oldest first.
    public static func evidence(databasePath: String, scanId: String, rules: [String]) throws(StewardError) -> [Evidence] {
        do throws(StoreError) {
            let store = try ReportStore(path: databasePath)
            defer { store.close() }
            return try store.matchedEvidence(scanId: scanId, rules: rules)
        } catch {
            throw .store(error)
        }
    }

    /// The ids of the stored scans, for "did you mean" when a scan id is wrong.
    public static func ids(databasePath: String) throws(StewardError) -> [String] {
        try list(databasePath: databasePath).map(\.id)
    }
}
