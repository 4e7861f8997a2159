import Foundation

/// Build-time tool behind `ProgramCatalogPlugin`: writes a Swift file holding every
/// `<lang>.yaml` of Sources/Localization/Catalog as a string literal, so the single binary
/// carries its own strings in every language (docs/i18n.md, "Where the texts live").
/// Usage: `ProgramCatalogGenerator CATALOG_DIR OUTPUT.swift`.
@main
struct ProgramCatalogGenerator {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count == 3 else { fail("usage: ProgramCatalogGenerator CATALOG_DIR OUTPUT.swift") }
        let root = arguments[1], output = arguments[2]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { $0.hasSuffix(".yaml") && !$0.hasPrefix(".") }
            .sorted()
        guard names.contains("en.yaml") else { fail("\(root): no en.yaml (English is the source catalog)") }
        var text = """
        // Generated at build time by ProgramCatalogGenerator from Sources/Localization/Catalog
        // (docs/i18n.md). Do not edit: edit the catalog files and rebuild.

        /// Every catalog file (language code, exact text), sorted by language code.
        let programCatalogTable: [(language: String, text: StaticString)] = [

        """
        for name in names {
            guard let data = FileManager.default.contents(atPath: root + "/" + name),
                  let string = String(data: data, encoding: .utf8) else {
                fail("\(root)/\(name): cannot read it as UTF-8 text")
            }
            text += "    (\(literal(String(name.dropLast(5)))), \(literal(string))),\n"
        }
        text += "]\n"
        if FileManager.default.contents(atPath: output) != Data(text.utf8) {
            guard FileManager.default.createFile(atPath: output, contents: Data(text.utf8)) else { fail("\(output): cannot write") }
        }
    }

    /// A Swift string literal with exactly these scalars: quotes, backslashes, line breaks and
    /// invisible or direction-changing characters escaped.
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
                    || (0x2028...0x202F).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFEFF || v == 0xA0
                out += invisible ? "\\u{\(String(v, radix: 16))}" : String(scalar)
            }
        }
        return out + "\""
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("ProgramCatalogGenerator: \(message)\n".utf8))
        exit(1)
    }
}
