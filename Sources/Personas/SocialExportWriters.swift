import Foundation
import StewardCore

/// Chats and social archives in the layouts the platforms write (docs/personas.md,
/// docs/formats/messaging.md, docs/formats/social.md). Deterministic like the statements.
extension PersonaExportWriter {
    /// The first second of the period (local midnight, `utcOffsetHours`), and the time of the
    /// `k`-th of `n` things spread evenly over the period at a local `hour`.
    private var firstSecond: Int64 {
        Timestamp(year: persona.start.year, month: persona.start.month, day: 1)!.epochSeconds - Int64(persona.utcOffsetHours) * 3600
    }
    private var spanDays: Int { persona.months * 30 }

    func spread(_ k: Int, of n: Int, hour: Int, salt: Int = 0) -> Int64 {
        let day = (k * spanDays / max(n, 1) + 3 + salt) % spanDays
        return firstSecond + Int64(day) * 86_400 + Int64(hour) * 3600 + Int64((k * 7 + salt) % 50) * 60
    }

    /// Every message of a conversation in order: (UTC seconds, written by the persona, text).
    func messages(of chat: Persona.Conversation) -> [(Int64, Bool, String)] {
        var out: [(Int64, Bool, String)] = []
        var round = 0
        var day = 1
        while day < spanDays {
            var minute = 0
            for line in chat.lines where round >= line.from && (round - line.from) % max(line.every, 1) == 0 {
                out.append((firstSecond + Int64(day) * 86_400 + Int64(chat.hour) * 3600 + Int64(minute) * 60, line.byPerson, line.text))
                minute += 2 + line.text.count % 5
            }
            round += 1
            day += max(chat.everyDays, 1)
        }
        return out
    }

    // MARK: - WhatsApp

    /// "Export chat → Without media": iPhone layout (`[31/12/2025, 23:59:59] Name: text`) for a
    /// British phone, Android's (`31.12.25, 23:59 - Name: text`, `31/12/25, 23:59 - …`) for others.
    func writeWhatsAppChat(_ chat: Persona.Conversation, to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        let offset = Int64(persona.utcOffsetHours) * 3600
        func stamp(_ seconds: Int64) -> String {
            let c = Timestamp(epochSeconds: seconds + offset).civil
            let yy = two(c.year % 100)
            switch persona.country {
            case "GB": return "[\(two(c.day))/\(two(c.month))/\(c.year), \(two(c.hour)):\(two(c.minute)):00] "
            case "DE": return "\(two(c.day)).\(two(c.month)).\(yy), \(two(c.hour)):\(two(c.minute)) - "
            default: return "\(two(c.day))/\(two(c.month))/\(yy), \(two(c.hour)):\(two(c.minute)) - "
            }
        }
        let all = messages(of: chat)
        if let first = all.first {
            let notice = "Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them."
            try out.write(stamp(first.0 - 60) + (persona.country == "GB" ? "\(chat.with): " : "") + notice + "\n")
        }
        for (seconds, mine, text) in all {
            try out.write(stamp(seconds) + (mine ? persona.displayName : chat.with) + ": " + text + "\n")
        }
        try out.close()
        return out.bytesWritten
    }

    // MARK: - Telegram

