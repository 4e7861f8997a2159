import Foundation
import StewardCore

/// WhatsApp "Export chat" text files, iOS and Android, in any language. Detected by content:
/// the first lines must be message headers (`[date, time] …` or `date, time - …`); the usual
/// names (`_chat.txt`, `WhatsApp Chat with …`) only raise the confidence, since the file name
/// is localized ("WhatsApp-Chat mit …", "Chat de WhatsApp con …").
public struct WhatsAppChatImporter: Importer {
    /// The person's own display name(s), so their messages can be told from other people's
    /// (the export does not say who exported it): `ImporterSettings.ownerNames`.
    let ownerNames: Set<String>

    public init(ownerNames: Set<String> = []) { self.ownerNames = ownerNames }

    public var id: String { WhatsAppChatParser.source }
    public var title: String { "WhatsApp chat export (.txt)" }
    public var howToRequest: String {
        """
        In WhatsApp open the chat → (iPhone: tap the name; Android: ⋮ → More) → Export chat → \
        "Without media" (a .txt file) or "Attach media" (a .zip holding _chat.txt). One chat per \
        export. Set STEWARD_OWNER_NAME to your own name as it appears in the chat (several: \
        separated by |) so steward can tell your messages from others'.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.trimmedHead
        guard let first = head.first, first == UInt8(ascii: "[") || (first >= 0x30 && first <= 0x39) || first == 0xE2 else { return nil }
        // Headers among the first lines of the head: a real export starts with one and has
        // more unless the chat is tiny.
        var headers = 0
        var linesSeen = 0
        var firstLineIsHeader = false
        var lineStart = head.startIndex
        var i = head.startIndex
        let end = min(head.endIndex, head.startIndex + 16 * 1024)
        while i <= end && linesSeen < 40 {
            if i == end || head[i] == 0x0A || head[i] == 0x0D {
                if i > lineStart {
                    let isHeader = WhatsAppChatLine.parse(head[lineStart..<i]) != nil
                    if linesSeen == 0 { firstLineIsHeader = isHeader }
                    if isHeader { headers += 1 }
                    linesSeen += 1
                }
                lineStart = i + 1
            }
            i += 1
        }
        guard firstLineIsHeader else { return nil }
        let name = probe.fileName.lowercased()
        let nameHint = name == "_chat.txt" || name.hasPrefix("whatsapp")
        if headers >= 2 {
            return Detection(confidence: nameHint ? 0.95 : 0.85, reason: "text lines starting with a date, a time and a sender (WhatsApp chat export)")
        }
        return Detection(confidence: nameHint ? 0.8 : 0.55, reason: "one line shaped like a WhatsApp message header")
    }

    public func makeParser(for probe: FileProbe) -> any ExportParser {
        WhatsAppChatParser(ownerNames: ownerNames)
    }
}
