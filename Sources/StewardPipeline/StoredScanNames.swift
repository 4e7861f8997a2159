import Foundation
import Importers
import Rules
import StewardCore

/// Resolves what a person names on the command line (`what-if --without`, `explain`) against a
/// stored scan and the rules: an attribute, a rule, a source, or a path. Paths are compared in
/// one normal form, so `sam/bank`, `./sam/bank/`, `/home/x/sam/bank` and a file inside that
/// folder all find the inputs read from there; `archive.zip!member` names what was read inside an
/// archive. A name nothing knows is an error with the closest valid names, never a silent
/// "no change".
public struct StoredScanNames {
    /// What a name was found to be, with the inputs of the scan it covers.
    public enum Resolved: Sendable {
        case attribute(String)
        /// A rule (or analyzer) and the attribute its findings carry.
        case rule(String, attribute: String)
        /// A source id or glob (`bank.ofx`, `google.*`) and the inputs it covers.
        case source(String, inputs: [ScanReport.Input])
        /// A file, folder or archive member and the inputs read at or below it.
        case path(String, inputs: [ScanReport.Input])
    }

    let report: ScanReport
    let attributes: Set<String>
    /// Rule and analyzer id → attribute.
    let rules: [String: String]
    let importerIds: [String]
    let workingDirectory: String

    public init(report: ScanReport, ruleset: Ruleset,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.report = report
        attributes = Set(ruleset.rules.attributes.map(\.id))
        var rules: [String: String] = [:]
        for rule in ruleset.rules.rules { rules[rule.id] = rule.attribute }
        for analyzer in ruleset.rules.analyzers { rules[analyzer.id] = analyzer.attributes.first ?? "" }
        // Findings name the rules that produced them, also ones since renamed in the rule files.
        for finding in report.findings { for rule in finding.rules where rules[rule] == nil { rules[rule] = finding.attribute } }
        self.rules = rules
        importerIds = ImporterRegistry.all.map(\.id)
        self.workingDirectory = workingDirectory
    }

    public func resolve(_ name: String) throws(StewardError) -> Resolved {
        if attributes.contains(name) { return .attribute(name) }
        if let attribute = rules[name] { return .rule(name, attribute: attribute) }
        if let sourced = source(name) { return sourced }
        if let pathed = path(name) { return pathed }
        throw .unknownName(name, kind: "attribute, rule, source or path", scanId: report.scan.id,
                           closest: closest(to: name))
    }

    private func source(_ name: String) -> Resolved? {
        let known = Set(importerIds).union(report.inputs.map(\.source))
        if name.contains("*") {
            let pattern = SourcePattern(name)
            guard known.contains(where: pattern.matches) else { return nil }
            return .source(name, inputs: report.inputs.filter { pattern.matches($0.source) })
        }
        guard known.contains(name) else { return nil }
        return .source(name, inputs: report.inputs.filter { $0.source == name })
    }

    private func path(_ name: String) -> Resolved? {
        let wanted = Self.normalize(name, workingDirectory: workingDirectory)
        func covers(_ path: String) -> Bool {
            let normal = Self.normalize(path, workingDirectory: workingDirectory)
            return normal == wanted || normal.hasPrefix(wanted + "/") || normal.hasPrefix(wanted + "!")
        }
        let inputs = report.inputs.filter { covers($0.path) }
        if !inputs.isEmpty { return .path(name, inputs: inputs) }
        // A file of the scan that was not read (unrecognized) is a valid name that holds no records.
        if report.unrecognized.contains(where: { covers($0.path) }) { return .path(name, inputs: []) }
        return nil
    }

    /// The valid names nearest to a typo: paths for something that looks like a path, ids (and
    /// then paths) otherwise.
    func closest(to name: String) -> [String] {
        let ids = Array(attributes) + Array(rules.keys) + importerIds + report.inputs.map(\.source)
        if name.contains("/") || name.contains("!") { return closestPaths(to: name) }
        return Array((ClosestNames.closest(to: name, among: ids) + closestPaths(to: name)).prefix(3))
    }

    private func closestPaths(to name: String) -> [String] {
        var paths = report.scan.paths + report.inputs.map(\.path)
        // Folders between a scanned root and its files are names a person types too.
        for input in report.inputs {
            var folder = input.path.split(separator: "!").first.map(String.init) ?? input.path
            while folder.count > 1 && !report.scan.paths.contains(folder) {
                folder = OutputLocations.parentFolder(of: folder)
                if !folder.isEmpty { paths.append(folder) }
            }
        }
        let wanted = Self.normalize(name, workingDirectory: workingDirectory)
        // Compare in normal form, answer in the form the report shows.
        var shown: [String: String] = [:]
        for path in paths { shown[Self.normalize(path, workingDirectory: workingDirectory)] = path }
        return ClosestNames.closest(to: wanted, among: Array(shown.keys), limit: 3).compactMap { shown[$0] }
    }

    /// One form for every spelling of a path: absolute (relative to `workingDirectory`), without
    /// `.`/`..` parts or a trailing slash; an archive member (`zip!member`) keeps its member part.
    public static func normalize(_ path: String, workingDirectory: String) -> String {
        var disk = path
        var member = ""
        if let bang = path.firstIndex(of: "!") {
            disk = String(path[..<bang])
            member = String(path[bang...])
            while member.hasSuffix("/") && member.count > 1 { member.removeLast() }
        }
        if !disk.hasPrefix("/") {
            disk = (workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/") + disk
        }
        var normal = URL(fileURLWithPath: disk).standardizedFileURL.path
        while normal.hasSuffix("/") && normal.count > 1 { normal.removeLast() }
        return normal + member
    }
}
