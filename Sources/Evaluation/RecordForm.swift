import StewardCore

/// The kind of record a data line is written as, with the importer id and fields a real export
/// of that kind yields (docs/formats/). Written in data files as `bank`, `card:5814`, `search`, …
enum RecordForm: Sendable, Equatable {
    /// A bank statement line (CSV export): booking text with the bank's prefix, money out.
    case bank
    /// A charge the bank books itself (interest, fees): booking text without a prefix.
    case fee
    /// An OFX download: the payee in the name field, money out.
    case ofx
    /// A card statement line with its merchant category code, money out.
    case card(mcc: Int)
    /// Money in (benefits, plasma payouts, salary): a CSV statement line.
    case credit
    /// A Google search (My Activity).
    case search
    /// A page visited in Chrome: `title | url` or a title.
    case page
    /// A page visited, as Google My Activity lists it.
    case googlePage
    /// A YouTube video watched: `title | channel` or a title.
    case watch
    /// A Facebook post, a tweet, a Reddit comment.
    case facebookPost, tweet, redditComment
    /// A Facebook page liked, a Facebook group joined.
    case like, group
    /// A message the person wrote on WhatsApp, Telegram or as an SMS (Android backup).
    case whatsapp, telegram, sms
    /// An ad interest Facebook, Instagram or TikTok listed.
    case facebookAd, instagramAd, tiktokAd
    /// A place visit from Google's location history (place name).
    case visit
    /// A job from LinkedIn's Positions.csv: `company | title`; people files only, where
    /// `when` is `2021-03..2021-11` (start and end month) or `2023-01..` (still there).
    case position

    static let names: [String] = ["bank", "fee", "ofx", "card:<mcc>", "credit", "search", "page", "gpage", "watch", "post",
                                  "tweet", "reddit", "like", "group", "whatsapp", "telegram", "sms", "ad", "ad-ig",
                                  "ad-tiktok", "visit", "position"]

    init?(_ text: String) {
        if text.hasPrefix("card:") {
            guard let mcc = Int(text.dropFirst(5)), (0...9999).contains(mcc) else { return nil }
            self = .card(mcc: mcc)
            return
        }
        switch text {
        case "bank": self = .bank
        case "fee": self = .fee
        case "ofx": self = .ofx
        case "credit": self = .credit
        case "search": self = .search
        case "page": self = .page
        case "gpage": self = .googlePage
        case "watch": self = .watch
        case "post": self = .facebookPost
        case "tweet": self = .tweet
        case "reddit": self = .redditComment
        case "like": self = .like
        case "group": self = .group
        case "whatsapp": self = .whatsapp
        case "telegram": self = .telegram
        case "sms": self = .sms
        case "ad": self = .facebookAd
        case "ad-ig": self = .instagramAd
        case "ad-tiktok": self = .tiktokAd
        case "visit": self = .visit
        case "position": self = .position
        default: return nil
        }
    }

    /// Bank records carry a booking date only; everything else a time of day.
    var isBankRecord: Bool {
        switch self {
        case .bank, .fee, .ofx, .card, .credit: return true
        default: return false
        }
    }

    /// The event an export of this kind would yield for `text`, with the fields its importer
    /// sets (`product` is the list a record came from, as the Meta, X and Reddit importers name
    /// it). `prefix` is the bank's booking prefix (bank lines only); `amount` is money out (or
    /// in, for `.credit`).
    func event(text: String, prefix: String, amount: Money?, time: Timestamp, position: SourcePosition) -> Event {
        let (main, secondary) = RecordForm.split(text)
        switch self {
        case .bank, .fee:
            return Event(source: "bank.csv", kind: .transaction, time: time, text: prefix + text, amount: amount, position: position)
        case .credit:
            return Event(source: "bank.csv", kind: .transaction, time: time, text: prefix + text, amount: amount, position: position)
        case .ofx:
            return Event(source: "bank.ofx", kind: .transaction, time: time, counterparty: text, amount: amount, code: "DEBIT", position: position)
        case .card(let mcc):
            return Event(source: "bank.csv", kind: .transaction, time: time, counterparty: text, amount: amount, mcc: mcc, position: position)
        case .search:
            return Event(source: "google.my_activity", kind: .search, time: time, text: text, product: "Search", position: position)
        case .page:
            return Event(source: "browser.chrome", kind: .pageView, time: time, title: main, url: secondary, position: position)
        case .googlePage:
            return Event(source: "google.my_activity", kind: .pageView, time: time, title: main, url: secondary, product: "Chrome", position: position)
        case .watch:
            return Event(source: "google.my_activity", kind: .watch, time: time, title: main, counterparty: secondary, product: "YouTube", position: position)
        case .facebookPost:
            return Event(source: "meta.facebook", kind: .post, time: time, text: text, product: "posts", position: position)
        case .tweet:
            return Event(source: "twitter.archive", kind: .post, time: time, text: text, product: "tweets", position: position)
        case .redditComment:
            return Event(source: "reddit.csv", kind: .comment, time: time, text: text, product: "comments", position: position)
        case .like:
            return Event(source: "meta.facebook", kind: .like, time: time, title: text, product: "pages liked", position: position)
        case .group:
            return Event(source: "meta.facebook", kind: .activity, time: time, title: text, product: "groups joined", position: position)
        case .whatsapp:
            return Event(source: "whatsapp.chat", kind: .message, time: time, text: text, counterparty: "Chat", position: position)
        case .telegram:
            return Event(source: "telegram.desktop", kind: .message, time: time, text: text, counterparty: "Chat", position: position)
        case .sms:
            return Event(source: "android.sms_backup", kind: .message, time: time, text: text, counterparty: "Contact", position: position)
        case .facebookAd:
            return Event(source: "meta.facebook", kind: .adInterest, time: time, text: text, product: "ads interests", position: position)
        case .instagramAd:
            return Event(source: "meta.instagram", kind: .adInterest, time: time, text: text, product: "ads interests", position: position)
        case .tiktokAd:
            return Event(source: "tiktok.json", kind: .adInterest, time: time, text: text, product: "ad interests", position: position)
        case .visit:
            return Event(source: "google.semantic_location", kind: .visit, time: time, place: text, position: position)
        case .position:
            return Event(source: "linkedin.csv", kind: .position, time: time, title: secondary, counterparty: main,
                         product: "positions", position: position)
        }
    }

    /// `title | url` → (title, url); a text without ` | ` is all title.
    private static func split(_ text: String) -> (String, String?) {
        guard let range = text.range(of: " | ") else { return (text, nil) }
        return (String(text[..<range.lowerBound]), String(text[range.upperBound...]))
    }
}
