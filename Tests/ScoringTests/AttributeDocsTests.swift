import XCTest

/// docs/attributes.md is kept by hand beside rules/attributes.yaml: this fails when an attribute
/// has no row there, or when the page names an attribute the taxonomy does not have.
final class AttributeDocsTests: XCTestCase {
    func testAttributeDocsHaveOneRowPerTaxonomyAttributeAndNoOther() throws {
        let docsPath = Taxonomy.rulesDirectory.replacingOccurrences(of: "/rules", with: "/docs/attributes.md")
        let docs = try String(contentsOfFile: docsPath, encoding: .utf8)
        let rows = docs.split(separator: "\n").filter { $0.hasPrefix("| `") }
        let documented = rows.map { row in
            String(row.dropFirst(3).prefix { $0 != "`" })
        }
        XCTAssertEqual(documented.count, Set(documented).count, "an attribute has two rows in docs/attributes.md")
        XCTAssertEqual(Set(documented), Taxonomy.ids,
                       "missing: \(Taxonomy.ids.subtracting(documented).sorted()); unknown: \(Set(documented).subtracting(Taxonomy.ids).sorted())")
    }
}
