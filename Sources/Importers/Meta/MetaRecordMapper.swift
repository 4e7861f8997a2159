import StewardCore
import Formats

/// Turns one array element of a Facebook / Instagram JSON file into an `Event`. The shapes
/// differ per list but share a vocabulary, read here in one place:
/// - Facebook: `{"timestamp": s, "data": [{"post": …} | {"comment": {"comment": …, "author": …}} |
///   {"reaction": {"reaction": "LIKE", "actor": …}} | {"name": …} | {"text": …}], "title": …}`
///   or flat `{"name": …, "timestamp": s}`; ad lists hold plain strings (`topics_v2`).
/// - Instagram: `{"title": …, "string_list_data": [{"href", "value", "timestamp"}]}` or
///   `{"string_map_data": {"<localized label>": {"href", "value", "timestamp"}}}`; the labels
///   are in the account's language ("Interesse", "Intérêt"), so values are taken by position,
///   never by label.
/// All text goes through `MojibakeRepair` (Meta escapes UTF-8 bytes as Latin-1 code points).
enum MetaRecordMapper {
    /// The event for `value`, or why there is none.
    static func event(from value: JSONValue, layout: MetaFileLayout, position: SourcePosition) -> Result<Event, MetaSkip> {
        var event = Event(source: layout.platform.source, kind: .activity, time: time(of: value),
                          product: layout.list, position: position)
        switch layout.kind {
        case .thread:
            return .failure(MetaSkip("message threads are read by MetaJSONParser"))
        case .post:
            event.kind = .post
            event.text = nonEmpty(dataString(value, "post")) ?? nonEmpty(instagramMediaTitle(value))
            event.title = text(value["title"])
            event.url = nonEmpty(externalURL(value))
            if event.text == nil && event.title == nil && event.url == nil && time(of: value) == nil {
                return .failure(MetaSkip("post without text, title, link or time"))
            }
        case .comment:
            event.kind = .comment
            if let comment = dataObject(value, "comment") {
                event.text = text(comment["comment"])
                event.time = event.time ?? seconds(comment["timestamp"])
                event.counterparty = nonEmpty(text(comment["group"]))
            } else {
                event.text = firstMapValue(value)
            }
            event.title = text(value["title"])
            guard event.text != nil || event.title != nil else { return .failure(MetaSkip("comment without text")) }
        case .reaction:
            event.kind = .like
            event.text = nonEmpty(dataObject(value, "reaction").flatMap { text($0["reaction"]) })
            event.title = text(value["title"])
            if let item = value["string_list_data"]?[0] {
                event.url = nonEmpty(text(item["href"]))
                event.counterparty = event.title
                event.title = nil
            }
            guard event.title != nil || event.counterparty != nil || event.url != nil else {
                return .failure(MetaSkip("reaction without a title or target"))
            }
        case .contact:
            event.kind = .contact
            guard let name = label(value) else { return .failure(MetaSkip("contact without a name")) }
            event.counterparty = name
            event.url = nonEmpty(value["string_list_data"]?[0]?["href"].flatMap(text))
        case .group, .page, .event:
            event.kind = layout.kind == .page ? .like : .activity
            guard let name = label(value) else { return .failure(MetaSkip("\(layout.list) entry without a name")) }
            event.title = name
            if layout.kind == .event { event.time = seconds(value["start_timestamp"]) ?? event.time }
        case .search:
            event.kind = .search
            guard let query = nonEmpty(dataString(value, "text")) ?? nonEmpty(attachmentText(value)) ?? firstMapValue(value) ?? label(value) else {
                return .failure(MetaSkip("search without a query"))
            }
            event.text = query
        case .adInterest:
            event.kind = .adInterest
            guard let name = label(value) else { return .failure(MetaSkip("ad interest without a label")) }
            event.text = name
        case .advertiser:
            event.kind = .adInterest
            guard let name = nonEmpty(text(value["advertiser_name"])) ?? label(value) else {
                return .failure(MetaSkip("advertiser without a name"))
            }
            event.counterparty = name
            event.text = "advertiser holding or using your data"
        case .offPlatformActivity:
            event.kind = .activity
            guard let name = label(value) else { return .failure(MetaSkip("off-Facebook activity without an app or site name")) }
            event.counterparty = name
            // One record per app or site: its shared events are summarized, the newest dates it.
            let shared = value["events"]?.arrayValue ?? []
            event.time = shared.compactMap { seconds($0["timestamp"]) }.max() ?? event.time
            event.text = "\(shared.count) event\(shared.count == 1 ? "" : "s") shared with \(layout.platform == .facebook ? "Facebook" : "Instagram")"
        }
        return .success(event)
    }

