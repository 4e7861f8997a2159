/// Chrome history as Google Takeout exports it (`Takeout/Chrome/BrowserHistory.json`), synced
/// from every signed-in Chrome. Detected by content: a JSON object whose first key is
/// `"Browser History"` (the key is not localized; the folder name is).
public struct ChromeBrowserHistoryImporter: Importer {
    public init() {}

    public var id: String { ChromeBrowserHistoryParser.source }
    public var title: String { "Chrome browser history (Google Takeout JSON)" }
    public var howToRequest: String {
        """
        takeout.google.com → "Deselect all" → select "Chrome" (history is part of it; Chrome sync must \
        have been on) → create export. steward reads Takeout/Chrome/BrowserHistory.json (older \
        exports: History.json).
        """
    }

    static let knownFileNames: Set<String> = ["browserhistory.json", "history.json"]

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "{") else { return nil }
        let firstKeyRegion = head.prefix(4096)
        guard GoogleMyActivityImporter.containsKey(ChromeBrowserHistoryParser.arrayKey, in: firstKeyRegion) else { return nil }
        return Self.knownFileNames.contains(probe.fileName.lowercased())
            ? Detection(confidence: 0.95, reason: "JSON object with a \"Browser History\" array named \(probe.fileName)")
            : Detection(confidence: 0.9, reason: "JSON object with a \"Browser History\" array")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { ChromeBrowserHistoryParser() }
}
