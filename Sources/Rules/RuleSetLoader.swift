import Foundation
import StewardCore
import RuleFileReading

/// Reads and validates a rule set (a `rules/` folder or the built-in copy, `RuleFiles`). Rule
/// files are code: the first problem stops the load with its file and line (`RuleFileError`),
/// so a typo never silently disables a rule.
struct RuleSetLoader {
    let files: RuleFiles
    /// Kinds an `analyzers/*.yaml` file may name.
    var analyzerKinds: [AnalyzerKind] = AnalyzerCatalog.kinds
    /// Whether the rules keep their examples once checked. Every load parses and checks them
    /// (a broken example fails the load with its file and line); only `steward rules` runs
    /// them, so a scan lets them go: 3 MiB of its peak (docs/performance.md).
    var keepsExamples = true
    /// Read instead of compiling the terms when it was compiled from exactly these terms.
    var lexiconImage: LexiconAutomatonImage?
    /// Signal files whose examples the build checked: read with their examples emptied when
    /// `keepsExamples` is false and the bytes are the ones checked.
    var examplesCheckedAtBuild: ExamplesCheckedAtBuild?
    /// Given to the rule set (`RuleSet.findingValueText`).
    var findingValueText: FindingValueText?

    init(files: RuleFiles) {
        self.files = files
    }

    static let ruleFileKeys: Set<String> = ["rules"]
    static let ruleKeys: Set<String> = ["id", "attribute", "title", "description", "confidence", "match", "aggregate", "examples",
                                        "yields_to"]
    static let matchKeys: Set<String> = ["sources", "kinds", "fields", "lexicons", "terms", "exclude", "mcc", "amount", "hours", "combine",
                                         "authored_by", "mcc_compatible", "mcc_precedence", "intent", "topics", "also", "subject"]
    static let excludeKeys: Set<String> = ["lexicons", "terms"]
    static let alsoKeys: Set<String> = ["lexicons", "terms", "within"]
    static let topicsKeys: Set<String> = ["except", "lexicons", "terms"]
    static let amountKeys: Set<String> = ["min", "max", "or_unknown"]
    static let aggregateKeys: Set<String> = ["count", "days"]
    static let examplesKeys: Set<String> = ["positive", "negative"]
    static let exampleEventKeys = ExampleEvent.keys
    static let exampleGroupKeys: Set<String> = ["events", "note"]
    static let attributeFileKeys: Set<String> = ["attributes"]
    static let attributeKeys: Set<String> = ["id", "title", "sensitivity", "explanation", "distinct_from"]
    static let sourceSetFileKeys: Set<String> = ["source_sets"]
    static let sourceSetKeys: Set<String> = ["name", "description", "sources"]
    /// Named source sets (`$name` in a rule's `sources`), optional: a rules folder without it
    /// loads as before.
    static let sourceSetsPath = "sources.yaml"

    /// Longest term accepted, in folded bytes: merchant names and phrases, not paragraphs.
    static let maximumTermBytes = 200

    /// The files that make up `RuleSet.version`, in hashing order: the taxonomy, lexicons,
    /// signal rules, reference data, analyzers, scoring models. `load()` hashes exactly these, in
    /// this order.
    static func versionedFiles(of files: RuleFiles) -> [String] {
        ["attributes.yaml"]
            + (files.contains(sourceSetsPath) ? [sourceSetsPath] : [])
            + files.list(under: "lexicons").filter { $0.hasSuffix(".txt") }
            + files.list(under: "signals").filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            + files.list(under: "data")
            + files.list(under: "analyzers").filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            + files.list(under: "models").filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
    }

    func load() throws(RuleFileError) -> RuleSet {
        var hasher = FNV1a64()

        let attributesPath = "attributes.yaml"
        let attributesBytes = try read(attributesPath)
        hasher.add(attributesPath, attributesBytes)
        let (attributes, distinctions) = try parseAttributes(attributesBytes, file: display(attributesPath))

        var sourceSets: [String: [SourcePattern]] = [:]
        if files.contains(Self.sourceSetsPath) {
            let bytes = try read(Self.sourceSetsPath)
            hasher.add(Self.sourceSetsPath, bytes)
            sourceSets = try parseSourceSets(bytes, file: display(Self.sourceSetsPath))
        }

        // Lexicons, then signal rules. Each file's bytes are hashed and checked in file order;
        // the files themselves are parsed on all cores first (`parsedInParallel`): parsing
        // lexicons (with their inflected forms) and rule YAML is most of a load, which every
        // scan pays before it reads a record (docs/performance.md, "Rules loaded on all cores").
        let lexiconPaths = listFiles(under: "lexicons").filter { $0.hasSuffix(".txt") }
        var lexiconFiles: [String] = []
        var lexiconNames = Set<String>()
        var lexiconInputs: [(bytes: [UInt8], name: String, file: String, language: String)] = []
        for relative in lexiconPaths {
            let bytes = try read(relative)
            hasher.add(relative, bytes)
            let file = display(relative)
            let name = try lexiconName(fileName: String(relative.split(separator: "/").last ?? ""), file: file)
            lexiconNames.insert(name)
            lexiconFiles.append(file)
            let language = Self.language(ofFile: relative)
            lexiconInputs.append((bytes, name, file, language))
        }
        var parsedLexicons = Self.parsedInParallel(lexiconInputs) { input throws(RuleFileError) in
            try parseLexicon(input.bytes, name: input.name, file: input.file, inflection: Inflection.of(language: input.language),
                             language: input.language)
        }
        // The person's own pronouns and the prepositions before someone named stay out of
        // the automaton every record goes through (RuleSet.subjectSelf).
        let isClauseWordLexicon = lexiconInputs.map { $0.name == RuleSet.subjectSelfLexicon || $0.name == RuleSet.subjectPrepositionsLexicon }
        // A lexicon's problem is reported before any signal file's, as the files are read.
        var lexiconTermCount = 0
        for (index, parsed) in parsedLexicons.enumerated() {
            let count = try parsed.get().count
            if !isClauseWordLexicon[index] { lexiconTermCount += count }
        }
        // The files' text is parsed: it goes before the automaton is compiled, where loading
        // peaks (docs/performance.md, "The automaton compiled at load in less memory").
        lexiconInputs = []

        // Signal rules.
        var rules: [SignalRule] = []
        var ruleFiles: [String] = []
        var firstDefinition: [String: (file: String, line: Int)] = [:]
        let attributeIds = Set(attributes.map(\.id))
        var ruleInputs: [(bytes: [UInt8], file: String, examplesChecked: Bool)] = []
        for relative in listFiles(under: "signals") where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
            let bytes = try read(relative)
            var examplesChecked = false
            if !keepsExamples, let checked = examplesCheckedAtBuild, checked.digests[relative] != nil {
                var digest = FNV1a64()
                hasher.add(relative, bytes, alongside: &digest)
                examplesChecked = checked.covers(relative, digest: digest.value)
            } else {
                hasher.add(relative, bytes)
            }
            let file = display(relative)
            ruleFiles.append(file)
            ruleInputs.append((examplesChecked ? ExamplesCheckedAtBuild.blankingExamples(bytes) : bytes, file, examplesChecked))
        }
        let parsedRuleFiles = Self.parsedInParallel(ruleInputs) { input throws(RuleFileError) in
            try parseRuleFile(input.bytes, file: input.file, attributeIds: attributeIds, lexiconNames: lexiconNames,
                              sourceSets: sourceSets, examplesChecked: input.examplesChecked)
        }
        ruleInputs = []

