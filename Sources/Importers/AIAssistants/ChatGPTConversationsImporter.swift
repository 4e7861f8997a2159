import StewardCore

/// ChatGPT data export: `conversations.json`, detected by the shape of its first conversation
/// (a `mapping` of message nodes with `create_time`), never by the file name alone.
public struct ChatGPTConversationsImporter: Importer {
    public init() {}

    public var id: String { ChatGPTConversationsParser.source }
    public var title: String { "ChatGPT conversations (conversations.json)" }
    public var howToRequest: String {
        """
        chatgpt.com → your profile → Settings → Data controls → "Export data" → Confirm export; \
        a download link arrives by e-mail (valid for 24 hours). Scan the zip: conversations.json \
        holds every conversation; steward reads only the messages you wrote.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard head.first == UInt8(ascii: "[") else { return nil }
        let first = head.prefix(8192)
        func has(_ key: String) -> Bool { GoogleMyActivityImporter.containsKey(key, in: first) }
        guard has("mapping") && has("create_time") else { return nil }
        let named = probe.fileName == "conversations.json"
        let messages = has("author") || has("current_node") || has("conversation_id")
        guard named || messages else { return nil }
        return Detection(confidence: named && messages ? 0.95 : 0.8,
                         reason: "JSON array of conversations with a mapping of messages (ChatGPT export)")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser { ChatGPTConversationsParser() }
}