    /// Telegram Desktop's full export (`result.json`): the owner in `personal_information`, each
    /// chat a `personal_chat` whose messages carry `from`, `from_id`, a local `date` and
    /// `date_unixtime`.
    func writeTelegramExport(_ chats: [Persona.Conversation], to path: String) throws -> Int64 {
        let out = try BufferedFileWriter(path: path)
        let ownerId = 5_000_000_000 + Int64(persona.seed % 1_000_000)
        let parts = persona.displayName.split(separator: " ", maxSplits: 1).map(String.init)
        try out.write("""
            {
             "about": "Here is the data you requested. Remember: Telegram is ad free, it doesn't sell your data to anyone.",
             "personal_information": {
              "user_id": \(ownerId),
              "first_name": "\(jsonEscape(parts.first ?? ""))",
              "last_name": "\(jsonEscape(parts.count > 1 ? parts[1] : ""))",
              "phone_number": "\(Self.callingCodes[persona.country] ?? "+") *** *** ****",
              "username": "",
              "bio": ""
             },
             "chats": {
              "about": "This page lists all chats from this export.",
              "list": [
            """)
        var messageId = 1
        let offset = Int64(persona.utcOffsetHours) * 3600
        for (c, chat) in chats.enumerated() {
            let peerId = ownerId + Int64(c + 1) * 7919
            try out.write("""
                \(c == 0 ? "" : ",")
                   {
                    "name": "\(jsonEscape(chat.with))",
                    "type": "personal_chat",
                    "id": \(peerId),
                    "messages": [
                """)
            for (i, (seconds, mine, text)) in messages(of: chat).enumerated() {
                let local = Timestamp(epochSeconds: seconds + offset, utcOffsetSeconds: 0).iso8601.replacingOccurrences(of: "Z", with: "")
                let from = mine ? persona.displayName : chat.with
                try out.write("""
                    \(i == 0 ? "" : ",")
                         {
                          "id": \(messageId),
                          "type": "message",
                          "date": "\(local)",
                          "date_unixtime": "\(seconds)",
                          "from": "\(jsonEscape(from))",
                          "from_id": "user\(mine ? ownerId : peerId)",
                          "text": "\(jsonEscape(text))",
                          "text_entities": [{"type": "plain", "text": "\(jsonEscape(text))"}]
                         }
                    """)
                messageId += 1
            }
            try out.write("\n    ]\n   }")
        }
        try out.write("\n  ]\n }\n}\n")
        try out.close()
        return out.bytesWritten
    }

    /// Country calling codes for the masked phone number in a Telegram export.
    static let callingCodes = ["GB": "+44", "DE": "+49", "FR": "+33", "ES": "+34", "RU": "+7", "CN": "+86"]

    // MARK: - Facebook