        // The automaton's terms: every lexicon's, then the rules' own, in that order. The array
        // is kept as long as the rules (the automaton's `terms`), so it is sized once to its
        // count: grown by doubling it held two fifths more than its terms, 1.4 MB of every scan.
        var ruleTermCount = 0
        for case .success(let parsed) in parsedRuleFiles {
            for rule in parsed {
                ruleTermCount += rule.match.terms.count + rule.match.excludeTerms.count + rule.match.alsoTerms.count
                    + rule.match.topicTerms.count
            }
        }
        var terms: [LexiconAutomaton.Term] = []
        var clauseWordTerms: [LexiconAutomaton.Term] = []
        terms.reserveCapacity(lexiconTermCount + ruleTermCount)
        for (index, parsed) in parsedLexicons.enumerated() {
            if isClauseWordLexicon[index] {
                clauseWordTerms += try parsed.get()
            } else {
                terms += try parsed.get()
            }
        }
        parsedLexicons = []
        for parsedFile in parsedRuleFiles {
            let parsed = try parsedFile.get()
            for rule in parsed {
                if let first = firstDefinition[rule.id] {
                    throw RuleFileError(file: rule.file, line: rule.line,
                                        "duplicate rule id '\(rule.id)' (first defined at \(first.file):\(first.line))")
                }
                firstDefinition[rule.id] = (rule.file, rule.line)
                // A rule yields only to a neighbour whose difference is written down in
                // attributes.yaml (distinct_from), so the taxonomy says why records move.
                for neighbour in rule.yieldsTo
                where distinctions[rule.attribute]?[neighbour] == nil && distinctions[neighbour]?[rule.attribute] == nil {
                    throw RuleFileError(file: rule.file, line: rule.line,
                                        "rule \(rule.id) yields to \(neighbour), but \(display(attributesPath)) has no distinct_from entry between \(rule.attribute) and \(neighbour)")
                }
                // Two attributes yielding to each other would drop a record both match from both.
                for neighbour in rule.yieldsTo {
                    if let other = rules.first(where: { $0.attribute == neighbour && $0.yieldsTo.contains(rule.attribute) }) {
                        throw RuleFileError(file: rule.file, line: rule.line,
                                            "rule \(rule.id) yields to \(neighbour), whose rule \(other.id) (\(other.file):\(other.line)) yields back to \(rule.attribute): a record both match would count for neither")
                    }
                }
                for term in rule.match.terms { terms.append(LexiconRule.term(term, group: RuleSet.termsGroup(rule.id))) }
                for term in rule.match.excludeTerms { terms.append(LexiconRule.term(term, group: RuleSet.excludeGroup(rule.id))) }
                for term in rule.match.alsoTerms { terms.append(LexiconRule.term(term, group: RuleSet.alsoGroup(rule.id))) }
                for term in rule.match.topicTerms { terms.append(LexiconRule.term(term, group: RuleSet.topicsGroup(rule.id))) }
                rules.append(rule)
            }
        }

        // Reference data analyzers read (rules/data/): part of the version, so a stored scan
        // shows when the country table behind its travel finding changed.
        // `known-words.<lang>.txt` among them: words the search spelling check never reads as a
        // typo (docs/rules.md, "Misspellings in searches").
        var knownWords: [String] = []
        for relative in listFiles(under: "data") {
            let bytes = try read(relative)
            hasher.add(relative, bytes)
            if relative.hasPrefix("data/known-words."), relative.hasSuffix(".txt") {
                knownWords += try Self.parseKnownWords(bytes, file: display(relative))
            }
        }

