import Foundation

/// The catalogs of steward's own strings as compiled into the binary (the table is generated
/// at build time from Sources/Localization/Catalog/ by `ProgramCatalogPlugin`), parsed once
/// per language on first use. docs/i18n.md, "Where the texts live".
public enum ProgramCatalogs {
    /// The catalog file's text for `language`, as embedded (nil when there is no file).
    public static func source(_ language: Language) -> String? {
        programCatalogTable.first { $0.language == language.rawValue }.map { String(decoding: bytes(of: $0.text), as: UTF8.self) }
    }

    /// Languages with a catalog file.
    public static var languages: [Language] {
        programCatalogTable.compactMap { Language(rawValue: $0.language) }
    }

    /// The parsed catalog of `language`; an embedded file that does not parse is a build
    /// defect caught by LocalizationTests, and gives an empty catalog here (English then fills in).
    public static func catalog(_ language: Language) -> Catalog {
        cache.catalog(language)
    }

    /// Parses the embedded file, throwing what is wrong with it (for tests and `rules lint`).
    public static func load(_ language: Language) throws(CatalogError) -> Catalog {
        guard let text = source(language) else { return Catalog(language: language, entries: [:]) }
        return try Catalog.parse(text, language: language, file: "Sources/Localization/Catalog/\(language.rawValue).yaml")
    }

    private static let cache = CatalogCache()

    private static func bytes(of text: StaticString) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }
}

/// Parsed catalogs, one per language, built on first use from any thread.
private final class CatalogCache: @unchecked Sendable {
    private let lock = NSLock()
    private var parsed: [Language: Catalog] = [:]

    func catalog(_ language: Language) -> Catalog {
        lock.withLock {
            if let catalog = parsed[language] { return catalog }
            let catalog = (try? ProgramCatalogs.load(language)) ?? Catalog(language: language, entries: [:])
            parsed[language] = catalog
            return catalog
        }
    }
}
