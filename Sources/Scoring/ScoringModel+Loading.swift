import Foundation
import RuleFileReading
import StewardCore

extension ScoringModel {
    /// Model files are small hand-written YAML; anything larger is not a model file.
    static let maximumFileBytes = 1 << 20

    private static let topKeys: Set<String> = [
        "id", "title", "description", "kind", "sources", "scale", "tiers", "contributions", "notes", "examples",
    ]
    private static let scaleKeys: Set<String> = ["base", "min", "max", "better"]
    private static let tierKeys: Set<String> = ["name", "from", "above", "label", "benefits", "consequences", "note"]
    private static let contributionKeys: Set<String> = [
        "id", "when", "rules", "min_count", "min_confidence", "delta", "per", "cap", "factor", "basis", "source", "reason",
    ]
    private static let exampleKeys: Set<String> = ["name", "findings", "total", "tier", "contributions"]
    private static let exampleFindingKeys: Set<String> = ["count", "confidence", "rules"]

    /// Loads and validates one model file. `knownAttributes` is the taxonomy (rules/attributes.yaml).
    public static func load(file: String, knownAttributes: Set<String>) throws(RuleFileError) -> ScoringModel {
        let data: Data
        do {
            // stat directly: FileManager's attributes also look up the owner's name, which asks
            // the name service (a socket to nscd, and on LDAP/SSSD machines the network).
            var info = stat()
            if stat(file, &info) == 0, Int64(info.st_size) > Int64(maximumFileBytes) {
                throw RuleFileError(file: file, line: 1, ModelFileProblem.fileTooLarge(limit: maximumFileBytes).message)
            }
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch let error as RuleFileError {
            throw error
        } catch {
            throw RuleFileError(file: file, line: 1, ModelFileProblem.unreadable(reason: "\(error.localizedDescription)").message)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RuleFileError(file: file, line: 1, ModelFileProblem.unreadable(reason: "not valid UTF-8").message)
        }
        return try load(yaml: text, file: file, knownAttributes: knownAttributes)
    }

    /// Loads every `*.yaml` in a directory (sorted by name), rejecting duplicate model ids.
    public static func loadAll(directory: String, knownAttributes: Set<String>) throws(RuleFileError) -> [ScoringModel] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw RuleFileError(file: directory, line: 1, ModelFileProblem.unreadable(reason: "\(error.localizedDescription)").message)
        }
        let files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !files.isEmpty else {
            throw RuleFileError(file: directory, line: 1, ModelFileProblem.noModelFiles(directory: directory).message)
        }
        var models: [ScoringModel] = []
        var firstFile: [String: String] = [:]
        for name in files {
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let model = try load(file: path, knownAttributes: knownAttributes)
            if let first = firstFile[model.id] {
                throw RuleFileError(file: path, line: model.idLine, ModelFileProblem.duplicateModelId(model.id, firstFile: first).message)
            }
            firstFile[model.id] = path
            models.append(model)
        }
        return models
    }

    /// Loads every `models/*.yaml` of a rule set (a folder, with messages naming each file by
    /// its path as `loadAll(directory:)` does, or the built-in copy, named `rules/models/…`).
    public static func loadAll(files: RuleFiles, knownAttributes: Set<String>) throws(RuleFileError) -> [ScoringModel] {
        if let directory = files.directory {
            return try loadAll(directory: directory + "/models", knownAttributes: knownAttributes)
        }
        let relatives = files.list(under: "models").filter { relative in
            !relative.dropFirst("models/".count).contains("/") && (relative.hasSuffix(".yaml") || relative.hasSuffix(".yml"))
        }
        guard !relatives.isEmpty else {
            throw RuleFileError(file: files.display("models"), line: 1, ModelFileProblem.noModelFiles(directory: files.display("models")).message)
        }
        var models: [ScoringModel] = []
        var firstFile: [String: String] = [:]
        for relative in relatives {
            let file = files.display(relative)
            guard let bytes = files.read(relative) else {
                throw RuleFileError(file: file, line: 1, ModelFileProblem.unreadable(reason: "missing").message)
            }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw RuleFileError(file: file, line: 1, ModelFileProblem.unreadable(reason: "not valid UTF-8").message)
            }
            let model = try load(yaml: text, file: file, knownAttributes: knownAttributes)
            if let first = firstFile[model.id] {
                throw RuleFileError(file: file, line: model.idLine, ModelFileProblem.duplicateModelId(model.id, firstFile: first).message)
            }
            firstFile[model.id] = file
            models.append(model)
        }
        return models
    }

    /// Parses and validates a model from YAML text; `file` is used in error messages.
    public static func load(yaml: String, file: String, knownAttributes: Set<String>) throws(RuleFileError) -> ScoringModel {
        guard yaml.utf8.count <= maximumFileBytes else {
            throw RuleFileError(file: file, line: 1, ModelFileProblem.fileTooLarge(limit: maximumFileBytes).message)
        }
        let root = try YAMLNodeReader.load(yaml: yaml, file: file)
        let top = try root.mapping(allowed: topKeys, context: "model")

        let idNode = try top.required("id", in: root, context: "model")
        let id = try text(idNode, key: "id")
        let title = try text(top.required("title", in: root, context: "model"), key: "title")
        let description = try text(top.required("description", in: root, context: "model"), key: "description")

        var kind = Kind.points
        if let kindNode = top["kind"] {
            let raw = try kindNode.string(context: "kind")
            guard let parsed = Kind(rawValue: raw) else { throw kindNode.error(ModelFileProblem.unknownKind(raw).message) }
            kind = parsed
        }

        let sourcesNode = try top.required("sources", in: root, context: "model")
        var sources: [Source] = []
        guard case .mapping(let sourceMapping) = sourcesNode.node else { throw sourcesNode.error("sources must be a mapping") }
        _ = try sourcesNode.mapping(allowed: Set(sourceMapping.keys.compactMap { $0.string }), context: "sources")
        for (keyNode, valueNode) in sourceMapping {
            let key = keyNode.string ?? ""
            let keyReader = YAMLNodeReader(node: keyNode, file: file)
            guard !key.isEmpty, key.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) else {
                throw keyReader.error(ModelFileProblem.badSourceKey(key).message)
            }
            sources.append(Source(key: key, citation: try text(YAMLNodeReader(node: valueNode, file: file), key: key)))
        }
        guard !sources.isEmpty else { throw sourcesNode.error(ModelFileProblem.noSources.message) }

        var scale: Scale?
        switch (kind, top["scale"]) {
        case (.verdict, let node?): throw node.error(ModelFileProblem.scaleOnVerdict.message)
        case (.points, nil): throw root.error(ModelFileProblem.missingScale.message)
        case (.points, let node?):
            let fields = try node.mapping(allowed: scaleKeys, context: "scale")
            let base = try fields.required("base", in: node, context: "scale").int(context: "scale base")
            let low = try fields["min"].map { node throws(RuleFileError) in try node.int(context: "scale min") }
            let high = try fields["max"].map { node throws(RuleFileError) in try node.int(context: "scale max") }
            if let low, let high, low >= high { throw node.error(ModelFileProblem.badScaleBounds(min: low, max: high).message) }
            if let low, base < low { throw node.error(ModelFileProblem.baseOutsideScale(base: base).message) }
            if let high, base > high { throw node.error(ModelFileProblem.baseOutsideScale(base: base).message) }
            let better = try fields["better"].map { node throws(RuleFileError) in try node.string(context: "scale better") } ?? "higher"
            guard better == "higher" || better == "lower" else {
                throw (fields["better"] ?? node).error("scale better must be 'higher' or 'lower', got '\(better)'")
            }
            scale = Scale(base: base, min: low, max: high, lowerIsBetter: better == "lower")
        case (.verdict, nil): scale = nil
        }

        let tiersNode = try top.required("tiers", in: root, context: "model")
        let tiers = try parseTiers(tiersNode, kind: kind)

        let contributionsNode = try top.required("contributions", in: root, context: "model")
        var contributions: [ModelContribution] = []
        var contributionIds: Set<String> = []
        for item in try contributionsNode.sequence(context: "contributions") {
            let contribution = try parseContribution(item, kind: kind, sources: sources, knownAttributes: knownAttributes)
            guard contributionIds.insert(contribution.id).inserted else {
                throw item.error(ModelFileProblem.duplicateContributionId(contribution.id).message)
            }
            contributions.append(contribution)
        }

        let notes = try top["notes"].map { node throws(RuleFileError) in try node.strings(context: "notes") } ?? []

        var examples: [ModelExample] = []
        if let examplesNode = top["examples"] {
            for item in try examplesNode.sequence(context: "examples") {
                examples.append(try parseExample(item, kind: kind, tiers: tiers, contributionIds: contributionIds,
                                                 knownAttributes: knownAttributes))
            }
        }

        var model = ScoringModel(id: id, title: title, description: description, kind: kind, sources: sources,
                                 scale: scale, tiers: tiers, contributions: contributions, notes: notes,
                                 examples: examples, file: file)
        model.idLine = idNode.line
        return model
    }

    private static func text(_ node: YAMLNodeReader, key: String) throws(RuleFileError) -> String {
        let value = try node.string(context: key).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw node.error(ModelFileProblem.emptyText(key: key).message) }
        return value
    }

    private static func parseTiers(_ node: YAMLNodeReader, kind: Kind) throws(RuleFileError) -> [ModelTier] {
        var tiers: [ModelTier] = []
        for item in try node.sequence(context: "tiers") {
            let fields = try item.mapping(allowed: tierKeys, context: "tier")
            let name = try text(fields.required("name", in: item, context: "tier"), key: "name")
            guard !tiers.contains(where: { $0.name == name }) else { throw item.error(ModelFileProblem.duplicateTier(name).message) }
            var threshold: ModelTier.Threshold?
            switch (fields["from"], fields["above"]) {
            case (.some, .some): throw item.error(ModelFileProblem.bothThresholdKeys(tier: name).message)
            case (let from?, nil): threshold = .from(try from.int(context: "tier from"))
            case (nil, let above?): threshold = .above(try above.int(context: "tier above"))
            case (nil, nil): threshold = nil
            }
            let label = try fields["label"].map { node throws(RuleFileError) in try text(node, key: "label") }
            let benefits = try fields["benefits"].map { node throws(RuleFileError) in
                try node.strings(context: "benefits")
            } ?? []
            let consequences = try fields["consequences"].map { node throws(RuleFileError) in
                try node.strings(context: "consequences")
            } ?? []
            let note = try fields["note"].map { node throws(RuleFileError) in try text(node, key: "note") }
            tiers.append(ModelTier(name: name, threshold: threshold, label: label, benefits: benefits, consequences: consequences,
                                   note: note, line: item.line))
        }
        guard !tiers.isEmpty else { throw node.error(ModelFileProblem.noTiers.message) }

        switch kind {
        case .verdict:
            if let withThreshold = tiers.first(where: { $0.threshold != nil }) {
                throw RuleFileError(file: node.file, line: withThreshold.line,
                                    ModelFileProblem.thresholdOnVerdict(tier: withThreshold.name).message)
            }
            guard Set(tiers.map(\.name)) == ["pass", "stop"] else {
                throw node.error(ModelFileProblem.verdictTiers(found: tiers.map(\.name)).message)
            }
        case .points:
            for (index, tier) in tiers.enumerated() {
                let isLowest = index == tiers.count - 1
                if isLowest, tier.threshold != nil, tiers.count > 0 {
                    throw RuleFileError(file: node.file, line: tier.line, ModelFileProblem.lowestTierHasThreshold(tier: tier.name).message)
                }
                if !isLowest, tier.threshold == nil {
                    throw RuleFileError(file: node.file, line: tier.line, ModelFileProblem.missingThreshold(tier: tier.name).message)
                }
                if index > 0, !isLowest, let previous = tiers[index - 1].threshold, let current = tier.threshold,
                   current.minimum >= previous.minimum {
                    throw RuleFileError(file: node.file, line: tier.line,
                                        ModelFileProblem.thresholdsNotDescending(tier: tier.name, previous: tiers[index - 1].name).message)
                }
            }
        }
        return tiers
    }

    private static func parseContribution(_ item: YAMLNodeReader, kind: Kind, sources: [Source],
                                          knownAttributes: Set<String>) throws(RuleFileError) -> ModelContribution {
        let fields = try item.mapping(allowed: contributionKeys, context: "contribution")
        let idNode = try fields.required("id", in: item, context: "contribution")
        let id = try text(idNode, key: "id")
        guard isDottedId(id) else { throw idNode.error(ModelFileProblem.badContributionId(id).message) }

        let whenNode = try fields.required("when", in: item, context: "contribution")
        let attribute = try whenNode.string(context: "when")
        guard knownAttributes.contains(attribute) else {
            throw whenNode.error(ModelFileProblem.unknownAttribute(attribute, context: "contribution '\(id)'").message)
        }

        var onlyRules: [String]?
        if let node = fields["rules"] {
            let ids = try node.strings(context: "rules")
            guard !ids.isEmpty, ids.allSatisfy(isDottedId) else {
                throw node.error("rules must list rule or analyzer ids such as health.fitness.daily_steps")
            }
            onlyRules = ids
        }

        var minCount = 1
        if let node = fields["min_count"] {
            minCount = try node.int(context: "min_count")
            guard minCount >= 1 else { throw node.error(ModelFileProblem.badMinCount(minCount).message) }
        }
        var minConfidence = 0.0
        if let node = fields["min_confidence"] {
            minConfidence = try node.double(context: "min_confidence")
            guard (0...1).contains(minConfidence) else { throw node.error(ModelFileProblem.badMinConfidence(minConfidence).message) }
        }

        var delta: Int?
        var per: Int?
        var cap: Int?
        var factor: String?
        switch kind {
        case .verdict:
            if let node = fields["delta"] ?? fields["per"] ?? fields["cap"] {
                throw node.error(ModelFileProblem.deltaOnVerdict(contribution: id).message)
            }
            guard let node = fields["factor"] else { throw item.error(ModelFileProblem.missingFactor(contribution: id).message) }
            factor = try text(node, key: "factor")
        case .points:
            if let node = fields["factor"] { throw node.error(ModelFileProblem.factorOnPoints(contribution: id).message) }
            guard let deltaNode = fields["delta"] else { throw item.error(ModelFileProblem.missingDelta(contribution: id).message) }
            let value = try deltaNode.int(context: "delta")
            guard value != 0 else { throw deltaNode.error(ModelFileProblem.zeroDelta(contribution: id).message) }
            delta = value
            if let node = fields["per"] {
                let value = try node.int(context: "per")
                guard value >= 1 else { throw node.error(ModelFileProblem.badPer(value).message) }
                per = value
            }
            if let node = fields["cap"] {
                guard per != nil else { throw node.error(ModelFileProblem.capWithoutPer(contribution: id).message) }
                let value = try node.int(context: "cap")
                guard value > 0 else { throw node.error(ModelFileProblem.badCap(value).message) }
                cap = value
            }
        }

        let basisNode = try fields.required("basis", in: item, context: "contribution")
        let basisText = try basisNode.string(context: "basis")
        guard let basis = Basis(rawValue: basisText) else { throw basisNode.error(ModelFileProblem.badBasis(basisText).message) }

        let sourceNode = try fields.required("source", in: item, context: "contribution")
        let source = try text(sourceNode, key: "source")
        guard sources.contains(where: { source.contains("[\($0.key)]") }) else {
            throw sourceNode.error(ModelFileProblem.sourceCitesNoKey(contribution: id, keys: sources.map(\.key)).message)
        }
        let reason = try text(fields.required("reason", in: item, context: "contribution"), key: "reason")

        return ModelContribution(id: id, attribute: attribute, minCount: minCount, minConfidence: minConfidence,
                                 delta: delta, per: per, cap: cap, factor: factor, basis: basis, source: source,
                                 reason: reason, line: item.line, rules: onlyRules)
    }

    private static func parseExample(_ item: YAMLNodeReader, kind: Kind, tiers: [ModelTier], contributionIds: Set<String>,
                                     knownAttributes: Set<String>) throws(RuleFileError) -> ModelExample {
        let fields = try item.mapping(allowed: exampleKeys, context: "example")
        let name = try text(fields.required("name", in: item, context: "example"), key: "name")

        var findings: [ModelExample.ExampleFinding] = []
        let findingsNode = try fields.required("findings", in: item, context: "example")
        if case .mapping(let mapping) = findingsNode.node {
            _ = try findingsNode.mapping(allowed: Set(mapping.keys.compactMap { $0.string }), context: "example findings")
            for (keyNode, valueNode) in mapping {
                let attribute = keyNode.string ?? ""
                let keyReader = YAMLNodeReader(node: keyNode, file: item.file)
                guard knownAttributes.contains(attribute) else {
                    throw keyReader.error(ModelFileProblem.unknownAttribute(attribute, context: "example '\(name)'").message)
                }
                let value = YAMLNodeReader(node: valueNode, file: item.file)
                var count: Int
                var confidence = 1.0
                var ruleCounts: [String: Int]?
                if case .mapping = valueNode {
                    let detail = try value.mapping(allowed: exampleFindingKeys, context: "example finding")
                    count = try detail.required("count", in: value, context: "example finding").int(context: "count")
                    if let node = detail["confidence"] { confidence = try node.double(context: "confidence") }
                    if let node = detail["rules"] {
                        guard case .mapping(let perRule) = node.node else { throw node.error("rules must map rule ids to counts") }
                        var counts: [String: Int] = [:]
                        for (ruleKey, ruleValue) in perRule {
                            counts[ruleKey.string ?? ""] = try YAMLNodeReader(node: ruleValue, file: item.file).int(context: "count of \(ruleKey.string ?? "")")
                        }
                        ruleCounts = counts
                    }
                } else {
                    count = try value.int(context: "count of \(attribute)")
                }
                guard count >= 1 else { throw value.error(ModelFileProblem.badExampleCount(count).message) }
                findings.append(.init(attribute: attribute, count: count, confidence: confidence, ruleCounts: ruleCounts))
            }
        } else if case .scalar(let scalar) = findingsNode.node, ["", "~", "null"].contains(scalar.string) {
            findings = []
        } else {
            throw findingsNode.error("example findings must be a mapping of attribute: count (or {} for none)")
        }

        var total: Int?
        switch (kind, fields["total"]) {
        case (.verdict, let node?): throw node.error(ModelFileProblem.exampleTotalOnVerdict.message)
        case (.points, nil): throw item.error(ModelFileProblem.exampleMissingTotal.message)
        case (.points, let node?): total = try node.int(context: "total")
        case (.verdict, nil): total = nil
        }
        let tierNode = try fields.required("tier", in: item, context: "example")
        let tier = try tierNode.string(context: "tier")
        guard tiers.contains(where: { $0.name == tier }) else {
            throw tierNode.error(ModelFileProblem.unknownExampleTier(tier, known: tiers.map(\.name)).message)
        }
        var expected: [String]?
        if let node = fields["contributions"] {
            let ids = try node.strings(context: "contributions")
            for id in ids where !contributionIds.contains(id) {
                throw node.error(ModelFileProblem.unknownExampleContribution(id).message)
            }
            expected = ids
        }
        return ModelExample(name: name, findings: findings, total: total, tier: tier, contributions: expected, line: item.line)
    }

    /// `citizen.blood_donation`: lower-case ASCII words joined by dots.
    private static func isDottedId(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
        }
    }
}