        // Analyzers.
        var analyzers: [any AnalyzerDefinition] = []
        let attributesById = Dictionary(uniqueKeysWithValues: attributes.map { ($0.id, $0) })
        for relative in listFiles(under: "analyzers") where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
            let bytes = try read(relative)
            hasher.add(relative, bytes)
            let file = display(relative)
            ruleFiles.append(file)
            let analyzer = try parseAnalyzerFile(bytes, file: file, attributes: attributesById)
            if let first = firstDefinition[analyzer.id] {
                throw RuleFileError(file: analyzer.file, line: analyzer.line,
                                    "duplicate id '\(analyzer.id)' (first defined at \(first.file):\(first.line))")
            }
            firstDefinition[analyzer.id] = (analyzer.file, analyzer.line)
            analyzers.append(analyzer)
        }

        // Scoring models are read by the Scoring module, but a score depends on them as much as
        // on the rules: the version covers their bytes, so a changed model shows in
        // `steward --version` and in every stored scan's rules version.
        for relative in listFiles(under: "models") where relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") {
            hasher.add(relative, try read(relative))
        }

        return RuleSet(attributes: attributes, rules: rules, version: hasher.hex, ruleFiles: ruleFiles,
                       lexiconFiles: lexiconFiles, lexiconNames: lexiconNames.sorted(),
                       automaton: LexiconAutomaton(terms: terms, image: lexiconImage), analyzers: analyzers, distinctions: distinctions,
                       knownWords: knownWords, clauseWordTerms: clauseWordTerms, findingValueText: findingValueText)
    }

    /// `parse` applied to every input, two or more at a time, the results in input order (an
    /// error stays with its input, so the first one in file order is the one reported).
    private static func parsedInParallel<Input, Output>(
        _ inputs: [Input], _ parse: (Input) throws(RuleFileError) -> Output
    ) -> [Result<Output, RuleFileError>] {
        let results = UnsafeMutableBufferPointer<Result<Output, RuleFileError>?>.allocate(capacity: inputs.count)
        results.initialize(repeating: nil)
        // `deallocate` alone frees the buffer without releasing what it holds: the results
        // were copied out, so every file's parsed terms and rules stayed allocated for the
        // rest of the process (about 5 MB of loading's peak; docs/performance.md, "The automaton
        // compiled at load in less memory"). They are moved out instead.
        defer { results.deallocate() }
        // Each iteration writes only its own slot; the buffer is read after all have returned.
        nonisolated(unsafe) let slots = results
        nonisolated(unsafe) let inputs = inputs
        withoutActuallyEscaping(parse) { parse in
            nonisolated(unsafe) let parse = parse
            DispatchQueue.concurrentPerform(iterations: inputs.count) { i in
                do throws(RuleFileError) { slots[i] = .success(try parse(inputs[i])) } catch { slots[i] = .failure(error) }
            }
        }
        return results.indices.map { results.moveElement(from: $0)! }
    }

    /// An analyzer file names its kind with `analyzer:`; the kind's loader reads the rest.
    private func parseAnalyzerFile(_ bytes: [UInt8], file: String,
                                   attributes: [String: Attribute]) throws(RuleFileError) -> any AnalyzerDefinition {
        var root = try YAMLNodeReader.load(yaml: try text(bytes, file: file), file: file)
        root.ruleFiles = files
        guard case .mapping(let mapping) = root.node else { throw root.error("an analyzer file must be a mapping") }
        guard let kindNode = mapping.first(where: { $0.key.string == "analyzer" })?.value else {
            throw root.error("an analyzer file needs 'analyzer: <kind>' (known kinds: \(analyzerKinds.map(\.name).joined(separator: ", ")))")
        }
        let kindName = try YAMLNodeReader(node: kindNode, file: file).string(context: "analyzer")
        guard let kind = analyzerKinds.first(where: { $0.name == kindName }) else {
            throw RuleFileError(file: file, line: kindNode.mark?.line ?? root.line,
                                "unknown analyzer '\(kindName)' (known kinds: \(analyzerKinds.map(\.name).joined(separator: ", ")))")
        }
        do {
            let analyzer = try kind.load(root, attributes)
            for attribute in analyzer.attributes where attributes[attribute] == nil {
                throw RuleFileError(file: file, line: analyzer.line, "unknown attribute '\(attribute)'")
            }
            return analyzer
        } catch let error as RuleFileError {
            throw error
        } catch {
            throw RuleFileError(file: file, line: root.line, "\(error)")
        }
    }

    // MARK: files

    /// The words of a known-words file: one word of letters per line, `#` comments and blank
    /// lines skipped; anything else fails with its line, since a phrase or a code there would
    /// silently never count.
    static func parseKnownWords(_ bytes: [UInt8], file: String) throws(RuleFileError) -> [String] {
        var words: [String] = []
        for (number, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let word = line.trimmingSpacesAndLineBreaks()
            if word.isEmpty || word.hasPrefix("#") { continue }
            guard word.unicodeScalars.allSatisfy(SearchSpellingIndex.isWordScalar) else {
                throw RuleFileError(file: file, line: number + 1, "a known word is one word of letters only: '\(word)'")
            }
            words.append(word)
        }
        return words
    }

    private func display(_ relative: String) -> String { files.display(relative) }

    private func read(_ relative: String) throws(RuleFileError) -> [UInt8] {
        guard let bytes = files.read(relative) else {
            throw RuleFileError(file: display(relative), line: 1, "cannot read file (missing or unreadable)")
        }
        return bytes
    }

    private func listFiles(under folder: String) -> [String] { files.list(under: folder) }

    private func text(_ bytes: [UInt8], file: String) throws(RuleFileError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw RuleFileError(file: file, line: 1, "file is not valid UTF-8")
        }
        return text
    }

    // MARK: attributes.yaml

    private func parseAttributes(_ bytes: [UInt8], file: String) throws(RuleFileError) -> ([Attribute], [String: [String: String]]) {
        let root = try YAMLNodeReader.load(yaml: try text(bytes, file: file), file: file)
        let top = try root.mapping(allowed: Self.attributeFileKeys, context: "attributes file")
        var result: [Attribute] = []
        var pending: [(String, YAMLNodeReader)] = []
        var seen: [String: Int] = [:]
        for item in try top.required("attributes", in: root, context: "attributes file").sequence(context: "attributes") {
            let map = try item.mapping(allowed: Self.attributeKeys, context: "attribute")
            let id = try map.required("id", in: item, context: "attribute").string(context: "id")
            guard LexiconRule.isDottedId(id) else {
                throw item.error("attribute id '\(id)' must be dotted lowercase words such as finance.gambling")
            }
            if let first = seen[id] { throw item.error("duplicate attribute id '\(id)' (first defined at line \(first))") }
            seen[id] = item.line
            let sensitivityNode = try map.required("sensitivity", in: item, context: "attribute \(id)")
            let sensitivityText = try sensitivityNode.string(context: "sensitivity")
            guard let sensitivity = Sensitivity(rawValue: sensitivityText) else {
                throw sensitivityNode.error("unknown sensitivity '\(sensitivityText)' (expected one of: \(Sensitivity.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let title = try map.required("title", in: item, context: "attribute \(id)").string(context: "title")
            let explanation = try map.required("explanation", in: item, context: "attribute \(id)").string(context: "explanation")
            guard !title.isEmpty, !explanation.isEmpty else { throw item.error("attribute \(id) needs a title and an explanation") }
            result.append(Attribute(id: id, title: title, sensitivity: sensitivity,
                                    explanation: explanation.trimmingCharacters(in: .whitespacesAndNewlines)))
            if let node = map["distinct_from"] { pending.append((id, node)) }
        }
        // distinct_from: neighbour id → what tells the two apart; checked once all ids are known.
        var distinctions: [String: [String: String]] = [:]
        let ids = Set(result.map(\.id))
        for (id, node) in pending {
            guard case .mapping(let entries) = node.node else {
                throw node.error("distinct_from of \(id) must map neighbour attribute ids to what tells them apart")
            }
            var texts: [String: String] = [:]
            for (keyNode, valueNode) in entries {
                let key = YAMLNodeReader(node: keyNode, file: file)
                let neighbour = try key.string(context: "distinct_from key")
                guard ids.contains(neighbour), neighbour != id else {
                    throw key.error("distinct_from of \(id) names '\(neighbour)', which is not another attribute of the taxonomy")
                }
                guard texts[neighbour] == nil else { throw key.error("duplicate key '\(neighbour)' in distinct_from of \(id)") }
                let text = try YAMLNodeReader(node: valueNode, file: file).string(context: "distinct_from \(neighbour)")
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { throw key.error("distinct_from of \(id): say what tells it apart from \(neighbour)") }
                texts[neighbour] = text
            }
            distinctions[id] = texts
        }
        return (result, distinctions)
    }

    // MARK: lexicons

    /// The language of `<dir>/<name>.<lang>.txt` (lexicons, known words); "" without one.
    static func language(ofFile relative: String) -> String {
        let parts = (relative.split(separator: "/").last ?? "").split(separator: ".")
        return parts.count >= 3 ? String(parts[parts.count - 2]) : ""
    }

    private func lexiconName(fileName: String, file: String) throws(RuleFileError) -> String {
        let parts = fileName.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[2] == "txt", !parts[0].isEmpty,
              parts[0].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }),
              (2...3).contains(parts[1].count), parts[1].allSatisfy({ $0.isASCII && $0.isLowercase }) else {
            throw RuleFileError(file: file, line: 1, "lexicon file name must be <name>.<lang>.txt, e.g. gambling.en.txt")
        }
        return String(parts[0])
    }

    /// Terms of one lexicon file; `inflection` is its language's (docs/rules.md, "Inflected forms").
    private func parseLexicon(_ bytes: [UInt8], name: String, file: String,
                              inflection: Inflection?, language: String) throws(RuleFileError) -> [LexiconAutomaton.Term] {
        var result: [LexiconAutomaton.Term] = []
        var lineNumber = 0
        var inflection = inflection
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard let line = String(validating: rawLine, as: UTF8.self) else {
                throw RuleFileError(file: file, line: lineNumber, "line is not valid UTF-8")
            }
            // Trimmed in place (Foundation's trimming bridged every line of 15,000 terms to
            // NSString: 7 % of loading the rules, which every scan does).
            let term = line.trimmingSpacesAndLineBreaks()
            // `#! exact`: every term of the file only as written (lists of brand names, whose
            // plural is another business: Scruff, "Scruffs workwear").
            if term.hasPrefix("#!") {
                guard term.dropFirst(2).trimmingSpaces() == "exact", result.isEmpty else {
                    throw RuleFileError(file: file, line: lineNumber, "the only directive is '#! exact', before the first term")
                }
                inflection = nil
                continue
            }
            if term.isEmpty || term.hasPrefix("#") { continue }
            if let problem = LexiconRule.problem(with: term) { throw RuleFileError(file: file, line: lineNumber, problem) }
            result.append(LexiconRule.term(term, group: name, inflection: inflection))
            // German bank lines are written in SEPA's Latin character set, which has no umlauts:
            // "MAHNGEBUEHR", "STRAFVERFUEGUNG", "KRANKENKASSE FUER". Folding turns ü into u, not
            // ue, so a German term with an umlaut is also compiled as the bank writes it
            // (docs/rules.md, "Lexicons and text folding").
            if language == "de", let written = Self.sepaSpelling(ofGerman: term) {
                result.append(LexiconRule.term(written, group: name, inflection: inflection))
            }
        }
        if result.isEmpty { throw RuleFileError(file: file, line: 1, "lexicon has no terms") }
        return result
    }

    /// `term` with ä, ö, ü written ae, oe, ue (as SEPA's character set makes German banks write
    /// them); nil when the term has none. ß needs nothing: folding already writes it ss.
    static func sepaSpelling(ofGerman term: String) -> String? {
        var changed = false
        var result = ""
        for character in term {
            switch character {
            case "ä": result += "ae"; changed = true
            case "ö": result += "oe"; changed = true
            case "ü": result += "ue"; changed = true
            case "Ä": result += "Ae"; changed = true
            case "Ö": result += "Oe"; changed = true
            case "Ü": result += "Ue"; changed = true
            default: result.append(character)
            }
        }
        return changed ? result : nil
    }

    // MARK: sources.yaml

    /// Named lists of source patterns, so that the rules reading one kind of record (what the
    /// person wrote, say) all read the same importers (docs/rules.md, "Source sets").
    private func parseSourceSets(_ bytes: [UInt8], file: String) throws(RuleFileError) -> [String: [SourcePattern]] {
        let root = try YAMLNodeReader.load(yaml: try text(bytes, file: file), file: file)
        let top = try root.mapping(allowed: Self.sourceSetFileKeys, context: "source sets file")
        var sets: [String: [SourcePattern]] = [:]
        for item in try top.required("source_sets", in: root, context: "source sets file").sequence(context: "source_sets") {
            let map = try item.mapping(allowed: Self.sourceSetKeys, context: "source set")
            let nameNode = try map.required("name", in: item, context: "source set")
            let name = try nameNode.string(context: "name")
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isLowercase || ("0"..."9").contains($0) || $0 == "_") }) else {
                throw nameNode.error("source set name '\(name)' must be lowercase letters, digits and underscores, such as own_writing")
            }
            guard sets[name] == nil else { throw nameNode.error("duplicate source set '\(name)'") }
            let sourcesNode = try map.required("sources", in: item, context: "source set \(name)")
            var patterns: [SourcePattern] = []
            for source in try listItems(sourcesNode, context: "sources") {
                patterns.append(try sourcePattern(source))
            }
            guard !patterns.isEmpty else { throw sourcesNode.error("source set \(name) lists no sources") }
            sets[name] = patterns
        }
        return sets
    }

    /// One importer id or glob (`bank.ofx`, `bank.*`) as a rule or a source set writes it.
    private func sourcePattern(_ item: YAMLNodeReader) throws(RuleFileError) -> SourcePattern {
        let text = try item.string(context: "source")
        guard !text.isEmpty, text.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isLowercase || ("0"..."9").contains($0) || "._*-".unicodeScalars.contains($0)) }) else {
            throw item.error("bad source '\(text)': use an importer id such as bank.ofx or a glob such as bank.*")
        }
        return SourcePattern(text)
    }

    // MARK: signal rules

    /// `examplesChecked`: the file's examples were checked when steward was built and emptied
    /// out of `bytes` (`ExamplesCheckedAtBuild`), so a rule without them is not an error.
    private func parseRuleFile(_ bytes: [UInt8], file: String, attributeIds: Set<String>,
                               lexiconNames: Set<String>, sourceSets: [String: [SourcePattern]],
                               examplesChecked: Bool = false) throws(RuleFileError) -> [SignalRule] {
        let root = try YAMLNodeReader.load(yaml: try text(bytes, file: file), file: file)
        let top = try root.mapping(allowed: Self.ruleFileKeys, context: "rule file")
        var rules: [SignalRule] = []
        for item in try top.required("rules", in: root, context: "rule file").sequence(context: "rules") {
            rules.append(try parseRule(item, file: file, attributeIds: attributeIds, lexiconNames: lexiconNames,
                                       sourceSets: sourceSets, examplesChecked: examplesChecked))
        }
        return rules
    }

    private func parseRule(_ item: YAMLNodeReader, file: String, attributeIds: Set<String>,
                           lexiconNames: Set<String>, sourceSets: [String: [SourcePattern]],
                           examplesChecked: Bool) throws(RuleFileError) -> SignalRule {
        let map = try item.mapping(allowed: Self.ruleKeys, context: "rule")
        let idNode = try map.required("id", in: item, context: "rule")
        let id = try idNode.string(context: "id")
        guard LexiconRule.isDottedId(id) else {
            throw idNode.error("rule id '\(id)' must be dotted lowercase words such as finance.gambling.bookmaker")
        }
        let attributeNode = try map.required("attribute", in: item, context: "rule \(id)")
        let attribute = try attributeNode.string(context: "attribute")
        guard attributeIds.contains(attribute) else {
            throw attributeNode.error("unknown attribute '\(attribute)' (not in \(display("attributes.yaml")))")
        }
        let title = try map.required("title", in: item, context: "rule \(id)").string(context: "title")
        let description = try map["description"]?.string(context: "description")
        let confidenceNode = try map.required("confidence", in: item, context: "rule \(id)")
        let confidence = try confidenceNode.double(context: "confidence")
        guard (0...1).contains(confidence) else { throw confidenceNode.error("confidence must be between 0 and 1, got \(confidence)") }
        let matchNode = try map.required("match", in: item, context: "rule \(id)")
        let match = try parseMatch(matchNode, lexiconNames: lexiconNames, sourceSets: sourceSets)
        var aggregate: RuleAggregate?
        if let node = map["aggregate"] {
            let aggregateMap = try node.mapping(allowed: Self.aggregateKeys, context: "aggregate")
            let countNode = try aggregateMap.required("count", in: node, context: "aggregate")
            let daysNode = try aggregateMap.required("days", in: node, context: "aggregate")
            let count = try countNode.int(context: "aggregate count")
            let days = try daysNode.int(context: "aggregate days")
            guard count >= 1 else { throw countNode.error("aggregate count must be at least 1, got \(count)") }
            guard days >= 1 else { throw daysNode.error("aggregate days must be at least 1, got \(days)") }
            aggregate = RuleAggregate(count: count, days: days)
        }
        var yieldsTo: [String] = []
        if let node = map["yields_to"] {
            for entry in try listItems(node, context: "yields_to") {
                let neighbour = try entry.string(context: "yields_to")
                guard attributeIds.contains(neighbour), neighbour != attribute else {
                    throw entry.error("yields_to names '\(neighbour)', which is not another attribute of the taxonomy")
                }
                yieldsTo.append(neighbour)
            }
        }
        var examples: [RuleExample] = []
        if !examplesChecked || map["examples"] != nil {
            examples = try parseExamples(map.required("examples", in: item, context: "rule \(id)"))
            guard examples.contains(where: \.isPositive), examples.contains(where: { !$0.isPositive }) else {
                throw item.error("rule \(id) needs at least one positive and one negative example")
            }
        }
        var rule = SignalRule(id: id, attribute: attribute, title: title, description: description, confidence: confidence,
                              match: match, aggregate: aggregate, examples: keepsExamples ? examples : [], file: file,
                              line: item.line)
        rule.yieldsTo = yieldsTo
        return rule
    }

    private func parseMatch(_ node: YAMLNodeReader, lexiconNames: Set<String>,
                            sourceSets: [String: [SourcePattern]]) throws(RuleFileError) -> RuleMatch {
        let map = try node.mapping(allowed: Self.matchKeys, context: "match")
        var match = RuleMatch(sources: [], kinds: [], fields: RuleMatch.defaultFields, lexicons: [], terms: [],
                              excludeLexicons: [], excludeTerms: [], mcc: nil, amount: nil, hours: nil, combination: .any)
        if let sources = map["sources"] {
            for item in try listItems(sources, context: "sources") {
                let text = try item.string(context: "source")
                if text.hasPrefix("$") {
                    let name = String(text.dropFirst())
                    guard let set = sourceSets[name] else {
                        let known = sourceSets.keys.sorted().map { "$" + $0 }.joined(separator: ", ")
                        throw item.error("unknown source set '\(text)' (\(display(Self.sourceSetsPath)) defines: \(known.isEmpty ? "none" : known))")
                    }
                    for pattern in set where !match.sources.contains(pattern) { match.sources.append(pattern) }
                } else {
                    let pattern = try sourcePattern(item)
                    if !match.sources.contains(pattern) { match.sources.append(pattern) }
                }
            }
        }
        if let node = map["subject"] {
            let text = try node.string(context: "subject")
            guard let subject = RuleMatch.Subject(rawValue: text) else {
                throw node.error("subject must be one of: \(RuleMatch.Subject.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
            }
            match.subject = subject
        }
        if let node = map["authored_by"] {
            let text = try node.string(context: "authored_by")
            guard let authorship = RuleMatch.Authorship(rawValue: text) else {
                throw node.error("authored_by must be one of: \(RuleMatch.Authorship.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
            }
            match.authoredBy = authorship
        }
        if let kinds = map["kinds"] {
            for item in try listItems(kinds, context: "kinds") {
                let text = try item.string(context: "kind")
                guard let kind = EventKind(rawValue: text) else {
                    throw item.error("unknown event kind '\(text)' (expected one of: \(EventKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                match.kinds.insert(kind)
            }
        }
        if let fields = map["fields"] {
            match.fields = []
            for item in try listItems(fields, context: "fields") {
                let text = try item.string(context: "field")
                guard let field = Event.Field(rawValue: text) else {
                    throw item.error("unknown event field '\(text)' (expected one of: \(Event.Field.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                if !match.fields.contains(field) { match.fields.append(field) }
            }
        }
        if let lexicons = map["lexicons"] { match.lexicons = try lexiconList(lexicons, known: lexiconNames) }
        if let terms = map["terms"] { match.terms = try termList(terms) }
        if let exclude = map["exclude"] {
            let excludeMap = try exclude.mapping(allowed: Self.excludeKeys, context: "exclude")
            if let lexicons = excludeMap["lexicons"] { match.excludeLexicons = try lexiconList(lexicons, known: lexiconNames) }
            if let terms = excludeMap["terms"] { match.excludeTerms = try termList(terms) }
            guard match.hasLexiconCondition else {
                throw exclude.error("exclude only cancels lexicon hits, but this rule has no lexicons or terms")
            }
        }
        if let also = map["also"] {
            let alsoMap = try also.mapping(allowed: Self.alsoKeys, context: "also")
            if let lexicons = alsoMap["lexicons"] { match.alsoLexicons = try lexiconList(lexicons, known: lexiconNames) }
            if let terms = alsoMap["terms"] { match.alsoTerms = try termList(terms) }
            if let node = alsoMap["within"] {
                let text = try node.string(context: "within")
                guard let scope = RuleMatch.AlsoScope(text) else {
                    throw node.error("also: within must be record, clause or '<n> words' with n from 0 to \(RuleMatch.AlsoScope.maxWords), got '\(text)'")
                }
                match.alsoWithin = scope
            }
            guard match.hasLexiconCondition else {
                throw also.error("also only narrows lexicon hits, but this rule has no lexicons or terms")
            }
            guard !match.alsoLexicons.isEmpty || !match.alsoTerms.isEmpty else {
                throw also.error("also needs lexicons or terms the record must hit as well")
            }
        }
        if let mcc = map["mcc"] {
            var ranges: [ClosedRange<Int>] = []
            for item in try listItems(mcc, context: "mcc") { ranges.append(try mccRange(item)) }
            match.mcc = MCCSet(ranges: ranges)
        }
        if let compatible = map["mcc_compatible"] {
            var ranges: [ClosedRange<Int>] = []
            for item in try listItems(compatible, context: "mcc_compatible") { ranges.append(try mccRange(item)) }
            match.mccCompatible = MCCSet(ranges: ranges)
        }
        // Merchant category precedence: on for rules that name merchant categories, settable
        // either way (docs/rules.md "Merchant category precedence").
        match.mccPrecedence = match.mcc != nil || match.mccCompatible != nil
        if let precedence = map["mcc_precedence"] {
            match.mccPrecedence = try precedence.bool(context: "mcc_precedence")
            guard match.hasLexiconCondition else {
                throw precedence.error("mcc_precedence only acts on lexicon matches, but this rule has no lexicons or terms")
            }
        }
        if let amount = map["amount"] {
            let amountMap = try amount.mapping(allowed: Self.amountKeys, context: "amount")
            let minimum = try amountMap["min"].map { node throws(RuleFileError) in try node.decimal(context: "amount min") }
            let maximum = try amountMap["max"].map { node throws(RuleFileError) in try node.decimal(context: "amount max") }
            guard minimum != nil || maximum != nil else { throw amount.error("amount needs min, max or both") }
            if let minimum, let maximum, minimum.compare(maximum) > 0 {
                throw amount.error("amount min \(minimum.decimalString) is above max \(maximum.decimalString)")
            }
            let orUnknown = try amountMap["or_unknown"]?.bool(context: "amount or_unknown") ?? false
            match.amount = AmountRange(min: minimum, max: maximum, admitsUnknown: orUnknown)
        }
        if let node = map["intent"] {
            let text = try node.string(context: "intent")
            guard let intent = RuleMatch.Intent(rawValue: text) else {
                throw node.error("intent must be one of: \(RuleMatch.Intent.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
            }
            guard match.hasLexiconCondition else {
                throw node.error("intent only acts on lexicon matches, but this rule has no lexicons or terms")
            }
            match.intent = intent
        }
        if let topics = map["topics"] {
            let topicsMap = try topics.mapping(allowed: Self.topicsKeys, context: "topics")
            guard match.hasLexiconCondition, match.intent == .need else {
                throw topics.error("topics only acts on lexicon matches under intent: need")
            }
            if let except = topicsMap["except"] {
                match.topicExcept = try lexiconList(except, known: lexiconNames)
                for (name, item) in zip(match.topicExcept, try listItems(except, context: "except"))
                where !name.hasPrefix(RuleMatch.topicLexiconPrefix) {
                    throw item.error("topics except names shared topic-marker lexicons (\(RuleMatch.topicLexiconPrefix)*), got '\(name)'")
                }
            }
            if let lexicons = topicsMap["lexicons"] { match.topicLexicons = try lexiconList(lexicons, known: lexiconNames) }
            if let terms = topicsMap["terms"] { match.topicTerms = try termList(terms) }
        }
        if let hours = map["hours"] { match.hours = try hourWindow(hours) }
        if let combine = map["combine"] {
            let text = try combine.string(context: "combine")
            guard let combination = RuleMatch.Combination(rawValue: text) else {
                throw combine.error("combine must be 'any' or 'all', got '\(text)'")
            }
            guard combination == .any || (match.hasLexiconCondition && match.mcc != nil) else {
                throw combine.error("combine: all needs both a lexicon condition (lexicons or terms) and mcc")
            }
            match.combination = combination
        }
        guard match.hasLexiconCondition || match.mcc != nil || match.hours != nil || match.amount != nil else {
            throw node.error("match has no condition: give lexicons, terms, mcc, amount or hours")
        }
        if map["fields"] == nil && match.authoredBy == .person {
            // A rule on the person's own words reads what they wrote, not the name of the chat
            // or of whom they wrote to: a WhatsApp group called "Work drinks" made every message
            // in it an alcohol finding (docs/rules.md, "How a rule matches one event").
            match.fields = RuleMatch.ownWordsFields
        }
        return match
    }

    private func listItems(_ node: YAMLNodeReader, context: String) throws(RuleFileError) -> [YAMLNodeReader] {
        if case .scalar = node.node { return [node] }
        return try node.sequence(context: context)
    }

    private func lexiconList(_ node: YAMLNodeReader, known: Set<String>) throws(RuleFileError) -> [String] {
        var result: [String] = []
        for item in try listItems(node, context: "lexicons") {
            let name = try item.string(context: "lexicon")
            guard known.contains(name) else {
                throw item.error("unknown lexicon '\(name)' (no file \(display("lexicons/\(name).<lang>.txt")))")
            }
            result.append(name)
        }
        return result
    }

    private func termList(_ node: YAMLNodeReader) throws(RuleFileError) -> [String] {
        var result: [String] = []
        for item in try listItems(node, context: "terms") {
            let term = try item.string(context: "term").trimmingCharacters(in: .whitespaces)
            if let problem = LexiconRule.problem(with: term) { throw item.error(problem) }
            result.append(term)
        }
        return result
    }

    private func mccRange(_ node: YAMLNodeReader) throws(RuleFileError) -> ClosedRange<Int> {
        let text = try node.string(context: "mcc")
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let numbers = parts.compactMap { part -> Int? in
            guard (1...4).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(part)
        }
        guard (1...2).contains(parts.count), numbers.count == parts.count else {
            throw node.error("bad MCC '\(text)': expected a 4-digit code such as 5921 or a range such as 7800-7802")
        }
        guard numbers[0] <= numbers[numbers.count - 1] else {
            throw node.error("bad MCC range '\(text)': start is after end")
        }
        return numbers[0]...numbers[numbers.count - 1]
    }

    private func hourWindow(_ node: YAMLNodeReader) throws(RuleFileError) -> HourWindow {
        let text = try node.string(context: "hours")
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let start = parts[0], let end = parts[1], (0...23).contains(start), (0...24).contains(end), start != end % 24 else {
            throw node.error("hours must be 'start-end' with whole hours 0–24, start ≠ end, e.g. 0-5 or 22-5; got '\(text)'")
        }
        return HourWindow(start: start, end: end % 24)
    }

    // MARK: examples

    private func parseExamples(_ node: YAMLNodeReader) throws(RuleFileError) -> [RuleExample] {
        let map = try node.mapping(allowed: Self.examplesKeys, context: "examples")
        var result: [RuleExample] = []
        for (key, isPositive) in [("positive", true), ("negative", false)] {
            guard let list = map[key] else { continue }
            for item in try list.sequence(context: "\(key) examples") {
                result.append(try parseExample(item, isPositive: isPositive))
            }
        }
        return result.sorted { $0.line < $1.line }
    }

    private func parseExample(_ item: YAMLNodeReader, isPositive: Bool) throws(RuleFileError) -> RuleExample {
        guard case .mapping(let raw) = item.node else { throw item.error("an example must be a mapping of event fields") }
        let isGroup = raw.keys.contains { $0.string == "events" }
        if isGroup {
            let map = try item.mapping(allowed: Self.exampleGroupKeys, context: "example")
            var events: [Event] = []
            for eventNode in try map.required("events", in: item, context: "example").sequence(context: "events") {
                events.append(try exampleEvent(eventNode))
            }
            guard !events.isEmpty else { throw item.error("example events list is empty") }
            return RuleExample(isPositive: isPositive, events: events, note: try map["note"]?.string(context: "note"),
                               file: item.file, line: item.line)
        }
        let map = try item.mapping(allowed: Self.exampleEventKeys, context: "example event")
        return RuleExample(isPositive: isPositive, events: [try exampleEvent(item)],
                           note: try map["note"]?.string(context: "note"), file: item.file, line: item.line)
    }

    private func exampleEvent(_ node: YAMLNodeReader) throws(RuleFileError) -> Event {
        try ExampleEvent.read(node)
    }
}

/// Small shared checks for terms and ids.
enum LexiconRule {
    /// Why a term cannot be used, or nil.
    static func problem(with term: String) -> String? {
        let body = term.hasSuffix("*") || term.hasSuffix("!") ? String(term.dropLast()) : term
        // Most terms hold no '*', '{' or '}': only the '!' and folding checks below apply to
        // them, without the substring searches and replacement (an eighth of a scan's start-up
        // for seven thousand terms).
        if !body.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) {
            if body.hasSuffix("!") { return "one '!' at the end of a term (exact form) is enough: '\(term)'" }
            return foldedProblem(TextFolder.fold(body), term: term)
        }
        if body.contains("*") { return "'*' is only allowed at the end of a term (prefix match): '\(term)'" }
        if body.hasSuffix("!") { return "one '!' at the end of a term (exact form) is enough: '\(term)'" }
        let placeholders = body.ranges(of: LexiconAutomaton.numberPlaceholder).count
        if placeholders > 1 { return "one '\(LexiconAutomaton.numberPlaceholder)' (a number) per term is enough: '\(term)'" }
        if placeholders == 1 && term.hasSuffix("*") {
            return "a term with '\(LexiconAutomaton.numberPlaceholder)' cannot be a prefix term: '\(term)'"
        }
        if body.contains("{") || body.contains("}"), placeholders == 0 || body.filter({ $0 == "{" || $0 == "}" }).count > 2 {
            return "braces only in '\(LexiconAutomaton.numberPlaceholder)', a number of one or two digits: '\(term)'"
        }
        return foldedProblem(TextFolder.fold(body.replacing(LexiconAutomaton.numberPlaceholder, with: "0")), term: term)
    }

    /// What is wrong with a term once folded (`folded`), if anything.
    private static func foldedProblem(_ folded: [UInt8], term: String) -> String? {
        if folded.allSatisfy({ $0 == 0x20 }) { return "empty term" }
        if folded.count > RuleSetLoader.maximumTermBytes {
            return "term is longer than \(RuleSetLoader.maximumTermBytes) bytes: '\(term.prefix(40))…'"
        }
        return nil
    }

    /// A term as written in a lexicon: `word*` matches as a prefix, `word!` only in exactly
    /// this form (no inflected forms: docs/rules.md, "Inflected forms"), anything else in the
    /// forms its language's `inflection` allows.
    static func term(_ written: String, group: String, inflection: Inflection? = nil) -> LexiconAutomaton.Term {
        let isPrefix = written.hasSuffix("*")
        let isExact = written.hasSuffix("!")
        return LexiconAutomaton.Term(group: group, text: isPrefix || isExact ? String(written.dropLast()) : written, isPrefix: isPrefix,
                                     inflection: isExact ? nil : inflection)
    }

    static func isDottedId(_ id: String) -> Bool {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
        }
    }
}

/// FNV-1a 64-bit: a tiny, stable, dependency-free fingerprint of the rule files (not security).
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf29ce484222325

    mutating func add(_ path: String, _ bytes: [UInt8]) {
        for b in path.utf8 { mix(b) }
        mix(0)
        for b in bytes { mix(b) }
        mix(0)
    }

    /// `add(path, bytes)` to this hash and to `other` in one pass over the bytes: the rule-set
    /// version and a file's own digest (`ExamplesCheckedAtBuild`) read each signal file once.
    mutating func add(_ path: String, _ bytes: [UInt8], alongside other: inout FNV1a64) {
        for b in path.utf8 { mix(b); other.mix(b) }
        mix(0); other.mix(0)
        for b in bytes { mix(b); other.mix(b) }
        mix(0); other.mix(0)
    }

    private mutating func mix(_ byte: UInt8) {
        value ^= UInt64(byte)
        value = value &* 0x100000001b3
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
