import StewardCore
import Formats

/// Maps elements of Twitter/X archive data files to events. Shapes (2019–2024 archives):
/// - tweets.js: `{"tweet": {"id_str", "created_at": "Sat Sep 10 01:52:13 +0000 2022", "full_text",
///   "in_reply_to_screen_name", …}}` (older archives: the tweet object itself);
/// - like.js: `{"like": {"tweetId", "fullText", "expandedUrl"}}` (no time is exported);
/// - direct-messages.js: `{"dmConversation": {"conversationId", "messages": [{"messageCreate":
///   {"senderId", "recipientId", "text", "createdAt"}}]}}`;
/// - following.js / follower.js: `{"following": {"accountId", "userLink"}}`;
/// - personalization.js: one `{"p13nData": {"demographics": {"languages", "genderInfo"},
///   "interests": {"interests": [{"name", "isDisabled"}], "shows": […]}, "inferredAgeInfo"}}`;
/// - ad-impressions.js / ad-engagements.js: `{"ad": {"adsUserData": {"adImpressions":
///   {"impressions": [{"advertiserInfo", "matchedTargetingCriteria", "impressionTime"}]}}}}`;
/// - account.js: `{"account": {"username", "createdAt", "accountDisplayName", …}}`.
enum TwitterRecordMapper {
    static let source = TwitterArchiveParser.source

    static func map(_ value: JSONValue, file: TwitterArchiveFile, index: Int,
                    owner: inout ConversationOwnerGuess, into sink: EventSink) {
        let position = SourcePosition.record(index, pointer: "/\(index)")
        switch file {
        case .tweets:
            let tweet = value["tweet"] ?? value
            guard let text = tweet["full_text"]?.stringValue ?? tweet["text"]?.stringValue else {
                sink.skip("tweet without text", at: position)
                return
            }
            var event = Event(source: source, kind: .post, time: tweet["created_at"]?.stringValue.flatMap(parseCreatedAt),
                              text: text, product: "tweets", position: position)
            if let id = tweet["id_str"]?.stringValue ?? tweet["id"]?.stringValue { event.url = "https://x.com/i/web/status/\(id)" }
            event.counterparty = tweet["in_reply_to_screen_name"]?.stringValue.map { "@" + $0 }
            sink.emit(event)
        case .like:
            let like = value["like"] ?? value
            guard like["tweetId"] != nil || like["fullText"] != nil else {
                sink.skip("like without tweetId", at: position)
                return
            }
            sink.emit(Event(source: source, kind: .like, text: like["fullText"]?.stringValue,
                            url: like["expandedUrl"]?.stringValue, product: "likes", position: position))
        case .following, .follower:
            let key = file == .following ? "following" : "follower"
            guard let entry = value[key], let id = entry["accountId"]?.stringValue ?? entry["userLink"]?.stringValue else {
                sink.skip("\(key) entry without accountId", at: position)
                return
            }
            sink.emit(Event(source: source, kind: .contact, url: entry["userLink"]?.stringValue,
                            counterparty: entry["userLink"]?.stringValue ?? id, product: key, position: position))
        case .directMessages:
            guard let conversation = value["dmConversation"], let messages = conversation["messages"]?.arrayValue else {
                sink.skip("element without dmConversation.messages", at: position)
                return
            }
            for (m, item) in messages.enumerated() {
                // joinConversation, participantsJoin, conversationNameUpdate: notices, not messages.
                guard let message = item["messageCreate"] else { continue }
                let at = SourcePosition.record(index, pointer: "/\(index)/dmConversation/messages/\(m)")
                let event = Event(source: source, kind: .message, time: message["createdAt"]?.stringValue.flatMap { Timestamp.parseISO8601($0.utf8) },
                                  text: message["text"]?.stringValue, product: "direct messages", position: at)
                let recipient = message["recipientId"]?.stringValue
                if let recipient { owner.note(participant: recipient) }
                owner.add(event, sender: message["senderId"]?.stringValue, recipient: recipient, into: sink)
            }
        case .personalization:
            personalization(value, position: position, into: sink)
        case .adImpressions, .adEngagements:
            let data = value["ad"]?["adsUserData"]
            let impressions: [JSONValue]
            if file == .adImpressions {
                impressions = data?["adImpressions"]?["impressions"]?.arrayValue ?? []
            } else {
                impressions = (data?["adEngagements"]?["engagements"]?.arrayValue ?? []).compactMap { $0["impressionAttributes"] }
            }
            let list = file == .adImpressions ? "impressions" : "engagements"
            for (i, impression) in impressions.enumerated() {
                let at = SourcePosition.record(index, pointer: "/\(index)/ad/adsUserData/\(list)/\(i)")
                let criteria = (impression["matchedTargetingCriteria"]?.arrayValue ?? []).compactMap { criterion -> String? in
                    guard let type = criterion["targetingType"]?.stringValue else { return nil }
                    if let v = criterion["targetingValue"]?.stringValue, !v.isEmpty { return "\(type): \(v)" }
                    return type
                }
                sink.emit(Event(source: source, kind: .adInterest,
                                time: impression["impressionTime"]?.stringValue.flatMap(parseImpressionTime),
                                text: criteria.isEmpty ? nil : criteria.joined(separator: "; "),
                                counterparty: impression["advertiserInfo"]?["advertiserName"]?.stringValue,
                                product: "ad \(list)", position: at))
            }
        case .account:
            guard let account = value["account"] else {
                sink.skip("element without account", at: position)
                return
            }
            sink.emit(Event(source: source, kind: .activity,
                            time: account["createdAt"]?.stringValue.flatMap { Timestamp.parseISO8601($0.utf8) },
                            title: "account created", counterparty: account["username"]?.stringValue.map { "@" + $0 },
                            product: "account", position: position))
        }
    }

