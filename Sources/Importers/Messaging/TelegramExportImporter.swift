import Foundation
import StewardCore

/// Telegram Desktop JSON export (`result.json`), one chat or the whole account. Detected by
/// content: a JSON object whose first keys are those of a chat (`name`, `type`, `id`,
/// `messages`) or of a full export (`about`, `personal_information`, `chats`).
public struct TelegramExportImporter: Importer {
    /// The person's display name(s) for single-chat exports: `ImporterSettings.ownerNames`.
    let ownerNames: Set<String>

    public init(ownerNames: Set<String> = []) { self.ownerNames = ownerNames }

    public var id: String { TelegramExportParser.source }
    public var title: String { "Telegram Desktop export (result.json)" }
    public var howToRequest: String {
        """
        Telegram Desktop (not the phone app): Settings → Advanced → Export Telegram data (whole \
        account: tick "Personal chats", "Private groups", …) or, in a chat, ⋮ → Export chat history. \
        Choose "Machine-readable JSON" as the format; steward reads result.json. Set \
        STEWARD_OWNER_NAME to your display name if you export single chats (they do not say who you are).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead.prefix(16 * 1024)
        guard head.first == UInt8(ascii: "{") else { return nil }
        let has = { (key: String) in GoogleMyActivityImporter.containsKey(key, in: head) }
        let isFull = has("personal_information") && (has("chats") || has("about"))
        // `from_id`/`actor_id`/`date_unixtime` set it apart from other chat JSON (Messenger's
        // message_1.json also has name, type and messages).
        let isChat = has("messages") && has("type") && has("name") && (has("date_unixtime") || has("from_id") || has("actor_id"))
        if isFull {
            return Detection(confidence: 0.9, reason: "JSON object with personal_information and chats (Telegram full export)")
        }
        if isChat {
            return Detection(confidence: probe.fileName.lowercased() == "result.json" ? 0.95 : 0.85,
                             reason: "JSON object with name, type and messages carrying dates (Telegram chat export)")
        }
        return nil
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        TelegramExportParser(ownerNames: ownerNames)
    }
}
