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

    /// Per attribute, how many of a scan's stored records each source holds (a record that
    /// several rules of one attribute matched counts once). `attributeOfRule` maps rule ids.
    /// With `byPath`, the inner keys are input paths instead of sources.
    public static func recordsBySource(databasePath: String, scanId: String, attributeOfRule: [String: String],
                                       byPath: Bool = false) throws(StewardError) -> [String: [String: Int]] {
        do throws(StoreError) {
            let store = try ReportStore(path: databasePath)
            defer { store.close() }
            var result: [String: [String: Int]] = [:]
            for row in try store.matchedRecordCounts(scanId: scanId, byPath: byPath) {
                for attribute in Set(row.rules.compactMap { attributeOfRule[$0] }) {
                    result[attribute, default: [:]][row.source, default: 0] += row.records
                }
            }
            return result
        } catch {
            throw .store(error)
        }
    }

    /// The ids of the stored scans, for "did you mean" when a scan id is wrong.
    public static func ids(databasePath: String) throws(StewardError) -> [String] {
        try list(databasePath: databasePath).map(\.id)
    }
}