    /// Interests, shows and demographics Twitter inferred (disabled interests are left out:
    /// the person switched them off). The lists of advertiser handles are not interests and
    /// are not read.
    private static func personalization(_ value: JSONValue, position: SourcePosition, into sink: EventSink) {
        guard let data = value["p13nData"] else {
            sink.skip("element without p13nData", at: position)
            return
        }
        let base = position.pointer ?? ""
        func emit(_ text: String, list: String, pointer: String) {
            sink.emit(Event(source: source, kind: .adInterest, text: text, product: list,
                            position: SourcePosition(record: position.record, pointer: base + "/p13nData" + pointer)))
        }
        for (i, interest) in (data["interests"]?["interests"]?.arrayValue ?? []).enumerated() {
            guard let name = interest["name"]?.stringValue, !name.isEmpty, interest["isDisabled"]?.boolValue != true else { continue }
            emit(name, list: "interests", pointer: "/interests/interests/\(i)")
        }
        for (i, show) in (data["interests"]?["shows"]?.arrayValue ?? []).enumerated() {
            guard let name = show.stringValue, !name.isEmpty else { continue }
            emit(name, list: "shows", pointer: "/interests/shows/\(i)")
        }
        for (i, language) in (data["demographics"]?["languages"]?.arrayValue ?? []).enumerated() {
            guard let name = language["language"]?.stringValue, !name.isEmpty, language["isDisabled"]?.boolValue != true else { continue }
            emit("language: \(name)", list: "demographics", pointer: "/demographics/languages/\(i)")
        }
        if let gender = data["demographics"]?["genderInfo"]?["gender"]?.stringValue, !gender.isEmpty {
            emit("gender: \(gender)", list: "demographics", pointer: "/demographics/genderInfo/gender")
        }
        for (i, age) in (data["inferredAgeInfo"]?["age"]?.arrayValue ?? []).enumerated() {
            guard let range = age.stringValue, !range.isEmpty else { continue }
            emit("age: \(range)", list: "demographics", pointer: "/inferredAgeInfo/age/\(i)")
        }
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sat Sep 10 01:52:13 +0000 2022` (the Twitter API's created_at).
    static func parseCreatedAt(_ text: String) -> Timestamp? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, let month = months.firstIndex(of: String(parts[1])), let day = Int(parts[2]),
              let year = Int(parts[5]) else { return nil }
        let clock = parts[3].split(separator: ":").compactMap { Int($0) }
        let zone = parts[4]
        guard clock.count == 3, zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
              let hh = Int(zone.dropFirst().prefix(2)), let mm = Int(zone.suffix(2)) else { return nil }
        let offset = (sign == "-" ? -1 : 1) * (hh * 3600 + mm * 60)
        return Timestamp(year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2],
                         utcOffsetSeconds: Int32(offset))
    }

    /// `2021-06-01 14:05:09` (UTC, ad impressions and engagements).
    static func parseImpressionTime(_ text: String) -> Timestamp? {
        Timestamp.parseISO8601(text.utf8)
    }
}
