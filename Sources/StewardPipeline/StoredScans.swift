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
    /// One finding of a stored scan with every record behind it (not only the report's sample).
    public static func explain(databasePath: String, scanId: String?, attribute: String)
        throws(StewardError) -> (report: ScanReport, finding: Finding?, evidence: [Evidence])? {
        do throws(StoreError) {
            let store = try ReportStore(path: databasePath)
            defer { store.close() }
            guard let report = try store.report(scanId: scanId) else { return nil }
            guard let finding = report.findings.first(where: { $0.attribute == attribute }) else {
                return (report, nil, [])
            }
            let evidence = try store.matchedEvidence(scanId: report.scan.id, rules: finding.rules)
            return (report, finding, evidence)
        } catch {
            throw .store(error)
        }
    }
}