    /// Facebook's JSON download (2021+ names): posts, groups, liked pages, events joined, ads
    /// interests and Messenger threads. Text is written as Meta writes it: each UTF-8 byte of a
    /// non-ASCII letter as its own `\u00XX` escape (docs/formats/social.md, "Mojibake").
    func writeFacebook(_ profile: Persona.SocialProfile, into root: String) throws -> (files: [String], bytes: Int64) {
        var files: [String] = []
        var bytes: Int64 = 0
        func file(_ relative: String, _ body: String) throws {
            let path = root + "/" + relative
            try makeFolder(parentFolder(of: path))
            let out = try BufferedFileWriter(path: path)
            try out.write(body)
            try out.close()
            bytes += out.bytesWritten
            files.append(path)
        }
        let me = metaEscape(persona.displayName)
        if !profile.posts.isEmpty {
            var items: [String] = []
            for post in profile.posts {
                for k in 0..<post.times {
                    let seconds = spread(k, of: post.times, hour: 18, salt: post.text.count)
                    items.append("""
                          {
                            "timestamp": \(seconds),
                            "data": [{"post": "\(metaEscape(post.text))"}],
                            "title": "\(me) updated their status."
                          }
                        """)
                }
            }
            try file("your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json", "[\n" + items.joined(separator: ",\n") + "\n]\n")
        }
        if !profile.groups.isEmpty {
            let items = profile.groups.enumerated().map { i, group in
                "    {\"timestamp\": \(spread(i, of: profile.groups.count, hour: 20)), \"data\": [{\"name\": \"\(metaEscape(group))\"}], \"title\": \"\(me) became a member of \(metaEscape(group)).\"}"
            }
            try file("your_facebook_activity/groups/your_group_membership_activity.json", "{\n  \"groups_joined_v2\": [\n" + items.joined(separator: ",\n") + "\n  ]\n}\n")
        }
        if !profile.pages.isEmpty {
            let items = profile.pages.enumerated().map { i, page in
                "    {\"name\": \"\(metaEscape(page))\", \"timestamp\": \(spread(i, of: profile.pages.count, hour: 21))}"
            }
            try file("your_facebook_activity/pages/pages_you've_liked.json", "{\n  \"page_likes_v2\": [\n" + items.joined(separator: ",\n") + "\n  ]\n}\n")
        }
        if !profile.events.isEmpty {
            let items = profile.events.enumerated().map { i, event in
                "      {\"name\": \"\(metaEscape(event))\", \"start_timestamp\": \(spread(i, of: profile.events.count, hour: 12, salt: 11)), \"end_timestamp\": 0}"
            }
            try file("your_facebook_activity/events/your_event_responses.json",
                     "{\n  \"event_responses_v2\": {\n    \"events_joined\": [\n" + items.joined(separator: ",\n") + "\n    ],\n    \"events_declined\": [],\n    \"events_interested\": []\n  }\n}\n")
        }
        if !profile.adInterests.isEmpty {
            try file("ads_information/ads_interests.json",
                     "{\n  \"topics_v2\": [\n" + profile.adInterests.map { "    \"\(metaEscape($0))\"" }.joined(separator: ",\n") + "\n  ]\n}\n")
        }
        for (n, chat) in profile.chats.enumerated() {
            let slug = chat.with.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) }.map(String.init).joined()
            let thread = "\(slug)_\(1_000_000_000 + n * 7919 + Int(persona.seed % 1000))"
            // Newest first, as Messenger writes a thread.
            let items = messages(of: chat).reversed().map { seconds, mine, text in
                "    {\"sender_name\": \"\(mine ? me : metaEscape(chat.with))\", \"timestamp_ms\": \(seconds * 1000), \"content\": \"\(metaEscape(text))\", \"is_geoblocked_for_viewer\": false}"
            }
            try file("your_facebook_activity/messages/inbox/\(thread)/message_1.json", """
                {
                  "participants": [{"name": "\(metaEscape(chat.with))"}, {"name": "\(me)"}],
                  "messages": [
                \(items.joined(separator: ",\n"))
                  ],
                  "title": "\(metaEscape(chat.with))",
                  "is_still_participant": true,
                  "thread_path": "inbox/\(thread)",
                  "magic_words": []
                }

                """)
        }
        return (files, bytes)
    }

    // MARK: - Instagram

    /// Instagram's JSON download: `information_about_you/ads_interests.json`, one
    /// `inferred_data_ig_interest` entry per interest, its label in the account's language
    /// (`Interesse` for a German account) and text escaped as Meta writes it.
    func writeInstagram(_ profile: Persona.SocialProfile, into root: String) throws -> (files: [String], bytes: Int64) {
        let path = root + "/information_about_you/ads_interests.json"
        try makeFolder(parentFolder(of: path))
        let label = ["de": "Interesse", "fr": "Intérêt", "es": "Interés"][profile.language] ?? "Interest"
        let items = profile.adInterests.map { interest in
            """
                {
                  "title": "",
                  "media_map_data": {},
                  "string_map_data": {
                    "\(metaEscape(label))": {
                      "href": "",
                      "value": "\(metaEscape(interest))",
                      "timestamp": 0
                    }
                  }
                }
            """
        }
        let out = try BufferedFileWriter(path: path)
        try out.write("{\n  \"inferred_data_ig_interest\": [\n" + items.joined(separator: ",\n") + "\n  ]\n}\n")
        try out.close()
        return ([path], out.bytesWritten)
    }

    // MARK: - X (Twitter)

    /// The X archive's `data/tweets.js` and `data/personalization.js` (`window.YTD.<name>.part0 = [...]`).
    func writeTwitter(_ profile: Persona.SocialProfile, into dataDir: String) throws -> (files: [String], bytes: Int64) {
        try makeFolder(dataDir)
        var files: [String] = []
        var bytes: Int64 = 0
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var tweets: [(Int64, String)] = []
        for post in profile.posts {
            for k in 0..<post.times { tweets.append((spread(k, of: post.times, hour: 20, salt: post.text.unicodeScalars.count), post.text)) }
        }
        tweets.sort { $0.0 > $1.0 }
        let tweetsPath = dataDir + "/tweets.js"
        let out = try BufferedFileWriter(path: tweetsPath)
        try out.write("window.YTD.tweets.part0 = [")
        for (i, (seconds, text)) in tweets.enumerated() {
            let c = Timestamp(epochSeconds: seconds).civil
            let weekday = days[Int((seconds / 86_400) % 7)]
            let created = "\(weekday) \(months[c.month - 1]) \(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second)) +0000 \(c.year)"
            let id = String(1_800_000_000_000_000_000 + seconds * 1000 + Int64(i))
            try out.write("""
                \(i == 0 ? "" : ",") {
                  "tweet" : {
                    "id_str" : "\(id)",
                    "id" : "\(id)",
                    "created_at" : "\(created)",
                    "full_text" : "\(jsonEscape(text))",
                    "lang" : "\(profile.language)",
                    "favorite_count" : "\(i % 7)",
                    "retweet_count" : "\(i % 3)",
                    "entities" : { "hashtags" : [ ], "user_mentions" : [ ], "urls" : [ ] }
                  }
                }
                """)
        }
        try out.write(" ]\n")
        try out.close()
        bytes += out.bytesWritten
        files.append(tweetsPath)
        if !profile.adInterests.isEmpty || profile.demographics != nil {
            let path = dataDir + "/personalization.js"
            let p = try BufferedFileWriter(path: path)
            let interests = profile.adInterests.map { "{ \"name\" : \"\(jsonEscape($0))\", \"isDisabled\" : false }" }.joined(separator: ", ")
            let languages = (profile.demographics?.languages ?? []).map { "{ \"language\" : \"\(jsonEscape($0))\", \"isDisabled\" : false }" }.joined(separator: ", ")
            try p.write("""
                window.YTD.personalization.part0 = [ { "p13nData" : {
                  "demographics" : { "languages" : [ \(languages) ],
                                     "genderInfo" : { "gender" : "\(jsonEscape(profile.demographics?.gender ?? ""))" } },
                  "interests" : { "interests" : [ \(interests) ],
                                  "partnerInterests" : [ ], "audienceAndAdvertisers" : { "lookalikeAdvertisers" : [ ], "advertisers" : [ ], "numAudiences" : "0" },
                                  "shows" : [ ] },
                  "locationHistory" : [ ], "inferredAgeInfo" : { "age" : [ \(profile.demographics.map { "\"\(jsonEscape($0.age))\"" } ?? "") ], "birthDate" : "" } } } ]

                """)
            try p.close()
            bytes += p.bytesWritten
            files.append(path)
        }
        return (files, bytes)
    }

    // MARK: - LinkedIn

    /// LinkedIn's export: `Positions.csv` (`Mar 2023` dates, no end while the job goes on) and
    /// `Jobs/Job Applications.csv` (`1/15/25, 10:20 AM`).
    func writeLinkedIn(_ career: Persona.Career, into root: String) throws -> (files: [String], bytes: Int64) {
        try makeFolder(root + "/Jobs")
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let positionsPath = root + "/Positions.csv"
        let positions = try BufferedFileWriter(path: positionsPath)
        try positions.write("Company Name,Title,Description,Location,Started On,Finished On\n")
        for job in career.positions {
            try positions.write([quoted(job.company), quoted(job.title), "", quoted(career.location),
                                 job.start, job.end ?? ""].joined(separator: ",") + "\n")
        }
        try positions.close()
        let applicationsPath = root + "/Jobs/Job Applications.csv"
        let applications = try BufferedFileWriter(path: applicationsPath)
        try applications.write("Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And Answers\n")
        for (i, application) in career.applications.enumerated() {
            let (y, m, d) = application.date
            let hour = 9 + i % 8
            let date = "\(m)/\(d)/\(two(y % 100)), \(hour > 12 ? hour - 12 : hour):\(two(i * 7 % 60)) \(hour >= 12 ? "PM" : "AM")"
            try applications.write([quoted(date), "", "", quoted(application.company), quoted(application.title),
                                    "https://www.linkedin.com/jobs/view/\(3_900_000_000 + i * 104_729)", "CV_\(persona.id).pdf", ""].joined(separator: ",") + "\n")
        }
        try applications.close()
        return ([positionsPath, applicationsPath], positions.bytesWritten + applications.bytesWritten)
    }
}

/// A JSON string body as Meta's exporter writes it: ASCII as is, every byte of a non-ASCII
/// character's UTF-8 as its own `\u00XX` escape.
func metaEscape(_ s: String) -> String {
    var out = ""
    for byte in s.utf8 {
        switch byte {
        case UInt8(ascii: "\""): out += "\\\""
        case UInt8(ascii: "\\"): out += "\\\\"
        case 0..<0x20, 0x80...: out += String(format: "\\u%04x", Int(byte))
        default: out.unicodeScalars.append(Unicode.Scalar(byte))
        }
    }
    return out
}
