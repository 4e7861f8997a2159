import Foundation
import RuleFileReading
import Rules

/// Build-time tool behind the `BuiltInRulesPlugin`: writes a Swift file holding every file of
/// `rules/` as a string literal (read at run time in place, without copies on disk), the
/// rule-set version those files give and their lexicon automaton, compiled here once instead of
/// on every run (`LexiconAutomatonImage`). Usage: `BuiltInRulesGenerator RULES_DIR OUTPUT.swift`.
/// See docs/rules.md, "Where rules come from".
@main
struct BuiltInRulesGenerator {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else { fail("usage: BuiltInRulesGenerator RULES_DIR OUTPUT.swift") }
        let root = arguments[1], output = arguments[2]
        let files = RuleFiles.folder(root).allFiles()
        guard files.contains("attributes.yaml") else { fail("\(root): not a rules folder (no attributes.yaml)") }

        var text = """
        // Generated at build time by BuiltInRulesGenerator from the project's rules/ folder
        // (docs/rules.md, "Where rules come from"). Do not edit: edit rules/ and rebuild.

        import Rules

        /// Every file of rules/ (relative path, exact bytes), sorted by path.
        let builtInRuleFileTable: [(path: String, bytes: StaticString)] = [

        """
        var contents: [String: [UInt8]] = [:]
        for relative in files {
            guard let data = FileManager.default.contents(atPath: root + "/" + relative) else {
                fail("rules/\(relative): cannot read file")
            }
            let bytes = [UInt8](data)
            guard let string = String(validating: bytes, as: UTF8.self) else {
                fail("rules/\(relative): not valid UTF-8; every file under rules/ is compiled into steward as text")
            }
            contents[relative] = bytes
            text += "    (\(literal(relative)), \(literal(string))),\n"
        }
        text += "]\n\n"
        text += "/// `RuleSet.version` of these files (FNV-1a 64 over the versioned files, as the loader hashes them).\n"
        text += "let builtInRulesVersion = \(literal(version(of: files, contents: contents)))\n\n"
        text += loadedRulesDeclarations(rulesFolder: root, files: files, contents: contents)
        // Written only when it changed, so an unchanged table does not recompile the module.
        if FileManager.default.contents(atPath: output) != Data(text.utf8) {
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else { fail("\(output): cannot write") }
        }
    }

    /// What loading the rules in `rulesFolder` gives: their lexicon automaton compiled as a
    /// `LexiconAutomatonImage` (its key, and its bytes as a string literal), and the signal files
    /// whose examples this load checked (`ExamplesCheckedAtBuild`). Rules that do not load give
    /// neither, not a failed build: steward then reports the broken file with its line when it
    /// loads them, as it does for any rules folder.
    static func loadedRulesDeclarations(rulesFolder: String, files: [String], contents: [String: [UInt8]]) -> String {
        let imageHeader = "/// The rules' lexicon automaton compiled at build time (LexiconAutomatonImage; docs/performance.md,\n"
            + "/// \"The lexicon automaton compiled at build time\"), nil when the rules did not load here.\n"
        let checkedHeader = "/// Signal files whose examples were checked at build time, by their bytes (ExamplesCheckedAtBuild;\n"
            + "/// docs/performance.md, \"Examples checked when steward is built\"), nil when the rules did not load here.\n"
        let rules: RuleSet
        do {
            rules = try RuleSet.load(files: .folder(rulesFolder), keepingExamples: false)
        } catch {
            FileHandle.standardError.write(Data("BuiltInRulesGenerator: warning: the rules did not load, so no lexicon automaton is compiled in: \(error)\n".utf8))
            return imageHeader + "let builtInLexiconImage: LexiconAutomatonImage? = nil\n\n"
                + checkedHeader + "let builtInExamplesChecked: ExamplesCheckedAtBuild? = nil\n"
        }
        let automaton = rules.automaton
        let key = LexiconAutomaton.imageKey(of: automaton.terms)
        let image = String(decoding: automaton.imageBytes, as: UTF8.self)
        return imageHeader + "let builtInLexiconImage: LexiconAutomatonImage? = LexiconAutomatonImage(key: 0x"
            + String(key, radix: 16) + ", literal: " + literal(image) + ")\n\n"
            + checkedHeader + examplesCheckedDeclaration(rulesFolder: rulesFolder, checkedRules: rules, files: files, contents: contents)
    }

    /// The digests of the signal files just loaded (and so checked), kept only if the same
    /// folder read with those files' examples emptied gives the same rules: an `examples:`
    /// block the emptying misreads would show here, at build time, not in a scan.
    static func examplesCheckedDeclaration(rulesFolder: String, checkedRules: RuleSet, files: [String],
                                           contents: [String: [UInt8]]) -> String {
        var digests: [String: UInt64] = [:]
        for relative in files where relative.hasPrefix("signals/") && (relative.hasSuffix(".yaml") || relative.hasSuffix(".yml")) {
            digests[relative] = ExamplesCheckedAtBuild.digest(of: relative, contents[relative] ?? [])
        }
        let checked = ExamplesCheckedAtBuild(digests: digests)
        let same: Bool
        do {
            let emptied = try RuleSet.load(files: .folder(rulesFolder), keepingExamples: false, examplesCheckedAtBuild: checked)
            same = emptied.rules.map(canonical) == checkedRules.rules.map(canonical)
        } catch {
            same = false
        }
        guard same else {
            FileHandle.standardError.write(Data("BuiltInRulesGenerator: warning: the signal files read without their examples differ from the files read whole, so every load checks the examples\n".utf8))
            return "let builtInExamplesChecked: ExamplesCheckedAtBuild? = nil\n"
        }
        var text = "let builtInExamplesChecked: ExamplesCheckedAtBuild? = ExamplesCheckedAtBuild(digests: [\n"
        for relative in digests.keys.sorted() {
            text += "    \(literal(relative)): 0x\(String(digests[relative]!, radix: 16)),\n"
        }
        return text + "])\n"
    }

    /// Every stored value of `value`, nested, as text; a set's or a dictionary's elements in
    /// sorted order (their iteration order differs from one instance to the next).
    static func canonical(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        let children = mirror.children.map { child in (child.label.map { $0 + ": " } ?? "") + canonical(child.value) }
        switch mirror.displayStyle {
        case .set, .dictionary: return "[" + children.sorted().joined(separator: ", ") + "]"
        case nil: return String(describing: value)
        case .enum where children.isEmpty: return String(describing: value)   // the case name, no payload
        default: return "\(mirror.subjectType)(" + children.joined(separator: ", ") + ")"
        }
    }

    /// The files `RuleSetLoader` hashes, in its order (`RuleSetLoader.versionedFiles`), with the
    /// same FNV-1a 64 (`FNV1a64`); a test checks the two agree.
    static func version(of files: [String], contents: [String: [UInt8]]) -> String {
        func yaml(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }
        let ordered = ["attributes.yaml"]
            + files.filter { $0 == "sources.yaml" }
            + files.filter { $0.hasPrefix("lexicons/") && $0.hasSuffix(".txt") }
            + files.filter { $0.hasPrefix("signals/") && yaml($0) }
            + files.filter { $0.hasPrefix("data/") }
            + files.filter { $0.hasPrefix("analyzers/") && yaml($0) }
            + files.filter { $0.hasPrefix("models/") && yaml($0) }
        var value: UInt64 = 0xcbf29ce484222325
        func mix(_ byte: UInt8) { value ^= UInt64(byte); value = value &* 0x100000001b3 }
        for path in ordered {
            for byte in path.utf8 { mix(byte) }
            mix(0)
            for byte in contents[path] ?? [] { mix(byte) }
            mix(0)
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// A Swift string literal with exactly these scalars: quotes, backslashes, line breaks and
    /// every invisible or direction-changing character escaped, everything else as is.
    static func literal(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let v = scalar.value
                let invisible = v < 0x20 || (0x7F...0x9F).contains(v) || (0x200B...0x200F).contains(v)
                    || (0x2028...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF
                out += invisible ? "\\u{\(String(v, radix: 16))}" : String(scalar)
            }
        }
        return out + "\""
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("BuiltInRulesGenerator: \(message)\n".utf8))
        exit(1)
    }
}