    /// The record's time: `timestamp` (seconds), `timestamp_ms`, `creation_timestamp`, or the
    /// first `timestamp` inside Instagram's label/value data. 0 means "unknown" in Meta files.
    static func time(of value: JSONValue) -> Timestamp? {
        if let t = seconds(value["timestamp"]) { return t }
        if let ms = value["timestamp_ms"]?.int64Value, ms > 0 { return Timestamp(epochSeconds: ms / 1000) }
        if let t = seconds(value["creation_timestamp"]) { return t }
        if let t = seconds(value["string_list_data"]?[0]?["timestamp"]) { return t }
        if let members = value["string_map_data"]?.objectMembers {
            for member in members { if let t = seconds(member.value["timestamp"]) { return t } }
        }
        if let t = seconds(value["media"]?[0]?["creation_timestamp"]) { return t }
        return nil
    }

    static func seconds(_ value: JSONValue?) -> Timestamp? {
        guard let s = value?.int64Value, s > 0 else { return nil }
        return Timestamp(epochSeconds: s)
    }

    /// The name a list entry is about: a plain string, `name`, Instagram's value, a
    /// `data[].name`, or the title.
    static func label(_ value: JSONValue) -> String? {
        if case .string = value { return nonEmpty(text(value)) }
        if let name = nonEmpty(text(value["name"])) { return name }
        if let v = nonEmpty(value["string_list_data"]?[0]?["value"].flatMap(text)) { return v }
        if let v = firstMapValue(value) { return v }
        if let v = nonEmpty(dataString(value, "name")) { return v }
        if let v = nonEmpty(text(value["label"])) { return v }
        let title = nonEmpty(text(value["title"]))
        return title
    }

    /// The first non-empty `value` of Instagram's `string_map_data`, whatever its label says.
    static func firstMapValue(_ value: JSONValue) -> String? {
        guard let members = value["string_map_data"]?.objectMembers else { return nil }
        for member in members {
            if let v = nonEmpty(text(member.value["value"])) { return v }
        }
        return nil
    }

    /// The first `data[i][key]` that is a string.
    static func dataString(_ value: JSONValue, _ key: String) -> String? {
        guard let items = value["data"]?.arrayValue else { return nil }
        for item in items { if let s = text(item[key]) { return s } }
        return nil
    }

    /// The first `data[i][key]` that is an object.
    static func dataObject(_ value: JSONValue, _ key: String) -> JSONValue? {
        guard let items = value["data"]?.arrayValue else { return nil }
        for item in items { if let o = item[key], o.objectMembers != nil { return o } }
        return nil
    }

    /// Older search records keep the query only in `attachments[].data[].text`.
    static func attachmentText(_ value: JSONValue) -> String? {
        guard let attachments = value["attachments"]?.arrayValue else { return nil }
        for attachment in attachments {
            if let s = dataString(attachment, "text") { return s }
        }
        return nil
    }

    /// A shared link: `attachments[].data[].external_context.url`.
    static func externalURL(_ value: JSONValue) -> String? {
        guard let attachments = value["attachments"]?.arrayValue else { return nil }
        for attachment in attachments {
            for item in attachment["data"]?.arrayValue ?? [] {
                if let url = item["external_context"]?["url"]?.stringValue { return url }
            }
        }
        return nil
    }

    /// An Instagram post's caption: `title` of the post or of its first media item.
    static func instagramMediaTitle(_ value: JSONValue) -> String? {
        nonEmpty(text(value["media"]?[0]?["title"]))
    }

    /// A string value with Meta's mojibake undone.
    static func text(_ value: JSONValue?) -> String? {
        guard let s = value?.stringValue else { return nil }
        return MojibakeRepair.repair(s)
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }
}

/// Why one Meta record was skipped.
struct MetaSkip: Error {
    let text: String
    init(_ text: String) { self.text = text }
}
