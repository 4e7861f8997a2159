import StewardCore
import Formats

/// One Telegram Desktop message object → an event (see `TelegramExportParser` for the shape).
enum TelegramMessage {
    struct SkipReason: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    static func event(from value: JSONValue, chatName: String?, ownerId: String?, ownerNames: Set<String>,
                      position: SourcePosition) -> Result<Event, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        let time: Timestamp
        do {
            guard let readable = try Self.time(of: value) else { return .failure(SkipReason("no readable date")) }
            time = readable
        } catch {
            return .failure(SkipReason(error.description))
        }
        let isService = value["type"]?.stringValue == "service"
        let sender = (isService ? value["actor"] : value["from"])?.stringValue
        let senderId = (isService ? value["actor_id"] : value["from_id"])?.stringValue
        let isOwner = (ownerId != nil && senderId == ownerId) || (sender.map { ownerNames.contains($0) } ?? false)
        var event = Event(source: TelegramExportParser.source, kind: .message, time: time,
                          text: text(of: value), title: chatName, counterparty: sender,
                          authoredByOthers: !isOwner, position: position)
        if isService {
            event.code = value["action"]?.stringValue ?? "service"
        } else if let media = value["media_type"]?.stringValue {
            event.code = media
        } else if value["photo"] != nil {
            event.code = "photo"
        } else if value["file"] != nil {
            event.code = "file"
        }
        return .success(event)
    }

    /// `date_unixtime` (a string of epoch seconds, since 2021) is the instant; `date` is the
    /// same instant on the exporting computer's clock without an offset. Together they give
    /// the offset; when they disagree by something that is no UTC offset (hand-edited files)
    /// or one is missing, the local `date` wins, as the time of day is what rules read.
    /// A `date_unixtime` that is no integer or no plausible date makes the message a bad
    /// record (thrown), even beside a readable `date`: the file has been damaged or forged.
    static func time(of value: JSONValue) throws(UntrustedNumberError) -> Timestamp? {
        let local = value["date"]?.stringValue.flatMap { Timestamp.parseISO8601($0.utf8) }
        let unixText = value["date_unixtime"]?.stringValue ?? value["date_unixtime"]?.numberText
        let unix = try unixText.map { (text: String) throws(UntrustedNumberError) in
            try UntrustedTime.timestamp(text: text, unit: .seconds, since: .unix1970, field: "date_unixtime")
        }
        switch (local, unix) {
        case (let local?, let unix?):
            // Both are within the plausible years here (`local` by its 4-digit year), so the
            // difference cannot overflow.
            let difference = local.epochSeconds - unix.epochSeconds
            if difference % 900 == 0 && abs(difference) <= 14 * 3600 {
                return Timestamp(epochSeconds: unix.epochSeconds, utcOffsetSeconds: Int32(difference))
            }
            return local
        case (let local?, nil):
            return local
        case (nil, let unix?):
            return unix
        case (nil, nil):
            return nil
        }
    }

    /// `text` is a string, or a list of strings and entity objects (`{"type": "bold",
    /// "text": "…"}`) to be joined; older exports may carry only `text_entities`.
    static func text(of value: JSONValue) -> String? {
        var out = ""
        func add(_ part: JSONValue) {
            if let s = part.stringValue { out += s } else if let s = part["text"]?.stringValue { out += s }
        }
        if let text = value["text"] {
            if let items = text.arrayValue { items.forEach(add) } else { add(text) }
        }
        if out.isEmpty, let entities = value["text_entities"]?.arrayValue { entities.forEach(add) }
        return out.isEmpty ? nil : out
    }
}
